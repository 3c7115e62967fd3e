import { parseReaderEnv } from './env';

const REAL_FORWARDING = 'b81e4d07c2a95f3e6d18a4c07b92e5f1d3a6c840';

/** The message parseReaderEnv refuses with, or null when it accepts. */
function refusal(source: Record<string, string | undefined>): string | null {
  try {
    parseReaderEnv(source);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('parseReaderEnv (the reader) in production', () => {
  it('starts with a real forwarding secret', () => {
    expect(
      parseReaderEnv({ NODE_ENV: 'production', FORWARDED_ADDRESS_SECRET: REAL_FORWARDING })
        .FORWARDED_ADDRESS_SECRET,
    ).toBe(REAL_FORWARDING);
  });

  it('refuses to start without FORWARDED_ADDRESS_SECRET (production is its default)', () => {
    expect(refusal({})).toMatch(/FORWARDED_ADDRESS_SECRET: must be set in production/);
    expect(refusal({ NODE_ENV: 'production' })).toMatch(/FORWARDED_ADDRESS_SECRET/);
  });

  it.each([
    'compose-example-forwarding-secret-change-me',
    'change-me-to-another-long-random-string',
    'an-example-forwarding-secret-long-enough',
    'PLACEHOLDER-PLACEHOLDER-PLACEHOLDER',
  ])('refuses the public placeholder %s', (placeholder) => {
    expect(refusal({ NODE_ENV: 'production', FORWARDED_ADDRESS_SECRET: placeholder })).toMatch(
      /FORWARDED_ADDRESS_SECRET: is a placeholder/,
    );
  });

  it('refuses a secret shorter than 32 characters', () => {
    expect(
      refusal({ NODE_ENV: 'production', FORWARDED_ADDRESS_SECRET: 'a1b2c3d4e5f6a7b8c9d0' }),
    ).toMatch(/FORWARDED_ADDRESS_SECRET: must be at least 32 characters/);
  });

  it('needs no secret in development', () => {
    expect(refusal({ NODE_ENV: 'development' })).toBeNull();
  });
});
