/**
 * The layers of lib/ (docs/architecture.md): each folder imports only from the
 * folders before it in LAYERS. Every import counts: `import`, `import type`,
 * `export ... from`, `require()` and `import()` (type positions included), as
 * TypeScript's own pre-processor finds them. Imports of packages and of the
 * generated bindings in imports/ are not layers and are allowed everywhere.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const LIB = path.join(__dirname, '..', 'lib');
/** Lowest first. lib/index.ts, the package entry, sits above them all. */
const LAYERS = ['core', 'kubernetes', 'checks', 'erlang', 'validation', 'constructs', 'synth'];
const ENTRY = 'index.ts';

function libFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return libFiles(full);
    return e.name.endsWith('.ts') ? [path.relative(LIB, full).split(path.sep).join('/')] : [];
  });
}

/** The layer index of a lib-relative path (a file, or a folder for its index.ts); the entry is above every layer; undefined outside lib/. */
function layerOf(file: string): number | undefined {
  if (file === ENTRY || file === '.') return LAYERS.length;
  if (file.startsWith('../')) return undefined;
  const i = LAYERS.indexOf(file.split('/')[0] ?? '');
  if (i < 0) throw new Error(`lib/${file} is in no layer of test/architecture.test.ts`);
  return i;
}

/** Every import of `file` (lib-relative) that goes to a later layer, as `lib/<file> imports '<specifier>' (<from> -> <to>)`. */
function violations(file: string, source: string): string[] {
  const from = layerOf(file);
  if (from === undefined) return [];
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((ref) => ref.fileName)
    .filter((spec) => spec.startsWith('.'))
    .flatMap((spec) => {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      const to = layerOf(target);
      if (to === undefined || to <= from) return [];
      return [`lib/${file} imports '${spec}' (${LAYERS[from] ?? ENTRY} may not import ${LAYERS[to] ?? ENTRY})`];
    });
}

describe('the layers of lib/', () => {
  const files = libFiles(LIB);

  test('every file of lib/ imports only from its own layer and the layers before it', () => {
    const found = files.flatMap((f) => violations(f, fs.readFileSync(path.join(LIB, f), 'utf8')));
    expect(found).toEqual([]);
  });

  test('the check sees the imports (not vacuous)', () => {
    const internal = files.flatMap((f) =>
      ts.preProcessFile(fs.readFileSync(path.join(LIB, f), 'utf8'), true, true).importedFiles.filter((r) => r.fileName.startsWith('.')),
    );
    expect(internal.length).toBeGreaterThan(300);
    expect(new Set(files.map((f) => f.split('/')[0]))).toEqual(new Set([...LAYERS, ENTRY]));
  });

  test('it names an upward import of any kind, and allows a downward one', () => {
    expect(violations('core/errors.ts', "import type { ClusterSpec } from '../constructs/cluster/spec';")).toEqual([
      "lib/core/errors.ts imports '../constructs/cluster/spec' (core may not import constructs)",
    ]);
    expect(violations('erlang/cookie.ts', "export { x } from '../validation/plugin';")).toHaveLength(1);
    expect(violations('checks/names.ts', "type T = import('../kubernetes/defined').Defined<{}>;")).toEqual([]);
    expect(violations('validation/schema.ts', "const y = require('../constructs/metadata');")).toHaveLength(1);
    expect(violations('constructs/cluster/resolve.ts', "import { x } from '../../validation/shapes';\nimport { y } from './spec';")).toEqual([]);
    expect(violations('synth/index.ts', "import * as k8s from '../../imports/k8s';")).toEqual([]);
    expect(() => violations('misc/x.ts', '')).toThrow('lib/misc/x.ts is in no layer');
  });

  test('docs/architecture.md states the same order', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', 'docs', 'architecture.md'), 'utf8');
    expect(doc).toContain(LAYERS.map((l) => `\`${l}/\``).join(' → '));
  });
});
