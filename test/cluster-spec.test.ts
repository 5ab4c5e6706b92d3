/**
 * The cluster resolves once into a frozen ClusterSpec, and each builder is a pure
 * function of it: what the construct synthesizes is exactly what the builders return.
 */
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import { PersistentVolumeAccessMode, PodManagementPolicy, Secret, Service } from 'cdk8s-plus-28';
import {
  ClusterDiscovery,
  ConfigError,
  ErlangCookie,
  ErlangStatefulCluster,
  ErlangStatefulClusterProps,
  LoadBalancedSvc,
  PodManagement,
  SecurityProfile,
} from 'cdk8s-erlang-cluster';
import { headlessServiceProps } from '../lib/constructs/cluster/builders/headless-service';
import { networkPolicySpec } from '../lib/constructs/cluster/builders/network-policy';
import { statefulSetSpec } from '../lib/constructs/cluster/builders/stateful-set';
import { BASE_HTTP } from './fixtures/constructs';

function make(props: Partial<ErlangStatefulClusterProps> = {}, chartProps = {}) {
  const app = Testing.app();
  const chart = new Chart(app, 'test', chartProps);
  const c = new ErlangStatefulCluster(chart, 'c', { ...BASE_HTTP, ...props });
  return { app, chart, c, objects: () => Testing.synth(chart) as any[] };
}
const kind = (objects: any[], k: string) => objects.filter((o) => o.kind === k);
const json = (x: unknown) => JSON.parse(JSON.stringify(x));

describe('the ClusterSpec', () => {
  test('is frozen and holds the derived names, ports, node names and FQDNs as fields', () => {
    const { c } = make({ namespace: 'prod', replicas: 2 });
    const s = c.spec;
    expect(Object.isFrozen(s)).toBe(true);
    expect([s.name, s.headlessServiceName, s.namespace, s.clusterDomain]).toEqual(['app-sfs', 'app-hl', 'prod', 'cluster.local']);
    expect(s.podFqdns).toEqual(['app-sfs-0.app-hl.prod.svc.cluster.local', 'app-sfs-1.app-hl.prod.svc.cluster.local']);
    expect(s.nodeNames).toEqual(['app@app-sfs-0.app-hl.prod.svc.cluster.local', 'app@app-sfs-1.app-hl.prod.svc.cluster.local']);
    expect(s.declaredPorts).toEqual([
      { name: 'epmd', port: 4369 },
      { name: 'dist', port: 9100 },
      { name: 'http', port: 8080 },
    ]);
    expect(s.distribution).toEqual({
      port: 9100,
      epmdless: false,
      pin: 'erl-aflags',
      tls: undefined,
      erlAflags: '-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100 +S 1:1',
    });
    expect(c.nodeNames).toEqual(s.nodeNames);
    expect(c.podFqdn(1)).toBe(s.podFqdns[1]);
  });

  test('epmd-less: one port, no epmd, no ERL_AFLAGS pin', () => {
    const s = make({ distribution: { epmdless: true, port: 9000 } }).c.spec;
    expect(s.erlangPorts).toEqual([{ name: 'dist', port: 9000 }]);
    expect(s.distribution.erlAflags).toBe('+S 1:1');
  });

  test('the builders are pure: the same spec gives equal, unshared output, equal to what the construct synthesizes', () => {
    const { c, objects } = make();
    const a = statefulSetSpec(c.spec, []);
    const b = statefulSetSpec(c.spec, []);
    expect(a).toEqual(b);
    expect(a.selector).not.toBe(b.selector);
    (a.selector!.matchLabels as Record<string, string>).app = 'mutated';
    expect(c.spec.selectorLabels).toEqual({ app: 'app' });
    const sts = kind(objects(), 'StatefulSet')[0];
    expect(sts.spec.serviceName).toBe(b.serviceName);
    expect(sts.spec.template.spec.containers[0].env.map((e: any) => e.name)).toEqual(b.template.spec!.containers.map((x) => x.env!.map((e) => e.name))[0]);
    expect(headlessServiceProps(c.spec).ports.map((p) => p.name)).toEqual(['epmd', 'dist', 'http']);
    expect(json(networkPolicySpec(c.spec, [])).podSelector).toEqual({ matchLabels: { app: 'app' } });
  });
});

describe('the objects are reachable from the construct', () => {
  test('pdb, networkPolicy and serviceAccount are the synthesized objects', () => {
    const { c, objects } = make({ discovery: ClusterDiscovery.kubernetesApi() });
    expect(c.pdb?.name).toBe('app-sfs');
    expect(c.networkPolicy?.name).toBe('app-sfs');
    expect(c.serviceAccount?.name).toBe('app-sfs-discovery');
    expect(kind(objects(), 'ServiceAccount').map((o) => o.metadata.name)).toEqual([c.serviceAccount!.name]);
  });

  test('each is absent when turned off', () => {
    const { c, objects } = make({ maxUnavailable: 0, networkPolicy: false });
    expect([c.pdb, c.networkPolicy, c.serviceAccount]).toEqual([undefined, undefined, undefined]);
    expect(
      objects()
        .map((o) => o.kind)
        .sort(),
    ).toEqual(['Service', 'StatefulSet']);
  });
});

describe("cdk8s-plus's vocabulary on the cluster", () => {
  const cookieEnv = (objects: any[]) => kind(objects, 'StatefulSet')[0].spec.template.spec.containers[0].env.find((e: any) => e.name === 'RELEASE_COOKIE');

  test('the cookie from an ErlangCookie, a cdk8s-plus ISecret and a Secret name is the same secretKeyRef', () => {
    const expected = { name: 'RELEASE_COOKIE', valueFrom: { secretKeyRef: { name: 'app-cookie', key: 'cookie' } } };
    expect(cookieEnv(make().objects())).toEqual(expected);
    expect(cookieEnv(make({ cookie: 'app-cookie' }).objects())).toEqual(expected);
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    const secret = Secret.fromSecretName(chart, 'Cookie', 'app-cookie');
    new ErlangStatefulCluster(chart, 'c', { ...BASE_HTTP, cookie: secret });
    expect(cookieEnv(Testing.synth(chart))).toEqual(expected);
    expect(ErlangCookie.fromSecret(secret, 'k').toString()).toBe('app-cookie/k');
  });

  test('PodManagementPolicy from cdk8s-plus-28 and the deprecated PodManagement write the same field', () => {
    const policy = (p: any) => kind(make({ podManagementPolicy: p }).objects(), 'StatefulSet')[0].spec.podManagementPolicy;
    expect(policy(PodManagementPolicy.ORDERED_READY)).toBe('OrderedReady');
    expect(policy(PodManagement.ORDERED_READY)).toBe('OrderedReady');
    expect(policy(undefined)).toBe('Parallel');
  });

  test('a Duration is accepted for the grace period and the scrape interval, written as seconds', () => {
    const objects = make({ terminationGracePeriodSeconds: Duration.minutes(2), metrics: { podMonitor: { interval: Duration.seconds(90) } } }).objects();
    expect(kind(objects, 'StatefulSet')[0].spec.template.spec.terminationGracePeriodSeconds).toBe(120);
    expect(kind(objects, 'PodMonitor')[0].spec.podMetricsEndpoints[0].interval).toBe('90s');
    expect(() => make({ terminationGracePeriodSeconds: Duration.millis(1500) })).toThrow(
      'test/c: invalid terminationGracePeriodSeconds 1.5: must be an integer',
    );
  });

  test('a SecurityProfile by instance or by its value is the same profile; other values are refused', () => {
    const ctx = (p: any) => kind(make({ securityProfile: p }).objects(), 'StatefulSet')[0].spec.template.spec.securityContext;
    expect(ctx('hardened')).toEqual(ctx(SecurityProfile.HARDENED));
    expect(ctx(SecurityProfile.HARDENED).runAsUser).toBe(10001);
    expect(() => make({ securityProfile: 'HARDENED' as any })).toThrow(
      "test/c: invalid securityProfile \"HARDENED\": must be one of 'root-compatible', 'hardened'",
    );
  });

  test('addServiceDomain takes a cdk8s-plus Service: the short name in the namespace, the FQDN across', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'a' });
    const c = new ErlangStatefulCluster(chart, 'c', BASE_HTTP);
    const same = new Service(chart, 'Same', { metadata: { name: 'same-svc' }, ports: [{ port: 80 }] });
    const other = new Service(chart, 'Other', { metadata: { name: 'other-svc', namespace: 'b' }, ports: [{ port: 80 }] });
    c.addServiceDomain('SAME_DOMAIN', same);
    c.addServiceDomain('OTHER_DOMAIN', other);
    c.addServiceDomain('PLAIN_DOMAIN', { name: 'plain', namespace: 'c' });
    const env = kind(Testing.synth(chart), 'StatefulSet')[0].spec.template.spec.containers[0].env;
    expect(env.filter((e: any) => /^(SAME|OTHER|PLAIN)_DOMAIN$/.test(e.name))).toEqual([
      { name: 'SAME_DOMAIN', value: 'same-svc' },
      { name: 'OTHER_DOMAIN', value: 'other-svc.b.svc.cluster.local' },
      { name: 'PLAIN_DOMAIN', value: 'plain.c.svc.cluster.local' },
    ]);
    expect(() => c.addServiceDomain('X_DOMAIN', {} as any)).toThrow('test/c: invalid serviceDomain service {}: must be a Service with a name');
    expect(() => c.addServiceDomain('ERL_AFLAGS', same)).toThrow('test/c: invalid serviceDomain envName "ERL_AFLAGS": is already defined');
  });

  test('initContainers run first; sidecars follow the node container', () => {
    const spec = kind(
      make({
        initContainers: [{ name: 'migrate', image: 'registry.example/migrate:1' }],
        sidecars: [{ name: 'logs', image: 'registry.example/fluent-bit:3', ports: [{ containerPort: 2020 }] }],
      }).objects(),
      'StatefulSet',
    )[0].spec.template.spec;
    expect(spec.initContainers).toEqual([{ name: 'migrate', image: 'registry.example/migrate:1' }]);
    expect(spec.containers.map((c: any) => c.name)).toEqual(['app', 'logs']);
    expect(kind(make().objects(), 'StatefulSet')[0].spec.template.spec.initContainers).toBeUndefined();
  });

  test.each([
    ['a sidecar on the dist port', { sidecars: [{ name: 's', image: 'x:1', ports: [{ containerPort: 9100 }] }] }, 'sidecars[0].ports', '9100'],
    [
      'a native sidecar (init, restartPolicy Always) on epmd',
      { initContainers: [{ name: 's', image: 'x:1', restartPolicy: 'Always', ports: [{ containerPort: 4369 }] }] },
      'initContainers[0].ports',
      '4369',
    ],
    ['a sidecar named like the node container', { sidecars: [{ name: 'app', image: 'x:1' }] }, 'sidecars[0].name', '"app"'],
    ['a sidecar without an image', { sidecars: [{ name: 's' } as any] }, 'sidecars[0].image', '(missing)'],
    [
      'a sidecar with a misspelled key',
      { sidecars: [{ name: 's', image: 'x:1', imagePullPolicyy: 'Always' } as any] },
      'sidecars[0].imagePullPolicyy',
      '"Always": is not a prop of Container; did you mean \'imagePullPolicy\'?',
    ],
  ])('%s is refused with a one-line error', (_name, props, prop, value) => {
    let err: unknown;
    try {
      make(props as any);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const prefix = `test/c: invalid ${prop} ${value}`;
    expect((err as ConfigError).message.slice(0, prefix.length)).toBe(prefix);
    expect((err as ConfigError).message).not.toContain('\n');
  });

  test("an init container may use the node's ports: it ends before the node starts", () => {
    expect(() => make({ initContainers: [{ name: 'wait', image: 'x:1', ports: [{ containerPort: 9100 }] }] })).not.toThrow();
  });
});

test('a LoadBalancedSvc is still accepted by addServiceDomain (the old signature)', () => {
  const app = new App();
  const chart = new Chart(app, 'test');
  const c = new ErlangStatefulCluster(chart, 'c', BASE_HTTP);
  const svc = new LoadBalancedSvc(chart, 'svc', { name: 'app-svc', selector: c.selectorLabels, ports: [{ name: 'http', port: 8080 }] });
  c.addServiceDomain('APP_DOMAIN', svc);
  expect(kind(Testing.synth(chart), 'StatefulSet')[0].spec.template.spec.containers[0].env.at(-1)).toEqual({ name: 'APP_DOMAIN', value: 'app-svc' });
});

describe('metadata and podMetadata on the cluster', () => {
  test('metadata goes on the StatefulSet, podMetadata on every pod, after podLabels; the selector stays', () => {
    const objects = make({
      podLabels: { team: 'core' },
      metadata: { labels: { tier: 'backend' }, annotations: { 'example.com/owner': 'core' } },
      podMetadata: { labels: { 'sidecar.istio.io/inject': 'false' }, annotations: { 'prometheus.io/scrape': 'true' } },
    }).objects();
    const sts = kind(objects, 'StatefulSet')[0];
    expect(sts.metadata).toEqual({
      name: 'app-sfs',
      namespace: 'default',
      labels: { app: 'app', tier: 'backend' },
      annotations: { 'example.com/owner': 'core' },
    });
    expect(sts.spec.template.metadata).toEqual({
      labels: { team: 'core', app: 'app', 'sidecar.istio.io/inject': 'false' },
      annotations: { 'prometheus.io/scrape': 'true' },
    });
    expect(sts.spec.selector).toEqual({ matchLabels: { app: 'app' } });
    // Only the StatefulSet takes the user's metadata; the other objects keep the selector label alone.
    expect(kind(objects, 'PodDisruptionBudget')[0].metadata.labels).toEqual({ app: 'app' });
  });

  test.each([
    [
      'metadata.labels changing the selector',
      { metadata: { labels: { app: 'other' } } },
      'metadata.labels.app "other": must not change the selector label app=app',
    ],
    [
      'podMetadata.labels changing the selector',
      { podMetadata: { labels: { app: 'other' } } },
      'podMetadata.labels.app "other": must not change the selector label app=app',
    ],
    ['metadata.name other than the name prop', { metadata: { name: 'x' } }, 'metadata.name "x": must equal the name prop (\'app-sfs\')'],
    ['podMetadata with a name', { podMetadata: { name: 'x' } as any }, 'podMetadata.name "x": is not a prop of LabelsAndAnnotations'],
  ])('%s is refused', (_n, props, message) => {
    expect(() => make(props as any)).toThrow(`test/c: invalid ${message}`);
  });

  test('storage size and access mode: a cdk8s Size and the cdk8s-plus enum write what the strings write', () => {
    const claim = (storage: any) => kind(make({ storage }).objects(), 'StatefulSet')[0].spec.volumeClaimTemplates[0].spec;
    const expected = claim({ mountPath: '/data', size: '10Gi', accessMode: 'ReadWriteOncePod' });
    expect(expected).toEqual({ accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '10Gi' } } });
    expect(claim({ mountPath: '/data', size: Size.gibibytes(10), accessMode: PersistentVolumeAccessMode.READ_WRITE_ONCE_POD })).toEqual(expected);
    expect(() => make({ storage: { mountPath: '/data', size: Size.mebibytes(0) } })).toThrow(
      'test/c: invalid storage.size "0Mi": must be a positive Kubernetes quantity',
    );
  });
});
