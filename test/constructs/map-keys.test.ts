/**
 * Every legal map key reaches the manifest, whatever JavaScript thinks of its
 * name. `constructor`, `toString` or `prototype/x` are legal label,
 * annotation and nodeSelector keys; `__proto__` is not a label key, but it is a
 * legal key of a free map (a CSI volume's `volumeAttributes`). For every map
 * prop of every construct, a random legal key, prototype names included, is
 * written exactly once with its value by Testing.synth, by the fast synth
 * engine and its YAML writer, and the validator reads it without crashing.
 *
 * Seeded and reproducible: FC_SEED=<n> npx jest test/constructs/map-keys.test.ts
 */
import * as fs from 'fs';
import { IntOrString } from '../../imports/k8s';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing, Yaml, Size } from 'cdk8s';
import * as fc from 'fast-check';
import {
  ConfigError,
  ErlangRelease,
  ErlangStatefulCluster,
  ErlangStatefulClusterProps,
  HeadlessService,
  LoadBalancedServiceType,
  LoadBalancedService,
  LocalPersistentVolume,
  LocalStorageClass,
} from 'cdk8s-erlang-cluster';
import { synthCharts } from 'cdk8s-erlang-cluster/synth';
import { parseAllDocuments } from 'yaml';
import { stringifyManifests } from '../../lib/synth/fast-yaml';
import { KubeObject } from '../../lib/validation/manifests';
import { isClean, formatReport, validateManifests } from '../../lib/validation/validate';
import { configErrorOf } from '../helpers';
import { cookie } from '../fixtures/constructs';

const SEED = process.env.FC_SEED === undefined ? 20240606 : Number(process.env.FC_SEED);
const RUNS = Math.round(25 * Number(process.env.FC_SCALE ?? 1));

/** Names that JavaScript objects inherit; every one that is a legal label name. */
const PROTOTYPE_NAMES = [
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'prototype',
  'length',
  'name',
  'then',
];

const labelName = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,20}[a-z0-9])?$/));
const dnsPrefix = fc.oneof(fc.constantFrom('prototype', 'constructor', 'example.com', 'app.kubernetes.io'), fc.domain());
/** A legal label key (and annotation key): an optional DNS-subdomain prefix and '/', then a name. */
const labelKey = fc
  .oneof(
    labelName,
    fc.tuple(dnsPrefix, labelName).map(([p, n]) => `${p}/${n}`),
  )
  .filter((k) => !k.startsWith('app.kubernetes.io/'));
const labelValue = fc.oneof(
  fc.constantFrom('constructor', 'toString', '__proto__x'.slice(2), ''),
  fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9._-]{0,20}[A-Za-z0-9])?$/),
);

function cluster(chart: Chart, props: Partial<ErlangStatefulClusterProps> = {}): ErlangStatefulCluster {
  return new ErlangStatefulCluster(chart, 'App', {
    basename: 'app',
    release: ErlangRelease.mix(),
    image: 'registry.example.com/app:1.0.0',
    cookie,
    appPorts: [{ name: 'http', port: 8080 }],
    ...props,
  });
}
const one = (key: string, value: string): Record<string, string> => Object.fromEntries([[key, value]]);
const ports = [{ name: 'http', port: 8080, targetPort: IntOrString.fromString('http') }];

/** A map prop: what to build with `{ [key]: value }`, and where the synthesized map is. */
interface MapProp {
  readonly name: string;
  readonly build: (chart: Chart, map: Record<string, string>) => void;
  readonly kind: string;
  readonly at: (o: any) => Record<string, unknown> | undefined;
}

const templateOf = (o: any) => o.spec.template;
const MAP_PROPS: MapProp[] = [
  { name: 'ErlangStatefulCluster podLabels', build: (c, m) => cluster(c, { podLabels: m }), kind: 'StatefulSet', at: (o) => templateOf(o).metadata.labels },
  {
    name: 'ErlangStatefulCluster nodeSelector',
    build: (c, m) => cluster(c, { nodeSelector: m }),
    kind: 'StatefulSet',
    at: (o) => templateOf(o).spec.nodeSelector,
  },
  {
    name: 'ErlangStatefulCluster podMetadata.labels',
    build: (c, m) => cluster(c, { podMetadata: { labels: m } }),
    kind: 'StatefulSet',
    at: (o) => templateOf(o).metadata.labels,
  },
  {
    name: 'ErlangStatefulCluster podMetadata.annotations',
    build: (c, m) => cluster(c, { podMetadata: { annotations: m } }),
    kind: 'StatefulSet',
    at: (o) => templateOf(o).metadata.annotations,
  },
  {
    name: 'ErlangStatefulCluster metadata.labels',
    build: (c, m) => cluster(c, { metadata: { labels: m } }),
    kind: 'StatefulSet',
    at: (o) => o.metadata.labels,
  },
  {
    name: 'ErlangStatefulCluster metadata.annotations',
    build: (c, m) => cluster(c, { metadata: { annotations: m } }),
    kind: 'StatefulSet',
    at: (o) => o.metadata.annotations,
  },
  {
    name: 'ErlangStatefulCluster metrics.podMonitor.labels',
    build: (c, m) => cluster(c, { metrics: { podMonitor: { labels: m } } }),
    kind: 'PodMonitor',
    at: (o) => o.metadata.labels,
  },
  {
    name: 'HeadlessService selector',
    build: (c, m) => new HeadlessService(c, 'Hl', { name: 'extra-hl', selector: { ...cluster(c, { podLabels: m }).selectorLabels, ...m }, ports }),
    kind: 'Service',
    at: (o) => (o.metadata.name === 'extra-hl' ? o.spec.selector : undefined),
  },
  {
    name: 'HeadlessService labels',
    build: (c, m) => new HeadlessService(c, 'Hl', { name: 'extra-hl', selector: cluster(c).selectorLabels, labels: m, ports }),
    kind: 'Service',
    at: (o) => (o.metadata.name === 'extra-hl' ? o.metadata.labels : undefined),
  },
  {
    name: 'HeadlessService metadata',
    build: (c, m) => new HeadlessService(c, 'Hl', { name: 'extra-hl', selector: cluster(c).selectorLabels, metadata: { labels: m, annotations: m }, ports }),
    kind: 'Service',
    at: (o) => (o.metadata.name === 'extra-hl' ? { ...o.metadata.labels, ...o.metadata.annotations } : undefined),
  },
  {
    name: 'LoadBalancedService selector',
    build: (c, m) =>
      new LoadBalancedService(c, 'Web', {
        name: 'web',
        type: LoadBalancedServiceType.CLUSTER_IP,
        selector: { ...cluster(c, { podLabels: m }).selectorLabels, ...m },
        ports,
      }),
    kind: 'Service',
    at: (o) => (o.metadata.name === 'web' ? o.spec.selector : undefined),
  },
  {
    name: 'LoadBalancedService labels',
    build: (c, m) =>
      new LoadBalancedService(c, 'Web', { name: 'web', type: LoadBalancedServiceType.CLUSTER_IP, selector: cluster(c).selectorLabels, labels: m, ports }),
    kind: 'Service',
    at: (o) => (o.metadata.name === 'web' ? o.metadata.labels : undefined),
  },
  {
    name: 'LoadBalancedService metadata',
    build: (c, m) =>
      new LoadBalancedService(c, 'Web', {
        name: 'web',
        type: LoadBalancedServiceType.CLUSTER_IP,
        selector: cluster(c).selectorLabels,
        metadata: { labels: m, annotations: m },
        ports,
      }),
    kind: 'Service',
    at: (o) => (o.metadata.name === 'web' ? { ...o.metadata.labels, ...o.metadata.annotations } : undefined),
  },
  {
    name: 'LocalStorageClass metadata',
    build: (c, m) => new LocalStorageClass(c, 'Local', { name: 'local-storage', metadata: { labels: m, annotations: m } }),
    kind: 'StorageClass',
    at: (o) => ({ ...o.metadata.labels, ...o.metadata.annotations }),
  },
  {
    name: 'LocalStorageClass addVolume metadata',
    build: (c, m) =>
      new LocalStorageClass(c, 'Local', { name: 'local-storage' }).addVolume('V', {
        name: 'v0',
        nodeName: 'worker1',
        path: '/mnt/v0',
        size: Size.gibibytes(1),
        metadata: { labels: m },
      }),
    kind: 'PersistentVolume',
    at: (o) => o.metadata.labels,
  },
  {
    name: 'LocalPersistentVolume metadata',
    build: (c, m) =>
      new LocalPersistentVolume(c, 'Pv', {
        name: 'pv0',
        storageClassName: 'manual',
        nodeName: 'worker1',
        path: '/mnt/pv0',
        size: Size.gibibytes(1),
        metadata: { labels: m, annotations: m },
      }),
    kind: 'PersistentVolume',
    at: (o) => ({ ...o.metadata.labels, ...o.metadata.annotations }),
  },
];

/** The map of `prop` in `objects` (exactly one object has it). */
function mapIn(objects: readonly any[], prop: MapProp): Record<string, unknown> {
  const maps = objects.filter((o) => o.kind === prop.kind).flatMap((o) => prop.at(o) ?? []);
  expect(maps).toHaveLength(1);
  return maps[0] as Record<string, unknown>;
}

/** `key` is an own key of `map`, once, with `value`. */
function expectOwnKey(map: Record<string, unknown>, key: string, value: string): void {
  expect(Object.keys(map).filter((k) => k === key)).toEqual([key]);
  expect(Object.getOwnPropertyDescriptor(map, key)?.value).toBe(value);
}

/** The fast engine's output, read back from its YAML files (duplicate keys are a parse error). */
function fastSynth(build: (chart: Chart) => void): any[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'map-keys-'));
  try {
    const app = new App({ outdir });
    build(new Chart(app, 'test'));
    const written = synthCharts(app);
    const text = fs.readFileSync(path.join(outdir, 'test.k8s.yaml'), 'utf8');
    const docs = parseAllDocuments(text, { uniqueKeys: true });
    for (const d of docs) expect(d.errors).toEqual([]);
    const read = docs.map((d) => d.toJS());
    expect(read).toEqual(written);
    return read;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

beforeAll(() => console.log(`fast-check seed ${SEED} (${RUNS} runs per prop); reproduce with FC_SEED=${SEED}`));

describe('a legal key with any name reaches the manifest intact, and the validator reads it', () => {
  test.each(MAP_PROPS.map((p) => [p.name, p] as const))('%s', (_, prop) => {
    fc.assert(
      fc.property(labelKey, labelValue, (key, value) => {
        const chart = new Chart(Testing.app(), 'test');
        prop.build(chart, one(key, value));
        const objects = Testing.synth(chart) as KubeObject[];
        expectOwnKey(mapIn(objects, prop), key, value);
        const report = validateManifests(objects);
        if (!isClean(report)) throw new Error(formatReport(report));
        expectOwnKey(
          mapIn(
            fastSynth((c) => prop.build(c, one(key, value))),
            prop,
          ),
          key,
          value,
        );
      }),
      // Every prototype name, bare and as a prefix, whatever the seed draws.
      {
        seed: SEED,
        numRuns: RUNS,
        // Every prototype name, bare, after a prefix, as a prefix (a DNS prefix is lower-case) and as a value, whatever the seed draws.
        examples: PROTOTYPE_NAMES.flatMap((n): [string, string][] => [
          [n, 'v'],
          [`example.com/${n}`, n],
          ...(n === n.toLowerCase() ? [[`${n}/x`, 'v'] as [string, string]] : []),
        ]),
      },
    );
  });
});

describe('constructor and __proto__', () => {
  test("a label, annotation, nodeSelector and selector key 'constructor' is written once, with its value", () => {
    const m = { constructor: 'yes' };
    const chart = new Chart(Testing.app(), 'test');
    const app = cluster(chart, { podLabels: m, nodeSelector: m, podMetadata: { annotations: m }, metadata: { labels: m, annotations: m } });
    new LoadBalancedService(chart, 'Web', { name: 'web', type: LoadBalancedServiceType.CLUSTER_IP, selector: { ...app.selectorLabels, ...m }, ports });
    const objects = Testing.synth(chart) as any[];
    const sts = objects.find((o) => o.kind === 'StatefulSet');
    for (const map of [
      sts.metadata.labels,
      sts.metadata.annotations,
      sts.spec.template.metadata.labels,
      sts.spec.template.metadata.annotations,
      sts.spec.template.spec.nodeSelector,
      objects.find((o) => o.metadata.name === 'web').spec.selector,
    ]) {
      expectOwnKey(map, 'constructor', 'yes');
    }
    // In its sorted place, as cdk8s writes every map.
    expect(Object.keys(sts.spec.template.metadata.labels)).toEqual(['app', 'constructor']);
    expect(validateManifests(objects)).toEqual({ schema: [], invariants: [] });
    expect(Yaml.stringify(sts)).toContain('\n      nodeSelector:\n        constructor: "yes"\n');
  });

  test("a 'constructor' or 'toString' label is no label of the construct: it does not clash with the selector", () => {
    for (const key of ['constructor', 'toString', 'hasOwnProperty']) {
      const objects = Testing.synth(
        (() => {
          const chart = new Chart(Testing.app(), 'test');
          cluster(chart, { podMetadata: { labels: one(key, 'v') }, metadata: { labels: one(key, 'v') } });
          return chart;
        })(),
      ) as any[];
      expectOwnKey(objects.find((o) => o.kind === 'StatefulSet').spec.template.metadata.labels, key, 'v');
    }
  });

  test("'__proto__' is a legal key of a free map: a CSI volume's volumeAttributes keep it as an own key", () => {
    const attributes = JSON.parse('{"__proto__": "p", "constructor": "c", "size": "1"}') as Record<string, string>;
    const build = (chart: Chart) =>
      cluster(chart, {
        extraVolumes: [{ name: 'scratch', csi: { driver: 'csi.example.com', volumeAttributes: attributes } }],
        extraVolumeMounts: [{ name: 'scratch', mountPath: '/scratch' }],
      });
    const chart = new Chart(Testing.app(), 'test');
    build(chart);
    const objects = Testing.synth(chart) as any[];
    const read = (objs: any[]) =>
      objs.find((o) => o.kind === 'StatefulSet').spec.template.spec.volumes.find((v: any) => v.name === 'scratch').csi.volumeAttributes;
    for (const map of [read(objects), read(fastSynth(build))]) {
      expect(Object.keys(map)).toEqual(['__proto__', 'constructor', 'size']);
      expectOwnKey(map, '__proto__', 'p');
      expectOwnKey(map, 'constructor', 'c');
      expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    }
    expect(validateManifests(objects)).toEqual({ schema: [], invariants: [] });
  });

  test("'__proto__' as a label key is a ConfigError (a label name starts with a letter or digit), not a crash or a silent drop", () => {
    const err = configErrorOf(() => cluster(new Chart(Testing.app(), 'test'), { podLabels: JSON.parse('{"__proto__": "v"}') }));
    expect([err.where, err.prop, err.value]).toEqual(['test/App', 'podLabels key', '__proto__']);
    expect(err.allowed).toContain('must be a label key');
    const other = configErrorOf(() => cluster(new Chart(Testing.app(), 'test'), { nodeSelector: JSON.parse('{"__proto__": "v"}') }));
    expect(other.prop).toBe('nodeSelector key');
    expect(ConfigError.isConfigError(other)).toBe(true);
  });

  test('the YAML writer prints an own __proto__ or constructor key as Yaml.stringify does', () => {
    const doc = JSON.parse('{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"__proto__": "p", "constructor": "c"}}');
    const text = stringifyManifests([doc]);
    expect(text).toBe(Yaml.stringify(doc));
    expect(text).toContain('\n  __proto__: p\n  constructor: c\n');
  });

  test('the validator reads __proto__, constructor and toString keys in manifests as own keys', () => {
    const chart = new Chart(Testing.app(), 'test');
    const app = cluster(chart, { podLabels: { constructor: 'yes' } });
    new LoadBalancedService(chart, 'Web', { name: 'web', type: LoadBalancedServiceType.CLUSTER_IP, selector: app.selectorLabels, ports });
    const objects = JSON.parse(JSON.stringify(Testing.synth(chart))) as any[];
    const svc = objects.find((o) => o.metadata.name === 'web');
    // A selector key the pods carry selects them; one they lack, inherited by every object or not, selects nothing.
    svc.spec.selector.constructor = 'yes';
    expect(validateManifests(objects).invariants).toEqual([]);
    for (const key of ['toString', '__proto__', 'valueOf']) {
      const copy = JSON.parse(JSON.stringify(objects)) as any[];
      Object.defineProperty(copy.find((o) => o.metadata.name === 'web').spec.selector, key, { value: 'yes', enumerable: true });
      expect(validateManifests(copy).invariants.map((v) => v.rule)).toEqual(['selector-matches-pods']);
    }
    // An env named __proto__ or constructor is an env like any other.
    objects
      .find((o) => o.kind === 'StatefulSet')
      .spec.template.spec.containers[0].env.push({ name: '__proto__', value: '1' }, { name: 'constructor', value: '2' });
    expect(() => validateManifests(objects)).not.toThrow();
  });
});
