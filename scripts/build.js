#!/usr/bin/env node
'use strict';
// `npm run build` (also run by `prepare`): jsii compiles lib/ and imports/ to build/
// (tsconfig.jsii.json) and writes the assembly `.jsii`, from which the Python, Java, Go
// and .NET bindings are generated. Every warning is an error, with two named exceptions:
//
// * reserved-word (JSII5018): `namespace`, `type`, `object`, `fixed`, `except` are words of
//   some target language. They are also cdk8s and cdk8s-plus vocabulary (cdk8s-plus-28 has
//   `namespace`, `type`, `object` and `except` props itself), and jsii-pacmak escapes them in
//   each language (Python `except_`, C# PascalCase), so the names stay.
// * metadata/missing-dev-dependency (JSII6): jsii wants the devDependency of each peer at
//   the peer range's minimum. Ours differ on purpose: the consumer smoke test
//   (test/consumer/smoke.sh) checks the oldest cdk8s of the peer range (2.68.12), and the
//   devDependency (2.70.106) is the version the fast synth is verified on
//   (VERIFIED_CDK8S_VERSIONS in lib/synth). Raising the peer would drop a tested version;
//   lowering the devDependency would stop testing the fast synth. The only effect on the
//   bindings: the generated Go module requires cdk8s-core-go v2.70.106 at least (Python,
//   Java and .NET keep the peer range).
//
// JSII9998 (a free function, constant or type alias in the public API) is made an error
// in package.json's `jsii.diagnostics`. Node 20 is supported here: jsii's end-of-life
// notice for it is silenced.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const jsii = path.join(root, 'node_modules', '.bin', 'jsii');
const args = ['--fail-on-warnings', '--silence-warnings', 'reserved-word', '--silence-warnings', 'metadata/missing-dev-dependency'];
const r = spawnSync(jsii, args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' },
});
if (r.error) throw r.error;
process.exitCode = r.status ?? 1;
