import { Construct } from 'constructs';
import { checkInChart, claimUnique, clusterScoped } from './resource-helpers';
import * as k8s from '../../imports/k8s';
import { LocalPersistentVolume } from './local-persistent-volume';
import { bindShortfall, checkDnsSubdomain, checkOneOf, ClaimDemand, RECLAIM_POLICIES } from '../checks';
import { isSize, sizeQuantity } from '../kubernetes/size-quantity';
import { ConfigError } from '../core/errors';
import { brand, hasBrand } from '../core/brand';
import { mergeMetadata, ResourceMetadata } from './metadata';
import type { Size } from 'cdk8s';
import { PersistentVolumeAccessMode, PersistentVolumeReclaimPolicy } from 'cdk8s-plus-28';
import { LOCAL_STORAGE_CLASS_PROPS, LOCAL_VOLUME_OPTIONS } from '../validation/prop-shapes';
import { checkProps } from '../validation/shapes';
import { newApiObject } from './any-keys';
import type { IStorageClass } from './storage-class';

/** The kind; its names are unique cluster-wide, so it is also the space they are claimed in. */
const KIND = 'StorageClass';

/** Props for {@link LocalStorageClass}. */
export interface LocalStorageClassProps {
  /** The StorageClass name, e.g. 'local-storage'. */
  readonly name: string;
  /**
   * What happens to the volumes added with {@link LocalStorageClass.addVolume}
   * once released: cdk8s-plus-28's `PersistentVolumeReclaimPolicy`. `RETAIN` keeps the
   * data (mnesia, logs) after the claim is deleted; `DELETE` deletes the PersistentVolume
   * object (the data on the node stays; nothing cleans it). `RECYCLE` is refused.
   * @default PersistentVolumeReclaimPolicy.RETAIN
   */
  readonly reclaimPolicy?: PersistentVolumeReclaimPolicy;
  /**
   * Labels and annotations of the StorageClass, in cdk8s-plus's style. `name`
   * may only repeat the `name` prop; `namespace` is refused (a StorageClass is
   * cluster-scoped).
   * @default - no labels or annotations
   */
  readonly metadata?: ResourceMetadata;
}

/** A local volume to declare for a {@link LocalStorageClass}. */
export interface LocalVolumeOptions {
  /** The PersistentVolume name. */
  readonly name: string;
  /** The node that holds the directory. */
  readonly nodeName: string;
  /** The directory on that node. */
  readonly path: string;
  /** The capacity, e.g. `Size.gibibytes(1)` (written as the quantity '1Gi'). */
  readonly size: Size;
  /**
   * The one access mode the volume offers.
   * @default PersistentVolumeAccessMode.READ_WRITE_ONCE
   */
  readonly accessMode?: PersistentVolumeAccessMode;
  /**
   * Labels and annotations of the PersistentVolume (see {@link LocalPersistentVolumeProps.metadata}).
   * @default - no labels or annotations
   */
  readonly metadata?: ResourceMetadata;
}

/** The defaults of LocalStorageClassProps, in one place. */
const LOCAL_STORAGE_CLASS_DEFAULTS = { reclaimPolicy: PersistentVolumeReclaimPolicy.RETAIN } as const;
/**
 * A StorageClass for node-local disks: `kubernetes.io/no-provisioner` with
 * `WaitForFirstConsumer`, so a claim binds only once its pod is scheduled, on
 * the node that has the volume.
 */
export class LocalStorageClass extends Construct implements IStorageClass {
  /** Whether `x` is a LocalStorageClass, from this or any other copy of this package. */
  public static isLocalStorageClass(x: unknown): x is LocalStorageClass {
    return hasBrand(x, 'LocalStorageClass');
  }

  /** The StorageClass name. */
  public readonly name: string;
  /** The reclaim policy, also used by the volumes added with {@link addVolume}. */
  public readonly reclaimPolicy: PersistentVolumeReclaimPolicy;
  /** The L1 StorageClass. */
  public readonly resource: k8s.KubeStorageClass;

  constructor(scope: Construct, id: string, props: LocalStorageClassProps) {
    super(scope, id);
    brand(this, 'LocalStorageClass');
    checkInChart(this);
    const where = this.node.path;
    checkProps(where, 'LocalStorageClassProps', props, LOCAL_STORAGE_CLASS_PROPS);
    this.name = checkDnsSubdomain(where, 'name', props.name);
    this.reclaimPolicy = checkOneOf(where, 'reclaimPolicy', props.reclaimPolicy ?? LOCAL_STORAGE_CLASS_DEFAULTS.reclaimPolicy, RECLAIM_POLICIES);
    claimUnique(this, KIND, this.name, 'name', `${KIND} names are cluster-wide and must be unique`);
    const metadata = mergeMetadata(where, 'metadata', props.metadata, { name: this.name, clusterScopedKind: KIND });
    this.resource = newApiObject(k8s.KubeStorageClass, this, 'Resource', {
      metadata: { name: this.name, ...metadata },
      provisioner: 'kubernetes.io/no-provisioner',
      volumeBindingMode: 'WaitForFirstConsumer',
      reclaimPolicy: this.reclaimPolicy,
    });
    clusterScoped(this.resource);
    // At synth, when every volume and every claim is known: a no-provisioner class binds only the volumes it has.
    this.node.addValidation({ validate: () => this.checkBindable() });
  }

  /** The local volumes of this class. */
  public get volumes(): LocalPersistentVolume[] {
    return this.node.children.filter((c): c is LocalPersistentVolume => LocalPersistentVolume.isLocalPersistentVolume(c));
  }

  /**
   * Records that `owner` (a construct path) makes `claims` claims of `size`
   * with `accessMode` on this class. ErlangStatefulCluster calls it for its storage.
   * @internal
   */
  public _addClaims(owner: string, claims: number, size: Size, accessMode: PersistentVolumeAccessMode): void {
    if (!isSize(size)) throw new ConfigError(this.node.path, 'addClaims(size)', size, 'must be a cdk8s Size, e.g. Size.gibibytes(1)');
    this.claimSets.push({ owner, claims, size: sizeQuantity(size), accessMode });
  }

  private readonly claimSets: ClaimDemand[] = [];

  /** Every claim can bind: enough volumes, big enough and with the claim's access mode. */
  private checkBindable(): string[] {
    const volumes = this.volumes;
    const shortfall = bindShortfall(volumes, this.claimSets);
    if (shortfall?.demand) {
      const set = shortfall.demand;
      throw new ConfigError(
        this.node.path,
        'volumes',
        volumes.map((v) => `${v.name} ${v.size} ${v.accessMode}`),
        `must include at least ${set.claims} volumes of ${set.size} or more with access mode ${set.accessMode} for the claims of ${set.owner} (one per replica); ` +
          `${shortfall.fitting} fit, so ${set.claims - shortfall.fitting} pods would stay Pending. Add them with addVolume()`,
      );
    }
    if (shortfall) {
      throw new ConfigError(
        this.node.path,
        'volumes',
        volumes.length,
        `must be at least the ${shortfall.claims} claims made on this class (${this.claimSets.map((s) => `${s.owner}: ${s.claims}`).join(', ')}); a volume binds one claim`,
      );
    }
    return [];
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
