/** The small option types of ErlangStatefulClusterProps. */
import type { Size } from 'cdk8s';
import type { PersistentVolumeAccessMode } from 'cdk8s-plus-28';
import type { IStorageClass } from '../storage-class';

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
   * The capacity of each pod's claim, e.g. `Size.gibibytes(10)`.
   * @default Size.gibibytes(1)
   */
  readonly size?: Size;
  /**
   * @default PersistentVolumeAccessMode.READ_WRITE_ONCE
   */
  readonly accessMode?: PersistentVolumeAccessMode | string;
  /**
   * The StorageClass: `StorageClass.fromName('fast-ssd')` for a class the cluster has,
   * or a `LocalStorageClass`, which then also expects one of its volumes per replica.
   * @default - the cluster's default StorageClass
   */
  readonly storageClass?: IStorageClass;
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

/** How members are spread over nodes and zones. */
export enum PodSpread {
  /** Prefer different zones and nodes (scheduling still succeeds on fewer of them). */
  SOFT = 'soft',
  /** Require different nodes (pods stay Pending when nodes run out); prefer different zones. */
  HARD = 'hard',
  /** No constraint. */
  NONE = 'none',
}
