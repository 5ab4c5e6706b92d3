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
