/**
 * What a cluster exposes for operations (lib/constructs/cluster/{metrics,probes,dist-certificate}.ts):
 * the metrics options (their exact errors, the PodMonitor interval), the probes, and the
 * cert-manager Certificate of TLS distribution.
 */
import { Chart, Duration, Testing } from 'cdk8s';
import {
  checkMetrics,
  ErlangProbes,
  ErlangStatefulCluster,
  ErlangStatefulClusterProps,
  MetricsOptions,
  prometheusDuration,
  sslDistOptfile,
  ErlangRelease,
} from 'cdk8s-erlang-cluster';
import { IntOrString } from '../../../imports/k8s';
import { BASE, buildCluster, cookie } from '../../fixtures/constructs';
import { spawnSync } from 'child_process';
import { dnsNameMatches } from '../../../lib/erlang/distribution';
import { checkManifests, KubeObject } from '../../../lib/validation/manifests';
import { validateManifests } from '../../../lib/validation/validate';
import { find, newChart, thrownConfigError, synthValid } from '../../helpers';

/** The objects of a chart holding cluster `c` with these props, or the message it throws. */
function synth(props: Partial<ErlangStatefulClusterProps>): any[] | string {
  const chart = new Chart(Testing.app(), 'test');
  const thrown = thrownConfigError(() => buildCluster(props, BASE, chart));
  return thrown ? thrown.message : Testing.synth(chart);
}

describe('metrics options', () => {
  const metricsError = (m: unknown) => synth({ metrics: m as MetricsOptions });
  const PATH = "must be an HTTP path starting with '/', such as '/metrics', without spaces";
  const DURATION = 'must be a whole number of milliseconds, e.g. Duration.seconds(30)';

  test('the port and the path', () => {
    expect(metricsError({ port: 0 })).toBe('test/c: invalid metrics.port 0: must be an integer from 1 to 65535');
    for (const path of ['metrics', 'x/metrics', '/metrics x', '/métrics'])
      expect(metricsError({ path })).toBe(`test/c: invalid metrics.path ${JSON.stringify(path)}: ${PATH}`);
    // A JavaScript caller's array reads as '/metrics' to a regex; it is still not a path.
    expect(() => checkMetrics('w', { path: ['/metrics'] } as never)).toThrow(`w: invalid metrics.path ["/metrics"]: ${PATH}`);
    expect(checkMetrics('w', { path: '/a/b?x=1' })).toBe(9568);
    expect(checkMetrics('w', { port: 9600 })).toBe(9600);
  });

  test('the scrapers: a namespace, and labels that select something', () => {
    expect(metricsError({ scrapers: { namespace: 'Monitoring' } })).toBe(
      'test/c: invalid metrics.scrapers.namespace "Monitoring": must be a DNS-1123 label of at most 63 characters: lower-case letters, digits and \'-\', starting and ending with a letter or digit',
    );
    expect(metricsError({ scrapers: { podLabels: {} } })).toBe(
      'test/c: invalid metrics.scrapers.podLabels {}: must name at least one label; an empty selector selects no pods',
    );
    expect(metricsError({ podMonitor: { labels: { 'a b': 'x' } } })).toBe(
      "test/c: invalid metrics.podMonitor.labels key \"a b\": must be a label key: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
    );
    // PodMonitor labels may be empty: they only have to match a podMonitorSelector.
    expect(() => checkMetrics('w', { podMonitor: { labels: {} } })).not.toThrow();
  });

  test('the PodMonitor interval: a Duration of whole milliseconds (cdk8s refuses negative ones); from JavaScript, nothing else', () => {
    for (const [interval, written] of [
      [Duration.millis(1.5), '1.5ms'],
      [Duration.seconds(0.0001), '0.1ms'],
    ] as const) {
      expect(metricsError({ podMonitor: { interval } })).toBe(`test/c: invalid metrics.podMonitor.interval ${JSON.stringify(written)}: ${DURATION}`);
    }
    expect(() => checkMetrics('w', { podMonitor: { interval: Duration.seconds(0) } })).not.toThrow();
    // The old spelling, a Prometheus duration string, and what else a JavaScript caller may pass.
    for (const [interval, type] of [
      ['30s', 'a string'],
      [30, 'a number'],
      [{}, 'an object'],
    ] as const) {
      expect(metricsError({ podMonitor: { interval } })).toBe(
        `test/c: invalid metrics.podMonitor.interval ${JSON.stringify(interval)}: must be a cdk8s Duration, e.g. Duration.seconds(30), not ${type}`,
      );
    }
  });

  test('a Duration is written in whole seconds when it can be, else in milliseconds', () => {
    const intervalOf = (interval: Duration) => {
      const objects = synth({ metrics: { podMonitor: { interval } } }) as any[];
      return objects.find((o) => o.kind === 'PodMonitor').spec.podMetricsEndpoints;
    };
    expect(intervalOf(Duration.millis(1500))).toEqual([{ port: 'metrics', path: '/metrics', interval: '1500ms' }]);
    expect(intervalOf(Duration.minutes(2))).toEqual([{ port: 'metrics', path: '/metrics', interval: '120s' }]);
    expect(intervalOf(Duration.minutes(1.5))).toEqual([{ port: 'metrics', path: '/metrics', interval: '90s' }]);
    expect([prometheusDuration(undefined), prometheusDuration(Duration.millis(250))]).toEqual([undefined, '250ms']);
  });
});

describe('ErlangProbes', () => {
  test('ports by number or by name; unknown props refused; isErlangProbes', () => {
    expect(ErlangProbes.tcpSocket(IntOrString.fromNumber(8080)).readiness).toEqual({
      tcpSocket: { port: IntOrString.fromNumber(8080) },
      periodSeconds: 10,
      timeoutSeconds: 5,
      failureThreshold: 3,
    });
    expect(ErlangProbes.httpGet('/health', IntOrString.fromString('http')).liveness).toEqual({
      httpGet: { path: '/health', port: IntOrString.fromString('http') },
      periodSeconds: 30,
      timeoutSeconds: 20,
      failureThreshold: 6,
    });
    expect(() => new ErlangProbes({ readyness: {} } as never)).toThrow(
      "ErlangProbes: invalid readyness {}: is not a prop of ErlangProbesProps; did you mean 'readiness'?",
    );
    expect(() => new ErlangProbes(null as never)).toThrow('ErlangProbes: invalid props null: must be an object (ErlangProbesProps)');
    expect([ErlangProbes.none(), {}, null, 'probes'].map((x) => ErlangProbes.isErlangProbes(x))).toEqual([true, false, false, false]);
  });
});

describe('the distribution Certificate', () => {
  const tls = (secretName: string, issuer: { name: string; kind?: string }) => ({ tls: { secretName, issuer } });
  const certificates = (build: (chart: Chart) => void): any[] => {
    const chart = new Chart(Testing.app(), 'test');
    build(chart);
    return Testing.synth(chart).filter((o) => o.kind === 'Certificate');
  };
  const certificate = (name: string, namespace: string, issuerName: string, dnsNames: string[]) => ({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name, namespace },
    spec: {
      secretName: name,
      issuerRef: { name: issuerName, kind: 'Issuer', group: 'cert-manager.io' },
      dnsNames,
      usages: ['digital signature', 'key encipherment', 'server auth', 'client auth'],
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
    },
  });

  test('one per namespace and Secret: the same Secret name in two namespaces, or two Secrets in one, are two Certificates', () => {
    expect(
      certificates((chart) => {
        new ErlangStatefulCluster(chart, 'A', { ...BASE, basename: 'a', namespace: 'x', distribution: tls('dist-tls', { name: 'ca' }) });
        new ErlangStatefulCluster(chart, 'B', { ...BASE, basename: 'b', namespace: 'y', distribution: tls('dist-tls', { name: 'ca-y' }) });
        new ErlangStatefulCluster(chart, 'C', { ...BASE, basename: 'c', namespace: 'x', distribution: tls('c-tls', { name: 'ca' }) });
      }),
    ).toEqual([
      certificate('dist-tls', 'x', 'ca', ['*.a-hl.x.svc.cluster.local']),
      certificate('dist-tls', 'y', 'ca-y', ['*.b-hl.y.svc.cluster.local']),
      certificate('c-tls', 'x', 'ca', ['*.c-hl.x.svc.cluster.local']),
    ]);
  });

  test('the issuer: a valid name and kind, and the same for every user of one Secret', () => {
    expect(synth({ distribution: tls('dist-tls', { name: 'Dist_CA' }) })).toBe(
      'test/c: invalid distribution.tls.issuer.name "Dist_CA": must be a DNS name (DNS-1123 subdomain) such as \'cluster.local\'',
    );
    expect(synth({ distribution: tls('dist-tls', { name: 'ca', kind: 'issuer' }) })).toBe(
      `test/c: invalid distribution.tls.issuer.kind "issuer": must be one of 'Issuer', 'ClusterIssuer'`,
    );
    const chart = new Chart(Testing.app(), 'test');
    new ErlangStatefulCluster(chart, 'A', { ...BASE, basename: 'a', distribution: tls('dist-tls', { name: 'ca' }) });
    expect(
      () => new ErlangStatefulCluster(chart, 'B', { ...BASE, basename: 'b', distribution: tls('dist-tls', { name: 'other-ca', kind: 'Issuer' }) }),
    ).toThrow(
      'test/B: invalid distribution.tls.issuer {"name":"other-ca","kind":"Issuer"}: differs from test/A\'s Issuer \'ca\', which issues Secret dist-tls in namespace default; one Secret has one issuer',
    );
  });
});

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
          metrics: { podMonitor: { interval: Duration.seconds(30), labels: { release: 'kube-prometheus-stack' } } },
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
