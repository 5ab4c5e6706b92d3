// StrykerJS: `npm run mutation` (docs/mutation.md). Not part of `npm test` or CI: even
// scoped to the fast suites it takes tens of minutes on 2 cores.
//   npm run mutation                                   # all of lib/, incremental
//   npm run mutation -- --mutate 'lib/validation/**/*.ts'
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  // enableFindRelatedTests off: jest's related-test search misses tests that reach lib/ through the
  // package name (moduleNameMapper), and then whole files show as not covered.
  jest: { projectType: 'custom', configFile: 'jest.mutation.config.js', enableFindRelatedTests: false },
  // Run each mutant only against the tests that cover it.
  coverageAnalysis: 'perTest',
  // No TypeScript checker: tsc per mutant is far too slow here; a mutant that does not
  // type-check but passes the tests still shows as survived.
  checkers: [],
  // Mutants in code that runs once at module load (tables, constants) would need a
  // full jest run each; skip them.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 5000,
  mutate: [
    'lib/**/*.ts',
    '!lib/index.ts', // re-exports only
  ],
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  // Not needed by the mutation suites; keeps the sandbox copy small.
  ignorePatterns: ['/build', '/reports', '/scratch', '/secrets', '/bench', '/examples', '/.dist.staging-*', '/dist.old-*'],
};
