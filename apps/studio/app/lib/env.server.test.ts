import { parseEnv } from './env.server';

const SECRET = 'b81e4d07c2a95f3e6d18a4c07b92e5f1d3a6c840';
const OTHER_SECRET = '5f0a9c1e7d3b8a2f6e4c0d9b1a7f3e5c8d2b6a40';

describe('Studio environment', () => {
  it('runs in development with a development secret and plain cookies', () => {
    const env = parseEnv({ NODE_ENV: 'development' });
    expect(env.NODE_ENV).toBe('development');
    expect(env.SESSION_SECRETS).toHaveLength(1);
    expect(env.COOKIE_SECURE).toBe(false);
    expect(env.READER_URL).toBe('http://localhost:3000');
  });

  it('refuses production without a session secret, or with a short one', () => {
    const production = { NODE_ENV: 'production', FORWARDED_ADDRESS_SECRET: SECRET };
    expect(() => parseEnv(production)).toThrow(/SESSION_SECRET: required/);
    expect(() => parseEnv({ ...production, SESSION_SECRET: 'short' })).toThrow(
      /at least 32 characters/,
    );
    expect(() => parseEnv({ NODE_ENV: 'development', SESSION_SECRET: 'short' })).toThrow(
      /at least 32 characters/,
    );
  });

  it('marks cookies Secure in production, takes rotated secrets, and checks URLs', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      SESSION_SECRET: `${SECRET}, ${OTHER_SECRET}`,
      FORWARDED_ADDRESS_SECRET: SECRET,
      READER_URL: 'https://read.example.org/',
    });
    expect(env.COOKIE_SECURE).toBe(true);
    expect(env.SESSION_SECRETS).toEqual([SECRET, OTHER_SECRET]);
    expect(env.READER_URL).toBe('https://read.example.org');
    expect(() => parseEnv({ NODE_ENV: 'development', FOLIO_API_URL: 'not a url' })).toThrow(
      /FOLIO_API_URL/,
    );
  });
});
