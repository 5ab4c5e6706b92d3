/**
 * Label selectors, in one place: the validator, the constructs and the e2e all
 * match labels with these functions, so they cannot disagree on what a
 * selector selects.
 *
 * Two kinds of selector exist. A `metav1.LabelSelector` (NetworkPolicy,
 * PodDisruptionBudget, StatefulSet, PodMonitor) has `matchLabels` and
 * `matchExpressions`; a Service's selector is a plain map.
 */

/** Labels, or a `matchLabels` map. */
export type Labels = Readonly<Record<string, string>>;

/** One `matchExpressions` entry. */
export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

/** A `metav1.LabelSelector`: matchLabels and matchExpressions. */
export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/** Whether the selector states no requirement at all (`{}`). */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/**
 * Whether `selector` selects `labels`, as the apiserver reads a LabelSelector:
 * every matchLabels entry and every expression must hold, so `{}` selects
 * everything (what a NetworkPolicy's podSelector or namespaceSelector means by
 * it). NotIn and DoesNotExist hold for labels that lack the key. An unknown
 * operator makes the selector invalid, and an invalid selector selects nothing.
 */
export function selectorMatches(selector: LabelSelector, labels: Labels | undefined): boolean {
  const has = (key: string) => labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key);
  return (
    Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v) &&
    (selector.matchExpressions ?? []).every((e) => {
      // Whether the label is there with one of the values; a missing values list lists none.
      const listed = () => has(e.key) && e.values?.includes(labels![e.key]!) === true;
      switch (e.operator) {
        case 'In':
          return listed();
        case 'NotIn':
          return !listed();
        case 'Exists':
          return has(e.key);
        case 'DoesNotExist':
          return !has(e.key);
      }
      return false; // an unknown operator
    })
  );
}

/**
 * Whether a Service's selector (a plain map) selects `labels`. A Service with an
 * empty or no selector has no selector at all: its endpoints are managed by
 * hand, so it selects no pod.
 */
export function serviceSelectorMatches(selector: Labels | undefined, labels: Labels | undefined): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

/** `k=v,k2=v2`: the form of `kubectl -l` and of libcluster's `kubernetes_selector`. */
export function formatSelector(labels: Labels): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
