/**
 * The opt-in egress section of a cluster's NetworkPolicy: its options, their
 * checks and the rules. Only DNS, the mesh and declared destinations are let out.
 */
import type { Protocol } from 'cdk8s-plus-28';
import * as k8s from '../../../imports/k8s';
import { defined } from '../../kubernetes/defined';
import { NAMESPACE_NAME_LABEL, peerOf, policyPort } from '../../kubernetes/network-policy';
import { ConfigError } from '../../core/errors';
import { checkCidr, checkDnsLabel, checkLabels, checkOneOf, checkPort, NETWORK_PROTOCOLS } from '../../checks';

/** A port of an egress destination. */
export interface EgressPort {
  /** The destination port number. */
  readonly port: number;
  /**
   * The port's protocol.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
}

/**
 * Where the pods may connect: an IP block, or pods by namespace and labels. The
 * synth checks that pod labels select pods of these manifests; for pods deployed
 * elsewhere give a namespace alone or a CIDR.
 */
export interface EgressDestination {
  /**
   * An IP block, e.g. '10.0.0.0/8'. Excludes namespace and podLabels.
   * @default - none
   */
  readonly cidr?: string;
  /**
   * Addresses inside `cidr` that stay closed.
   * @default - none
   */
  readonly except?: string[];
  /**
   * The destination pods' namespace.
   * @default - the cluster's namespace
   */
  readonly namespace?: string;
  /**
   * The destination pods' labels.
   * @default - every pod of `namespace`
   */
  readonly podLabels?: Record<string, string>;
  /** The ports, at least one. */
  readonly ports: EgressPort[];
}

/** The cluster DNS, as the pods reach it. */
export interface EgressDns {
  /**
   * The cluster DNS pods' namespace.
   * @default 'kube-system'
   */
  readonly namespace?: string;
  /**
   * The cluster DNS pods' labels.
   * @default { 'k8s-app': 'kube-dns' } (CoreDNS and kube-dns both carry it)
   */
  readonly podLabels?: Record<string, string>;
  /**
   * An IP block instead of pods, e.g. '169.254.20.10/32' for NodeLocal DNSCache.
   * @default - the DNS pods
   */
  readonly cidr?: string;
}

/** An egress section for the NetworkPolicy: DNS, the mesh, and declared destinations; nothing else. */
export interface EgressOptions {
  /**
   * Where DNS (UDP and TCP 53) goes.
   * @default - the kube-dns pods in kube-system
   */
  readonly dns?: EgressDns;
  /**
   * More destinations (databases, the API server for kubernetesApi discovery, ...).
   * @default - none
   */
  readonly to?: EgressDestination[];
}

/** A member of the mesh as egress sees it: where its pods are and which ports they listen on. */
export interface MeshEndpoint {
  readonly namespace: string;
  readonly selectorLabels: Record<string, string>;
  /** epmd (unless epmd-less) and the dist port. */
  readonly ports: readonly number[];
}

/** Checks the egress options: a NetworkPolicy to carry them, valid destinations, the API server when discovery needs it. */
export function checkEgress(where: string, e: EgressOptions, networkPolicy: boolean, needsApi: boolean): void {
  if (!networkPolicy) throw new ConfigError(where, 'egress', e, 'needs networkPolicy: true; the egress rules are part of the NetworkPolicy');
  const checkTarget = (prop: string, t: { cidr?: string; namespace?: string; podLabels?: Record<string, string> }) => {
    if (t.cidr !== undefined) {
      checkCidr(where, `${prop}.cidr`, t.cidr);
      if (t.namespace !== undefined || t.podLabels !== undefined)
        throw new ConfigError(where, prop, t, 'takes either cidr or namespace and podLabels, not both');
    }
    if (t.namespace !== undefined) checkDnsLabel(where, `${prop}.namespace`, t.namespace);
    if (t.podLabels !== undefined) checkLabels(where, `${prop}.podLabels`, t.podLabels, { nonEmpty: true });
  };
  if (e.dns) checkTarget('egress.dns', e.dns);
  (e.to ?? []).forEach((d, i) => {
    const prop = `egress.to[${i}]`;
    checkTarget(prop, d);
    if (d.except !== undefined && d.cidr === undefined) throw new ConfigError(where, `${prop}.except`, d.except, 'is only allowed with cidr');
    (d.except ?? []).forEach((x, j) => checkCidr(where, `${prop}.except[${j}]`, x));
    if (!Array.isArray(d.ports) || d.ports.length === 0) throw new ConfigError(where, `${prop}.ports`, d.ports, 'must list at least one port');
    d.ports.forEach((p, j) => {
      checkPort(where, `${prop}.ports[${j}].port`, p.port);
      if (p.protocol !== undefined) checkOneOf(where, `${prop}.ports[${j}].protocol`, p.protocol, NETWORK_PROTOCOLS);
    });
  });
  if (needsApi && !e.to?.some((d) => d.cidr !== undefined)) {
    throw new ConfigError(
      where,
      'egress.to',
      e.to ?? [],
      "must include the API server for kubernetesApi discovery, e.g. { cidr: '10.96.0.1/32', ports: [{ port: 443 }] } and its endpoints' addresses on 6443",
    );
  }
}

/** The defaults of the egress options, in one place: where kube-dns runs in most clusters. */
const EGRESS_DEFAULTS = { dnsNamespace: 'kube-system', dnsPodLabels: { 'k8s-app': 'kube-dns' } } as const;

/**
 * DNS, then each mesh member's epmd and dist ports (with epmd, peers may pin
 * other dist ports; members with the same ports share a rule), then the
 * declared destinations. `mesh` starts with the cluster itself.
 */
export function egressRules(e: EgressOptions, mesh: readonly MeshEndpoint[], policyNamespace: string): k8s.NetworkPolicyEgressRule[] {
  const dns = e.dns ?? {};
  const rules: k8s.NetworkPolicyEgressRule[] = [
    {
      to: [
        dns.cidr !== undefined
          ? { ipBlock: { cidr: dns.cidr } }
          : {
              namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: dns.namespace ?? EGRESS_DEFAULTS.dnsNamespace } },
              podSelector: { matchLabels: dns.podLabels ?? { ...EGRESS_DEFAULTS.dnsPodLabels } },
            },
      ],
      ports: [policyPort(53, 'UDP'), policyPort(53, 'TCP')],
    },
  ];
  const byPorts = new Map<string, MeshEndpoint[]>();
  for (const m of mesh) {
    const key = m.ports.join(',');
    byPorts.set(key, [...(byPorts.get(key) ?? []), m]);
  }
  for (const members of byPorts.values()) {
    rules.push({ to: members.map((m) => peerOf(m.namespace, m.selectorLabels, policyNamespace)), ports: members[0]!.ports.map((p) => policyPort(p)) });
  }
  for (const d of e.to ?? []) {
    rules.push({
      to: [
        d.cidr !== undefined ? { ipBlock: defined({ cidr: d.cidr, except: d.except }) } : peerOf(d.namespace ?? policyNamespace, d.podLabels, policyNamespace),
      ],
      ports: d.ports.map((p) => policyPort(p.port, p.protocol)),
    });
  }
  return rules;
}
