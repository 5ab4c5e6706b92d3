// Hand-written L1 for the Prometheus Operator's PodMonitor (monitoring.coreos.com/v1),
// in the shape `cdk8s import` generates, limited to the fields this library emits.
// `cdk8s import` of the CRD needs the network; the fields and their JSON schema
// (imports/crd-definitions.json) follow the operator's PodMonitorSpec.
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { dropUndefined } from './crd-helpers';
import { LabelSelector, toJson_LabelSelector } from './k8s';

/** Scrapes the pods that a selector picks, on a named container port. */
export class PodMonitor extends ApiObject {
  /** Returns the apiVersion and kind for "PodMonitor". */
  public static readonly GVK: GroupVersionKind = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor' };

  /** Renders a Kubernetes manifest for "PodMonitor". */
  public static manifest(props: PodMonitorProps): Record<string, unknown> {
    return { ...PodMonitor.GVK, ...toJson_PodMonitorProps(props) };
  }

  public constructor(scope: Construct, id: string, props: PodMonitorProps) {
    super(scope, id, { ...PodMonitor.GVK, ...props });
  }

  /** Renders the object to Kubernetes JSON. */
  public override toJson(): Record<string, unknown> {
    const resolved = super.toJson();
    return { ...PodMonitor.GVK, ...toJson_PodMonitorProps(resolved) };
  }
}

/** @schema PodMonitor */
export interface PodMonitorProps {
  readonly metadata?: ApiObjectMetadata;
  readonly spec: PodMonitorSpec;
}

/** @schema PodMonitorSpec */
export interface PodMonitorSpec {
  /** The pods to scrape, in the PodMonitor's namespace. */
  readonly selector: LabelSelector;
  /** The endpoints of each pod to scrape. */
  readonly podMetricsEndpoints?: PodMetricsEndpoint[];
}

/** @schema PodMetricsEndpoint */
export interface PodMetricsEndpoint {
  /** The name of the container port. */
  readonly port?: string;
  /**
   * The HTTP path.
   * @default '/metrics'
   */
  readonly path?: string;
  /**
   * How often to scrape, e.g. '30s'.
   * @default - Prometheus' global scrape interval
   */
  readonly interval?: string;
}

export function toJson_PodMonitorProps(obj: PodMonitorProps | undefined): Record<string, unknown> | undefined {
  if (obj === undefined) return undefined;
  return dropUndefined({ metadata: obj.metadata, spec: toJson_PodMonitorSpec(obj.spec) });
}

export function toJson_PodMonitorSpec(obj: PodMonitorSpec | undefined): Record<string, unknown> | undefined {
  if (obj === undefined) return undefined;
  return dropUndefined({
    selector: toJson_LabelSelector(obj.selector),
    podMetricsEndpoints: obj.podMetricsEndpoints?.map((e) => toJson_PodMetricsEndpoint(e)),
  });
}

export function toJson_PodMetricsEndpoint(obj: PodMetricsEndpoint | undefined): Record<string, unknown> | undefined {
  if (obj === undefined) return undefined;
  return dropUndefined({ port: obj.port, path: obj.path, interval: obj.interval });
}
