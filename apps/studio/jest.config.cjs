const { createJestConfig } = require('@folio/jest-config');

// Two projects: unit tests of the helpers (cookies, CSRF, env, Markdown) and of the server, and
// end-to-end tests that drive Debian's Chromium against the real stack (embedded PostgreSQL,
// API, reader, Studio).
module.exports = {
  // The end-to-end files share one stack and one database: run files one at a time.
  maxWorkers: 1,
  testTimeout: 90_000,
  projects: [
    createJestConfig({
      displayName: 'studio',
      testMatch: ['<rootDir>/app/**/*.test.ts?(x)', '<rootDir>/server/**/*.test.ts'],
      extra: {
        moduleNameMapper: {
          '^~/(.*)$': '<rootDir>/app/$1',
          '^(\\.{1,2}/.*)\\.js$': '$1',
        },
      },
    }),
    createJestConfig({
      displayName: 'studio-e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
      extra: {
        globalSetup: '<rootDir>/test/e2e/global-setup.mjs',
        globalTeardown: '<rootDir>/test/e2e/global-teardown.mjs',
      },
    }),
  ],
};
