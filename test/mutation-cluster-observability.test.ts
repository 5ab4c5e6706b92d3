/**
 * What a cluster exposes for operations: the metrics options (their exact errors,
 * the PodMonitor interval), the probes, and the cert-manager Certificate of TLS
 * distribution. Written to kill the mutants StrykerJS found surviving in
 * lib/constructs/cluster/{metrics,probes,dist-certificate}.ts (docs/mutation.md).
 */
import { Chart, Duration, Testing } from 'cdk8s';
import { checkMetrics, ErlangProbes, ErlangStatefulCluster, ErlangStatefulClusterProps, MetricsOptions, prometheusDuration } from 'cdk8s-erlang-cluster';
import { IntOrString } from '../imports/k8s';
import { BASE } from './fixtures/constructs';

/** The objects of a chart holding cluster `c` with these props, or the message it throws. */
function synth(props: Partial<ErlangStatefulClusterProps>): any[] | string {
  const chart = new Chart(Testing.app(), 'test');
  try {
    new ErlangStatefulCluster(chart, 'c', { ...BASE, ...props });
  } catch (e) {
    return (e as Error).message;
  }
  return Testing.synth(chart);
}

describe('metrics options', () => {
  const metricsError = (m: unknown) => synth({ metrics: m as MetricsOptions });
  const PATH = "must be an HTTP path starting with '/', such as '/metrics', without spaces";
  const DURATION = "must be a Prometheus duration such as '30s' or '1m30s'";

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

  test('the PodMonitor interval: a Prometheus duration, not empty; from JavaScript, nothing else', () => {
    for (const interval of ['30 s', '', '1.5s']) {
      expect(metricsError({ podMonitor: { interval } })).toBe(`test/c: invalid metrics.podMonitor.interval ${JSON.stringify(interval)}: ${DURATION}`);
    }
    // '0' is a Prometheus duration, the number 0 is not a string.
    expect(() => checkMetrics('w', { podMonitor: { interval: '0' } })).not.toThrow();
    for (const interval of [0, 30, null, {}]) {
      expect(() => checkMetrics('w', { podMonitor: { interval } } as never)).toThrow(
        `w: invalid metrics.podMonitor.interval ${JSON.stringify(interval)}: ${DURATION}`,
      );
    }
  });

  test('a Duration is written in whole seconds when it can be, else in milliseconds', () => {
    const intervalOf = (interval: string | Duration) => {
      const objects = synth({ metrics: { podMonitor: { interval } } }) as any[];
      return objects.find((o) => o.kind === 'PodMonitor').spec.podMetricsEndpoints;
    };
    expect(intervalOf(Duration.millis(1500))).toEqual([{ port: 'metrics', path: '/metrics', interval: '1500ms' }]);
    expect(intervalOf(Duration.minutes(2))).toEqual([{ port: 'metrics', path: '/metrics', interval: '120s' }]);
    expect(intervalOf('1m30s')).toEqual([{ port: 'metrics', path: '/metrics', interval: '1m30s' }]);
    expect([prometheusDuration(undefined), prometheusDuration('45s'), prometheusDuration(null as never), prometheusDuration(Duration.millis(250))]).toEqual([
      undefined,
      '45s',
      null,
      '250ms',
    ]);
  });
});

describe('ErlangProbes', () => {
  test('ports by number or by name; unknown props refused; isErlangProbes', () => {
    expect(ErlangProbes.tcpSocket(8080).readiness).toEqual({
      tcpSocket: { port: IntOrString.fromNumber(8080) },
      periodSeconds: 10,
      timeoutSeconds: 5,
      failureThreshold: 3,
    });
    expect(ErlangProbes.httpGet('/health', 'http').liveness).toEqual({
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
