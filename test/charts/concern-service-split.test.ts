/**
 * Concern: the NodePort/ClusterIP split of the reference system. Each Service's
 * type, cluster IP mode and ports. The snapshot beside this file changes only
 * when what is reachable, and from where, changes.
 */
import { Testing } from 'cdk8s';
import { DEFAULT_CONFIG } from '../../charts/config';
import { ErlangDockerChart } from '../../charts/erlang-docker-chart';

const services = (Testing.synth(new ErlangDockerChart(Testing.app(), 'erlang-docker', { config: DEFAULT_CONFIG })) as any[])
  .filter((o) => o.kind === 'Service')
  .map((s) => ({
    name: s.metadata.name,
    type: s.spec.type ?? 'ClusterIP',
    headless: s.spec.clusterIP === 'None',
    ports: s.spec.ports.map((p: any) => `${p.name} ${p.port}->${p.targetPort}${p.nodePort ? ` node ${p.nodePort}` : ''}`),
  }));
const byName = (name: string) => services.find((s) => s.name === name);

test('exact: a is reachable from outside on 30080/30090, b only inside on 8080, the headless ones give names', () => {
  expect(byName('erlang-docker-a-svc')).toEqual({
    name: 'erlang-docker-a-svc',
    type: 'NodePort',
    headless: false,
    ports: ['http 8080->8080 node 30080', 'ws 9090->9090 node 30090'],
  });
  expect(byName('erlang-docker-b-svc')).toEqual({ name: 'erlang-docker-b-svc', type: 'ClusterIP', headless: false, ports: ['http 8080->8080'] });
  expect(services.filter((s) => s.headless).map((s) => s.name)).toEqual(['erlang-docker-a-hl', 'erlang-docker-b-hl']);
});

test('every Service, its type and ports (snapshot)', () => {
  expect(services).toMatchSnapshot();
});
