import { Construct } from 'constructs';
import { checkInChart, claimUnique, clusterScoped } from './resource-helpers';
import * as k8s from '../../imports/k8s';
import {
  ACCESS_MODES,
  DEFAULT_ACCESS_MODE,
  RECLAIM_POLICIES,
  checkAbsolutePath,
  checkDnsSubdomain,
  checkOneOf,
  checkSizeQuantity,
  normalizePath,
} from '../checks';
import { brand, hasBrand } from '../core/brand';
import { mergeMetadata, ResourceMetadata } from './metadata';
import type { Size } from 'cdk8s';
import type { PersistentVolumeAccessMode, PersistentVolumeReclaimPolicy } from 'cdk8s-plus-28';
import { LOCAL_PERSISTENT_VOLUME_PROPS } from '../validation/prop-shapes';
import { checkProps } from '../validation/shapes';
import { newApiObject } from './any-keys';

/** The kind; its names are unique cluster-wide, so it is also the space they are claimed in. */
const KIND = 'PersistentVolume';
/** Props for {@link LocalPersistentVolume}. */
export interface LocalPersistentVolumeProps {
  /** The PersistentVolume name (cluster-scoped). */
  readonly name: string;
  /** The StorageClass the volume belongs to. */
  readonly storageClassName: string;
  /** The node that holds the directory (`kubernetes.io/hostname`). */
  readonly nodeName: string;
  /** The directory on that node. It must exist before a pod is scheduled. */
  readonly path: string;
  /**
   * The capacity, e.g. `Size.gibibytes(1)` (written as the quantity '1Gi').
   */
  readonly size: Size;
  /**
   * cdk8s-plus-28's `PersistentVolumeAccessMode`, or the same string.
   * @default PersistentVolumeAccessMode.READ_WRITE_ONCE
   */
  readonly accessMode?: PersistentVolumeAccessMode | string;
  /**
   * cdk8s-plus-28's `PersistentVolumeReclaimPolicy`, or the same string ('Retain', 'Delete').
   * @default PersistentVolumeReclaimPolicy.RETAIN
   */
  readonly reclaimPolicy?: PersistentVolumeReclaimPolicy | string;
  /**
   * Labels and annotations of the PersistentVolume, in cdk8s-plus's style.
   * `name` may only repeat the `name` prop; `namespace` is refused (a
   * PersistentVolume is cluster-scoped).
   * @default - no labels or annotations
   */
  readonly metadata?: ResourceMetadata;
}

/**
 * A `local` PersistentVolume pinned to one node. With a no-provisioner
 * StorageClass, claims stay Pending until such volumes exist.
 */
/** The defaults of LocalPersistentVolumeProps, in one place. */
const LOCAL_PV_DEFAULTS = { accessMode: DEFAULT_ACCESS_MODE, reclaimPolicy: 'Retain' } as const;

export class LocalPersistentVolume extends Construct {
  /** Whether `x` is a LocalPersistentVolume, from this or any other copy of this package. */
  public static isLocalPersistentVolume(x: unknown): x is LocalPersistentVolume {
    return hasBrand(x, 'LocalPersistentVolume');
  }

  /** The volume name. */
  public readonly name: string;
  /** The node that holds the directory. */
  public readonly nodeName: string;
  /** The directory on that node. */
  public readonly path: string;
  /** The capacity. */
  public readonly size: string;
  /** The one access mode the volume offers. */
  public readonly accessMode: string;
  /** The L1 PersistentVolume. */
  public readonly resource: k8s.KubePersistentVolume;

  constructor(scope: Construct, id: string, props: LocalPersistentVolumeProps) {
    super(scope, id);
    brand(this, 'LocalPersistentVolume');
    checkInChart(this);
    const where = this.node.path;
    checkProps(where, 'LocalPersistentVolumeProps', props, LOCAL_PERSISTENT_VOLUME_PROPS);
    this.name = checkDnsSubdomain(where, 'name', props.name);
    this.nodeName = checkDnsSubdomain(where, 'nodeName', props.nodeName);
    const path = checkAbsolutePath(where, 'path', props.path);
    this.path = path;
    const size = checkSizeQuantity(where, 'size', props.size);
    this.size = size;
    const accessMode = checkOneOf(where, 'accessMode', props.accessMode ?? LOCAL_PV_DEFAULTS.accessMode, ACCESS_MODES);
    this.accessMode = accessMode;
    const reclaimPolicy = checkOneOf(where, 'reclaimPolicy', props.reclaimPolicy ?? LOCAL_PV_DEFAULTS.reclaimPolicy, RECLAIM_POLICIES);
    checkDnsSubdomain(where, 'storageClassName', props.storageClassName);
    claimUnique(this, KIND, this.name, 'name', `${KIND} names are cluster-wide and must be unique`);
    // Two volumes on one directory would share (and corrupt) each other's data.
    claimUnique(this, `local volume path on ${props.nodeName}`, normalizePath(path), 'path', 'each local volume needs its own directory');

    const metadata = mergeMetadata(where, 'metadata', props.metadata, { name: this.name, clusterScopedKind: KIND });

    this.resource = newApiObject(k8s.KubePersistentVolume, this, 'Resource', {
      metadata: { name: this.name, ...metadata },
      spec: {
        capacity: { storage: k8s.Quantity.fromString(size) },
        accessModes: [accessMode],
        persistentVolumeReclaimPolicy: reclaimPolicy,
        storageClassName: props.storageClassName,
        volumeMode: 'Filesystem',
        local: { path },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              {
                matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [props.nodeName] }],
              },
            ],
          },
        },
      },
    });
    clusterScoped(this.resource);
  }
}
