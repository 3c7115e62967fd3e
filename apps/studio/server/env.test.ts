import { env as appEnv } from '../app/lib/env.server';
import { parseStudioEnv, studioEnv } from './env';

const SECRET = 'b81e4d07c2a95f3e6d18a4c07b92e5f1d3a6c840';

describe("Studio's environment", () => {
  it('is parsed once per process: the server and the Remix app read the same values', () => {
    expect(appEnv()).toBe(studioEnv());
    expect(Object.isFrozen(studioEnv())).toBe(true);
  });

  it('has one default for NODE_ENV, and the server and app variables in one schema', () => {
    const env = parseStudioEnv({ SESSION_SECRET: SECRET, FORWARDED_ADDRESS_SECRET: SECRET });
    expect(env.NODE_ENV).toBe('production');
    expect(env.COOKIE_SECURE).toBe(true);
    expect(env.PORT).toBe(3001);
    expect(env.HTTP_MAX_CONNECTIONS).toBe(1024);
    expect(env.SHUTDOWN_DRAIN_SECONDS).toBe(10);
  });

  it('names every variable at fault', () => {
    expect(() => parseStudioEnv({ NODE_ENV: 'test', READER_URL: 'not a url' })).toThrow(
      'Invalid environment:\n  READER_URL: Invalid url',
    );
    expect(() =>
      parseStudioEnv({
        NODE_ENV: 'test',
        HTTP_HEADERS_TIMEOUT_SECONDS: '60',
        HTTP_REQUEST_TIMEOUT_SECONDS: '30',
      }),
    ).toThrow('HTTP_HEADERS_TIMEOUT_SECONDS: must not exceed HTTP_REQUEST_TIMEOUT_SECONDS');
    expect(() => parseStudioEnv({ NODE_ENV: 'test', PORT: '0', SESSION_SECRET: 'short' })).toThrow(
      /PORT: .*\n {2}SESSION_SECRET: /,
    );
  });
});
