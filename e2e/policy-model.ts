/**
 * The verdicts that NetworkPolicies give, straight from the API's semantics
 * (kubernetes.io/docs/concepts/services-networking/network-policies), for the
 * e2e check's expectations. Deliberately separate from e2e/network-policy.ts,
 * which compiles policies into iptables rules: the check compares what the
 * kernel did with what this model says, so the two must not share the logic
 * under test. Unit-tested on its own (test/e2e-models/policy.test.ts). Pure.
 *
 * A connection is allowed when the source's egress allows it AND the
 * destination's ingress allows it. A direction is open unless some policy in
 * the pod's namespace selects the pod and covers that direction; then some
 * rule of such a policy must match both the peer and the port.
 */
import { selectorMatches } from '../lib/kubernetes/label-selector';
import { effectivePolicyTypes } from '../lib/kubernetes/network-policy';
import { Container, KubeObject, LabelSelector, Labels, namespaceLabels, NetworkPolicyPeer, NetworkPolicyPort, networkPolicies } from './kube';

/** One end of a connection. `container` resolves named ports on the destination. */
export interface PolicyEnd {
  readonly namespace: string;
  readonly labels: Labels;
  readonly ip: string;
  readonly container?: Container;
}

/** An egress rule, in the API's wire form (e2e/kube.ts knows ingress only). */
interface EgressRule {
  readonly to?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}

interface PolicySpec {
  readonly podSelector?: LabelSelector;
  readonly policyTypes?: readonly string[];
  readonly ingress?: readonly { readonly from?: readonly NetworkPolicyPeer[]; readonly ports?: readonly NetworkPolicyPort[] }[];
  readonly egress?: readonly EgressRule[];
}

export type Direction = 'Ingress' | 'Egress';

/** The policy types in effect, with the API's default when none are given: the validator's own function. */
export { effectivePolicyTypes as policyTypes };

function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

/** Whether IPv4 `ip` lies in `cidr`. */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits = '32'] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipToInt(base) / size) * size;
  return ipToInt(ip) >= start && ipToInt(ip) < start + size;
}

/** Whether a `from`/`to` peer of a policy in `policyNamespace` matches `end`. */
export function peerMatches(peer: NetworkPolicyPeer, policyNamespace: string, end: PolicyEnd): boolean {
  if (peer.ipBlock) return inCidr(end.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => inCidr(end.ip, c));
  const namespaceOk =
    peer.namespaceSelector === undefined ? end.namespace === policyNamespace : selectorMatches(peer.namespaceSelector, namespaceLabels(end.namespace));
  const podOk = peer.podSelector === undefined || selectorMatches(peer.podSelector, end.labels);
  return namespaceOk && podOk;
}

/** Whether a rule's `ports` admit `port`/`protocol` on the destination (named ports are looked up on its container). */
export function portMatches(ports: readonly NetworkPolicyPort[] | undefined, port: number, protocol: string, destination: PolicyEnd): boolean {
  if (ports === undefined || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    const first = typeof p.port === 'number' ? p.port : destination.container?.ports?.find((c) => c.name === p.port)?.containerPort;
    if (first === undefined) return false;
    return port >= first && port <= (p.endPort ?? first);
  });
}

/** One direction's verdict, with the policies that decided it. */
export interface Verdict {
  readonly allowed: boolean;
  readonly why: string;
}

/** The verdict of the policies that select `self` for `direction` on a connection with `peer`. */
function side(
  objects: readonly KubeObject[],
  direction: Direction,
  self: PolicyEnd,
  peer: PolicyEnd,
  destination: PolicyEnd,
  port: number,
  protocol: string,
): Verdict {
  const selecting = networkPolicies(objects).filter(
    (np) =>
      np.namespace === self.namespace &&
      effectivePolicyTypes(np.spec as PolicySpec).includes(direction) &&
      selectorMatches((np.spec as PolicySpec).podSelector ?? {}, self.labels),
  );
  if (selecting.length === 0) return { allowed: true, why: `no policy selects it for ${direction}` };
  for (const np of selecting) {
    const spec = np.spec as PolicySpec;
    const rules =
      direction === 'Ingress'
        ? (spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }))
        : (spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
    const hit = rules.findIndex(
      (r) =>
        (r.peers === undefined || r.peers.length === 0 || r.peers.some((p) => peerMatches(p, np.namespace, peer))) &&
        portMatches(r.ports, port, protocol, destination),
    );
    if (hit >= 0) return { allowed: true, why: `NetworkPolicy ${np.namespace}/${np.name} ${direction.toLowerCase()}[${hit}]` };
  }
  return { allowed: false, why: `isolated for ${direction} by ${selecting.map((np) => `${np.namespace}/${np.name}`).join(', ')}, and no rule matches` };
}

/** Whether a connection from `source` to `destination` on `port` is allowed: egress of the source and ingress of the destination. */
export function connectionAllowed(objects: readonly KubeObject[], source: PolicyEnd, destination: PolicyEnd, port: number, protocol = 'TCP'): Verdict {
  const egress = side(objects, 'Egress', source, destination, destination, port, protocol);
  if (!egress.allowed) return { allowed: false, why: `egress: ${egress.why}` };
  const ingress = side(objects, 'Ingress', destination, source, destination, port, protocol);
  return ingress.allowed ? { allowed: true, why: `${egress.why}; ${ingress.why}` } : { allowed: false, why: `ingress: ${ingress.why}` };
}
