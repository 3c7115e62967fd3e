import {
  MIN_PRODUCTION_SECRET_LENGTH,
  weakDatabasePasswordReason,
  weakSecretReason,
} from './production-secrets.js';

describe('weakSecretReason (the production-secret rule the API, the reader and Studio share)', () => {
  it('accepts a generated secret', () => {
    expect(weakSecretReason('b81e4d07c2a95f3e6d18a4c07b92e5f1d3a6c840')).toBeNull();
  });

  it.each([
    ['compose-example-forwarding-secret-change-me', 'change-me'],
    ['CHANGEME-CHANGEME-CHANGEME-CHANGEME-1234', 'changeme'],
    ['an-example-forwarding-secret-long-enough', 'example'],
    ['folio-development-only-reporter-key-secret', 'development-only'],
    ['put-your-secret-in-this-place-0123456789', 'your-secret'],
  ])('refuses the public placeholder %s, naming the word', (value, word) => {
    expect(weakSecretReason(value)).toBe(
      `is a placeholder (contains "${word}"); generate one: openssl rand -hex 32`,
    );
  });

  it(`refuses anything shorter than ${MIN_PRODUCTION_SECRET_LENGTH} characters`, () => {
    expect(MIN_PRODUCTION_SECRET_LENGTH).toBe(32);
    const short = 'b81e4d07c2a95f3e6d18a4c07b92e5f'; // 31
    expect(weakSecretReason(short)).toMatch(/must be at least 32 characters in production/);
    expect(weakSecretReason(`${short}1`)).toBeNull();
  });

  it('refuses a long value with too few distinct characters', () => {
    expect(weakSecretReason('ab'.repeat(20))).toBe(
      'has too few distinct characters to be a secret',
    );
    expect(weakSecretReason('0123456'.repeat(6))).toMatch(/too few distinct/);
  });
});

describe('weakDatabasePasswordReason', () => {
  it.each([
    'postgres://folio:folio@postgres:5432/folio',
    'postgres://folio:Password@db.internal:5432/folio',
    'postgres://folio:change-me-please@db.internal:5432/folio',
    'postgres://folio:%63hangeme@db.internal:5432/folio', // percent-encoded "changeme"
  ])('refuses the placeholder password in %s', (url) => {
    expect(weakDatabasePasswordReason(url)).toMatch(/its password is a public placeholder/);
  });

  it.each([
    'postgres://folio:folio@127.0.0.1:5433/folio',
    'postgres://folio:folio@localhost/folio',
    'postgres://folio:folio@[::1]:5432/folio',
  ])('lets a loopback database keep a placeholder password (%s)', (url) => {
    expect(weakDatabasePasswordReason(url)).toBeNull();
  });

  it('accepts a real password, no password, and leaves a malformed URL to its own check', () => {
    expect(
      weakDatabasePasswordReason('postgres://folio:9f2c1e8ab47d@db.internal:5432/folio'),
    ).toBeNull();
    expect(weakDatabasePasswordReason('postgres://folio@db.internal:5432/folio')).toBeNull();
    expect(weakDatabasePasswordReason('not a url')).toBeNull();
  });
});
