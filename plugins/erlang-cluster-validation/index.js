// The validation plugin that this repository's cdk8s.yaml wires in: the same class
// that the package ships as plugin/, loaded from the TypeScript source so that
// `cdk8s synth` here never runs a stale build.
require('../../scripts/register-ts');
module.exports = require('../../lib/validation/plugin.ts');
