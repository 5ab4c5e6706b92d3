/**
 * Checks that lib/synth/fast-yaml prints exactly what cdk8s' `Yaml.stringify`
 * prints (except the strings it quotes on purpose, which kubectl would read as
 * numbers: stringifyQuotingNumbers is that reference), on random documents built to hit YAML's corner cases (reserved
 * words, numbers in strings, indicators, spaces, colons, multi-line and
 * non-ASCII strings, empty and nested collections, shared objects). Exits 1
 * on the first difference, printing the document.
 *
 *   node -r ./scripts/register-ts bench/verify-yaml.ts [documents=20000] [seed=1]
 */
import { stringifyManifests, stringifyQuotingNumbers, writeDocument } from '../lib/synth/fast-yaml';

/** A small deterministic PRNG (mulberry32), so that a failure can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'y',
  'Y',
  'yes',
  'No',
  'ON',
  'off',
  'true',
  'False',
  'null',
  'Null',
  '~',
  '',
  '-',
  '--',
  '---',
  '...',
  '<<',
  '=',
  '.inf',
  '.NaN',
  '0x1F',
  '0o17',
  '017',
  '1_000',
  '1:20',
  '1e3',
  '2001-12-14',
  '+1',
  '-1',
  '.5',
  'app',
  'http',
  '/ping',
  '$(POD_NAME).svc',
  'a:b',
  'a: b',
  'a:',
  'key #c',
  'a#b',
  '#x',
  '@x',
  '`x',
  'x`',
  '!t',
  '&a',
  '*a',
  '|',
  '>',
  '%x',
  '?',
  '? x',
  '- x',
  '-x',
  'a\nb',
  'a\n',
  ' a',
  'a ',
  'a  b',
  'é',
  '日本',
  'a\tb',
  '"q"',
  "'q'",
  'a,b',
  '[x]',
  '{x}',
  'x]',
  'registry.example.com/app:1.0.0',
  '-kernel inet_dist_listen_min 9100',
  'a'.repeat(130),
  'k'.repeat(1100),
];
const CHARS = 'aZ09_-.:/$()@=+ #,[]{}!&*|>\'"%`?~\\\t\né<';

function randomString(r: () => number): string {
  if (r() < 0.6) return WORDS[Math.floor(r() * WORDS.length)];
  let s = '';
  for (let i = Math.floor(r() * 12); i > 0; i--) s += CHARS[Math.floor(r() * CHARS.length)];
  return s;
}

function randomScalar(r: () => number): unknown {
  const x = r();
  if (x < 0.55) return randomString(r);
  if (x < 0.7) return Math.floor((r() - 0.3) * 100000);
  if (x < 0.75) return [0.5, -0, 1e21, 2 ** 60, NaN, Infinity, -1.25e-7][Math.floor(r() * 7)];
  if (x < 0.85) return r() < 0.5;
  if (x < 0.97) return null;
  return undefined;
}

function randomValue(r: () => number, depth: number, pool: object[]): unknown {
  const x = r();
  if (depth > 4 || x < 0.45) return randomScalar(r);
  if (x < 0.48 && pool.length > 0) return pool[Math.floor(r() * pool.length)]; // shared: yaml makes an alias
  const value: unknown = x < 0.75 ? randomMap(r, depth + 1, pool) : Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1, pool));
  pool.push(value as object);
  return value;
}

function randomMap(r: () => number, depth: number, pool: object[]): Record<string, unknown> {
  const m: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--) m[randomString(r)] = randomValue(r, depth, pool);
  return m;
}

/** A copy without undefined (null instead) and with newlines turned into spaces. */
function withoutFallbackTriggers(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'string') return v.replace(/\n/g, ' ');
  if (Array.isArray(v)) return v.map(withoutFallbackTriggers);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(/\n/g, ' '), withoutFallbackTriggers(x)]));
  return v;
}

function main(): void {
  const count = Number(process.argv[2] ?? 20000);
  const seed = Number(process.argv[3] ?? 1);
  const r = prng(seed);
  let written = 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    // Half the documents avoid what always goes to Yaml.stringify (undefined, multi-line strings), to exercise fast-yaml itself.
    const clean = i % 2 === 0;
    const docs = Array.from({ length: 1 + Math.floor(r() * 3) }, () => (r() < 0.05 ? randomValue(r, 3, []) : randomMap(r, 0, []))).map((d) =>
      clean ? withoutFallbackTriggers(d) : d,
    );
    // Yaml.stringify, except that strings kubectl would read as numbers are quoted (see lib/synth/fast-yaml.ts).
    const expected = docs.map((d) => (d === undefined ? '\n' : stringifyQuotingNumbers(d))).join('---\n');
    const actual = stringifyManifests(docs);
    total += docs.length;
    written += docs.filter((d) => writeDocument(d) !== undefined).length;
    if (actual !== expected) {
      let at = 0;
      while (actual[at] === expected[at]) at++;
      process.stderr.write(
        `document set ${i} (seed ${seed}) differs at ${at}:\n${JSON.stringify(docs)}\n` +
          `Yaml.stringify: ${JSON.stringify(expected.slice(Math.max(0, at - 40), at + 40))}\n` +
          `fast-yaml:      ${JSON.stringify(actual.slice(Math.max(0, at - 40), at + 40))}\n`,
      );
      process.exit(1);
    }
  }
  process.stdout.write(
    `fast-yaml: ${total} random documents (seed ${seed}) identical to Yaml.stringify (strings kubectl reads as numbers quoted); ` +
      `${written} printed by fast-yaml itself, the rest left to Yaml.stringify\n`,
  );
}

main();
