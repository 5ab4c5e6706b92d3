/**
 * Property-based tests (fast-check). Random VALID apps (1-3 meshed clusters with
 * random names, replicas, ports, domains, storage, namespaces, profiles,
 * discovery, epmd-less/TLS distribution and LoadBalancedServices) always synthesize
 * objects that pass the strict 1.28 schema and the cross-object checks. Random
 * INVALID apps (a valid one with one field corrupted from a catalogue) always
 * throw the documented ConfigError naming that prop.
 *
 * Seeded and reproducible: FC_SEED=<n> npx jest test/constructs/properties.test.ts
 * (the seed is printed; a failure also prints fast-check's seed and path).
 */
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { IntOrString } from '../../imports/k8s';
import { EnvValue } from 'cdk8s-plus-28';
import type { ImagePullPolicy } from 'cdk8s-plus-28';
import {
  ClusterDiscovery,
  ClusterStorageOptions,
  DiscoveryResource,
  DistPortPin,
  ErlangCookie,
  ErlangProbes,
  ErlangStatefulCluster,
  LoadBalancedService,
  PodSpread,
  ResourcesPreset,
  SecurityProfile,
  StorageClass,
  ErlangRelease,
  IssuerKind,
} from 'cdk8s-erlang-cluster';
import { EPMD_PORT } from '../../lib/erlang/distribution';
import { PodManagementPolicy, ServiceType } from 'cdk8s-plus-28';
import { KubeObject } from '../../lib/validation/manifests';
import { formatReport, isClean, validateManifests } from '../../lib/validation/validate';
import { synthApp, configErrorOf } from '../helpers';

const DEFAULT_SEED = 20240606;
const SEED = process.env.FC_SEED === undefined ? DEFAULT_SEED : Number(process.env.FC_SEED);
if (!Number.isSafeInteger(SEED)) throw new Error(`FC_SEED must be an integer, got ${process.env.FC_SEED}`);
/** FC_SCALE=10 runs ten times as many cases (a local soak; CI runs the default). */
const SCALE = Number(process.env.FC_SCALE ?? 1);
if (!(SCALE > 0)) throw new Error(`FC_SCALE must be a positive number, got ${process.env.FC_SCALE}`);
const VALID_RUNS = Math.round(250 * SCALE);
const INVALID_RUNS = Math.round(800 * SCALE);

beforeAll(() => {
  console.log(`fast-check seed ${SEED} (${VALID_RUNS} valid + ${INVALID_RUNS} invalid runs); reproduce with FC_SEED=${SEED}`);
});

// ---------------------------------------------------------------------------
// The app, as plain data (so a counterexample prints readably and clones).

type DiscoveryKind = 'dnsSrv' | 'kubernetes-endpoints' | 'kubernetes-pods' | 'none';
type ProbeKind = 'default' | 'http' | 'tcp' | 'none';

interface PortSpec {
  name: string;
  port: number;
}
interface TlsSpec {
  secretName: string;
  mountPath?: string;
  issuer?: { name: string; kind: IssuerKind };
}
interface StorageSpec {
  mountPath: string;
  name?: string;
  size?: Size;
  accessMode?: string;
  storageClass?: string;
}
/** The props for a generated storage: the class by name, as StorageClass.fromName. */
const storageOf = (s: StorageSpec | undefined) => {
  if (s === undefined || s.storageClass === undefined) return s as Omit<StorageSpec, 'storageClass'> | undefined;
  return { ...s, storageClass: StorageClass.fromName(s.storageClass) };
};
interface SvcSpec {
  name: string;
  type?: string;
  ports: { name: string; port: number; targetPort?: IntOrString; nodePort?: number }[];
}

interface ClusterSpec {
  basename: string;
  image: string;
  cookieSecret: string;
  name?: string;
  headlessServiceName?: string;
  namespace?: string;
  replicas: number;
  clusterDomain?: string;
  distribution: { port: number; epmdless: boolean; pin: string; tls?: TlsSpec };
  appPorts: PortSpec[];
  storage?: StorageSpec;
  securityProfile: string;
  podManagementPolicy: string;
  spread: string;
  discovery: DiscoveryKind;
  probes: ProbeKind;
  maxUnavailable: number;
  networkPolicy: boolean;
  imagePullPolicy?: string;
  resourcesPreset: string;
  metrics?: { port: number; podMonitor?: { interval?: Duration } };
  egress?: { to: { cidr: string; ports: { port: number }[] }[] };
  extraEnv: { name: string; value: string }[];
  podLabels?: Record<string, string>;
  services: SvcSpec[];
}

interface AppSpec {
  chartNamespace?: string;
  clusters: ClusterSpec[];
}

const CHART = 'test';
const clusterPath = (k: number) => `${CHART}/c${k}`;
const svcPath = (k: number, j: number) => `${CHART}/svc${k}-${j}`;

/** Builds the app that `spec` describes; throws whatever the constructs throw. */
function build(spec: AppSpec): App {
  const app = Testing.app();
  const chart = new Chart(app, CHART, { namespace: spec.chartNamespace });
  const clusters = spec.clusters.map(
    (c, k) =>
      new ErlangStatefulCluster(chart, `c${k}`, {
        basename: c.basename,
        release: ErlangRelease.relx(),
        image: c.image,
        cookie: ErlangCookie.fromSecretName(c.cookieSecret),
        name: c.name,
        headlessServiceName: c.headlessServiceName,
        namespace: c.namespace,
        replicas: c.replicas,
        clusterDomain: c.clusterDomain,
        distribution: { port: c.distribution.port, epmdless: c.distribution.epmdless, pin: c.distribution.pin as DistPortPin, tls: c.distribution.tls },
        appPorts: c.appPorts,
        storage: storageOf(c.storage) as ClusterStorageOptions | undefined,
        securityProfile: SecurityProfile.fromValue(c.securityProfile) ?? (c.securityProfile as unknown as SecurityProfile),
        podManagementPolicy: c.podManagementPolicy as PodManagementPolicy,
        spread: c.spread as PodSpread,
        discovery: discoveryOf(c.discovery),
        probes: probesOf(c),
        maxUnavailable: c.maxUnavailable,
        networkPolicy: c.networkPolicy,
        imagePullPolicy: c.imagePullPolicy as ImagePullPolicy | undefined,
        resourcesPreset: c.resourcesPreset as ResourcesPreset,
        metrics: c.metrics,
        egress: c.egress,
        envVariables: Object.fromEntries(c.extraEnv.map((e) => [e.name, EnvValue.fromValue(e.value)])),
        podMetadata: c.podLabels === undefined ? undefined : { labels: c.podLabels },
      }),
  );
  ErlangStatefulCluster.mesh(...clusters);
  spec.clusters.forEach((c, k) =>
    c.services.forEach((s, j) => {
      const svc = new LoadBalancedService(chart, `svc${k}-${j}`, {
        name: s.name,
        namespace: clusters[k].namespace,
        type: s.type as ServiceType | undefined,
        selector: clusters[k].selectorLabels,
        ports: s.ports,
      });
      clusters.forEach((cluster, i) => cluster.addServiceDomain(`SVC_${k}_${j}_${i}_DOMAIN`, svc.name, svc.namespace));
    }),
  );
  return app;
}

function discoveryOf(kind: DiscoveryKind): ClusterDiscovery {
  switch (kind) {
    case 'kubernetes-endpoints':
      return ClusterDiscovery.kubernetesApi({ resource: DiscoveryResource.ENDPOINTS });
    case 'kubernetes-pods':
      return ClusterDiscovery.kubernetesApi({ resource: DiscoveryResource.PODS });
    case 'none':
      return ClusterDiscovery.none();
    default:
      return ClusterDiscovery.dnsSrv();
  }
}

function probesOf(c: ClusterSpec): ErlangProbes | undefined {
  switch (c.probes) {
    case 'http':
      return ErlangProbes.httpGet('/ping', c.appPorts.length > 0 ? IntOrString.fromString(c.appPorts[0].name) : IntOrString.fromNumber(c.distribution.port));
    case 'tcp':
      return ErlangProbes.tcpSocket(IntOrString.fromNumber(c.distribution.port));
    case 'none':
      return ErlangProbes.none();
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------
// Generators of valid input.

/**
 * fc.record with ordinary prototypes. By default fast-check may make
 * null-prototype objects, which cdk8s's resolver mistakes for IntOrString-like
 * unions (it keeps only `value`): not what any TypeScript caller passes.
 */
const record: typeof fc.record = ((model: any, constraints: any = {}) => fc.record(model, { ...constraints, noNullPrototype: true })) as any;

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const chars = (s: string) => fc.constantFrom(...s.split(''));
/** A DNS-1123 label of 1..max chars. */
const label = (max: number) =>
  fc.oneof(
    chars(LOWER),
    fc.tuple(chars(LOWER), fc.string({ unit: chars(`${LOWER}${DIGITS}-`), maxLength: max - 2 }), chars(LOWER + DIGITS)).map(([h, m, t]) => h + m + t),
  );
const domain = fc.array(label(15), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));
/** An Erlang node-name part with upper case and '_' (the defaults derive DNS names from it). */
const basenameStem = fc
  .tuple(chars(`${LOWER}ABCXYZ`), fc.string({ unit: chars(`${LOWER}${DIGITS}_-ABC`), maxLength: 10 }), chars(LOWER + DIGITS))
  .map(([h, m, t]) => h + m + t);
const quantity = fc
  .tuple(
    fc.integer({ min: 1, max: 2048 }),
    fc.constantFrom(Size.kibibytes, Size.mebibytes, Size.gibibytes, Size.tebibytes, (n: number) => Size.gibibytes(n + 0.5)),
  )
  .map(([n, size]) => size(n));
const tag = fc.tuple(chars(`${LOWER}${DIGITS}_`), fc.string({ unit: chars(`${LOWER}${DIGITS}_.-`), maxLength: 12 })).map(([h, t]) => h + t);
const image = record({
  registry: fc.option(fc.constantFrom('localhost:5000', 'registry.example.com', '10.0.0.1:5000', 'Registry.Example.com:443'), { nil: undefined }),
  path: fc.array(label(12), { minLength: 1, maxLength: 3 }),
  tag: fc.option(tag, { nil: undefined }),
  digest: fc.option(fc.string({ unit: chars('0123456789abcdef'), minLength: 64, maxLength: 64 }), { nil: undefined }),
}).map(({ registry, path, tag: t, digest }) => `${registry ? `${registry}/` : ''}${path.join('/')}${t ? `:${t}` : ''}${digest ? `@sha256:${digest}` : ''}`);
const PORT_NAMES = ['http', 'ws', 'grpc', 'metrics', 'admin-api', 'h2c'];
const envValue = fc.string({ unit: chars(`${LOWER}${DIGITS}_.:/ `), maxLength: 20 });

/** The distribution every member of a mesh must agree on. */
const meshDistribution = record({
  epmdless: fc.boolean(),
  sharedPort: fc.integer({ min: 1024, max: 65535 }),
  tls: fc.boolean(),
  // One issuer for the whole mesh: clusters sharing a Secret must agree on it.
  issuer: fc.option(record({ name: label(20), kind: fc.constantFrom(IssuerKind.ISSUER, IssuerKind.CLUSTER_ISSUER) }), { nil: undefined }),
});

type Mesh = { epmdless: boolean; sharedPort: number; tls: boolean; issuer?: { name: string; kind: IssuerKind } };

/** One cluster's random choices; `finish` turns them into a valid ClusterSpec (built once: arbitraries are costly to make). */
const rawCluster = record({
  stem: basenameStem,
  image,
  // '' stands for the longest allowed name.
  name: fc.option(fc.oneof(label(40), fc.constant('')), { nil: undefined }),
  headlessServiceName: fc.option(fc.oneof(label(50), fc.constant('')), { nil: undefined }),
  namespace: fc.option(fc.oneof(fc.constantFrom('default', 'prod', 'team-a'), label(20)), { nil: undefined }),
  replicas: fc.integer({ min: 0, max: 7 }),
  ownPort: fc.integer({ min: 1, max: 65535 }).filter((p) => p !== EPMD_PORT),
  pin: fc.constantFrom(...Object.values(DistPortPin)),
  tls: record({
    secretName: label(30),
    mountPath: fc.option(
      label(10).map((l) => `/etc/tls-${l}`),
      { nil: undefined },
    ),
  }),
  appPorts: fc.uniqueArray(record({ name: fc.constantFrom(...PORT_NAMES), port: fc.integer({ min: 1, max: 65535 }) }), {
    selector: (p) => p.name,
    maxLength: 3,
  }),
  storage: fc.option(
    record(
      {
        mountPath: fc.tuple(fc.constantFrom('/data', '/var/lib', '/mnt'), label(10)).map(([d, l]) => `${d}/${l}`),
        name: fc.option(label(20), { nil: undefined }),
        size: fc.option(quantity, { nil: undefined }),
        accessMode: fc.option(fc.constantFrom('ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'), { nil: undefined }),
        storageClass: fc.option(fc.oneof(label(20), fc.constant('fast.ssd')), { nil: undefined }),
      },
      { requiredKeys: ['mountPath'] },
    ),
    { nil: undefined },
  ),
  securityProfile: fc.constantFrom(SecurityProfile.ROOT_COMPATIBLE.value, SecurityProfile.HARDENED.value),
  podManagementPolicy: fc.constantFrom(...Object.values(PodManagementPolicy)),
  spread: fc.constantFrom(...Object.values(PodSpread)),
  discovery: fc.constantFrom<DiscoveryKind>('dnsSrv', 'kubernetes-endpoints', 'kubernetes-pods', 'none'),
  probes: fc.constantFrom<ProbeKind>('default', 'http', 'tcp', 'none'),
  maxUnavailable: fc.integer({ min: 0, max: 2 }),
  networkPolicy: fc.boolean(),
  imagePullPolicy: fc.option(fc.constantFrom('Always', 'IfNotPresent', 'Never'), { nil: undefined }),
  resourcesPreset: fc.constantFrom(...Object.values(ResourcesPreset)),
  metrics: fc.option(
    record({
      port: fc.integer({ min: 1, max: 65535 }),
      podMonitor: fc.option(
        record({ interval: fc.option(fc.constantFrom(Duration.seconds(15), Duration.minutes(1), Duration.seconds(90)), { nil: undefined }) }),
        { nil: undefined },
      ),
    }),
    { nil: undefined },
  ),
  egress: fc.boolean(),
  extraEnv: fc.uniqueArray(record({ name: fc.constantFrom('TZ', 'LOG_LEVEL', 'APP_MODE', 'ERL_MAX_PORTS'), value: envValue }), {
    selector: (e) => e.name,
    maxLength: 3,
  }),
  podLabels: fc.option(record({ tier: fc.oneof(label(20), fc.constant('')) }), { nil: undefined }),
  services: fc.array(
    record({
      stem: label(30),
      type: fc.option(fc.constantFrom(ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER), { nil: undefined }),
      portPicks: fc.array(record({ byName: fc.boolean(), nodePort: fc.boolean(), servicePort: fc.integer({ min: 1, max: 65535 }) }), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
    { maxLength: 2 },
  ),
});

function discoveryFor(kind: DiscoveryKind, domain: string): DiscoveryKind {
  if (kind === 'dnsSrv') return domain === 'cluster.local' ? kind : 'none';
  if (kind.startsWith('kubernetes')) return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\.local$/.test(domain) ? kind : 'none';
  return kind;
}

/** Makes cluster k of a mesh valid: unique names, ports clear of epmd and dist, node ports unique in the app. */
function finish(
  g: typeof rawCluster extends fc.Arbitrary<infer T> ? T : never,
  k: number,
  mesh: Mesh,
  clusterDomain: string | undefined,
  cookieSecret: string,
): ClusterSpec {
  const port = mesh.epmdless ? mesh.sharedPort : g.ownPort === EPMD_PORT ? 9100 : g.ownPort;
  const reserved = new Set([port, ...(mesh.epmdless ? [] : [EPMD_PORT])]);
  const appPorts: PortSpec[] = [];
  for (const p of g.appPorts) {
    if (!reserved.has(p.port)) {
      appPorts.push(p);
      reserved.add(p.port);
    }
  }
  // The metrics port (named 'metrics') must be clear of epmd, dist and the app ports; else no metrics.
  const metrics = g.metrics && !reserved.has(g.metrics.port) && !appPorts.some((p) => p.name === 'metrics') ? g.metrics : undefined;
  const apiDiscovery = g.discovery === 'kubernetes-endpoints' || g.discovery === 'kubernetes-pods';
  const services: SvcSpec[] =
    appPorts.length === 0
      ? []
      : g.services.map((s, j) => {
          const picks = s.portPicks.slice(0, appPorts.length);
          const usedServicePorts = new Set<number>();
          return {
            name: `${s.stem}-lb${k}${j}`,
            type: s.type,
            ports: picks.map((pick, i) => {
              const target = appPorts[i];
              let servicePort = pick.servicePort;
              while (usedServicePorts.has(servicePort)) servicePort = (servicePort % 65535) + 1;
              usedServicePorts.add(servicePort);
              return {
                name: target.name,
                port: servicePort,
                targetPort: pick.byName ? IntOrString.fromString(target.name) : IntOrString.fromNumber(target.port),
                // Unique per app: cluster k, service j, port i.
                nodePort: pick.nodePort && (s.type ?? 'ClusterIP') !== 'ClusterIP' ? 30000 + k * 100 + j * 10 + i : undefined,
              };
            }),
          };
        });
  return {
    basename: `${g.stem}-${k}`,
    image: g.image,
    cookieSecret,
    name: g.name === undefined ? undefined : g.name === '' ? `s${k}`.padEnd(52, 'x') : `${g.name}-s${k}`,
    headlessServiceName:
      g.headlessServiceName === undefined ? undefined : g.headlessServiceName === '' ? `h${k}`.padEnd(63, 'y') : `${g.headlessServiceName}-h${k}`,
    namespace: g.namespace,
    replicas: g.replicas,
    clusterDomain,
    distribution: { port, epmdless: mesh.epmdless, pin: g.pin, tls: mesh.tls ? { ...g.tls, issuer: mesh.issuer } : undefined },
    appPorts,
    storage: g.storage,
    securityProfile: g.securityProfile,
    podManagementPolicy: g.podManagementPolicy,
    spread: g.spread,
    // Discovery that libcluster can carry out with this domain (other pairs are bad input, tested elsewhere).
    discovery: discoveryFor(g.discovery, clusterDomain ?? 'cluster.local'),
    probes: g.probes,
    maxUnavailable: g.maxUnavailable,
    networkPolicy: g.networkPolicy,
    imagePullPolicy: g.imagePullPolicy,
    resourcesPreset: g.resourcesPreset,
    metrics,
    // Egress needs the NetworkPolicy, and the API server's address for API discovery.
    egress: g.egress && g.networkPolicy ? { to: apiDiscovery ? [{ cidr: '10.96.0.1/32', ports: [{ port: 443 }] }] : [] } : undefined,
    extraEnv: g.extraEnv,
    podLabels: g.podLabels,
    services,
  };
}

const validApp: fc.Arbitrary<AppSpec> = record({
  chartNamespace: fc.option(label(20), { nil: undefined }),
  mesh: meshDistribution,
  clusterDomain: fc.option(domain, { nil: undefined }),
  cookieSecret: label(40),
  raws: fc.array(rawCluster, { minLength: 1, maxLength: 3 }),
}).map(({ chartNamespace, raws, mesh, clusterDomain, cookieSecret }): AppSpec => ({
  chartNamespace,
  clusters: raws.map((g, k) => finish(g, k, mesh, clusterDomain, cookieSecret)),
}));

// ---------------------------------------------------------------------------
// Valid input synthesizes clean manifests.

describe('random valid props always synthesize clean manifests', () => {
  test(`${VALID_RUNS} random apps pass the strict 1.28 schema and the cross-object checks`, () => {
    fc.assert(
      fc.property(validApp, (spec) => {
        const objects = synthApp(build(spec));
        const report = validateManifests(objects);
        if (!isClean(report)) throw new Error(`not clean:\n${formatReport(report)}`);
        checkShape(spec, objects);
      }),
      { seed: SEED, numRuns: VALID_RUNS },
    );
  });
});

/** A few facts that must hold of any valid app, beyond "it validates". */
function checkShape(spec: AppSpec, objects: readonly KubeObject[]): void {
  const statefulSets = objects.filter((o) => o.kind === 'StatefulSet') as any[];
  expect(statefulSets).toHaveLength(spec.clusters.length);
  spec.clusters.forEach((c, k) => {
    const sts = statefulSets[k];
    expect(sts.spec.replicas).toBe(c.replicas);
    const env = sts.spec.template.spec.containers[0].env as { name: string; value?: string }[];
    expect(env.find((e) => e.name === 'ERLANG_DIST_PORT')?.value).toBe(String(c.distribution.port));
    expect(env.some((e) => e.name === 'ERL_DIST_PORT')).toBe(c.distribution.epmdless);
    const ports = (sts.spec.template.spec.containers[0].ports as { containerPort: number }[]).map((p) => p.containerPort);
    expect(ports.includes(EPMD_PORT) && c.distribution.port !== EPMD_PORT).toBe(!c.distribution.epmdless);
  });
  const nodePorts = objects
    .filter((o) => o.kind === 'Service')
    .flatMap((s: any) => s.spec.ports.map((p: any) => p.nodePort))
    .filter((p) => p !== undefined);
  expect(new Set(nodePorts).size).toBe(nodePorts.length);
}

// ---------------------------------------------------------------------------
// Invalid input: one corrupted field, one documented ConfigError.

interface Expected {
  where: string;
  prop: string;
  value: unknown;
}
type Apply = (spec: AppSpec, k: number) => Expected;
/** A named corruption, so that a counterexample says what was corrupted. */
interface Corruption {
  readonly label: string;
  readonly apply: Apply;
}
const corruption = (label: string, apply: Apply): Corruption => ({ label, apply });

/** A port of 1..65535 that is none of `taken`. */
const freePort = (taken: number[], from = 8080) => {
  let p = from;
  while (taken.includes(p)) p++;
  return p;
};
const reserved = (c: ClusterSpec) => [c.distribution.port, EPMD_PORT];
const withAppPorts = (c: ClusterSpec) => {
  if (c.appPorts.length === 0) c.appPorts = [{ name: 'http', port: freePort(reserved(c)) }];
};
const clearServices = (spec: AppSpec) =>
  spec.clusters.forEach((c) => {
    c.services = [];
  });

/** Sets `field` of cluster k to `value` and expects `prop`. */
const field = <K extends keyof ClusterSpec>(key: K, values: ClusterSpec[K][], prop: string = key) =>
  fc.constantFrom(...values).map((v) =>
    corruption(`${key} = ${JSON.stringify(v)}`, (spec, k) => {
      spec.clusters[k][key] = v;
      return { where: clusterPath(k), prop, value: v };
    }),
  );

const CATALOGUE: fc.Arbitrary<Corruption>[] = [
  field('basename', ['', 'a b', 'a@b', '-a', 'a.b', 'ä', 'x'.repeat(64)]),
  field('name', ['Bad_Name', 'x'.repeat(53), 'a-', '-a', 'a.b']),
  field('headlessServiceName', ['UPPER', 'x'.repeat(64), 'a_b', '']),
  field('namespace', ['Bad', 'a.b', '', 'x'.repeat(64)]),
  field('image', ['', 'team/App', 'app:tag:tag', 'a b', 'app@sha256:1', 'https://registry/app']),
  field('replicas', [-1, -7, 1.5, NaN, Infinity]),
  field('clusterDomain', ['a_b', '.x', 'x.', 'A..B', '']),
  field('securityProfile', ['Foo', 'HARDENED'], 'securityProfile'),
  field('podManagementPolicy', ['Foo', 'parallel']),
  field('spread', ['Foo', 'SOFT']),
  field('maxUnavailable', [-1, 0.5]),
  field('imagePullPolicy', ['Sometimes', 'always']),
  field('resourcesPreset', ['tiny', 'SMALL']),
  fc.constant(
    corruption('metrics port on the dist port', (spec: AppSpec, k: number): Expected => {
      const c = spec.clusters[k];
      c.metrics = { port: c.distribution.port };
      return { where: clusterPath(k), prop: 'metrics.port', value: c.distribution.port };
    }),
  ),
  fc.constantFrom(0, 65536, -1, 1.5).map((bad) =>
    corruption(`distribution.port = ${JSON.stringify(bad)}`, (spec, k) => {
      spec.clusters[k].distribution.port = bad;
      return { where: clusterPath(k), prop: 'distribution.port', value: bad };
    }),
  ),
  fc.constant(
    corruption('distribution.port = 4369 with epmd', (spec: AppSpec, k: number): Expected => {
      const c = spec.clusters[k];
      c.distribution = { ...c.distribution, epmdless: false, port: EPMD_PORT };
      return { where: clusterPath(k), prop: 'distribution.port', value: EPMD_PORT };
    }),
  ),
  fc.constantFrom('vm-args', 'ERL_AFLAGS').map((bad) =>
    corruption(`distribution.pin = ${JSON.stringify(bad)}`, (spec, k) => {
      spec.clusters[k].distribution.pin = bad;
      return { where: clusterPath(k), prop: 'distribution.pin', value: bad };
    }),
  ),
  fc.constantFrom(0, 65536, 70000, 2.5).map((bad) =>
    corruption(`appPorts[0].port = ${JSON.stringify(bad)}`, (spec, k) => {
      spec.clusters[k].appPorts = [{ name: 'http', port: bad }];
      return { where: clusterPath(k), prop: 'appPorts[0].port', value: bad };
    }),
  ),
  fc.constantFrom('8080', 'HTTP', 'a--b', 'http_port', 'x'.repeat(16)).map((bad) =>
    corruption(`appPorts[0].name = ${JSON.stringify(bad)}`, (spec, k) => {
      const c = spec.clusters[k];
      c.appPorts = [{ name: bad, port: freePort(reserved(c)) }];
      return { where: clusterPath(k), prop: 'appPorts[0].name', value: bad };
    }),
  ),
  fc.constantFrom('dist', 'epmd-port').map((which) =>
    corruption(`app port clashing with ${JSON.stringify(which)}`, (spec, k) => {
      const c = spec.clusters[k];
      if (which === 'epmd-port') c.distribution = { ...c.distribution, epmdless: false, port: c.distribution.port === EPMD_PORT ? 9100 : c.distribution.port };
      const clash = { name: 'http', port: which === 'dist' ? c.distribution.port : EPMD_PORT };
      c.appPorts = [clash];
      return { where: clusterPath(k), prop: 'appPorts[0]', value: clash };
    }),
  ),
  fc.constant(
    corruption('two app ports named http', (spec: AppSpec, k: number): Expected => {
      const c = spec.clusters[k];
      const first = freePort(reserved(c));
      c.appPorts = [
        { name: 'http', port: first },
        { name: 'http', port: freePort([...reserved(c), first]) },
      ];
      return { where: clusterPath(k), prop: 'appPorts[1]', value: 'http' };
    }),
  ),
  // The old spelling (a quantity string, even a valid one), other values a JavaScript caller may pass, and Sizes of no bytes.
  fc
    .constantFrom<[unknown, unknown]>(['1Gi', '1Gi'], ['1GB', '1GB'], ['', ''], [1024, 1024], [Size.gibibytes(0), '0'], [Size.kibibytes(0), '0'])
    .map(([bad, value]) =>
      corruption(`storage.size = ${JSON.stringify(value)}`, (spec, k) => {
        const c = spec.clusters[k];
        c.storage = { ...(c.storage ?? { mountPath: '/data/db' }), size: bad as Size };
        return { where: clusterPath(k), prop: 'storage.size', value };
      }),
    ),
  fc.constantFrom('data', '', '/a/../b', './x').map((bad) =>
    corruption(`storage.mountPath = ${JSON.stringify(bad)}`, (spec, k) => {
      const c = spec.clusters[k];
      c.storage = { ...(c.storage ?? {}), mountPath: bad };
      return { where: clusterPath(k), prop: 'storage.mountPath', value: bad };
    }),
  ),
  fc.constantFrom('RWO', 'readwriteonce', 'ReadWriteAll').map((bad) =>
    corruption(`storage.accessMode = ${JSON.stringify(bad)}`, (spec, k) => {
      const c = spec.clusters[k];
      c.storage = { ...(c.storage ?? { mountPath: '/data/db' }), accessMode: bad };
      return { where: clusterPath(k), prop: 'storage.accessMode', value: bad };
    }),
  ),
  fc.constantFrom('ERLANG_COOKIE', 'COOKIE').map((name) =>
    corruption(`envVariables literal cookie in ${JSON.stringify(name)}`, (spec, k) => {
      const c = spec.clusters[k];
      c.extraEnv = [...c.extraEnv, { name, value: 'monster' }];
      return { where: clusterPath(k), prop: `envVariables.${name}`, value: name };
    }),
  ),
  fc.constantFrom('Bad_TLS', '', 'tls secret').map((bad) =>
    corruption(`distribution.tls.secretName = ${JSON.stringify(bad)}`, (spec, k) => {
      const c = spec.clusters[k];
      c.distribution = { ...c.distribution, tls: { secretName: bad } };
      return { where: clusterPath(k), prop: 'distribution.tls.secretName', value: bad };
    }),
  ),
  fc.constant(
    corruption("podMetadata.labels overriding 'app'", (spec: AppSpec, k: number): Expected => {
      spec.clusters[k].podLabels = { app: 'other' };
      return { where: clusterPath(k), prop: 'podMetadata.labels.app', value: 'other' };
    }),
  ),
  // Services: cleared first, so the corrupted one is the only one with node ports.
  fc.constantFrom('Foo', 'nodeport').map((bad) =>
    corruption(`Service type = ${JSON.stringify(bad)}`, (spec, k) => {
      clearServices(spec);
      const c = spec.clusters[k];
      withAppPorts(c);
      c.services = [{ name: 'bad-svc', type: bad, ports: [{ name: c.appPorts[0].name, port: 80 }] }];
      return { where: svcPath(k, 0), prop: 'type', value: bad };
    }),
  ),
  fc.constantFrom(80, 29999, 32768, 65535).map((bad) =>
    corruption(`nodePort = ${JSON.stringify(bad)}`, (spec, k) => {
      clearServices(spec);
      const c = spec.clusters[k];
      withAppPorts(c);
      c.services = [{ name: 'bad-svc', type: 'NodePort', ports: [{ name: c.appPorts[0].name, port: 80, nodePort: bad }] }];
      return { where: svcPath(k, 0), prop: 'ports[0].nodePort', value: bad };
    }),
  ),
  fc.constant(
    corruption('nodePort on a ClusterIP Service', (spec: AppSpec, k: number): Expected => {
      clearServices(spec);
      const c = spec.clusters[k];
      withAppPorts(c);
      c.services = [{ name: 'bad-svc', type: 'ClusterIP', ports: [{ name: c.appPorts[0].name, port: 80, nodePort: 30080 }] }];
      return { where: svcPath(k, 0), prop: 'ports[0].nodePort', value: 30080 };
    }),
  ),
  fc.constant(
    corruption('nodePort reused by a second Service', (spec: AppSpec, k: number): Expected => {
      clearServices(spec);
      const c = spec.clusters[k];
      withAppPorts(c);
      const port = { name: c.appPorts[0].name, port: 80, nodePort: 31000 };
      c.services = [
        { name: 'one-svc', type: 'NodePort', ports: [port] },
        { name: 'two-svc', type: 'LoadBalancer', ports: [port] },
      ];
      return { where: svcPath(k, 1), prop: 'ports[0].nodePort', value: 31000 };
    }),
  ),
];

/** Corruptions that need two clusters: they are about the mesh. */
const MESH_CATALOGUE: fc.Arbitrary<Corruption>[] = [
  fc.constant(
    corruption('peer with another cookie', (spec: AppSpec, k: number): Expected => {
      spec.clusters[k].cookieSecret = `${spec.clusters[k].cookieSecret}-other`;
      return { where: clusterPath(0), prop: 'peer', value: clusterPath(k === 0 ? 1 : k) };
    }),
  ),
  fc.constant(
    corruption('peer with other TLS setting', (spec: AppSpec, k: number): Expected => {
      const c = spec.clusters[k];
      c.distribution = { ...c.distribution, tls: c.distribution.tls ? undefined : { secretName: 'dist-tls' } };
      return { where: clusterPath(0), prop: 'peer', value: clusterPath(k === 0 ? 1 : k) };
    }),
  ),
  fc.constant(
    corruption("second cluster with the first one's basename", (spec: AppSpec, k: number): Expected => {
      const j = k === 0 ? 1 : k;
      const [first, other] = [spec.clusters[0], spec.clusters[j]];
      Object.assign(other, { basename: first.basename, namespace: first.namespace, name: `dup-s${j}`, headlessServiceName: `dup-h${j}` });
      return { where: clusterPath(j), prop: 'basename', value: first.basename };
    }),
  ),
];

const ANY_CORRUPTION = fc.oneof(...CATALOGUE, ...MESH_CATALOGUE);
const SINGLE_CLUSTER_CORRUPTION = fc.oneof(...CATALOGUE);
/** A valid app, the cluster to corrupt, and how (mesh corruptions need two clusters). */
const invalidCase = fc
  .tuple(validApp, fc.nat(), SINGLE_CLUSTER_CORRUPTION, ANY_CORRUPTION)
  .map(([spec, n, single, any]) => [spec, n % spec.clusters.length, spec.clusters.length > 1 ? any : single] as const);

/** A deep copy that keeps prototypes (structuredClone would turn a Size or a Duration into a plain object). */
function deepClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepClone) as T;
  if (v === null || typeof v !== 'object') return v;
  return Object.assign(Object.create(Object.getPrototypeOf(v)), Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepClone(x)])));
}

describe('random invalid props always throw the documented ConfigError', () => {
  test(`${INVALID_RUNS} apps with one corrupted field`, () => {
    fc.assert(
      fc.property(invalidCase, ([valid, k, corrupt]) => {
        const spec = deepClone(valid);
        const expected = corrupt.apply(spec, k);
        const err = configErrorOf(() => build(spec));
        expect({ where: err.where, prop: err.prop, value: err.value }).toEqual(expected);
        expect(err.message.startsWith(`${expected.where}: invalid ${expected.prop} `)).toBe(true);
        expect(err.message).not.toContain('\n');
      }),
      { seed: SEED, numRuns: INVALID_RUNS },
    );
  });
});
