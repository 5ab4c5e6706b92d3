/**
 * Each default of a prop is written once and applied once (docs/architecture.md):
 * in lib/constructs/ and lib/erlang/, where props are read, the right side of a
 * `??` is never a bare literal or constant but an entry of the DEFAULTS table of
 * the module that owns the prop, and each table entry is applied in exactly one
 * place. Derived defaults (a template such as `${basename}-sfs`, a call, a value of
 * another prop) and "absent means none" (`?? []`, `?? {}`) are not constants.
 * lib/kubernetes/, lib/checks/ and lib/validation/ read manifests, where `??`
 * spells the apiserver's defaults, not ours.
 */
import * as fs from 'fs';
import * as path from 'path';

const LIB = path.join(__dirname, '..', '..', 'lib');
const PROP_LAYERS = ['constructs', 'erlang'];

/** `??` fallbacks that are not prop defaults: wording of messages. */
const NOT_DEFAULTS = new Set([
  "constructs/metadata.ts: 'construct'", // who set a label, in a message
  "constructs/resource-helpers.ts: '(the root)'", // the scope in a message
  "constructs/cluster/prop-checks.ts: ''", // an env var without a value has the empty value, as the kubelet reads it
]);

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}
const rel = (f: string) => path.relative(LIB, f).split(path.sep).join('/');
const source = (f: string) => fs.readFileSync(f, 'utf8');

/** The right side of each `??` in `text`, as far as it matters here. */
function fallbacks(text: string): string[] {
  return [...text.matchAll(/\?\?\s*('[^']*'|"[^"]*"|`|-?\d[\w.]*|\{\s*\.\.\.[\w.]+|\{\s*\}|\[\s*\]|\{|\[|[\w$.]+\(?)/g)].map((m) => m[1]!);
}

/** Whether `rhs` (from fallbacks) spells a default constant outside a DEFAULTS table. */
function isBareDefault(rhs: string): boolean {
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*_DEFAULTS\.\w+$/.test(rhs.replace(/^\{\s*\.\.\./, ''))) return false;
  if (rhs === '`' || rhs.endsWith('(') || /^\{\s*\}$|^\[\s*\]$/.test(rhs)) return false;
  if (/^['"\d-]|^[{[]$|^(true|false)$/.test(rhs)) return true;
  // A constant: an UPPER_CASE name, or a member of an enum-like object (`PersistentVolumeReclaimPolicy.RETAIN`).
  return rhs.split('.').some((part) => /^[A-Z][A-Z0-9_]*$/.test(part) && part.length > 1);
}

describe('prop defaults', () => {
  const files = tsFiles(LIB);

  test('in constructs/ and erlang/, every `??` default is an entry of a DEFAULTS table', () => {
    const bare = files
      .filter((f) => PROP_LAYERS.includes(rel(f).split('/')[0]!))
      .flatMap((f) => fallbacks(source(f)).map((rhs) => `${rel(f)}: ${rhs}`))
      .filter((at) => !NOT_DEFAULTS.has(at) && isBareDefault(at.slice(at.indexOf(': ') + 2)));
    expect(bare).toEqual([]);
  });

  test('each entry of each DEFAULTS table is applied in exactly one place', () => {
    const all = files.map(source).join('\n');
    const tables = [...all.matchAll(/const ([A-Z_]+_DEFAULTS) = (\{[^;]*?\}) as const;/g)];
    expect(tables.length).toBeGreaterThanOrEqual(10);
    const uses = tables.flatMap(([, name, body]) =>
      [...body!.matchAll(/(?:^|[{,]\s*)(\w+):/g)].map(([, key]) => `${name}.${key} ${all.split(`${name}.${key}`).length - 1}`),
    );
    expect(uses.filter((u) => !u.endsWith(' 1'))).toEqual([]);
    expect(uses.length).toBeGreaterThanOrEqual(25);
  });

  test('the check finds a bare default and lets a table entry, a derived default and an empty fallback pass', () => {
    expect(fallbacks("a ?? 'x', b ?? 3, c ?? true, d ?? { k: 'v' }, e ?? DEFAULT_PORT, f ?? Kind.CLUSTER_IP").map(isBareDefault)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(
      fallbacks('a ?? POD_DEFAULTS.size, b ?? `name-hl`, c ?? [], d ?? {}, e ?? f(), g ?? { ...X_DEFAULTS.labels }, h ?? release.pin').map(isBareDefault),
    ).toEqual([false, false, false, false, false, false, false]);
  });
});
