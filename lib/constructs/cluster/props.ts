/** The props of ErlangStatefulCluster: what a team states about its cluster. */
import type { Duration } from 'cdk8s';
import type { Capability, ContainerResources, EnvValue, ImagePullPolicy, PodManagementPolicy } from 'cdk8s-plus-28';
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
import type { AppPortSpec, ClusterStorageOptions, PodSpread } from './options';
import type { ResourcesPreset, Schedulers } from './resources';
import type { SecurityProfile } from './security-profile';
import type { UnhealthyPodEvictionPolicy } from './options';
import type { ClusterUpdateStrategy } from './update-strategy';

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
   * The distribution cookie, from a Secret in the cluster's namespace:
   * `ErlangCookie.fromSecretName('chat-cookie')`, or `ErlangCookie.fromSecret(secret)`
   * for a cdk8s-plus `ISecret`. Every peer must use the same one.
   */
  readonly cookie: ErlangCookie;
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
   * The namespace of every object of the cluster.
   * @default - the chart's namespace, else 'default'
   */
  readonly namespace?: string;
  /**
   * The number of Erlang nodes (pods).
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
   * Parallel, because after a full outage every mnesia node must be up before any loads its tables
   * (`ORDERED_READY`, one by one waiting for Ready, deadlocks mnesia clusters after a full outage).
   * @default PodManagementPolicy.PARALLEL
   */
  readonly podManagementPolicy?: PodManagementPolicy;
  /**
   * How the pods are replaced when their template changes: one at a time from the
   * highest ordinal down, or only when deleted. A partition holds a canary.
   * @default - not rendered: Kubernetes' RollingUpdate with partition 0
   */
  readonly strategy?: ClusterUpdateStrategy;
  /**
   * How long a new pod must be Ready before it counts as available (`minReadySeconds`):
   * a rolling update waits that long before it replaces the next pod. Whole seconds.
   * @default - not rendered: 0 seconds
   */
  readonly minReady?: Duration;
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
   * The container's liveness, readiness and startup probes.
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
   * A whole number of seconds, e.g. `Duration.seconds(60)`.
   * @default Duration.seconds(60)
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * What the node runs on deletion before SIGTERM (the preStop hook), filled by the release
   * kind: `LeaveHook.releaseCommand('bin/chat', 'Chat.leave()')` (mix `rpc`, relx `eval`), or
   * `LeaveHook.command([...])`. The grace period must cover its timeout and the VM's stop.
   * @default - none; SIGTERM stops the VM
   */
  readonly leaveHook?: LeaveHook;
  /**
   * How the pods spread over nodes and zones.
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
   * Requests and limits in full, as cdk8s-plus's `ContainerResources`
   * (`{ cpu: { request: Cpu.millis(500) }, memory: { request: Size.gibibytes(1), limit: Size.gibibytes(1) } }`);
   * replaces the preset. A CPU limit throttles the VM (see docs/production.md).
   * @default - the preset's
   */
  readonly resources?: ContainerResources;
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
   * When the kubelet pulls the image.
   * @default - ImagePullPolicy.ALWAYS for ':latest' or no tag without a digest (a moving tag), else ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * The hardened profile's UID (`runAsUser`).
   * @default SecurityProfile.HARDENED_UID (10001)
   */
  readonly runAsUser?: number;
  /**
   * The group that owns the volumes (`fsGroup`) in every profile, so that a non-root
   * image can write its data volume; also the hardened profile's `runAsGroup`.
   * @default SecurityProfile.HARDENED_GID (10001)
   */
  readonly runAsGroup?: number;
  /**
   * Capabilities that the root-compatible profile adds back after dropping ALL,
   * e.g. `[Capability.SETUID, Capability.SETGID]` for an entrypoint that switches
   * user with gosu. `Capability.ALL` is refused: the profile drops ALL, and the
   * container runtime applies a dropped ALL after an added one, so it would add nothing.
   * @default - none
   */
  readonly addCapabilities?: Capability[];
  /**
   * Inject `<SERVICE>_PORT=tcp://...` variables for every Service in the namespace.
   * Off: a Service named `erl-epmd` would inject `ERL_EPMD_PORT`, which the VM reads.
   * @default false
   */
  readonly enableServiceLinks?: boolean;
  /**
   * The PodDisruptionBudget's `unhealthyPodEvictionPolicy`. With ALWAYS_ALLOW, a
   * member that is not Ready (crash-looping, stuck loading tables) cannot block drains.
   * @default UnhealthyPodEvictionPolicy.ALWAYS_ALLOW
   */
  readonly unhealthyPodEvictionPolicy?: UnhealthyPodEvictionPolicy;
  /**
   * Extra container env by name, appended after the construct's own, as
   * cdk8s-plus's `ContainerProps.envVariables`: `{ LOG_LEVEL: EnvValue.fromValue('info') }`,
   * `EnvValue.fromSecretValue(...)`, `fromConfigMap`, `fromFieldRef`, `fromResource`, `fromProcess`.
   * @default - none
   */
  readonly envVariables?: { [name: string]: EnvValue };
  /**
   * L1 `k8s.Volume`s, an escape hatch: cdk8s-plus's `Volume` renders only through its internal `_toKube()`.
   * @default - none
   */
  readonly extraVolumes?: k8s.Volume[];
  /**
   * L1 `k8s.VolumeMount`s, an escape hatch: cdk8s-plus mounts a `Volume` only through a `Container`, which renders only through its internal `_toKube()`.
   * @default - none
   */
  readonly extraVolumeMounts?: k8s.VolumeMount[];
  /**
   * Node labels a node must have to run the pods.
   * @default - none
   */
  readonly nodeSelector?: Record<string, string>;
  /**
   * L1 `k8s.Toleration`s, an escape hatch: cdk8s-plus's `NodeTaintQuery` renders only through its internal `_toKube()`.
   * @default - none
   */
  readonly tolerations?: k8s.Toleration[];
  /**
   * Labels and annotations of the StatefulSet, as cdk8s-plus's `metadata`.
   * `name` and `namespace` may only repeat the name and namespace props; the
   * selector label may be repeated, never changed.
   * @default - the selector labels only
   */
  readonly metadata?: ResourceMetadata;
  /**
   * Labels and annotations of every pod (e.g. `prometheus.io/scrape`, a service
   * mesh's opt-out), added after the selector labels, which are never changed.
   * @default - the selector labels only
   */
  readonly podMetadata?: LabelsAndAnnotations;
  /**
   * The name of the Erlang node's container.
   * @default - the basename, with '_' replaced by '-' and lower-cased
   */
  readonly containerName?: string;
  /**
   * Containers that run to completion before the node starts (schema migrations,
   * waiting for a dependency, fixing volume ownership). L1 `k8s.Container`s, an escape
   * hatch: cdk8s-plus's `Container` renders only through its internal `_toKube()`.
   * @default - none
   */
  readonly initContainers?: k8s.Container[];
  /**
   * Containers beside the node (log shippers, proxies). They share the pod's
   * network, so none may listen on epmd, the dist port or an app port. L1 `k8s.Container`s,
   * an escape hatch: cdk8s-plus's `Container` renders only through its internal `_toKube()`.
   * @default - none
   */
  readonly sidecars?: k8s.Container[];
}
