import { env as appEnv } from '../app/lib/env.server';
import { parseReaderEnv, readerEnv } from './env';

describe("the reader's environment", () => {
  it('is parsed once per process: the server and the Remix app read the same values', () => {
    expect(appEnv()).toBe(readerEnv());
    expect(Object.isFrozen(readerEnv())).toBe(true);
  });

  it('has one default for NODE_ENV, and the server and app variables in one schema', () => {
    const env = parseReaderEnv({
      FORWARDED_ADDRESS_SECRET: 'b81e4d07c2a95f3e6d18a4c07b92e5f1d3a6c840',
    });
    expect(env.NODE_ENV).toBe('production');
    expect(env.SITE_NAME).toBe('Folio');
    expect(env.READER_PAGE_CACHE_MB).toBe(64);
  });

  it('names every variable at fault', () => {
    expect(() => parseReaderEnv({ PUBLIC_URL: 'not a url' })).toThrow(
      'Invalid environment:\n  PUBLIC_URL: Invalid url',
    );
    expect(() =>
      parseReaderEnv({ HTTP_HEADERS_TIMEOUT_SECONDS: '60', HTTP_REQUEST_TIMEOUT_SECONDS: '30' }),
    ).toThrow('HTTP_HEADERS_TIMEOUT_SECONDS: must not exceed HTTP_REQUEST_TIMEOUT_SECONDS');
    expect(() => parseReaderEnv({ PORT: '0', FORWARDED_ADDRESS_SECRET: 'short' })).toThrow(
      /PORT: .*\n {2}FORWARDED_ADDRESS_SECRET: /,
    );
  });
});
