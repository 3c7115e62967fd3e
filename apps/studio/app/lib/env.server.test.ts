import { parseEnv } from './env.server';

describe('Studio environment', () => {
  it('runs in development with a development secret and plain cookies', () => {
    const env = parseEnv({});
    expect(env.NODE_ENV).toBe('development');
    expect(env.SESSION_SECRETS).toHaveLength(1);
    expect(env.COOKIE_SECURE).toBe(false);
    expect(env.READER_URL).toBe('http://localhost:3000');
  });

  it('refuses production without a session secret, or with a short one', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: required/);
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(
      /at least 32 characters/,
    );
  });

  it('marks cookies Secure in production, takes rotated secrets, and checks URLs', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      SESSION_SECRET: `${'a'.repeat(32)}, ${'b'.repeat(40)}`,
      READER_URL: 'https://read.example.org/',
    });
    expect(env.COOKIE_SECURE).toBe(true);
    expect(env.SESSION_SECRETS).toEqual(['a'.repeat(32), 'b'.repeat(40)]);
    expect(env.READER_URL).toBe('https://read.example.org');
    expect(() => parseEnv({ FOLIO_API_URL: 'not a url' })).toThrow(/FOLIO_API_URL/);
  });
});
