const { createJestConfig } = require('@folio/jest-config');

module.exports = createJestConfig({
  displayName: 'deploy',
  testMatch: ['<rootDir>/src/**/*.test.ts'],
});
