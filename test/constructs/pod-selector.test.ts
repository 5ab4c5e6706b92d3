/**
 * ErlangStatefulCluster as a cdk8s-plus IPodSelector: a cdk8s-plus Service and
 * NetworkPolicy that select a cluster must select exactly that cluster's pods,
 * in its namespace. Judged on the synthesized objects: the selector against the
 * pod template labels the StatefulSets render, not against selectorLabels.
 */
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ErlangCookie, ErlangRelease, ErlangStatefulCluster } from 'cdk8s-erlang-cluster';

const matches = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);

function twoClusters() {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  const props = { release: ErlangRelease.mix(), image: 'app:1.0', cookie: ErlangCookie.fromSecretName('cookie') };
  const chat = new ErlangStatefulCluster(chart, 'chat', { ...props, basename: 'chat', namespace: 'shop' });
  const jobs = new ErlangStatefulCluster(chart, 'jobs', { ...props, basename: 'jobs', namespace: 'shop' });
  return { chart, chat, jobs };
}

/** The pod template labels of each StatefulSet, by name. */
function podLabels(objects: any[]): Map<string, Record<string, string>> {
  return new Map(objects.filter((o) => o.kind === 'StatefulSet').map((o) => [o.metadata.name, o.spec.template.metadata.labels]));
}

test('a cdk8s-plus Service with selector: cluster selects that cluster’s pods and no other’s', () => {
  const { chart, chat } = twoClusters();
  new kplus.Service(chart, 'web', { metadata: { namespace: 'shop' }, selector: chat, ports: [{ port: 80, targetPort: 4000 }] });
  const objects = Testing.synth(chart);
  const service = objects.find((o) => o.kind === 'Service' && o.metadata.name.startsWith('c-web'));
  const selector = service.spec.selector as Record<string, string>;
  expect(Object.keys(selector).length).toBeGreaterThan(0);
  const selected = [...podLabels(objects)].filter(([, labels]) => matches(selector, labels)).map(([name]) => name);
  expect(selected).toEqual([chat.name]);
  expect(service.metadata.namespace).toBe('shop');
});

test('a cdk8s-plus NetworkPolicy with selector: cluster selects its pods, in its namespace', () => {
  const { chart, chat } = twoClusters();
  new kplus.NetworkPolicy(chart, 'deny', { selector: chat });
  const objects = Testing.synth(chart);
  const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name.startsWith('c-deny'));
  expect(policy.metadata.namespace).toBe('shop');
  expect(policy.spec.podSelector.matchExpressions).toBeUndefined();
  const selected = [...podLabels(objects)].filter(([, labels]) => matches(policy.spec.podSelector.matchLabels, labels)).map(([name]) => name);
  expect(selected).toEqual([chat.name]);
});
