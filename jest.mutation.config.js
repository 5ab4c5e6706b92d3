// The jest config that `npm run mutation` (StrykerJS) runs: the package's own jest config, minus
// the suites that spawn processes (a child process does not run the sandbox's mutated code the
// way jest does). The slow in-process suites stay: the runner below runs them last, and only
// for the mutants whose covering tests they hold. docs/mutation.md has the details.
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
    '/test/package/helm\\.test\\.ts$', // runs the helm binary (~9 s)
    '/test/package/two-copies\\.test\\.ts$', // spawns two synths side by side (~9 s)
    '/test/package/cdk8s-plugin\\.test\\.ts$', // spawns `cdk8s synth` (~4 s)
    // Suites that read lib/'s source text (the sandbox holds it instrumented) or examples/ (not copied):
    '/test/architecture\\.test\\.ts$', // the import layers
    '/test/constructs/defaults\\.test\\.ts$', // each default written once
    '/test/e2e-models/chat-example\\.test\\.ts$', // examples/chat's rel files
    '/test/package/public-surface\\.test\\.ts$', // lib/index.ts's text and the jsii assembly (not in the sandbox)
  ],
};
