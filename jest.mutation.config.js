// The jest config that `npm run mutation` (StrykerJS) runs: the package's own jest config,
// minus the suites that spawn processes or take seconds. A mutant is tested only by the
// tests that cover it (coverageAnalysis 'perTest'), so these exclusions cost mutants in
// code that only the excluded suites reach; docs/mutation.md lists what they are.
'use strict';
const base = require('./package.json').jest;

module.exports = {
  ...base,
  rootDir: __dirname,
  testPathIgnorePatterns: [
    '/node_modules/',
    '/test/consumer/', // the consumer smoke test: npm pack + tsc in a temp project
    '/test/helm\\.test\\.ts$', // runs the helm binary (~9 s)
    '/test/two-copies\\.test\\.ts$', // spawns two synths side by side (~9 s)
    '/test/cdk8s-plugin\\.test\\.ts$', // spawns `cdk8s synth` (~4 s)
    '/test/properties\\.test\\.ts$', // 1 050 random apps per run (~2.5 s); seeded, run by npm test
  ],
};
