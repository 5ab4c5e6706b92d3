/**
 * Concern: pod DNS. Every pod of the reference chart, its DNS name (from the
 * StatefulSet's name, its governing Service, the namespace and the cluster
 * domain) and its Erlang node name. The snapshot beside this file changes only
 * when a pod's identity does.
 */
import { Testing } from 'cdk8s';
import { podFqdn } from '../../lib/erlang/names';
import { DEFAULT_CONFIG } from '../../charts/config';
import { ErlangDockerChart } from '../../charts/erlang-docker-chart';

const chart = new ErlangDockerChart(Testing.app(), 'erlang-docker', { config: DEFAULT_CONFIG });
const statefulSets = (Testing.synth(chart) as any[]).filter((o) => o.kind === 'StatefulSet');

/** Each pod's DNS name and node name, from the written StatefulSets alone. */
const pods = statefulSets.flatMap((sts) =>
  Array.from({ length: sts.spec.replicas }, (_, i) => {
    const fqdn = podFqdn(sts.metadata.name, i, sts.spec.serviceName, sts.metadata.namespace ?? 'default', DEFAULT_CONFIG.clusterDomain);
    return { pod: `${sts.metadata.name}-${i}`, fqdn, node: `${sts.spec.template.metadata.labels.app}@${fqdn}` };
  }),
);

test('exact: the first a pod and the last b pod', () => {
  expect(pods[0]).toEqual({
    pod: 'erlang-docker-a-sfs-0',
    fqdn: 'erlang-docker-a-sfs-0.erlang-docker-a-hl.default.svc.cluster.local',
    node: 'erlang-docker-a@erlang-docker-a-sfs-0.erlang-docker-a-hl.default.svc.cluster.local',
  });
  expect(pods[pods.length - 1]!.node).toBe('erlang-docker-b@erlang-docker-b-sfs-2.erlang-docker-b-hl.default.svc.cluster.local');
});

test('the constructs name the same nodes as the written objects', () => {
  expect([...chart.clusters.a.nodeNames, ...chart.clusters.b.nodeNames]).toEqual(pods.map((p) => p.node));
});

test('every pod DNS name and node name (snapshot)', () => {
  expect(pods).toMatchSnapshot();
});
