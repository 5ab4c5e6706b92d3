/**
 * How the StatefulSet controller replaces the pods when their template changes
 * (a new image, new env): cdk8s-plus-28's `StatefulSetUpdateStrategy` vocabulary.
 * cdk8s-plus's own class renders only through an internal method, so the cluster
 * takes this one, with the same factory names.
 */
import { brand, hasBrand } from '../../core/brand';
import { ROLLING_UPDATE_OPTIONS } from '../../validation/prop-shapes';
import { checkProps } from '../../validation/shapes';

/** The StatefulSet's `updateStrategy.type`. */
export enum ClusterUpdateStrategyType {
  /** The controller replaces pods one at a time, highest ordinal first, each after its successor is Ready. */
  ROLLING_UPDATE = 'RollingUpdate',
  /** The controller replaces a pod only when someone deletes it. */
  ON_DELETE = 'OnDelete',
}

/** Options for {@link ClusterUpdateStrategy.rollingUpdate}. */
export interface ClusterRollingUpdateOptions {
  /**
   * Only pods with an ordinal of at least `partition` are updated; the others keep
   * the old template, even when deleted. A canary: `replicas - 1` updates the last
   * pod only. A partition of `replicas` or more updates none (a staged update).
   * Lower it, then drop it to 0, to go on.
   * @default 0
   */
  readonly partition?: number;
}

/** The defaults of the update strategy's options, in one place. */
const UPDATE_STRATEGY_DEFAULTS = { partition: 0 } as const;

/** The StatefulSet's update strategy. `maxUnavailable` is not offered: it is alpha (MaxUnavailableStatefulSet). */
export class ClusterUpdateStrategy {
  /** Whether `x` is a ClusterUpdateStrategy, from this or any other copy of this package. */
  public static isClusterUpdateStrategy(x: unknown): x is ClusterUpdateStrategy {
    return hasBrand(x, 'ClusterUpdateStrategy');
  }

  /** Pods are replaced one at a time from the highest ordinal down, each after the one before is Ready (the Kubernetes default). */
  public static rollingUpdate(options: ClusterRollingUpdateOptions = {}): ClusterUpdateStrategy {
    checkProps('ClusterUpdateStrategy.rollingUpdate', 'ClusterRollingUpdateOptions', options, ROLLING_UPDATE_OPTIONS);
    return new ClusterUpdateStrategy(ClusterUpdateStrategyType.ROLLING_UPDATE, options.partition ?? UPDATE_STRATEGY_DEFAULTS.partition);
  }

  /** Pods keep their template until they are deleted (by hand, by a drain, by a crash of the node). */
  public static onDelete(): ClusterUpdateStrategy {
    return new ClusterUpdateStrategy(ClusterUpdateStrategyType.ON_DELETE);
  }

  private constructor(
    /** RollingUpdate or OnDelete. */
    public readonly type: ClusterUpdateStrategyType,
    /** The partition, for ROLLING_UPDATE. */
    public readonly partition?: number,
  ) {
    brand(this, 'ClusterUpdateStrategy');
  }
}
