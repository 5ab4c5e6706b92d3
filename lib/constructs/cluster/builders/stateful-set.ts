/** The StatefulSet: the pods, their ordinals and their per-pod claims. */
import { sizeQuantity } from '../../../kubernetes/size-quantity';
import * as k8s from '../../../../imports/k8s';
import { defined } from '../../../kubernetes/defined';
import type { ClusterSpec } from '../spec';
import { podTemplate } from './pod-template';

export function statefulSetSpec(spec: ClusterSpec, serviceDomains: readonly k8s.EnvVar[]): k8s.StatefulSetSpec {
  const storage = spec.storage;
  return defined({
    serviceName: spec.headlessServiceName,
    replicas: spec.replicas,
    podManagementPolicy: spec.podManagementPolicy,
    updateStrategy: spec.updateStrategy && rollout(spec.updateStrategy),
    minReadySeconds: spec.minReadySeconds,
    selector: { matchLabels: { ...spec.selectorLabels } },
    // Scaling down or deleting the set keeps each member's mnesia directory for its return.
    persistentVolumeClaimRetentionPolicy: storage ? { whenDeleted: 'Retain', whenScaled: 'Retain' } : undefined,
    template: podTemplate(spec, serviceDomains),
    volumeClaimTemplates: storage
      ? [
          {
            metadata: { name: storage.name },
            spec: defined({
              accessModes: [storage.accessMode],
              storageClassName: storage.storageClassName,
              // A Quantity object, not a plain string: the L1 serializer drops plain strings.
              resources: { requests: { storage: k8s.Quantity.fromString(sizeQuantity(storage.size)) } },
            }),
          },
        ]
      : undefined,
  });
}

/** `updateStrategy`: `rollingUpdate` only with a partition (the apiserver refuses it with OnDelete). */
function rollout(strategy: NonNullable<ClusterSpec['updateStrategy']>): k8s.StatefulSetUpdateStrategy {
  const { type, partition } = strategy;
  return partition === undefined ? { type } : { type, rollingUpdate: { partition } };
}
