/**
 * Rules on NetworkPolicies: their peers select pods that exist, and a policy
 * that restricts a node's egress still lets it resolve (DNS) and reach its own
 * cluster's epmd and dist ports.
 */
import { EPMD_PORT } from '../../erlang/distribution';
import { effectivePolicyTypes, NAMESPACE_NAME_LABEL } from '../../kubernetes/network-policy';
import { LabelSelector } from '../../kubernetes/label-selector';
import { Any, Finding, KubeObject, list, ManifestContext, ManifestRule, matchesSelector, namespaceOf, nodeContainers, Workload } from './context';

/** An egress rule to port 53 only: its peers are the cluster's DNS servers. */
function isDnsRule(rule: Any): boolean {
  const ports = list(rule.ports);
  return ports.length > 0 && ports.every((p) => p.port === 53);
}

/**
 * Whether a peer's namespaceSelector may select `namespace`. Only the name label
 * is known here, so a selector on other namespace labels counts as a match (no false alarm).
 */
function selectsNamespace(selector: LabelSelector | undefined, namespace: string): boolean {
  if (selector === undefined) return true; // the policy's own namespace, which is the workload's
  const keys = [...Object.keys(selector.matchLabels ?? {}), ...list(selector.matchExpressions).map((e) => e.key)];
  return keys.some((k) => k !== NAMESPACE_NAME_LABEL) || matchesSelector(selector, { [NAMESPACE_NAME_LABEL]: namespace }, true);
}

/** Whether one egress rule lets `protocol`/`port` out (no ports: every port; no endPort: `port <= undefined` is false). */
function allowsPort(rule: Any, protocol: string, port: number): boolean {
  const ports = list(rule.ports);
  return (
    ports.length === 0 ||
    ports.some((p) => (p.protocol ?? 'TCP') === protocol && (p.port === undefined || p.port === port || (port >= p.port && port <= p.endPort)))
  );
}

/** The policies that restrict a workload's egress, and their egress rules; undefined when none does. */
interface Egress {
  readonly restricting: readonly KubeObject[];
  readonly rules: readonly Any[];
}

// Both egress rules read the same policies per StatefulSet: work them out once.
const egressCache = new WeakMap<Workload, Egress | undefined>();

function egressOf(ctx: ManifestContext, w: Workload): Egress | undefined {
  // Stryker disable next-line ConditionalExpression: a cache miss computes the same value again
  if (egressCache.has(w)) return egressCache.get(w);
  const restricting = ctx
    .ofKind('NetworkPolicy')
    .filter(
      (np) =>
        namespaceOf(np) === w.namespace &&
        effectivePolicyTypes((np as Any).spec).includes('Egress') &&
        matchesSelector((np as Any).spec.podSelector, w.podLabels, true),
    );
  const egress = restricting.length === 0 ? undefined : { restricting, rules: restricting.flatMap((np) => list((np as Any).spec.egress)) };
  egressCache.set(w, egress);
  return egress;
}

export const NETWORK_POLICY_RULES: readonly ManifestRule[] = [
  {
    id: 'network-policy-peer-selects-pods',
    description: "Every podSelector peer of a NetworkPolicy's ingress and egress rules selects pods of some workload (the cluster's DNS excepted).",
    *check(ctx): Iterable<Finding> {
      for (const np of ctx.ofKind('NetworkPolicy')) {
        const spec = (np as Any).spec ?? {};
        const peers: Any[] = [
          ...list(spec.ingress).flatMap((rule) => list(rule.from).map((peer) => ({ direction: 'ingress', peer }))),
          ...list(spec.egress).flatMap((rule) => list(rule.to).map((peer) => ({ direction: 'egress', peer, dns: isDnsRule(rule) }))),
        ];
        for (const { direction, peer, dns } of peers) {
          if (!peer.podSelector) continue;
          const ns = peer.namespaceSelector?.matchLabels?.[NAMESPACE_NAME_LABEL] ?? (peer.namespaceSelector ? undefined : namespaceOf(np));
          // The cluster's DNS runs in a system namespace that no manifest of the app deploys to.
          if (dns && ns !== undefined && ns !== namespaceOf(np) && ctx.candidates(ns).length === 0) continue;
          if (!ctx.candidates(ns, peer.podSelector.matchLabels).some((w) => matchesSelector(peer.podSelector, w.podLabels, true))) {
            yield { object: np, message: `${direction} peer ${JSON.stringify(peer.podSelector)} selects no pods${ns ? ` in namespace ${ns}` : ''}` };
          }
        }
      }
    },
  },
  {
    id: 'egress-allows-dns',
    description: "A NetworkPolicy that restricts a StatefulSet's egress allows UDP port 53, so the nodes can resolve their peers.",
    *check(ctx): Iterable<Finding> {
      for (const w of ctx.statefulSets) {
        const egress = egressOf(ctx, w);
        if (egress && !egress.rules.some((r) => allowsPort(r, 'UDP', 53))) {
          yield {
            object: w.object,
            message: `NetworkPolicy ${egress.restricting.map((np) => np.metadata?.name).join(', ')} restricts egress without UDP port 53; the nodes cannot resolve their peers`,
          };
        }
      }
    },
  },
  {
    id: 'egress-allows-mesh',
    description: "A NetworkPolicy that restricts a StatefulSet's egress allows TCP to its own pods on epmd (unless epmd-less) and the dist port.",
    *check(ctx): Iterable<Finding> {
      for (const w of ctx.statefulSets) {
        const egress = egressOf(ctx, w);
        if (!egress) continue;
        // A rule reaches the own pods when it names no destination, an IP block (unknown here), or a selector of them.
        const reachesOwnPods = (r: Any) =>
          list(r.to).length === 0 ||
          list(r.to).some(
            (peer) =>
              peer.ipBlock !== undefined ||
              (matchesSelector(peer.podSelector ?? {}, w.podLabels, true) && selectsNamespace(peer.namespaceSelector, w.namespace)),
          );
        for (const c of nodeContainers(w)) {
          const { distPort, epmdless } = ctx.distributionOf(c);
          if (distPort === undefined) continue;
          for (const port of epmdless ? [distPort] : [EPMD_PORT, distPort]) {
            if (!egress.rules.some((r) => allowsPort(r, 'TCP', port) && reachesOwnPods(r))) {
              yield {
                object: w.object,
                message: `egress is restricted but TCP port ${port} (${port === EPMD_PORT ? 'epmd' : 'dist'}) to its own pods is not allowed; the nodes cannot connect to each other`,
              };
            }
          }
        }
      }
    },
  },
];
