import { parseCliEnv, parseEnv } from './env.js';

describe('the command-line tools’ environment', () => {
  it('takes DATABASE_URL when it is set, and means the embedded PostgreSQL when unset or empty', () => {
    expect(parseCliEnv({ DATABASE_URL: 'postgres://db.example/folio' }).DATABASE_URL).toBe(
      'postgres://db.example/folio',
    );
    expect(parseCliEnv({}).DATABASE_URL).toBeUndefined();
    expect(parseCliEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names a DATABASE_URL that is not a URL instead of failing later on it', () => {
    expect(() => parseCliEnv({ DATABASE_URL: 'db host and port' })).toThrow(
      /Invalid environment:\n {2}DATABASE_URL: Invalid url/,
    );
  });

  it('ignores the server’s variables, which a token command does not need', () => {
    expect(() => parseCliEnv({ PORT: 'not a port', INIT_CWD: '/home/me' })).not.toThrow();
    expect(parseCliEnv({ INIT_CWD: '/home/me' }).INIT_CWD).toBe('/home/me');
  });
});

const REAL_REPORTER_KEY = '5f0c2a9e7b41d3886e1f4a0c9b27d5e3a8f61c04';
const REAL_FORWARDING = 'b81e4d07c2a95f3e6d18a4c07b92e5f1d3a6c840';

function production(overrides: Record<string, string | undefined> = {}) {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://folio:Xq81vTz0pLm4Rk2w@postgres:5432/folio',
    REPORTER_KEY_SECRET: REAL_REPORTER_KEY,
    FORWARDED_ADDRESS_SECRET: REAL_FORWARDING,
    ...overrides,
  };
}

/** The message parseEnv refuses with, or null when it accepts. */
function refusal(source: Record<string, string | undefined>): string | null {
  try {
    parseEnv(source);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('parseEnv in production', () => {
  it('starts with real secrets', () => {
    const env = parseEnv(production());
    expect(env.REPORTER_KEY_SECRET).toBe(REAL_REPORTER_KEY);
    expect(env.FORWARDED_ADDRESS_SECRET).toBe(REAL_FORWARDING);
  });

  it.each(['REPORTER_KEY_SECRET', 'FORWARDED_ADDRESS_SECRET'])(
    'refuses to start without %s, naming it',
    (name) => {
      expect(refusal(production({ [name]: undefined }))).toMatch(
        new RegExp(`${name}: must be set in production`),
      );
    },
  );

  it.each([
    // what the old docker-compose.yml fell back to and the old .env.example shipped
    ['compose-example-reporter-secret-change-me'],
    ['compose-example-forwarding-secret-change-me'],
    ['change-me-to-a-long-random-string'],
    ['change-me-to-another-long-random-string'],
    ['folio-development-only-reporter-key-secret'],
    ['REPLACE_ME_with_something_long_and_random_0001'],
    ['this-is-an-example-value-that-is-long-enough'],
  ])('refuses the public placeholder %s for both secrets', (placeholder) => {
    for (const name of ['REPORTER_KEY_SECRET', 'FORWARDED_ADDRESS_SECRET']) {
      expect(refusal(production({ [name]: placeholder }))).toContain(`${name}: `);
    }
  });

  it('refuses secrets shorter than 32 characters or made of a few repeated characters', () => {
    expect(refusal(production({ FORWARDED_ADDRESS_SECRET: 'a1b2c3d4e5f6a7b8c9d0' }))).toMatch(
      /FORWARDED_ADDRESS_SECRET: must be at least 32 characters/,
    );
    expect(refusal(production({ REPORTER_KEY_SECRET: 'ab'.repeat(20) }))).toMatch(
      /REPORTER_KEY_SECRET: has too few distinct characters/,
    );
  });

  it('lists every problem at once, so an operator fixes them in one go', () => {
    const message = refusal(
      production({
        REPORTER_KEY_SECRET: undefined,
        FORWARDED_ADDRESS_SECRET: 'please-change-me-before-going-live',
      }),
    );
    expect(message).toContain('REPORTER_KEY_SECRET');
    expect(message).toContain('FORWARDED_ADDRESS_SECRET');
  });

  it('refuses a placeholder database password on a networked database, not on loopback', () => {
    expect(
      refusal(production({ DATABASE_URL: 'postgres://folio:folio@postgres:5432/folio' })),
    ).toMatch(/DATABASE_URL: its password is a public placeholder/);
    expect(
      refusal(production({ DATABASE_URL: 'postgres://folio:change-me@db.internal:5432/folio' })),
    ).toMatch(/DATABASE_URL/);
    // The embedded PostgreSQL of npm start, the tests and the bench listens on loopback only.
    expect(
      refusal(production({ DATABASE_URL: 'postgres://folio:folio@127.0.0.1:5433/folio' })),
    ).toBeNull();
  });
});

describe('parseEnv outside production', () => {
  it('starts with no secrets at all, for npm start and the tests', () => {
    const env = parseEnv({
      NODE_ENV: 'development',
      DATABASE_URL: 'postgres://folio:folio@127.0.0.1:5432/folio',
    });
    expect(env.FORWARDED_ADDRESS_SECRET).toBeUndefined();
    expect(env.REPORTER_KEY_SECRET.length).toBeGreaterThanOrEqual(16);
  });
});
