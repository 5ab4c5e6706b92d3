/**
 * lib/validation/rules/network-policies.ts on the edges the case table of
 * manifest-rules.test.ts leaves open: port ranges and port-less entries, namespace selectors
 * of the own pods, peers that select no pods.
 */
import { KubeObject } from '../../../lib/validation/manifests';
import { cluster, deployment, DNS, egressPolicy, MESH_PORTS, NAME_LABEL, networkPolicy, NS, policy, STS, violations } from '../../fixtures/manifests';

const OWN_PODS = { podSelector: { matchLabels: { app: 'app' } } };

const DNS_PEER = { namespaceSelector: { matchLabels: { [NAME_LABEL]: 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } };

const NO_DNS = `${STS}: NetworkPolicy np restricts egress without UDP port 53; the nodes cannot resolve their peers`;

const NO_EPMD = `${STS}: egress is restricted but TCP port 4369 (epmd) to its own pods is not allowed; the nodes cannot connect to each other`;

const NO_DIST = `${STS}: egress is restricted but TCP port 9100 (dist) to its own pods is not allowed; the nodes cannot connect to each other`;

const egress = (objects: readonly KubeObject[]) => violations(objects, 'egress-allows-dns', 'egress-allows-mesh');

const peers = (objects: readonly KubeObject[]) => violations(objects, 'network-policy-peer-selects-pods');

describe('egress-allows-dns and egress-allows-mesh: which policies restrict egress', () => {
  test('a NetworkPolicy without spec, or with neither policyTypes nor egress rules, restricts nothing', () => {
    expect(egress(cluster(undefined, networkPolicy(undefined)))).toEqual([]);
    expect(egress(cluster(undefined, policy({ ingress: [{ from: [OWN_PODS] }] })))).toEqual([]);
    expect(egress(cluster(undefined, policy({ policyTypes: [], egress: [] })))).toEqual([]);
  });

  test('without policyTypes, egress rules restrict egress (the apiserver adds Egress); given policyTypes, they decide', () => {
    const mesh = { to: [OWN_PODS], ports: MESH_PORTS };
    expect(egress(cluster(undefined, policy({ egress: [mesh] })))).toEqual([NO_DNS]);
    expect(egress(cluster(undefined, policy({ policyTypes: null, egress: [mesh] })))).toEqual([NO_DNS]);
    expect(egress(cluster(undefined, policy({ policyTypes: [], egress: [mesh] })))).toEqual([NO_DNS]);
    expect(egress(cluster(undefined, policy({ policyTypes: ['Ingress'], egress: [mesh] })))).toEqual([]);
  });

  test('a policy in another namespace does not restrict the pods of this one, even with the same labels', () => {
    const elsewhere = networkPolicy({ podSelector: {}, policyTypes: ['Egress'], egress: [] }, 'np', 'dev');
    expect(egress(cluster(undefined, elsewhere))).toEqual([]);
  });

  test("an empty podSelector restricts every pod's egress", () => {
    expect(egress(cluster(undefined, networkPolicy({ podSelector: {}, policyTypes: ['Egress'], egress: [DNS] })))).toEqual([NO_EPMD, NO_DIST]);
  });

  test('policyTypes Egress without an egress section denies all egress', () => {
    expect(egress(cluster(undefined, policy({ policyTypes: ['Egress'] })))).toEqual([NO_DNS, NO_EPMD, NO_DIST]);
  });

  test('the DNS violation names every restricting policy, comma-separated', () => {
    const mesh = { to: [OWN_PODS], ports: MESH_PORTS };
    const second = policy({ policyTypes: ['Ingress', 'Egress'], egress: [mesh] }, 'np2');
    expect(egress(cluster(undefined, egressPolicy(mesh), second))).toEqual([
      `${STS}: NetworkPolicy np, np2 restricts egress without UDP port 53; the nodes cannot resolve their peers`,
    ]);
  });

  test('a restricting policy without metadata (namespace default) is named by nothing, and does not throw', () => {
    const objects = cluster((sts, svc) => {
      sts.metadata.namespace = 'default';
      svc.metadata.namespace = 'default';
    });
    const anonymous = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: MESH_PORTS }] },
    };
    expect(egress([...objects, anonymous])).toEqual([
      'StatefulSet/default/app: NetworkPolicy  restricts egress without UDP port 53; the nodes cannot resolve their peers',
    ]);
  });
});

describe('egress-allows-dns and egress-allows-mesh: which ports a rule lets out', () => {
  test('a rule without ports, or with an empty list, lets every port out', () => {
    expect(egress(cluster(undefined, egressPolicy({})))).toEqual([]);
    expect(egress(cluster(undefined, egressPolicy({ ports: [] })))).toEqual([]);
  });

  test('a port entry without port lets every port of its protocol out', () => {
    expect(egress(cluster(undefined, egressPolicy({ ports: [{ protocol: 'UDP' }] }, { ports: MESH_PORTS })))).toEqual([]);
    expect(egress(cluster(undefined, egressPolicy(DNS, { ports: [{ protocol: 'TCP' }] })))).toEqual([]);
    expect(egress(cluster(undefined, egressPolicy({ ports: [{ protocol: 'TCP' }] }, { ports: MESH_PORTS })))).toEqual([NO_DNS]);
  });

  test('a single port lets out that port only, not those above it', () => {
    expect(egress(cluster(undefined, egressPolicy(DNS, { ports: [{ protocol: 'TCP', port: 4369 }] })))).toEqual([NO_DIST]);
  });

  test('a range lets out port to endPort, both included, and nothing below port', () => {
    expect(egress(cluster(undefined, egressPolicy(DNS, { ports: [{ protocol: 'TCP', port: 9000, endPort: 9200 }] })))).toEqual([NO_EPMD]);
    expect(egress(cluster(undefined, egressPolicy(DNS, { ports: [{ protocol: 'TCP', port: 9100, endPort: 9200 }] })))).toEqual([NO_EPMD]);
    expect(egress(cluster(undefined, egressPolicy(DNS, { ports: [{ protocol: 'TCP', port: 4000, endPort: 9100 }] })))).toEqual([]);
  });
});

describe("egress-allows-mesh: which peers reach the cluster's own pods", () => {
  const meshTo = (peer: any) => egress(cluster(undefined, egressPolicy(DNS, { to: [peer], ports: MESH_PORTS })));

  test('a namespaceSelector {} selects every namespace, the own one too', () => {
    expect(meshTo({ ...OWN_PODS, namespaceSelector: {} })).toEqual([]);
  });

  test('a namespaceSelector on labels other than the name may select the own namespace: no alarm', () => {
    expect(meshTo({ ...OWN_PODS, namespaceSelector: { matchLabels: { team: 'core' } } })).toEqual([]);
    expect(meshTo({ ...OWN_PODS, namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'Exists' }] } })).toEqual([]);
    expect(meshTo({ ...OWN_PODS, namespaceSelector: { matchLabels: { [NAME_LABEL]: 'dev', team: 'core' } } })).toEqual([]);
  });

  test('a namespaceSelector on the name label by expression is read like matchLabels', () => {
    const byName = (values: string[]) => ({ ...OWN_PODS, namespaceSelector: { matchExpressions: [{ key: NAME_LABEL, operator: 'In', values }] } });
    expect(meshTo(byName(['dev']))).toEqual([NO_EPMD, NO_DIST]);
    expect(meshTo(byName(['dev', NS]))).toEqual([]);
  });

  test('an ipBlock peer counts as reaching the own pods, whatever selector stands beside it (which the apiserver would refuse)', () => {
    expect(meshTo({ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: { matchLabels: { app: 'other' } } })).toEqual([]);
  });

  test('a container that pins no dist port (a sidecar) needs no mesh ports', () => {
    const objects = cluster(
      (sts) => {
        sts.spec.template.spec.containers.push({ name: 'side', image: 'proxy:1' });
      },
      egressPolicy(DNS, { to: [OWN_PODS], ports: MESH_PORTS }),
    );
    expect(egress(objects)).toEqual([]);
  });

  test('epmd-less nodes need the dist port only, and are told when it is missing', () => {
    const objects = cluster((sts) => {
      sts.spec.template.spec.containers[0].env = [{ name: 'ERL_DIST_PORT', value: '9100' }];
    }, egressPolicy(DNS));
    expect(egress(objects)).toEqual([NO_DIST]);
  });
});

describe('network-policy-peer-selects-pods', () => {
  const egressTo = (rule: any, namespace = NS) => networkPolicy({ podSelector: {}, policyTypes: ['Egress'], egress: [rule] }, 'np', namespace);
  const toDns = (ports: any) => egressTo(ports === undefined ? { to: [DNS_PEER] } : { to: [DNS_PEER], ports });
  const dnsPeerMissing = 'NetworkPolicy/prod/np: egress peer {"matchLabels":{"k8s-app":"kube-dns"}} selects no pods in namespace kube-system';

  test('a namespaceSelector without the name label means any namespace: the message names none', () => {
    const np = policy({ ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'web' } } }] }] });
    expect(peers(cluster(undefined, np))).toEqual(['NetworkPolicy/prod/np: ingress peer {"matchLabels":{"app":"web"}} selects no pods']);
  });

  test('rules without from or to, and lists that are null, have no peers to check', () => {
    expect(peers(cluster(undefined, policy({ ingress: [{}], egress: [{ ports: MESH_PORTS }] })))).toEqual([]);
    expect(peers(cluster(undefined, policy({ ingress: null, egress: null })))).toEqual([]);
    expect(peers(cluster(undefined, networkPolicy(undefined)))).toEqual([]);
  });

  test('only a rule to port 53 alone is DNS, whose pods run in a namespace the app does not deploy to', () => {
    expect(
      peers(
        cluster(
          undefined,
          toDns([
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ]),
        ),
      ),
    ).toEqual([]);
    expect(peers(cluster(undefined, toDns([{ protocol: 'TCP', port: 80 }])))).toEqual([dnsPeerMissing]);
    expect(
      peers(
        cluster(
          undefined,
          toDns([
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 80 },
          ]),
        ),
      ),
    ).toEqual([dnsPeerMissing]);
    expect(peers(cluster(undefined, toDns([])))).toEqual([dnsPeerMissing]);
    expect(peers(cluster(undefined, toDns(undefined)))).toEqual([dnsPeerMissing]);
  });

  test('a DNS peer is still checked in a namespace the manifests deploy to', () => {
    expect(peers(cluster(undefined, deployment('dns', { app: 'dns' }, 'kube-system'), toDns(DNS.ports)))).toEqual([dnsPeerMissing]);
  });

  test("a DNS peer is still checked in the policy's own namespace, even one with no workloads", () => {
    const np = egressTo({ to: [{ podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: DNS.ports }, 'edge');
    expect(peers(cluster(undefined, np))).toEqual([
      'NetworkPolicy/edge/np: egress peer {"matchLabels":{"k8s-app":"kube-dns"}} selects no pods in namespace edge',
    ]);
  });

  test('a DNS peer in any namespace is still checked', () => {
    const np = egressTo({ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: DNS.ports });
    expect(peers([np])).toEqual(['NetworkPolicy/prod/np: egress peer {"matchLabels":{"k8s-app":"kube-dns"}} selects no pods']);
  });
});
