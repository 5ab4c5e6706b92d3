// The cdk8s validation plugin, as the cdk8s CLI loads it from a consumer's cdk8s.yaml:
//   validations: [{ package: ./node_modules/cdk8s-erlang-cluster/plugin, version: 0.1.0, class: ErlangClusterValidation }]
// Source: lib/validation/plugin.ts, compiled by `npm run build`.
'use strict';
module.exports = require('../build/lib/validation/plugin.js');
