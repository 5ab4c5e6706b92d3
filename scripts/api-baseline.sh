#!/usr/bin/env bash
# `npm run api:baseline`: the current API becomes the baseline that `npm run api:check`
# compares with (jsii-diff). Run it when a version is released, and commit api-baseline/.
# jsii-diff loads a baseline folder as a package, so that it finds cdk8s, constructs and
# cdk8s-plus-28 through node_modules; a bare .jsii file would not resolve them. The declared
# breaking changes were against the old baseline: the list starts empty again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
node scripts/build.js
mkdir -p api-baseline
cp .jsii api-baseline/.jsii
node -e '
const p = require("./package.json");
const keep = { name: p.name, version: p.version, types: p.types, main: p.main, jsii: p.jsii, peerDependencies: p.peerDependencies, dependencies: p.dependencies, bundledDependencies: p.bundledDependencies };
require("fs").writeFileSync("api-baseline/package.json", JSON.stringify(keep, null, 2) + "\n");
'
cat > api-baseline/allowed-breaking-changes.txt <<'TXT'
# Breaking API changes against this baseline that are deliberate: one jsii-diff key a line
# (`npm run api:check` prints each key), each under a comment that says why.
TXT
echo "api-baseline/ now holds the API of $(node -p 'require("./package.json").version'); commit it"
