/**
 * lib/synth/fast-yaml.ts beyond byte equality with its oracle (test/mutation-fast-yaml.test.ts):
 * which documents the fast writer prints itself rather than leaving them to `yaml`, that it
 * prints plain scalars without calling `Yaml.stringify` and asks it once per other scalar
 * (that is its speed), the documents it must hand back, the errors it must not swallow, and
 * when strings that kubectl reads as numbers get quoted.
 */
import { Yaml } from 'cdk8s';
import { parse } from 'yaml';
import { readAsNumberByKubectl, stringifyDocument, stringifyManifests, stringifyQuotingNumbers, writeDocument } from '../lib/synth/fast-yaml';

let stringify: jest.SpyInstance;
beforeEach(() => (stringify = jest.spyOn(Yaml, 'stringify')));
afterEach(() => stringify.mockRestore());

// The writer memoizes what Yaml.stringify prints per scalar, so each test uses scalars of its own.
let serial = 0;
const fresh = (s: string) => `${s}${++serial}`;

test('readAsNumberByKubectl: a string that starts with an underscore is no number, even though underscores are dropped from numbers', () => {
  expect(['_1', '_0x1F', '__1', '_1.5', 'x_1'].filter((s) => readAsNumberByKubectl(s))).toEqual([]);
  expect(['1_0', '0x_1F', '1_.5'].filter((s) => !readAsNumberByKubectl(s))).toEqual([]);
});

test('scalars that need quoting, booleans, null and floats are printed by the fast writer in every context, as Yaml.stringify prints them', () => {
  const doc = { '-d': '*s', p: { '-e': '#h', k: ['@i', true, null, 1.5, -0], f: false, n: null } };
  const text = '-d: "*s"\np:\n  -e: "#h"\n  k:\n    - "@i"\n    - true\n    - null\n    - 1.5\n    - -0\n  f: false\n  "n": null\n';
  expect(writeDocument(doc)).toBe(text);
  expect(Yaml.stringify(doc)).toBe(text);
  expect(writeDocument({ t: true })).toBe('t: true\n');
});

test('a document of plain-safe strings and safe integers is written without Yaml.stringify', () => {
  const key128 = fresh('k').padEnd(128, 'k');
  const doc = { [fresh('plain')]: [fresh('a b.c/d'), 0, -12, { [key128]: fresh('x:y') }], [fresh('$(VAR)')]: 9007199254740991 };
  const text = writeDocument(doc);
  expect(stringify).not.toHaveBeenCalled();
  expect(text).toBe(Yaml.stringify(doc));
  expect(parse(text!)).toEqual(doc);
});

test('a longer key, and a scalar that needs quoting, cost one Yaml.stringify each, however often they are written', () => {
  const key129 = fresh('k').padEnd(129, 'k');
  const [a, b] = [fresh('-a'), fresh('-b')];
  expect(writeDocument({ [key129]: 1 })).toBe(`${key129}: 1\n`);
  expect(stringify).toHaveBeenCalledTimes(1);
  expect([writeDocument({ v: a }), writeDocument({ v: b }), writeDocument({ v: a, w: [b] }), writeDocument({ [key129]: 2 })]).toEqual([
    `v: ${a}\n`,
    `v: ${b}\n`,
    `v: ${a}\nw:\n  - ${b}\n`,
    `${key129}: 2\n`,
  ]);
  expect(stringify.mock.calls.map(([probe]) => probe)).toEqual([{ [key129]: null }, { k: a }, { k: b }, { p: [b] }]);
});

test('a key too long for one line (over 1024 characters) is left to yaml, which writes it as an explicit key', () => {
  const key = 'k'.repeat(1100);
  expect(writeDocument({ [key]: 1 })).toBeUndefined();
  expect(writeDocument({ p: { [key]: 1 } })).toBeUndefined();
  expect(stringifyDocument({ [key]: 1 })).toBe(`? ${key}\n: 1\n`);
});

test('undefined is no document: writeDocument hands it back, stringifyManifests prints an empty line for it', () => {
  expect(writeDocument(undefined)).toBeUndefined();
  expect(stringifyManifests([undefined, { a: 1 }, undefined])).toBe('\n---\na: 1\n---\n\n');
});

test('an error other than its own (a throwing getter) is not swallowed', () => {
  const doc = {
    a: 1,
    get b(): number {
      throw new Error('boom');
    },
  };
  expect(() => writeDocument(doc)).toThrow(new Error('boom'));
  expect(() => stringifyDocument(doc)).toThrow(new Error('boom'));
});

test('left to yaml: a numeric string anywhere (after null and other strings) is quoted; with none, the bytes are cdk8s Yaml.stringify', () => {
  const quoted = { a: 'x\ny', n: null, b: ['z', '0o022'] };
  expect(stringifyDocument(quoted)).toBe('a: |-\n  x\n  y\n"n": null\nb:\n  - z\n  - "0o022"\n');
  expect(stringifyDocument({ a: 'x\ny', n: null, m: { k: 'v', '012': 'w' } })).toBe('a: |-\n  x\n  y\n"n": null\nm:\n  k: v\n  "012": w\n');
  stringify.mockClear();
  const plain = { a: 'x\ny', n: 1, l: [true, null, 'z'] };
  expect(stringifyDocument(plain)).toBe('a: |-\n  x\n  y\n"n": 1\nl:\n  - true\n  - null\n  - z\n');
  expect(stringify.mock.calls).toEqual([[plain]]);
});

test('stringifyQuotingNumbers never folds a long line, as cdk8s (lineWidth 0)', () => {
  const words = 'word '.repeat(40).trim();
  expect(stringifyQuotingNumbers({ b: words, n: '012' })).toBe(`b: ${words}\n"n": "012"\n`);
});
