/**
 * Cross-object checks on synthesized manifests: the invariants that a schema
 * cannot see and that decide whether Erlang nodes will find each other. They
 * work on plain JSON objects, so they apply equally to objects built by our
 * constructs, hand-written ApiObjects, and YAML read back from dist/.
 */
import { ENV, COOKIE_ENV_NAMES } from '../erlang/env';
import { dnsNameMatches, EPMD_PORT } from '../erlang/distribution';
import { resolveEnv, unresolvedReferences } from '../kubernetes/kubelet-env';
import { MAX_STATEFUL_SET_NAME, NODE_PORT_RANGE } from './props';
import { listenPort, parseErlFlags } from '../erlang/flags';
import { checkNodeIdentity } from './node-identity-rules';

/** A manifest object, as far as these checks read it. */
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
  readonly message: string;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

const WORKLOAD_KINDS = new Set(['StatefulSet', 'Deployment', 'DaemonSet', 'ReplicaSet', 'Job']);
const CLUSTER_SCOPED = new Set(['StorageClass', 'PersistentVolume', 'Namespace', 'ClusterRole', 'ClusterRoleBinding']);

/** An egress rule to port 53 only: its peers are the cluster's DNS servers. */
function isDnsRule(rule: Any): boolean {
  const ports: Any[] = rule.ports ?? [];
  return ports.length > 0 && ports.every((p) => p.port === 53);
}

/** `Kind/namespace/name` of an object. */
export function objectId(o: KubeObject): string {
  const ns = o.metadata?.namespace;
  return `${o.kind ?? '?'}/${ns ? `${ns}/` : ''}${o.metadata?.name ?? '?'}`;
}

/** The namespace an object lives in (`default` when unset), or undefined when cluster-scoped. */
function namespaceOf(o: KubeObject): string | undefined {
  return CLUSTER_SCOPED.has(String(o.kind)) ? undefined : o.metadata?.namespace ?? 'default';
}

/** Whether `selector` (matchLabels form) selects `labels`. An empty selector selects nothing here. */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

/** A `metav1.LabelSelector`: matchLabels and matchExpressions. */
export interface LabelSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] }[];
}

/**
 * Whether a LabelSelector selects `labels`, with both matchLabels and
 * matchExpressions. What an empty selector means depends on the field: all pods
 * for a NetworkPolicy's podSelector or a PodDisruptionBudget, nothing elsewhere;
 * a missing one selects nothing.
 */
export function matchesSelector(selector: LabelSelector | undefined, labels: Record<string, string> | undefined, emptySelectsAll: boolean): boolean {
  if (selector === undefined || selector === null) return false;
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (matchLabels.length === 0 && expressions.length === 0) return emptySelectsAll;
  const has = (k: string) => labels !== undefined && Object.prototype.hasOwnProperty.call(labels, k);
  return matchLabels.every(([k, v]) => labels?.[k] === v) && expressions.every((e) => {
    switch (e.operator) {
      case 'In': return has(e.key) && (e.values ?? []).includes(labels![e.key]);
      case 'NotIn': return !has(e.key) || !(e.values ?? []).includes(labels![e.key]);
      case 'Exists': return has(e.key);
      case 'DoesNotExist': return !has(e.key);
      default: return false;
    }
  });
}

interface Workload {
  readonly object: KubeObject;
  readonly namespace: string;
  readonly podLabels: Record<string, string>;
}

function workloads(objects: readonly KubeObject[]): Workload[] {
  return objects
    .filter((o) => WORKLOAD_KINDS.has(String(o.kind)))
    .map((o) => ({ object: o, namespace: namespaceOf(o)!, podLabels: (o as Any).spec?.template?.metadata?.labels ?? {} }));
}

const ANY_NAMESPACE = '\0any';

/**
 * Workloads indexed by namespace and by pod label, so that each selector is
 * matched against the few workloads that carry one of its labels, not against
 * all of them: the checks stay linear in the number of clusters.
 */
class WorkloadIndex {
  public readonly all: readonly Workload[];
  private readonly byNamespace = new Map<string, Workload[]>();
  private readonly byLabel = new Map<string, Workload[]>();

  constructor(objects: readonly KubeObject[]) {
    this.all = workloads(objects);
    for (const w of this.all) {
      push(this.byNamespace, w.namespace, w);
      for (const [k, v] of Object.entries(w.podLabels)) {
        push(this.byLabel, labelKey(w.namespace, k, v), w);
        push(this.byLabel, labelKey(ANY_NAMESPACE, k, v), w);
      }
    }
  }

  /**
   * The workloads in `namespace` (undefined: any) that a selector with these
   * `matchLabels` may select, in manifest order. A superset: callers still match.
   */
  public candidates(namespace: string | undefined, matchLabels?: Record<string, string>): readonly Workload[] {
    const first = Object.entries(matchLabels ?? {})[0];
    if (first) return this.byLabel.get(labelKey(namespace ?? ANY_NAMESPACE, first[0], first[1])) ?? [];
    return namespace === undefined ? this.all : this.byNamespace.get(namespace) ?? [];
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

/** The container port names of a workload's pods. */
function containerPortNames(w: Workload): Set<string> {
  return new Set(((w.object as Any).spec?.template?.spec?.containers ?? []).flatMap((c: Any) => (c.ports ?? []).map((p: Any) => p.name)));
}

/** `namespace/name` of every object of `kind`, for existence checks. */
function namesOf(objects: readonly KubeObject[], kind: string): Set<string> {
  return new Set(objects.filter((o) => o.kind === kind).map((o) => `${namespaceOf(o)}/${o.metadata?.name}`));
}

/** The port the node's distribution listens on, as the container env declares it. */
export function declaredDistPort(env: readonly Any[]): number | undefined {
  const literal: Record<string, string | undefined> = {};
  for (const e of env) if (typeof e.value === 'string') literal[e.name] = e.value;
  const port = listenPort(literal) ?? literal[ENV.ERLANG_DIST_PORT];
  return port === undefined ? undefined : Number(port);
}

/** Runs every cross-object check. An empty list means the manifests hang together. */
export function checkManifests(objects: readonly KubeObject[]): ManifestViolation[] {
  const violations: ManifestViolation[] = [];
  const add = (rule: string, o: KubeObject, message: string) => violations.push({ rule, object: objectId(o), message });
  const index = new WorkloadIndex(objects);
  const services = objects.filter((o) => o.kind === 'Service');

  // Names are unique per kind and namespace.
  const seen = new Set<string>();
  for (const o of objects) {
    const key = `${o.apiVersion}/${objectId(o)}`;
    if (seen.has(key)) add('unique-names', o, 'is defined twice');
    seen.add(key);
  }

  // Every selector selects the pods of some workload.
  for (const svc of services) {
    const selector = (svc as Any).spec?.selector as Record<string, string> | undefined;
    if (selector && !index.candidates(namespaceOf(svc), selector).some((w) => selects(selector, w.podLabels))) {
      add('selector-matches-pods', svc, `selector ${JSON.stringify(selector)} matches no pod template in namespace ${namespaceOf(svc)}`);
    }
  }
  for (const pdb of objects.filter((o) => o.kind === 'PodDisruptionBudget')) {
    const selector = (pdb as Any).spec?.selector;
    if (!index.candidates(namespaceOf(pdb), selector?.matchLabels).some((w) => matchesSelector(selector, w.podLabels, true))) {
      add('selector-matches-pods', pdb, `selector ${JSON.stringify(selector)} matches no pod template`);
    }
  }
  for (const np of objects.filter((o) => o.kind === 'NetworkPolicy')) {
    const spec = (np as Any).spec ?? {};
    if (!index.candidates(namespaceOf(np), spec.podSelector?.matchLabels).some((w) => matchesSelector(spec.podSelector, w.podLabels, true))) {
      add('selector-matches-pods', np, `podSelector ${JSON.stringify(spec.podSelector)} matches no pod template`);
    }
    const peers = [
      ...(spec.ingress ?? []).flatMap((rule: Any) => (rule.from ?? []).map((peer: Any) => ({ direction: 'ingress', peer }))),
      ...(spec.egress ?? []).flatMap((rule: Any) => (rule.to ?? []).map((peer: Any) => ({ direction: 'egress', peer, dns: isDnsRule(rule) }))),
    ];
    for (const { direction, peer, dns } of peers) {
      if (!peer.podSelector) continue;
      const ns = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] ?? (peer.namespaceSelector ? undefined : namespaceOf(np));
      // The cluster's DNS runs in a system namespace that no manifest of the app deploys to.
      if (dns && ns !== undefined && ns !== namespaceOf(np) && index.candidates(ns).length === 0) continue;
      if (!index.candidates(ns, peer.podSelector.matchLabels).some((w) => matchesSelector(peer.podSelector, w.podLabels, true))) {
        add('network-policy-peer-selects-pods', np, `${direction} peer ${JSON.stringify(peer.podSelector)} selects no pods${ns ? ` in namespace ${ns}` : ''}`);
      }
    }
  }

  // A PodMonitor scrapes pods of its own namespace, on a port name they declare.
  for (const pm of objects.filter((o) => o.kind === 'PodMonitor')) {
    const spec = (pm as Any).spec ?? {};
    const selected = index.candidates(namespaceOf(pm), spec.selector?.matchLabels).filter((w) => matchesSelector(spec.selector, w.podLabels, false));
    if (selected.length === 0) add('selector-matches-pods', pm, `selector ${JSON.stringify(spec.selector)} matches no pod template in namespace ${namespaceOf(pm)}`);
    for (const e of spec.podMetricsEndpoints ?? []) {
      for (const w of selected.filter((x) => !containerPortNames(x).has(e.port))) {
        add('pod-monitor-port-declared', pm, `endpoint port ${e.port} is not a container port name of ${objectId(w.object)}; nothing is scraped there`);
      }
    }
  }

  // A named targetPort must be a port name of the selected pods, or the Service has no endpoints.
  for (const svc of services) {
    const selector = (svc as Any).spec?.selector as Record<string, string> | undefined;
    const selected = index.candidates(namespaceOf(svc), selector).filter((w) => selects(selector, w.podLabels));
    if (selected.length === 0) continue;
    for (const p of (svc as Any).spec?.ports ?? []) {
      if (typeof p.targetPort !== 'string') continue;
      const missing = selected.filter((w) => !containerPortNames(w).has(p.targetPort));
      for (const w of missing) {
        add('service-target-port-exists', svc, `targetPort ${p.targetPort} is not a container port name of ${objectId(w.object)}; the Service gets no endpoints there`);
      }
    }
  }

  // Node ports: in range, and unique across the app (they are cluster-wide).
  const nodePorts = new Map<number, string>();
  for (const svc of services) {
    for (const p of (svc as Any).spec?.ports ?? []) {
      if (p.nodePort === undefined) continue;
      if (p.nodePort < NODE_PORT_RANGE.min || p.nodePort > NODE_PORT_RANGE.max) {
        add('node-port-range', svc, `nodePort ${p.nodePort} is outside ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`);
      }
      const holder = nodePorts.get(p.nodePort);
      if (holder) add('node-port-unique', svc, `nodePort ${p.nodePort} is also used by ${holder}`);
      nodePorts.set(p.nodePort, objectId(svc));
    }
  }

  const serviceByName = new Map<string, KubeObject>();
  for (const svc of [...services].reverse()) serviceByName.set(`${namespaceOf(svc)}/${svc.metadata?.name}`, svc); // first one wins
  const serviceAccounts = namesOf(objects, 'ServiceAccount');
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const certificates = objects.filter((o) => o.kind === 'Certificate' && String(o.apiVersion).startsWith('cert-manager.io/'));
  for (const w of index.all.filter((x) => x.object.kind === 'StatefulSet')) {
    checkStatefulSet(w, index, serviceByName, serviceAccounts, add);
    checkNodeIdentity(w.object, (rule, message) => add(rule, w.object, message));
    checkDistCertificate(w, certificates, add);
    checkEgress(w, policies, add);
  }

  // Pod specs: env expands, no literal cookie, mounts exist.
  for (const w of index.all) {
    const podSpec = (w.object as Any).spec?.template?.spec ?? {};
    const claimNames = ((w.object as Any).spec?.volumeClaimTemplates ?? []).map((c: Any) => c.metadata?.name);
    const volumeNames = new Set<string>([...(podSpec.volumes ?? []).map((v: Any) => v.name), ...claimNames]);
    for (const c of [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])]) {
      // With envFrom, names not in env may still be defined; only order mistakes are certain.
      const references = unresolvedReferences(c.env ?? []).filter((r) => !c.envFrom || r.reason === 'defined-later');
      for (const r of references) {
        add('env-order', w.object, `container ${c.name}: ${r.variable} refers to $(${r.reference}), which is ${r.reason === 'defined-later' ? 'defined later in the list' : 'not defined'}; the kubelet leaves it literal`);
      }
      for (const e of c.env ?? []) {
        if (COOKIE_ENV_NAMES.includes(e.name) && e.value !== undefined && !/^\$\([A-Z_]+\)$/.test(e.value)) {
          add('no-literal-cookie', w.object, `container ${c.name}: ${e.name} is a literal; take the cookie from a Secret (secretKeyRef)`);
        }
        if (parseErlFlags(String(e.value ?? '')).some((f) => f.flag === '-setcookie')) {
          add('no-literal-cookie', w.object, `container ${c.name}: ${e.name} passes -setcookie literally; take the cookie from a Secret`);
        }
      }
      const portNames = new Set((c.ports ?? []).map((p: Any) => p.name).filter((n: unknown) => n !== undefined));
      for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
        const port = c[probe]?.httpGet?.port ?? c[probe]?.tcpSocket?.port;
        if (typeof port === 'string' && !portNames.has(port)) {
          add('probe-port-declared', w.object, `container ${c.name}: ${probe} uses port ${port}, which the container does not declare; the probe can never succeed`);
        }
      }
      const mountedAt = new Map<string, string>();
      for (const m of c.volumeMounts ?? []) {
        const other = mountedAt.get(m.mountPath);
        if (other !== undefined) add('mount-path-unique', w.object, `container ${c.name} mounts both ${other} and ${m.name} at ${m.mountPath}; the apiserver refuses that`);
        mountedAt.set(m.mountPath, m.name);
        if (!volumeNames.has(m.name)) add('volume-mount-exists', w.object, `container ${c.name} mounts ${m.name}, which is neither a volume nor a claim template`);
      }
    }
  }

  // RBAC: namespaced, bound, and without wildcards.
  for (const o of objects.filter((x) => x.kind === 'ClusterRole' || x.kind === 'ClusterRoleBinding')) {
    add('rbac-namespaced', o, 'discovery needs only namespaced read access; use a Role and RoleBinding');
  }
  for (const role of objects.filter((o) => o.kind === 'Role')) {
    for (const rule of (role as Any).rules ?? []) {
      const wide = ['apiGroups', 'resources', 'verbs'].filter((k) => (rule[k] ?? []).includes('*'));
      if (wide.length > 0) add('rbac-least-privilege', role, `rule uses '*' in ${wide.join(', ')}`);
      const writes = (rule.verbs ?? []).filter((v: string) => !['get', 'list', 'watch'].includes(v));
      if (writes.length > 0) add('rbac-least-privilege', role, `rule grants ${writes.join(', ')}; discovery needs get, list and watch only`);
    }
  }
  const roles = namesOf(objects, 'Role');
  for (const rb of objects.filter((o) => o.kind === 'RoleBinding')) {
    const ref = (rb as Any).roleRef;
    if (ref?.kind === 'Role' && !roles.has(`${namespaceOf(rb)}/${ref.name}`)) {
      add('rbac-role-exists', rb, `refers to Role ${ref.name}, which is not in namespace ${namespaceOf(rb)}`);
    }
  }
  return violations;
}

/** The Secrets a pod template mounts, directly or through a projected volume. */
function mountedSecrets(podSpec: Any): Set<string> {
  return new Set((podSpec?.volumes ?? []).flatMap((v: Any) => [
    v.secret?.secretName,
    ...(v.projected?.sources ?? []).map((s: Any) => s.secret?.name),
  ]).filter((n: unknown) => typeof n === 'string'));
}

/** Each pod's host name, from the container's ERLANG_HOST_NAME as the kubelet expands it. */
function podHostNames(sts: Any, container: Any): string[] {
  const replicas = sts.spec?.replicas ?? 1;
  return Array.from({ length: replicas }, (_, i) => resolveEnv(container.env ?? [], (_name, from) => {
    if (from.fieldRef?.fieldPath === 'metadata.name') return `${sts.metadata?.name}-${i}`;
    if (from.fieldRef?.fieldPath === 'metadata.namespace') return sts.metadata?.namespace ?? 'default';
    return '';
  }).get(ENV.ERLANG_HOST_NAME)).filter((h): h is string => h !== undefined);
}

/**
 * TLS distribution with a cert-manager Certificate: the Certificate that writes
 * a Secret the pods mount must name every pod (the dialling peer checks the
 * host name); a Certificate that names the pods must write a Secret they mount.
 */
function checkDistCertificate(w: Workload, certificates: readonly KubeObject[], add: (rule: string, o: KubeObject, message: string) => void): void {
  const sts = w.object as Any;
  const podSpec = sts.spec?.template?.spec;
  for (const c of podSpec?.containers ?? []) {
    const aflags = String((c.env ?? []).find((e: Any) => e.name === ENV.ERL_AFLAGS)?.value ?? '');
    if (!/-proto_dist\s+inet_tls\b/.test(aflags)) continue;
    const hosts = podHostNames(sts, c);
    const mounted = mountedSecrets(podSpec);
    const inNamespace = certificates.filter((cert) => namespaceOf(cert) === w.namespace);
    const covers = (cert: Any, host: string) => (cert.spec?.dnsNames ?? []).some((n: string) => dnsNameMatches(n, host));
    const issuing = inNamespace.filter((cert) => mounted.has((cert as Any).spec?.secretName));
    for (const cert of issuing) {
      for (const host of hosts.filter((h) => !covers(cert, h))) {
        add('certificate-covers-pods', cert, `dnsNames ${JSON.stringify((cert as Any).spec?.dnsNames ?? [])} do not match ${host} of ${objectId(sts)}; peers dialling it fail the host name check`);
      }
    }
    if (issuing.length === 0 && hosts.length > 0) {
      for (const cert of inNamespace.filter((x) => covers(x, hosts[0]))) {
        add('certificate-secret-mounted', cert, `names the pods of ${objectId(sts)} but writes Secret ${(cert as Any).spec?.secretName}, which they do not mount (they mount ${[...mounted].join(', ') || 'no Secret'})`);
      }
    }
  }
}

/**
 * Whether a peer's namespaceSelector may select `namespace`. Only the name label
 * is known here, so a selector on other namespace labels counts as a match (no false alarm).
 */
function selectsNamespace(selector: LabelSelector | undefined, namespace: string): boolean {
  if (selector === undefined) return true; // the policy's own namespace, which is the workload's
  const keys = [...Object.keys(selector.matchLabels ?? {}), ...(selector.matchExpressions ?? []).map((e) => e.key)];
  return keys.some((k) => k !== 'kubernetes.io/metadata.name') || matchesSelector(selector, { 'kubernetes.io/metadata.name': namespace }, true);
}

/** Whether one egress rule lets `protocol`/`port` out (no ports: every port). */
function allowsPort(rule: Any, protocol: string, port: number): boolean {
  const ports: Any[] = rule.ports ?? [];
  return ports.length === 0 || ports.some((p) => (p.protocol ?? 'TCP') === protocol && (p.port === undefined || p.port === port
    || (p.endPort !== undefined && port >= p.port && port <= p.endPort)));
}

/**
 * Once a NetworkPolicy restricts a node's egress, the node still needs DNS (to
 * resolve its peers) and its own cluster's epmd and dist ports (to connect to them).
 */
function checkEgress(w: Workload, policies: readonly KubeObject[], add: (rule: string, o: KubeObject, message: string) => void): void {
  const restricting = policies.filter((np) => namespaceOf(np) === w.namespace
    && ((np as Any).spec?.policyTypes ?? []).includes('Egress') && matchesSelector((np as Any).spec?.podSelector, w.podLabels, true));
  if (restricting.length === 0) return;
  const rules: Any[] = restricting.flatMap((np) => (np as Any).spec?.egress ?? []);
  const allows = (protocol: string, port: number) => rules.some((r) => allowsPort(r, protocol, port));
  // A rule reaches the own pods when it names no destination, an IP block (unknown here), or a selector of them.
  const reachesOwnPods = (r: Any) => (r.to ?? []).length === 0 || (r.to as Any[]).some((peer) => peer.ipBlock !== undefined || (
    matchesSelector(peer.podSelector ?? {}, w.podLabels, true) && selectsNamespace(peer.namespaceSelector, w.namespace)));
  if (!allows('UDP', 53)) {
    add('egress-allows-dns', w.object, `NetworkPolicy ${restricting.map((np) => np.metadata?.name).join(', ')} restricts egress without UDP port 53; the nodes cannot resolve their peers`);
  }
  for (const c of (w.object as Any).spec?.template?.spec?.containers ?? []) {
    const distPort = declaredDistPort(c.env ?? []);
    if (distPort === undefined) continue;
    const epmdless = (c.env ?? []).some((e: Any) => e.name === ENV.ERL_DIST_PORT);
    for (const port of epmdless ? [distPort] : [EPMD_PORT, distPort]) {
      if (!rules.some((r) => allowsPort(r, 'TCP', port) && reachesOwnPods(r))) {
        add('egress-allows-mesh', w.object, `egress is restricted but TCP port ${port} (${port === EPMD_PORT ? 'epmd' : 'dist'}) to its own pods is not allowed; the nodes cannot connect to each other`);
      }
    }
  }
}

function checkStatefulSet(
  w: Workload,
  index: WorkloadIndex,
  serviceByName: ReadonlyMap<string, KubeObject>,
  serviceAccounts: ReadonlySet<string>,
  add: (rule: string, o: KubeObject, message: string) => void,
): void {
  const sts = w.object as Any;
  const spec = sts.spec ?? {};
  const name = String(sts.metadata?.name);
  if (name.length > MAX_STATEFUL_SET_NAME) {
    add('statefulset-name-length', sts, `name is ${name.length} chars; over ${MAX_STATEFUL_SET_NAME} breaks the pods' controller-revision-hash label`);
  }
  if (!matchesSelector(spec.selector, w.podLabels, false)) {
    add('selector-matches-pods', sts, `selector ${JSON.stringify(spec.selector)} does not match its pod template labels ${JSON.stringify(w.podLabels)}`);
  }
  for (const other of index.candidates(w.namespace, spec.selector?.matchLabels)) {
    if (other.object !== w.object && other.namespace === w.namespace && matchesSelector(spec.selector, other.podLabels, false)) {
      add('selector-overlap', sts, `selector ${JSON.stringify(spec.selector)} also selects the pods of ${objectId(other.object)}; the controllers would fight over them`);
    }
  }
  const governing = serviceByName.get(`${w.namespace}/${spec.serviceName}`) as Any;
  if (!governing) {
    add('governing-service-exists', sts, `serviceName ${spec.serviceName} names no Service in namespace ${w.namespace}; pods get no DNS names`);
  } else {
    if (governing.spec?.clusterIP !== 'None') {
      add('governing-service-headless', sts, `governing Service ${spec.serviceName} is not headless (clusterIP: None); pods get no per-pod DNS names`);
    }
    if (!selects(governing.spec?.selector, w.podLabels)) {
      add('governing-service-selects-pods', sts, `governing Service ${spec.serviceName} does not select this StatefulSet's pods`);
    }
    if (governing.spec?.publishNotReadyAddresses !== true) {
      add('governing-service-publishes-not-ready', sts, `governing Service ${spec.serviceName} lacks publishNotReadyAddresses: true; peers cannot resolve each other before Ready`);
    }
  }
  const podSa = spec.template?.spec?.serviceAccountName;
  if (podSa && !serviceAccounts.has(`${w.namespace}/${podSa}`)) {
    add('service-account-exists', sts, `pods use ServiceAccount ${podSa}, which is not defined`);
  }

  // The dist port: declared on the container and exposed by the headless Service.
  for (const c of spec.template?.spec?.containers ?? []) {
    const distPort = declaredDistPort(c.env ?? []);
    if (distPort === undefined) continue;
    const containerPort = (c.ports ?? []).find((p: Any) => p.containerPort === distPort);
    if (!containerPort) {
      add('dist-port-declared', sts, `container ${c.name} listens for distribution on ${distPort} but does not declare that port`);
    }
    const servicePorts: Any[] = governing?.spec?.ports ?? [];
    const exposes = (port: number, portName?: string) => servicePorts.some((p) => p.port === port
      && (p.targetPort === undefined || p.targetPort === port || (portName !== undefined && p.targetPort === portName)));
    if (governing && !exposes(distPort, containerPort?.name)) {
      add('dist-port-on-headless-service', sts, `headless Service ${spec.serviceName} does not expose the distribution port ${distPort}`);
    }
    const epmdless = (c.env ?? []).some((e: Any) => e.name === ENV.ERL_DIST_PORT);
    if (governing && !epmdless && !exposes(EPMD_PORT, 'epmd')) {
      add('epmd-port-on-headless-service', sts, `headless Service ${spec.serviceName} does not expose epmd (${EPMD_PORT})`);
    }
  }
}
