/**
 * kube-proxy in iptables mode, as pure functions: ClusterIPs from a service
 * CIDR, the endpoints of each Service port, and the NAT rules that pick one
 * endpoint at random per new connection (`-m statistic --mode random`, with
 * the probabilities kube-proxy writes: 1/n, 1/(n-1), …, then the last one
 * unconditionally).
 *
 * Where the rules go differs from a real node: our pods hang off a bridge, so
 * their packets never cross a node's PREROUTING; the ClusterIP rules are
 * loaded into each pod's own `nat OUTPUT` instead, which is the same
 * translation at the same point for the pod's traffic. The node's namespace
 * gets the NodePort rules (PREROUTING, then MASQUERADE towards the pods, as
 * kube-proxy does for traffic from outside).
 */
import { isHeadless, KubeObject, resolvePort, services } from './kube';
import { DnsPod, publishedEndpoint } from './cluster-dns';
import { Container } from './kube';

/** The service CIDR's first addresses: kube-dns gets .10, as kubeadm gives it. */
export const SERVICE_CIDR = '10.96.0.0/16';
export const KUBE_DNS_IP = '10.96.0.10';

/** ClusterIPs for every Service that is not headless, `namespace/name` → IP, in manifest order from 10.96.0.100. */
export function assignClusterIps(objects: readonly KubeObject[]): Map<string, string> {
  const ips = new Map<string, string>();
  services(objects)
    .filter((s) => !isHeadless(s))
    .forEach((s, i) => ips.set(`${s.namespace}/${s.name}`, `10.96.0.${100 + i}`));
  return ips;
}

/** A pod that can be an endpoint. */
export interface EndpointPod extends DnsPod {
  readonly container?: Container;
}

/** One Service port as kube-proxy programs it. */
export interface ServiceRule {
  /** `namespace/name:port`, for comments. */
  readonly id: string;
  readonly clusterIp: string;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  readonly nodePort?: number;
  /** `ip:port` of each endpoint. */
  readonly endpoints: readonly string[];
}

/**
 * The rules for every Service port with a ClusterIP. Endpoints are the pods
 * the selector matches that are Ready (or all of them, with
 * publishNotReadyAddresses: EndpointSlices then mark them ready), on the
 * resolved targetPort.
 */
export function serviceRules(objects: readonly KubeObject[], pods: readonly EndpointPod[], clusterIps: ReadonlyMap<string, string>): ServiceRule[] {
  return services(objects).flatMap((svc) => {
    const clusterIp = clusterIps.get(`${svc.namespace}/${svc.name}`);
    if (clusterIp === undefined) return [];
    const members = pods.filter((p) => publishedEndpoint(svc, p));
    return (svc.spec.ports ?? []).map((p): ServiceRule => ({
      id: `${svc.namespace}/${svc.name}:${p.name ?? p.port}`,
      clusterIp,
      port: p.port,
      protocol: (p.protocol ?? 'TCP').toLowerCase() === 'udp' ? 'udp' : 'tcp',
      nodePort: svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer' ? p.nodePort : undefined,
      endpoints: members.flatMap((m) => {
        const target = resolvePort(p.targetPort ?? p.port, m.container);
        return target === undefined ? [] : [`${m.ip}:${target}`];
      }),
    }));
  });
}

/** The probability kube-proxy gives endpoint `i` of `n`: each of n endpoints is then equally likely. */
export function endpointProbability(i: number, n: number): number | undefined {
  return i === n - 1 ? undefined : 1 / (n - i);
}

/** The jump to one service's chain, then the chain choosing an endpoint at random. */
function serviceChain(rule: ServiceRule, n: number, match: string): string[] {
  const chain = `KUBE-SVC-${n}`;
  return [
    `-A KUBE-SERVICES ${match} -p ${rule.protocol} -m ${rule.protocol} --dport ${rule.port} -m comment --comment "${rule.id}" -j ${chain}`,
    ...rule.endpoints.map((ep, i) => {
      const p = endpointProbability(i, rule.endpoints.length);
      const pick = p === undefined ? '' : `-m statistic --mode random --probability ${p.toFixed(5)} `;
      return `-A ${chain} ${pick}-p ${rule.protocol} -j DNAT --to-destination ${ep}`;
    }),
  ];
}

/**
 * `iptables-restore` input for the nat table. `pod`: ClusterIP rules on the
 * pod's own connections. `node`: NodePort rules for connections arriving at
 * `nodeIp`, masqueraded towards the pods. A Service without endpoints gets no
 * DNAT: its connections go nowhere and fail, as kube-proxy rejects them.
 */
export function natRules(rules: readonly ServiceRule[], where: { pod: true } | { node: string }): string {
  const chains = rules.map((r, i) => ({ r, i })).filter(({ r }) => r.endpoints.length > 0);
  const body =
    'pod' in where
      ? ['-A OUTPUT -j KUBE-SERVICES', ...chains.flatMap(({ r, i }) => serviceChain(r, i, `-d ${r.clusterIp}/32`))]
      : [
          '-A PREROUTING -j KUBE-SERVICES',
          '-A POSTROUTING -m conntrack --ctstate DNAT -j MASQUERADE',
          ...chains.filter(({ r }) => r.nodePort !== undefined).flatMap(({ r, i }) => serviceChain({ ...r, port: r.nodePort! }, i, `-d ${where.node}/32`)),
        ];
  const declared = ['KUBE-SERVICES', ...chains.map(({ i }) => `KUBE-SVC-${i}`)];
  return [
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    ...declared.map((c) => `:${c} - [0:0]`),
    ...body,
    'COMMIT',
    '',
  ].join('\n');
}
