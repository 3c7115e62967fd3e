// One jest preset for every workspace.
// - TypeScript runs through SWC, with legacy decorators and their metadata (type-graphql and
//   TypeORM read the metadata, which esbuild-based runners do not emit).
// - Jest on Node 20 cannot require() ES modules, so the few ESM-only dependencies are
//   transformed to CommonJS along with our own sources.
// - Sources import siblings with the `.js` extension (NodeNext); the mapper strips it.
// css-select (with linkedom, for the saved-page importer) and its own copies of the dom* helpers
// are ESM-only.
const esmOnlyPackages = [
  'github-slugger',
  'css-select',
  'css-what',
  'nth-check',
  'boolbase',
  'dom-serializer',
  'domelementtype',
  'domhandler',
  'domutils',
  'entities',
  'cssomnom',
];

function swc(parser) {
  return [
    require.resolve('@swc/jest'),
    {
      jsc: {
        target: 'es2022',
        parser,
        transform: {
          legacyDecorator: true,
          decoratorMetadata: true,
          react: { runtime: 'automatic' },
        },
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
    },
  ];
}

/** @param {{ displayName: string, testMatch?: string[], extra?: object }} options */
function createJestConfig({ displayName, testMatch, extra = {} }) {
  return {
    displayName,
    testEnvironment: 'node',
    testMatch: testMatch ?? ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
    transform: {
      '^.+\\.(t|j|mj)s$': swc({ syntax: 'typescript', decorators: true }),
      '^.+\\.tsx$': swc({ syntax: 'typescript', tsx: true }),
    },
    transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
    moduleNameMapper: {
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
    ...extra,
  };
}

module.exports = { createJestConfig };
