/** The PodDisruptionBudget: drains take at most maxUnavailable members at once. */
import * as k8s from '../../../../imports/k8s';
import type { ClusterSpec } from '../spec';
import { objectMeta } from './object-meta';

/** None when maxUnavailable is 0. */
export function podDisruptionBudgetProps(spec: ClusterSpec): k8s.KubePodDisruptionBudgetProps | undefined {
  if (spec.maxUnavailable === 0) return undefined;
  return {
    metadata: objectMeta(spec),
    spec: {
      maxUnavailable: k8s.IntOrString.fromNumber(spec.maxUnavailable),
      selector: { matchLabels: { ...spec.selectorLabels } },
      unhealthyPodEvictionPolicy: spec.unhealthyPodEvictionPolicy,
    },
  };
}
