/**
 * What every manifest rule reads: the objects, and the lookups several rules
 * share (workloads by namespace and label, Services by name, a container's
 * distribution settings), each computed once per run.
 */
import { ENV } from '../../erlang/env';
import { isEpmdless, listenPort } from '../../erlang/flags';
import { isEmptySelector, Labels, LabelSelector, selectorMatches } from '../../kubernetes/label-selector';

/**
 * A manifest object, as far as the rules read it. TypeScript/JavaScript only (an open
 * index signature has no jsii spelling): in the other languages a manifest object is `any`.
 *
 * @jsii ignore
 */
export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly [field: string]: unknown;
}

/** One broken invariant. */
export interface ManifestViolation {
  /** A short stable id, e.g. `governing-service-headless`. */
  readonly rule: string;
  /** `Kind/namespace/name`. */
  readonly object: string;
  /** What is wrong, and what would fix it. */
  readonly message: string;
}

/** What a rule reports: the object at fault and why. The engine adds the rule's id. */
export interface Finding {
  readonly object: KubeObject;
  readonly message: string;
}

/** One cross-object invariant, as data. */
export interface ManifestRule {
  /** A short stable id; violations carry it, and docs/validation.md lists it. */
  readonly id: string;
  /** What must hold, in one sentence. */
  readonly description: string;
  readonly check: (context: ManifestContext) => Iterable<Finding>;
}

/** Manifests are untyped JSON: the rules read them field by field, defensively. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one alias for untyped manifest JSON
export type Any = any;

/**
 * A field that should be a list, as one. Missing, null, or malformed (`env: {}` in hand-written YAML)
 * reads as empty, so no rule throws on it; the schema check reports the shape.
 */
export function list(value: unknown): Any[] {
  return Array.isArray(value) ? value : [];
}

const WORKLOAD_KINDS = new Set(['StatefulSet', 'Deployment', 'DaemonSet', 'ReplicaSet', 'Job']);
const CLUSTER_SCOPED = new Set(['StorageClass', 'PersistentVolume', 'Namespace', 'ClusterRole', 'ClusterRoleBinding']);
const ANY_NAMESPACE = '\0any';

/** `Kind/namespace/name` of an object. */
export function objectId(o: KubeObject): string {
  const ns = o.metadata?.namespace;
  return `${o.kind ?? '?'}/${ns ? `${ns}/` : ''}${o.metadata?.name ?? '?'}`;
}

/** The namespace an object lives in (`default` when unset), or undefined when cluster-scoped. */
export function namespaceOf(o: KubeObject): string | undefined {
  return CLUSTER_SCOPED.has(String(o.kind)) ? undefined : (o.metadata?.namespace ?? 'default');
}

/**
 * Whether a LabelSelector field selects `labels`. What `{}` means depends on
 * the field: all pods for a NetworkPolicy's podSelector or a
 * PodDisruptionBudget, nothing for a StatefulSet or PodMonitor; a missing
 * selector selects nothing.
 */
export function matchesSelector(selector: LabelSelector | undefined, labels: Labels | undefined, emptySelectsAll: boolean): boolean {
  if (selector === undefined || selector === null) return false;
  return isEmptySelector(selector) ? emptySelectsAll : selectorMatches(selector, labels);
}

/** A pod-owning object, with what the rules read of its pods. */
export interface Workload {
  readonly object: KubeObject;
  readonly namespace: string;
  readonly podLabels: Record<string, string>;
}

/** How a container takes part in distribution, as its literal env declares it. */
export interface ContainerDistribution {
  /** The port distribution listens on, if the env pins one. */
  readonly distPort: number | undefined;
  /** No epmd: ERL_DIST_PORT is set. */
  readonly epmdless: boolean;
}

/** The port the node's distribution listens on, as the container env declares it. */
export function declaredDistPort(env: readonly Any[]): number | undefined {
  const literal = literalEnv(env);
  const port = listenPort(literal) ?? literal[ENV.ERLANG_DIST_PORT];
  return port === undefined ? undefined : Number(port);
}

/** The env entries with a literal value, by name (a later entry wins, as in the kubelet); any name, `__proto__` included, is an own key. */
export function literalEnv(env: unknown): Record<string, string> {
  const literal = Object.create(null) as Record<string, string>;
  for (const e of list(env)) if (typeof e.value === 'string') literal[e.name] = e.value;
  return literal;
}

/** The container port names of a workload's pods. */
export function containerPortNames(w: Workload): Set<string> {
  return new Set(list((w.object as Any).spec?.template?.spec?.containers).flatMap((c: Any) => list(c.ports).map((p: Any) => p.name)));
}

/** The objects under check, and the lookups the rules share. */
export class ManifestContext {
  public readonly workloads: readonly Workload[];
  public readonly statefulSets: readonly Workload[];
  public readonly services: readonly KubeObject[];
  private readonly byNamespace = new Map<string, Workload[]>();
  private readonly byLabel = new Map<string, Workload[]>();
  private readonly byKind = new Map<string, KubeObject[]>();
  private readonly serviceByName = new Map<string, KubeObject>();
  private readonly distribution = new WeakMap<object, ContainerDistribution>();

  constructor(public readonly objects: readonly KubeObject[]) {
    for (const o of objects) push(this.byKind, String(o.kind), o);
    this.workloads = objects
      .filter((o) => WORKLOAD_KINDS.has(String(o.kind)))
      .map((o) => ({ object: o, namespace: namespaceOf(o)!, podLabels: (o as Any).spec?.template?.metadata?.labels ?? {} }));
    this.statefulSets = this.workloads.filter((w) => w.object.kind === 'StatefulSet');
    // Workloads by namespace and pod label, so that each selector is matched against the
    // few workloads that carry one of its labels: the rules stay linear in the number of clusters.
    for (const w of this.workloads) {
      push(this.byNamespace, w.namespace, w);
      for (const [k, v] of Object.entries(w.podLabels)) {
        push(this.byLabel, labelKey(w.namespace, k, v), w);
        push(this.byLabel, labelKey(ANY_NAMESPACE, k, v), w);
      }
    }
    this.services = this.ofKind('Service');
    for (const svc of [...this.services].reverse()) this.serviceByName.set(`${namespaceOf(svc)}/${svc.metadata?.name}`, svc); // first one wins
  }

  /** The objects of `kind`, in manifest order. */
  public ofKind(kind: string): readonly KubeObject[] {
    return this.byKind.get(kind) ?? [];
  }

  /**
   * The workloads in `namespace` (undefined: any) that a selector with these
   * `matchLabels` may select, in manifest order. A superset: callers still match.
   */
  public candidates(namespace: string | undefined, matchLabels?: Labels): readonly Workload[] {
    const first = Object.entries(matchLabels ?? {})[0];
    if (first) return this.byLabel.get(labelKey(namespace ?? ANY_NAMESPACE, first[0], first[1])) ?? [];
    return namespace === undefined ? this.workloads : (this.byNamespace.get(namespace) ?? []);
  }

  /** The Service named `name` in `namespace` (the first, if defined twice). */
  public service(namespace: string, name: unknown): Any {
    return this.serviceByName.get(`${namespace}/${name}`);
  }

  /** `namespace/name` of every object of `kind`, for existence checks. */
  public namesOf(kind: string): Set<string> {
    return new Set(this.ofKind(kind).map((o) => `${namespaceOf(o)}/${o.metadata?.name}`));
  }

  /** The container's distribution settings; several rules read them, so env is parsed once. */
  public distributionOf(container: Any): ContainerDistribution {
    let d = this.distribution.get(container);
    if (d === undefined) {
      const env = list(container.env);
      d = { distPort: declaredDistPort(env), epmdless: isEpmdless(env.map((e: Any) => e.name)) };
      this.distribution.set(container, d);
    }
    return d;
  }
}

function labelKey(namespace: string, key: string, value: string): string {
  return `${namespace}\0${key}\0${value}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The init containers and containers of a workload's pods. */
export function podContainers(w: Workload): Any[] {
  const podSpec = (w.object as Any).spec?.template?.spec ?? {};
  return [...list(podSpec.initContainers), ...list(podSpec.containers)];
}

/** The (non-init) containers of a workload's pods, the ones that run the node. */
export function nodeContainers(w: Workload): Any[] {
  return list((w.object as Any).spec?.template?.spec?.containers);
}
