const { createJestConfig } = require('@folio/jest-config');

module.exports = createJestConfig({
  displayName: 'ui',
  testMatch: ['<rootDir>/src/**/*.test.ts?(x)'],
});
