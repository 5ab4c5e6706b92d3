/**
 * The e2e check's models of cluster DNS, kube-proxy and the kubelet's env
 * expansion, case by case against the documented behaviour: the live
 * scenarios and the sabotage table trust them.
 */
import { dnsZone, DnsPod } from '../../e2e/cluster-dns';
import { KubeObject } from '../../e2e/kube';
import { assignClusterIps, endpointProbability, natRules, serviceRules } from '../../e2e/kube-proxy';
import { expandEnv, pinnedDistPort } from '../../e2e/kubelet';

const svc = (name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'ns' }, spec });
const pod = (
  name: string,
  ip: string,
  ready: boolean,
  subdomain = 'app-hl',
): DnsPod & { container: { name: string; ports: { name: string; containerPort: number }[] } } => ({
  name,
  namespace: 'ns',
  labels: { app: 'app' },
  hostname: name,
  subdomain,
  ip,
  ready,
  container: { name: 'c', ports: [{ name: 'http', containerPort: 8080 }] },
});

describe('cluster DNS model (Kubernetes DNS spec)', () => {
  const headless = svc('app-hl', {
    clusterIP: 'None',
    selector: { app: 'app' },
    ports: [
      { name: 'dist', port: 9100 },
      { name: 'epmd', port: 4369 },
    ],
  });
  const pods = [pod('app-0', '10.0.0.10', true), pod('app-1', '10.0.0.11', false)];

  test('headless: per-pod A, service A per endpoint, SRV per named port and on the bare name, Ready pods only', () => {
    const zone = dnsZone([headless], pods, new Map(), 'cluster.local');
    expect(zone.a).toEqual([
      { name: 'app-hl.ns.svc.cluster.local', ip: '10.0.0.10' },
      { name: 'app-0.app-hl.ns.svc.cluster.local', ip: '10.0.0.10' },
    ]);
    expect(zone.srv.filter((r) => r.name === '_dist._tcp.app-hl.ns.svc.cluster.local')).toEqual([
      { name: '_dist._tcp.app-hl.ns.svc.cluster.local', target: 'app-0.app-hl.ns.svc.cluster.local', port: 9100 },
    ]);
    expect(zone.srv.filter((r) => r.name === 'app-hl.ns.svc.cluster.local').map((r) => r.port)).toEqual([9100, 4369]);
  });

  test('publishNotReadyAddresses publishes booting pods too', () => {
    const zone = dnsZone([svc('app-hl', { ...(headless.spec as object), publishNotReadyAddresses: true })], pods, new Map(), 'cluster.local');
    expect(zone.a.map((r) => r.name)).toContain('app-1.app-hl.ns.svc.cluster.local');
  });

  test('a pod whose subdomain is another Service gets no name of its own', () => {
    const zone = dnsZone([headless], [pod('x-0', '10.0.0.12', true, 'other')], new Map(), 'cluster.local');
    expect(zone.a).toEqual([{ name: 'app-hl.ns.svc.cluster.local', ip: '10.0.0.12' }]);
    expect(zone.srv).toEqual([]);
  });

  test('ClusterIP Service: A to the ClusterIP, SRV to the Service name', () => {
    const objects = [svc('web', { selector: { app: 'app' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] })];
    const zone = dnsZone(objects, pods, assignClusterIps(objects), 'cluster.local');
    expect(zone.a).toEqual([{ name: 'web.ns.svc.cluster.local', ip: '10.96.0.100' }]);
    expect(zone.srv).toEqual([{ name: '_http._tcp.web.ns.svc.cluster.local', target: 'web.ns.svc.cluster.local', port: 80 }]);
  });
});

describe('kube-proxy model (iptables mode)', () => {
  const objects = [
    svc('app-hl', { clusterIP: 'None', selector: { app: 'app' }, ports: [{ port: 9100 }] }),
    svc('web', { type: 'NodePort', selector: { app: 'app' }, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] }),
  ];
  const pods = [pod('app-0', '10.0.0.10', true), pod('app-1', '10.0.0.11', false), pod('app-2', '10.0.0.12', true)];

  test('headless Services get no ClusterIP; endpoints are Ready pods on the resolved targetPort', () => {
    const ips = assignClusterIps(objects);
    expect([...ips]).toEqual([['ns/web', '10.96.0.100']]);
    expect(serviceRules(objects, pods, ips)).toEqual([
      { id: 'ns/web:http', clusterIp: '10.96.0.100', port: 80, protocol: 'tcp', nodePort: 30080, endpoints: ['10.0.0.10:8080', '10.0.0.12:8080'] },
    ]);
  });

  test('random choice: 1/n, 1/(n-1), …, then unconditional, so each endpoint is equally likely', () => {
    const n = 4;
    let left = 1;
    const shares = Array.from({ length: n }, (_, i) => {
      const p = endpointProbability(i, n) ?? 1;
      const share = left * p;
      left -= share;
      return share;
    });
    shares.forEach((s) => expect(s).toBeCloseTo(1 / n));
  });

  test('pod rules DNAT the ClusterIP; node rules DNAT the NodePort and masquerade', () => {
    const rules = serviceRules(objects, pods, assignClusterIps(objects));
    const podNat = natRules(rules, { pod: true });
    expect(podNat).toContain('-A KUBE-SERVICES -d 10.96.0.100/32 -p tcp -m tcp --dport 80');
    expect(podNat).toContain('-m statistic --mode random --probability 0.50000 -p tcp -j DNAT --to-destination 10.0.0.10:8080');
    expect(podNat).toMatch(/-A KUBE-SVC-0 -p tcp -j DNAT --to-destination 10.0.0.12:8080/);
    const nodeNat = natRules(rules, { node: '198.18.0.1' });
    expect(nodeNat).toContain('-A KUBE-SERVICES -d 198.18.0.1/32 -p tcp -m tcp --dport 30080');
    expect(nodeNat).toContain('MASQUERADE');
    expect(nodeNat).not.toContain('10.96.0.100');
  });
});

describe("the e2e check's kubelet env expansion (EnvVar.value semantics)", () => {
  const expand = (env: { name: string; value: string }[]) => expandEnv(env, () => '');

  test('earlier variables expand, later and unknown ones stay literal, $$ escapes', () => {
    const { env, literals } = expand([
      { name: 'A', value: 'a' },
      { name: 'B', value: '$(A)-$(C)-$(NOPE)-$$(A)-$$$(A)' },
      { name: 'C', value: 'c' },
    ]);
    expect(env.get('B')).toBe('a-$(C)-$(NOPE)-$(A)-$a');
    expect(literals).toEqual([
      { variable: 'B', reference: 'C', reason: 'defined later' },
      { variable: 'B', reference: 'NOPE', reason: 'not defined' },
    ]);
  });

  test('unterminated and empty references stay as written', () => {
    expect(
      expand([
        { name: 'X', value: '$(A' },
        { name: 'Y', value: '$()' },
        { name: 'Z', value: '$' },
      ]).env,
    ).toEqual(
      new Map([
        ['X', '$(A'],
        ['Y', '$()'],
        ['Z', '$'],
      ]),
    );
  });

  test('the pinned dist port: ERL_DIST_PORT, else a one-port inet_dist_listen range', () => {
    expect(pinnedDistPort(new Map([['ERL_AFLAGS', '-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100']]))).toBe(9100);
    expect(pinnedDistPort(new Map([['ERL_AFLAGS', '-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9105']]))).toBeUndefined();
    expect(pinnedDistPort(new Map([['ERL_DIST_PORT', '9300']]))).toBe(9300);
    expect(pinnedDistPort(new Map([['ERLANG_DIST_PORT', '9100']]))).toBeUndefined();
  });
});
