/**
 * The resolved cluster: every prop defaulted, checked and derived once. The
 * builders read only this, so a default or a derived name exists in one place.
 */
import type { Size } from 'cdk8s';
import type { PersistentVolumeAccessMode } from 'cdk8s-plus-28';
import type * as k8s from '../../../imports/k8s';
import type { CertificateIssuer, DistPortPin } from '../../erlang/distribution';
import type { CookieDelivery, ErlangCookie } from '../../erlang/cookie';
import type { ErlangRelease, ReleaseConfigLine } from '../../erlang/release';
import type { LocalStorageClass } from '../local-storage-class';
import type { ClusterDiscovery } from './discovery';
import type { EgressOptions } from './egress';
import type { MetricsOptions } from './metrics';
import type { SchedulerCounts } from './resources';
import type { SecurityProfile } from './security-profile';

/** A named container port. */
export interface PortSpec {
  readonly name: string;
  readonly port: number;
}

/** Who the cluster is: what a strategy needs to know to contribute to the pod. */
export interface ClusterIdentity {
  readonly basename: string;
  /** The StatefulSet name. */
  readonly name: string;
  readonly headlessServiceName: string;
  readonly namespace: string;
  readonly clusterDomain: string;
  /** Labels that select exactly this cluster's pods. */
  readonly selectorLabels: Readonly<Record<string, string>>;
  /** Who the pod runs as: the hardened profile's IDs, the root-compatible profile's added capabilities. */
  readonly runAs: { readonly uid?: number | undefined; readonly gid?: number | undefined; readonly addCapabilities?: readonly string[] | undefined };
}

/** What a strategy (discovery, security profile) adds to the pod and its RBAC. */
export interface PodParts {
  readonly env: readonly k8s.EnvVar[];
  readonly volumes: readonly k8s.Volume[];
  readonly volumeMounts: readonly k8s.VolumeMount[];
  /** Rules of a Role bound to the pod's own ServiceAccount; none means no ServiceAccount. */
  readonly rbacRules: readonly k8s.PolicyRule[];
  readonly podSecurityContext?: k8s.PodSecurityContext | undefined;
  readonly containerSecurityContext?: k8s.SecurityContext | undefined;
}

/** Distribution as resolved: one port, one pin, and TLS's Secret and paths. */
export interface DistributionSpec {
  readonly port: number;
  readonly epmdless: boolean;
  readonly pin: DistPortPin;
  readonly tls?:
    | {
        readonly secretName: string;
        readonly mountPath: string;
        /** The ConfigMap that holds ssl_dist.conf. */
        readonly configMapName: string;
        readonly issuer?: CertificateIssuer | undefined;
      }
    | undefined;
  /** ERL_AFLAGS: the pin, TLS and schedulers, in the one flag grammar. */
  readonly erlAflags?: string | undefined;
}

/** Per-pod storage as resolved. */
export interface StorageSpec {
  readonly name: string;
  readonly mountPath: string;
  /** The claim's capacity; its quantity string is checked. */
  readonly size: Size;
  readonly accessMode: PersistentVolumeAccessMode;
  readonly storageClassName?: string | undefined;
  /** Set when the StorageClass is our construct, which then provisions the volumes. */
  readonly localClass?: LocalStorageClass | undefined;
}

/** The three probes of the node container. */
export interface ProbeSpec {
  readonly readiness?: k8s.Probe | undefined;
  readonly liveness?: k8s.Probe | undefined;
  readonly startup?: k8s.Probe | undefined;
}

/** The fully resolved, immutable description of one ErlangStatefulCluster. */
export interface ClusterSpec extends ClusterIdentity {
  /** The construct path, for messages. */
  readonly path: string;
  readonly replicas: number;
  readonly cookie: ErlangCookie;
  /** How the cookie reaches the VM: env, or `$HOME/.erlang.cookie`. */
  readonly cookieDelivery: CookieDelivery;
  /** The kind of release the image runs. */
  readonly release: ErlangRelease;
  /** The lines the release must carry (see ErlangRelease._configLines). */
  readonly releaseConfiguration: readonly ReleaseConfigLine[];
  /** Pod i's DNS name, for every i. */
  readonly podFqdns: readonly string[];
  /** `basename@<pod FQDN>`, for every pod. */
  readonly nodeNames: readonly string[];
  readonly distribution: DistributionSpec;
  /** epmd (unless epmd-less) and dist. */
  readonly erlangPorts: readonly PortSpec[];
  readonly appPorts: readonly PortSpec[];
  readonly metrics?: (MetricsOptions & { readonly port: number; readonly path: string }) | undefined;
  /** The Erlang ports, then the app ports, then metrics: the container's and the headless Service's. */
  readonly declaredPorts: readonly PortSpec[];
  readonly storage?: StorageSpec | undefined;
  readonly security: SecurityProfile;
  readonly discovery: ClusterDiscovery;
  /** What the security profile, the discovery and the cookie's delivery add to the pod. */
  readonly parts: { readonly security: PodParts; readonly discovery: PodParts; readonly cookie: PodParts };
  /** Set when the discovery needs the API: the ServiceAccount, Role and RoleBinding name. */
  readonly serviceAccountName?: string | undefined;
  /** The StatefulSet's labels (the selector's, then the user's) and annotations. */
  readonly metadata: ObjectMetadataSpec;
  readonly pod: PodSpec;
  readonly podManagementPolicy: string;
  /** Unset: the Kubernetes default (RollingUpdate, partition 0). */
  readonly updateStrategy?: { readonly type: string; readonly partition?: number | undefined } | undefined;
  /** Unset: 0. */
  readonly minReadySeconds?: number | undefined;
  readonly spread: string;
  /** 0: no PodDisruptionBudget. */
  readonly maxUnavailable: number;
  readonly unhealthyPodEvictionPolicy: string;
  readonly networkPolicy: boolean;
  readonly egress?: EgressOptions | undefined;
}

/** Labels and annotations of an object, the construct's own and the user's, as rendered. */
export interface ObjectMetadataSpec {
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly annotations?: Readonly<Record<string, string>> | undefined;
}

/** The pod template's own settings. */
export interface PodSpec {
  /** The pod's labels (podLabels, podMetadata's, the selector's) and annotations. */
  readonly metadata: ObjectMetadataSpec;
  readonly containerName: string;
  /** With the digest when pinned. */
  readonly image: string;
  readonly imagePullPolicy: string;
  readonly imagePullSecrets: readonly string[];
  readonly resources?: k8s.ResourceRequirements | undefined;
  readonly schedulers?: SchedulerCounts | undefined;
  readonly probes: ProbeSpec;
  readonly preStopCommand?: readonly string[] | undefined;
  readonly terminationGracePeriodSeconds: number;
  readonly enableServiceLinks: boolean;
  readonly nodeSelector?: Readonly<Record<string, string>> | undefined;
  readonly tolerations?: readonly k8s.Toleration[] | undefined;
  readonly extraEnv: readonly k8s.EnvVar[];
  readonly extraVolumes: readonly k8s.Volume[];
  readonly extraVolumeMounts: readonly k8s.VolumeMount[];
  readonly initContainers: readonly k8s.Container[];
  readonly sidecars: readonly k8s.Container[];
}
