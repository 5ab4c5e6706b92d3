import { IConstruct } from 'constructs';
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import * as k8s from '../../imports/k8s';
import { defined } from '../kubernetes/defined';
import { intOrString } from '../kubernetes/int-or-string';
import { ConfigError } from '../core/errors';
import { checkDnsLabel, checkLabels, checkServiceName, checkNodePort, checkPort, checkPortName, checkUnique } from '../checks';
import { appRegistry } from './app-registry';
import { workloadsSelectedBy } from './workload-index';
import { mergeMetadata, ResourceMetadata } from './metadata';

/** A named Service port. */
export interface ServicePortSpec {
  /** The port's name (an IANA_SVC_NAME: at most 15 chars). SRV records and NetworkPolicies use it. */
  readonly name: string;
  /** The Service port. */
  readonly port: number;
  /**
   * The container port by number or name: `IntOrString.fromNumber(8080)`, `IntOrString.fromString('http')`.
   * @default - the same as `port`
   */
  readonly targetPort?: k8s.IntOrString;
  /**
   * The node port, for NodePort and LoadBalancer Services (30000–32767).
   * @default - none; Kubernetes picks one for NodePort/LoadBalancer Services
   */
  readonly nodePort?: number;
}

/** Checks a Service's ports and converts them to the L1 shape. */
export function toServicePorts(where: string, ports: readonly ServicePortSpec[], allowNodePorts: boolean): k8s.ServicePort[] {
  if (ports.length === 0) {
    throw new ConfigError(where, 'ports', ports, 'must list at least one named port');
  }
  ports.forEach((p, i) => {
    checkDnsLabel(where, `ports[${i}].name`, p.name, 15);
    checkPort(where, `ports[${i}].port`, p.port);
    const target = p.targetPort?.value;
    if (typeof target === 'number') checkPort(where, `ports[${i}].targetPort`, target);
    if (typeof target === 'string') checkPortName(where, `ports[${i}].targetPort`, target);
    if (p.nodePort !== undefined) {
      if (!allowNodePorts) {
        throw new ConfigError(where, `ports[${i}].nodePort`, p.nodePort, "is only allowed when type is 'NodePort' or 'LoadBalancer'");
      }
      checkNodePort(where, `ports[${i}].nodePort`, p.nodePort);
    }
  });
  checkUnique(where, 'ports', ports, (p) => p.name, 'port name');
  checkUnique(where, 'ports', ports, (p) => p.port, 'port number');
  return ports.map((p) =>
    defined({
      name: p.name,
      port: p.port,
      protocol: 'TCP',
      targetPort: intOrString(p.targetPort?.value ?? p.port),
      nodePort: p.nodePort,
    }),
  );
}

/**
 * Claims `key` in `space` (e.g. a StatefulSet name in a namespace) for `owner`
 * across its whole app, whichever copy of this package made either; a second
 * claim is an error naming both constructs.
 */
export function claimUnique(owner: IConstruct, space: string, key: string | number, prop: string, allowed: string): void {
  // The construct path of each claim's holder, by space and key.
  const claimed = appRegistry<string>(owner, 'claims');
  const id = `${space}\0${key}`;
  const holder = claimed[id];
  if (holder !== undefined) {
    throw new ConfigError(owner.node.path, prop, key, `is already used by ${holder}; ${allowed}`);
  }
  claimed[id] = owner.node.path;
}

/** Node ports are cluster-wide: the same one twice in an app is an error, naming both users. */
export function claimNodePorts(owner: IConstruct, ports: readonly ServicePortSpec[]): void {
  ports.forEach((p, i) => {
    if (p.nodePort !== undefined) {
      // Stryker disable next-line StringLiteral: any space name that no other claim uses keeps node ports apart, '' included
      claimUnique(owner, 'nodePort', p.nodePort, `ports[${i}].nodePort`, 'node ports are cluster-wide and must be unique');
    }
  });
}

/** A Service name is unique in its namespace (headless and load-balanced alike). */
export function claimServiceName(owner: IConstruct, namespace: string, name: string): void {
  claimUnique(owner, `Service/${namespace}`, name, 'name', `Service names must be unique in namespace ${namespace}`);
}

/** Every construct of this package writes Kubernetes objects, which cdk8s writes per Chart. */
export function checkInChart(scope: IConstruct): void {
  try {
    Chart.of(scope);
  } catch {
    throw new ConfigError(
      scope.node.path,
      'scope',
      scope.node.scope?.node.path ?? '(the root)',
      'must be a Chart or inside one: create it as new Chart(app, id) and pass the chart as scope',
    );
  }
}

/** The namespace of an object whose prop and chart name none, as the apiserver defaults it. */
const NAMESPACE_DEFAULTS = { namespace: 'default' } as const;

/** The namespace an object lands in: the prop, else the chart's, else `default`. */
export function resolveNamespace(scope: IConstruct, namespace: string | undefined): string {
  const ns = namespace ?? Chart.of(scope).namespace ?? NAMESPACE_DEFAULTS.namespace;
  return checkDnsLabel(scope.node.path, 'namespace', ns);
}

/** Cluster-scoped objects carry no namespace, even in a chart that sets one. */
export function clusterScoped(resource: ApiObject): void {
  // Stryker disable next-line ConditionalExpression: removing an absent namespace is a no-op; the test only spares a patch per object
  if (Chart.of(resource).namespace !== undefined) resource.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
}

/** The props every Service construct of this library shares. */
export interface ServiceCommonProps {
  readonly name: string;
  readonly namespace?: string;
  readonly selector: Record<string, string>;
  readonly ports: ServicePortSpec[];
  readonly labels?: Record<string, string>;
  readonly metadata?: ResourceMetadata;
}

/** A Service construct's checked name, namespace, selector, L1 ports and metadata. */
export interface CheckedService {
  readonly name: string;
  readonly namespace: string;
  readonly selector: Record<string, string>;
  readonly ports: k8s.ServicePort[];
  readonly metadata: k8s.ObjectMeta;
}

/**
 * At synth, when every cluster exists: a number `targetPort` (or the default,
 * the port itself) must be a container port of each cluster the Service
 * selects, and unless `allowDistribution`, no port may reach epmd or the
 * distribution port (a load-balanced port there is remote code execution).
 */
export function checkServiceTargets(owner: IConstruct, checked: CheckedService, allowDistribution: boolean): void {
  owner.node.addValidation({
    validate: () => {
      for (const w of workloadsSelectedBy(owner, checked.namespace, checked.selector)) {
        checked.ports.forEach((p, i) => {
          const target = p.targetPort!.value;
          if (typeof target !== 'number') return; // named ports: the cross-object check service-target-port-exists
          if (!allowDistribution && w.distributionPorts.includes(target)) {
            throw new ConfigError(
              owner.node.path,
              `ports[${i}].targetPort`,
              target,
              `reaches the epmd or distribution port of ${w.path}; set allowDistributionPorts: true only if this Service must carry distribution`,
            );
          }
          if (!w.ports.some((c) => c.port === target)) {
            throw new ConfigError(
              owner.node.path,
              `ports[${i}].targetPort`,
              target,
              `must be a container port of the pods it selects (${w.path}: ${w.ports.map((c) => `${c.name} ${c.port}`).join(', ')}); the Service would have no endpoints there`,
            );
          }
        });
      }
      return [];
    },
  });
}

/** Checks the shared Service props and claims the name in its namespace. */
export function checkServiceProps(owner: IConstruct, props: ServiceCommonProps, allowNodePorts: boolean): CheckedService {
  const where = owner.node.path;
  const name = checkServiceName(where, 'name', props.name);
  const namespace = resolveNamespace(owner, props.namespace);
  claimServiceName(owner, namespace, name);
  const selector = { ...checkLabels(where, 'selector', props.selector, { nonEmpty: true }) };
  if (props.labels !== undefined) checkLabels(where, 'labels', props.labels);
  const ports = toServicePorts(where, props.ports, allowNodePorts);
  const merged = mergeMetadata(where, 'metadata', props.metadata, {
    name,
    namespace,
    selector,
    labels: props.labels ?? selector,
    labelsFrom: props.labels ? 'labels prop' : 'selector',
  });
  return { name, namespace, selector, ports, metadata: { name, namespace, ...merged } };
}
