const { createJestConfig } = require('@folio/jest-config');

module.exports = createJestConfig({ displayName: 'server-kit' });
