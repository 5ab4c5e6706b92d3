#!/usr/bin/env bash
# The API checks (`npm run api:check`; CI runs it after npm test). They read the jsii assembly
# (.jsii) that `npm run build` writes, and build nothing else:
#  1. jsii-pacmak --code-only generates the Python, Java, Go and .NET bindings into a temporary
#     folder; each must hold sources that declare ErlangStatefulCluster. Only generated: no
#     toolchain or registry of those languages is needed, and the bindings are not built or run.
#  2. jsii-docgen regenerates API.md (TypeScript) and API.python.md: they must equal the
#     committed files (`npm run api:docs` rewrites them).
#  3. jsii-diff compares the API with api-baseline/ (the assembly of the last release): a
#     breaking change fails unless its key is declared in api-baseline/allowed-breaking-changes.txt.
#     `npm run api:baseline` takes a new baseline.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
bin="$root/node_modules/.bin"
fail() { printf 'FAIL api-check: %s\n' "$*" >&2; exit 1; }
[ -f .jsii ] || fail "no .jsii: run 'npm run build' first"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== api-check: jsii-pacmak --code-only (python, java, go, dotnet)"
"$bin/jsii-pacmak" --code-only --outdir "$work/packages" -t python java go dotnet >"$work/pacmak.log" 2>&1 || { cat "$work/pacmak.log"; fail "jsii-pacmak failed"; }
for lang_ext in python:py java:java go:go dotnet:cs; do
  lang=${lang_ext%%:*} ext=${lang_ext##*:}
  [ -d "$work/packages/$lang" ] || fail "jsii-pacmak wrote no $lang folder"
  n=$(find "$work/packages/$lang" -name "*.$ext" | wc -l)
  grep -rlq --include="*.$ext" 'ErlangStatefulCluster' "$work/packages/$lang" || fail "the $lang bindings ($n .$ext files) do not declare ErlangStatefulCluster"
  echo "   $lang: $n .$ext files"
done

echo "== api-check: API.md and API.python.md are what jsii-docgen writes"
"$bin/jsii-docgen" -l typescript -o "$work/API.md" >/dev/null
"$bin/jsii-docgen" -l python -o "$work/API.python.md" >/dev/null
for f in API.md API.python.md; do
  diff -u "$f" "$work/$f" >"$work/$f.diff" || { head -40 "$work/$f.diff"; fail "$f is not what jsii-docgen writes; run 'npm run api:docs' and commit it"; }
done

echo "== api-check: jsii-diff against api-baseline/"
"$bin/jsii-diff" --keys --ignore-file api-baseline/allowed-breaking-changes.txt api-baseline . ||
  fail "breaking API changes (above) against api-baseline/; declare each deliberate one by its key in api-baseline/allowed-breaking-changes.txt"
echo "== api-check: ok"
