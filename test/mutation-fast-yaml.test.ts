/**
 * lib/synth/fast-yaml.ts against its oracle: for documents built to hit each branch
 * of the fast writer (plain-safe and reserved scalars, numbers, keys, nesting, empty
 * and shared collections, documents it must leave to `yaml`), the bytes equal
 * `stringifyQuotingNumbers` (cdk8s' Yaml.stringify, quoting what kubectl reads as a
 * number). Written to kill the mutants StrykerJS found surviving (docs/mutation.md).
 */
import { Yaml } from 'cdk8s';
import { readAsNumberByKubectl, stringifyDocument, stringifyManifests, stringifyQuotingNumbers, writeDocument } from '../lib/synth/fast-yaml';

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
