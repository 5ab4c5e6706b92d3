#!/usr/bin/env bash
# The consumer smoke test (`npm run smoke`, run by CI): what a new user does.
#  1. npm pack this repository; the tarball must hold the built library and nothing of the repo's own.
#  2. A project from cdk8s-cli's typescript-app template (`cdk8s init`; only its final
#     `cdk8s import` step needs the internet), unmodified: its tsconfig, its app command,
#     its own cdk8s. Install the tarball; exactly one cdk8s may be in node_modules.
#  3. The README example and ./shop-chart.ts (all four constructs, a mesh of two clusters):
#     tsc, node main.js, and cdk8s synth with our validation plugin; a broken chart
#     (./broken.ts) must be refused by the plugin.
#  4. The output must equal the same chart built in this repository, also with the
#     oldest cdk8s of our peer range (where synthCharts falls back to app.synth()).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/test/consumer"
OLDEST_CDK8S=2.68.12
export CDK8S_CHECK_UPGRADE=false
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step() { printf '== smoke: %s\n' "$*"; }
fail() { printf 'FAIL smoke: %s\n' "$*" >&2; exit 1; }

step "npm pack"
(cd "$root" && npm pack --silent --pack-destination "$work" >/dev/null)
tarball=$(ls "$work"/cdk8s-erlang-cluster-*.tgz)
listing=$(tar tzf "$tarball")
for f in package/.jsii package/build/lib/index.js package/build/lib/index.d.ts package/build/lib/index.js.map package/build/lib/synth/index.js package/build/imports/crd-definitions.json \
         package/build/imports/k8s-v1.28.0.definitions.json package/plugin/index.js package/LICENSE package/README.md; do
  grep -qx "$f" <<<"$listing" || fail "the tarball lacks $f"
done
if grep -E '^package/(test|e2e|bench|dist|\.ci|charts|scripts|examples|docs)/' <<<"$listing"; then fail "the tarball ships repository files (above)"; fi
# The bundled dependencies (package/node_modules/: ajv ships its TypeScript sources) are theirs.
if grep -E '^package/.*\.ts$' <<<"$listing" | grep -v '\.d\.ts$' | grep -v '^package/node_modules/'; then fail "the tarball ships TypeScript sources (above)"; fi

step "cdk8s init typescript-app (offline up to its import step)"
consumer="$work/consumer"
mkdir "$consumer" && cd "$consumer"
if ! "$root/node_modules/.bin/cdk8s" init typescript-app >"$work/init.log" 2>&1; then
  grep -q 'Command failed: npm run import' "$work/init.log" || { cat "$work/init.log"; fail "cdk8s init failed before its import step"; }
fi
[ -f tsconfig.json ] && [ -d node_modules/cdk8s ] || fail "cdk8s init did not install the template"
# The template's sample chart and its test: replaced by ours, as a user would.
rm -rf main.ts main.test.ts __snapshots__ imports

step "npm install the tarball"
npm install --no-audit --no-fund --silent "$tarball"
copies=$(find . -path '*/node_modules/cdk8s/package.json' | wc -l)
[ "$copies" -eq 1 ] || { find . -path '*/node_modules/cdk8s/package.json'; fail "$copies copies of cdk8s in node_modules"; }
cdk8s_version=$(node -p "require('cdk8s/package.json').version")

step "the README example, the shop chart and the broken chart: tsc (template tsconfig, cdk8s $cdk8s_version)"
awk '/<!-- example:start -->/{on=1; next} /<!-- example:end -->/{on=0} on' "$root/README.md" | sed '/^```/d' > readme-example.ts
[ -s readme-example.ts ] || fail "README.md has no example between <!-- example:start --> and <!-- example:end -->"
cp "$here/shop-chart.ts" "$here/main.ts" "$here/broken.ts" .
npx tsc

step "node main.js, node readme-example.js"
CDK8S_OUTDIR="$work/out-node" node main.js
CDK8S_OUTDIR="$work/out-readme" node readme-example.js
ls "$work"/out-readme/*.yaml >/dev/null || fail "the README example wrote no manifests"

step "cdk8s synth with the validation plugin (template app command: npx ts-node main.ts)"
cat >>cdk8s.yaml <<'YAML'
validations:
  - package: ./node_modules/cdk8s-erlang-cluster/plugin
    version: 0.1.0
    class: ErlangClusterValidation
YAML
npx cdk8s synth >"$work/synth.log" 2>&1 || { cat "$work/synth.log"; fail "cdk8s synth failed"; }
grep -q 'cdk8s-erlang-cluster/plugin' "$work/synth.log" && grep -q 'Validations ended succesfully' "$work/synth.log" \
  || { cat "$work/synth.log"; fail "the plugin did not run or did not pass"; }
node - dist <<'JS'
// Every file in the output folder decodes as Kubernetes objects: what kubectl apply -f needs.
const fs = require('fs'); const path = require('path'); const { Yaml } = require('cdk8s');
const dir = process.argv[2]; const files = fs.readdirSync(dir);
for (const f of files) {
  const docs = Yaml.load(path.join(dir, f));
  if (!f.endsWith('.yaml') || docs.length === 0 || docs.some((d) => !d || !d.apiVersion || !d.kind)) {
    console.error(`FAIL smoke: ${dir}/${f} is not a file of Kubernetes objects`); process.exit(1);
  }
}
console.log(`${files.length} file(s) in ${dir}/, all Kubernetes objects`);
JS

step "a broken chart must be refused by the plugin"
if npx cdk8s synth -a 'npx ts-node broken.ts' -o "$work/out-broken" >"$work/broken.log" 2>&1; then
  cat "$work/broken.log"; fail "cdk8s synth accepted a StatefulSet whose governing Service does not exist"
fi
grep -q 'governing-service-exists' "$work/broken.log" || { cat "$work/broken.log"; fail "the refusal does not name governing-service-exists"; }
# The link must be followable from an installed package (docs/ is not shipped): built from its package.json's repository.
grep -q 'https://github.com/cdk8s-erlang-cluster/cdk8s-erlang-cluster/blob/main/docs/validation.md#governing-service-exists' "$work/broken.log" \
  || { cat "$work/broken.log"; fail "the refusal does not link to the rule's row in docs/validation.md"; }

step "the same chart built in this repository"
(cd "$root" && CDK8S_OUTDIR="$work/out-repo" node -r ./scripts/register-ts test/consumer/main.ts)
diff -r "$work/out-repo" "$work/out-node" || fail "node main.js in the consumer differs from the repository's build"
diff -r "$work/out-repo" dist || fail "cdk8s synth in the consumer differs from the repository's build"

step "the oldest cdk8s of the peer range ($OLDEST_CDK8S): synthCharts falls back to app.synth()"
npm install --no-audit --no-fund --silent --no-save "cdk8s@$OLDEST_CDK8S"
[ "$(node -p "require('cdk8s-erlang-cluster/synth').isFastSynthVerified()")" = false ] || fail "cdk8s $OLDEST_CDK8S should not be verified"
CDK8S_OUTDIR="$work/out-oldest" node main.js
diff -r "$work/out-repo" "$work/out-oldest" || fail "the output with cdk8s $OLDEST_CDK8S differs"

echo "smoke: 1 passed, 0 failed"
