import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_CONFIG } from '../../charts/config';
import { ErlangDockerChart } from '../../charts/erlang-docker-chart';
import { resolveEnv, unresolvedReferences } from '../../lib/kubernetes/kubelet-env';
import { declaredDistPort, KubeObject, selects } from '../../lib/validation/manifests';
import { formatReport, validateManifests } from '../../lib/validation/validate';
import { find } from '../helpers';

// GIVEN the seed's a/b system, synthesized with the committed defaults
const objects = Testing.synth(new ErlangDockerChart(Testing.app(), 'erlang-docker', { config: DEFAULT_CONFIG })) as KubeObject[];
const kindsAndNames = objects.map((o) => `${o.kind}/${o.metadata?.name}`);

/** The kubelet's view of pod `ordinal`'s env, with a test cookie. */
function podEnv(sts: any, ordinal: number): Map<string, string> {
  const container = sts.spec.template.spec.containers[0];
  return resolveEnv(container.env, (_, from) => {
    if (from.fieldRef?.fieldPath === 'metadata.name') return `${sts.metadata.name}-${ordinal}`;
    if (from.fieldRef?.fieldPath === 'metadata.namespace') return sts.metadata.namespace;
    if (from.fieldRef?.fieldPath === 'status.podIP') return `10.244.0.${ordinal + 10}`;
    if (from.secretKeyRef) return `cookie-from-${from.secretKeyRef.name}/${from.secretKeyRef.key}`;
    throw new Error(`unexpected valueFrom ${JSON.stringify(from)}`);
  });
}

describe('the seed chart (erlang-docker)', () => {
  test('matches the snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  // The exact list also says there is no Secret: the cookie is only referenced, never written to dist/.
  test('holds exactly the seed objects plus the PDBs and NetworkPolicies', () => {
    expect(kindsAndNames.sort()).toEqual([
      'NetworkPolicy/erlang-docker-a-sfs',
      'NetworkPolicy/erlang-docker-b-sfs',
      // The reference system's node-local volumes: two on each of worker1..worker3, one per claim.
      'PersistentVolume/erlang-docker-worker1-0',
      'PersistentVolume/erlang-docker-worker1-1',
      'PersistentVolume/erlang-docker-worker2-0',
      'PersistentVolume/erlang-docker-worker2-1',
      'PersistentVolume/erlang-docker-worker3-0',
      'PersistentVolume/erlang-docker-worker3-1',
      'PodDisruptionBudget/erlang-docker-a-sfs',
      'PodDisruptionBudget/erlang-docker-b-sfs',
      'Service/erlang-docker-a-hl',
      'Service/erlang-docker-a-svc',
      'Service/erlang-docker-b-hl',
      'Service/erlang-docker-b-svc',
      'StatefulSet/erlang-docker-a-sfs',
      'StatefulSet/erlang-docker-b-sfs',
      'StorageClass/local-storage',
    ]);
  });

  test('passes strict Kubernetes 1.28 schema validation and every cross-object check', () => {
    const report = validateManifests(objects);
    expect(formatReport(report)).toBe('');
  });

  test("the StorageClass is the seed's local no-provisioner class, retained", () => {
    const sc = find(objects, 'StorageClass', 'local-storage');
    expect(sc.apiVersion).toBe('storage.k8s.io/v1');
    expect(sc.provisioner).toBe('kubernetes.io/no-provisioner');
    expect(sc.volumeBindingMode).toBe('WaitForFirstConsumer');
    expect(sc.reclaimPolicy).toBe('Retain');
    expect(sc.metadata.namespace).toBeUndefined();
  });

  describe.each(['a', 'b'])('flavour %s', (f) => {
    const sts = find(objects, 'StatefulSet', `erlang-docker-${f}-sfs`);
    const container = sts.spec.template.spec.containers[0];
    const headless = find(objects, 'Service', `erlang-docker-${f}-hl`);

    test("StatefulSet keeps the seed's names, replicas, image and volume", () => {
      expect(sts.metadata.namespace).toBe('default');
      expect(sts.spec.replicas).toBe(3);
      expect(sts.spec.podManagementPolicy).toBe('Parallel');
      expect(container.name).toBe(`erlang-docker-${f}`);
      expect(container.image).toBe(`localhost:5000/erlang-docker-${f}:latest`);
      expect(container.volumeMounts).toEqual([{ name: `erlang-docker-${f}-volume`, mountPath: `/mnt/erlang-docker-${f}-volume` }]);
      expect(sts.spec.volumeClaimTemplates).toEqual([
        {
          metadata: { name: `erlang-docker-${f}-volume` },
          // The claims name the local class, so they bind with no default StorageClass in the cluster.
          spec: { accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'local-storage' },
        },
      ]);
      expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    });

    test('serviceName points at a headless Service that exists and selects the pods', () => {
      expect(sts.spec.serviceName).toBe(`erlang-docker-${f}-hl`);
      expect(headless.spec.clusterIP).toBe('None');
      expect(headless.spec.publishNotReadyAddresses).toBe(true);
      expect(headless.spec.selector).toEqual({ app: `erlang-docker-${f}` });
      expect(selects(headless.spec.selector, sts.spec.template.metadata.labels)).toBe(true);
      expect(sts.spec.selector.matchLabels).toEqual({ app: `erlang-docker-${f}` });
      expect(selects(sts.spec.selector.matchLabels, sts.spec.template.metadata.labels)).toBe(true);
    });

    test('the headless Service selects only its own flavour', () => {
      const other = find(objects, 'StatefulSet', `erlang-docker-${f === 'a' ? 'b' : 'a'}-sfs`);
      expect(selects(headless.spec.selector, other.spec.template.metadata.labels)).toBe(false);
    });

    test('every $(VAR) in the env is defined earlier in the list', () => {
      expect(unresolvedReferences(container.env)).toEqual([]);
      const names = container.env.map((e: any) => e.name);
      expect(names.slice(0, 6)).toEqual(['NAMESPACE', 'POD_NAME', 'LOCAL_IP', 'ERLANG_HOST_NAME', 'RELEASE_DISTRIBUTION', 'RELEASE_NODE']);
      expect(container.env[2]).toEqual({ name: 'LOCAL_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } });
    });

    test("pod-0's FQDN and RELEASE_NODE expand as the kubelet would", () => {
      const env = podEnv(sts, 0);
      const fqdn = `erlang-docker-${f}-sfs-0.erlang-docker-${f}-hl.default.svc.cluster.local`;
      expect(env.get('ERLANG_HOST_NAME')).toBe(fqdn);
      expect(env.get('RELEASE_NODE')).toBe(`erlang-docker-${f}@${fqdn}`);
      expect(env.get('RELEASE_DISTRIBUTION')).toBe('name');
      expect(env.get('RELEASE_COOKIE')).toBe('cookie-from-erlang-docker-cookie/cookie');
      expect(env.get('RELX_COOKIE')).toBe(env.get('RELEASE_COOKIE'));
      expect(env.get('A_SERVICE_DOMAIN')).toBe('erlang-docker-a-svc');
      expect(env.get('B_SERVICE_DOMAIN')).toBe('erlang-docker-b-svc');
      expect(podEnv(sts, 2).get('RELEASE_NODE')).toBe(`erlang-docker-${f}@erlang-docker-${f}-sfs-2.erlang-docker-${f}-hl.default.svc.cluster.local`);
    });

    test('the cookie comes from the shared Secret, never a literal', () => {
      expect(container.env.find((e: any) => e.name === 'RELEASE_COOKIE')).toEqual({
        name: 'RELEASE_COOKIE',
        valueFrom: { secretKeyRef: { name: 'erlang-docker-cookie', key: 'cookie' } },
      });
    });

    test('the dist port is pinned and declared on the container and the headless Service, next to epmd', () => {
      expect(container.env.find((e: any) => e.name === 'ERL_AFLAGS').value).toBe('-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100 +S 1:1');
      expect(declaredDistPort(container.env)).toBe(9100);
      expect(container.ports).toEqual([
        { name: 'epmd', containerPort: 4369, protocol: 'TCP' },
        { name: 'dist', containerPort: 9100, protocol: 'TCP' },
        { name: 'http', containerPort: 8080, protocol: 'TCP' },
        { name: 'ws', containerPort: 9090, protocol: 'TCP' },
      ]);
      expect(headless.spec.ports.slice(0, 2)).toEqual([
        { name: 'epmd', port: 4369, protocol: 'TCP', targetPort: 'epmd' },
        { name: 'dist', port: 9100, protocol: 'TCP', targetPort: 'dist' },
      ]);
    });

    test("starts the seed's root image: no runAsNonRoot, no read-only root, no TCP startup probe, no capabilities", () => {
      const pod = sts.spec.template.spec;
      // fsGroup does not restrict a root image; it makes the volume writable for a non-root one.
      expect(pod.securityContext).toEqual({ fsGroup: 10001, fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' } });
      expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(container.startupProbe.httpGet).toEqual({ path: '/ping', port: 'http' });
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.terminationGracePeriodSeconds).toBe(60);
    });

    test('production defaults: requests and a memory limit, no CPU limit, service links off, zone and host spread, explicit pull policy, probes', () => {
      const pod = sts.spec.template.spec;
      expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '512Mi' } });
      expect(pod.enableServiceLinks).toBe(false);
      expect(pod.topologySpreadConstraints.map((t: any) => [t.topologyKey, t.whenUnsatisfiable])).toEqual([
        ['topology.kubernetes.io/zone', 'ScheduleAnyway'],
        ['kubernetes.io/hostname', 'ScheduleAnyway'],
      ]);
      expect(pod.topologySpreadConstraints.every((t: any) => selects(t.labelSelector.matchLabels, sts.spec.template.metadata.labels))).toBe(true);
      // The seed's moving :latest tag (kept for parity) needs Always to pick up new builds.
      expect(container.imagePullPolicy).toBe('Always');
      expect(container.livenessProbe.httpGet).toEqual({ path: '/ping', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/ping', port: 'http' });
    });
  });

  test("a-svc is a NodePort with the seed's pinned node ports; b-svc is ClusterIP", () => {
    const a = find(objects, 'Service', 'erlang-docker-a-svc');
    const b = find(objects, 'Service', 'erlang-docker-b-svc');
    expect(a.spec.type).toBe('NodePort');
    expect(a.spec.ports).toEqual([
      { name: 'http', port: 8080, targetPort: 8080, nodePort: 30080, protocol: 'TCP' },
      { name: 'ws', port: 9090, targetPort: 9090, nodePort: 30090, protocol: 'TCP' },
    ]);
    expect(a.spec.selector).toEqual({ app: 'erlang-docker-a' });
    expect(b.spec.type).toBe('ClusterIP');
    expect(b.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }]);
    expect(b.spec.selector).toEqual({ app: 'erlang-docker-b' });
    expect(b.spec.ports.some((p: any) => p.nodePort !== undefined)).toBe(false);
  });

  test('both flavours share one cookie and admit each other on epmd and dist only', () => {
    for (const f of ['a', 'b']) {
      const np = find(objects, 'NetworkPolicy', `erlang-docker-${f}-sfs`);
      expect(np.spec.podSelector).toEqual({ matchLabels: { app: `erlang-docker-${f}` } });
      const [mesh, app] = np.spec.ingress;
      expect(mesh.from.map((p: any) => p.podSelector.matchLabels.app).sort()).toEqual(['erlang-docker-a', 'erlang-docker-b']);
      expect(mesh.ports).toEqual([
        { protocol: 'TCP', port: 4369 },
        { protocol: 'TCP', port: 9100 },
      ]);
      expect(app).toEqual({
        ports: [
          { protocol: 'TCP', port: 8080 },
          { protocol: 'TCP', port: 9090 },
        ],
      });
      const pdb = find(objects, 'PodDisruptionBudget', `erlang-docker-${f}-sfs`);
      expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: `erlang-docker-${f}` } }, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    }
  });

  test('dist/ is exactly what the chart synthesizes', () => {
    const file = path.join(__dirname, '..', '..', 'dist', 'erlang-docker.k8s.yaml');
    const committed = parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJSON());
    expect(committed).toEqual(objects);
  });
});
