/**
 * lib/synth/fast-yaml.ts. First against its oracle: for documents built to hit each branch of
 * the fast writer (plain-safe and reserved scalars, numbers, keys, nesting, empty and shared
 * collections, documents it must leave to `yaml`), the bytes equal `stringifyQuotingNumbers`
 * (cdk8s' Yaml.stringify, quoting what kubectl reads as a number). Then which documents it prints
 * itself rather than leaving them to `yaml`, that it prints plain scalars without calling
 * `Yaml.stringify` and asks it once per other scalar (that is its speed), the documents it must
 * hand back, the errors it must not swallow, and when strings that kubectl reads as numbers get quoted.
 */
import { Yaml } from 'cdk8s';
import { readAsNumberByKubectl, stringifyDocument, stringifyManifests, stringifyQuotingNumbers, writeDocument } from '../../lib/synth/fast-yaml';
import { parse } from 'yaml';

describe('the same bytes as its oracle', () => {
  test('readAsNumberByKubectl: go-yaml v2 ints (any base, underscores) and floats; nothing else', () => {
    const yes = ['0', '12', '-3', '+4', '012', '0o17', '0X1F', '0b101', '1_000', '1.5', '.5', '-.5', '1.', '1e3', '1.5E-2', '+1e+3', '0x_1', '09'];
    const no = ['', 'a1', '1a', '0o8', '0b2', '1e', 'e3', '.', '-', '1.2.3', ' 1', '1 ', '0x', 'Infinity', '.inf', '--1'];
    expect(yes.filter((s) => !readAsNumberByKubectl(s))).toEqual([]);
    expect(no.filter((s) => readAsNumberByKubectl(s))).toEqual([]);
  });

  const SCALARS: unknown[] = [
    'plain',
    'with space',
    'two  spaces',
    'a: b',
    'ends:',
    'yes',
    'No',
    'TRUE',
    'null',
    'off',
    'y',
    'n',
    'x',
    '',
    ' lead',
    'trail ',
    '-dash',
    '#hash',
    '*star',
    '/path/to',
    '$(VAR).x',
    '(p)',
    '_u',
    'a=b+c@d',
    'a,b',
    'a#b',
    'a b:c',
    'ünïcode',
    'tab\there',
    'quote"d',
    "single'q",
    '012',
    '0o17',
    '1e3',
    '1_0',
    '.5',
    '+1',
    '---',
    '...',
    '~',
    'true',
    'a'.repeat(130),
    'multi\nline',
    0,
    1,
    -1,
    1.5,
    -0,
    2 ** 53,
    Number.MAX_SAFE_INTEGER,
    NaN,
    Infinity,
    true,
    false,
    null,
  ];

  test.each(SCALARS.map((s) => [JSON.stringify(s) ?? String(s), s]))('the scalar %s as a value, an item, a nested value, and as keys', (_, s) => {
    const docs: unknown[] = [{ k: s }, { p: { k: s } }, { p: [s] }, { l: [[s], { m: s }] }];
    if (typeof s === 'string') docs.push({ [s]: 1 }, { p: { [s]: 'v' } }, { p: [{ [s]: { q: s } }] });
    for (const doc of docs) expect([doc, stringifyDocument(doc)]).toEqual([doc, stringifyQuotingNumbers(doc)]);
  });

  test('a Kubernetes-shaped document is written by the fast writer, byte for byte', () => {
    const doc = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'a', labels: { app: 'a', 'app.kubernetes.io/name': 'x' }, annotations: {} },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'a' } },
        template: {
          spec: {
            containers: [
              {
                name: 'c',
                ports: [{ containerPort: 4369, name: 'epmd' }, { containerPort: 9100 }],
                env: [
                  { name: 'A', value: '1' },
                  { name: 'B', value: 'x y' },
                ],
                args: [],
              },
            ],
            volumes: [],
          },
        },
        list: [[1, 2], [], [{}], { a: [] }],
      },
    };
    const fast = writeDocument(doc);
    expect(fast).toBe(Yaml.stringify(doc));
    expect(fast).toBe(stringifyQuotingNumbers(doc));
  });

  test('documents the fast writer leaves to yaml: not a plain object, empty, undefined values, shared objects, class instances, multi-line', () => {
    const shared = { a: 1 };
    const sharedEmpty: unknown[] = [];
    class K {
      public a = 1;
    }
    const leftToYaml: unknown[] = [
      null,
      'text',
      1,
      [1],
      new K(),
      {},
      { a: undefined },
      { a: shared, b: shared },
      { a: sharedEmpty, b: sharedEmpty },
      { a: new K() },
      { a: 'x\ny' },
      { a: BigInt(1) },
      { a: () => 1 },
    ];
    // A key that is not plain-safe but fits on one line is still the fast writer's, printed as yaml prints it.
    expect(writeDocument({ ['k\nl']: 1 })).toBe(Yaml.stringify({ ['k\nl']: 1 }));
    for (const doc of leftToYaml) expect([doc, writeDocument(doc)]).toEqual([doc, undefined]);
    // ... and printed as yaml prints them (numeric strings quoted).
    for (const doc of [{ a: shared, b: shared }, { a: 'x\ny', n: '012' }, { a: undefined }]) expect(stringifyDocument(doc)).toBe(stringifyQuotingNumbers(doc));
    expect(stringifyDocument({ a: 'x\ny' })).toBe(Yaml.stringify({ a: 'x\ny' }));
    const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(writeDocument(nullProto)).toBe('a: 1\n');
  });

  test('a string kubectl reads as a number is double-quoted, where cdk8s alone would leave some plain', () => {
    expect(stringifyDocument({ mode: '0o022', hex: '0X1F', num: '012', k: { '1_0': 'x' } })).toBe('mode: "0o022"\nhex: "0X1F"\nnum: "012"\nk:\n  "1_0": x\n');
    expect(Yaml.stringify({ mode: '0o022' })).toBe('mode: 0o022\n');
    // Left to yaml (a multi-line string) and still quoted, in keys, values and items.
    expect(stringifyDocument({ a: 'x\ny', b: ['0X1F'], '012': 1 })).toBe(stringifyQuotingNumbers({ a: 'x\ny', b: ['0X1F'], '012': 1 }));
    expect(stringifyDocument({ a: 'x\ny', b: ['0X1F'] })).toContain('- "0X1F"');
  });

  test('stringifyManifests joins documents with --- like Yaml.stringify, an undefined one as an empty line', () => {
    const docs = [{ a: 1 }, { b: [1, 'x'] }, undefined, { c: {} }];
    expect(stringifyManifests(docs)).toBe(Yaml.stringify(...docs));
    expect(stringifyManifests([])).toBe(Yaml.stringify());
  });
});

describe('what it prints itself and what it leaves to yaml', () => {
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
});
