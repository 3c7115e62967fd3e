const { createJestConfig } = require('@folio/jest-config');

module.exports = createJestConfig({
  displayName: 'api',
  extra: {
    // One embedded PostgreSQL per run, with a migrated template database; each test file
    // clones the template into a database of its own.
    globalSetup: '<rootDir>/test/global-setup.mjs',
    globalTeardown: '<rootDir>/test/global-teardown.mjs',
    setupFiles: ['reflect-metadata'],
    testTimeout: 30_000,
  },
});
