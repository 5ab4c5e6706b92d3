import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { checkInChart, checkServiceProps, checkServiceTargets, ServicePortSpec } from './resource-helpers';
import { brand, hasBrand } from '../core/brand';
import type { ResourceMetadata } from './metadata';
import { HEADLESS_SERVICE_PROPS } from '../validation/prop-shapes';
import { checkProps } from '../validation/shapes';
import { newApiObject } from './any-keys';

/** Props for {@link HeadlessService}. */
export interface HeadlessServiceProps {
  /** The Service name. It becomes part of every pod's DNS name. */
  readonly name: string;
  /**
   * The Service's namespace.
   * @default - the chart's namespace, else 'default'
   */
  readonly namespace?: string;
  /** Labels that select exactly the cluster's pods. */
  readonly selector: Record<string, string>;
  /**
   * Named ports. At least one is needed: without a port, no SRV records exist and
   * libcluster's Kubernetes.DNSSRV finds nothing.
   */
  readonly ports: ServicePortSpec[];
  /**
   * Publish DNS records for pods that are not Ready yet. Erlang peers must resolve
   * each other *before* they are Ready (mnesia waits for its peers), or separate
   * clusters form at boot.
   * @default true
   */
  readonly publishNotReadyAddresses?: boolean;
  /**
   * Labels and annotations of the Service object, in cdk8s-plus's style. The
   * Service carries its selector labels; `labels` are added to them (a selector
   * label may be repeated with the same value, never changed). `name` and
   * `namespace` may only repeat the `name` prop and the Service's namespace: a
   * different value is an error, not an override.
   * @default - no annotations; the selector labels
   */
  readonly metadata?: ResourceMetadata;
}

/** The defaults of HeadlessServiceProps, in one place. */
const HEADLESS_SERVICE_DEFAULTS = { publishNotReadyAddresses: true } as const;
/**
 * A headless Service (`clusterIP: None`): it gives each pod of the StatefulSet
 * that it governs a stable DNS name, `<pod>.<service>.<namespace>.svc.<domain>`.
 */
export class HeadlessService extends Construct {
  /** Whether `x` is a HeadlessService, from this or any other copy of this package. */
  public static isHeadlessService(x: unknown): x is HeadlessService {
    return hasBrand(x, 'HeadlessService');
  }

  /** The Service name. */
  public readonly name: string;
  /** The namespace. */
  public readonly namespace: string;
  /** The pod selector. */
  public readonly selector: Record<string, string>;
  /** The ports, as declared. */
  public readonly ports: ServicePortSpec[];
  /** The L1 Service. */
  public readonly resource: k8s.KubeService;

  constructor(scope: Construct, id: string, props: HeadlessServiceProps) {
    super(scope, id);
    brand(this, 'HeadlessService');
    checkInChart(this);
    checkProps(this.node.path, 'HeadlessServiceProps', props, HEADLESS_SERVICE_PROPS);
    const service = checkServiceProps(this, props, false);
    // A headless Service publishes DNS names, not a balanced port: distribution ports are fine here.
    checkServiceTargets(this, service, true);
    this.name = service.name;
    this.namespace = service.namespace;
    this.selector = service.selector;
    this.ports = [...props.ports];

    this.resource = newApiObject(k8s.KubeService, this, 'Resource', {
      metadata: service.metadata,
      spec: {
        clusterIp: 'None',
        publishNotReadyAddresses: props.publishNotReadyAddresses ?? HEADLESS_SERVICE_DEFAULTS.publishNotReadyAddresses,
        selector: this.selector,
        ports: service.ports,
      },
    });
  }
}
