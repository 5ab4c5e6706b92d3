/** Pure helpers for the NetworkPolicy rules that ErlangStatefulCluster writes. */
import * as k8s from '../../imports/k8s';
import { defined } from './defined';

/** The label every namespace carries with its own name (Kubernetes 1.22+). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Pods of `namespace` with `podLabels` (undefined: all of them), as a peer of a
 * policy in `policyNamespace`: a namespaceSelector only across namespaces.
 */
export function peerOf(namespace: string, podLabels: Record<string, string> | undefined, policyNamespace: string): k8s.NetworkPolicyPeer {
  const same = namespace === policyNamespace;
  return defined({
    namespaceSelector: same ? undefined : { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } },
    // `{}` (no matchLabels) selects every pod of the namespace.
    podSelector: podLabels !== undefined || same ? defined({ matchLabels: podLabels }) : undefined,
  });
}

/** A NetworkPolicy port. */
export function policyPort(port: number, protocol = 'TCP'): k8s.NetworkPolicyPort {
  return { protocol, port: k8s.IntOrString.fromNumber(port) };
}

/**
 * The policy types the apiserver stores for a NetworkPolicy spec (networking/v1 defaults): as given, or,
 * when none are given, Ingress plus Egress if the policy has egress rules. Reads malformed specs as empty.
 */
export function effectivePolicyTypes(spec: { readonly policyTypes?: unknown; readonly egress?: unknown } | undefined): readonly unknown[] {
  const given = spec?.policyTypes;
  if (Array.isArray(given) && given.length > 0) return given;
  return Array.isArray(spec?.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}
