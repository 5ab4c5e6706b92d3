import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { ClusterDiscovery, DiscoveryResource, DiscoveryStrategy } from './cluster/discovery';
import { useDistCertificate } from './cluster/dist-certificate';
import { checkSameCookie, ErlangCookie } from '../erlang/cookie';
import {
  DEFAULT_DIST_PORT, DEFAULT_TLS_MOUNT_PATH, DIST_PORT_NAME, DistPortPin, DistributionOptions, EPMD_PORT, EPMD_PORT_NAME, erlAflags, SSL_DIST_OPTFILE,
  sslDistOptfile,
} from '../erlang/distribution';
import { ENV, nodeEnv } from '../erlang/env';
import { checkEgress, egressRules, EgressOptions } from './cluster/egress';
import { ErlangProbes } from './cluster/probes';
import { HeadlessService } from './headless-service';
import { LoadBalancedSvc } from './load-balanced-svc';
import { LocalStorageClass } from './local-storage-class';
import { checkMetrics, createPodMonitor, METRICS_PORT_NAME, metricsIngressRule, MetricsOptions } from './cluster/metrics';
import { clusterNodeNames, DEFAULT_CLUSTER_DOMAIN, podFqdn, serviceAddress } from '../erlang/names';
import { peerOf, policyPort } from '../kubernetes/network-policy';
import { resolveResources, ResourcesPreset, SchedulerCounts, schedulerCounts, Schedulers } from './cluster/resources';
import { LINUX_CAPABILITIES, securityProfileParts, SecurityProfile, SecurityProfileOptions, SecurityProfileParts } from './cluster/security-profile';
import { checkInChart, claimUnique, resolveNamespace } from './resource-helpers';
import { indexWorkload } from './workload-index';
import { ConfigError } from '../validation/errors';
import { warn } from './warnings';
import {
  ACCESS_MODES, checkAbsolutePath, checkDigest, checkDnsLabel, checkDnsName, checkDnsSubdomain, checkEnvName, checkErlangBasename, checkFlagSafePath,
  checkImage, checkInteger, checkLabels, checkNodeName, checkOneOf, checkPort, checkPortName, checkQuantity, checkServiceName, checkUnique,
  IMAGE_PULL_POLICIES, imageParts, MAX_INT32, MAX_STATEFUL_SET_NAME, UNHEALTHY_POD_EVICTION_POLICIES,
} from '../validation/props';
import { brand, hasBrand } from './brand';
import {
  checkDiscoveryDomain, checkMountPaths, checkNoCollision, checkPlacement, checkProbes, checkUserEnv,
} from '../validation/cluster-rules';
import { ERLANG_STATEFUL_CLUSTER_PROPS } from '../validation/prop-shapes';
import { checkProps } from '../validation/shapes';

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
   * @default '1Gi'
   */
  readonly size?: string;
  /**
   * @default 'ReadWriteOnce'
   */
  readonly accessMode?: string;
  /**
   * The StorageClass, by name or construct.
   * @default - the cluster's default StorageClass
   */
  readonly storageClass?: string | LocalStorageClass;
}

/** How the StatefulSet creates and deletes pods. */
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

/** Props for {@link ErlangStatefulCluster}. */
export interface ErlangStatefulClusterProps {
  /**
   * The Erlang node basename, the part before '@' (e.g. the release name). Also the
   * pods' `app` label and, by default, the container name.
   */
  readonly basename: string;
  /** The container image. */
  readonly image: string;
  /** The distribution cookie. Every peer must use the same one. */
  readonly cookie: ErlangCookie;
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
   * @default PodManagement.PARALLEL
   */
  readonly podManagementPolicy?: PodManagement;
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
   * @default 60
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * A preStop exec command, e.g. `['bin/erlang_docker', 'stop']` for relx (OTP 23+).
   * With a mix release and the ERL_AFLAGS pin, `bin/app stop` fails with `eaddrinuse`.
   * @default - none; SIGTERM stops the VM
   */
  readonly preStopCommand?: string[];
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
   * The hardened profile's GID (`runAsGroup` and `fsGroup`).
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
   * Extra pod labels (not part of the selector).
   * @default - none
   */
  readonly podLabels?: Record<string, string>;
  /**
   * @default - the basename, with '_' replaced by '-' and lower-cased
   */
  readonly containerName?: string;
}

const HOSTNAME_KEY = 'kubernetes.io/hostname';
const ZONE_KEY = 'topology.kubernetes.io/zone';
const TLS_VOLUME = 'erlang-dist-tls';

/**
 * A clustered BEAM application: a StatefulSet whose pod *i* has the stable DNS
 * name `<name>-<i>.<headless>.<namespace>.svc.<clusterDomain>`, used as the
 * host part of its long node name `<basename>@<that name>`; the headless
 * Service that gives it those names; and, by default, a PodDisruptionBudget
 * and a NetworkPolicy.
 */
export class ErlangStatefulCluster extends Construct {
  /** Whether `x` is an ErlangStatefulCluster, from this or any other copy of this package. */
  public static isErlangStatefulCluster(x: unknown): x is ErlangStatefulCluster {
    return hasBrand(x, 'ErlangStatefulCluster');
  }

  /** Makes every cluster a peer of every other: one full mesh. */
  public static mesh(...clusters: ErlangStatefulCluster[]): void {
    clusters.forEach((a, i) => clusters.slice(i + 1).forEach((b) => a.addPeer(b)));
  }

  /** The StatefulSet name. */
  public readonly name: string;
  /** The node basename. */
  public readonly basename: string;
  /** The namespace. */
  public readonly namespace: string;
  /** The replica count. */
  public readonly replicas: number;
  /** The cluster DNS domain. */
  public readonly clusterDomain: string;
  /** The cookie. */
  public readonly cookie: ErlangCookie;
  /** The distribution port. */
  public readonly distPort: number;
  /** Whether epmd is used. */
  public readonly epmdless: boolean;
  /** Labels that select exactly this cluster's pods. */
  public readonly selectorLabels: Record<string, string>;
  /** The governing headless Service. */
  public readonly headlessService: HeadlessService;
  /** The L1 StatefulSet. */
  public readonly resource: k8s.KubeStatefulSet;

  private readonly props: ErlangStatefulClusterProps;
  private readonly appPorts: readonly AppPortSpec[];
  private readonly discovery: ClusterDiscovery;
  /** The probes the container gets; computed once. */
  private readonly probeSet: ErlangProbes;
  /** What the security profile adds to the pod; computed once. */
  private readonly profile: SecurityProfileParts;
  private readonly peers: ErlangStatefulCluster[] = [];
  private readonly serviceDomains: k8s.EnvVar[] = [];
  private readonly serviceAccountName?: string;
  /** The container image, with the digest when pinned. */
  private readonly image: string;
  private readonly resources?: k8s.ResourceRequirements;
  private readonly schedulerCounts?: SchedulerCounts;
  private readonly metricsPort?: AppPortSpec;

  constructor(scope: Construct, id: string, props: ErlangStatefulClusterProps) {
    super(scope, id);
    brand(this, 'ErlangStatefulCluster');
    checkInChart(this);
    const where = this.node.path;
    checkProps(where, 'ErlangStatefulClusterProps', props, ERLANG_STATEFUL_CLUSTER_PROPS);
    this.props = props;
    this.basename = checkErlangBasename(where, 'basename', props.basename);
    this.name = checkDnsLabel(where, 'name', props.name ?? `${dnsName(this.basename)}-sfs`, MAX_STATEFUL_SET_NAME);
    const headlessName = checkServiceName(where, 'headlessServiceName', props.headlessServiceName ?? `${dnsName(this.basename)}-hl`);
    this.namespace = resolveNamespace(this, props.namespace);
    this.image = resolveImage(where, props.image, props.imageDigest);
    if (!ErlangCookie.isErlangCookie(props.cookie)) {
      throw new ConfigError(where, 'cookie', props.cookie, "must be an ErlangCookie, e.g. ErlangCookie.fromSecret('my-cookie')");
    }
    this.cookie = props.cookie;
    this.replicas = checkInteger(where, 'replicas', props.replicas ?? 3, 0, MAX_INT32);
    this.clusterDomain = checkDnsName(where, 'clusterDomain', props.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN);
    this.distPort = checkPort(where, 'distribution.port', props.distribution?.port ?? DEFAULT_DIST_PORT);
    this.epmdless = props.distribution?.epmdless ?? false;
    checkOneOf(where, 'distribution.pin', props.distribution?.pin ?? DistPortPin.ERL_AFLAGS, Object.values(DistPortPin));
    if (!this.epmdless && this.distPort === EPMD_PORT) {
      throw new ConfigError(where, 'distribution.port', this.distPort, `must differ from epmd's port ${EPMD_PORT}`);
    }
    this.metricsPort = props.metrics && { name: METRICS_PORT_NAME, port: checkMetrics(where, props.metrics) };
    const metricsClash = this.metricsPort && this.erlangPorts().find((p) => p.port === this.metricsPort!.port);
    if (metricsClash) throw new ConfigError(where, 'metrics.port', metricsClash.port, `clashes with the ${metricsClash.name} port; choose another port`);
    this.appPorts = checkAppPorts(where, props.appPorts ?? [], [...this.erlangPorts(), ...(this.metricsPort ? [this.metricsPort] : [])]);
    checkOneOf(where, 'podManagementPolicy', props.podManagementPolicy ?? PodManagement.PARALLEL, Object.values(PodManagement));
    this.profile = securityProfileParts(
      checkOneOf(where, 'securityProfile', props.securityProfile ?? SecurityProfile.ROOT_COMPATIBLE, Object.values(SecurityProfile)),
      checkProfileOptions(where, props),
    );
    this.resources = resolveResources(where, props.resourcesPreset ?? ResourcesPreset.SMALL, props.resources);
    this.schedulerCounts = schedulerCounts(where, props.schedulers ?? Schedulers.fromCpu(), this.resources);
    checkOneOf(where, 'spread', props.spread ?? PodSpread.SOFT, Object.values(PodSpread));
    checkInteger(where, 'maxUnavailable', props.maxUnavailable ?? 1, 0, MAX_INT32);
    checkInteger(where, 'terminationGracePeriodSeconds', props.terminationGracePeriodSeconds ?? 60, 0);
    if (props.preStopCommand !== undefined && props.preStopCommand.length === 0) {
      throw new ConfigError(where, 'preStopCommand', props.preStopCommand, 'must be a non-empty command, or left out');
    }
    if (props.containerName !== undefined) checkDnsLabel(where, 'containerName', props.containerName);
    (props.imagePullSecrets ?? []).forEach((s, i) => checkDnsSubdomain(where, `imagePullSecrets[${i}]`, s));
    if (props.distribution?.tls) {
      checkDnsSubdomain(where, 'distribution.tls.secretName', props.distribution.tls.secretName);
      checkFlagSafePath(where, 'distribution.tls.mountPath', props.distribution.tls.mountPath ?? DEFAULT_TLS_MOUNT_PATH);
    }
    checkUserEnv(where, props.extraEnv ?? [], new Set<string>([...Object.values(ENV), ...this.profile.env.map((e) => e.name)]));
    this.discovery = props.discovery ?? ClusterDiscovery.dnsSrv();
    if (props.egress) checkEgress(where, props.egress, props.networkPolicy ?? true, this.discovery.needsApiAccess);
    this.selectorLabels = { app: this.basename };
    checkResolvedProps(this, props, headlessName, this.profile, this.discovery);
    indexWorkload(this, {
      path: where,
      namespace: this.namespace,
      podLabels: { ...props.podLabels, ...this.selectorLabels },
      ports: this.declaredPorts(),
      distributionPorts: this.erlangPorts().map((p) => p.port),
    });
    this.probeSet = this.defaultedProbes();
    const probes = this.probeSet;
    checkProbes(where, { readiness: probes.readiness, liveness: probes.liveness, startup: probes.startup }, this.declaredPorts());

    const storage = props.storage && this.storageClaim(where, props.storage);

    this.headlessService = new HeadlessService(this, 'Headless', {
      name: headlessName,
      namespace: this.namespace,
      selector: this.selectorLabels,
      ports: this.declaredPorts().map((p) => ({ name: p.name, port: p.port, targetPort: p.name })),
    });

    if (this.discovery.needsApiAccess) this.serviceAccountName = this.createDiscoveryRbac();
    if (props.distribution?.tls) this.createTlsConfig();
    if (props.distribution?.tls?.issuer) useDistCertificate(this, props.distribution.tls.secretName, props.distribution.tls.issuer);

    this.resource = new k8s.KubeStatefulSet(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace, labels: this.selectorLabels },
      spec: Lazy.any({ produce: () => this.statefulSetSpec(storage) }),
    });

    if ((props.maxUnavailable ?? 1) > 0) {
      new k8s.KubePodDisruptionBudget(this, 'DisruptionBudget', {
        metadata: { name: this.name, namespace: this.namespace, labels: this.selectorLabels },
        spec: {
          maxUnavailable: k8s.IntOrString.fromNumber(props.maxUnavailable ?? 1),
          selector: { matchLabels: this.selectorLabels },
          unhealthyPodEvictionPolicy: props.unhealthyPodEvictionPolicy ?? 'AlwaysAllow',
        },
      });
    }
    if (props.metrics?.podMonitor) createPodMonitor(this, { ...props.metrics, podMonitor: props.metrics.podMonitor }, this.name, this.namespace, this.selectorLabels);
    if (props.networkPolicy ?? true) {
      new k8s.KubeNetworkPolicy(this, 'NetworkPolicy', {
        metadata: { name: this.name, namespace: this.namespace, labels: this.selectorLabels },
        spec: Lazy.any({ produce: () => this.networkPolicySpec() }),
      });
    }
  }

  /** The headless Service's name. */
  public get headlessServiceName(): string {
    return this.headlessService.name;
  }

  /** Pod `ordinal`'s DNS name. */
  public podFqdn(ordinal: number): string {
    return podFqdn(this.name, ordinal, this.headlessServiceName, this.namespace, this.clusterDomain);
  }

  /** The long node names of all members, e.g. `app@app-sfs-0.app-hl.default.svc.cluster.local`. */
  public get nodeNames(): string[] {
    return clusterNodeNames(this.basename, this.name, this.replicas, this.headlessServiceName, this.namespace, this.clusterDomain);
  }

  /** The clusters this one meshes with. */
  public get peerClusters(): readonly ErlangStatefulCluster[] {
    return [...this.peers];
  }

  /**
   * Makes `peer` part of this cluster's mesh, both ways: epmd and the dist port
   * admit each other's pods. Peers must share the cookie and live in the same app.
   */
  public addPeer(peer: ErlangStatefulCluster): void {
    const where = this.node.path;
    if (!ErlangStatefulCluster.isErlangStatefulCluster(peer)) {
      throw new ConfigError(where, 'peer', String(peer), 'must be an ErlangStatefulCluster');
    }
    if (peer === this) throw new ConfigError(where, 'peer', peer.node.path, 'must be another cluster, not this one');
    if (peer.node.root !== this.node.root) {
      throw new ConfigError(where, 'peer', peer.node.path, 'belongs to another cdk8s App; peers must be synthesized together so that both sides admit each other');
    }
    checkSameCookie(where, this.cookie, peer.cookie, peer.node.path);
    if (peer.clusterDomain !== this.clusterDomain) {
      // One Kubernetes cluster has one DNS domain: one side's node names would never resolve.
      throw new ConfigError(where, 'peer', peer.node.path,
        `uses clusterDomain '${peer.clusterDomain}' but this cluster uses '${this.clusterDomain}'; peers in one Kubernetes cluster share its DNS domain`);
    }
    const mine = distributionSummary(this.epmdless, this.distPort, this.props.distribution?.tls !== undefined);
    const theirs = distributionSummary(peer.epmdless, peer.distPort, peer.props.distribution?.tls !== undefined);
    if (mine !== theirs) throw new ConfigError(where, 'peer', peer.node.path, `uses ${theirs} but this cluster uses ${mine}; peers must speak the same distribution to connect`);
    if (this.peers.includes(peer)) return;
    this.peers.push(peer);
    peer.addPeer(this);
  }

  /**
   * Tells this cluster's pods where a Service is, through `envName` (the seed's
   * `A_SERVICE_DOMAIN`): the short name within the namespace, else the FQDN.
   */
  public addServiceDomain(envName: string, service: LoadBalancedSvc | HeadlessService): void {
    const where = this.node.path;
    checkEnvName(where, 'serviceDomain envName', envName);
    const taken = [...this.serviceDomains, ...(this.props.extraEnv ?? [])].some((e) => e.name === envName);
    if (this.ownEnvNames().has(envName) || taken) {
      throw new ConfigError(where, 'serviceDomain envName', envName, 'is already defined in this container; choose another name');
    }
    this.serviceDomains.push({
      name: envName,
      value: serviceAddress(service.name, service.namespace, this.namespace, this.clusterDomain),
    });
  }

  /** epmd (unless epmd-less) and dist. */
  private erlangPorts(): AppPortSpec[] {
    const dist = { name: DIST_PORT_NAME, port: this.distPort };
    return this.epmdless ? [dist] : [{ name: EPMD_PORT_NAME, port: EPMD_PORT }, dist];
  }

  /** The Erlang ports, then the app ports, then metrics. */
  private declaredPorts(): AppPortSpec[] {
    return [...this.erlangPorts(), ...this.appPorts, ...(this.metricsPort ? [this.metricsPort] : [])];
  }

  private storageClaim(where: string, s: ClusterStorageOptions): { claim: k8s.KubePersistentVolumeClaimProps; mount: k8s.VolumeMount } {
    const name = checkDnsLabel(where, 'storage.name', s.name ?? `${dnsName(this.basename)}-volume`);
    const mountPath = checkAbsolutePath(where, 'storage.mountPath', s.mountPath);
    const size = checkQuantity(where, 'storage.size', s.size ?? '1Gi');
    const accessMode = checkOneOf(where, 'storage.accessMode', s.accessMode ?? 'ReadWriteOnce', ACCESS_MODES);
    const local = LocalStorageClass.isLocalStorageClass(s.storageClass) ? s.storageClass : undefined;
    local?.addClaims(this.node.path, this.replicas, size, accessMode);
    const storageClassName = local ? local.name : s.storageClass as string | undefined;
    if (storageClassName !== undefined) checkDnsSubdomain(where, 'storage.storageClass', storageClassName);
    return {
      claim: {
        metadata: { name },
        spec: {
          accessModes: [accessMode],
          storageClassName,
          // A Quantity object, not a plain string: the L1 serializer drops plain strings.
          resources: { requests: { storage: k8s.Quantity.fromString(size) } },
        },
      },
      mount: { name, mountPath },
    };
  }

  private tlsMountPath(): string | undefined {
    const tls = this.props.distribution?.tls;
    return tls ? tls.mountPath ?? DEFAULT_TLS_MOUNT_PATH : undefined;
  }

  private createTlsConfig(): void {
    new k8s.KubeConfigMap(this, 'TlsDistConfig', {
      metadata: { name: `${this.name}-ssl-dist`, namespace: this.namespace, labels: this.selectorLabels },
      data: { [SSL_DIST_OPTFILE]: sslDistOptfile(this.tlsMountPath()!) },
    });
  }

  private createDiscoveryRbac(): string {
    const name = `${this.name}-discovery`;
    const metadata = { name, namespace: this.namespace, labels: this.selectorLabels };
    new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata, automountServiceAccountToken: true });
    new k8s.KubeRole(this, 'DiscoveryRole', {
      metadata,
      rules: [{ apiGroups: [''], resources: [this.discovery.resource!], verbs: ['get', 'list', 'watch'] }],
    });
    new k8s.KubeRoleBinding(this, 'DiscoveryRoleBinding', {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace: this.namespace }],
    });
    return name;
  }

  private ownEnvNames(): Set<string> {
    return new Set(this.containerEnv().map((e) => e.name));
  }

  private discoveryEnv(): k8s.EnvVar[] {
    if (this.discovery.strategy === DiscoveryStrategy.NONE) return [];
    const env: k8s.EnvVar[] = [
      { name: ENV.ERLANG_CLUSTER_DISCOVERY, value: this.discovery.strategy },
      { name: ENV.ERLANG_NODE_BASENAME, value: this.basename },
      { name: ENV.ERLANG_CLUSTER_SERVICE, value: this.headlessServiceName },
      { name: ENV.ERLANG_CLUSTER_DOMAIN, value: this.clusterDomain },
    ];
    if (this.discovery.strategy === DiscoveryStrategy.KUBERNETES_API) {
      env.push({ name: ENV.ERLANG_CLUSTER_SELECTOR, value: Object.entries(this.selectorLabels).map(([k, v]) => `${k}=${v}`).join(',') });
    }
    return env;
  }

  /** The construct's own env, in kubelet-expandable order (user env and service domains follow). */
  private containerEnv(): k8s.EnvVar[] {
    const dist = this.props.distribution;
    return [
      ...nodeEnv({
        basename: this.basename,
        headlessServiceName: this.headlessServiceName,
        clusterDomain: this.clusterDomain,
        cookieSecretName: this.cookie.secretName,
        cookieKey: this.cookie.key,
        distPort: this.distPort,
        epmdless: this.epmdless,
        erlAflags: erlAflags({
          port: this.distPort, pin: dist?.pin ?? DistPortPin.ERL_AFLAGS, epmdless: this.epmdless, tlsMountPath: this.tlsMountPath(), schedulers: this.schedulerCounts,
        }),
      }),
      ...this.discoveryEnv(),
      ...this.profile.env,
    ];
  }

  /** The probes prop, else a TCP readiness probe on the first app port. */
  private defaultedProbes(): ErlangProbes {
    if (this.props.probes) return this.props.probes;
    const first = this.appPorts[0];
    return first
      ? new ErlangProbes({ readiness: { tcpSocket: { port: k8s.IntOrString.fromString(first.name) }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 } })
      : ErlangProbes.none();
  }

  /** HARD: one member per node, required (anti-affinity keeps its meaning). */
  private affinity(): k8s.Affinity | undefined {
    if ((this.props.spread ?? PodSpread.SOFT) !== PodSpread.HARD) return undefined;
    const term: k8s.PodAffinityTerm = { labelSelector: { matchLabels: this.selectorLabels }, topologyKey: HOSTNAME_KEY };
    return { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } };
  }

  /** Preferred spreads (ScheduleAnyway): over zones always, over nodes for SOFT (HARD requires it above). */
  private topologySpread(): k8s.TopologySpreadConstraint[] | undefined {
    const spread = this.props.spread ?? PodSpread.SOFT;
    if (spread === PodSpread.NONE) return undefined;
    const keys = spread === PodSpread.SOFT ? [ZONE_KEY, HOSTNAME_KEY] : [ZONE_KEY];
    return keys.map((topologyKey) => ({
      maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: this.selectorLabels },
    }));
  }

  private statefulSetSpec(storage?: { claim: k8s.KubePersistentVolumeClaimProps; mount: k8s.VolumeMount }): k8s.StatefulSetSpec {
    const p = this.props;
    const profile = this.profile;
    const probes = this.probeSet;
    const tlsMount = this.tlsMountPath();
    const tlsVolumes: k8s.Volume[] = tlsMount === undefined ? [] : [{
      name: TLS_VOLUME,
      projected: {
        sources: [
          { secret: { name: p.distribution!.tls!.secretName } },
          { configMap: { name: `${this.name}-ssl-dist` } },
        ],
      },
    }];
    const volumeMounts = [
      ...(storage ? [storage.mount] : []),
      ...profile.volumeMounts,
      ...(tlsMount === undefined ? [] : [{ name: TLS_VOLUME, mountPath: tlsMount, readOnly: true }]),
      ...(p.extraVolumeMounts ?? []),
    ];
    const volumes = [...profile.volumes, ...tlsVolumes, ...(p.extraVolumes ?? [])];

    const container: k8s.Container = {
      name: p.containerName ?? dnsName(this.basename),
      image: this.image,
      imagePullPolicy: p.imagePullPolicy ?? (isMovingTag(this.image) ? 'Always' : 'IfNotPresent'),
      env: [...this.containerEnv(), ...this.serviceDomains, ...(p.extraEnv ?? [])],
      ports: this.declaredPorts().map((port) => ({ name: port.name, containerPort: port.port, protocol: 'TCP' })),
      volumeMounts: volumeMounts.length > 0 ? volumeMounts : undefined,
      readinessProbe: probes.readiness,
      livenessProbe: probes.liveness,
      startupProbe: probes.startup,
      resources: this.resources,
      securityContext: profile.containerSecurityContext,
      lifecycle: p.preStopCommand ? { preStop: { exec: { command: p.preStopCommand } } } : undefined,
    };

    return {
      serviceName: this.headlessServiceName,
      replicas: this.replicas,
      podManagementPolicy: p.podManagementPolicy ?? PodManagement.PARALLEL,
      selector: { matchLabels: this.selectorLabels },
      persistentVolumeClaimRetentionPolicy: storage ? { whenDeleted: 'Retain', whenScaled: 'Retain' } : undefined,
      template: {
        metadata: { labels: { ...p.podLabels, ...this.selectorLabels } },
        spec: {
          containers: [container],
          serviceAccountName: this.serviceAccountName,
          automountServiceAccountToken: this.discovery.needsApiAccess,
          terminationGracePeriodSeconds: p.terminationGracePeriodSeconds ?? 60,
          securityContext: profile.podSecurityContext,
          affinity: this.affinity(),
          topologySpreadConstraints: this.topologySpread(),
          // No `<SERVICE>_PORT=tcp://...` env from every Service in the namespace: a Service named erl-epmd would set ERL_EPMD_PORT.
          enableServiceLinks: p.enableServiceLinks ?? false,
          imagePullSecrets: p.imagePullSecrets?.map((name) => ({ name })),
          nodeSelector: p.nodeSelector,
          tolerations: p.tolerations,
          volumes: volumes.length > 0 ? volumes : undefined,
        },
      },
      volumeClaimTemplates: storage ? [storage.claim] : undefined,
    };
  }

  private networkPolicySpec(): k8s.NetworkPolicySpec {
    const members = [this, ...this.peers];
    const ingress: k8s.NetworkPolicyIngressRule[] = [{
      from: members.map((c) => peerOf(c.namespace, c.selectorLabels, this.namespace)),
      ports: this.erlangPorts().map((port) => policyPort(port.port)),
    }];
    if (this.appPorts.length > 0) ingress.push({ ports: this.appPorts.map((port) => policyPort(port.port)) });
    if (this.metricsPort) ingress.push(metricsIngressRule(this.props.metrics!, this.metricsPort.port, this.namespace));
    const egress = this.props.egress && egressRules(this.props.egress, members.map((c) => ({
      namespace: c.namespace, selectorLabels: c.selectorLabels, ports: c.erlangPorts().map((p) => p.port),
    })), this.namespace);
    return { podSelector: { matchLabels: this.selectorLabels }, policyTypes: egress ? ['Ingress', 'Egress'] : ['Ingress'], ingress, egress };
  }
}

/** App ports: valid, uniquely named and numbered, and clear of epmd and the dist port. */
function checkAppPorts(where: string, ports: readonly AppPortSpec[], reserved: readonly AppPortSpec[]): AppPortSpec[] {
  ports.forEach((p, i) => {
    checkPortName(where, `appPorts[${i}].name`, p.name);
    checkPort(where, `appPorts[${i}].port`, p.port);
    const clash = reserved.find((r) => r.port === p.port || r.name === p.name);
    if (clash) {
      throw new ConfigError(where, `appPorts[${i}]`, p, `clashes with the ${clash.name} port ${clash.port}; app ports must differ from epmd and the distribution port in name and number, and from the metrics port`);
    }
  });
  checkUnique(where, 'appPorts', ports, (p) => p.name, 'port name');
  checkUnique(where, 'appPorts', ports, (p) => p.port, 'port number');
  return [...ports];
}

/** Checks that need the resolved names: nested enums, labels, node-name length, and uniqueness in the app. */
function checkResolvedProps(
  c: ErlangStatefulCluster, props: ErlangStatefulClusterProps, headlessName: string, profile: SecurityProfileParts, discovery: ClusterDiscovery,
): void {
  const where = c.node.path;
  if (discovery.needsApiAccess) checkOneOf(where, 'discovery.resource', discovery.resource, Object.values(DiscoveryResource));
  if (props.imagePullPolicy !== undefined) checkOneOf(where, 'imagePullPolicy', props.imagePullPolicy, IMAGE_PULL_POLICIES);
  if (props.unhealthyPodEvictionPolicy !== undefined) checkOneOf(where, 'unhealthyPodEvictionPolicy', props.unhealthyPodEvictionPolicy, UNHEALTHY_POD_EVICTION_POLICIES);
  if (props.podLabels !== undefined) checkLabels(where, 'podLabels', props.podLabels, { reserved: Object.keys(c.selectorLabels) });
  if (props.nodeSelector !== undefined) checkLabels(where, 'nodeSelector', props.nodeSelector);
  checkNodeName(where, 'nodeNames', c.basename, podFqdn(c.name, Math.max(c.replicas - 1, 0), headlessName, c.namespace, c.clusterDomain));
  checkDiscoveryDomain(where, discovery, c.clusterDomain);
  checkPlacement(where, props.spread === PodSpread.HARD, props.nodeSelector, c.replicas);
  claimUnique(c, `StatefulSet/${c.namespace}`, c.name, 'name', `StatefulSet names must be unique in namespace ${c.namespace}`);
  claimUnique(c, `app label/${c.namespace}`, c.basename, 'basename',
    `the basename is the pods' app label, which must select one cluster only in namespace ${c.namespace}`);
  // Mount paths and volume names must not collide; the construct's own (the hardened
  // profile's /tmp, TLS's directory) come first, so the user's prop is the one named.
  const tls = props.distribution?.tls;
  checkMountPaths(where, [
    ...profile.volumeMounts.map((m) => ({ prop: `securityProfile '${props.securityProfile}'`, key: m.mountPath })),
    ...(tls ? [{ prop: 'distribution.tls.mountPath', key: tls.mountPath ?? DEFAULT_TLS_MOUNT_PATH }] : []),
    ...(props.storage ? [{ prop: 'storage.mountPath', key: props.storage.mountPath }] : []),
    ...(props.extraVolumeMounts ?? []).map((m, i) => ({ prop: `extraVolumeMounts[${i}].mountPath`, key: m.mountPath })),
  ], props.extraVolumeMounts ?? []);
  checkNoCollision(where, [
    ...profile.volumes.map((v) => ({ prop: `securityProfile '${props.securityProfile}'`, key: v.name })),
    ...(tls ? [{ prop: 'distribution.tls', key: TLS_VOLUME }] : []),
    ...(props.storage ? [{ prop: 'storage.name', key: props.storage.name ?? `${dnsName(c.basename)}-volume` }] : []),
    ...(props.extraVolumes ?? []).map((v, i) => ({ prop: `extraVolumes[${i}].name`, key: v.name })),
  ], 'volume name');
}

/** The image, pinned to `digest` when given; warns on stderr when it can move under the pods (':latest' or no tag). */
function resolveImage(where: string, image: string, digest: string | undefined): string {
  checkImage(where, 'image', image);
  if (digest !== undefined) {
    checkDigest(where, 'imageDigest', digest);
    if (imageParts(image).digest !== undefined) throw new ConfigError(where, 'imageDigest', digest, 'must be left out when image already has a digest');
  }
  const pinned = digest === undefined ? image : `${image}@${digest}`;
  if (isMovingTag(pinned)) {
    warn(where, `image '${pinned}' ${imageParts(pinned).tag === undefined ? 'has no tag (so :latest)' : 'uses :latest'}: pods may run different builds; pin a version tag or imageDigest`);
  }
  return pinned;
}

/** ':latest' or no tag, and no digest: what the registry serves can change. */
function isMovingTag(image: string): boolean {
  const { tag, digest } = imageParts(image);
  return digest === undefined && (tag === undefined || tag === 'latest');
}

/** The profile's identity and capabilities, each allowed only where that profile uses it. */
function checkProfileOptions(where: string, props: ErlangStatefulClusterProps): SecurityProfileOptions {
  const hardened = props.securityProfile === SecurityProfile.HARDENED;
  for (const prop of ['runAsUser', 'runAsGroup'] as const) {
    if (props[prop] === undefined) continue;
    if (!hardened) throw new ConfigError(where, prop, props[prop], "is only used by SecurityProfile.HARDENED; the root-compatible profile runs as the image's user");
    // 0 would be root; the apiserver caps IDs at 2^31-1.
    checkInteger(where, prop, props[prop], 1, MAX_INT32);
  }
  const add = props.addCapabilities;
  if (add !== undefined) {
    if (hardened) throw new ConfigError(where, 'addCapabilities', add, 'is only allowed with SecurityProfile.ROOT_COMPATIBLE: a non-root process gets no capabilities from it');
    add.forEach((c, i) => checkOneOf(where, `addCapabilities[${i}]`, c, LINUX_CAPABILITIES));
    checkUnique(where, 'addCapabilities', add, (c) => c, 'capability');
  }
  return { uid: props.runAsUser, gid: props.runAsGroup, addCapabilities: add };
}

/** A basename as a DNS label: `my_App` becomes `my-app`. */
function dnsName(basename: string): string {
  return basename.toLowerCase().replace(/_/g, '-');
}

/** What two nodes must agree on to connect: TLS or TCP, and without epmd, the one port every node listens on. */
function distributionSummary(epmdless: boolean, port: number, tls: boolean): string {
  return `${tls ? 'TLS' : 'TCP'} distribution ${epmdless ? `without epmd on port ${port}` : 'with epmd'}`;
}
