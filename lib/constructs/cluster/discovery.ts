import { ENV } from '../../erlang/env';
import { formatSelector } from '../../kubernetes/label-selector';
import { brand, hasBrand } from '../../core/brand';
import type { ClusterIdentity, PodParts } from './spec';
import { KUBERNETES_API_DISCOVERY_OPTIONS } from '../../validation/prop-shapes';
import { checkProps } from '../../validation/shapes';

/**
 * How nodes of a cluster find each other (libcluster, dns_cluster or your own code).
 *
 * Our nodes are named by hostname (`app@pod-0.headless.ns.svc.cluster.local`), so
 * the discovery must produce the same names:
 * - Kubernetes.DNSSRV does (it returns the SRV targets, i.e. pod FQDNs), and needs no RBAC.
 * - Kubernetes in `:hostname` mode does, but needs read access to the API.
 * - Kubernetes.DNS and Phoenix's dns_cluster build `app@<pod IP>` and can never match
 *   hostname-named nodes; do not use them with this construct.
 */
export enum DiscoveryStrategy {
  /** `Cluster.Strategy.Kubernetes.DNSSRV`: SRV records of the headless Service; no RBAC. */
  DNS_SRV = 'dnssrv',
  /** `Cluster.Strategy.Kubernetes` with `mode: :hostname`: reads the API; gets a Role. */
  KUBERNETES_API = 'kubernetes',
  /** No discovery wiring: the application connects nodes itself (as the reference system's code does over HTTP). */
  NONE = 'none',
}

/** The API resource that `Cluster.Strategy.Kubernetes` lists. */
export enum DiscoveryResource {
  /** Endpoints (libcluster's default `kubernetes_ip_lookup_mode: :endpoints`). */
  ENDPOINTS = 'endpoints',
  /** Pods (`kubernetes_ip_lookup_mode: :pods`), which carry `spec.hostname`. */
  PODS = 'pods',
}

/** Options for {@link ClusterDiscovery.kubernetesApi}. */
export interface KubernetesApiDiscoveryOptions {
  /**
   * What libcluster lists (`kubernetes_ip_lookup_mode`). Pods, because the
   * Endpoints of a load-balanced Service carry the same labels but no hostnames
   * (libcluster would build `app@.<service>...` from them), and Endpoints list
   * only Ready pods.
   * @default DiscoveryResource.PODS
   */
  readonly resource?: DiscoveryResource;
}

/** The defaults of the discovery options, in one place. */
const DISCOVERY_DEFAULTS = { resource: DiscoveryResource.PODS } as const;

/** The discovery wiring of an ErlangStatefulCluster. */
export class ClusterDiscovery {
  /** Whether `x` is a ClusterDiscovery, from this or any other copy of this package. */
  public static isClusterDiscovery(x: unknown): x is ClusterDiscovery {
    return hasBrand(x, 'ClusterDiscovery');
  }

  /** DNS SRV records of the headless Service (the default). */
  public static dnsSrv(): ClusterDiscovery {
    return new ClusterDiscovery(DiscoveryStrategy.DNS_SRV);
  }

  /** The Kubernetes API in hostname mode, with a least-privilege Role in the cluster's namespace. */
  public static kubernetesApi(options: KubernetesApiDiscoveryOptions = {}): ClusterDiscovery {
    checkProps('ClusterDiscovery.kubernetesApi', 'KubernetesApiDiscoveryOptions', options, KUBERNETES_API_DISCOVERY_OPTIONS);
    return new ClusterDiscovery(DiscoveryStrategy.KUBERNETES_API, options.resource ?? DISCOVERY_DEFAULTS.resource);
  }

  /** No discovery wiring. */
  public static none(): ClusterDiscovery {
    return new ClusterDiscovery(DiscoveryStrategy.NONE);
  }

  private constructor(
    /** How the nodes find each other. */
    public readonly strategy: DiscoveryStrategy,
    /** The resource read from the API, for KUBERNETES_API. */
    public readonly resource?: DiscoveryResource,
  ) {
    brand(this, 'ClusterDiscovery');
  }

  /**
   * Whether the pods need a ServiceAccount token and a Role.
   * @internal
   */
  public get _needsApiAccess(): boolean {
    return this.strategy === DiscoveryStrategy.KUBERNETES_API;
  }

  /**
   * The env that tells the node how to find its peers, and the Role rules it needs to. Pure.
   * Internal: the builders' contract.
   * @internal
   */
  public _podParts(cluster: ClusterIdentity): PodParts {
    if (this.strategy === DiscoveryStrategy.NONE) return { env: [], volumes: [], volumeMounts: [], rbacRules: [] };
    const env = [
      { name: ENV.ERLANG_CLUSTER_DISCOVERY, value: this.strategy },
      { name: ENV.ERLANG_NODE_BASENAME, value: cluster.basename },
      { name: ENV.ERLANG_CLUSTER_SERVICE, value: cluster.headlessServiceName },
      { name: ENV.ERLANG_CLUSTER_DOMAIN, value: cluster.clusterDomain },
    ];
    // libcluster's Kubernetes.DNSSRV queries <service>.<namespace>.svc.$CLUSTER_DOMAIN
    // (default 'cluster.local.'): the domain, absolute, in libcluster's own form.
    if (!this._needsApiAccess)
      return { env: [...env, { name: ENV.CLUSTER_DOMAIN, value: `${cluster.clusterDomain}.` }], volumes: [], volumeMounts: [], rbacRules: [] };
    return {
      env: [...env, { name: ENV.ERLANG_CLUSTER_SELECTOR, value: formatSelector(cluster.selectorLabels) }],
      volumes: [],
      volumeMounts: [],
      rbacRules: [{ apiGroups: [''], resources: [this.resource!], verbs: ['get', 'list', 'watch'] }],
    };
  }
}
