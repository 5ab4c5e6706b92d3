/**
 * What an ErlangStatefulCluster synthesizes, object by object and whole: the
 * defaults, each option's effect on its builder's object, the app-wide claims and
 * index entries that render.ts makes, and the construct's getters, addPeer and
 * addServiceDomain. Written to kill the mutants StrykerJS found surviving in
 * lib/constructs/cluster/builders/, render.ts and erlang-stateful-cluster.ts.
 */
import { EnvValue } from 'cdk8s-plus-28';
import { App, Chart, Duration, Testing } from 'cdk8s';
import {
  ClusterDiscovery,
  ClusterUpdateStrategy,
  CookieDelivery,
  ErlangStatefulCluster,
  ErlangStatefulClusterProps,
  LoadBalancedService,
  PodSpread,
  SecurityProfile,
} from 'cdk8s-erlang-cluster';
import { BASE, cookie, buildCluster } from '../../fixtures/constructs';
import { configErrorOf } from '../../helpers';

/** A cluster `test/c` in a fresh chart, and its synthesized objects by kind. */
function make(props: Partial<ErlangStatefulClusterProps> = {}) {
  const chart = new Chart(Testing.app(), 'test');
  const c = buildCluster(props, BASE, chart);
  const objects = () => Testing.synth(chart) as any[];
  const of = (kind: string) => objects().filter((o) => o.kind === kind);
  return { chart, c, objects, of };
}

const meta = (name = 'app-sfs') => ({ name, namespace: 'default', labels: { app: 'app' } });
const selector = { matchLabels: { app: 'app' } };
const fieldEnv = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } });
/** The env of a default cluster with DNS SRV discovery. */
const DEFAULT_ENV = [
  fieldEnv('NAMESPACE', 'metadata.namespace'),
  fieldEnv('POD_NAME', 'metadata.name'),
  fieldEnv('LOCAL_IP', 'status.podIP'),
  { name: 'ERLANG_HOST_NAME', value: '$(POD_NAME).app-hl.$(NAMESPACE).svc.cluster.local' },
  { name: 'RELEASE_DISTRIBUTION', value: 'name' },
  { name: 'RELEASE_NODE', value: 'app@$(ERLANG_HOST_NAME)' },
  { name: 'RELEASE_COOKIE', valueFrom: { secretKeyRef: { key: 'cookie', name: 'app-cookie' } } },
  { name: 'RELX_COOKIE', value: '$(RELEASE_COOKIE)' },
  { name: 'ERLANG_DIST_PORT', value: '9100' },
  { name: 'ERL_AFLAGS', value: '-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100 +S 1:1' },
  { name: 'ERLANG_CLUSTER_DISCOVERY', value: 'dnssrv' },
  { name: 'ERLANG_NODE_BASENAME', value: 'app' },
  { name: 'ERLANG_CLUSTER_SERVICE', value: 'app-hl' },
  { name: 'ERLANG_CLUSTER_DOMAIN', value: 'cluster.local' },
  { name: 'CLUSTER_DOMAIN', value: 'cluster.local.' },
];
const spreadOver = (topologyKey: string) => ({ labelSelector: selector, maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway' });
const ZONE = spreadOver('topology.kubernetes.io/zone');
const HOST = spreadOver('kubernetes.io/hostname');
const tcp = (port: number) => ({ port, protocol: 'TCP' });
const ERLANG_INGRESS = { from: [{ podSelector: selector }], ports: [tcp(4369), tcp(9100)] };

describe('a default cluster', () => {
  test('synthesizes exactly its headless Service, StatefulSet, PodDisruptionBudget and NetworkPolicy', () => {
    // No empty lists or maps: no volumeMounts, volumes, imagePullSecrets, nodeSelector or annotations; no token mounted.
    expect(make().objects()).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta('app-hl'),
        spec: {
          clusterIP: 'None',
          ports: [
            { name: 'epmd', port: 4369, protocol: 'TCP', targetPort: 'epmd' },
            { name: 'dist', port: 9100, protocol: 'TCP', targetPort: 'dist' },
          ],
          publishNotReadyAddresses: true,
          selector: { app: 'app' },
        },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: meta(),
        spec: {
          podManagementPolicy: 'Parallel',
          replicas: 3,
          selector,
          serviceName: 'app-hl',
          template: {
            metadata: { labels: { app: 'app' } },
            spec: {
              automountServiceAccountToken: false,
              containers: [
                {
                  env: DEFAULT_ENV,
                  image: 'registry.example/app:1.0',
                  imagePullPolicy: 'IfNotPresent',
                  name: 'app',
                  ports: [
                    { containerPort: 4369, name: 'epmd', protocol: 'TCP' },
                    { containerPort: 9100, name: 'dist', protocol: 'TCP' },
                  ],
                  resources: { limits: { memory: '512Mi' }, requests: { cpu: '250m', memory: '512Mi' } },
                  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
                },
              ],
              enableServiceLinks: false,
              securityContext: { fsGroup: 10001, fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' } },
              terminationGracePeriodSeconds: 60,
              topologySpreadConstraints: [ZONE, HOST],
            },
          },
        },
      },
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: meta(),
        spec: { maxUnavailable: 1, selector, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: meta(),
        spec: { ingress: [ERLANG_INGRESS], podSelector: selector, policyTypes: ['Ingress'] },
      },
    ]);
  });

  test('exposes its resolved names and settings through getters', () => {
    const { c } = make();
    expect([c.name, c.basename, c.namespace, c.replicas, c.clusterDomain, c.distPort, c.epmdless, c.headlessServiceName]).toEqual([
      'app-sfs',
      'app',
      'default',
      3,
      'cluster.local',
      9100,
      false,
      'app-hl',
    ]);
    expect(c.cookie).toBe(cookie);
    const epmdless = make({ basename: 'b', name: 'b-set', replicas: 1, distribution: { epmdless: true, port: 9200 } }).c;
    expect([epmdless.name, epmdless.basename, epmdless.replicas, epmdless.distPort, epmdless.epmdless]).toEqual(['b-set', 'b', 1, 9200, true]);
  });
});

describe('the builders', () => {
  test('update strategy and minReady: rendered as the StatefulSet fields, absent when not given', () => {
    const spec = (props: Partial<ErlangStatefulClusterProps>) => {
      const s = make(props).of('StatefulSet')[0].spec;
      return [s.updateStrategy, s.minReadySeconds];
    };
    expect(spec({})).toEqual([undefined, undefined]);
    expect(spec({ strategy: ClusterUpdateStrategy.rollingUpdate({ partition: 2 }), minReady: Duration.seconds(10) })).toEqual([
      { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
      10,
    ]);
    expect(spec({ strategy: ClusterUpdateStrategy.rollingUpdate(), minReady: Duration.minutes(0) })).toEqual([
      { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      0,
    ]);
    // A partition above the replicas is legal: the controller then updates no pod (a staged update).
    expect(spec({ strategy: ClusterUpdateStrategy.rollingUpdate({ partition: 7 }) })[0]).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { partition: 7 },
    });
    expect(spec({ strategy: ClusterUpdateStrategy.onDelete() })[0]).toEqual({ type: 'OnDelete' });
    expect(ClusterUpdateStrategy.isClusterUpdateStrategy(ClusterUpdateStrategy.onDelete())).toBe(true);
    expect(ClusterUpdateStrategy.isClusterUpdateStrategy({ type: 'OnDelete' })).toBe(false);
  });

  test('rollingUpdate options that are no object (JavaScript) are refused naming their type', () => {
    expect(configErrorOf(() => ClusterUpdateStrategy.rollingUpdate(null as never)).message).toBe(
      'ClusterUpdateStrategy.rollingUpdate: invalid props null: must be an object (ClusterRollingUpdateOptions)',
    );
    expect(configErrorOf(() => ClusterUpdateStrategy.rollingUpdate(2 as never)).message).toBe(
      'ClusterUpdateStrategy.rollingUpdate: invalid props 2: must be an object (ClusterRollingUpdateOptions)',
    );
  });

  test('Kubernetes API discovery: a ServiceAccount, a Role and a RoleBinding named after the set, and the token mounted', () => {
    const { of } = make({ discovery: ClusterDiscovery.kubernetesApi() });
    const account = 'app-sfs-discovery';
    expect([...of('ServiceAccount'), ...of('Role'), ...of('RoleBinding')]).toEqual([
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(account), automountServiceAccountToken: true },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: meta(account),
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: meta(account),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: account },
        subjects: [{ kind: 'ServiceAccount', name: account, namespace: 'default' }],
      },
    ]);
    const pod = of('StatefulSet')[0].spec.template.spec;
    expect([pod.serviceAccountName, pod.automountServiceAccountToken]).toEqual([account, true]);
  });

  test('app ports, metrics and egress: one ingress rule each, and Egress among the policy types', () => {
    const { of } = make({
      appPorts: [
        { name: 'http', port: 8080 },
        { name: 'grpc', port: 9090 },
      ],
      metrics: { port: 9568 },
      egress: {},
    });
    const dns = {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
      podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    };
    expect(of('NetworkPolicy')[0].spec).toEqual({
      egress: [
        { ports: [{ port: 53, protocol: 'UDP' }, tcp(53)], to: [dns] },
        { ports: [tcp(4369), tcp(9100)], to: [{ podSelector: selector }] },
      ],
      ingress: [
        ERLANG_INGRESS,
        { ports: [tcp(8080), tcp(9090)] },
        { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [tcp(9568)] },
      ],
      podSelector: selector,
      policyTypes: ['Ingress', 'Egress'],
    });
  });

  test('networkPolicy: false makes none', () => {
    const { c, of } = make({ networkPolicy: false });
    expect([c.networkPolicy, of('NetworkPolicy')]).toEqual([undefined, []]);
  });

  test('the PodMonitor is labelled with the selector labels, or with podMonitor.labels instead', () => {
    const monitor = (labels?: Record<string, string>) =>
      make({ metrics: { podMonitor: labels ? { labels } : {} } }).of('PodMonitor')[0] as { metadata: unknown; spec: unknown };
    const spec = { selector, podMetricsEndpoints: [{ port: 'metrics', path: '/metrics' }] };
    expect(monitor()).toEqual({ apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', metadata: meta(), spec });
    expect(monitor({ release: 'prom' })).toEqual({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: 'app-sfs', namespace: 'default', labels: { release: 'prom' } },
      spec,
    });
  });

  test("the pod template: annotations, labels, nodeSelector, imagePullSecrets and the storage's mount and claim", () => {
    const { of } = make({
      podMetadata: { annotations: { 'a.example/x': '1' }, labels: { tier: 'web' } },
      nodeSelector: { disk: 'ssd' },
      imagePullSecrets: ['regcred', 'other'],
      containerName: 'node',
      storage: { mountPath: '/data' },
    });
    const set = of('StatefulSet')[0].spec;
    const pod = set.template;
    expect(pod.metadata).toEqual({ annotations: { 'a.example/x': '1' }, labels: { app: 'app', tier: 'web' } });
    expect([pod.spec.nodeSelector, pod.spec.imagePullSecrets, pod.spec.volumes]).toEqual([
      { disk: 'ssd' },
      [{ name: 'regcred' }, { name: 'other' }],
      undefined,
    ]);
    const container = pod.spec.containers[0];
    expect([container.name, container.volumeMounts]).toEqual(['node', [{ mountPath: '/data', name: 'app-volume' }]]);
    // The app learns where its data volume is (mnesia's dir).
    expect(container.env.filter((e: { name: string }) => e.name === 'ERLANG_DATA_DIR')).toEqual([{ name: 'ERLANG_DATA_DIR', value: '/data' }]);
    expect([set.persistentVolumeClaimRetentionPolicy, set.volumeClaimTemplates]).toEqual([
      { whenDeleted: 'Retain', whenScaled: 'Retain' },
      [{ metadata: { name: 'app-volume' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    ]);
  });

  test("the hardened profile's /tmp volume and mount", () => {
    const pod = make({ securityProfile: SecurityProfile.HARDENED, cookieDelivery: CookieDelivery.ENV }).of('StatefulSet')[0].spec.template.spec;
    expect([pod.volumes, pod.containers[0].volumeMounts]).toEqual([[{ name: 'tmp', emptyDir: {} }], [{ name: 'tmp', mountPath: '/tmp' }]]);
  });

  test.each([
    [PodSpread.SOFT, undefined, [ZONE, HOST]],
    [
      PodSpread.HARD,
      { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: selector, topologyKey: 'kubernetes.io/hostname' }] } },
      [ZONE],
    ],
    [PodSpread.NONE, undefined, undefined],
  ])('spread %s: the anti-affinity and the preferred spreads', (spread, affinity, constraints) => {
    const pod = make({ spread }).of('StatefulSet')[0].spec.template.spec;
    expect([pod.affinity, pod.topologySpreadConstraints]).toEqual([affinity, constraints]);
  });
});

describe('the app-wide claims and index entries', () => {
  test('a second StatefulSet name, or a second basename, in the namespace is refused, naming the holder', () => {
    const chart = new Chart(Testing.app(), 'test');
    new ErlangStatefulCluster(chart, 'a', BASE);
    expect(configErrorOf(() => new ErlangStatefulCluster(chart, 'b', { ...BASE, basename: 'other', name: 'app-sfs' })).message).toBe(
      'test/b: invalid name "app-sfs": is already used by test/a; StatefulSet names must be unique in namespace default',
    );
    expect(configErrorOf(() => new ErlangStatefulCluster(chart, 'c', { ...BASE, name: 'app-2' })).message).toBe(
      `test/c: invalid basename "app": is already used by test/a; the basename is the pods' app label, which must select one cluster only in namespace default`,
    );
    // Another namespace is another space for both.
    expect(new ErlangStatefulCluster(chart, 'd', { ...BASE, namespace: 'other' }).name).toBe('app-sfs');
  });

  test('a Service that selects the pods by a podMetadata label and targets the distribution port is refused at synth', () => {
    const chart = new Chart(Testing.app(), 'test');
    new ErlangStatefulCluster(chart, 'c', { ...BASE, podMetadata: { labels: { tier: 'web' } } });
    new LoadBalancedService(chart, 'svc', { name: 'web', selector: { tier: 'web' }, ports: [{ name: 'dist', port: 9100 }] });
    expect(() => Testing.synth(chart)).toThrow(
      'test/svc: invalid ports[0].targetPort 9100: reaches the epmd or distribution port of test/c; set allowDistributionPorts: true only if this Service must carry distribution',
    );
  });
});

describe('addPeer and addServiceDomain', () => {
  test('addPeer refuses a non-cluster, the cluster itself, and a cluster of another App', () => {
    const { chart, c } = make();
    expect(configErrorOf(() => c.addPeer({} as ErlangStatefulCluster)).message).toBe(
      'test/c: invalid peer "[object Object]": must be an ErlangStatefulCluster',
    );
    expect(configErrorOf(() => c.addPeer(c)).message).toBe('test/c: invalid peer "test/c": must be another cluster, not this one');
    const elsewhere = new ErlangStatefulCluster(new Chart(new App(), 'other'), 'p', { ...BASE, basename: 'p' });
    expect(configErrorOf(() => c.addPeer(elsewhere)).message).toBe(
      'test/c: invalid peer "other/p": belongs to another cdk8s App; peers must be synthesized together so that both sides admit each other',
    );
    const peer = new ErlangStatefulCluster(chart, 'p', { ...BASE, basename: 'p' });
    c.addPeer(peer);
    expect([c.peerClusters, peer.peerClusters]).toEqual([[peer], [c]]);
  });

  test("addServiceDomain refuses a name the container's env already has: the profile's, envVariables', an earlier service domain's", () => {
    const { c } = make({ securityProfile: SecurityProfile.HARDENED, envVariables: { MY_VAR: EnvValue.fromValue('x') } });
    c.addServiceDomain('A_SERVICE_DOMAIN', 'web', 'default');
    for (const name of ['RELX_OUT_FILE_PATH', 'MY_VAR', 'A_SERVICE_DOMAIN']) {
      expect(configErrorOf(() => c.addServiceDomain(name, 'web', 'default')).message).toBe(
        `test/c: invalid serviceDomain envName "${name}": is already defined in this container; choose another name`,
      );
    }
  });
});
