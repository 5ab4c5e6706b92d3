/**
 * The Eviction API and the PodDisruptionBudget (policy/v1), as the e2e reads
 * Kubernetes 1.28: the disruption controller's `disruptionsAllowed`, and the
 * eviction subresource's answer (pkg/registry/core/pod/storage/eviction.go).
 * Pure.
 *
 * - expected pods: the scale of the StatefulSets whose pods the budget selects
 *   (for an integer minAvailable: the number of selected pods);
 * - desired healthy: `expected - maxUnavailable`, or `minAvailable`
 *   (percentages of `expected`, rounded up);
 * - current healthy: selected pods that exist and are Ready;
 * - disruptionsAllowed: `max(0, current - desired)`.
 *
 * An eviction of a pod that no budget selects is granted. A pod that two
 * budgets select is refused (500). A pod that is not Ready is granted under
 * `unhealthyPodEvictionPolicy: AlwaysAllow`, and under `IfHealthyBudget` (the
 * default) only when the budget has its desired healthy pods. A Ready pod is
 * granted only while disruptionsAllowed > 0; otherwise 429, and the client
 * (kubectl drain) retries.
 */
import { LabelSelector, Labels, selectorMatches } from '../lib/kubernetes/label-selector';
import { KubeObject, ofKind, statefulSets } from './kube';

interface BudgetSpec {
  readonly selector?: LabelSelector;
  readonly maxUnavailable?: number | string;
  readonly minAvailable?: number | string;
  readonly unhealthyPodEvictionPolicy?: string;
}

/** A pod as the budget sees it. */
export interface BudgetPod {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly ready: boolean;
}

export interface BudgetStatus {
  readonly name: string;
  readonly expectedPods: number;
  readonly desiredHealthy: number;
  readonly currentHealthy: number;
  readonly disruptionsAllowed: number;
}

/** The eviction subresource's answer: 201 (the pod is deleted), 429 (retry later) or 500. */
export interface EvictionAnswer {
  readonly code: 201 | 429 | 500;
  readonly message: string;
}

/** An int-or-string count or percentage of `total`, rounded up. */
function scaled(value: number | string, total: number): number {
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) throw new Error(`invalid int-or-percent ${JSON.stringify(value)}`);
  return Math.ceil((Number(m[1]) * total) / 100);
}

/** The disruption controller's status of every budget in `namespace` that selects a pod with `labels`. */
export function budgetsFor(objects: readonly KubeObject[], pods: readonly BudgetPod[], namespace: string, labels: Labels): BudgetStatus[] {
  return ofKind<BudgetSpec>(objects, 'PodDisruptionBudget')
    .filter((b) => b.namespace === namespace && b.spec.selector !== undefined && selectorMatches(b.spec.selector, labels))
    .map((b) => {
      const selected = pods.filter((p) => p.namespace === namespace && selectorMatches(b.spec.selector!, p.labels));
      const scale = statefulSets(objects)
        .filter((s) => s.namespace === namespace && selectorMatches(b.spec.selector!, s.spec.template.metadata?.labels ?? {}))
        .reduce((n, s) => n + (s.spec.replicas ?? 1), 0);
      const { maxUnavailable, minAvailable } = b.spec;
      let expectedPods = scale;
      let desiredHealthy = 0;
      if (maxUnavailable !== undefined) desiredHealthy = Math.max(0, scale - scaled(maxUnavailable, scale));
      else if (typeof minAvailable === 'number') {
        expectedPods = selected.length;
        desiredHealthy = minAvailable;
      } else if (minAvailable !== undefined) desiredHealthy = scaled(minAvailable, scale);
      const currentHealthy = selected.filter((p) => p.ready).length;
      return { name: b.name, expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed: Math.max(0, currentHealthy - desiredHealthy) };
    });
}

/** POST pods/<name>/eviction: whether the pod may be deleted now. */
export function evict(objects: readonly KubeObject[], pods: readonly BudgetPod[], name: string, namespace = 'default'): EvictionAnswer {
  const pod = pods.find((p) => p.name === name && p.namespace === namespace);
  if (!pod) throw new Error(`pod ${namespace}/${name} does not exist`);
  const budgets = budgetsFor(objects, pods, namespace, pod.labels);
  if (budgets.length === 0) return { code: 201, message: 'no PodDisruptionBudget selects the pod' };
  if (budgets.length > 1) return { code: 500, message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.' };
  const b = budgets[0];
  const policy = ofKind<BudgetSpec>(objects, 'PodDisruptionBudget').find((x) => x.name === b.name && x.namespace === namespace)!.spec
    .unhealthyPodEvictionPolicy;
  const numbers = `The disruption budget ${b.name} needs ${b.desiredHealthy} healthy pods and has ${b.currentHealthy} currently`;
  if (!pod.ready && (policy === 'AlwaysAllow' || b.currentHealthy >= b.desiredHealthy))
    return { code: 201, message: `the pod is not Ready (${policy ?? 'IfHealthyBudget'})` };
  if (pod.ready && b.disruptionsAllowed > 0) return { code: 201, message: `${b.disruptionsAllowed} disruption(s) allowed by ${b.name}` };
  return { code: 429, message: `Cannot evict pod as it would violate the pod's disruption budget. ${numbers}` };
}
