/**
 * NetworkPolicies compiled for enforcement, as pure functions: which pods a
 * policy isolates for ingress and egress, the addresses and ports each rule
 * admits, and the iptables rules that enforce that inside a pod's network
 * namespace (what a CNI such as Calico does, minus everything about nodes).
 * The e2e check's expected verdicts come from e2e/policy-model.ts instead.
 */
import { KubeObject, LabelSelector, namespaceLabels, NetworkPolicyPeer, NetworkPolicyPort, networkPolicies, resolvePort } from './kube';
import { selectorMatches } from '../lib/kubernetes/label-selector';
import { Pod, podKey } from './simulate';

/** Ports a rule admits: one protocol, a port or range, or every port when `from` is undefined. */
export interface PortMatch {
  readonly protocol: string;
  readonly from?: number;
  readonly to?: number;
}

/** One ingress rule, resolved against the cluster's pods: source addresses × ports. */
export interface IngressAllow {
  /** `any`, or source CIDRs (a pod is its IP/32). */
  readonly sources: 'any' | readonly string[];
  /** `any`, or the admitted ports. */
  readonly ports: 'any' | readonly PortMatch[];
  /** `NetworkPolicy ns/name ingress[i]`, for messages. */
  readonly origin: string;
}

/** The ingress a pod gets: isolated by some policy (and then only `allows`), or open. */
export interface PodIngress {
  readonly isolated: boolean;
  readonly allows: readonly IngressAllow[];
}

/** Whether a policy covers ingress: `policyTypes` says so, or is absent (ingress is then implied). */
function coversIngress(types: readonly string[] | undefined): boolean {
  return types === undefined || types.includes('Ingress');
}

/** The pods a `from` peer selects: namespace- and pod-selector together, as the API defines them. */
export function peerSources(peer: NetworkPolicyPeer, policyNamespace: string, pods: readonly Pod[]): string[] {
  if (peer.ipBlock) {
    if ((peer.ipBlock.except ?? []).length > 0) throw new Error('ipBlock.except is not simulated');
    return [peer.ipBlock.cidr];
  }
  const inNamespace = (p: Pod) =>
    peer.namespaceSelector ? selectorMatches(peer.namespaceSelector, namespaceLabels(p.namespace)) : p.namespace === policyNamespace;
  const byLabels = (p: Pod) => selectorMatches(peer.podSelector ?? {}, p.labels);
  return pods.filter((p) => inNamespace(p) && byLabels(p)).map((p) => `${p.ip}/32`);
}

/** A policy port on the destination pod: named ports resolve against its container. */
export function portMatch(port: NetworkPolicyPort, pod: Pod): PortMatch | undefined {
  const protocol = port.protocol ?? 'TCP';
  if (port.port === undefined) return { protocol };
  const from = resolvePort(port.port, pod.container);
  if (from === undefined) return undefined; // a named port the pod lacks admits nothing
  return { protocol, from, to: port.endPort ?? from };
}

/** The ingress of `pod` under every NetworkPolicy in its namespace that selects it. */
export function podIngress(objects: readonly KubeObject[], pod: Pod, pods: readonly Pod[]): PodIngress {
  const policies = networkPolicies(objects).filter(
    (np) => np.namespace === pod.namespace && coversIngress(np.spec.policyTypes) && selectorMatches(np.spec.podSelector ?? ({} as LabelSelector), pod.labels),
  );
  const allows = policies.flatMap((np) =>
    (np.spec.ingress ?? []).map((rule, i): IngressAllow => ({
      origin: `NetworkPolicy ${np.namespace}/${np.name} ingress[${i}]`,
      sources: rule.from === undefined || rule.from.length === 0 ? 'any' : rule.from.flatMap((peer) => peerSources(peer, np.namespace, pods)),
      ports:
        rule.ports === undefined || rule.ports.length === 0 ? 'any' : rule.ports.map((p) => portMatch(p, pod)).filter((p): p is PortMatch => p !== undefined),
    })),
  );
  return { isolated: policies.length > 0, allows };
}

/** Whether a policy covers egress: `policyTypes` says so, or is absent and the policy has egress rules. */
function coversEgress(types: readonly string[] | undefined, egress: readonly unknown[] | undefined): boolean {
  return types === undefined ? egress !== undefined : types.includes('Egress');
}

/** One egress rule resolved against the cluster's pods: destination CIDR and ports, per destination (named ports resolve on each). */
export interface EgressAllow {
  /** `any`, or the destination CIDR. */
  readonly destination: 'any' | string;
  readonly ports: 'any' | readonly PortMatch[];
  readonly origin: string;
}

/** The egress a pod gets: isolated by some policy (and then only `allows`), or open. */
export interface PodEgress {
  readonly isolated: boolean;
  readonly allows: readonly EgressAllow[];
}

/**
 * The egress of `pod` under every NetworkPolicy in its namespace that selects
 * it for Egress. A `to` peer that selects pods becomes one allow per pod, so
 * that named ports resolve on that pod's container.
 */
export function podEgress(objects: readonly KubeObject[], pod: Pod, pods: readonly Pod[]): PodEgress {
  const policies = networkPolicies(objects).filter(
    (np) =>
      np.namespace === pod.namespace &&
      coversEgress(np.spec.policyTypes, np.spec.egress) &&
      selectorMatches(np.spec.podSelector ?? ({} as LabelSelector), pod.labels),
  );
  const allows = policies.flatMap((np) =>
    (np.spec.egress ?? []).flatMap((rule, i): EgressAllow[] => {
      const origin = `NetworkPolicy ${np.namespace}/${np.name} egress[${i}]`;
      const anyPort = rule.ports === undefined || rule.ports.length === 0;
      const portsOn = (to: Pod | undefined): 'any' | PortMatch[] => {
        if (anyPort) return 'any';
        return rule.ports!.flatMap((p) => {
          if (typeof p.port === 'string' && to === undefined) throw new Error(`${origin}: a named port towards a CIDR is not simulated`);
          const m = to === undefined ? portMatch(p, pod) : portMatch(p, to);
          return m ? [m] : [];
        });
      };
      if (rule.to === undefined || rule.to.length === 0) return [{ destination: 'any', ports: portsOn(undefined), origin }];
      return rule.to.flatMap((peer) =>
        peer.ipBlock
          ? peerSources(peer, np.namespace, pods).map((cidr) => ({ destination: cidr, ports: portsOn(undefined), origin }))
          : pods.filter((p) => peerSources(peer, np.namespace, [p]).length > 0).map((to) => ({ destination: `${to.ip}/32`, ports: portsOn(to), origin })),
      );
    }),
  );
  return { isolated: policies.length > 0, allows };
}

/** Whether `cidr` contains `ip` (IPv4). */
export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bits] = cidr.split('/');
  const toInt = (a: string) => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  const mask = Number(bits ?? 32) === 0 ? 0 : (0xffffffff << (32 - Number(bits ?? 32))) >>> 0;
  return (toInt(base) & mask) >>> 0 === (toInt(ip) & mask) >>> 0;
}

/** Whether `ingress` admits a connection from `sourceIp` to `port`. */
export function admits(ingress: PodIngress, sourceIp: string, port: number, protocol = 'TCP'): boolean {
  if (!ingress.isolated) return true;
  return ingress.allows.some(
    (a) =>
      (a.sources === 'any' || a.sources.some((c) => cidrContains(c, sourceIp))) &&
      (a.ports === 'any' || a.ports.some((p) => p.protocol === protocol && (p.from === undefined || (port >= p.from && port <= (p.to ?? p.from))))),
  );
}

/** iptables match arguments for one admitted port. */
function portArgs(p: PortMatch): string {
  const proto = p.protocol.toLowerCase();
  if (p.from === undefined) return `-p ${proto}`;
  const range = p.to !== undefined && p.to !== p.from ? `${p.from}:${p.to}` : `${p.from}`;
  return `-p ${proto} -m ${proto} --dport ${range}`;
}

/**
 * `iptables-restore` input that enforces `ingress` (INPUT) and `egress`
 * (OUTPUT) in the pod's namespace, or undefined for a pod no policy
 * isolates. `hostIps`: the node's addresses, always admitted in. Loopback
 * stays open (the node talks to its own epmd), and packets of established
 * connections pass both ways: policies are stateful. Everything else not
 * admitted is dropped, as most CNIs do.
 */
export function iptablesRules(pod: Pod, ingress: PodIngress, hostIps: readonly string[] = [], egress?: PodEgress): string | undefined {
  if (!ingress.isolated && !egress?.isolated) return undefined;
  const input = ingress.isolated
    ? [
        '-A INPUT -i lo -j ACCEPT',
        '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
        // The kubelet probes from the node; CNIs (Calico, Cilium) admit the node's own traffic to its pods.
        ...hostIps.map((ip) => `-A INPUT -s ${ip}/32 -m comment --comment "the node (kubelet probes)" -j ACCEPT`),
        ...ingress.allows.flatMap((a) => {
          const sources = a.sources === 'any' ? [''] : a.sources.map((src) => `-s ${src} `);
          const ports = a.ports === 'any' ? [''] : a.ports.map((p) => `${portArgs(p)} `);
          return sources.flatMap((src) => ports.map((p) => `-A INPUT ${src}${p}-m comment --comment "${a.origin}" -j ACCEPT`));
        }),
        '-A INPUT -j DROP',
      ]
    : [];
  const output = egress?.isolated
    ? [
        '-A OUTPUT -o lo -j ACCEPT',
        '-A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
        ...egress.allows.flatMap((a) => {
          const dest = a.destination === 'any' ? '' : `-d ${a.destination} `;
          const ports = a.ports === 'any' ? [''] : a.ports.map((p) => `${portArgs(p)} `);
          return ports.map((p) => `-A OUTPUT ${dest}${p}-m comment --comment "${a.origin}" -j ACCEPT`);
        }),
        '-A OUTPUT -j DROP',
      ]
    : [];
  return [
    `# ${podKey(pod)}: isolated by NetworkPolicy (${[ingress.isolated ? 'ingress' : '', egress?.isolated ? 'egress' : ''].filter(Boolean).join(', ')})`,
    '*filter',
    ':INPUT ACCEPT [0:0]',
    ':FORWARD ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ...input,
    ...output,
    'COMMIT',
    '',
  ].join('\n');
}
