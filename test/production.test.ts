/**
 * Issue 10: production defaults and operator features. The pure helpers first;
 * the constructs' output is in constructs.test.ts and erlang-docker-chart.test.ts.
 */
import { spawnSync } from 'child_process';
import { Chart, Testing } from 'cdk8s';
import { ErlangCookie, ErlangProbes, ErlangStatefulCluster, ResourcesPreset, SecurityProfile, sslDistOptfile, ErlangRelease } from 'cdk8s-erlang-cluster';
import { dnsNameMatches, schedulerFlags } from '../lib/erlang/distribution';
import { checkManifests, KubeObject } from '../lib/validation/manifests';
import { imageParts, quantityValue } from '../lib/checks';
import { formatReport, validateManifests } from '../lib/validation/validate';
import { find, newChart } from './helpers';

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

const cookie = ErlangCookie.fromSecret('app-cookie');

/** Synthesizes `build`'s chart and fails on any schema or cross-object violation. */
function synthValid(build: (chart: Chart) => void): KubeObject[] {
  const chart = newChart();
  build(chart);
  const objects = Testing.synth(chart) as KubeObject[];
  expect(formatReport(validateManifests(objects))).toBe('');
  return objects;
}

describe('metrics', () => {
  // Built in beforeEach, not at describe level: StrykerJS credits code run outside a test to no test.
  let objects: KubeObject[] = [];
  let sts: any;
  beforeEach(() => {
    objects = synthValid(
      (chart) =>
        new ErlangStatefulCluster(chart, 'App', {
          basename: 'app',
          release: ErlangRelease.relx(),
          image: 'app:1.0',
          cookie,
          appPorts: [{ name: 'http', port: 4000 }],
          metrics: { podMonitor: { interval: '30s', labels: { release: 'kube-prometheus-stack' } } },
        }),
    );
    sts = find(objects, 'StatefulSet', 'app-sfs');
  });

  test('a named container port 9568 and the same port on the headless Service', () => {
    expect(sts.spec.template.spec.containers[0].ports.at(-1)).toEqual({ name: 'metrics', containerPort: 9568, protocol: 'TCP' });
    expect(find(objects, 'Service', 'app-hl').spec.ports.at(-1)).toEqual({ name: 'metrics', port: 9568, protocol: 'TCP', targetPort: 'metrics' });
  });

  test('the NetworkPolicy admits the monitoring namespace on the metrics port only', () => {
    const np = find(objects, 'NetworkPolicy', 'app-sfs');
    expect(np.spec.ingress.at(-1)).toEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
      ports: [{ protocol: 'TCP', port: 9568 }],
    });
    expect(np.spec.ingress[0].ports.map((p: any) => p.port)).toEqual([4369, 9100]);
    expect(np.spec.ingress[1].ports.map((p: any) => p.port)).toEqual([4000]);
  });

  test('a PodMonitor on the named port and path, selecting exactly the pods', () => {
    expect(find(objects, 'PodMonitor', 'app-sfs')).toEqual({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: 'app-sfs', namespace: 'default', labels: { release: 'kube-prometheus-stack' } },
      spec: { selector: { matchLabels: { app: 'app' } }, podMetricsEndpoints: [{ port: 'metrics', path: '/metrics', interval: '30s' }] },
    });
  });

  test('scraper pods in the own namespace: a podSelector without namespaceSelector; a custom port and path', () => {
    const o = synthValid((chart) => {
      new ErlangStatefulCluster(chart, 'App', {
        basename: 'app',
        release: ErlangRelease.relx(),
        image: 'app:1.0',
        cookie,
        metrics: { port: 9100 + 1, path: '/_metrics', scrapers: { namespace: 'default', podLabels: { app: 'prom' } }, podMonitor: {} },
      });
      // The scraper is part of these manifests, so the peer check can see it.
      new ErlangStatefulCluster(chart, 'Prom', { basename: 'prom', release: ErlangRelease.relx(), image: 'prom:1.0', cookie });
    });
    expect(find(o, 'NetworkPolicy', 'app-sfs').spec.ingress.at(-1)).toEqual({
      from: [{ podSelector: { matchLabels: { app: 'prom' } } }],
      ports: [{ protocol: 'TCP', port: 9101 }],
    });
    expect(find(o, 'PodMonitor', 'app-sfs').spec.podMetricsEndpoints).toEqual([{ port: 'metrics', path: '/_metrics' }]);
  });

  test('the PodMonitor checks: its port must be declared, its selector must select', () => {
    const broken = objects.map((o) => (o.kind === 'PodMonitor' ? { ...o, spec: { ...(o as any).spec, podMetricsEndpoints: [{ port: 'prom' }] } } : o));
    expect(checkManifests(broken).map((v) => `${v.rule} ${v.message}`)).toEqual([
      'pod-monitor-port-declared endpoint port prom is not a container port name of StatefulSet/default/app-sfs; nothing is scraped there',
    ]);
    const none = objects.map((o) => (o.kind === 'PodMonitor' ? { ...o, spec: { ...(o as any).spec, selector: { matchLabels: { app: 'other' } } } } : o));
    expect(checkManifests(none).map((v) => v.rule)).toEqual(['selector-matches-pods']);
  });

  test('the strict schema covers the PodMonitor: an unknown field is an error', () => {
    const typo = objects.map((o) => (o.kind === 'PodMonitor' ? { ...o, spec: { ...(o as any).spec, podMetricEndpoints: [] } } : o));
    expect(validateManifests(typo).schema).toEqual([{ object: 'PodMonitor/default/app-sfs', path: '/spec', message: "unknown field 'podMetricEndpoints'" }]);
  });
});

describe('cert-manager Certificate for TLS distribution', () => {
  const issuer = { name: 'dist-ca' };
  /** a and b in namespace x sharing one Secret, c in namespace y; one mesh. */
  const build = (chart: Chart) => {
    const tls = (kind?: string) => ({ tls: { secretName: 'dist-tls', issuer: { ...issuer, kind } } });
    const a = new ErlangStatefulCluster(chart, 'A', {
      basename: 'a',
      release: ErlangRelease.relx(),
      image: 'a:1',
      cookie,
      namespace: 'x',
      distribution: tls(),
    });
    const b = new ErlangStatefulCluster(chart, 'B', {
      basename: 'b',
      release: ErlangRelease.relx(),
      image: 'b:1',
      cookie,
      namespace: 'x',
      replicas: 2,
      distribution: tls('Issuer'),
    });
    const c = new ErlangStatefulCluster(chart, 'C', {
      basename: 'c',
      release: ErlangRelease.relx(),
      image: 'c:1',
      cookie,
      namespace: 'y',
      replicas: 1,
      distribution: tls(),
    });
    ErlangStatefulCluster.mesh(a, b, c);
    return [a, b, c];
  };
  let clusters: ErlangStatefulCluster[] = [];
  let objects: KubeObject[] = [];
  let certs: any[] = [];
  beforeEach(() => {
    objects = synthValid((chart) => {
      clusters = build(chart);
    });
    certs = objects.filter((o) => o.kind === 'Certificate');
  });

  test('one Certificate per namespace of the mesh, named and writing the Secret the pods mount', () => {
    expect(certs.map((c) => `${c.apiVersion} ${c.metadata.namespace}/${c.metadata.name}`)).toEqual([
      'cert-manager.io/v1 x/dist-tls',
      'cert-manager.io/v1 y/dist-tls',
    ]);
    expect(certs[0].spec).toEqual({
      secretName: 'dist-tls',
      issuerRef: { name: 'dist-ca', kind: 'Issuer', group: 'cert-manager.io' },
      dnsNames: ['*.a-hl.x.svc.cluster.local', '*.b-hl.x.svc.cluster.local', '*.c-hl.y.svc.cluster.local'],
      usages: ['digital signature', 'key encipherment', 'server auth', 'client auth'],
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
    });
    expect(certs[1].spec.dnsNames).toEqual(certs[0].spec.dnsNames);
    for (const sts of objects.filter((o) => o.kind === 'StatefulSet') as any[]) {
      const secrets = sts.spec.template.spec.volumes.flatMap((v: any) => v.projected.sources.map((s: any) => s.secret?.name)).filter(Boolean);
      expect(secrets).toEqual(['dist-tls']);
    }
  });

  test("every pod FQDN of every peer matches one dnsName by the wildcard rule of the optfile's host check", () => {
    const fqdns = clusters.flatMap((c) => c.nodeNames.map((n) => n.split('@')[1]));
    expect(fqdns).toHaveLength(6);
    for (const cert of certs) {
      for (const host of fqdns) expect([host, cert.spec.dnsNames.some((n: string) => dnsNameMatches(n, host))]).toEqual([host, true]);
      // A node outside the mesh, or one label deeper, is not covered.
      expect(cert.spec.dnsNames.some((n: string) => dnsNameMatches(n, 'd-sfs-0.d-hl.x.svc.cluster.local'))).toBe(false);
      expect(cert.spec.dnsNames.some((n: string) => dnsNameMatches(n, 'evil.a-sfs-0.a-hl.x.svc.cluster.local'))).toBe(false);
    }
    expect(sslDistOptfile('/m')).toContain('{customize_hostname_check, [{match_fun, public_key:pkix_verify_hostname_match_fun(https)}]}');
  });

  const hasErl = spawnSync('erl', ['-version']).status === 0;
  (hasErl ? test : test.skip)("dnsNameMatches agrees with OTP's public_key:pkix_verify_hostname_match_fun(https)", () => {
    const pairs: [string, string][] = [
      ['*.a-hl.x.svc.cluster.local', 'a-sfs-0.a-hl.x.svc.cluster.local'],
      ['*.a-hl.x.svc.cluster.local', 'x.a-sfs-0.a-hl.x.svc.cluster.local'],
      ['*.A-HL.x.svc.Cluster.Local', 'a-sfs-0.a-hl.x.svc.cluster.local'],
      ['*.b-hl.x.svc.cluster.local', 'a-sfs-0.a-hl.x.svc.cluster.local'],
      ['*.a-hl.x.svc.cluster.local', 'a-hl.x.svc.cluster.local'],
      ['a-sfs-0.a-hl.x.svc.cluster.local', 'a-sfs-0.a-hl.x.svc.cluster.local'],
      ['a-sfs-1.a-hl.x.svc.cluster.local', 'a-sfs-0.a-hl.x.svc.cluster.local'],
    ];
    const terms = pairs.map(([p, h]) => `{"${p}", "${h}"}`).join(', ');
    const out = spawnSync(
      'erl',
      [
        '-noshell',
        '-eval',
        `F = public_key:pkix_verify_hostname_match_fun(https), io:format("~w", [[F({dns_id, H}, {dNSName, P}) || {P, H} <- [${terms}]]]), halt().`,
      ],
      { encoding: 'utf8' },
    );
    expect(out.stdout).toBe(`[${pairs.map(([p, h]) => dnsNameMatches(p, h)).join(',')}]`);
  });

  test('the cross-object checks: a Certificate must name every mounted pod, and write the Secret the pods mount', () => {
    const edit = (f: (spec: any) => any) =>
      objects.map((o) => (o.kind === 'Certificate' && o.metadata?.namespace === 'x' ? { ...o, spec: f((o as any).spec) } : o));
    expect(
      checkManifests(edit((s) => ({ ...s, dnsNames: s.dnsNames.filter((n: string) => !n.includes('b-hl')) }))).map((v) => `${v.rule} ${v.message}`),
    ).toEqual([
      'certificate-covers-pods dnsNames ["*.a-hl.x.svc.cluster.local","*.c-hl.y.svc.cluster.local"] do not match b-sfs-0.b-hl.x.svc.cluster.local of StatefulSet/x/b-sfs; peers dialling it fail the host name check',
      'certificate-covers-pods dnsNames ["*.a-hl.x.svc.cluster.local","*.c-hl.y.svc.cluster.local"] do not match b-sfs-1.b-hl.x.svc.cluster.local of StatefulSet/x/b-sfs; peers dialling it fail the host name check',
    ]);
    expect(checkManifests(edit((s) => ({ ...s, secretName: 'dist-tls-v2' }))).map((v) => `${v.rule} ${v.object}: ${v.message}`)).toEqual([
      'certificate-secret-mounted Certificate/x/dist-tls: names the pods of StatefulSet/x/a-sfs but writes Secret dist-tls-v2, which they do not mount (they mount dist-tls)',
      'certificate-secret-mounted Certificate/x/dist-tls: names the pods of StatefulSet/x/b-sfs but writes Secret dist-tls-v2, which they do not mount (they mount dist-tls)',
    ]);
  });

  test('the strict schema covers the Certificate: a bad usage is an error', () => {
    const bad = objects.map((o) =>
      o.kind === 'Certificate' && o.metadata?.namespace === 'y' ? { ...o, spec: { ...(o as any).spec, usages: ['serverAuth'] } } : o,
    );
    expect(validateManifests(bad).schema).toEqual([
      { object: 'Certificate/y/dist-tls', path: '/spec/usages/0', message: 'must be equal to one of the allowed values' },
    ]);
  });

  test('one Secret has one issuer', () => {
    const chart = newChart();
    new ErlangStatefulCluster(chart, 'A', {
      basename: 'a',
      release: ErlangRelease.relx(),
      image: 'a:1',
      cookie,
      distribution: { tls: { secretName: 'dist-tls', issuer } },
    });
    expect(
      () =>
        new ErlangStatefulCluster(chart, 'B', {
          basename: 'b',
          release: ErlangRelease.relx(),
          image: 'b:1',
          cookie,
          distribution: { tls: { secretName: 'dist-tls', issuer: { name: 'dist-ca', kind: 'ClusterIssuer' } } },
        }),
    ).toThrow(
      'test/B: invalid distribution.tls.issuer {"name":"dist-ca","kind":"ClusterIssuer"}: differs from test/A\'s Issuer \'dist-ca\', which issues Secret dist-tls in namespace default; one Secret has one issuer',
    );
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
        probes: ErlangProbes.httpGet('/health', 'http'),
        metrics: { podMonitor: { interval: '30s' } },
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

describe('egress (opt-in)', () => {
  let objects: KubeObject[] = [];
  let np: any;
  beforeEach(() => {
    objects = build();
    np = find(objects, 'NetworkPolicy', 'a-sfs');
  });
  const build = () =>
    synthValid((chart) => {
      const a = new ErlangStatefulCluster(chart, 'A', {
        basename: 'a',
        release: ErlangRelease.relx(),
        image: 'a:1',
        cookie,
        egress: {
          to: [
            { cidr: '10.20.0.0/16', except: ['10.20.1.0/24'], ports: [{ port: 5432 }] },
            { namespace: 'b-ns', ports: [{ port: 8080 }, { port: 8125, protocol: 'UDP' }] },
          ],
        },
      });
      const b = new ErlangStatefulCluster(chart, 'B', {
        basename: 'b',
        release: ErlangRelease.relx(),
        image: 'b:1',
        cookie,
        namespace: 'b-ns',
        distribution: { port: 9200 },
      });
      ErlangStatefulCluster.mesh(a, b);
    });

  test('policyTypes gains Egress; other clusters keep ingress only', () => {
    expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(find(objects, 'NetworkPolicy', 'b-sfs').spec.policyTypes).toEqual(['Ingress']);
    expect(find(objects, 'NetworkPolicy', 'b-sfs').spec.egress).toBeUndefined();
  });

  test('DNS to kube-dns on UDP and TCP 53, each member on its own epmd and dist ports, then the declared destinations', () => {
    expect(np.spec.egress).toEqual([
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
      {
        to: [{ podSelector: { matchLabels: { app: 'a' } } }],
        ports: [
          { protocol: 'TCP', port: 4369 },
          { protocol: 'TCP', port: 9100 },
        ],
      },
      {
        to: [{ podSelector: { matchLabels: { app: 'b' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b-ns' } } }],
        ports: [
          { protocol: 'TCP', port: 4369 },
          { protocol: 'TCP', port: 9200 },
        ],
      },
      { to: [{ ipBlock: { cidr: '10.20.0.0/16', except: ['10.20.1.0/24'] } }], ports: [{ protocol: 'TCP', port: 5432 }] },
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b-ns' } } }],
        ports: [
          { protocol: 'TCP', port: 8080 },
          { protocol: 'UDP', port: 8125 },
        ],
      },
    ]);
  });

  test('other DNS pods by namespace and labels synthesize clean', () => {
    const o = synthValid(
      (chart) =>
        new ErlangStatefulCluster(chart, 'A', {
          basename: 'a',
          release: ErlangRelease.relx(),
          image: 'a:1',
          cookie,
          egress: { dns: { namespace: 'openshift-dns', podLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } } },
        }),
    );
    expect(find(o, 'NetworkPolicy', 'a-sfs').spec.egress[0].to).toEqual([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-dns' } },
        podSelector: { matchLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } },
      },
    ]);
  });

  test('peers with the same ports share one rule; NodeLocal DNSCache by CIDR', () => {
    const o = synthValid((chart) => {
      const a = new ErlangStatefulCluster(chart, 'A', {
        basename: 'a',
        release: ErlangRelease.relx(),
        image: 'a:1',
        cookie,
        egress: { dns: { cidr: '169.254.20.10/32' } },
      });
      ErlangStatefulCluster.mesh(a, new ErlangStatefulCluster(chart, 'B', { basename: 'b', release: ErlangRelease.relx(), image: 'b:1', cookie }));
    });
    expect(find(o, 'NetworkPolicy', 'a-sfs').spec.egress).toEqual([
      {
        to: [{ ipBlock: { cidr: '169.254.20.10/32' } }],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
      {
        to: [{ podSelector: { matchLabels: { app: 'a' } } }, { podSelector: { matchLabels: { app: 'b' } } }],
        ports: [
          { protocol: 'TCP', port: 4369 },
          { protocol: 'TCP', port: 9100 },
        ],
      },
    ]);
  });

  test('the cross-object checks: restricted egress must still allow DNS and the own epmd and dist ports', () => {
    const edit = (f: (egress: any[]) => any[]) =>
      objects.map((o) =>
        o.kind === 'NetworkPolicy' && o.metadata?.name === 'a-sfs' ? { ...o, spec: { ...(o as any).spec, egress: f((o as any).spec.egress) } } : o,
      );
    expect(checkManifests(edit((e) => e.slice(1))).map((v) => `${v.rule} ${v.object}: ${v.message}`)).toEqual([
      'egress-allows-dns StatefulSet/default/a-sfs: NetworkPolicy a-sfs restricts egress without UDP port 53; the nodes cannot resolve their peers',
    ]);
    expect(checkManifests(edit((e) => [e[0], ...e.slice(2)])).map((v) => `${v.rule} ${v.message}`)).toEqual([
      'egress-allows-mesh egress is restricted but TCP port 4369 (epmd) to its own pods is not allowed; the nodes cannot connect to each other',
      'egress-allows-mesh egress is restricted but TCP port 9100 (dist) to its own pods is not allowed; the nodes cannot connect to each other',
    ]);
    // DNS pods in a namespace the app does not deploy to cannot be seen, so they are not checked
    // (other DNS labels, e.g. OpenShift's, must stay usable); DNS peers in the app's namespaces are.
    const dnsTo = (to: any) => edit((e) => [{ ...e[0], to: [to] }, ...e.slice(1)]);
    expect(
      checkManifests(
        dnsTo({
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-dns' } },
          podSelector: { matchLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } },
        }),
      ),
    ).toEqual([]);
    expect(checkManifests(dnsTo({ podSelector: { matchLabels: { app: 'dnsmasq' } } })).map((v) => `${v.rule} ${v.message}`)).toEqual([
      'network-policy-peer-selects-pods egress peer {"matchLabels":{"app":"dnsmasq"}} selects no pods in namespace default',
    ]);
  });
});

describe('resources given in full', () => {
  test('plain-string quantities from untyped callers reach the manifest (the L1 serializer would drop them)', () => {
    const objects = synthValid(
      (chart) =>
        new ErlangStatefulCluster(chart, 'App', {
          basename: 'app',
          release: ErlangRelease.relx(),
          image: 'app:1.0',
          cookie,
          resources: { requests: { cpu: '500m', memory: '1Gi', 'ephemeral-storage': '2Gi' }, limits: { memory: '1Gi' } } as any,
        }),
    );
    expect(find(objects, 'StatefulSet', 'app-sfs').spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: '500m', memory: '1Gi', 'ephemeral-storage': '2Gi' },
      limits: { memory: '1Gi' },
    });
  });
});
