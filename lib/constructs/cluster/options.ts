/** The small option types of ErlangStatefulClusterProps. */
import type { Size } from 'cdk8s';
import type { PersistentVolumeAccessMode } from 'cdk8s-plus-28';
import type { LocalStorageClass } from '../local-storage-class';

/** A port the application listens on (http, ws, ...). */
export interface AppPortSpec {
  /** The container port name (at most 15 chars), e.g. 'http'. */
  readonly name: string;
  /** The container port number. */
  readonly port: number;
}

/** Per-pod persistent storage (mnesia, logs), through volumeClaimTemplates. */
export interface ClusterStorageOptions {
  /** Where the volume is mounted in the container. */
  readonly mountPath: string;
  /**
   * The claim template (and volume) name.
   * @default `${basename}-volume`, lower-cased with '_' as '-'
   */
  readonly name?: string;
  /**
   * A quantity such as '1Gi', or a cdk8s `Size`.
   * @default '1Gi'
   */
  readonly size?: string | Size;
  /**
   * @default PersistentVolumeAccessMode.READ_WRITE_ONCE
   */
  readonly accessMode?: PersistentVolumeAccessMode;
  /**
   * The StorageClass, by name or construct.
   * @default - the cluster's default StorageClass
   */
  readonly storageClass?: string | LocalStorageClass;
}

/**
 * How the StatefulSet creates and deletes pods.
 * @deprecated use cdk8s-plus-28's `PodManagementPolicy`, which has the same values.
 */
export enum PodManagement {
  /** All pods at once. After a full outage every mnesia node must be up to load its tables. */
  PARALLEL = 'Parallel',
  /** One by one, waiting for Ready: deadlocks mnesia clusters after a full outage. */
  ORDERED_READY = 'OrderedReady',
}

/**
 * How members are spread over nodes and zones. An enum of its own, not
 * cdk8s-plus's boolean `spread`: it has three answers (prefer, require, none).
 */
export enum PodSpread {
  /** Prefer different zones and nodes (scheduling still succeeds on fewer of them). */
  SOFT = 'soft',
  /** Require different nodes (pods stay Pending when nodes run out); prefer different zones. */
  HARD = 'hard',
  /** No constraint. */
  NONE = 'none',
}

/** What a PodDisruptionBudget does with a running pod that is not Ready. */
export enum UnhealthyPodEvictionPolicy {
  /** Evict it only while the budget has room (the apiserver's default when unset). */
  IF_HEALTHY_BUDGET = 'IfHealthyBudget',
  /** Evict it always: a pod stuck unready does not block a node drain. */
  ALWAYS_ALLOW = 'AlwaysAllow',
}
