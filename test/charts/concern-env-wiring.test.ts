/**
 * Concern: env wiring. Each container's env as the process sees it after the
 * kubelet's `$(VAR)` expansion, for pod 0 of each StatefulSet of the reference
 * chart (downward-API fields filled in, Secrets shown by reference). The
 * snapshot beside this file changes only when what a node reads changes.
 */
import { Testing } from 'cdk8s';
import { resolveEnv } from '../../lib/kubernetes/kubelet-env';
import { DEFAULT_CONFIG } from '../../charts/config';
import { ErlangDockerChart } from '../../charts/erlang-docker-chart';

const statefulSets = (Testing.synth(new ErlangDockerChart(Testing.app(), 'erlang-docker', { config: DEFAULT_CONFIG })) as any[]).filter(
  (o) => o.kind === 'StatefulSet',
);

/** Pod 0's env: downward-API fields as the kubelet fills them, Secrets as `<secret name/key>`. */
function envOfPod0(sts: any): Record<string, string> {
  const fields: Record<string, string> = { 'metadata.name': `${sts.metadata.name}-0`, 'metadata.namespace': 'default', 'status.podIP': '10.244.0.10' };
  const env = resolveEnv(sts.spec.template.spec.containers[0].env, (_, from) =>
    from.secretKeyRef
      ? `<secret ${from.secretKeyRef.name}/${from.secretKeyRef.key}>`
      : (fields[from.fieldRef!.fieldPath] ?? `<field ${from.fieldRef!.fieldPath}>`),
  );
  return Object.fromEntries(env);
}

const [a, b] = statefulSets.map(envOfPod0) as [Record<string, string>, Record<string, string>];

test('exact: the node name, the cookie and the dist port as a node of a reads them', () => {
  expect(a.RELEASE_NODE).toBe('erlang-docker-a@erlang-docker-a-sfs-0.erlang-docker-a-hl.default.svc.cluster.local');
  expect(a.RELEASE_DISTRIBUTION).toBe('name');
  expect(a.RELEASE_COOKIE).toBe('<secret erlang-docker-cookie/cookie>');
  expect(a.RELX_COOKIE).toBe('<secret erlang-docker-cookie/cookie>');
  expect(a.ERL_AFLAGS).toContain('-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100');
  expect(b.B_SERVICE_DOMAIN).toBe('erlang-docker-b-svc');
  expect(Object.values(a).some((v) => v.includes('$('))).toBe(false);
});

test('each container env after expansion (snapshot)', () => {
  expect({ a, b }).toMatchSnapshot();
});
