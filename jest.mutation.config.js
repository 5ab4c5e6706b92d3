// The jest config that `npm run mutation` (StrykerJS) runs: the package's own jest config,
// minus the suites that spawn processes or take seconds. A mutant is tested only by the
// tests that cover it (coverageAnalysis 'perTest'), so these exclusions cost mutants in
// code that only the excluded suites reach; docs/mutation.md lists what they are.
'use strict';
const base = require('./package.json').jest;

module.exports = {
  ...base,
  rootDir: __dirname,
  // Runs only the test files that hold the tests Stryker asks for (see the file).
  runner: '<rootDir>/scripts/jest-mutation-runner.js',
  testPathIgnorePatterns: [
    '/node_modules/',
    '/test/consumer/', // the consumer smoke test: npm pack + tsc in a temp project
    '/test/helm\\.test\\.ts$', // runs the helm binary (~9 s)
    '/test/two-copies\\.test\\.ts$', // spawns two synths side by side (~9 s)
    '/test/cdk8s-plugin\\.test\\.ts$', // spawns `cdk8s synth` (~4 s)
    '/test/properties\\.test\\.ts$', // 1 050 random apps per run (~2.5 s); seeded, run by npm test
    // Over a second each, and they cover nearly every line of lib/: with them a mutant in a shared
    // module (props, shapes, errors) costs ~10 s on a busy 2-core machine, and lib/ has ~3 000.
    '/test/bad-input\\.test\\.ts$', // ~1.7 s, the whole bad-input table through the constructs
    '/test/bad-input-round2\\.test\\.ts$', // ~1.1 s, idem
    '/test/linear-synth\\.test\\.ts$', // ~1.3 s, synthesizes large apps twice
    '/test/prop-shapes\\.test\\.ts$', // ~2 s, parses cdk8s-plus-28's declarations (prop-shapes.ts is static data)
  ],
};
