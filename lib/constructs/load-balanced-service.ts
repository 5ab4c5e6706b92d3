import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { checkInChart, checkServiceProps, checkServiceTargets, claimNodePorts, ServicePortSpec } from './resource-helpers';
import { ConfigError } from '../core/errors';
import { checkOneOf } from '../checks';
import { brand, hasBrand } from '../core/brand';
import type { ResourceMetadata } from './metadata';
import type { ServiceType } from 'cdk8s-plus-28';
import { LOAD_BALANCED_SERVICE_PROPS } from '../validation/prop-shapes';
import { checkProps } from '../validation/shapes';
import { DIST_PORT_NAME, EPMD_PORT, EPMD_PORT_NAME } from '../erlang/distribution';
import { newApiObject } from './any-keys';

/**
 * How a {@link LoadBalancedService} is reached: the three balanced values of
 * cdk8s-plus-28's `ServiceType`, with the same strings.
 * @deprecated use cdk8s-plus-28's `ServiceType` (`CLUSTER_IP`, `NODE_PORT` or `LOAD_BALANCER`).
 */
export const LoadBalancedServiceType = {
  /** A virtual IP inside the cluster only. */
  CLUSTER_IP: 'ClusterIP' as ServiceType.CLUSTER_IP,
  /** A ClusterIP plus a port on every node (30000–32767), as the reference system's a-svc. */
  NODE_PORT: 'NodePort' as ServiceType.NODE_PORT,
  /** A NodePort plus a cloud load balancer. */
  LOAD_BALANCER: 'LoadBalancer' as ServiceType.LOAD_BALANCER,
} as const;
/**
 * The Service types a {@link LoadBalancedService} takes (`ServiceType.EXTERNAL_NAME` balances nothing).
 * @deprecated use cdk8s-plus-28's `ServiceType`.
 */
export type LoadBalancedServiceType = (typeof LoadBalancedServiceType)[keyof typeof LoadBalancedServiceType];

/** Props for {@link LoadBalancedService}. */
export interface LoadBalancedServiceProps {
  /** The Service name (other pods reach it as `<name>` or `<name>.<namespace>.svc.<domain>`). */
  readonly name: string;
  /**
   * @default - the chart's namespace, else 'default'
   */
  readonly namespace?: string;
  /**
   * The Service type: `ServiceType.CLUSTER_IP`, `NODE_PORT` or `LOAD_BALANCER`
   * (cdk8s-plus-28), or the same string; the deprecated `LoadBalancedServiceType`
   * values are the same.
   * @default ServiceType.CLUSTER_IP
   */
  readonly type?: ServiceType | 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** Labels that select the pods to balance over. */
  readonly selector: Record<string, string>;
  /** Named ports; `nodePort` pins a node port (NodePort and LoadBalancer only). */
  readonly ports: ServicePortSpec[];
  /**
   * Labels of the Service object itself.
   * @default - the selector labels
   */
  readonly labels?: Record<string, string>;
  /**
   * Lets ports reach epmd (4369, or a target port named `epmd`) or a selected
   * cluster's distribution port (or `dist`). Distribution is remote code
   * execution for anyone who has the cookie, so a load-balanced port there is
   * refused unless you opt in, e.g. for a trusted remote shell behind a ClusterIP.
   * @default false
   */
  readonly allowDistributionPorts?: boolean;
  /**
   * Labels and annotations of the Service object, in cdk8s-plus's style. Labels
   * are added to `labels` (or to the selector labels); one of those may be
   * repeated with the same value, never changed. `name` and `namespace` may
   * only repeat the `name` prop and the Service's namespace: a different value
   * is an error, not an override.
   * @default - no annotations; the labels of `labels`
   */
  readonly metadata?: ResourceMetadata;
}

/** Target ports that mean distribution whatever the Service selects: epmd's number, and the names of both ports. */
const DISTRIBUTION_TARGETS: readonly (string | number)[] = [EPMD_PORT, EPMD_PORT_NAME, DIST_PORT_NAME];

/**
 * A load-balanced Service in front of a cluster's application ports: ClusterIP,
 * NodePort with pinned node ports, or LoadBalancer. A node port outside
 * 30000–32767, or one already used in the same app, is an error.
 */
/** The defaults of LoadBalancedServiceProps, in one place. */
const LOAD_BALANCED_SERVICE_DEFAULTS = { type: LoadBalancedServiceType.CLUSTER_IP, allowDistributionPorts: false } as const;

export class LoadBalancedService extends Construct {
  /** Whether `x` is a LoadBalancedService, from this or any other copy of this package. */
  public static isLoadBalancedService(x: unknown): x is LoadBalancedService {
    return hasBrand(x, 'LoadBalancedService');
  }

  /** The Service name. */
  public readonly name: string;
  /** The namespace. */
  public readonly namespace: string;
  /** The Service type. */
  public readonly type: LoadBalancedServiceType;
  /** The pod selector. */
  public readonly selector: Record<string, string>;
  /** The ports, as declared. */
  public readonly ports: readonly ServicePortSpec[];
  /** The L1 Service. */
  public readonly resource: k8s.KubeService;

  constructor(scope: Construct, id: string, props: LoadBalancedServiceProps) {
    super(scope, id);
    brand(this, 'LoadBalancedService');
    checkInChart(this);
    checkProps(this.node.path, 'LoadBalancedServiceProps', props, LOAD_BALANCED_SERVICE_PROPS);
    this.type = checkOneOf(this.node.path, 'type', props.type ?? LOAD_BALANCED_SERVICE_DEFAULTS.type, Object.values(LoadBalancedServiceType));
    const service = checkServiceProps(this, props, this.type !== LoadBalancedServiceType.CLUSTER_IP);
    this.name = service.name;
    this.namespace = service.namespace;
    this.selector = service.selector;
    this.ports = [...props.ports];
    claimNodePorts(this, props.ports);
    const allowDistribution = props.allowDistributionPorts ?? LOAD_BALANCED_SERVICE_DEFAULTS.allowDistributionPorts;
    if (!allowDistribution) {
      service.ports.forEach((p, i) => {
        const target = p.targetPort!.value;
        if (p.port === EPMD_PORT || DISTRIBUTION_TARGETS.includes(target)) {
          throw new ConfigError(
            this.node.path,
            `ports[${i}]`,
            props.ports[i],
            'must not reach epmd or the distribution port: distribution is remote code execution; set allowDistributionPorts: true only if this Service must carry it',
          );
        }
      });
    }
    checkServiceTargets(this, service, allowDistribution);

    this.resource = newApiObject(k8s.KubeService, this, 'Resource', {
      metadata: service.metadata,
      spec: { type: this.type, selector: this.selector, ports: service.ports },
    });
  }
}
