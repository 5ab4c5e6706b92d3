/** Label selectors. */

/** `k=v,k2=v2`: an equality-based selector as kubectl and libcluster's `kubernetes_selector` write it. */
export function formatSelector(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
}
