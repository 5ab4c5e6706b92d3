/** The props of ErlangStatefulCluster: what a team states about its cluster. */
import type { Duration } from 'cdk8s';
import type { ISecret, PodManagementPolicy } from 'cdk8s-plus-28';
import type * as k8s from '../../../imports/k8s';
import type { DistributionOptions } from '../../erlang/distribution';
import type { CookieDelivery, ErlangCookie } from '../../erlang/cookie';
import type { LeaveHook } from '../../erlang/leave-hook';
import type { ErlangRelease } from '../../erlang/release';
import type { LabelsAndAnnotations, ResourceMetadata } from '../metadata';
import type { ClusterDiscovery } from './discovery';
import type { EgressOptions } from './egress';
import type { ErlangProbes } from './probes';
import type { MetricsOptions } from './metrics';
import type { AppPortSpec, ClusterStorageOptions, PodManagement, PodSpread } from './options';
import type { ResourcesPreset, Schedulers } from './resources';
import type { SecurityProfile } from './security-profile';

/** Props for {@link ErlangStatefulCluster}. */
export interface ErlangStatefulClusterProps {
  /**
   * The Erlang node basename, the part before '@' (e.g. the release name). Also the
   * pods' `app` label and, by default, the container name.
   */
  readonly basename: string;
  /**
   * The kind of release the image runs: `ErlangRelease.mix()` for Elixir (mix,
   * Phoenix), `ErlangRelease.relx()` for rebar3. It decides the env the start
   * script reads and where the dist port is pinned; `releaseConfiguration` on
   * the construct lists the lines the release must carry.
   */
  readonly release: ErlangRelease;
  /** The container image. */
  readonly image: string;
  /**
   * The distribution cookie: an ErlangCookie, a cdk8s-plus `ISecret`, or the name
   * of a Secret in the cluster's namespace (both with the key 'cookie'). Every
   * peer must use the same one.
   */
  readonly cookie: ErlangCookie | ISecret | string;
  /**
   * How the cookie reaches the VM: `CookieDelivery.FILE` (no env var carries it; the
   * release must carry the lines `releaseConfiguration` lists) or `CookieDelivery.ENV`.
   * @default - CookieDelivery.FILE under SecurityProfile.HARDENED, else CookieDelivery.ENV
   */
  readonly cookieDelivery?: CookieDelivery;
  /**
   * The StatefulSet name (at most 52 chars).
   * @default `${basename}-sfs`, lower-cased with '_' as '-'
   */
  readonly name?: string;
  /**
   * The governing headless Service's name.
   * @default `${basename}-hl`, lower-cased with '_' as '-'
   */
  readonly headlessServiceName?: string;
  /**
   * @default - the chart's namespace, else 'default'
   */
  readonly namespace?: string;
  /**
   * @default 3
   */
  readonly replicas?: number;
  /**
   * Application ports (http, ws, ...), declared on the container and the headless Service.
   * @default - none
   */
  readonly appPorts?: AppPortSpec[];
  /**
   * The cluster's DNS domain (kubelet `--cluster-domain`).
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;
  /**
   * Distribution port, where it is pinned, epmd-less mode and TLS.
   * @default - port 9100 pinned through ERL_AFLAGS, with epmd, over TCP
   */
  readonly distribution?: DistributionOptions;
  /**
   * Per-pod persistent storage.
   * @default - no persistent storage
   */
  readonly storage?: ClusterStorageOptions;
  /**
   * Parallel, because after a full outage every mnesia node must be up before any loads its tables.
   * @default PodManagementPolicy.PARALLEL
   */
  readonly podManagementPolicy?: PodManagementPolicy | PodManagement;
  /**
   * A metrics endpoint: a named container port, on the headless Service, admitted
   * from the scrapers by the NetworkPolicy, and optionally a PodMonitor.
   * @default - no metrics port
   */
  readonly metrics?: MetricsOptions;
  /**
   * What the pod may do, and so what it assumes of the image.
   * @default SecurityProfile.ROOT_COMPATIBLE
   */
  readonly securityProfile?: SecurityProfile;
  /**
   * How nodes find each other.
   * @default ClusterDiscovery.dnsSrv()
   */
  readonly discovery?: ClusterDiscovery;
  /**
   * @default - a TCP readiness probe on the first app port; none without app ports
   */
  readonly probes?: ErlangProbes;
  /**
   * A PodDisruptionBudget with this `maxUnavailable`; 0 disables it.
   * @default 1
   */
  readonly maxUnavailable?: number;
  /**
   * A NetworkPolicy that admits epmd and the dist port only from this cluster's
   * pods and its peers', and the app ports from anywhere.
   * @default true
   */
  readonly networkPolicy?: boolean;
  /**
   * Restrict egress too (opt-in): DNS, the mesh's epmd and dist ports, and `egress.to`.
   * @default - no egress rules: every destination is open
   */
  readonly egress?: EgressOptions;
  /**
   * The VM stops cleanly on SIGTERM (OTP 19.3+, `init:stop()`); give it time.
   * Whole seconds, or a cdk8s `Duration`.
   * @default 60
   */
  readonly terminationGracePeriodSeconds?: number | Duration;
  /**
   * What the node runs on deletion before SIGTERM (the preStop hook), filled by the release
   * kind: `LeaveHook.releaseCommand('bin/chat', 'Chat.leave()')` (mix `rpc`, relx `eval`), or
   * `LeaveHook.command([...])`. The grace period must cover its timeout and the VM's stop.
   * @default - none; SIGTERM stops the VM
   */
  readonly leaveHook?: LeaveHook;
  /**
   * @default PodSpread.SOFT
   */
  readonly spread?: PodSpread;
  /**
   * Requests and the memory limit, from a preset (memory limit = request, no CPU
   * limit). Ignored when `resources` is given.
   * @default ResourcesPreset.SMALL
   */
  readonly resourcesPreset?: ResourcesPreset;
  /**
   * Requests and limits in full; replaces the preset. A CPU limit throttles the VM
   * (see docs/production.md).
   * @default - the preset's
   */
  readonly resources?: k8s.ResourceRequirements;
  /**
   * How many normal schedulers the VM runs (`+S N:N` in ERL_AFLAGS).
   * @default Schedulers.fromCpu()
   */
  readonly schedulers?: Schedulers;
  /**
   * Pins the image to this digest (`sha256:...`), appended as `image@digest`.
   * @default - none; the tag alone (a warning when it is ':latest' or missing)
   */
  readonly imageDigest?: string;
  /**
   * Secrets for a private registry.
   * @default - none
   */
  readonly imagePullSecrets?: string[];
  /**
   * @default - 'Always' for ':latest' or no tag without a digest (a moving tag), else 'IfNotPresent'
   */
  readonly imagePullPolicy?: string;
  /**
   * The hardened profile's UID (`runAsUser`).
   * @default HARDENED_UID (10001)
   */
  readonly runAsUser?: number;
  /**
   * The group that owns the volumes (`fsGroup`) in every profile, so that a non-root
   * image can write its data volume; also the hardened profile's `runAsGroup`.
   * @default HARDENED_GID (10001)
   */
  readonly runAsGroup?: number;
  /**
   * Capabilities that the root-compatible profile adds back after dropping ALL,
   * e.g. `['SETUID', 'SETGID']` for an entrypoint that switches user with gosu.
   * @default - none
   */
  readonly addCapabilities?: string[];
  /**
   * Inject `<SERVICE>_PORT=tcp://...` variables for every Service in the namespace.
   * Off: a Service named `erl-epmd` would inject `ERL_EPMD_PORT`, which the VM reads.
   * @default false
   */
  readonly enableServiceLinks?: boolean;
  /**
   * The PodDisruptionBudget's `unhealthyPodEvictionPolicy`. With 'AlwaysAllow', a
   * member that is not Ready (crash-looping, stuck loading tables) cannot block drains.
   * @default 'AlwaysAllow'
   */
  readonly unhealthyPodEvictionPolicy?: string;
  /**
   * Extra container env, appended after the construct's own.
   * @default - none
   */
  readonly extraEnv?: k8s.EnvVar[];
  /**
   * @default - none
   */
  readonly extraVolumes?: k8s.Volume[];
  /**
   * @default - none
   */
  readonly extraVolumeMounts?: k8s.VolumeMount[];
  /**
   * @default - none
   */
  readonly nodeSelector?: Record<string, string>;
  /**
   * @default - none
   */
  readonly tolerations?: k8s.Toleration[];
  /**
   * Extra pod labels (not part of the selector). `podMetadata.labels` says the same, in cdk8s-plus's words.
   * @default - none
   */
  readonly podLabels?: Record<string, string>;
  /**
   * Labels and annotations of the StatefulSet, as cdk8s-plus's `metadata`.
   * `name` and `namespace` may only repeat the name and namespace props; the
   * selector label may be repeated, never changed.
   * @default - the selector labels only
   */
  readonly metadata?: ResourceMetadata;
  /**
   * Labels and annotations of every pod (e.g. `prometheus.io/scrape`, a service
   * mesh's opt-out), added after podLabels; the selector label is never changed.
   * @default - the selector labels and podLabels only
   */
  readonly podMetadata?: LabelsAndAnnotations;
  /**
   * @default - the basename, with '_' replaced by '-' and lower-cased
   */
  readonly containerName?: string;
  /**
   * Containers that run to completion before the node starts (schema migrations,
   * waiting for a dependency, fixing volume ownership).
   * @default - none
   */
  readonly initContainers?: k8s.Container[];
  /**
   * Containers beside the node (log shippers, proxies). They share the pod's
   * network, so none may listen on epmd, the dist port or an app port.
   * @default - none
   */
  readonly sidecars?: k8s.Container[];
}
