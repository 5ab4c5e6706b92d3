/**
 * Two copies of this package in one app (a linked checkout, a nested install):
 * objects made by one copy must be accepted by the other. Type tests use
 * Symbol.for brands, not instanceof. The second copy is the package compiled
 * as npm run build does, into node_modules/.cache, so that it shares this
 * repository's single cdk8s, as a consumer's copies share theirs.
 */
import { spawnSync } from 'child_process';
import { IntOrString } from '../../imports/k8s';
import * as fs from 'fs';
import * as path from 'path';
import { Testing, Size } from 'cdk8s';
import * as first from 'cdk8s-erlang-cluster';

const ROOT = path.join(__dirname, '..', '..');
const COPY = path.join(ROOT, 'node_modules', '.cache', 'cdk8s-erlang-cluster', 'second-copy');

/** Compiles the current sources as `npm run build` does, into a folder of its own (never a stale build/). */
function secondCopy(): typeof first {
  fs.rmSync(COPY, { recursive: true, force: true });
  const tsc = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json', '--outDir', COPY], { cwd: ROOT, encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a second compiled copy, loaded by path at run time
  return require(path.join(COPY, 'lib', 'index.js')) as typeof first;
}

const second = secondCopy();

test('the copies are distinct classes, so instanceof would fail', () => {
  expect(second.ErlangCookie).not.toBe(first.ErlangCookie);
  expect(second.ErlangCookie.fromSecretName('c') instanceof first.ErlangCookie).toBe(false);
});

test('a cookie, storage class, probes and discovery from one copy build a cluster of the other', () => {
  const chart = Testing.chart();
  const storage = new second.LocalStorageClass(chart, 'Disks', { name: 'disks' });
  [0, 1, 2].forEach((i) => storage.addVolume(`Disk${i}`, { name: `disk-${i}`, nodeName: `node-${i}`, path: '/srv/app', size: Size.gibibytes(1) }));
  const cluster = new first.ErlangStatefulCluster(chart, 'Cluster', {
    basename: 'app',
    release: second.ErlangRelease.relx(),
    image: 'app:1.0.0',
    cookie: second.ErlangCookie.fromSecretName('cookie'),
    appPorts: [{ name: 'http', port: 4000 }],
    storage: { mountPath: '/data', storageClass: storage },
    probes: second.ErlangProbes.httpGet('/health', IntOrString.fromString('http')),
    discovery: second.ClusterDiscovery.kubernetesApi(),
  });
  const sts = Testing.synth(chart).find((o) => o.kind === 'StatefulSet');
  expect(sts.spec.volumeClaimTemplates[0].spec.storageClassName).toBe('disks');
  expect(sts.spec.template.spec.serviceAccountName).toBe(`${cluster.name}-discovery`);
});

test("clusters of two copies mesh, and each copy recognises the other's objects", () => {
  const chart = Testing.chart();
  const cookie = first.ErlangCookie.fromSecretName('cookie');
  const a = new first.ErlangStatefulCluster(chart, 'A', { basename: 'a', release: first.ErlangRelease.relx(), image: 'a:1.0.0', cookie });
  const b = new second.ErlangStatefulCluster(chart, 'B', { basename: 'b', release: second.ErlangRelease.relx(), image: 'b:1.0.0', cookie });
  first.ErlangStatefulCluster.mesh(a, b as unknown as first.ErlangStatefulCluster);
  expect(a.peerClusters.map((p) => p.name)).toEqual(['b-sfs']);
  expect(first.ErlangStatefulCluster.isErlangStatefulCluster(b)).toBe(true);
  expect(second.ErlangCookie.isErlangCookie(cookie)).toBe(true);
  expect(first.ConfigError.isConfigError(new second.ConfigError('x', 'p', 1, 'y'))).toBe(true);
  expect(first.ErlangCookie.isErlangCookie({ secretName: 'cookie', key: 'cookie' })).toBe(false);
});

/** The error `f` throws, as one line, whichever copy threw it; anything but a ConfigError fails. */
function configError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(first.ConfigError.isConfigError(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error('no ConfigError');
}

type Copy = typeof first;
/** Each pair of copies: one copy alone (the reference), and one of each, either way round. */
const PAIRS: [string, Copy, Copy][] = [
  ['one copy', first, first],
  ['first, then second', first, second],
  ['second, then first', second, first],
];
const cluster = (copy: Copy, scope: ReturnType<typeof Testing.chart>, id: string, props: Partial<first.ErlangStatefulClusterProps> = {}) =>
  new copy.ErlangStatefulCluster(scope, id, {
    basename: 'app',
    release: copy.ErlangRelease.relx(),
    image: 'app:1.0.0',
    cookie: copy.ErlangCookie.fromSecretName('cookie'),
    appPorts: [{ name: 'http', port: 4000 }],
    ...props,
  } as first.ErlangStatefulClusterProps);

describe('the app-wide registries are one per app, whichever copy writes them', () => {
  test.each(PAIRS)('two app-sfs StatefulSets in one namespace are refused alike (%s)', (_, a, b) => {
    const chart = Testing.chart();
    cluster(a, chart, 'a');
    expect(configError(() => cluster(b, chart, 'b'))).toBe(
      'test/b: invalid name "app-sfs": is already used by test/a; StatefulSet names must be unique in namespace default',
    );
  });

  test.each(PAIRS)('a Service name and a node port are claimed once in the app (%s)', (_, a, b) => {
    const chart = Testing.chart();
    new a.LoadBalancedService(chart, 's', {
      name: 's',
      selector: { app: 'x' },
      ports: [{ name: 'http', port: 80, nodePort: 30080 }],
      type: a.LoadBalancedServiceType.NODE_PORT,
    });
    expect(configError(() => new b.HeadlessService(chart, 'h', { name: 's', selector: { app: 'x' }, ports: [{ name: 'http', port: 80 }] }))).toBe(
      'test/h: invalid name "s": is already used by test/s; Service names must be unique in namespace default',
    );
    expect(
      configError(
        () =>
          new b.LoadBalancedService(chart, 't', {
            name: 't',
            selector: { app: 'x' },
            ports: [{ name: 'http', port: 80, nodePort: 30080 }],
            type: b.LoadBalancedServiceType.NODE_PORT,
          }),
      ),
    ).toBe('test/t: invalid ports[0].nodePort 30080: is already used by test/s; node ports are cluster-wide and must be unique');
  });

  test.each(PAIRS)('a Service is checked against the clusters it selects, made by either copy (%s)', (_, a, b) => {
    const chart = Testing.chart();
    cluster(a, chart, 'app');
    new b.LoadBalancedService(chart, 's', {
      name: 's',
      selector: { app: 'app' },
      ports: [{ name: 'http', port: 80, targetPort: IntOrString.fromNumber(4001) }],
    });
    expect(configError(() => Testing.synth(chart))).toBe(
      'test/s: invalid ports[0].targetPort 4001: must be a container port of the pods it selects (test/app: epmd 4369, dist 9100, http 4000); the Service would have no endpoints there',
    );
  });

  test.each(PAIRS)('clusters that mount one TLS Secret share one Certificate and one issuer (%s)', (_, a, b) => {
    const tls = (basename: string, issuer: string) => ({ basename, distribution: { tls: { secretName: 'dist-tls', issuer: { name: issuer } } } });
    const chart = Testing.chart();
    cluster(a, chart, 'A', tls('a', 'ca'));
    cluster(b, chart, 'B', tls('b', 'ca'));
    const certificates = Testing.synth(chart).filter((o) => o.kind === 'Certificate');
    expect(certificates.map((c) => c.spec.dnsNames)).toEqual([['*.a-hl.default.svc.cluster.local', '*.b-hl.default.svc.cluster.local']]);
    expect(configError(() => cluster(b, chart, 'C', tls('c', 'other-ca')))).toBe(
      'test/C: invalid distribution.tls.issuer {"name":"other-ca"}: differs from test/A\'s Issuer \'ca\', which issues Secret dist-tls in namespace default; one Secret has one issuer',
    );
  });

  test('a registry in a layout this copy does not know is refused, not misread', () => {
    const chart = Testing.chart();
    Object.defineProperty(chart.node.root, Symbol.for('cdk8s-erlang-cluster.registry.claims'), { value: { version: 2, entries: {} } });
    expect(configError(() => cluster(second, chart, 'a'))).toBe(
      "test/a: invalid app registry 'claims' version 2: was written by another copy of cdk8s-erlang-cluster, which keeps it in another layout (this copy reads version 1); install one version of the package in the app ('npm ls cdk8s-erlang-cluster' lists the copies)",
    );
  });
});
