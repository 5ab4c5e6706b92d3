// The jest runner of `npm run mutation` only (jest.mutation.config.js). Stryker picks a mutant's tests by
// name (testNamePattern) and cannot make jest bail, so plain jest loads every test file for every mutant,
// even the files where no test matches, and goes on after a test has failed. During Stryker's full first
// run this runner records which file holds which test names and how long it takes; afterwards it runs
// only the files with a matching name, fastest first, and stops at the first file with a failure (the
// mutant is killed then; Stryker's default, without --disableBail, needs no more). A file it has no
// record of always runs, so the filter can only skip work, never a covering test.
'use strict';
const fs = require('fs');
const path = require('path');
const TestRunner = require('jest-runner').default;

const recordFile = (rootDir) => path.join(rootDir, '.stryker-test-names.json');

class MutationTestRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    // Outside a Stryker worker this is plain jest: no file is written into the repository.
    if (!process.env.STRYKER_MUTATOR_WORKER) return super.runTests(tests, watcher, options);
    const pattern = this._globalConfig.testNamePattern;
    const file = recordFile(this._globalConfig.rootDir);
    if (!pattern) return this.#record(tests, watcher, options, file);
    let record;
    try {
      record = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      return super.runTests(tests, watcher, options);
    }
    // jest-circus matches testNamePattern case-insensitively against each test's full name.
    const wanted = new RegExp(pattern, 'i');
    const selected = tests
      .filter((t) => record[t.path] === undefined || record[t.path].names.some((n) => wanted.test(n)))
      .sort((a, b) => (record[a.path]?.ms ?? Infinity) - (record[b.path]?.ms ?? Infinity));
    for (const test of selected) {
      let failed = false;
      const offSuccess = this.on('test-file-success', ([, result]) => (failed = result.numFailingTests > 0 || result.testExecError !== undefined));
      const offFailure = this.on('test-file-failure', () => (failed = true));
      try {
        await super.runTests([test], watcher, options);
      } finally {
        offSuccess();
        offFailure();
      }
      if (failed) break;
    }
  }

  async #record(tests, watcher, options, file) {
    const record = {};
    const off = this.on('test-file-success', ([test, result]) => {
      record[test.path] = { names: result.testResults.map((r) => r.fullName), ms: result.perfStats.runtime };
    });
    try {
      return await super.runTests(tests, watcher, options);
    } finally {
      off();
      // Only a complete record is written: a file missing from it would run anyway, but a file
      // recorded with too few names could be skipped wrongly.
      if (Object.keys(record).length === tests.length) fs.writeFileSync(file, JSON.stringify(record));
    }
  }
}

module.exports = MutationTestRunner;
