/**
 * lib/validation/schema.ts on small hand-written definitions: the kubeconform-style closing of
 * object schemas, the apiVersion/kind index, the messages, and the standalone-code cache (where
 * it lives, what it holds, and that a missing, corrupt or unwritable cache only costs time). Then
 * what the cache key hashes (this module's own source), caching off when that source cannot be
 * read, each kind loaded once per instance, a cached validator trusted as it is, formats left
 * unchecked without a word on the console, and the strict definitions built once per instance.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KubernetesSchema } from '../../lib/validation/schema';
import Ajv from 'ajv';

// schema.ts binds fs when it is loaded, so a spy set later would not reach it: mock readFileSync up front.
jest.mock('fs', () => {
  const actual = jest.requireActual<typeof import('fs')>('fs');
  return { ...actual, readFileSync: jest.fn(actual.readFileSync) };
});

/** Each test's temp folder: the definitions, and the app whose node_modules/.cache holds the standalone code. */
let dir: string;

const savedCacheEnv = process.env.ERLANG_CLUSTER_CACHE;

const schemaRoot = () => path.join(dir, 'app', 'node_modules', '.cache', 'cdk8s-erlang-cluster', 'schema');

const cacheDirs = () => (fs.existsSync(schemaRoot()) ? fs.readdirSync(schemaRoot()) : []);

const widget = (extra: Record<string, unknown> = {}) => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w', namespace: 'ns' },
  ...extra,
});

describe('on small hand-written definitions', () => {
  const DEFINITIONS = {
    definitions: {
      'test.Widget': {
        type: 'object',
        required: ['metadata'],
        'x-kubernetes-group-version-kind': [{ group: 'example.com', version: 'v1', kind: 'Widget' }],
        properties: {
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          metadata: { type: 'object', properties: { name: { type: 'string' }, namespace: { type: 'string' } } },
          // A field literally named `properties`: its schema is a schema, the map around it is not.
          spec: {
            type: 'object',
            properties: { properties: { type: 'string' }, size: { type: 'integer' }, mode: { type: 'string', enum: ['a', 'b'], default: null } },
          },
          open: { type: 'object', properties: { a: { type: 'string' } }, 'x-kubernetes-preserve-unknown-fields': true },
          explicit: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'integer' } },
          list: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } },
        },
      },
      'test.Core': {
        type: 'object',
        'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Core' }],
        properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } },
      },
    },
  };

  const EXTRA = {
    definitions: {
      'test.Gadget': {
        type: 'object',
        'x-kubernetes-group-version-kind': [{ group: 'example.com', version: 'v2', kind: 'Gadget' }],
        properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, n: { type: 'integer' } },
      },
    },
  };

  let cwd: jest.SpyInstance;

  let defsFile: string;

  let extraFile: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-'));
    defsFile = path.join(dir, 'defs.json');
    extraFile = path.join(dir, 'extra.json');
    fs.writeFileSync(defsFile, JSON.stringify(DEFINITIONS));
    fs.writeFileSync(extraFile, JSON.stringify(EXTRA));
    fs.mkdirSync(path.join(dir, 'app', 'node_modules'), { recursive: true });
    cwd = jest.spyOn(process, 'cwd').mockReturnValue(path.join(dir, 'app'));
    delete process.env.ERLANG_CLUSTER_CACHE;
  });

  afterEach(() => {
    cwd.mockRestore();
    if (savedCacheEnv === undefined) delete process.env.ERLANG_CLUSTER_CACHE;
    else process.env.ERLANG_CLUSTER_CACHE = savedCacheEnv;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('the strict definitions', () => {
    test('an object schema with properties is closed; its fields are checked by type', () => {
      const s = new KubernetesSchema(defsFile, []);
      expect(s.validate([widget({ spec: { size: 3, properties: 'x' } })])).toEqual([]);
      expect(s.validate([widget({ spec: { size: 3, sise: 4 } })])).toEqual([{ object: 'Widget/ns/w', path: '/spec', message: "unknown field 'sise'" }]);
      expect(s.validate([widget({ spec: { size: 'three' } })])).toEqual([{ object: 'Widget/ns/w', path: '/spec/size', message: 'must be integer' }]);
      expect(s.validate([widget({ bogus: 1 })])).toEqual([{ object: 'Widget/ns/w', path: '', message: "unknown field 'bogus'" }]);
    });

    test('a field named `properties` keeps its own schema (the name map is not itself closed)', () => {
      const s = new KubernetesSchema(defsFile, []);
      expect(s.validate([widget({ spec: { additionalProperties: 1 } })])).toEqual([
        { object: 'Widget/ns/w', path: '/spec', message: "unknown field 'additionalProperties'" },
      ]);
      expect(s.validate([widget({ spec: { properties: 5 } })])).toEqual([{ object: 'Widget/ns/w', path: '/spec/properties', message: 'must be string' }]);
    });

    test('arrays and nulls in the definitions (required, enum, default) are kept as they are', () => {
      const s = new KubernetesSchema(defsFile, []);
      expect(s.validate([widget({ spec: { mode: 'b' } })])).toEqual([]);
      expect(s.validate([widget({ spec: { mode: 'c' } })])).toEqual([
        { object: 'Widget/ns/w', path: '/spec/mode', message: 'must be equal to one of the allowed values' },
      ]);
      expect(s.validate([{ apiVersion: 'example.com/v1', kind: 'Widget' }])).toEqual([
        { object: 'Widget/?', path: '', message: "must have required property 'metadata'" },
      ]);
    });

    test('x-kubernetes-preserve-unknown-fields and an explicit additionalProperties stay open', () => {
      const s = new KubernetesSchema(defsFile, []);
      expect(s.validate([widget({ open: { a: 'x', anything: { deep: true } } })])).toEqual([]);
      expect(s.validate([widget({ explicit: { a: 'x', other: 7 } })])).toEqual([]);
      expect(s.validate([widget({ explicit: { other: 'seven' } })])).toEqual([{ object: 'Widget/ns/w', path: '/explicit/other', message: 'must be integer' }]);
    });

    test('schemas inside arrays (items) are closed too; all errors are reported', () => {
      const s = new KubernetesSchema(defsFile, []);
      expect(s.validate([widget({ list: [{ a: 'x' }, { b: 'y' }], spec: { size: 'z' } })])).toEqual([
        { object: 'Widget/ns/w', path: '/spec/size', message: 'must be integer' },
        { object: 'Widget/ns/w', path: '/list/1', message: "unknown field 'b'" },
      ]);
    });
  });

  describe('the apiVersion/kind index', () => {
    test('a core group is the bare version; a named group is group/version', () => {
      const s = new KubernetesSchema(defsFile, [extraFile]);
      expect([s.knows('v1', 'Core'), s.knows('/v1', 'Core'), s.knows('example.com/v1', 'Widget'), s.knows('v1', 'Widget')]).toEqual([true, false, true, false]);
      expect([s.knows('example.com/v2', 'Gadget'), s.knows('example.com/v1', 'Gadget')]).toEqual([true, false]);
      expect(new KubernetesSchema(defsFile, []).knows('example.com/v2', 'Gadget')).toBe(false);
    });

    test('the extra files are validated with the main ones; an unknown kind is a violation naming it', () => {
      const s = new KubernetesSchema(defsFile, [extraFile]);
      expect(
        s.validate([
          { apiVersion: 'example.com/v2', kind: 'Gadget', metadata: { name: 'g' }, n: 'x' },
          { apiVersion: 'v1', kind: 'Core', metadata: { name: 'c' } },
          { apiVersion: 'v9', kind: 'Nope', metadata: { name: 'n', namespace: 'q' } },
          null,
        ]),
      ).toEqual([
        { object: 'Gadget/g', path: '/n', message: 'must be integer' },
        { object: 'Nope/q/n', path: '', message: 'unknown apiVersion/kind v9/Nope in Kubernetes 1.28' },
        { object: '?/?', path: '', message: 'unknown apiVersion/kind undefined/undefined in Kubernetes 1.28' },
      ]);
    });

    test('the real definitions: the default files know core kinds and our custom resources', () => {
      const s = new KubernetesSchema();
      expect([
        s.knows('apps/v1', 'StatefulSet'),
        s.knows('v1', 'Service'),
        s.knows('monitoring.coreos.com/v1', 'PodMonitor'),
        s.knows('cert-manager.io/v1', 'Certificate'),
      ]).toEqual([true, true, true, true]);
    });
  });

  describe('the standalone-code cache', () => {
    test('lives in <cwd>/node_modules/.cache/cdk8s-erlang-cluster/schema/<24 hex>/ with the index and one file per compiled kind', () => {
      const s = new KubernetesSchema(defsFile, [extraFile]);
      const [key, ...more] = cacheDirs();
      expect(more).toEqual([]);
      expect(key).toMatch(/^[0-9a-f]{24}$/);
      const keyDir = path.join(schemaRoot(), key);
      expect(JSON.parse(fs.readFileSync(path.join(keyDir, 'gvk-index.json'), 'utf8'))).toEqual({
        'example.com/v1/Widget': 'test.Widget',
        'v1/Core': 'test.Core',
        'example.com/v2/Gadget': 'test.Gadget',
      });
      expect(fs.readdirSync(keyDir)).toEqual(['gvk-index.json']);
      s.validate([widget()]);
      expect(fs.readdirSync(keyDir).sort()).toEqual(['gvk-index.json', 'test.Widget.js']);
      expect(fs.readFileSync(path.join(keyDir, 'test.Widget.js'), 'utf8')).toContain('module.exports');
    });

    test('is read back: a cached index and a cached validator are used as they are', () => {
      new KubernetesSchema(defsFile, []).validate([widget()]);
      const keyDir = path.join(schemaRoot(), cacheDirs()[0]);
      // Tamper with the cache: the next instance believes it.
      fs.writeFileSync(path.join(keyDir, 'gvk-index.json'), JSON.stringify({ 'example.com/v1/Widget': 'test.Widget', 'v1/Fake': 'test.Core' }));
      fs.writeFileSync(
        path.join(keyDir, 'test.Widget.js'),
        'module.exports = function v() { v.errors = [{ instancePath: "/x", keyword: "k", message: "from the cache", params: {} }]; return false; };',
      );
      const s = new KubernetesSchema(defsFile, []);
      expect([s.knows('v1', 'Fake'), s.knows('v1', 'Core')]).toEqual([true, false]);
      expect(s.validate([widget()])).toEqual([{ object: 'Widget/ns/w', path: '/x', message: 'from the cache' }]);
    });

    test('a corrupt index or validator is rebuilt and rewritten', () => {
      new KubernetesSchema(defsFile, []).validate([widget()]);
      const keyDir = path.join(schemaRoot(), cacheDirs()[0]);
      fs.writeFileSync(path.join(keyDir, 'gvk-index.json'), '{not json');
      fs.writeFileSync(path.join(keyDir, 'test.Widget.js'), 'this is not javascript (');
      const s = new KubernetesSchema(defsFile, []);
      expect(s.knows('example.com/v1', 'Widget')).toBe(true);
      expect(s.validate([widget({ bogus: 1 })])).toEqual([{ object: 'Widget/ns/w', path: '', message: "unknown field 'bogus'" }]);
      expect(JSON.parse(fs.readFileSync(path.join(keyDir, 'gvk-index.json'), 'utf8'))).toEqual({
        'example.com/v1/Widget': 'test.Widget',
        'v1/Core': 'test.Core',
      });
      expect(fs.readFileSync(path.join(keyDir, 'test.Widget.js'), 'utf8')).toContain('module.exports');
    });

    test('code that does not export a function is corrupt too', () => {
      new KubernetesSchema(defsFile, []).validate([widget()]);
      const keyDir = path.join(schemaRoot(), cacheDirs()[0]);
      fs.writeFileSync(path.join(keyDir, 'test.Widget.js'), 'module.exports = 42;');
      expect(new KubernetesSchema(defsFile, []).validate([widget({ bogus: 1 })])).toEqual([
        { object: 'Widget/ns/w', path: '', message: "unknown field 'bogus'" },
      ]);
    });

    test('the key changes with the definitions, so an edit compiles afresh', () => {
      new KubernetesSchema(defsFile, []);
      new KubernetesSchema(defsFile, [extraFile]);
      expect(cacheDirs()).toHaveLength(2);
      new KubernetesSchema(defsFile, [extraFile]);
      expect(cacheDirs()).toHaveLength(2);
    });

    test('ERLANG_CLUSTER_CACHE=0 turns it off; other values do not', () => {
      process.env.ERLANG_CLUSTER_CACHE = '0';
      const s = new KubernetesSchema(defsFile, []);
      expect(s.validate([widget({ bogus: 1 })])).toHaveLength(1);
      expect(fs.existsSync(path.join(dir, 'app', 'node_modules', '.cache'))).toBe(false);
      process.env.ERLANG_CLUSTER_CACHE = '1';
      new KubernetesSchema(defsFile, []);
      expect(cacheDirs()).toHaveLength(1);
    });

    test('without node_modules in the working folder there is no cache, and nothing is created', () => {
      fs.rmSync(path.join(dir, 'app', 'node_modules'), { recursive: true });
      const s = new KubernetesSchema(defsFile, []);
      expect(s.validate([widget({ bogus: 1 })])).toHaveLength(1);
      expect(fs.readdirSync(path.join(dir, 'app'))).toEqual([]);
    });

    test('an unwritable cache only costs time, and leaves no temporary file behind', () => {
      // A file where the cache folder should be: mkdir fails, validation still works.
      fs.mkdirSync(path.join(dir, 'app', 'node_modules', '.cache', 'cdk8s-erlang-cluster'), { recursive: true });
      fs.writeFileSync(schemaRoot(), 'in the way');
      const s = new KubernetesSchema(defsFile, []);
      expect(s.validate([widget({ bogus: 1 })])).toEqual([{ object: 'Widget/ns/w', path: '', message: "unknown field 'bogus'" }]);
      expect(fs.readdirSync(path.join(dir, 'app', 'node_modules', '.cache', 'cdk8s-erlang-cluster'))).toEqual(['schema']);
    });

    test('a failed write removes its temporary file', () => {
      new KubernetesSchema(defsFile, []);
      const keyDir = path.join(schemaRoot(), cacheDirs()[0]);
      // The target is a folder: the rename fails after the temporary file was written.
      fs.mkdirSync(path.join(keyDir, 'test.Widget.js'));
      expect(new KubernetesSchema(defsFile, []).validate([widget()])).toEqual([]);
      expect(fs.readdirSync(keyDir).sort()).toEqual(['gvk-index.json', 'test.Widget.js']);
    });
  });
});

describe('its own source, its validators and formats', () => {
  const readFileSync = fs.readFileSync as jest.MockedFunction<typeof fs.readFileSync>;

  const actualReadFileSync = jest.requireActual<typeof import('fs')>('fs').readFileSync;

  const SCHEMA_SOURCE = path.join(__dirname, '..', '..', 'lib', 'validation', 'schema.ts');

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

  let defsFile: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-source-'));
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
});
