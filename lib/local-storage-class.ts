import { Construct } from 'constructs';
import { claimUnique, clusterScoped } from './resource-helpers';
import * as k8s from '../imports/k8s';
import { LocalPersistentVolume } from './local-persistent-volume';
import { checkDnsSubdomain, checkOneOf } from './validation/props';
import { brand, hasBrand } from './brand';
import { LOCAL_STORAGE_CLASS_PROPS, LOCAL_VOLUME_OPTIONS } from './validation/prop-shapes';
import { checkProps } from './validation/shapes';

/** How a released local volume is treated. */
export enum LocalReclaimPolicy {
  /** Keep the data (mnesia, logs) after the claim is deleted. */
  RETAIN = 'Retain',
  /** Delete the PersistentVolume object (the data on the node stays; nothing cleans it). */
  DELETE = 'Delete',
}

/** Props for {@link LocalStorageClass}. */
export interface LocalStorageClassProps {
  /** The StorageClass name, e.g. 'local-storage'. */
  readonly name: string;
  /**
   * @default LocalReclaimPolicy.RETAIN
   */
  readonly reclaimPolicy?: LocalReclaimPolicy;
}

/** A local volume to declare for a {@link LocalStorageClass}. */
export interface LocalVolumeOptions {
  /** The PersistentVolume name. */
  readonly name: string;
  /** The node that holds the directory. */
  readonly nodeName: string;
  /** The directory on that node. */
  readonly path: string;
  /** The capacity, e.g. '1Gi'. */
  readonly size: string;
  /**
   * @default 'ReadWriteOnce'
   */
  readonly accessMode?: string;
}

/**
 * A StorageClass for node-local disks: `kubernetes.io/no-provisioner` with
 * `WaitForFirstConsumer`, so a claim binds only once its pod is scheduled, on
 * the node that has the volume.
 */
export class LocalStorageClass extends Construct {
  /** Whether `x` is a LocalStorageClass, from this or any other copy of this package. */
  public static isLocalStorageClass(x: unknown): x is LocalStorageClass {
    return hasBrand(x, 'LocalStorageClass');
  }

  /** The StorageClass name. */
  public readonly name: string;
  /** The reclaim policy, also used by the volumes added with {@link addVolume}. */
  public readonly reclaimPolicy: LocalReclaimPolicy;
  /** The L1 StorageClass. */
  public readonly resource: k8s.KubeStorageClass;

  constructor(scope: Construct, id: string, props: LocalStorageClassProps) {
    super(scope, id);
    brand(this, 'LocalStorageClass');
    const where = this.node.path;
    checkProps(where, 'LocalStorageClassProps', props, LOCAL_STORAGE_CLASS_PROPS);
    this.name = checkDnsSubdomain(where, 'name', props.name);
    this.reclaimPolicy = checkOneOf(where, 'reclaimPolicy', props.reclaimPolicy ?? LocalReclaimPolicy.RETAIN, Object.values(LocalReclaimPolicy));
    claimUnique(this, 'StorageClass', this.name, 'name', 'StorageClass names are cluster-wide and must be unique');
    this.resource = new k8s.KubeStorageClass(this, 'Resource', {
      metadata: { name: this.name },
      provisioner: 'kubernetes.io/no-provisioner',
      volumeBindingMode: 'WaitForFirstConsumer',
      reclaimPolicy: this.reclaimPolicy,
    });
    clusterScoped(this.resource);
  }

  /**
   * Declares a local PersistentVolume of this class. A no-provisioner class
   * creates none, so a cluster of N pods needs N of these.
   */
  public addVolume(id: string, options: LocalVolumeOptions): LocalPersistentVolume {
    checkProps(`${this.node.path}/${id}`, 'LocalVolumeOptions', options, LOCAL_VOLUME_OPTIONS);
    return new LocalPersistentVolume(this, id, {
      ...options,
      storageClassName: this.name,
      reclaimPolicy: this.reclaimPolicy,
    });
  }
}
