import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { IntOrString } from '../imports/k8s';
import {
  CookieDelivery,
  EgressOptions,
  ErlangCookie,
  ErlangProbes,
  ErlangRelease,
  ErlangStatefulCluster,
  LoadBalancedService,
  LocalStorageClass,
  ResourcesPreset,
} from '../lib';
import { ServiceType } from 'cdk8s-plus-28';
import { CLAIM_ACCESS_MODE, CLAIM_SIZE, Flavour, FLAVOURS, flavourNames, REPLICAS } from './chart-shape';
import { ChartConfig, DEFAULT_CONFIG } from './config';

/** Props for {@link ErlangDockerChart}. */
export interface ErlangDockerChartProps extends ChartProps {
  /**
   * Registry, namespace, cookie Secret and local volumes.
   * @default DEFAULT_CONFIG
   */
  readonly config?: ChartConfig;
  /**
   * The opt-in egress NetworkPolicy for both clusters (DNS, the mesh, declared destinations).
   * @default - no egress policy
   */
  readonly egress?: EgressOptions;
  /**
   * How both clusters get the cookie.
   * @default - the profile's default (root-compatible: CookieDelivery.ENV)
   */
  readonly cookieDelivery?: CookieDelivery;
}

/**
 * The reference system of the seed (shared/seeds/000): one Erlang release built
 * twice, flavours a and b, three pods each, meshed with one cookie. Object names
 * are the seed's, because existing scripts and the Erlang code use them.
 */
export class ErlangDockerChart extends Chart {
  /** The `local-storage` class of the declared local volumes; none when the config declares none. */
  public readonly storageClass?: LocalStorageClass;
  public readonly clusters: Record<Flavour, ErlangStatefulCluster>;
  public readonly services: Record<Flavour, LoadBalancedService>;

  constructor(scope: Construct, id: string, props: ErlangDockerChartProps = {}) {
    const config = props.config ?? DEFAULT_CONFIG;
    super(scope, id, props);

    // The claims name the class of the declared local volumes, so they bind on a cluster
    // with no default StorageClass (the reference system's). With none declared, they use
    // the cluster's default class, as the seed's volumeClaimTemplates did.
    if (config.localVolumes.length > 0) {
      const storageClass = new LocalStorageClass(this, 'LocalStorage', { name: 'local-storage' });
      // The seed's claims are ReadWriteOncePod; a volume binds only if it offers that mode.
      config.localVolumes.forEach((v) => storageClass.addVolume(v.name, { ...v, accessMode: CLAIM_ACCESS_MODE }));
      this.storageClass = storageClass;
    }
    const storageClass = this.storageClass;
    const cookie = ErlangCookie.fromSecretName(config.cookieSecret);

    const cluster = (flavour: Flavour) =>
      new ErlangStatefulCluster(this, `Cluster-${flavour}`, {
        ...flavourNames(flavour),
        // A rebar3 release: relx reads RELX_COOKIE, and ERL_AFLAGS pins the dist port.
        release: ErlangRelease.relx(),
        // The seed deploys :latest; kept for parity (synth warns). Pin with `tag` or `digest` in the config.
        image: `${config.registry}/erlang-docker-${flavour}:${config.tag}`,
        imageDigest: config.digest[flavour],
        cookie,
        cookieDelivery: props.cookieDelivery,
        namespace: config.namespace,
        replicas: REPLICAS,
        clusterDomain: config.clusterDomain,
        egress: props.egress,
        appPorts: [
          { name: 'http', port: 8080 },
          { name: 'ws', port: 9090 },
        ],
        storage: {
          name: `erlang-docker-${flavour}-volume`,
          mountPath: `/mnt/erlang-docker-${flavour}-volume`,
          size: CLAIM_SIZE,
          accessMode: CLAIM_ACCESS_MODE,
          storageClass,
        },
        probes: ErlangProbes.httpGet('/ping', IntOrString.fromString('http')),
        // A small HTTP service: 250m/512Mi, memory limit = request, one scheduler.
        resourcesPreset: ResourcesPreset.SMALL,
      });
    this.clusters = { a: cluster('a'), b: cluster('b') };
    ErlangStatefulCluster.mesh(this.clusters.a, this.clusters.b);

    this.services = {
      a: new LoadBalancedService(this, 'Service-a', {
        name: 'erlang-docker-a-svc',
        namespace: config.namespace,
        type: ServiceType.NODE_PORT,
        selector: this.clusters.a.selectorLabels,
        ports: [
          { name: 'http', port: 8080, targetPort: IntOrString.fromNumber(8080), nodePort: 30080 },
          { name: 'ws', port: 9090, targetPort: IntOrString.fromNumber(9090), nodePort: 30090 },
        ],
      }),
      b: new LoadBalancedService(this, 'Service-b', {
        name: 'erlang-docker-b-svc',
        namespace: config.namespace,
        type: ServiceType.CLUSTER_IP,
        selector: this.clusters.b.selectorLabels,
        ports: [{ name: 'http', port: 8080, targetPort: IntOrString.fromNumber(8080) }],
      }),
    };
    for (const f of FLAVOURS) {
      this.clusters[f].addServiceDomain('A_SERVICE_DOMAIN', this.services.a.name, this.services.a.namespace);
      this.clusters[f].addServiceDomain('B_SERVICE_DOMAIN', this.services.b.name, this.services.b.namespace);
    }
  }
}
