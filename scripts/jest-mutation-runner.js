// The jest runner of `npm run mutation` only (jest.mutation.config.js). Stryker picks a mutant's tests by
// name (testNamePattern) and turns jest's bail off, so plain jest loads every test file for every mutant,
// even the files where no test matches. This runner records which file holds which test names during
// Stryker's first full run, and afterwards passes on only the files with a matching name. A file it
// has no record of always runs, so the filter can only skip work, never a covering test.
'use strict';
const fs = require('fs');
const path = require('path');
const TestRunner = require('jest-runner').default;

const namesFile = (rootDir) => path.join(rootDir, '.stryker-test-names.json');

class MutationTestRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    // Outside a Stryker worker this is plain jest: no file is written into the repository.
    if (!process.env.STRYKER_MUTATOR_WORKER) return super.runTests(tests, watcher, options);
    const pattern = this._globalConfig.testNamePattern;
    const file = namesFile(this._globalConfig.rootDir);
    if (!pattern) return this.#recordNames(tests, watcher, options, file);
    let names;
    try {
      names = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      return super.runTests(tests, watcher, options);
    }
    // jest-circus matches testNamePattern case-insensitively against each test's full name.
    const wanted = new RegExp(pattern, 'i');
    const selected = tests.filter((t) => names[t.path] === undefined || names[t.path].some((n) => wanted.test(n)));
    return super.runTests(selected, watcher, options);
  }

  async #recordNames(tests, watcher, options, file) {
    const names = {};
    const off = this.on('test-file-success', ([test, result]) => {
      names[test.path] = result.testResults.map((r) => r.fullName);
    });
    try {
      return await super.runTests(tests, watcher, options);
    } finally {
      off();
      // Only a complete record is written: a file missing from it would be run anyway, but a file
      // recorded with too few names could be skipped wrongly.
      if (Object.keys(names).length === tests.length) fs.writeFileSync(file, JSON.stringify(names));
    }
  }
}

module.exports = MutationTestRunner;
