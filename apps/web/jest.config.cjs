const { createJestConfig } = require('@folio/jest-config');

// Two projects: fast unit tests of components and loaders, and end-to-end tests that drive
// Debian's Chromium against the real stack (embedded PostgreSQL, API, built reader).
module.exports = {
  // The end-to-end files share one stack and one database: run files one at a time.
  maxWorkers: 1,
  // Browser tests drive real pages over real HTTP; a unit test never comes close.
  testTimeout: 60_000,
  projects: [
    createJestConfig({
      displayName: 'web',
      testMatch: ['<rootDir>/app/**/*.test.ts?(x)', '<rootDir>/server/**/*.test.ts'],
      extra: {
        moduleNameMapper: {
          '^~/(.*)$': '<rootDir>/app/$1',
          '^(\\.{1,2}/.*)\\.js$': '$1',
          '\\.css\\?url$': '<rootDir>/test/style-stub.cjs',
        },
      },
    }),
    createJestConfig({
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
      extra: {
        globalSetup: '<rootDir>/test/e2e/global-setup.mjs',
        globalTeardown: '<rootDir>/test/e2e/global-teardown.mjs',
      },
    }),
  ],
};
