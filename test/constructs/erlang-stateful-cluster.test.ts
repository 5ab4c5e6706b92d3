import { ApiObject, Chart, Duration, Testing, Size } from 'cdk8s';
import { Capability, Cpu, EnvValue, ImagePullPolicy } from 'cdk8s-plus-28';
import * as k8s from '../../imports/k8s';
import {
  ClusterDiscovery,
  CookieDelivery,
  DiscoveryResource,
  LeaveHook,
  DistPortPin,
  ErlangCookie,
  ErlangProbes,
  ErlangStatefulCluster,
  ErlangStatefulClusterProps,
  HeadlessService,
  LoadBalancedService,
  LocalStorageClass,
  PodSpread,
  ResourcesPreset,
  Schedulers,
  SecurityProfile,
  ErlangRelease,
  UnhealthyPodEvictionPolicy,
} from 'cdk8s-erlang-cluster';
import { sslDistOptfile } from '../../lib/erlang/distribution';
import { ServiceType } from 'cdk8s-plus-28';
import { KubeObject } from '../../lib/validation/manifests';
import { formatReport, validateManifests } from '../../lib/validation/validate';
import { find, newChart } from '../helpers';
import { cookie } from '../fixtures/constructs';

/** Synthesizes one cluster named `app` with `props`; checks the result is valid. */
function synthCluster(props: Partial<ErlangStatefulClusterProps> = {}): { objects: KubeObject[]; sts: any; container: any; env: Record<string, any> } {
  const chart = newChart();
  new ErlangStatefulCluster(chart, 'App', { basename: 'app', release: ErlangRelease.relx(), image: 'app:1.0', cookie, ...props });
  const objects = Testing.synth(chart) as KubeObject[];
  expect(formatReport(validateManifests(objects))).toBe('');
  const sts = find(objects, 'StatefulSet', 'app-sfs');
  const container = sts.spec.template.spec.containers[0];
  const env = Object.fromEntries(container.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
  return { objects, sts, container, env };
}

describe('ErlangStatefulCluster defaults', () => {
  const { objects, sts, container, env } = synthCluster();

  test('the raw StatefulSet is the default child', () => {
    const chart = newChart();
    const cluster = new ErlangStatefulCluster(chart, 'App', { basename: 'app', release: ErlangRelease.relx(), image: 'app:1.0', cookie });
    expect(cluster.node.defaultChild).toBe(cluster.resource);
    expect(ApiObject.of(cluster.node.defaultChild!).kind).toBe('StatefulSet');
    expect(cluster.headlessService.node.defaultChild).toBe(cluster.headlessService.resource);
  });

  test('3 replicas, Parallel, 60 s grace, soft spread over zones and nodes', () => {
    expect(sts.spec.replicas).toBe(3);
    expect(sts.spec.podManagementPolicy).toBe('Parallel');
    expect(sts.spec.template.spec.terminationGracePeriodSeconds).toBe(60);
    expect(sts.spec.template.spec.affinity).toBeUndefined();
    const spread = (topologyKey: string) => ({ maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'app' } } });
    expect(sts.spec.template.spec.topologySpreadConstraints).toEqual([spread('topology.kubernetes.io/zone'), spread('kubernetes.io/hostname')]);
    expect(container.lifecycle).toBeUndefined();
  });

  test('a PodDisruptionBudget with maxUnavailable 1 selecting the pods, evicting unhealthy members always', () => {
    expect(find(objects, 'PodDisruptionBudget', 'app-sfs').spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { app: 'app' } },
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    });
  });

  test('SMALL resources (memory limit = request, no CPU limit), one scheduler, no service links, pinned tag pulled IfNotPresent', () => {
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '512Mi' } });
    expect(env.ERL_AFLAGS).toBe('-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100 +S 1:1');
    expect(sts.spec.template.spec.enableServiceLinks).toBe(false);
    expect(container.image).toBe('app:1.0');
    expect(container.imagePullPolicy).toBe('IfNotPresent');
  });

  test('root-compatible: every capability dropped, no privilege escalation, RuntimeDefault seccomp, volumes writable by group 10001', () => {
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(sts.spec.template.spec.securityContext).toEqual({
      fsGroup: 10001,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('a NetworkPolicy admitting epmd and dist from its own pods only, without app ports', () => {
    expect(find(objects, 'NetworkPolicy', 'app-sfs').spec).toEqual({
      podSelector: { matchLabels: { app: 'app' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ podSelector: { matchLabels: { app: 'app' } } }],
          ports: [
            { protocol: 'TCP', port: 4369 },
            { protocol: 'TCP', port: 9100 },
          ],
        },
      ],
    });
  });

  test('DNSSRV discovery: its env, a named headless port for SRV records, and no RBAC', () => {
    expect(env.ERLANG_CLUSTER_DISCOVERY).toBe('dnssrv');
    expect(env.ERLANG_NODE_BASENAME).toBe('app');
    expect(env.ERLANG_CLUSTER_SERVICE).toBe('app-hl');
    expect(env.ERLANG_CLUSTER_DOMAIN).toBe('cluster.local');
    expect(env.ERLANG_CLUSTER_SELECTOR).toBeUndefined();
    expect(find(objects, 'Service', 'app-hl').spec.ports.map((p: any) => p.name)).toEqual(['epmd', 'dist']);
    expect(objects.filter((o) => ['ServiceAccount', 'Role', 'RoleBinding'].includes(String(o.kind)))).toEqual([]);
    expect(sts.spec.template.spec.automountServiceAccountToken).toBe(false);
  });

  test('no probes without app ports, no storage, no retention policy', () => {
    expect(container.readinessProbe).toBeUndefined();
    expect(container.livenessProbe).toBeUndefined();
    expect(sts.spec.volumeClaimTemplates).toBeUndefined();
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toBeUndefined();
  });
});

describe('ErlangStatefulCluster options', () => {
  test('opt-outs: no PDB, no NetworkPolicy, no spread', () => {
    const { objects, sts } = synthCluster({ maxUnavailable: 0, networkPolicy: false, spread: PodSpread.NONE });
    expect(objects.map((o) => o.kind).sort()).toEqual(['Service', 'StatefulSet']);
    expect(sts.spec.template.spec.affinity).toBeUndefined();
    expect(sts.spec.template.spec.topologySpreadConstraints).toBeUndefined();
  });

  test('hard spread, a preStop hook and a longer grace period', () => {
    const { sts, container } = synthCluster({
      spread: PodSpread.HARD,
      leaveHook: LeaveHook.command(['bin/app', 'stop']),
      terminationGracePeriod: Duration.seconds(120),
      maxUnavailable: 2,
    });
    expect(sts.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
      { labelSelector: { matchLabels: { app: 'app' } }, topologyKey: 'kubernetes.io/hostname' },
    ]);
    // Hard keeps its meaning on nodes; zones stay a preference.
    expect(sts.spec.template.spec.topologySpreadConstraints).toEqual([
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'app' } } },
    ]);
    expect(container.lifecycle).toEqual({ preStop: { exec: { command: ['timeout', '20', 'bin/app', 'stop'] } } });
    expect(sts.spec.template.spec.terminationGracePeriodSeconds).toBe(120);
  });

  test("a leave hook: the release kind's remote command, bounded by its timeout", () => {
    const hook = LeaveHook.releaseCommand('bin/app', 'App.leave()', { timeout: Duration.seconds(15), stopTime: Duration.seconds(5) });
    const preStop = (release: ErlangRelease) => synthCluster({ release, leaveHook: hook }).container.lifecycle.preStop.exec.command;
    expect(preStop(ErlangRelease.mix())).toEqual(['timeout', '15', 'bin/app', 'rpc', 'App.leave()']);
    expect(preStop(ErlangRelease.relx())).toEqual(['timeout', '15', 'bin/app', 'eval', 'App.leave()']);
    // The grace period covers the hook and the VM's stop: 20 s is just enough.
    expect(synthCluster({ leaveHook: hook, terminationGracePeriod: Duration.seconds(20) }).sts.spec.template.spec.terminationGracePeriodSeconds).toBe(20);
  });

  test('a TCP readiness probe on the first app port by default; HTTP probes with generous liveness', () => {
    expect(synthCluster({ appPorts: [{ name: 'http', port: 4000 }] }).container.readinessProbe).toEqual({
      tcpSocket: { port: 'http' },
      periodSeconds: 10,
      timeoutSeconds: 5,
      failureThreshold: 3,
    });
    const { container } = synthCluster({
      appPorts: [{ name: 'http', port: 4000 }],
      probes: ErlangProbes.httpGet('/health', k8s.IntOrString.fromString('http')),
    });
    expect(container.livenessProbe).toEqual({ httpGet: { path: '/health', port: 'http' }, periodSeconds: 30, timeoutSeconds: 20, failureThreshold: 6 });
    expect(container.startupProbe).toEqual({ httpGet: { path: '/health', port: 'http' }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 30 });
    expect(synthCluster({ appPorts: [{ name: 'http', port: 4000 }], probes: ErlangProbes.none() }).container.readinessProbe).toBeUndefined();
  });

  test('the hardened profile: non-root, fsGroup, read-only root, /tmp emptyDir, RELX_OUT_FILE_PATH', () => {
    const { sts, container, env } = synthCluster({ securityProfile: SecurityProfile.HARDENED, cookieDelivery: CookieDelivery.ENV });
    expect(sts.spec.template.spec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(sts.spec.template.spec.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
    expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(env.RELX_OUT_FILE_PATH).toBe('/tmp');
    expect(env.RELEASE_TMP).toBe('/tmp');
  });

  describe('the cookie as a file', () => {
    const copy = 'umask 077 && rm -f /var/run/erlang-home/.erlang.cookie && cat /var/run/secrets/erlang-cookie/cookie > /var/run/erlang-home/.erlang.cookie';

    test.each([
      ['hardened (its default)', { securityProfile: SecurityProfile.HARDENED }],
      ['root-compatible, opted in', { cookieDelivery: CookieDelivery.FILE }],
      ['root-compatible, by value (JavaScript, YAML)', { cookieDelivery: 'file' as unknown as CookieDelivery }],
    ])('%s: no env carries the cookie; a copy step writes an owner-only $HOME/.erlang.cookie', (_, props) => {
      const { sts, container, env } = synthCluster({ ...props, cookie: ErlangCookie.fromSecretName('c', 'k') });
      const pod = sts.spec.template.spec;
      expect(JSON.stringify(container.env)).not.toMatch(/secretKeyRef|COOKIE/);
      expect(env.HOME).toBe('/var/run/erlang-home');
      expect(pod.volumes).toEqual(
        expect.arrayContaining([
          { name: 'erlang-cookie-secret', secret: { secretName: 'c', items: [{ key: 'k', path: 'cookie' }], defaultMode: 0o400 } },
          { name: 'erlang-home', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } },
        ]),
      );
      expect(container.volumeMounts).toContainEqual({ name: 'erlang-home', mountPath: '/var/run/erlang-home', readOnly: true });
      expect(pod.initContainers).toEqual([
        {
          name: 'erlang-cookie',
          image: 'app:1.0',
          imagePullPolicy: container.imagePullPolicy,
          command: ['sh', '-c', copy],
          volumeMounts: [
            { name: 'erlang-cookie-secret', mountPath: '/var/run/secrets/erlang-cookie', readOnly: true },
            { name: 'erlang-home', mountPath: '/var/run/erlang-home' },
          ],
          resources: container.resources,
          securityContext: container.securityContext,
        },
      ]);
    });

    test('the copy step runs before the user init containers', () => {
      const init = { name: 'migrate', image: 'app:1.0', command: ['true'] };
      const { sts } = synthCluster({ cookieDelivery: CookieDelivery.FILE, initContainers: [init] });
      expect(sts.spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['erlang-cookie', 'migrate']);
    });

    test('the release lines: relx drops -setcookie, mix adds an empty second one to vm.args and remote.vm.args and an empty build-time cookie', () => {
      const lines = (release: ErlangRelease, cookieDelivery: CookieDelivery) =>
        new ErlangStatefulCluster(newChart(), 'App', { basename: 'app', release, image: 'app:1.0', cookie, cookieDelivery }).releaseConfiguration.map(
          (l) => `${l.path}: ${l.line}`,
        );
      expect(lines(ErlangRelease.relx(), CookieDelivery.FILE)).toEqual([`config/vm.args.src: -name \${RELEASE_NODE}`]);
      expect(lines(ErlangRelease.relx(), CookieDelivery.ENV)).toContain(`config/vm.args.src: -setcookie \${RELX_COOKIE}`);
      expect(lines(ErlangRelease.mix(), CookieDelivery.FILE)).toEqual([
        'rel/vm.args.eex: -kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100',
        'rel/vm.args.eex: -setcookie',
        'rel/remote.vm.args.eex: -setcookie',
        'mix.exs: cookie: ""',
      ]);
      expect(lines(ErlangRelease.mix(), CookieDelivery.ENV)).not.toContain('rel/vm.args.eex: -setcookie');
      expect(lines(ErlangRelease.mix(), CookieDelivery.ENV)).not.toContain('mix.exs: cookie: ""');
    });

    test('root-compatible keeps the env by default', () => {
      const { env, sts } = synthCluster();
      expect(env.RELEASE_COOKIE).toEqual({ secretKeyRef: { name: 'app-cookie', key: 'cookie' } });
      expect(sts.spec.template.spec.initContainers).toBeUndefined();
    });
  });

  test('epmd-less: ERL_DIST_PORT, no epmd port anywhere, no port pin in ERL_AFLAGS', () => {
    const { objects, container, env } = synthCluster({ distribution: { epmdless: true, port: 9300 } });
    expect(env.ERL_DIST_PORT).toBe('9300');
    expect(env.ERL_AFLAGS).toBe('+S 1:1');
    expect(container.ports).toEqual([{ name: 'dist', containerPort: 9300, protocol: 'TCP' }]);
    expect(find(objects, 'Service', 'app-hl').spec.ports).toEqual([{ name: 'dist', port: 9300, protocol: 'TCP', targetPort: 'dist' }]);
    expect(find(objects, 'NetworkPolicy', 'app-sfs').spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 9300 }]);
  });

  test('the pin left to the release: the port is declared but not in ERL_AFLAGS', () => {
    const { container, env } = synthCluster({ distribution: { pin: DistPortPin.RELEASE } });
    expect(env.ERL_AFLAGS).toBe('+S 1:1');
    expect(synthCluster({ distribution: { pin: DistPortPin.RELEASE }, schedulers: Schedulers.vmDefault() }).env.ERL_AFLAGS).toBeUndefined();
    expect(env.ERLANG_DIST_PORT).toBe('9100');
    expect(container.ports.map((p: any) => p.containerPort)).toEqual([4369, 9100]);
  });

  test('TLS distribution: flags, a generated optfile and the certificates mounted read-only', () => {
    const { objects, sts, container, env } = synthCluster({ distribution: { tls: { secretName: 'app-dist-tls' } } });
    expect(env.ERL_AFLAGS).toBe(
      '-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100 -proto_dist inet_tls -ssl_dist_optfile /etc/erlang-dist-tls/ssl_dist.conf +S 1:1',
    );
    expect(find(objects, 'ConfigMap', 'app-sfs-ssl-dist').data).toEqual({ 'ssl_dist.conf': sslDistOptfile('/etc/erlang-dist-tls') });
    expect(sts.spec.template.spec.volumes).toEqual([
      {
        name: 'erlang-dist-tls',
        projected: { sources: [{ secret: { name: 'app-dist-tls' } }, { configMap: { name: 'app-sfs-ssl-dist' } }] },
      },
    ]);
    expect(container.volumeMounts).toEqual([{ name: 'erlang-dist-tls', mountPath: '/etc/erlang-dist-tls', readOnly: true }]);
    expect(sslDistOptfile('/x')).toContain(
      '{server, [{certfile, "/x/tls.crt"}, {keyfile, "/x/tls.key"}, {cacertfile, "/x/ca.crt"}, {verify, verify_peer}, {fail_if_no_peer_cert, true}',
    );
  });

  test('the hardened profile with its own UID and GID: fsGroup follows the GID', () => {
    const { sts } = synthCluster({ securityProfile: SecurityProfile.HARDENED, runAsUser: 20000, runAsGroup: 20001 });
    expect(sts.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 20000, runAsGroup: 20001, fsGroup: 20001 });
  });

  test('root-compatible with capabilities added back for a user-switching entrypoint', () => {
    const { container } = synthCluster({ addCapabilities: [Capability.SETUID, Capability.SETGID] });
    expect(container.securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['SETUID', 'SETGID'] });
  });

  test.each([
    [ResourcesPreset.MEDIUM, { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '2Gi' } }, '+S 1:1'],
    [ResourcesPreset.LARGE, { requests: { cpu: '2', memory: '4Gi' }, limits: { memory: '4Gi' } }, '+S 2:2'],
    [ResourcesPreset.NONE, undefined, undefined],
  ])('resources preset %s and the schedulers it implies', (resourcesPreset, resources, flags) => {
    const { container, env } = synthCluster({ resourcesPreset, distribution: { pin: DistPortPin.RELEASE } });
    expect(container.resources).toEqual(resources);
    expect(env.ERL_AFLAGS).toBe(flags);
  });

  test('schedulers: from a CPU limit before the request, rounded up; fixed; with dirty I/O schedulers', () => {
    const pin = { pin: DistPortPin.RELEASE };
    expect(synthCluster({ distribution: pin, resources: { cpu: { request: Cpu.millis(500), limit: Cpu.millis(2500) } } }).env.ERL_AFLAGS).toBe('+S 3:3');
    expect(synthCluster({ distribution: pin, resources: { memory: { request: Size.gibibytes(1) } } }).env.ERL_AFLAGS).toBeUndefined();
    expect(synthCluster({ distribution: pin, schedulers: Schedulers.fixed(4, { dirtyIo: 8 }) }).env.ERL_AFLAGS).toBe('+S 4:4 +SDio 8');
    expect(synthCluster({ distribution: pin, schedulers: Schedulers.fromCpu({ dirtyIo: 2 }) }).env.ERL_AFLAGS).toBe('+S 1:1 +SDio 2');
  });

  test('a digest pins the image; an image on :latest or without a tag warns on stderr, naming the cluster, and pulls Always', () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    const warnings: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
      warnings.push(String(chunk));
      return true;
    });
    try {
      const pinned = synthCluster({ image: 'registry:5000/app:latest', imageDigest: digest }).container;
      expect(pinned.image).toBe(`registry:5000/app:latest@${digest}`);
      expect(pinned.imagePullPolicy).toBe('IfNotPresent');
      expect(warnings).toEqual([]);
      expect(synthCluster({ image: 'registry:5000/app' }).container.imagePullPolicy).toBe('Always');
      expect(synthCluster({ image: 'app:latest', imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT }).container.imagePullPolicy).toBe('IfNotPresent');
    } finally {
      spy.mockRestore();
    }
    expect(warnings).toEqual([
      "warning: test/App: image 'registry:5000/app' has no tag (so :latest): pods may run different builds; pin a version tag or imageDigest\n",
      "warning: test/App: image 'app:latest' uses :latest: pods may run different builds; pin a version tag or imageDigest\n",
    ]);
  });

  test('opt-outs of the pod defaults: service links, unhealthy-pod eviction', () => {
    const { objects, sts } = synthCluster({ enableServiceLinks: true, unhealthyPodEvictionPolicy: UnhealthyPodEvictionPolicy.IF_HEALTHY_BUDGET });
    expect(sts.spec.template.spec.enableServiceLinks).toBe(true);
    expect(find(objects, 'PodDisruptionBudget', 'app-sfs').spec.unhealthyPodEvictionPolicy).toBe('IfHealthyBudget');
  });

  test('Kubernetes API discovery on endpoints gets a Role for endpoints and the selector env', () => {
    const { objects, env } = synthCluster({ discovery: ClusterDiscovery.kubernetesApi({ resource: DiscoveryResource.ENDPOINTS }) });
    expect(find(objects, 'Role', 'app-sfs-discovery').rules).toEqual([{ apiGroups: [''], resources: ['endpoints'], verbs: ['get', 'list', 'watch'] }]);
    expect(env.ERLANG_CLUSTER_DISCOVERY).toBe('kubernetes');
    expect(env.ERLANG_CLUSTER_SELECTOR).toBe('app=app');
    expect(find(objects, 'ServiceAccount', 'app-sfs-discovery').automountServiceAccountToken).toBe(true);
  });

  test('no discovery wiring at all', () => {
    const { env } = synthCluster({ discovery: ClusterDiscovery.none() });
    expect(Object.keys(env).filter((n) => n.startsWith('ERLANG_CLUSTER_'))).toEqual([]);
  });

  test('pass-through props: resources, pull secrets, extra env and volumes, placement, labels', () => {
    const { sts, container } = synthCluster({
      resources: { memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) } },
      imagePullSecrets: ['regcred'],
      imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
      envVariables: { LOG_LEVEL: EnvValue.fromValue('debug'), NODE_URL: EnvValue.fromValue('http://$(ERLANG_HOST_NAME):4000') },
      extraVolumes: [{ name: 'config', configMap: { name: 'app-config' } }],
      extraVolumeMounts: [{ name: 'config', mountPath: '/etc/app' }],
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'beam', effect: 'NoSchedule' }],
      podMetadata: { labels: { team: 'core' } },
    });
    const pod = sts.spec.template.spec;
    // Full control replaces the preset: no CPU request, so no scheduler flag either.
    expect(container.resources).toEqual({ requests: { memory: '512Mi' }, limits: { memory: '1Gi' } });
    expect(pod.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(container.imagePullPolicy).toBe('IfNotPresent');
    expect(container.env.slice(-2)).toEqual([
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'NODE_URL', value: 'http://$(ERLANG_HOST_NAME):4000' },
    ]);
    expect(pod.volumes).toEqual([{ name: 'config', configMap: { name: 'app-config' } }]);
    expect(container.volumeMounts).toEqual([{ name: 'config', mountPath: '/etc/app' }]);
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(pod.tolerations).toHaveLength(1);
    expect(sts.spec.template.metadata.labels).toEqual({ team: 'core', app: 'app' });
    expect(sts.spec.selector.matchLabels).toEqual({ app: 'app' });
  });

  test('storage defaults: 1Gi ReadWriteOnce on the default class, retained on scale-down and delete', () => {
    const { sts, container } = synthCluster({ storage: { mountPath: '/var/lib/app' } });
    expect(sts.spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'app-volume' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ]);
    expect(container.volumeMounts).toEqual([{ name: 'app-volume', mountPath: '/var/lib/app' }]);
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
  });

  test('peers: mesh is symmetric and idempotent, service domains are wired lazily', () => {
    const chart = newChart();
    const a = new ErlangStatefulCluster(chart, 'A', { basename: 'a', release: ErlangRelease.relx(), image: 'a:1', cookie });
    const b = new ErlangStatefulCluster(chart, 'B', {
      basename: 'b',
      release: ErlangRelease.relx(),
      image: 'b:1',
      cookie,
      appPorts: [{ name: 'http', port: 80 }],
    });
    const c = new ErlangStatefulCluster(chart, 'C', {
      basename: 'c',
      release: ErlangRelease.relx(),
      image: 'c:1',
      cookie: ErlangCookie.fromSecretName('other'),
    });
    ErlangStatefulCluster.mesh(a, b);
    a.addPeer(b);
    expect(a.peerClusters).toEqual([b]);
    expect(b.peerClusters).toEqual([a]);
    expect(c.peerClusters).toEqual([]);
    const svc = new LoadBalancedService(chart, 'BSvc', { name: 'b-svc', selector: b.selectorLabels, ports: [{ name: 'http', port: 80 }] });
    a.addServiceDomain('B_SERVICE_DOMAIN', svc.name, svc.namespace);
    const objects = Testing.synth(chart) as KubeObject[];
    expect(formatReport(validateManifests(objects))).toBe('');
    const env = find(objects, 'StatefulSet', 'a-sfs').spec.template.spec.containers[0].env;
    expect(env[env.length - 1]).toEqual({ name: 'B_SERVICE_DOMAIN', value: 'b-svc' });
    // c has another cookie: it is isolated, on purpose, and not admitted by a or b.
    const from = find(objects, 'NetworkPolicy', 'a-sfs').spec.ingress[0].from.map((p: any) => p.podSelector.matchLabels.app);
    expect(from).toEqual(['a', 'b']);
  });
});

describe('HeadlessService, LoadBalancedService and LocalStorageClass on their own', () => {
  test('HeadlessService: clusterIP None, publishNotReadyAddresses by default, named ports', () => {
    const chart = newChart({ namespace: 'ns1' });
    new HeadlessService(chart, 'Hl', { name: 'peers', selector: { app: 'x' }, ports: [{ name: 'epmd', port: 4369 }], publishNotReadyAddresses: false });
    const svc = Testing.synth(chart)[0];
    expect(svc).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'peers', namespace: 'ns1', labels: { app: 'x' } },
      spec: {
        clusterIP: 'None',
        publishNotReadyAddresses: false,
        selector: { app: 'x' },
        ports: [{ name: 'epmd', port: 4369, protocol: 'TCP', targetPort: 4369 }],
      },
    });
  });

  test('LoadBalancedService: ClusterIP by default, LoadBalancer with node ports', () => {
    const chart = newChart();
    new LoadBalancedService(chart, 'A', {
      name: 'a',
      selector: { app: 'x' },
      ports: [{ name: 'http', port: 80, targetPort: k8s.IntOrString.fromNumber(8080) }],
    });
    new LoadBalancedService(chart, 'B', {
      name: 'b',
      type: ServiceType.LOAD_BALANCER,
      selector: { app: 'x' },
      ports: [{ name: 'http', port: 80, nodePort: 31000 }],
    });
    const [a, b] = Testing.synth(chart) as any[];
    expect(a.spec).toEqual({ type: 'ClusterIP', selector: { app: 'x' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] });
    expect(b.spec.type).toBe('LoadBalancer');
    expect(b.spec.ports[0].nodePort).toBe(31000);
  });

  test('LocalStorageClass in a namespaced chart stays cluster-scoped, and so do its volumes', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'team' });
    const sc = new LocalStorageClass(chart, 'Sc', { name: 'fast-local' });
    sc.addVolume('V', { name: 'fast-0', nodeName: 'n1', path: '/mnt/fast0', size: Size.gibibytes(10) });
    const [scObj, pv] = Testing.synth(chart) as any[];
    expect(scObj.metadata).toEqual({ name: 'fast-local' });
    expect(pv.metadata).toEqual({ name: 'fast-0' });
    expect(pv.spec.capacity).toEqual({ storage: '10Gi' });
    expect(pv.spec.accessModes).toEqual(['ReadWriteOnce']);
  });
});
