/**
 * lib/validation/schema.ts beyond test/mutation-schema.test.ts: what the cache key hashes
 * (this module's own source), caching off when that source cannot be read, each kind
 * loaded once per instance, a cached validator trusted as it is, formats left unchecked
 * without a word on the console, and the strict definitions built once per instance.
 * Then lib/core/errors.ts: how a ConfigError prints a bigint.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { ConfigError } from '../lib/core/errors';
import { KubernetesSchema } from '../lib/validation/schema';

// schema.ts binds fs when it is loaded, so a spy set later would not reach it: mock readFileSync up front.
jest.mock('fs', () => {
  const actual = jest.requireActual<typeof import('fs')>('fs');
  return { ...actual, readFileSync: jest.fn(actual.readFileSync) };
});
const readFileSync = fs.readFileSync as jest.MockedFunction<typeof fs.readFileSync>;
const actualReadFileSync = jest.requireActual<typeof import('fs')>('fs').readFileSync;

const SCHEMA_SOURCE = path.join(__dirname, '..', 'lib', 'validation', 'schema.ts');
const DEFINITIONS = {
  definitions: {
    'test.Widget': {
      type: 'object',
      'x-kubernetes-group-version-kind': [{ group: 'example.com', version: 'v1', kind: 'Widget' }],
      properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, size: { type: 'integer' } },
    },
    'test.Stamp': {
      type: 'object',
      'x-kubernetes-group-version-kind': [{ group: 'example.com', version: 'v1', kind: 'Stamp' }],
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { type: 'object' },
        at: { type: 'string', format: 'date-time' },
        n: { type: 'integer', format: 'int32' },
      },
    },
  },
};

let dir: string;
let defsFile: string;
const savedCacheEnv = process.env.ERLANG_CLUSTER_CACHE;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-schema-errors-'));
  defsFile = path.join(dir, 'defs.json');
  fs.writeFileSync(defsFile, JSON.stringify(DEFINITIONS));
  fs.mkdirSync(path.join(dir, 'app', 'node_modules'), { recursive: true });
  jest.spyOn(process, 'cwd').mockReturnValue(path.join(dir, 'app'));
  delete process.env.ERLANG_CLUSTER_CACHE;
  readFileSync.mockImplementation(actualReadFileSync);
});
afterEach(() => {
  jest.restoreAllMocks();
  if (savedCacheEnv === undefined) delete process.env.ERLANG_CLUSTER_CACHE;
  else process.env.ERLANG_CLUSTER_CACHE = savedCacheEnv;
  fs.rmSync(dir, { recursive: true, force: true });
});

const schemaRoot = () => path.join(dir, 'app', 'node_modules', '.cache', 'cdk8s-erlang-cluster', 'schema');
const cacheDirs = () => (fs.existsSync(schemaRoot()) ? fs.readdirSync(schemaRoot()) : []);
const widget = (extra: Record<string, unknown> = {}) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'ns' }, ...extra });
const BAD_SIZE = [{ object: 'Widget/ns/w', path: '/size', message: 'must be integer' }];

/** Makes reading this module's source fail, or return `edited`; every other read goes through. */
function ownSource(edited?: string) {
  readFileSync.mockImplementation(((file: fs.PathOrFileDescriptor, options?: never) => {
    if (file !== SCHEMA_SOURCE) return actualReadFileSync(file, options);
    if (edited === undefined) throw Object.assign(new Error('ENOENT: bundled'), { code: 'ENOENT' });
    return Buffer.from(edited);
  }) as typeof fs.readFileSync);
  return readFileSync;
}

describe('the cache key and its own source', () => {
  test('an edit of schema.ts gives a new key, so the cache compiles afresh', () => {
    new KubernetesSchema(defsFile, []);
    const spy = ownSource('// edited');
    new KubernetesSchema(defsFile, []);
    expect(spy).toHaveBeenCalledWith(SCHEMA_SOURCE);
    expect(cacheDirs()).toHaveLength(2);
  });

  test('when its own source cannot be read (say, bundled), caching is off: nothing is written, validation works', () => {
    const spy = ownSource();
    const s = new KubernetesSchema(defsFile, []);
    expect(s.validate([widget({ size: 'big' })])).toEqual(BAD_SIZE);
    expect(spy).toHaveBeenCalledWith(SCHEMA_SOURCE);
    expect(fs.readdirSync(path.join(dir, 'app', 'node_modules'))).toEqual([]);
  });
});

describe('validators', () => {
  test('each kind is loaded once per instance: a later change of its cache entry does not reach that instance', () => {
    const s = new KubernetesSchema(defsFile, []);
    expect(s.validate([widget({ size: 'big' })])).toEqual(BAD_SIZE);
    const entry = path.join(schemaRoot(), cacheDirs()[0]!, 'test.Widget.js');
    fs.writeFileSync(entry, 'module.exports = function v() { v.errors = []; return true; };');
    expect(s.validate([widget({ size: 'big' })])).toEqual(BAD_SIZE);
    // A new instance reads the entry as it now is.
    expect(new KubernetesSchema(defsFile, []).validate([widget({ size: 'big' })])).toEqual([]);
  });

  test('a cached validator is trusted as it is: one that fails without listing errors gives no violations, and does not throw', () => {
    new KubernetesSchema(defsFile, []).validate([widget()]);
    const entry = path.join(schemaRoot(), cacheDirs()[0]!, 'test.Widget.js');
    fs.writeFileSync(entry, 'module.exports = function v() { v.errors = null; return false; };');
    expect(new KubernetesSchema(defsFile, []).validate([widget()])).toEqual([]);
  });

  test('formats (date-time, int32) are not checked, as with kubeconform, and compiling them prints nothing', () => {
    process.env.ERLANG_CLUSTER_CACHE = '0';
    const printed = ['log', 'info', 'warn', 'error'].map((m) => jest.spyOn(console, m as 'log').mockImplementation(() => undefined));
    const stamp = { apiVersion: 'example.com/v1', kind: 'Stamp', metadata: { name: 's' } };
    const s = new KubernetesSchema(defsFile, []);
    expect(s.validate([{ ...stamp, at: 'yesterday', n: 2 ** 40 }])).toEqual([]);
    expect(s.validate([{ ...stamp, at: 5, n: 1.5 }])).toEqual([
      { object: 'Stamp/s', path: '/at', message: 'must be string' },
      { object: 'Stamp/s', path: '/n', message: 'must be integer' },
    ]);
    for (const p of printed) expect(p).not.toHaveBeenCalled();
  });

  test('the strict definitions are built into Ajv once per instance, not once per kind compiled', () => {
    process.env.ERLANG_CLUSTER_CACHE = '0';
    const added = jest.spyOn(Ajv.prototype, 'addSchema');
    const s = new KubernetesSchema(defsFile, []);
    expect(s.validate([widget()])).toEqual([]);
    const afterFirstKind = added.mock.calls.length;
    expect(afterFirstKind).toBeGreaterThan(0);
    expect(s.validate([{ apiVersion: 'example.com/v1', kind: 'Stamp', metadata: { name: 's' } }])).toEqual([]);
    expect(added).toHaveBeenCalledTimes(afterFirstKind);
  });
});

describe('ConfigError messages', () => {
  test('a bigint prints as its digits, also where BigInt.prototype.toJSON is polyfilled (a common JSON workaround)', () => {
    const proto = BigInt.prototype as unknown as { toJSON?: () => string };
    expect(new ConfigError('here', 'size', 10n, 'too big').message).toBe('here: invalid size 10: too big');
    proto.toJSON = function (this: bigint) {
      return `${this.toString()}n`;
    };
    try {
      expect(new ConfigError('here', 'size', 10n, 'too big').message).toBe('here: invalid size 10: too big');
      expect(new ConfigError('here', 'sizes', [10n], 'too big').message).toBe('here: invalid sizes ["10n"]: too big');
    } finally {
      delete proto.toJSON;
    }
  });
});
