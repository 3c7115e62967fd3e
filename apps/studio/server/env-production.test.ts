import { parseStudioEnv } from './env';

const REAL_SESSION = 'b81e4d07c2a95f3e6d18a4c07b92e5f1d3a6c840';
const REAL_FORWARDING = '5f0a9c1e7d3b8a2f6e4c0d9b1a7f3e5c8d2b6a40';
const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: REAL_SESSION,
  FORWARDED_ADDRESS_SECRET: REAL_FORWARDING,
};

/** The message parseStudioEnv refuses with, or null when it accepts. */
function refusal(source: Record<string, string | undefined>): string | null {
  try {
    parseStudioEnv(source);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('parseStudioEnv (Studio) in production', () => {
  it('starts with real secrets', () => {
    const env = parseStudioEnv(PRODUCTION);
    expect(env.SESSION_SECRETS).toEqual([REAL_SESSION]);
    expect(env.FORWARDED_ADDRESS_SECRET).toBe(REAL_FORWARDING);
  });

  it('refuses to start without SESSION_SECRET or FORWARDED_ADDRESS_SECRET (production is its default)', () => {
    expect(refusal({})).toMatch(/SESSION_SECRET: required in production/);
    expect(refusal({})).toMatch(/FORWARDED_ADDRESS_SECRET: must be set in production/);
    expect(refusal({ ...PRODUCTION, SESSION_SECRET: ' , ' })).toMatch(
      /SESSION_SECRET: required in production/,
    );
    expect(refusal({ ...PRODUCTION, FORWARDED_ADDRESS_SECRET: undefined })).toMatch(
      /FORWARDED_ADDRESS_SECRET: must be set in production/,
    );
  });

  it.each([
    'compose-example-studio-session-secret-change-me',
    'change-me-to-another-long-random-string',
    'an-example-session-secret-long-enough-to-pass',
    'PLACEHOLDER-PLACEHOLDER-PLACEHOLDER',
    // What Studio signs with outside production: printed in its source, so never in production.
    'folio-studio-development-only-session-secret',
  ])('refuses the public placeholder %s as SESSION_SECRET', (placeholder) => {
    expect(refusal({ ...PRODUCTION, SESSION_SECRET: placeholder })).toMatch(
      /SESSION_SECRET: is a placeholder/,
    );
  });

  it('refuses a short or low-variety session secret, naming which of a rotated list', () => {
    expect(refusal({ ...PRODUCTION, SESSION_SECRET: 'a1b2c3d4e5f6a7b8c9d0' })).toMatch(
      /SESSION_SECRET: must be at least 32 characters/,
    );
    expect(refusal({ ...PRODUCTION, SESSION_SECRET: 'ab'.repeat(20) })).toMatch(
      /SESSION_SECRET: has too few distinct characters/,
    );
    expect(refusal({ ...PRODUCTION, SESSION_SECRET: `${REAL_SESSION},${'a'.repeat(40)}` })).toMatch(
      /SESSION_SECRET: secret 2: has too few distinct characters/,
    );
  });

  it('refuses a placeholder or short forwarding secret', () => {
    expect(
      refusal({
        ...PRODUCTION,
        FORWARDED_ADDRESS_SECRET: 'compose-example-forwarding-secret-change-me',
      }),
    ).toMatch(/FORWARDED_ADDRESS_SECRET: is a placeholder/);
    expect(refusal({ ...PRODUCTION, FORWARDED_ADDRESS_SECRET: 'a1b2c3d4e5f6a7b8c9d0' })).toMatch(
      /FORWARDED_ADDRESS_SECRET: must be at least 32 characters/,
    );
  });

  it('needs no secret in development, and signs with its own there', () => {
    expect(refusal({ NODE_ENV: 'development' })).toBeNull();
    expect(parseStudioEnv({ NODE_ENV: 'test' }).SESSION_SECRETS).toEqual([
      'folio-studio-development-only-session-secret',
    ]);
  });
});
