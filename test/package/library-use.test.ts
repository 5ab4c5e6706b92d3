import { Chart, Testing, Size } from 'cdk8s';
import { IntOrString } from '../../imports/k8s';
import { Construct } from 'constructs';
import {
  ClusterDiscovery,
  ErlangCookie,
  ErlangStatefulCluster,
  LoadBalancedServiceType,
  LoadBalancedService,
  LocalStorageClass,
  resolveEnv,
  ErlangRelease,
} from 'cdk8s-erlang-cluster';
import { KubeObject } from '../../lib/validation/manifests';
import { formatReport, validateManifests } from '../../lib/validation/validate';
import { find } from '../helpers';

/**
 * The library use case: a team's own chart, in its own namespace, with its own
 * names and cluster domain, built only from the package's public exports.
 */
class PaymentsChart extends Chart {
  public readonly ledger: ErlangStatefulCluster;
  public readonly gateway: ErlangStatefulCluster;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const cookie = ErlangCookie.fromSecretName('payments-cookie', 'erlang');
    const storage = new LocalStorageClass(this, 'Disks', { name: 'payments-local' });
    // One local volume per ledger pod: a no-provisioner class binds only the volumes it has.
    for (let i = 0; i < 5; i++)
      storage.addVolume(`Disk${i}`, { name: `payments-ledger-${i}`, nodeName: `node-${7 + i}`, path: `/srv/ledger-${i}`, size: Size.gibibytes(5) });

    this.ledger = new ErlangStatefulCluster(this, 'Ledger', {
      basename: 'ledger',
      release: ErlangRelease.relx(),
      name: 'ledger',
      headlessServiceName: 'ledger-nodes',
      namespace: 'payments',
      clusterDomain: 'corp.local',
      image: 'registry.corp.example/payments/ledger:2.4.1',
      cookie,
      replicas: 5,
      appPorts: [{ name: 'grpc', port: 50051 }],
      storage: { mountPath: '/var/lib/ledger', size: Size.gibibytes(5), storageClass: storage, accessMode: 'ReadWriteOnce' },
      discovery: ClusterDiscovery.kubernetesApi(),
    });
    this.gateway = new ErlangStatefulCluster(this, 'Gateway', {
      basename: 'gateway',
      release: ErlangRelease.relx(),
      namespace: 'edge',
      clusterDomain: 'corp.local',
      image: 'registry.corp.example/payments/gateway:2.4.1',
      cookie,
      replicas: 2,
      appPorts: [{ name: 'https', port: 8443 }],
      distribution: { port: 9200 },
      // libcluster's DNSSRV assumes cluster.local; this cluster wires no discovery (the app connects its peers).
      discovery: ClusterDiscovery.none(),
    });
    ErlangStatefulCluster.mesh(this.ledger, this.gateway);
    const ledgerSvc = new LoadBalancedService(this, 'LedgerSvc', {
      name: 'ledger',
      namespace: 'payments',
      selector: this.ledger.selectorLabels,
      ports: [{ name: 'grpc', port: 50051 }],
    });
    new LoadBalancedService(this, 'GatewaySvc', {
      name: 'gateway',
      namespace: 'edge',
      type: LoadBalancedServiceType.LOAD_BALANCER,
      selector: this.gateway.selectorLabels,
      ports: [{ name: 'https', port: 443, targetPort: IntOrString.fromString('https') }],
    });
    this.gateway.addServiceDomain('LEDGER_SERVICE_DOMAIN', ledgerSvc.name, ledgerSvc.namespace);
  }
}

const chart = new PaymentsChart(Testing.app(), 'payments');
const objects = Testing.synth(chart) as KubeObject[];

describe('the constructs in another chart', () => {
  test('validates cleanly (strict schema and cross-object checks)', () => {
    expect(formatReport(validateManifests(objects))).toBe('');
  });

  test("names, namespaces and the cluster domain are the chart's own", () => {
    const ledger = find(objects, 'StatefulSet', 'ledger');
    expect(ledger.metadata.namespace).toBe('payments');
    expect(ledger.spec.serviceName).toBe('ledger-nodes');
    expect(find(objects, 'Service', 'ledger-nodes').metadata.namespace).toBe('payments');
    expect(find(objects, 'StatefulSet', 'gateway-sfs').metadata.namespace).toBe('edge');
    expect(chart.ledger.nodeNames).toEqual([0, 1, 2, 3, 4].map((i) => `ledger@ledger-${i}.ledger-nodes.payments.svc.corp.local`));
    expect(chart.gateway.podFqdn(1)).toBe('gateway-sfs-1.gateway-hl.edge.svc.corp.local');
  });

  test('RELEASE_NODE expands to the pod FQDN in the custom domain', () => {
    const container = find(objects, 'StatefulSet', 'ledger').spec.template.spec.containers[0];
    const env = resolveEnv(container.env, (_, from) =>
      from.fieldRef?.fieldPath === 'metadata.name' ? 'ledger-3' : from.fieldRef?.fieldPath === 'metadata.namespace' ? 'payments' : 'x',
    );
    expect(env.get('RELEASE_NODE')).toBe('ledger@ledger-3.ledger-nodes.payments.svc.corp.local');
  });

  test('a peer in another namespace is admitted through a namespaceSelector and reached by FQDN', () => {
    const np = find(objects, 'NetworkPolicy', 'gateway-sfs');
    expect(np.metadata.namespace).toBe('edge');
    expect(np.spec.ingress[0].from).toEqual([
      { podSelector: { matchLabels: { app: 'gateway' } } },
      { podSelector: { matchLabels: { app: 'ledger' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'payments' } } },
    ]);
    expect(np.spec.ingress[0].ports).toEqual([
      { protocol: 'TCP', port: 4369 },
      { protocol: 'TCP', port: 9200 },
    ]);
    const env = find(objects, 'StatefulSet', 'gateway-sfs').spec.template.spec.containers[0].env;
    expect(env.find((e: any) => e.name === 'LEDGER_SERVICE_DOMAIN').value).toBe('ledger.payments.svc.corp.local');
  });

  test('storage binds to the local class, with a declared node-local volume', () => {
    const claim = find(objects, 'StatefulSet', 'ledger').spec.volumeClaimTemplates[0];
    expect(claim).toEqual({
      metadata: { name: 'ledger-volume' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'payments-local', resources: { requests: { storage: '5Gi' } } },
    });
    const pv = find(objects, 'PersistentVolume', 'payments-ledger-0');
    expect(pv.spec.local).toEqual({ path: '/srv/ledger-0' });
    expect(pv.spec.storageClassName).toBe('payments-local');
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Retain');
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions).toEqual([
      { key: 'kubernetes.io/hostname', operator: 'In', values: ['node-7'] },
    ]);
  });

  test('API discovery gets a namespaced, read-only Role; the other cluster gets no token', () => {
    const role = find(objects, 'Role', 'ledger-discovery');
    expect(role.metadata.namespace).toBe('payments');
    // Pods, not endpoints: the load-balanced Service's Endpoints carry the same labels but no hostnames.
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]);
    expect(find(objects, 'RoleBinding', 'ledger-discovery').subjects).toEqual([{ kind: 'ServiceAccount', name: 'ledger-discovery', namespace: 'payments' }]);
    expect(find(objects, 'StatefulSet', 'ledger').spec.template.spec.serviceAccountName).toBe('ledger-discovery');
    expect(find(objects, 'StatefulSet', 'ledger').spec.template.spec.automountServiceAccountToken).toBe(true);
    expect(find(objects, 'StatefulSet', 'gateway-sfs').spec.template.spec.automountServiceAccountToken).toBe(false);
  });
});
