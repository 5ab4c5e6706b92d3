/**
 * The apiserver checks of objects other than pods (lib/checks/object-fields.ts) on the inputs a
 * hand-written manifest can give them: missing specs, null list entries, wrong types, and both
 * sides of each boundary. Each judgment is the exact list of problems.
 */
import { labelSelectorProblems, networkPolicyProblems, pdbProblems, serviceProblems, statefulSetProblems } from '../../lib/checks/object-fields';

const PORT_RANGE = 'must be between 1 and 65535, inclusive';
const OPERATORS = "must be one of 'In', 'NotIn', 'Exists', 'DoesNotExist'";
const ok = { ports: [{ port: 80 }] };

describe('labelSelectorProblems', () => {
  test('a null expression lacks an operator and a key', () => {
    expect(labelSelectorProblems('s', { matchExpressions: [null] })).toEqual([
      { field: 's.matchExpressions[0].operator', value: undefined, message: OPERATORS },
      { field: 's.matchExpressions[0].key', value: undefined, message: 'must be a label key' },
    ]);
  });

  test('NotIn needs values, as In does; Exists takes none', () => {
    const e = (operator: string, values?: string[]) => labelSelectorProblems('s', { matchExpressions: [{ key: 'app', operator, values }] });
    expect(e('NotIn')).toEqual([{ field: 's.matchExpressions[0].values', value: undefined, message: 'must be specified when operator is In or NotIn' }]);
    expect(e('In', [])).toEqual([{ field: 's.matchExpressions[0].values', value: [], message: 'must be specified when operator is In or NotIn' }]);
    expect(e('NotIn', ['a'])).toEqual([]);
    expect(e('Exists')).toEqual([]);
    expect(e('DoesNotExist', ['a'])).toEqual([
      { field: 's.matchExpressions[0].values', value: ['a'], message: 'must be empty when operator is Exists or DoesNotExist' },
    ]);
  });

  test('a key that is not a string or not a label key, and values that are not label values', () => {
    const e = (key: unknown, values = ['ok']) => labelSelectorProblems('s', { matchExpressions: [{ key, operator: 'In', values }] });
    expect(e(5)).toEqual([{ field: 's.matchExpressions[0].key', value: 5, message: 'must be a label key' }]);
    expect(e('bad key')).toEqual([{ field: 's.matchExpressions[0].key', value: 'bad key', message: 'must be a label key' }]);
    expect(e('example.com/app')).toEqual([]);
    expect(e('app', ['ok', '-bad', 'also bad'])).toEqual([
      { field: 's.matchExpressions[0].values', value: '-bad', message: 'must be a label value' },
      { field: 's.matchExpressions[0].values', value: 'also bad', message: 'must be a label value' },
    ]);
  });
});

describe('serviceProblems', () => {
  test('a missing spec needs ports and nothing else', () => {
    expect(serviceProblems(undefined)).toEqual([{ field: 'ports', value: undefined, message: 'is required' }]);
    expect(serviceProblems(null)).toEqual([{ field: 'ports', value: undefined, message: 'is required' }]);
  });

  test('a headless Service found by clusterIPs needs no ports; null fields count as unset', () => {
    expect(serviceProblems({ clusterIPs: ['None'] })).toEqual([]);
    expect(serviceProblems({ type: null, sessionAffinity: null, externalTrafficPolicy: null, healthCheckNodePort: null, ...ok })).toEqual([]);
  });

  test('null ports lack names and numbers and repeat TCP/undefined', () => {
    expect(serviceProblems({ ports: [null] })).toEqual([{ field: 'ports[0].port', value: undefined, message: PORT_RANGE }]);
    expect(serviceProblems({ ports: [null, null] })).toEqual([
      { field: 'ports[0].name', value: undefined, message: 'is required when there is more than one port' },
      { field: 'ports[0].port', value: undefined, message: PORT_RANGE },
      { field: 'ports[1].name', value: undefined, message: 'is required when there is more than one port' },
      { field: 'ports[1].port', value: undefined, message: PORT_RANGE },
      { field: 'ports[1]', value: 'TCP/undefined', message: 'duplicates the protocol and port of another port' },
    ]);
  });

  test('port numbers: integers from 1 to 65535', () => {
    const port = (p: unknown) => serviceProblems({ ports: [{ port: p }] });
    expect([1, 65535].map(port)).toEqual([[], []]);
    for (const bad of [0, 65536, 1.5, '80']) expect(port(bad)).toEqual([{ field: 'ports[0].port', value: bad, message: PORT_RANGE }]);
  });

  test('session affinity timeout: more than 0, at most 86400; the config needs ClientIP', () => {
    const timeout = (t: unknown) => serviceProblems({ ...ok, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: t } } });
    expect([1, 86400].map(timeout)).toEqual([[], []]);
    for (const bad of [0, 86401]) {
      expect(timeout(bad)).toEqual([
        { field: 'sessionAffinityConfig.clientIP.timeoutSeconds', value: bad, message: 'must be greater than 0 and at most 86400' },
      ]);
    }
    expect(serviceProblems({ ...ok, sessionAffinity: 'ClientIP', sessionAffinityConfig: {} })).toEqual([]);
    expect(serviceProblems({ ...ok, sessionAffinityConfig: {} })).toEqual([
      { field: 'sessionAffinityConfig', value: {}, message: "may only be set when sessionAffinity is 'ClientIP'" },
    ]);
  });

  test('load balancer fields on a ClusterIP Service', () => {
    const only = "may only be used when type is 'LoadBalancer'";
    expect(serviceProblems({ ...ok, loadBalancerClass: 'x', allocateLoadBalancerNodePorts: false })).toEqual([
      { field: 'allocateLoadBalancerNodePorts', value: false, message: only },
      { field: 'loadBalancerClass', value: 'x', message: only },
    ]);
    expect(serviceProblems({ ...ok, type: 'LoadBalancer', loadBalancerClass: 'x', allocateLoadBalancerNodePorts: false })).toEqual([]);
  });

  test('healthCheckNodePort needs a LoadBalancer and externalTrafficPolicy Local', () => {
    const msg = "may only be set when type is 'LoadBalancer' and externalTrafficPolicy is 'Local'";
    const hc = (type: string, externalTrafficPolicy: string) => serviceProblems({ ...ok, type, externalTrafficPolicy, healthCheckNodePort: 30000 });
    expect(hc('LoadBalancer', 'Local')).toEqual([]);
    expect(hc('LoadBalancer', 'Cluster')).toEqual([{ field: 'healthCheckNodePort', value: 30000, message: msg }]);
    expect(hc('NodePort', 'Local')).toEqual([{ field: 'healthCheckNodePort', value: 30000, message: msg }]);
  });
});

describe('statefulSetProblems', () => {
  test('a missing spec, template or pod spec is no problem', () => {
    for (const spec of [undefined, null, {}, { updateStrategy: {} }, { template: {} }, { template: { spec: {} } }])
      expect(statefulSetProblems(spec)).toEqual([]);
  });

  test('replicas: 0 is allowed, -1 is not; retention policies are Retain or Delete', () => {
    expect(statefulSetProblems({ replicas: 0 })).toEqual([]);
    expect(statefulSetProblems({ replicas: -1 })).toEqual([{ field: 'replicas', value: -1, message: 'must be greater than or equal to 0' }]);
    expect(statefulSetProblems({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Keep' } })).toEqual([
      { field: 'persistentVolumeClaimRetentionPolicy.whenScaled', value: 'Keep', message: "must be one of 'Retain', 'Delete'" },
    ]);
  });
});

describe('pdbProblems', () => {
  test('a missing spec is no problem', () => {
    expect(pdbProblems(undefined)).toEqual([]);
    expect(pdbProblems(null)).toEqual([]);
  });

  test('a percentage is whole: digits then %, at most 100%', () => {
    const pct = "must be an integer or a percentage such as '50%'";
    expect(pdbProblems({ minAvailable: '100%' })).toEqual([]);
    expect(pdbProblems({ minAvailable: '101%' })).toEqual([{ field: 'minAvailable', value: '101%', message: 'must not be greater than 100%' }]);
    for (const bad of ['50%x', 'x50%', '50']) expect(pdbProblems({ maxUnavailable: bad })).toEqual([{ field: 'maxUnavailable', value: bad, message: pct }]);
  });
});

describe('networkPolicyProblems', () => {
  const at = 'ingress[0].from[0]';
  const except = (cidr: string, ...e: string[]) => networkPolicyProblems({ ingress: [{ from: [{ ipBlock: { cidr, except: e } }] }] });
  const outside = (cidr: string, e: string, i = 0) => ({ field: `${at}.ipBlock.except[${i}]`, value: e, message: `must be a CIDR strictly inside ${cidr}` });

  test('a missing spec, null rules, ports and peers', () => {
    expect(networkPolicyProblems(undefined)).toEqual([]);
    expect(networkPolicyProblems({ ingress: [null], egress: [null] })).toEqual([]);
    expect(networkPolicyProblems({ egress: [{ ports: [null], to: [null] }] })).toEqual([
      { field: 'egress[0].to[0]', value: null, message: 'must specify a peer' },
    ]);
  });

  test('selector problems name their selector', () => {
    const bad = { matchLabels: { app: '-x' } };
    expect(networkPolicyProblems({ podSelector: bad, ingress: [{ from: [{ podSelector: bad, namespaceSelector: bad }] }] })).toEqual([
      { field: 'podSelector.matchLabels.app', value: '-x', message: 'must be a label value' },
      { field: `${at}.podSelector.matchLabels.app`, value: '-x', message: 'must be a label value' },
      { field: `${at}.namespaceSelector.matchLabels.app`, value: '-x', message: 'must be a label value' },
    ]);
  });

  test('an ipBlock cidr that is not a string or not a CIDR', () => {
    for (const cidr of [5, undefined, '10.0.0.0/33']) {
      expect(networkPolicyProblems({ ingress: [{ from: [{ ipBlock: { cidr } }] }] })).toEqual([
        { field: `${at}.ipBlock.cidr`, value: cidr, message: 'must be a CIDR' },
      ]);
    }
  });

  test('except: a CIDR of the same family, strictly inside', () => {
    expect(except('10.0.0.0/8', '10.1.0.0/16')).toEqual([]);
    expect(except('10.0.0.0/8', 'garbage', '10.0.0.0/8', '11.0.0.0/16')).toEqual([
      outside('10.0.0.0/8', 'garbage'),
      outside('10.0.0.0/8', '10.0.0.0/8', 1),
      outside('10.0.0.0/8', '11.0.0.0/16', 2),
    ]);
    expect(except('0.0.0.0/1', '::/64')).toEqual([outside('0.0.0.0/1', '::/64')]);
  });

  test('except: IPv6 in full form, with ::, and with a dotted IPv4 tail', () => {
    expect(except('::/1', 'ffff:0:0:0:0:0:0:0/16')).toEqual([outside('::/1', 'ffff:0:0:0:0:0:0:0/16')]);
    expect(except('fd00:0:0:0:0:0:0:0/16', 'fd00::1/128', 'fd00:1::/32')).toEqual([]);
    expect(except('fd00::/16', 'fe00::1/128', 'fd00:1::/32')).toEqual([outside('fd00::/16', 'fe00::1/128')]);
    expect(except('::ffff:10.0.0.0/120', '::ffff:10.0.0.128/121', '::ffff:10.0.1.0/121', '::ffff:11.0.0.0/121')).toEqual([
      outside('::ffff:10.0.0.0/120', '::ffff:10.0.1.0/121', 1),
      outside('::ffff:10.0.0.0/120', '::ffff:11.0.0.0/121', 2),
    ]);
    expect(except('::ffff:0:0/96', '::ffff:10.0.0.0/104')).toEqual([]);
    expect(except('0:0:0:0:0:ffff:10.0.0.0/120', '0:0:0:0:0:ffff:10.0.0.128/121', '0:0:0:0:0:ffff:10.0.1.0/121')).toEqual([
      outside('0:0:0:0:0:ffff:10.0.0.0/120', '0:0:0:0:0:ffff:10.0.1.0/121', 1),
    ]);
  });
});
