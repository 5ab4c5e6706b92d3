/**
 * The cluster construct: it resolves its props into a ClusterSpec once, asks one
 * builder per object for that object's props, and keeps what they made.
 */
import type { ErlangRelease, ReleaseConfigLine } from '../erlang/release';
import { Construct } from 'constructs';
import { LabelSelector } from 'cdk8s-plus-28';
import type { IPodSelector, PodSelectorConfig } from 'cdk8s-plus-28';
import type * as k8s from '../../imports/k8s';
import type { ErlangCookie } from '../erlang/cookie';
import { podFqdn } from '../erlang/names';
import { ConfigError } from '../core/errors';
import { brand, hasBrand } from '../core/brand';
import { ownEnv } from './cluster/builders/container';
import { checkPeer, serviceDomainEnv } from './cluster/peers';
import type { ErlangStatefulClusterProps } from './cluster/props';
import { registerCluster, renderCluster } from './cluster/render';
import { resolveClusterSpec } from './cluster/resolve';
import type { ClusterSpec } from './cluster/spec';
import type { HeadlessService } from './headless-service';
import { checkInChart } from './resource-helpers';

export * from './cluster/options';
export * from './cluster/props';

/**
 * A clustered BEAM application: a StatefulSet whose pod *i* has the stable DNS
 * name `<name>-<i>.<headless>.<namespace>.svc.<clusterDomain>`, used as the
 * host part of its long node name `<basename>@<that name>`; the headless
 * Service that gives it those names; and, by default, a PodDisruptionBudget
 * and a NetworkPolicy.
 *
 * It is a cdk8s-plus `IPodSelector`: a cdk8s-plus `Service` or `NetworkPolicy`
 * can select its pods (`selector: cluster`, `service.select(cluster)`).
 */
export class ErlangStatefulCluster extends Construct implements IPodSelector {
  /** Whether `x` is an ErlangStatefulCluster, from this or any other copy of this package. */
  public static isErlangStatefulCluster(x: unknown): x is ErlangStatefulCluster {
    return hasBrand(x, 'ErlangStatefulCluster');
  }

  /** Makes every cluster a peer of every other: one full mesh. */
  public static mesh(...clusters: ErlangStatefulCluster[]): void {
    clusters.forEach((a, i) => clusters.slice(i + 1).forEach((b) => a.addPeer(b)));
  }

  /**
   * The resolved props: every default applied, every name derived. Internal: the getters
   * below are the public spelling.
   * @internal
   */
  public readonly _spec: ClusterSpec;
  /** The governing headless Service. */
  public readonly headlessService: HeadlessService;
  /** The L1 StatefulSet. */
  public readonly resource: k8s.KubeStatefulSet;
  /** The PodDisruptionBudget, unless maxUnavailable is 0. */
  public readonly pdb?: k8s.KubePodDisruptionBudget | undefined;
  /** The NetworkPolicy, unless networkPolicy is false. */
  public readonly networkPolicy?: k8s.KubeNetworkPolicy | undefined;
  /** The discovery's ServiceAccount, when it reads the Kubernetes API. */
  public readonly serviceAccount?: k8s.KubeServiceAccount | undefined;

  private readonly peers: ErlangStatefulCluster[] = [];
  private readonly serviceDomains: k8s.EnvVar[] = [];

  constructor(scope: Construct, id: string, props: ErlangStatefulClusterProps) {
    super(scope, id);
    brand(this, 'ErlangStatefulCluster');
    checkInChart(this);
    const spec = resolveClusterSpec(this, props);
    this._spec = spec;
    registerCluster(this, spec);
    const made = renderCluster(this, spec, { serviceDomains: () => this.serviceDomains, peers: () => this.peers.map((p) => p._spec) });
    this.headlessService = made.headlessService;
    this.resource = made.resource;
    this.pdb = made.pdb;
    this.networkPolicy = made.networkPolicy;
    this.serviceAccount = made.serviceAccount;
  }

  /** The StatefulSet name. */
  public get name(): string {
    return this._spec.name;
  }
  /** The node basename. */
  public get basename(): string {
    return this._spec.basename;
  }
  /** The namespace. */
  public get namespace(): string {
    return this._spec.namespace;
  }
  /** The replica count. */
  public get replicas(): number {
    return this._spec.replicas;
  }
  /** The cluster DNS domain. */
  public get clusterDomain(): string {
    return this._spec.clusterDomain;
  }
  /** The cookie. */
  public get cookie(): ErlangCookie {
    return this._spec.cookie;
  }
  /** The kind of release the image runs. */
  public get release(): ErlangRelease {
    return this._spec.release;
  }

  /**
   * The lines the release must carry for these manifests to work, with the file
   * each goes in (e.g. the dist port pin in a mix release's `rel/vm.args.eex`).
   */
  public get releaseConfiguration(): ReleaseConfigLine[] {
    return this._spec.releaseConfiguration.map((l) => ({ ...l }));
  }
  /** The distribution port. */
  public get distPort(): number {
    return this._spec.distribution.port;
  }
  /** Whether the nodes run without epmd. */
  public get epmdless(): boolean {
    return this._spec.distribution.epmdless;
  }
  /** Labels that select exactly this cluster's pods. */
  public get selectorLabels(): Record<string, string> {
    return { ...this._spec.selectorLabels };
  }
  /** The headless Service's name. */
  public get headlessServiceName(): string {
    return this._spec.headlessServiceName;
  }
  /** The long node names of all members, e.g. `app@app-sfs-0.app-hl.default.svc.cluster.local`. */
  public get nodeNames(): string[] {
    return [...this._spec.nodeNames];
  }
  /** The clusters this one meshes with. */
  public get peerClusters(): ErlangStatefulCluster[] {
    return [...this.peers];
  }

  /**
   * The cdk8s-plus pod selector of this cluster's pods: its selector labels, in its namespace.
   * @see IPodSelector.toPodSelectorConfig()
   */
  public toPodSelectorConfig(): PodSelectorConfig {
    return { labelSelector: LabelSelector.of({ labels: this.selectorLabels }), namespaces: { names: [this._spec.namespace] } };
  }

  /** Pod `ordinal`'s DNS name. */
  public podFqdn(ordinal: number): string {
    return podFqdn(this._spec.name, ordinal, this._spec.headlessServiceName, this._spec.namespace, this._spec.clusterDomain);
  }

  /**
   * Makes `peer` part of this cluster's mesh, both ways: epmd and the dist port
   * admit each other's pods. Peers must share the cookie and live in the same app.
   */
  public addPeer(peer: ErlangStatefulCluster): void {
    const where = this.node.path;
    if (!ErlangStatefulCluster.isErlangStatefulCluster(peer)) throw new ConfigError(where, 'peer', String(peer), 'must be an ErlangStatefulCluster');
    if (peer === this) throw new ConfigError(where, 'peer', peer.node.path, 'must be another cluster, not this one');
    if (peer.node.root !== this.node.root) {
      throw new ConfigError(
        where,
        'peer',
        peer.node.path,
        'belongs to another cdk8s App; peers must be synthesized together so that both sides admit each other',
      );
    }
    checkPeer(this._spec, peer._spec);
    if (this.peers.includes(peer)) return;
    this.peers.push(peer);
    peer.addPeer(this);
  }

  /**
   * Tells this cluster's pods where a Service is, through `envName` (the reference system's
   * `A_SERVICE_DOMAIN`): the short name within the namespace, else the FQDN.
   *
   * The Service is given by name and namespace, which any Service has in every language:
   * `addServiceDomain('WEB_DOMAIN', web.name, web.namespace)` for a LoadBalancedService or a
   * HeadlessService, `(..., svc.name, svc.metadata.namespace)` for a cdk8s-plus `Service`.
   * (A Service object would need an interface that cdk8s-plus's `Service` does not implement,
   * so Java, C# and Go could not pass one.)
   *
   * @param envName the env var, e.g. 'WEB_SERVICE_DOMAIN'
   * @param serviceName the Service's name
   * @param namespace the Service's namespace @default - the cluster's namespace
   */
  public addServiceDomain(envName: string, serviceName: string, namespace?: string): void {
    const taken = new Set([...ownEnv(this._spec), ...this.serviceDomains, ...this._spec.pod.extraEnv].map((e) => e.name));
    this.serviceDomains.push(serviceDomainEnv(this._spec, envName, serviceName, namespace, taken));
  }
}
