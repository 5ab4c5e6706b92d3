/** The metadata every object of a cluster carries. */
import type * as k8s from '../../../../imports/k8s';
import type { ClusterSpec } from '../spec';

/** `name` (the StatefulSet's by default) in the cluster's namespace, labelled with the selector labels. */
export function objectMeta(spec: ClusterSpec, name: string = spec.name): k8s.ObjectMeta {
  return { name, namespace: spec.namespace, labels: { ...spec.selectorLabels } };
}
