/**
 * The e2e check's NetworkPolicy model against the API's documented semantics,
 * case by case. The e2e check trusts this model to say which connections the
 * kernel must drop, so it is tested here on its own.
 */
import { KubeObject } from '../../e2e/kube';
import { connectionAllowed, inCidr, policyTypes, PolicyEnd } from '../../e2e/policy-model';

const policy = (name: string, namespace: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});

const app: PolicyEnd = { namespace: 'prod', labels: { app: 'db' }, ip: '10.0.0.10', container: { name: 'db', ports: [{ name: 'dist', containerPort: 9100 }] } };
const peer: PolicyEnd = { namespace: 'prod', labels: { app: 'web' }, ip: '10.0.0.11' };
const stranger: PolicyEnd = { namespace: 'prod', labels: { app: 'other' }, ip: '10.0.0.12' };
const elsewhere: PolicyEnd = { namespace: 'dev', labels: { app: 'web' }, ip: '10.0.1.11' };

describe('policy model', () => {
  test('without policies everything is allowed', () => {
    expect(connectionAllowed([], stranger, app, 9100).allowed).toBe(true);
  });

  test('a policy with no ingress rules isolates the pod completely', () => {
    const objects = [policy('deny', 'prod', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'] })];
    expect(connectionAllowed(objects, peer, app, 9100).allowed).toBe(false);
    // Other pods are not selected, so not isolated.
    expect(connectionAllowed(objects, app, peer, 80).allowed).toBe(true);
  });

  test('a podSelector peer means the same namespace only', () => {
    const objects = [
      policy('p', 'prod', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }] }),
    ];
    expect(connectionAllowed(objects, peer, app, 9100).allowed).toBe(true);
    expect(connectionAllowed(objects, elsewhere, app, 9100).allowed).toBe(false);
    expect(connectionAllowed(objects, stranger, app, 9100).allowed).toBe(false);
  });

  test('namespaceSelector and podSelector in one peer must both match; in two peers either does', () => {
    const both = [
      policy('p', 'prod', {
        podSelector: {},
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dev' } }, podSelector: { matchLabels: { app: 'web' } } }] }],
      }),
    ];
    expect(connectionAllowed(both, elsewhere, app, 1).allowed).toBe(true);
    expect(connectionAllowed(both, peer, app, 1).allowed).toBe(false);
    const either = [
      policy('p', 'prod', {
        podSelector: {},
        ingress: [
          { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dev' } } }, { podSelector: { matchLabels: { app: 'web' } } }] },
        ],
      }),
    ];
    expect(connectionAllowed(either, peer, app, 1).allowed).toBe(true);
    expect(connectionAllowed(either, { ...elsewhere, labels: {} }, app, 1).allowed).toBe(true);
    expect(connectionAllowed(either, stranger, app, 1).allowed).toBe(false);
  });

  test('ports: numbers, names on the destination, ranges and protocols', () => {
    const objects = [
      policy('p', 'prod', { podSelector: {}, ingress: [{ ports: [{ port: 'dist' }, { port: 4369, protocol: 'TCP' }, { port: 5000, endPort: 5002 }] }] }),
    ];
    expect(connectionAllowed(objects, stranger, app, 9100).allowed).toBe(true);
    expect(connectionAllowed(objects, stranger, app, 4369).allowed).toBe(true);
    expect(connectionAllowed(objects, stranger, app, 4369, 'UDP').allowed).toBe(false);
    expect(connectionAllowed(objects, stranger, app, 5002).allowed).toBe(true);
    expect(connectionAllowed(objects, stranger, app, 5003).allowed).toBe(false);
    // The name resolves on the destination: a pod without a `dist` port admits nothing by it.
    expect(connectionAllowed(objects, app, { ...peer, container: { name: 'web' } }, 9100).allowed).toBe(false);
  });

  test('rules of all selecting policies add up', () => {
    const objects = [
      policy('a', 'prod', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] }),
      policy('b', 'prod', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ ports: [{ port: 9100 }] }] }),
    ];
    expect(connectionAllowed(objects, stranger, app, 80).allowed).toBe(true);
    expect(connectionAllowed(objects, stranger, app, 9100).allowed).toBe(true);
    expect(connectionAllowed(objects, stranger, app, 81).allowed).toBe(false);
  });

  test('ipBlock with except', () => {
    const objects = [policy('p', 'prod', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/24', except: ['10.0.0.12/32'] } }] }] })];
    expect(connectionAllowed(objects, peer, app, 1).allowed).toBe(true);
    expect(connectionAllowed(objects, stranger, app, 1).allowed).toBe(false);
    expect(connectionAllowed(objects, elsewhere, app, 1).allowed).toBe(false);
  });

  test('egress: policyTypes default, to-peers, ports; both sides must allow', () => {
    const egress = policy('e', 'prod', {
      podSelector: { matchLabels: { app: 'db' } },
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080 }] }],
    });
    expect(policyTypes(egress.spec as never)).toEqual(['Ingress', 'Egress']);
    // As the apiserver defaults them: an empty list counts as none given, an empty egress list as no egress rules.
    expect(policyTypes({ policyTypes: [], egress: [{}] } as never)).toEqual(['Ingress', 'Egress']);
    expect(policyTypes({ egress: [] } as never)).toEqual(['Ingress']);
    expect(policyTypes({ policyTypes: ['Egress'] } as never)).toEqual(['Egress']);
    expect(connectionAllowed([egress], app, peer, 8080).allowed).toBe(true);
    expect(connectionAllowed([egress], app, peer, 8081).allowed).toBe(false);
    expect(connectionAllowed([egress], app, stranger, 8080).allowed).toBe(false);
    expect(connectionAllowed([egress], app, { namespace: 'x', labels: {}, ip: '192.0.2.1' }, 8080).allowed).toBe(false);
    // The default policyTypes also isolate the pod for ingress, with no ingress rules.
    expect(connectionAllowed([egress], peer, app, 9100).allowed).toBe(false);
    const egressOnly = policy('e', 'prod', { ...(egress.spec as object), policyTypes: ['Egress'] });
    expect(connectionAllowed([egressOnly], peer, app, 9100).allowed).toBe(true);
    expect(connectionAllowed([egressOnly], app, peer, 8080).why).toMatch(/egress\[0\].*no policy selects it for Ingress/);
  });

  test('CIDR arithmetic', () => {
    expect(inCidr('10.244.3.7', '10.244.0.0/16')).toBe(true);
    expect(inCidr('10.245.0.1', '10.244.0.0/16')).toBe(false);
    expect(inCidr('1.2.3.4', '0.0.0.0/0')).toBe(true);
    expect(inCidr('10.0.0.1', '10.0.0.1')).toBe(true);
  });
});
