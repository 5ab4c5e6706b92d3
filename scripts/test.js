// `npm test`: the type-checks (the repository, and the library as it ships), the linter, the format check and the jest suite, side by
// side (2 cores: ~40% faster than one after the other). Extra arguments go to jest.
// Fails if any fails, with one line per failed check after their output.
'use strict';
const { spawn } = require('child_process');
const path = require('path');

const bin = (name) => path.join(__dirname, '..', 'node_modules', '.bin', name);
const run = (cmd, args) =>
  new Promise((resolve) => {
    spawn(cmd, args, { stdio: 'inherit' }).on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
// The caches live with the others; a re-run checks only what changed.
const cache = path.join('node_modules', '.cache', 'cdk8s-erlang-cluster');

const checks = [
  ['the type-check (tsc --noEmit) failed', run(bin('tsc'), ['--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', path.join(cache, 'tsbuildinfo')])],
  // The library alone, as it ships (the config jsii builds it with): stricter flags, no jest types.
  [
    'the library type-check (tsc -p tsconfig.jsii.json --noEmit) failed',
    run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.jsii.json', '--incremental', '--tsBuildInfoFile', path.join(cache, 'tsbuildinfo-lib')]),
  ],
  [
    'the linter (eslint --max-warnings 0) failed: see its findings above; `npm run lint` runs it alone',
    run(bin('eslint'), ['--max-warnings', '0', '--cache', '--cache-location', path.join(cache, 'eslintcache'), '.']),
  ],
  [
    'the format check (prettier --check) failed: the files listed above are not formatted; `npm run format` formats them',
    run(bin('prettier'), ['--check', '--log-level', 'warn', '--cache', '--cache-location', path.join(cache, 'prettiercache'), '.']),
  ],
  ['the jest suite failed', run(bin('jest'), process.argv.slice(2))],
];

Promise.all(checks.map(([, done]) => done)).then((codes) => {
  codes.forEach((code, i) => {
    if (code !== 0) process.stderr.write(`npm test: ${checks[i][0]}\n`);
  });
  process.exit(codes.find((code) => code !== 0) ?? 0);
});
