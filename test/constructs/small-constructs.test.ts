/**
 * The four small constructs (HeadlessService, LoadBalancedService, LocalStorageClass,
 * LocalPersistentVolume): cdk8s-plus's vocabulary (`metadata`, `ServiceType`,
 * `PersistentVolumeReclaimPolicy`, `PersistentVolumeAccessMode`, cdk8s `Size`) beside the older
 * spellings, each new form checked field by field, shown to render the same object as the old
 * spelling and refused with a one-line ConfigError when it is garbage. Then their shared
 * machinery: the workload index that lets a Service find the clusters it selects
 * (lib/constructs/workload-index.ts), the synth-time target check on those clusters, the scope and
 * props checks, the type marks and mergeMetadata's result shape.
 */
import { Chart, Size, Testing } from 'cdk8s';
import { IntOrString } from '../../imports/k8s';
import { Construct } from 'constructs';
import { PersistentVolumeAccessMode, PersistentVolumeReclaimPolicy, ServiceType } from 'cdk8s-plus-28';
import {
  HeadlessService,
  HeadlessServiceProps,
  LoadBalancedService,
  LoadBalancedServiceProps,
  LocalPersistentVolume,
  LocalPersistentVolumeProps,
  LocalStorageClass,
  LocalStorageClassProps,
  ErlangStatefulCluster,
  ServicePortSpec,
  ErlangRelease,
} from 'cdk8s-erlang-cluster';
import { mergeMetadata } from '../../lib/constructs/metadata';
import { MAX_ANNOTATIONS_BYTES } from '../../lib/checks';
import { BadCase, configErrorOf, fields, synthError } from '../helpers';
import { cookie } from '../fixtures/constructs';

/** A chart named `test` in a fresh app, so construct paths are `test/<id>`. */
const chart = (namespace?: string) => new Chart(Testing.app(), 'test', namespace === undefined ? {} : { namespace });

/** The one object a chart synthesizes of `kind`. */
const only = (c: Chart, kind: string): any => {
  const found = Testing.synth(c).filter((o) => o.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
};

// JavaScript callers have no type checker: garbage reaches the constructs as `any`.
const js = (v: unknown): any => v;

const HEADLESS: HeadlessServiceProps = { name: 'app', selector: { app: 'app' }, ports: [{ name: 'epmd', port: 4369 }] };

const BALANCED: LoadBalancedServiceProps = { name: 'app-svc', selector: { app: 'app' }, ports: [{ name: 'http', port: 8080 }] };

const VOLUME: LocalPersistentVolumeProps = { name: 'pv-0', storageClassName: 'local', nodeName: 'node-0', path: '/mnt/disk', size: Size.gibibytes(10) };

const CLASS: LocalStorageClassProps = { name: 'local' };

/** The options of addVolume: the volume's props less what its class sets. */
const { storageClassName: _class, reclaimPolicy: _policy, ...DISK } = VOLUME;

/** Builds construct `Ctor` as `test/<id>` from `base` overridden by `props`, and returns the one object of `kind` it renders. */
const renderer =
  <P extends object>(Ctor: new (scope: Construct, id: string, props: P) => unknown, id: string, base: P, kind: string) =>
  (props: Partial<P>, c = chart()): any => {
    new Ctor(c, id, { ...base, ...props });
    return only(c, kind);
  };

const headless = renderer(HeadlessService, 'h', HEADLESS, 'Service');

const balanced = renderer(LoadBalancedService, 's', BALANCED, 'Service');

const volume = renderer(LocalPersistentVolume, 'pv', VOLUME, 'PersistentVolume');

const storageClass = renderer(LocalStorageClass, 'sc', CLASS, 'StorageClass');

const META = { labels: { team: 'core' }, annotations: { 'example.com/owner': 'ops', note: 'free text: any string, even {"json": true}' } };

/** A value as ConfigError prints it. */
const shown = (value: unknown) => {
  const text = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 200 ? `${text.slice(0, 200)}... (${text.length} chars)` : text;
};

const big = { k: 'x'.repeat(MAX_ANNOTATIONS_BYTES) };

const BAD: BadCase[] = [
  {
    name: 'a metadata label that changes a selector label',
    build: () => headless({ metadata: { labels: { app: 'other' } } }),
    where: 'test/h',
    prop: 'metadata.labels.app',
    value: 'other',
    allowed: 'must not change the selector label app=app that this construct relies on to select its pods; leave it out or repeat the same value',
  },
  {
    name: "a JavaScript caller's LoadBalancedSvc labels prop, which is gone",
    build: () => balanced({ labels: { tier: 'web' } } as unknown as Partial<LoadBalancedServiceProps>),
    where: 'test/s',
    prop: 'labels',
    value: { tier: 'web' },
    allowed: "is no longer a prop of LoadBalancedServiceProps: write the Service's labels as metadata.labels",
  },
  {
    name: "a JavaScript caller's HeadlessService labels prop, which is gone",
    build: () => headless({ labels: { tier: 'mesh' } } as unknown as Partial<HeadlessServiceProps>),
    where: 'test/h',
    prop: 'labels',
    value: { tier: 'mesh' },
    allowed: "is no longer a prop of HeadlessServiceProps: write the Service's labels as metadata.labels",
  },
  {
    name: 'a metadata name other than the name prop',
    build: () => headless({ metadata: { name: 'other' } }),
    where: 'test/h',
    prop: 'metadata.name',
    value: 'other',
    allowed: "must equal the name prop ('app') or be left out",
  },
  {
    name: 'a metadata name other than the volume name',
    build: () => volume({ metadata: { name: 'pv-1' } }),
    where: 'test/pv',
    prop: 'metadata.name',
    value: 'pv-1',
    allowed: "must equal the name prop ('pv-0')",
  },
  {
    name: 'a metadata namespace other than the Service namespace',
    build: () => balanced({ namespace: 'shop', metadata: { namespace: 'default' } }),
    where: 'test/s',
    prop: 'metadata.namespace',
    value: 'default',
    allowed: "must equal the object's namespace ('shop', from the namespace prop or the chart)",
  },
  {
    name: 'a metadata namespace on a StorageClass',
    build: () => storageClass({ metadata: { namespace: 'shop' } }),
    where: 'test/sc',
    prop: 'metadata.namespace',
    value: 'shop',
    allowed: 'must be left out: a StorageClass is cluster-scoped and has no namespace',
  },
  {
    name: 'a metadata namespace on a PersistentVolume',
    build: () => volume({ metadata: { namespace: 'shop' } }),
    where: 'test/pv',
    prop: 'metadata.namespace',
    value: 'shop',
    allowed: 'a PersistentVolume is cluster-scoped',
  },
  {
    name: 'a bad metadata label key',
    build: () => headless({ metadata: { labels: { 'bad key': 'x' } } }),
    where: 'test/h',
    prop: 'metadata.labels key',
    value: 'bad key',
    allowed: 'must be a label key',
  },
  {
    name: 'a bad metadata label value',
    build: () => storageClass({ metadata: { labels: { team: 'core team' } } }),
    where: 'test/sc',
    prop: 'metadata.labels.team',
    value: 'core team',
    allowed: 'must be a label value',
  },
  {
    name: 'a bad annotation key',
    build: () => balanced({ metadata: { annotations: { 'example.com/a b': 'x' } } }),
    where: 'test/s',
    prop: 'metadata.annotations key',
    value: 'example.com/a b',
    allowed: 'must be an annotation key',
  },
  {
    name: 'an annotation key with an empty name',
    build: () => volume({ metadata: { annotations: { 'example.com/': 'x' } } }),
    where: 'test/pv',
    prop: 'metadata.annotations key',
    value: 'example.com/',
    allowed: 'must be an annotation key',
  },
  {
    name: 'a number annotation value (JavaScript)',
    build: () => headless({ metadata: { annotations: js({ replicas: 3 }) } }),
    where: 'test/h',
    prop: 'metadata.annotations.replicas',
    value: 3,
    allowed: 'must be a string, not a number',
  },
  {
    name: 'annotations over 256 KiB',
    build: () => headless({ metadata: { annotations: big } }),
    where: 'test/h',
    prop: 'metadata.annotations',
    value: big,
    allowed: `must total at most 262144 bytes (256 KiB) of keys and values, as Kubernetes requires; these have ${MAX_ANNOTATIONS_BYTES + 1}`,
  },
  {
    name: 'metadata that is not an object (JavaScript)',
    build: () => storageClass({ metadata: js('team=core') }),
    where: 'test/sc',
    prop: 'metadata',
    value: 'team=core',
    allowed: 'must be an object (ResourceMetadata), not a string',
  },
  {
    name: 'a misspelled metadata key',
    build: () => volume({ metadata: js({ label: { team: 'core' } }) }),
    where: 'test/pv',
    prop: 'metadata.label',
    value: { team: 'core' },
    allowed: "is not a prop of ResourceMetadata; did you mean 'labels'?",
  },
  {
    name: 'ServiceType.EXTERNAL_NAME, which balances nothing',
    build: () => balanced({ type: js(ServiceType.EXTERNAL_NAME) }),
    where: 'test/s',
    prop: 'type',
    value: 'ExternalName',
    allowed: "must be one of 'ClusterIP', 'NodePort', 'LoadBalancer'",
  },
  {
    name: 'a Service type in the wrong case',
    build: () => balanced({ type: js('nodeport') }),
    where: 'test/s',
    prop: 'type',
    value: 'nodeport',
    allowed: "must be one of 'ClusterIP', 'NodePort', 'LoadBalancer'",
  },
  {
    name: 'a volume reclaim policy Recycle',
    build: () => volume({ reclaimPolicy: 'Recycle' as PersistentVolumeReclaimPolicy }),
    where: 'test/pv',
    prop: 'reclaimPolicy',
    value: 'Recycle',
    allowed: "must be one of 'Retain', 'Delete'",
  },
  {
    name: 'a class reclaim policy that is not a string (JavaScript)',
    build: () => storageClass({ reclaimPolicy: js(PersistentVolumeReclaimPolicy) }),
    where: 'test/sc',
    prop: 'reclaimPolicy',
    value: { RETAIN: 'Retain', DELETE: 'Delete' },
    allowed: 'must be a string, not an object',
  },
  {
    name: 'an access mode abbreviation',
    build: () => volume({ accessMode: 'RWO' as unknown as PersistentVolumeAccessMode }),
    where: 'test/pv',
    prop: 'accessMode',
    value: 'RWO',
    allowed: "must be one of 'ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'",
  },
  {
    name: 'a zero Size',
    build: () => volume({ size: Size.gibibytes(0) }),
    where: 'test/pv',
    prop: 'size',
    value: '0',
    allowed: "must be a positive Kubernetes quantity such as '1Gi'",
  },
  {
    name: 'a Size of NaN',
    build: () => volume({ size: Size.gibibytes(Number.NaN) }),
    where: 'test/pv',
    prop: 'size',
    value: 'NaNKi',
    allowed: 'must be a positive Kubernetes quantity',
  },
  {
    name: 'a number of bytes as size (JavaScript)',
    build: () => volume({ size: js(10737418240) }),
    where: 'test/pv',
    prop: 'size',
    value: 10737418240,
    allowed: 'must be a cdk8s Size, e.g. Size.gibibytes(10), not a number',
  },
  {
    name: 'an object that is not a Size (JavaScript)',
    build: () => volume({ size: js({ gibibytes: 10 }) }),
    where: 'test/pv',
    prop: 'size',
    value: { gibibytes: 10 },
    allowed: 'must be a cdk8s Size',
  },
  {
    name: 'addVolume with a size that is not a Size (JavaScript)',
    build: () => new LocalStorageClass(chart(), 'sc', CLASS).addVolume('d0', { ...DISK, size: js(null) }),
    where: 'test/sc/d0',
    prop: 'size',
    value: null,
    allowed: 'must be a cdk8s Size, e.g. Size.gibibytes(10); null is not allowed',
  },
  {
    name: 'addVolume with a metadata namespace',
    build: () => new LocalStorageClass(chart(), 'sc', CLASS).addVolume('d0', { ...DISK, metadata: { namespace: 'x' } }),
    where: 'test/sc/d0',
    prop: 'metadata.namespace',
    value: 'x',
    allowed: 'a PersistentVolume is cluster-scoped',
  },
];

/** A cluster `basename` with one app port, in `chart`; its pods carry `app: <basename>` and `extra`'s podMetadata labels. */
function cluster(chart: Chart, basename: string, port: number, extra: Record<string, unknown> = {}): void {
  new ErlangStatefulCluster(chart, basename, {
    basename,
    release: ErlangRelease.relx(),
    image: 'registry:5000/app:1.0',
    cookie,
    appPorts: [{ name: 'http', port }],
    ...extra,
  });
}

/** A ClusterIP Service `s` in `chart`. */
function lb(chart: Chart, selector: Record<string, string>, ports: ServicePortSpec[], extra: Record<string, unknown> = {}): LoadBalancedService {
  return new LoadBalancedService(chart, 's', { name: 's', selector, ports, ...extra });
}

const names = (chart: Chart) => Testing.synth(chart).map((o) => `${o.kind}/${o.metadata.name}`);

const NO_ENDPOINTS = (ports: string) => `must be a container port of the pods it selects (${ports}); the Service would have no endpoints there`;

describe('metadata: labels and annotations on the rendered objects', () => {
  test('HeadlessService: the selector labels, then the user labels; the annotations as given', () => {
    expect(headless({ metadata: META }).metadata).toEqual({
      name: 'app',
      namespace: 'default',
      labels: { app: 'app', team: 'core' },
      annotations: META.annotations,
    });
  });

  test('HeadlessService metadata.labels: the selector labels, then the user labels', () => {
    expect(headless({ metadata: { labels: { tier: 'mesh', team: 'core' } } }).metadata).toEqual({
      name: 'app',
      namespace: 'default',
      labels: { app: 'app', tier: 'mesh', team: 'core' },
    });
  });

  test('LoadBalancedService: labels and annotations, in the chart namespace', () => {
    expect(balanced({ metadata: META }, chart('shop')).metadata).toEqual({
      name: 'app-svc',
      namespace: 'shop',
      labels: { app: 'app', team: 'core' },
      annotations: META.annotations,
    });
  });

  test('LocalStorageClass: labels and annotations, and still no namespace in a namespaced chart', () => {
    const sc = storageClass({ metadata: { labels: { team: 'core' }, annotations: { 'storageclass.kubernetes.io/is-default-class': 'false' } } }, chart('shop'));
    expect(sc.metadata).toEqual({ name: 'local', labels: { team: 'core' }, annotations: { 'storageclass.kubernetes.io/is-default-class': 'false' } });
  });

  test('LocalPersistentVolume and addVolume: labels and annotations, no namespace', () => {
    expect(volume({ metadata: META }, chart('shop')).metadata).toEqual({ name: 'pv-0', labels: META.labels, annotations: META.annotations });
    const c = chart();
    new LocalStorageClass(c, 'sc', CLASS).addVolume('d0', { ...DISK, metadata: { labels: { disk: 'ssd' } } });
    expect(only(c, 'PersistentVolume').metadata).toEqual({ name: 'pv-0', labels: { disk: 'ssd' } });
  });

  test('annotation keys are checked lower-cased, as the apiserver does: an upper-case prefix is fine', () => {
    expect(headless({ metadata: { annotations: { 'Example.COM/Owner': 'ops' } } }).metadata.annotations).toEqual({ 'Example.COM/Owner': 'ops' });
  });

  test('annotations of exactly 256 KiB (keys and values) are accepted', () => {
    const value = 'x'.repeat(MAX_ANNOTATIONS_BYTES - 1);
    expect(headless({ metadata: { annotations: { k: value } } }).metadata.annotations.k).toHaveLength(MAX_ANNOTATIONS_BYTES - 1);
  });
});

describe('the same object, old and new spellings', () => {
  test('no metadata, empty metadata, and metadata that only repeats name, namespace and selector labels', () => {
    for (const [build, repeat] of [
      [headless, { name: 'app', namespace: 'default', labels: { app: 'app' } }],
      [balanced, { name: 'app-svc', namespace: 'default', labels: { app: 'app' } }],
      [volume, { name: 'pv-0' }],
      [storageClass, { name: 'local' }],
    ] as const) {
      const render = build as (p: { metadata?: object }) => unknown;
      const plain = render({});
      expect(render({ metadata: {} })).toEqual(plain);
      expect(render({ metadata: repeat })).toEqual(plain);
    }
  });

  test("ServiceType and a JavaScript caller's plain string render the same Service", () => {
    for (const [plus, text] of [
      [ServiceType.CLUSTER_IP, 'ClusterIP'],
      [ServiceType.NODE_PORT, 'NodePort'],
      [ServiceType.LOAD_BALANCER, 'LoadBalancer'],
    ] as const) {
      const rendered = balanced({ type: plus });
      expect(rendered.spec.type).toBe(text);
      expect(balanced({ type: text as ServiceType })).toEqual(rendered);
    }
    expect(balanced({})).toEqual(balanced({ type: ServiceType.CLUSTER_IP }));
  });

  test('LoadBalancedService.type reads back as the cdk8s-plus value', () => {
    const s = new LoadBalancedService(chart(), 's', { ...BALANCED, type: ServiceType.NODE_PORT });
    const type: ServiceType = s.type;
    expect(type).toBe(ServiceType.NODE_PORT);
  });

  test("PersistentVolumeReclaimPolicy and a JavaScript caller's plain string: same StorageClass and volumes", () => {
    const withVolume = (reclaimPolicy: LocalStorageClassProps['reclaimPolicy']) => {
      const c = chart();
      new LocalStorageClass(c, 'sc', { ...CLASS, reclaimPolicy }).addVolume('d0', DISK);
      return Testing.synth(c);
    };
    const rendered = withVolume(PersistentVolumeReclaimPolicy.DELETE);
    expect(rendered.map((o) => o.reclaimPolicy ?? o.spec.persistentVolumeReclaimPolicy)).toEqual(['Delete', 'Delete']);
    expect(withVolume('Delete' as PersistentVolumeReclaimPolicy)).toEqual(rendered);
    expect(withVolume(undefined)).toEqual(withVolume(PersistentVolumeReclaimPolicy.RETAIN));
    expect(volume({ reclaimPolicy: PersistentVolumeReclaimPolicy.DELETE })).toEqual(volume({ reclaimPolicy: 'Delete' as PersistentVolumeReclaimPolicy }));
    expect(volume({ reclaimPolicy: PersistentVolumeReclaimPolicy.DELETE }).spec.persistentVolumeReclaimPolicy).toBe('Delete');
  });

  test("each PersistentVolumeAccessMode renders as itself, and a JavaScript caller's same string the same", () => {
    for (const mode of Object.values(PersistentVolumeAccessMode)) {
      const rendered = volume({ accessMode: mode });
      expect(rendered.spec.accessModes).toEqual([String(mode)]);
      expect(volume({ accessMode: String(mode) as unknown as PersistentVolumeAccessMode })).toEqual(rendered);
    }
    expect(volume({})).toEqual(volume({ accessMode: PersistentVolumeAccessMode.READ_WRITE_ONCE }));
  });

  test('a Size is written in the largest binary unit that holds it whole; a quantity string (the old spelling) is refused', () => {
    for (const [size, text] of [
      [Size.gibibytes(10), '10Gi'],
      [Size.mebibytes(1536), '1536Mi'],
      [Size.kibibytes(512), '512Ki'],
      [Size.tebibytes(2), '2Ti'],
      [Size.gibibytes(1.5), '1536Mi'],
      [Size.mebibytes(2048), '2Gi'],
    ] as const) {
      const rendered = volume({ size });
      expect(rendered.spec.capacity).toEqual({ storage: text });
      expect(configErrorOf(() => volume({ size: js(text) })).message).toBe(
        `test/pv: invalid size ${JSON.stringify(text)}: must be a cdk8s Size, e.g. Size.gibibytes(10), not a string`,
      );
    }
    const pv = new LocalPersistentVolume(chart(), 'pv', { ...VOLUME, size: Size.gibibytes(10) });
    expect(pv.size).toBe('10Gi');
  });

  test("a Size from another copy of cdk8s (duck-typed: cdk8s 2.68.12's has no asString()) is accepted too", () => {
    const foreign = { toKibibytes: () => 3 * 1024 * 1024 };
    expect(volume({ size: js(foreign) }).spec.capacity).toEqual({ storage: '3Gi' });
  });

  test('addVolume and addClaims take a Size and an access mode enum; the bindability check compares them as quantities', () => {
    const build = (volumeSize: Size) => {
      const c = chart();
      const sc = new LocalStorageClass(c, 'sc', CLASS);
      sc.addVolume('d0', { ...DISK, size: volumeSize, accessMode: PersistentVolumeAccessMode.READ_WRITE_ONCE });
      sc._addClaims('test/app', 1, Size.gibibytes(2), PersistentVolumeAccessMode.READ_WRITE_ONCE);
      return c;
    };
    expect(only(build(Size.mebibytes(2048)), 'PersistentVolume').spec.capacity).toEqual({ storage: '2Gi' });
    const err = configErrorOf(() => Testing.synth(build(Size.gibibytes(1))));
    expect(err.where).toBe('test/sc');
    expect(err.prop).toBe('volumes');
    expect(err.value).toEqual(['pv-0 1Gi ReadWriteOnce']);
    expect(err.allowed).toContain('volumes of 2Gi or more with access mode ReadWriteOnce for the claims of test/app');
    // The old spelling, a quantity string, from JavaScript.
    const sc = new LocalStorageClass(chart(), 'sc', CLASS);
    expect(configErrorOf(() => sc._addClaims('test/app', 1, js('2Gi'), PersistentVolumeAccessMode.READ_WRITE_ONCE)).message).toBe(
      'test/sc: invalid addClaims(size) "2Gi": must be a cdk8s Size, e.g. Size.gibibytes(1)',
    );
  });
});

describe('bad input: one line naming the path, the prop, the value and what is allowed', () => {
  test.each(BAD)('$name', ({ build, where, prop, value, allowed }) => {
    const err = configErrorOf(build);
    expect([err.where, err.prop]).toEqual([where, prop]);
    expect(err.value).toEqual(value);
    expect(err.allowed).toContain(allowed);
    expect(err.message).toBe(`${where}: invalid ${prop} ${shown(value)}: ${err.allowed}`);
    expect(err.message).not.toMatch(/\n/);
  });
});

describe("mergeMetadata, the helper a pod template's podMetadata can reuse", () => {
  const ctx = { labels: { app: 'app', tier: 'mesh' }, selector: { app: 'app' }, annotations: { 'example.com/by': 'us' } };

  test("the construct's labels and annotations first, then the user's; none of them without user metadata", () => {
    expect(mergeMetadata('test/c', 'podMetadata', { labels: { team: 'core' }, annotations: { note: 'x' } }, ctx)).toEqual({
      labels: { app: 'app', tier: 'mesh', team: 'core' },
      annotations: { 'example.com/by': 'us', note: 'x' },
    });
    expect(mergeMetadata('test/c', 'podMetadata', undefined, ctx)).toEqual({ labels: ctx.labels, annotations: ctx.annotations });
    expect(mergeMetadata('test/c', 'podMetadata', undefined, {})).toEqual({});
  });

  test("a construct annotation is kept, and the 256 KiB limit counts the construct's annotations too", () => {
    const changed = configErrorOf(() => mergeMetadata('test/c', 'podMetadata', { annotations: { 'example.com/by': 'them' } }, ctx));
    expect(changed.message).toBe(
      'test/c: invalid podMetadata.annotations.example.com/by "them": must not change the annotation example.com/by=us set by the construct; leave it out or repeat the same value',
    );
    const label = configErrorOf(() => mergeMetadata('test/c', 'podMetadata', { labels: { tier: 'db' } }, ctx));
    expect(label.allowed).toBe('must not change the label tier=mesh set by the construct; leave it out or repeat the same value');
    const fits = { k: 'x'.repeat(MAX_ANNOTATIONS_BYTES - 1) };
    expect(() => mergeMetadata('test/c', 'podMetadata', { annotations: fits }, {})).not.toThrow();
    const over = configErrorOf(() => mergeMetadata('test/c', 'podMetadata', { annotations: fits }, ctx));
    expect([over.prop, over.allowed]).toEqual([
      'podMetadata.annotations',
      `must total at most 262144 bytes (256 KiB) of keys and values, as Kubernetes requires; these have ${MAX_ANNOTATIONS_BYTES + 16}`,
    ]);
  });

  test('no labels or annotations key when neither sets any, even with user metadata', () => {
    expect(mergeMetadata('test/x', 'metadata', {}, { name: 'x' })).toEqual({});
    expect(Object.keys(mergeMetadata('test/x', 'metadata', { labels: {}, annotations: {} }, { name: 'x' }))).toEqual([]);
    expect(mergeMetadata('test/x', 'metadata', { annotations: { note: 'n' } }, {})).toStrictEqual({ annotations: { note: 'n' } });
    expect(mergeMetadata('test/x', 'metadata', { labels: { team: 't' } }, {})).toStrictEqual({ labels: { team: 't' } });
  });

  test("the construct's own keys stay, even when empty, as they are without user metadata", () => {
    const ctx = { labels: {}, annotations: {} };
    expect(mergeMetadata('test/x', 'metadata', undefined, ctx)).toStrictEqual({ labels: {}, annotations: {} });
    expect(mergeMetadata('test/x', 'metadata', { name: undefined }, ctx)).toStrictEqual({ labels: {}, annotations: {} });
  });

  test("a changed label of a context that does not say where its labels come from is the construct's", () => {
    const e = configErrorOf(() => mergeMetadata('test/x', 'metadata', { labels: { tier: 'y' } }, { labels: { tier: 'x' } }));
    expect(fields(e)).toEqual([
      'test/x',
      'metadata.labels.tier',
      'y',
      'must not change the label tier=x set by the construct; leave it out or repeat the same value',
    ]);
  });
});

describe('a Service checks the targets of the clusters it selects, at synth', () => {
  test('a number target must be a container port of each selected cluster; the message names the port, the cluster and its ports', () => {
    const chart = Testing.chart();
    cluster(chart, 'app', 8080);
    lb(chart, { app: 'app' }, [
      { name: 'http', port: 80, targetPort: IntOrString.fromNumber(8080) },
      { name: 'alt', port: 81, targetPort: IntOrString.fromNumber(8081) },
    ]);
    expect(fields(synthError(chart))).toEqual(['test/s', 'ports[1].targetPort', 8081, NO_ENDPOINTS('test/app: epmd 4369, dist 9100, http 8080')]);
  });

  test('a declared number target, the default target and named targets pass; a name is left to the manifest check', () => {
    const chart = Testing.chart();
    cluster(chart, 'app', 8080);
    lb(chart, { app: 'app' }, [
      { name: 'http', port: 8080 },
      { name: 'alt', port: 81, targetPort: IntOrString.fromNumber(8080) },
      { name: 'named', port: 82, targetPort: IntOrString.fromString('http') },
      { name: 'unknown', port: 83, targetPort: IntOrString.fromString('nope') },
    ]);
    expect(names(chart)).toEqual(['Service/app-hl', 'StatefulSet/app-sfs', 'PodDisruptionBudget/app-sfs', 'NetworkPolicy/app-sfs', 'Service/s']);
  });

  test("a load-balanced port on a selected cluster's distribution port is refused unless allowDistributionPorts", () => {
    const refused = Testing.chart();
    cluster(refused, 'app', 8080);
    lb(refused, { app: 'app' }, [{ name: 'x', port: 80, targetPort: IntOrString.fromNumber(9100) }], { type: ServiceType.NODE_PORT });
    expect(fields(synthError(refused))).toEqual([
      'test/s',
      'ports[0].targetPort',
      9100,
      'reaches the epmd or distribution port of test/app; set allowDistributionPorts: true only if this Service must carry distribution',
    ]);
    const allowed = Testing.chart();
    cluster(allowed, 'app', 8080);
    lb(allowed, { app: 'app' }, [{ name: 'x', port: 80, targetPort: IntOrString.fromNumber(9100) }], { allowDistributionPorts: true });
    expect(names(allowed)).toContain('Service/s');
  });

  test('a headless Service may publish the distribution ports, but its number targets must still be declared', () => {
    const ok = Testing.chart();
    cluster(ok, 'app', 8080);
    new HeadlessService(ok, 'dns', {
      name: 'app-dns',
      selector: { app: 'app' },
      ports: [
        { name: 'epmd', port: 4369 },
        { name: 'dist', port: 9100 },
      ],
    });
    expect(names(ok)).toContain('Service/app-dns');
    const bad = Testing.chart();
    cluster(bad, 'app', 8080);
    new HeadlessService(bad, 'dns', { name: 'app-dns', selector: { app: 'app' }, ports: [{ name: 'x', port: 8081 }] });
    expect(fields(synthError(bad))).toEqual(['test/dns', 'ports[0].targetPort', 8081, NO_ENDPOINTS('test/app: epmd 4369, dist 9100, http 8080')]);
  });

  test('a Service that selects no cluster, or none in its namespace, is not checked', () => {
    const alone = Testing.chart();
    lb(alone, { app: 'app' }, [{ name: 'x', port: 8081 }]);
    expect(names(alone)).toEqual(['Service/s']);
    // The index is by namespace: the same labels in another namespace are other pods.
    const elsewhere = Testing.chart();
    cluster(elsewhere, 'app', 8080, { namespace: 'team' });
    lb(elsewhere, { app: 'app' }, [{ name: 'x', port: 8081 }]);
    expect(names(elsewhere)).toContain('Service/s');
    const same = Testing.chart();
    cluster(same, 'app', 8080, { namespace: 'team' });
    lb(same, { app: 'app' }, [{ name: 'x', port: 8081 }], { namespace: 'team' });
    expect(synthError(same).prop).toBe('ports[0].targetPort');
    // Another app's clusters are not this app's.
    const other = Testing.chart();
    cluster(Testing.chart(), 'app', 8080);
    lb(other, { app: 'app' }, [{ name: 'x', port: 8081 }]);
    expect(names(other)).toEqual(['Service/s']);
  });

  test('every selector label must match: a cluster that has only the first one is not selected', () => {
    const chart = Testing.chart();
    cluster(chart, 'app', 8080);
    lb(chart, { app: 'app', tier: 'web' }, [{ name: 'x', port: 8081 }]);
    expect(names(chart)).toContain('Service/s');
  });

  test('each cluster that shares the selected label is checked, the first indexed and the last', () => {
    const build = (target: number) => {
      const chart = Testing.chart();
      cluster(chart, 'a', 8080, { podMetadata: { labels: { tier: 'mesh' } } });
      cluster(chart, 'b', 8081, { podMetadata: { labels: { tier: 'mesh' } } });
      cluster(chart, 'c', 8082, { podMetadata: { labels: { tier: 'other' } } });
      lb(chart, { tier: 'mesh' }, [{ name: 'x', port: 80, targetPort: IntOrString.fromNumber(target) }]);
      return chart;
    };
    expect(fields(synthError(build(8081)))).toEqual(['test/s', 'ports[0].targetPort', 8081, NO_ENDPOINTS('test/a: epmd 4369, dist 9100, http 8080')]);
    expect(fields(synthError(build(8080)))).toEqual(['test/s', 'ports[0].targetPort', 8080, NO_ENDPOINTS('test/b: epmd 4369, dist 9100, http 8081')]);
    expect(synthError(build(8082)).value).toBe(8082);
  });
});

describe('the Service constructs: scope, props and marks', () => {
  test('a Service made as the root of a tree (no scope, from JavaScript) is refused, naming the root', () => {
    const e = configErrorOf(() => new HeadlessService(undefined as never, 'hl', { name: 'hl', selector: { app: 'a' }, ports: [{ name: 'h', port: 80 }] }));
    expect(fields(e)).toEqual(['hl', 'scope', '(the root)', 'must be a Chart or inside one: create it as new Chart(app, id) and pass the chart as scope']);
  });

  test('props that are not an object are refused, naming the props type', () => {
    expect(fields(configErrorOf(() => new HeadlessService(Testing.chart(), 'hl', null as never)))).toEqual([
      'test/hl',
      'props',
      null,
      'must be an object (HeadlessServiceProps)',
    ]);
    expect(fields(configErrorOf(() => new LoadBalancedService(Testing.chart(), 'lb', 'web' as never)))).toEqual([
      'test/lb',
      'props',
      'web',
      'must be an object (LoadBalancedServiceProps)',
    ]);
  });

  test('Service port 4369 is refused even with another target: it is where clients look for epmd', () => {
    const e = configErrorOf(() => lb(Testing.chart(), { app: 'a' }, [{ name: 'e', port: 4369, targetPort: IntOrString.fromNumber(8080) }]));
    expect([e.prop, e.value]).toEqual(['ports[0]', { name: 'e', port: 4369, targetPort: IntOrString.fromNumber(8080) }]);
  });

  test('metadata may not change a selector label, which is on the Service; the message says so', () => {
    const e = configErrorOf(
      () =>
        new HeadlessService(Testing.chart(), 'hl', {
          name: 'hl',
          selector: { app: 'a', tier: 'x' },
          metadata: { labels: { tier: 'y' } },
          ports: [{ name: 'h', port: 80 }],
        }),
    );
    expect(fields(e)).toEqual([
      'test/hl',
      'metadata.labels.tier',
      'y',
      'must not change the selector label tier=x that this construct relies on to select its pods; leave it out or repeat the same value',
    ]);
  });

  test('the type tests read the mark of the class, not of another one or a look-alike', () => {
    const chart = Testing.chart();
    const hl = new HeadlessService(chart, 'hl', { name: 'hl', selector: { app: 'a' }, ports: [{ name: 'h', port: 80 }] });
    const svc = lb(chart, { app: 'a' }, [{ name: 'h', port: 80 }]);
    expect([HeadlessService.isHeadlessService(hl), HeadlessService.isHeadlessService(svc), LoadBalancedService.isLoadBalancedService(svc)]).toEqual([
      true,
      false,
      true,
    ]);
    expect([HeadlessService.isHeadlessService(null), HeadlessService.isHeadlessService('hl'), HeadlessService.isHeadlessService({ name: 'hl' })]).toEqual([
      false,
      false,
      false,
    ]);
  });
});
