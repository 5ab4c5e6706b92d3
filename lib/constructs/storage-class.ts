/** A StorageClass as the cluster's storage refers to it: by name. */
import { checkDnsSubdomain } from '../checks';

/**
 * A StorageClass that claims can name: a {@link LocalStorageClass} of this
 * chart, or a class the Kubernetes cluster already has ({@link StorageClass.fromName}).
 */
export interface IStorageClass {
  /** The StorageClass name, which the claims write into `storageClassName`. */
  readonly name: string;
}

/** A class made elsewhere (a cloud's default, a CSI driver's), known by its name only. */
class ImportedStorageClass implements IStorageClass {
  constructor(public readonly name: string) {}
}

/**
 * Refers to StorageClasses that exist outside this chart, as cdk8s-plus's
 * `Secret.fromSecretName` does for Secrets.
 */
export class StorageClass {
  /**
   * A StorageClass the cluster has, by name (`kubectl get storageclass` lists them),
   * e.g. `StorageClass.fromName('fast-ssd')`.
   * @param name a DNS-1123 subdomain
   */
  public static fromName(name: string): IStorageClass {
    return new ImportedStorageClass(checkDnsSubdomain('StorageClass.fromName', 'name', name));
  }

  private constructor() {}
}
