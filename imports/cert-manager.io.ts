// Hand-written L1 for cert-manager's Certificate (cert-manager.io/v1), in the shape
// `cdk8s import` generates, limited to the fields this library emits. `cdk8s import`
// of the CRD needs the network; the fields and their JSON schema
// (imports/crd-definitions.json) follow cert-manager's CertificateSpec.
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { dropUndefined } from './crd-helpers';

/** Asks an Issuer for a certificate and keeps it, renewed, in a Secret. */
export class Certificate extends ApiObject {
  /** Returns the apiVersion and kind for "Certificate". */
  public static readonly GVK: GroupVersionKind = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate' };

  /** Renders a Kubernetes manifest for "Certificate". */
  public static manifest(props: CertificateProps): Record<string, unknown> {
    return { ...Certificate.GVK, ...toJson_CertificateProps(props) };
  }

  public constructor(scope: Construct, id: string, props: CertificateProps) {
    super(scope, id, { ...Certificate.GVK, ...props });
  }

  /** Renders the object to Kubernetes JSON. */
  public override toJson(): Record<string, unknown> {
    const resolved = super.toJson();
    return { ...Certificate.GVK, ...toJson_CertificateProps(resolved) };
  }
}

/** @schema Certificate */
export interface CertificateProps {
  readonly metadata?: ApiObjectMetadata;
  readonly spec: CertificateSpec;
}

/** @schema CertificateSpec */
export interface CertificateSpec {
  /** The Secret that receives `tls.crt`, `tls.key` and `ca.crt`. */
  readonly secretName: string;
  /** The Issuer or ClusterIssuer that signs. */
  readonly issuerRef: CertificateSpecIssuerRef;
  /** Subject alternative names; a wildcard covers one label. */
  readonly dnsNames?: string[];
  /**
   * Key usages and extended key usages.
   * @default - cert-manager's: digital signature, key encipherment
   */
  readonly usages?: string[];
  /** @default - cert-manager's: RSA 2048, rotationPolicy Always (cert-manager 1.18+) */
  readonly privateKey?: CertificateSpecPrivateKey;
}

/** @schema CertificateSpecIssuerRef */
export interface CertificateSpecIssuerRef {
  readonly name: string;
  /** @default 'Issuer' */
  readonly kind?: string;
  /** @default 'cert-manager.io' */
  readonly group?: string;
}

/** @schema CertificateSpecPrivateKey */
export interface CertificateSpecPrivateKey {
  /** 'RSA', 'ECDSA' or 'Ed25519'. */
  readonly algorithm?: string;
  readonly size?: number;
  /** 'Never' or 'Always' (a new key at each renewal). */
  readonly rotationPolicy?: string;
}

export function toJson_CertificateProps(obj: CertificateProps | undefined): Record<string, unknown> | undefined {
  if (obj === undefined) return undefined;
  return dropUndefined({ metadata: obj.metadata, spec: toJson_CertificateSpec(obj.spec) });
}

export function toJson_CertificateSpec(obj: CertificateSpec | undefined): Record<string, unknown> | undefined {
  if (obj === undefined) return undefined;
  return dropUndefined({
    secretName: obj.secretName,
    issuerRef: obj.issuerRef && dropUndefined({ name: obj.issuerRef.name, kind: obj.issuerRef.kind, group: obj.issuerRef.group }),
    dnsNames: obj.dnsNames?.map((n) => n),
    usages: obj.usages?.map((u) => u),
    privateKey:
      obj.privateKey && dropUndefined({ algorithm: obj.privateKey.algorithm, size: obj.privateKey.size, rotationPolicy: obj.privateKey.rotationPolicy }),
  });
}
