const { createJestConfig } = require('@folio/jest-config');

// Two projects: unit and integration tests against one embedded PostgreSQL (with a migrated
// template database that each test file clones), and fault tests that start, stop and signal
// real processes (their own PostgreSQL instances and the built API).
module.exports = {
  testTimeout: 60_000,
  projects: [
    createJestConfig({
      displayName: 'api',
      extra: {
        globalSetup: '<rootDir>/test/global-setup.mjs',
        globalTeardown: '<rootDir>/test/global-teardown.mjs',
        setupFiles: ['reflect-metadata'],
        // The fault tests are the other project's; run here too they would run twice, at once.
        testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/faults/'],
      },
    }),
    createJestConfig({
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.fault.test.ts'],
    }),
  ],
};
