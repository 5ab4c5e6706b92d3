/**
 * The manifest rules on Certificates and PodMonitors, volume mounts, object
 * names and Services (lib/validation/rules/): what each reports on inputs the
 * cases in manifest-rules.test.ts do not feed, above all malformed manifests
 * (missing fields: no throw, exactly these violations). Written to kill the
 * mutants StrykerJS found surviving (docs/mutation.md).
 */
import { checkManifests, KubeObject, MANIFEST_RULES } from '../lib/validation/manifests';

const NS = 'prod';
const PIN = '-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100';
const TLS_FLAGS = `${PIN} -proto_dist inet_tls -ssl_dist_optfile /tls/ssl_dist.conf`;
const WILDCARD = '*.app-hl.prod.svc.cluster.local';

/** The violations of the rules `ids` alone, as `rule Kind/ns/name: message`. */
function run(objects: readonly KubeObject[], ...ids: string[]): string[] {
  const rules = MANIFEST_RULES.filter((r) => ids.includes(r.id));
  expect(rules.map((r) => r.id).sort()).toEqual([...ids].sort());
  return checkManifests(objects, rules).map((v) => `${v.rule} ${v.object}: ${v.message}`);
}

/** A clean two-node cluster: a StatefulSet and its headless Service, pinned to dist port 9100 with epmd. */
function cluster(edit: (sts: any, svc: any) => void = () => undefined, ...extra: any[]): KubeObject[] {
  const sts = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'app', namespace: NS },
    spec: {
      serviceName: 'app-hl',
      replicas: 2,
      selector: { matchLabels: { app: 'app' } },
      template: {
        metadata: { labels: { app: 'app' } },
        spec: {
          containers: [
            {
              name: 'node',
              image: 'app:1',
              ports: [
                { name: 'epmd', containerPort: 4369 },
                { name: 'dist', containerPort: 9100 },
              ],
              env: [{ name: 'ERL_AFLAGS', value: PIN }],
            },
          ],
        },
      },
    },
  };
  const svc = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'app-hl', namespace: NS },
    spec: {
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      selector: { app: 'app' },
      ports: [
        { name: 'epmd', port: 4369 },
        { name: 'dist', port: 9100 },
      ],
    },
  };
  edit(sts, svc);
  return [sts, svc, ...extra];
}

const container = (sts: any) => sts.spec.template.spec.containers[0];

function obj(kind: string, name: string, spec: Record<string, unknown>, apiVersion = 'v1', namespace = NS): any {
  return { apiVersion, kind, metadata: { name, namespace }, ...spec };
}
const podMonitor = (spec: any) => obj('PodMonitor', 'pm', { spec }, 'monitoring.coreos.com/v1');

describe('pod-monitor-port-declared', () => {
  test('an endpoint that gives no port name (portNumber, or the deprecated targetPort) is not reported; a named one still is', () => {
    const pm = podMonitor({
      selector: { matchLabels: { app: 'app' } },
      podMetricsEndpoints: [{ portNumber: 9568 }, { targetPort: 9568 }, { port: 'metrics' }],
    });
    expect(run(cluster(undefined, pm), 'pod-monitor-port-declared')).toEqual([
      'pod-monitor-port-declared PodMonitor/prod/pm: endpoint port metrics is not a container port name of StatefulSet/prod/app; nothing is scraped there',
    ]);
    expect(checkManifests(cluster(undefined, podMonitor({ selector: { matchLabels: { app: 'app' } }, podMetricsEndpoints: [{ portNumber: 9568 }] })))).toEqual(
      [],
    );
  });
});
