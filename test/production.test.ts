/**
 * Issue 10: production defaults and operator features. The pure helpers first;
 * the constructs' output is in constructs.test.ts and erlang-docker-chart.test.ts.
 */
import { Chart, Testing } from 'cdk8s';
import { ErlangCookie, ErlangStatefulCluster } from '../lib';
import { schedulerFlags } from '../lib/erlang-distribution';
import { checkManifests, KubeObject } from '../lib/validation/manifests';
import { imageParts, quantityValue } from '../lib/validation/props';
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
    expect(imageParts('localhost:5000/app')).toEqual({ tag: undefined, digest: undefined });
    expect(imageParts('localhost:5000/app:1.2')).toEqual({ tag: '1.2', digest: undefined });
    expect(imageParts('app:latest@sha256:abc')).toEqual({ tag: 'latest', digest: 'sha256:abc' });
    expect(imageParts('app@sha256:abc')).toEqual({ tag: undefined, digest: 'sha256:abc' });
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
  const objects = synthValid((chart) => new ErlangStatefulCluster(chart, 'App', {
    basename: 'app', image: 'app:1.0', cookie, appPorts: [{ name: 'http', port: 4000 }],
    metrics: { podMonitor: { interval: '30s', labels: { release: 'kube-prometheus-stack' } } },
  }));
  const sts = find(objects, 'StatefulSet', 'app-sfs');

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
        basename: 'app', image: 'app:1.0', cookie, metrics: { port: 9100 + 1, path: '/_metrics', scrapers: { namespace: 'default', podLabels: { app: 'prom' } }, podMonitor: {} },
      });
      // The scraper is part of these manifests, so the peer check can see it.
      new ErlangStatefulCluster(chart, 'Prom', { basename: 'prom', image: 'prom:1.0', cookie });
    });
    expect(find(o, 'NetworkPolicy', 'app-sfs').spec.ingress.at(-1)).toEqual({ from: [{ podSelector: { matchLabels: { app: 'prom' } } }], ports: [{ protocol: 'TCP', port: 9101 }] });
    expect(find(o, 'PodMonitor', 'app-sfs').spec.podMetricsEndpoints).toEqual([{ port: 'metrics', path: '/_metrics' }]);
  });

  test('the PodMonitor checks: its port must be declared, its selector must select', () => {
    const broken = objects.map((o) => (o.kind === 'PodMonitor' ? { ...o, spec: { ...(o as any).spec, podMetricsEndpoints: [{ port: 'prom' }] } } : o));
    expect(checkManifests(broken).map((v) => `${v.rule} ${v.message}`))
      .toEqual(['pod-monitor-port-declared endpoint port prom is not a container port name of StatefulSet/default/app-sfs; nothing is scraped there']);
    const none = objects.map((o) => (o.kind === 'PodMonitor' ? { ...o, spec: { ...(o as any).spec, selector: { matchLabels: { app: 'other' } } } } : o));
    expect(checkManifests(none).map((v) => v.rule)).toEqual(['selector-matches-pods']);
  });

  test('the strict schema covers the PodMonitor: an unknown field is an error', () => {
    const typo = objects.map((o) => (o.kind === 'PodMonitor' ? { ...o, spec: { ...(o as any).spec, podMetricEndpoints: [] } } : o));
    expect(validateManifests(typo).schema).toEqual([{ object: 'PodMonitor/default/app-sfs', path: '/spec', message: "unknown field 'podMetricEndpoints'" }]);
  });
});
