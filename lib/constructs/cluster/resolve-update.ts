/** The rollout props as resolved: the update strategy and minReady (internal; not exported from the package). */
import type { Duration } from 'cdk8s';
import { checkInteger, MAX_INT32 } from '../../checks';
import { seconds } from './resolve-pod';
import type { ClusterSpec } from './spec';
import type { ClusterUpdateStrategy } from './update-strategy';

/**
 * The resolved `updateStrategy` and `minReady`: a partition is an integer from 0
 * (ValidateNonnegativeField, an int32); a partition of `replicas` or more is legal,
 * the controller then updates no pod (a staged update). minReady: whole seconds from 0.
 */
export function resolveUpdate(
  where: string,
  strategy: ClusterUpdateStrategy | undefined,
  minReady: Duration | undefined,
): Pick<ClusterSpec, 'updateStrategy' | 'minReadySeconds'> {
  return {
    updateStrategy: strategy && {
      type: strategy.type,
      partition: strategy.partition === undefined ? undefined : checkInteger(where, 'strategy.partition', strategy.partition, 0, MAX_INT32),
    },
    minReadySeconds: minReady === undefined ? undefined : checkInteger(where, 'minReady', seconds(minReady), 0, MAX_INT32),
  };
}
