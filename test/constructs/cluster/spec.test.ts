/**
 * lib/constructs/cluster/resolve*.ts and spec.ts: the cluster resolves once into a frozen
 * ClusterSpec, and each builder is a pure function of it: what the construct synthesizes is
 * exactly what the builders return. Then props to ClusterSpec where the other suites leave
 * gaps: the container's resources when only requests or only limits are given, the scheduler
 * counts without a CPU, the security profiles' pod parts, and the podLabels conflict message.
 */
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import { Cpu, PersistentVolumeAccessMode, PodManagementPolicy, Secret, Service } from 'cdk8s-plus-28';
import {
  ClusterDiscovery,
  ConfigError,
  ErlangCookie,
  ErlangStatefulCluster,
  ErlangStatefulClusterProps,
  LoadBalancedService,
  SecurityProfile,
  ResourcesPreset,
  Schedulers,
} from 'cdk8s-erlang-cluster';
import { resolveResources, schedulerCounts } from '../../../lib/constructs/cluster/resources';
import { headlessServiceProps } from '../../../lib/constructs/cluster/builders/headless-service';
import { networkPolicySpec } from '../../../lib/constructs/cluster/builders/network-policy';
import { statefulSetSpec } from '../../../lib/constructs/cluster/builders/stateful-set';
import { BASE_HTTP, buildCluster } from '../../fixtures/constructs';
import * as k8s from '../../../imports/k8s';
import { configErrorOf } from '../../helpers';

function make(props: Partial<ErlangStatefulClusterProps> = {}, chartProps = {}) {
  const app = Testing.app();
  const chart = new Chart(app, 'test', chartProps);
  const c = buildCluster(props, BASE_HTTP, chart);
  return { app, chart, c, objects: () => Testing.synth(chart) as any[] };
}

const kind = (objects: any[], k: string) => objects.filter((o) => o.kind === k);

const json = (x: unknown) => JSON.parse(JSON.stringify(x));

/** The synthesized node container of a cluster with `props`. */
function container(props: Partial<ErlangStatefulClusterProps>) {
  const c = buildCluster(props);
  const set = (Testing.synth(c.node.scope as Chart) as any[]).find((o) => o.kind === 'StatefulSet');
  return set.spec.template.spec.containers[0];
}

const aflags = (props: Partial<ErlangStatefulClusterProps>) => container(props).env.find((e: k8s.EnvVar) => e.name === 'ERL_AFLAGS')?.value;

describe('the ClusterSpec', () => {
  test('is frozen and holds the derived names, ports, node names and FQDNs as fields', () => {
    const { c } = make({ namespace: 'prod', replicas: 2 });
    const s = c._spec;
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
    const s = make({ distribution: { epmdless: true, port: 9000 } }).c._spec;
    expect(s.erlangPorts).toEqual([{ name: 'dist', port: 9000 }]);
    expect(s.distribution.erlAflags).toBe('+S 1:1');
  });

  test('the builders are pure: the same spec gives equal, unshared output, equal to what the construct synthesizes', () => {
    const { c, objects } = make();
    const a = statefulSetSpec(c._spec, []);
    const b = statefulSetSpec(c._spec, []);
    expect(a).toEqual(b);
    expect(a.selector).not.toBe(b.selector);
    (a.selector!.matchLabels as Record<string, string>).app = 'mutated';
    expect(c._spec.selectorLabels).toEqual({ app: 'app' });
    const sts = kind(objects(), 'StatefulSet')[0];
    expect(sts.spec.serviceName).toBe(b.serviceName);
    expect(sts.spec.template.spec.containers[0].env.map((e: any) => e.name)).toEqual(b.template.spec!.containers.map((x) => x.env!.map((e) => e.name))[0]);
    expect(headlessServiceProps(c._spec).ports.map((p) => p.name)).toEqual(['epmd', 'dist', 'http']);
    expect(json(networkPolicySpec(c._spec, [])).podSelector).toEqual({ matchLabels: { app: 'app' } });
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

  test('the cookie from a Secret name and from a cdk8s-plus ISecret is the same secretKeyRef', () => {
    const expected = { name: 'RELEASE_COOKIE', valueFrom: { secretKeyRef: { name: 'app-cookie', key: 'cookie' } } };
    expect(cookieEnv(make().objects())).toEqual(expected);
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    const secret = Secret.fromSecretName(chart, 'Cookie', 'app-cookie');
    new ErlangStatefulCluster(chart, 'c', { ...BASE_HTTP, cookie: ErlangCookie.fromSecret(secret) });
    expect(cookieEnv(Testing.synth(chart))).toEqual(expected);
    expect(ErlangCookie.fromSecret(secret, 'k').toString()).toBe('app-cookie/k');
  });

  test("podManagementPolicy is cdk8s-plus-28's PodManagementPolicy, written as is", () => {
    const policy = (p: any) => kind(make({ podManagementPolicy: p }).objects(), 'StatefulSet')[0].spec.podManagementPolicy;
    expect(policy(PodManagementPolicy.ORDERED_READY)).toBe('OrderedReady');
    expect(policy(PodManagementPolicy.PARALLEL)).toBe('Parallel');
    expect(policy(undefined)).toBe('Parallel');
  });

  test('a Duration is accepted for the grace period and the scrape interval, written as seconds', () => {
    const objects = make({ terminationGracePeriod: Duration.minutes(2), metrics: { podMonitor: { interval: Duration.seconds(90) } } }).objects();
    expect(kind(objects, 'StatefulSet')[0].spec.template.spec.terminationGracePeriodSeconds).toBe(120);
    expect(kind(objects, 'PodMonitor')[0].spec.podMetricsEndpoints[0].interval).toBe('90s');
    expect(() => make({ terminationGracePeriod: Duration.millis(1500) })).toThrow('test/c: invalid terminationGracePeriod 1.5: must be an integer');
  });

  test('a Duration of a fraction of a millisecond is refused as a ConfigError on its seconds, not by cdk8s', () => {
    expect(configErrorOf(() => make({ terminationGracePeriod: Duration.millis(0.5) })).message).toBe(
      'test/c: invalid terminationGracePeriod 0.0005: must be an integer >= 0',
    );
    expect(configErrorOf(() => make({ minReady: Duration.millis(0.5) })).message).toBe(
      'test/c: invalid minReady 0.0005: must be an integer from 0 to 2147483647',
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

  test("addServiceDomain takes a cdk8s-plus Service's name and namespace: the short name in the namespace, the FQDN across", () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'a' });
    const c = new ErlangStatefulCluster(chart, 'c', BASE_HTTP);
    const same = new Service(chart, 'Same', { metadata: { name: 'same-svc' }, ports: [{ port: 80 }] });
    const other = new Service(chart, 'Other', { metadata: { name: 'other-svc', namespace: 'b' }, ports: [{ port: 80 }] });
    c.addServiceDomain('SAME_DOMAIN', same.name, same.metadata.namespace);
    c.addServiceDomain('OTHER_DOMAIN', other.name, other.metadata.namespace);
    c.addServiceDomain('PLAIN_DOMAIN', 'plain', 'c');
    const env = kind(Testing.synth(chart), 'StatefulSet')[0].spec.template.spec.containers[0].env;
    expect(env.filter((e: any) => /^(SAME|OTHER|PLAIN)_DOMAIN$/.test(e.name))).toEqual([
      { name: 'SAME_DOMAIN', value: 'same-svc' },
      { name: 'OTHER_DOMAIN', value: 'other-svc.b.svc.cluster.local' },
      { name: 'PLAIN_DOMAIN', value: 'plain.c.svc.cluster.local' },
    ]);
    expect(() => c.addServiceDomain('X_DOMAIN', same as any)).toThrow("test/c: invalid serviceDomain serviceName test/Same: must be the Service's name");
    expect(() => c.addServiceDomain('ERL_AFLAGS', same.name)).toThrow('test/c: invalid serviceDomain envName "ERL_AFLAGS": is already defined');
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
    const err = configErrorOf(() => make(props as any));
    expect(err).toBeInstanceOf(ConfigError);
    const prefix = `test/c: invalid ${prop} ${value}`;
    expect(err.message.slice(0, prefix.length)).toBe(prefix);
    expect(err.message).not.toContain('\n');
  });

  test("an init container may use the node's ports: it ends before the node starts", () => {
    expect(() => make({ initContainers: [{ name: 'wait', image: 'x:1', ports: [{ containerPort: 9100 }] }] })).not.toThrow();
  });
});

test("addServiceDomain takes a LoadBalancedService's name and namespace", () => {
  const app = new App();
  const chart = new Chart(app, 'test');
  const c = new ErlangStatefulCluster(chart, 'c', BASE_HTTP);
  const svc = new LoadBalancedService(chart, 'svc', { name: 'app-svc', selector: c.selectorLabels, ports: [{ name: 'http', port: 8080 }] });
  c.addServiceDomain('APP_DOMAIN', svc.name, svc.namespace);
  expect(kind(Testing.synth(chart), 'StatefulSet')[0].spec.template.spec.containers[0].env.at(-1)).toEqual({ name: 'APP_DOMAIN', value: 'app-svc' });
});

describe('metadata and podMetadata on the cluster', () => {
  test('metadata goes on the StatefulSet, podMetadata on every pod, after the selector label, which stays', () => {
    const objects = make({
      metadata: { labels: { tier: 'backend' }, annotations: { 'example.com/owner': 'core' } },
      podMetadata: { labels: { team: 'core', 'sidecar.istio.io/inject': 'false' }, annotations: { 'prometheus.io/scrape': 'true' } },
    }).objects();
    const sts = kind(objects, 'StatefulSet')[0];
    expect(sts.metadata).toEqual({
      name: 'app-sfs',
      namespace: 'default',
      labels: { app: 'app', tier: 'backend' },
      annotations: { 'example.com/owner': 'core' },
    });
    expect(sts.spec.template.metadata).toEqual({
      labels: { app: 'app', team: 'core', 'sidecar.istio.io/inject': 'false' },
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
    const expected = claim({ mountPath: '/data', size: Size.gibibytes(10), accessMode: 'ReadWriteOncePod' });
    expect(expected).toEqual({ accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '10Gi' } } });
    expect(claim({ mountPath: '/data', size: Size.gibibytes(10), accessMode: PersistentVolumeAccessMode.READ_WRITE_ONCE_POD })).toEqual(expected);
    expect(() => make({ storage: { mountPath: '/data', size: Size.mebibytes(0) } })).toThrow(
      'test/c: invalid storage.size "0": must be a positive Kubernetes quantity',
    );
  });
});

describe('resources', () => {
  test('only limits: no requests appear, and the schedulers come from the CPU limit', () => {
    const resources = { cpu: { limit: Cpu.millis(1500) }, memory: { limit: Size.gibibytes(1) } };
    expect(container({ resources }).resources).toEqual({ limits: { cpu: '1500m', memory: '1Gi' } });
    expect(aflags({ resources })).toBe('-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100 +S 2:2');
  });

  test('only a memory limit: no CPU, so no +S flag; only requests: no limits appear', () => {
    expect(container({ resources: { memory: { limit: Size.gibibytes(1) } } }).resources).toEqual({ limits: { memory: '1Gi' } });
    expect(aflags({ resources: { memory: { limit: Size.gibibytes(1) } } })).toBe('-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100');
    expect(container({ resources: { cpu: { request: Cpu.units(3) } } }).resources).toEqual({ requests: { cpu: '3' } });
  });

  test('a limit at or above its request, or with no request of its kind, is accepted as given', () => {
    const resources = {
      cpu: { request: Cpu.millis(500), limit: Cpu.units(2) },
      memory: { request: Size.gibibytes(1), limit: Size.gibibytes(1) },
      ephemeralStorage: { limit: Size.gibibytes(2) },
    };
    expect(container({ resources }).resources).toEqual({
      requests: { cpu: '500m', memory: '1Gi' },
      limits: { cpu: '2', memory: '1Gi', 'ephemeral-storage': '2Gi' },
    });
  });

  test('a missing quantity (null from YAML or JavaScript) is a ConfigError naming it, not a TypeError', () => {
    const bad = { cpu: { request: null as unknown as Cpu } };
    expect(configErrorOf(() => resolveResources('w', ResourcesPreset.SMALL, bad)).message).toBe(
      `w: invalid resources.cpu.request null: must be a positive Kubernetes quantity such as '1Gi' or '500Mi'`,
    );
    // The construct's shape check refuses it before resolveResources sees it.
    expect(configErrorOf(() => buildCluster({ resources: bad })).message).toBe(
      'test/c: invalid resources.cpu.request null: must be a cdk8s-plus Cpu, e.g. Cpu.millis(250) or Cpu.units(2); null is not allowed (leave the prop out for its default)',
    );
  });

  test('Cpu as its amount and Size as written: the quantities cdk8s-plus renders, without its whole-Mi/Gi rounding', () => {
    const resources = { cpu: { request: Cpu.units(0.5) }, memory: { request: Size.mebibytes(1536) }, ephemeralStorage: { request: Size.mebibytes(1536) } };
    expect(container({ resources }).resources).toEqual({ requests: { cpu: '0.5', memory: '1536Mi', 'ephemeral-storage': '1536Mi' } });
    // A fraction of a byte, and a limit below its request, by their prop names.
    expect(configErrorOf(() => resolveResources('w', undefined, { memory: { request: Size.kibibytes(0.5001) } })).message).toMatch(
      /^w: invalid resources\.memory\.request "0\.5001Ki": must be a whole number of bytes/,
    );
    expect(configErrorOf(() => resolveResources('w', undefined, { cpu: { request: Cpu.units(2), limit: Cpu.millis(1500) } })).message).toBe(
      'w: invalid resources.cpu.limit "1500m": must be at least the request 2; the apiserver refuses a limit below its request',
    );
  });

  test('resolveResources: the preset without resources; none for NONE', () => {
    const small = resolveResources('w', ResourcesPreset.SMALL, undefined)!;
    expect([small.requests?.cpu?.value, small.requests?.memory?.value, small.limits?.memory?.value, small.limits?.cpu]).toEqual([
      '250m',
      '512Mi',
      '512Mi',
      undefined,
    ]);
    expect(resolveResources('w', ResourcesPreset.NONE, undefined)).toBeUndefined();
  });
});

describe('schedulerCounts', () => {
  test('dirty I/O schedulers without a CPU: only +SDio', () => {
    expect(schedulerCounts('w', Schedulers.fromCpu({ dirtyIo: 4 }), undefined)).toEqual({ online: undefined, dirtyIo: 4 });
    expect(aflags({ resourcesPreset: ResourcesPreset.NONE, schedulers: Schedulers.fromCpu({ dirtyIo: 4 }) })).toBe(
      '-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100 +SDio 4',
    );
    expect(schedulerCounts('w', Schedulers.fromCpu(), undefined)).toBeUndefined();
  });

  test('a value that is not a Schedulers is a ConfigError', () => {
    expect(configErrorOf(() => schedulerCounts('w', 4 as unknown as Schedulers, undefined)).message).toBe(
      'w: invalid schedulers "4": must be a Schedulers, e.g. Schedulers.fromCpu()',
    );
  });
});

describe('security profiles', () => {
  const identity = (addCapabilities?: string[], uid?: number, gid?: number) => ({ ...buildCluster()._spec, runAs: { uid, gid, addCapabilities } });

  test('print as their value', () => {
    expect([String(SecurityProfile.ROOT_COMPATIBLE), `${SecurityProfile.HARDENED}`]).toEqual(['root-compatible', 'hardened']);
  });

  test('root-compatible: the default seccomp profile, no escalation, all capabilities dropped but the added ones, volumes of group runAsGroup', () => {
    const parts = (add?: string[]) => SecurityProfile.ROOT_COMPATIBLE._podParts(identity(add));
    const none = {
      podSecurityContext: { fsGroup: 10001, fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' } },
      containerSecurityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      env: [],
      volumes: [],
      volumeMounts: [],
      rbacRules: [],
    };
    expect(parts()).toEqual(none);
    expect(parts([])).toEqual(none);
    expect(parts(['CHOWN', 'SETUID'])).toEqual({
      ...none,
      containerSecurityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['CHOWN', 'SETUID'] } },
    });
    // A non-root image (e.g. mix phx.gen.release's, as nobody) writes its volume through this group.
    expect(SecurityProfile.ROOT_COMPATIBLE._podParts(identity(undefined, undefined, 4000)).podSecurityContext).toEqual({
      fsGroup: 4000,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('hardened: non-root with the given or default UID/GID, read-only root, /tmp writable', () => {
    const podSecurityContext = (uid: number, gid: number) => ({
      runAsNonRoot: true,
      runAsUser: uid,
      runAsGroup: gid,
      fsGroup: gid,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    const rest = {
      containerSecurityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false, capabilities: { drop: ['ALL'] } },
      env: [
        { name: 'RELX_OUT_FILE_PATH', value: '/tmp' },
        { name: 'RELEASE_TMP', value: '/tmp' },
      ],
      volumes: [{ name: 'tmp', emptyDir: {} }],
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      rbacRules: [],
    };
    expect(SecurityProfile.HARDENED._podParts(identity())).toEqual({ podSecurityContext: podSecurityContext(10001, 10001), ...rest });
    expect(SecurityProfile.HARDENED._podParts(identity(undefined, 20000, 30000))).toEqual({ podSecurityContext: podSecurityContext(20000, 30000), ...rest });
  });
});

describe('the pod', () => {
  test("podMetadata may repeat the selector label, not change it; a JavaScript caller's podLabels is refused with its new spelling", () => {
    expect(configErrorOf(() => buildCluster({ podMetadata: { labels: { app: 'db' } } })).message).toBe(
      'test/c: invalid podMetadata.labels.app "db": must not change the selector label app=app that this construct relies on to select its pods; leave it out or repeat the same value',
    );
    expect(() => buildCluster({ podMetadata: { labels: { app: 'app' } } })).not.toThrow();
    const js = { podLabels: { tier: 'web' } } as unknown as Partial<ErlangStatefulClusterProps>;
    expect(configErrorOf(() => buildCluster(js)).message).toBe(
      'test/c: invalid podLabels {"tier":"web"}: is no longer a prop of ErlangStatefulClusterProps: write the pods\' labels as podMetadata.labels',
    );
  });

  test("storage.name must be a DNS label; it names the pod's volume", () => {
    expect(configErrorOf(() => buildCluster({ storage: { name: 'Data', mountPath: '/data' } })).message).toBe(
      `test/c: invalid storage.name "Data": must be a DNS-1123 label of at most 63 characters: lower-case letters, digits and '-', starting and ending with a letter or digit`,
    );
  });

  test('storage without a class: no storageClassName', () => {
    const s = buildCluster({ storage: { mountPath: '/data' } })._spec.storage;
    expect(s && { ...s, localClass: s.localClass ?? null }).toEqual({
      name: 'app-volume',
      mountPath: '/data',
      size: Size.gibibytes(1),
      accessMode: 'ReadWriteOnce',
      storageClassName: undefined,
      localClass: null,
    });
  });
});
