/**
 * Production defaults and operator features: the pure helpers first, then a production chart
 * (HARDENED, a pinned digest, metrics with a PodMonitor, cert-manager TLS) and resources given
 * in full. Metrics and the Certificate are in cluster/observability.test.ts, egress in
 * cluster/mesh.test.ts; the constructs' defaults in erlang-stateful-cluster.test.ts and
 * ../charts/erlang-docker-chart.test.ts.
 */
import { Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { ErlangProbes, ErlangStatefulCluster, ResourcesPreset, SecurityProfile, ErlangRelease } from 'cdk8s-erlang-cluster';
import { IntOrString } from '../../imports/k8s';
import { schedulerFlags } from '../../lib/erlang/distribution';
import { KubeObject } from '../../lib/validation/manifests';
import { imageParts, quantityValue } from '../../lib/checks';
import { find, synthValid } from '../helpers';
import { cookie } from '../fixtures/constructs';

describe('helpers', () => {
  test('quantityValue reads Kubernetes quantities', () => {
    expect(quantityValue('250m')).toBe(0.25);
    expect(quantityValue('2')).toBe(2);
    expect(quantityValue('1.5')).toBe(1.5);
    expect(quantityValue('512Mi')).toBe(512 * 2 ** 20);
    expect(quantityValue('1G')).toBe(1e9);
    expect(quantityValue('1e3')).toBe(1000);
    expect(quantityValue('1Xi')).toBeNaN();
  });

  test('imageParts tells a tag from a registry port, and finds the digest', () => {
    expect(imageParts('localhost:5000/app')).toEqual({ name: 'localhost:5000/app', tag: undefined, digest: undefined });
    expect(imageParts('localhost:5000/app:1.2')).toEqual({ name: 'localhost:5000/app', tag: '1.2', digest: undefined });
    expect(imageParts('app:latest@sha256:abc')).toEqual({ name: 'app', tag: 'latest', digest: 'sha256:abc' });
    expect(imageParts('app@sha256:abc')).toEqual({ name: 'app', tag: undefined, digest: 'sha256:abc' });
  });

  test('scheduler flags', () => {
    expect(schedulerFlags({ online: 2 })).toBe('+S 2:2');
    expect(schedulerFlags({ dirtyIo: 4 })).toBe('+SDio 4');
    expect(schedulerFlags({ online: 1, dirtyIo: 4 })).toBe('+S 1:1 +SDio 4');
  });
});

describe('a production chart: HARDENED, a pinned digest, metrics with a PodMonitor, cert-manager TLS', () => {
  const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;
  let objects: KubeObject[] = [];
  beforeEach(() => (objects = build()));
  const build = () =>
    synthValid((chart) => {
      const common = {
        cookie,
        securityProfile: SecurityProfile.HARDENED,
        resourcesPreset: ResourcesPreset.MEDIUM,
        appPorts: [{ name: 'http', port: 4000 }],
        probes: ErlangProbes.httpGet('/health', IntOrString.fromString('http')),
        metrics: { podMonitor: { interval: Duration.seconds(30) } },
        distribution: { tls: { secretName: 'chat-dist-tls', issuer: { name: 'chat-ca', kind: 'ClusterIssuer' } } },
      };
      const chat = new ErlangStatefulCluster(chart, 'Chat', {
        ...common,
        basename: 'chat',
        release: ErlangRelease.relx(),
        image: 'registry.example.com/chat:1.4.2',
        imageDigest: digest,
        namespace: 'chat',
      });
      const presence = new ErlangStatefulCluster(chart, 'Presence', {
        ...common,
        basename: 'presence',
        release: ErlangRelease.relx(),
        image: `registry.example.com/presence@${digest}`,
        namespace: 'chat',
      });
      ErlangStatefulCluster.mesh(chat, presence);
    });

  test('passes strict validation and emits the PodMonitors and the Certificate', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`).sort()).toEqual([
      'Certificate/chat-dist-tls',
      'ConfigMap/chat-sfs-ssl-dist',
      'ConfigMap/presence-sfs-ssl-dist',
      'NetworkPolicy/chat-sfs',
      'NetworkPolicy/presence-sfs',
      'PodDisruptionBudget/chat-sfs',
      'PodDisruptionBudget/presence-sfs',
      'PodMonitor/chat-sfs',
      'PodMonitor/presence-sfs',
      'Service/chat-hl',
      'Service/presence-hl',
      'StatefulSet/chat-sfs',
      'StatefulSet/presence-sfs',
    ]);
    const sts = find(objects, 'StatefulSet', 'chat-sfs');
    const container = sts.spec.template.spec.containers[0];
    expect(container.image).toBe(`registry.example.com/chat:1.4.2@${digest}`);
    expect(container.imagePullPolicy).toBe('IfNotPresent');
    expect(sts.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001 });
    expect(find(objects, 'Certificate', 'chat-dist-tls').spec.dnsNames).toEqual(['*.chat-hl.chat.svc.cluster.local', '*.presence-hl.chat.svc.cluster.local']);
  });
});

describe('resources given in full', () => {
  test('cdk8s-plus Cpu and cdk8s Size values reach the manifest as the quantities they are written as', () => {
    const objects = synthValid(
      (chart) =>
        new ErlangStatefulCluster(chart, 'App', {
          basename: 'app',
          release: ErlangRelease.relx(),
          image: 'app:1.0',
          cookie,
          resources: {
            cpu: { request: Cpu.millis(500) },
            memory: { request: Size.gibibytes(1), limit: Size.gibibytes(1) },
            ephemeralStorage: { request: Size.gibibytes(2) },
          },
        }),
    );
    expect(find(objects, 'StatefulSet', 'app-sfs').spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: '500m', memory: '1Gi', 'ephemeral-storage': '2Gi' },
      limits: { memory: '1Gi' },
    });
  });
});
