/**
 * envVariables: every cdk8s-plus EnvValue factory renders into the node container as
 * cdk8s-plus itself renders it into a container of its own. Judged against a real
 * cdk8s-plus Deployment synthesized beside the cluster, not against our conversion.
 */
import { Chart, Testing } from 'cdk8s';
import { ConfigMap, Deployment, EnvFieldPaths, EnvValue, ResourceFieldPaths, Secret } from 'cdk8s-plus-28';
import { ErlangCookie, ErlangRelease, ErlangStatefulCluster } from 'cdk8s-erlang-cluster';

test('every EnvValue factory renders as in a cdk8s-plus container, after the construct’s own env and in the map’s order', () => {
  process.env.CDK8S_ERLANG_TEST_FROM_PROCESS = 'from-process';
  const chart = new Chart(Testing.app(), 'c', { namespace: 'shop' });
  const envVariables = {
    LOG_LEVEL: EnvValue.fromValue('info'),
    DB_PASSWORD: EnvValue.fromSecretValue({ secret: Secret.fromSecretName(chart, 'db', 'db-secret'), key: 'password' }, { optional: true }),
    FEATURES: EnvValue.fromConfigMap(ConfigMap.fromConfigMapName(chart, 'cfg', 'app-config'), 'features'),
    ZONE: EnvValue.fromFieldRef(EnvFieldPaths.POD_LABEL, { key: 'topology.kubernetes.io/zone' }),
    MY_IP: EnvValue.fromFieldRef(EnvFieldPaths.POD_IP, { apiVersion: 'v1' }),
    MEMORY_MB: EnvValue.fromResource(ResourceFieldPaths.MEMORY_LIMIT, { divisor: '1Mi' }),
    BUILD: EnvValue.fromProcess('CDK8S_ERLANG_TEST_FROM_PROCESS'),
  };
  new ErlangStatefulCluster(chart, 'app', {
    basename: 'app',
    release: ErlangRelease.mix(),
    image: 'app:1.0',
    cookie: ErlangCookie.fromSecretName('cookie'),
    envVariables,
  });
  new Deployment(chart, 'plus', { containers: [{ image: 'busybox:1', envVariables }] });
  const objects = Testing.synth(chart);
  const envOf = (kind: string) => objects.find((o) => o.kind === kind).spec.template.spec.containers[0].env as { name: string }[];
  const plus = envOf('Deployment');
  const ours = envOf('StatefulSet');
  expect(plus.map((e) => e.name)).toEqual(Object.keys(envVariables));
  expect(ours.slice(-plus.length)).toEqual(plus);
  // The construct's own env comes first and is not repeated.
  expect(ours.length).toBeGreaterThan(plus.length);
  expect(ours.slice(0, -plus.length).some((e) => e.name in envVariables)).toBe(false);
  delete process.env.CDK8S_ERLANG_TEST_FROM_PROCESS;
});
