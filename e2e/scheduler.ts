/**
 * The scheduler and the volume binder, as the e2e reads Kubernetes 1.28, for
 * the pods of the StatefulSets under test on the nodes a scenario declares.
 * Pure: no process, no machine.
 *
 * Claims are created by the StatefulSet controller as `<template>-<pod>`. The
 * DefaultStorageClass admission gives a claim without `storageClassName` the
 * cluster's default class, if it has one. The PersistentVolume controller
 * binds a claim whose class is not WaitForFirstConsumer at once (an empty
 * class, or a class that does not exist, counts as Immediate), to the
 * smallest PersistentVolume of the same class with enough capacity, whose
 * access modes contain the claim's, whose volume mode and labels fit. A class
 * whose provisioner is `kubernetes.io/no-provisioner` never provisions; any
 * other provisioner is assumed to work.
 *
 * The scheduler runs, per pod, the VolumeBinding PreFilter (an unbound claim
 * of Immediate class makes the pod unschedulable on every node), then per
 * node the first failing filter of NodeUnschedulable, TaintToleration,
 * NodeAffinity, VolumeBinding and PodTopologySpread (DoNotSchedule only), in
 * that order, and reports a pod that fits nowhere with the scheduler's own
 * message (FitError, without the preemption postscript). Among the nodes
 * that fit it picks the one with the fewest pods, then by name: a
 * deterministic stand-in for the scores, which spreads like the manifests'
 * ScheduleAnyway constraints. WaitForFirstConsumer claims are bound when
 * their pod is placed, on that node.
 */
import { Labels, selectorMatches } from '../lib/kubernetes/label-selector';
import { quantityValue } from '../lib/checks/values';
import { ClaimSpec, KubeObject, NodeSelectorTerm, SchedulingSpec, statefulSets } from './kube';

/** A node taint. */
export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: string;
}

/** A node of the modelled cluster. */
export interface ModelNode {
  readonly name: string;
  /** Including `kubernetes.io/hostname` (and `topology.kubernetes.io/zone` where the provider sets it). */
  readonly labels: Labels;
  readonly taints?: readonly Taint[];
}

/** The cluster a scenario declares: its nodes, and its default StorageClass (none unless declared). */
export interface Topology {
  readonly nodes: readonly ModelNode[];
  readonly defaultStorageClass?: string;
}

export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
const CONTROL_PLANE_TAINT = 'node-role.kubernetes.io/control-plane';
const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

/** A kubeadm node: the labels kubeadm and the kubelet set (no zone: bare metal has none). */
function kubeadmNode(name: string, controlPlane = false): ModelNode {
  const labels: Record<string, string> = { [HOSTNAME_LABEL]: name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' };
  if (controlPlane) labels[CONTROL_PLANE_TAINT] = '';
  return { name, labels, taints: controlPlane ? [{ key: CONTROL_PLANE_TAINT, effect: 'NoSchedule' }] : [] };
}

/** The reference system: a kubeadm cluster, one control-plane node and worker1..worker3, no default StorageClass. */
export const REFERENCE_TOPOLOGY: Topology = { nodes: [kubeadmNode('master', true), kubeadmNode('worker1'), kubeadmNode('worker2'), kubeadmNode('worker3')] };

/** The scheduler's reasons (pkg/scheduler/framework/plugins, 1.28). */
export const REASONS = {
  unboundImmediate: 'pod has unbound immediate PersistentVolumeClaims',
  unschedulable: 'node(s) were unschedulable',
  taint: (t: Taint) => `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`,
  nodeAffinity: "node(s) didn't match Pod's node affinity/selector",
  bindConflict: "node(s) didn't find available persistent volumes to bind",
  nodeConflict: 'node(s) had volume node affinity conflict',
  spread: "node(s) didn't match pod topology spread constraints",
  spreadLabel: "node(s) didn't match pod topology spread constraints (missing required label)",
};

interface PvSpec {
  readonly capacity?: { readonly storage?: string };
  readonly accessModes?: readonly string[];
  readonly storageClassName?: string;
  readonly volumeMode?: string;
  readonly claimRef?: { readonly name?: string; readonly namespace?: string };
  readonly nodeAffinity?: { readonly required?: { readonly nodeSelectorTerms: readonly NodeSelectorTerm[] } };
}

interface Pv {
  readonly name: string;
  readonly labels: Labels;
  readonly spec: PvSpec;
}

function pvOf(o: KubeObject): Pv {
  return { name: o.metadata?.name ?? '', labels: o.metadata?.labels ?? {}, spec: (o.spec ?? {}) as PvSpec };
}

/** A claim and what became of it. */
export interface ClaimState {
  /** `namespace/name`. */
  readonly key: string;
  readonly spec: ClaimSpec;
  /** After the DefaultStorageClass admission; `""` is no class. */
  readonly className: string;
  /** The PersistentVolume it is bound to. */
  pv?: string;
}

/** A pod to place: one of a StatefulSet's. */
export interface PodToPlace {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly statefulSet?: string;
}

/** Where a pod went, or why it is Pending (the scheduler's event message). */
export interface Placement {
  readonly node?: string;
  readonly pending?: string;
}

/** Whether `value` of a node satisfies one node selector requirement. */
function requirementHolds(e: { key: string; operator: string; values?: readonly string[] }, labels: Labels): boolean {
  if (e.operator === 'Gt' || e.operator === 'Lt') {
    const v = Number(labels[e.key]);
    const bound = Number(e.values?.[0]);
    return labels[e.key] !== undefined && (e.operator === 'Gt' ? v > bound : v < bound);
  }
  return selectorMatches({ matchExpressions: [e] }, labels);
}

/** Node selector terms: ORed; within a term every requirement holds; an empty term matches nothing. */
export function nodeSelectorMatches(terms: readonly NodeSelectorTerm[], node: ModelNode): boolean {
  return terms.some((t) => {
    const fields = (t.matchFields ?? []).map((f) => ({ ...f, key: f.key === 'metadata.name' ? '\0name' : f.key }));
    const reqs = [...(t.matchExpressions ?? []), ...fields];
    return reqs.length > 0 && reqs.every((e) => requirementHolds(e, { ...node.labels, '\0name': node.name }));
  });
}

/** Whether the pod's tolerations tolerate the taint. */
function tolerates(spec: SchedulingSpec, t: Taint): boolean {
  return (spec.tolerations ?? []).some(
    (o) =>
      (o.effect === undefined || o.effect === '' || o.effect === t.effect) &&
      ((o.key ?? '') === '' ? o.operator === 'Exists' : o.key === t.key) &&
      (o.operator === 'Exists' || (o.value ?? '') === (t.value ?? '')),
  );
}

/** The scheduler's FitError message for reasons per node. */
export function fitError(nodes: number, reasons: readonly string[], preFilter?: string): string {
  if (preFilter !== undefined) return `0/${nodes} nodes are available: ${preFilter}.`;
  const counts = new Map<string, number>();
  reasons.forEach((r) => counts.set(r, (counts.get(r) ?? 0) + 1));
  const histogram = [...counts].map(([r, n]) => `${n} ${r}`).sort();
  return `0/${nodes} nodes are available: ${histogram.join(', ')}.`;
}

export class Scheduler {
  public readonly claims = new Map<string, ClaimState>();
  private readonly volumes: Pv[];
  private readonly classes: Map<string, { provisioner?: string; volumeBindingMode?: string }>;
  /** Pod key → node, with the labels the spread constraints count. */
  private readonly placed = new Map<string, { node: string; namespace: string; labels: Labels }>();
  private readonly cordoned = new Set<string>();
  /** Volumes whose claim was deleted: Released, never bound again (reclaim policy Retain). */
  private readonly released = new Set<string>();

  constructor(
    private readonly objects: readonly KubeObject[],
    public readonly topology: Topology,
  ) {
    this.volumes = objects.filter((o) => o.kind === 'PersistentVolume').map(pvOf);
    this.classes = new Map(
      objects
        .filter((o) => o.kind === 'StorageClass')
        .map((o) => [o.metadata?.name ?? '', o as unknown as { provisioner?: string; volumeBindingMode?: string }]),
    );
  }

  /** An administrator creates a PersistentVolume (`kubectl apply`), e.g. a local volume for a new member. */
  public addVolume(o: KubeObject): void {
    this.volumes.push(pvOf(o));
  }

  /** The StatefulSet controller deletes a claim (persistentVolumeClaimRetentionPolicy `Delete`); its volume is not bound again. */
  public deleteClaim(claimKey: string): void {
    const pv = this.claims.get(claimKey)?.pv;
    this.claims.delete(claimKey);
    if (pv !== undefined) this.released.add(pv);
  }

  /** `kubectl cordon` / `uncordon`. */
  public cordon(node: string, on = true): void {
    if (on) this.cordoned.add(node);
    else this.cordoned.delete(node);
  }

  /** The pod is gone (deleted or evicted): its node has room again; its claims stay bound. */
  public remove(pod: { namespace: string; name: string }): void {
    this.placed.delete(`${pod.namespace}/${pod.name}`);
  }

  public nodeOf(pod: { namespace: string; name: string }): string | undefined {
    return this.placed.get(`${pod.namespace}/${pod.name}`)?.node;
  }

  /** Pods per node, for reports. */
  public podsOn(node: string): string[] {
    return [...this.placed].filter(([, p]) => p.node === node).map(([k]) => k.split('/')[1]);
  }

  /** The PersistentVolume a claim (`namespace/name`) is bound to. */
  public volumeOf(claimKey: string): string | undefined {
    return this.claims.get(claimKey)?.pv;
  }

  private sts(pod: PodToPlace) {
    return statefulSets(this.objects).find((s) => s.name === pod.statefulSet && s.namespace === pod.namespace);
  }

  /** The StatefulSet controller's claims for the pod, created if missing; the PV controller then binds what it binds at once. */
  public claimsOf(pod: PodToPlace): ClaimState[] {
    const claims = (this.sts(pod)?.spec.volumeClaimTemplates ?? []).map((t) => {
      const key = `${pod.namespace}/${t.metadata?.name ?? ''}-${pod.name}`;
      if (!this.claims.has(key)) {
        const spec = t.spec ?? {};
        this.claims.set(key, { key, spec, className: spec.storageClassName ?? this.topology.defaultStorageClass ?? '' });
      }
      return this.claims.get(key)!;
    });
    for (const c of claims.filter((x) => x.pv === undefined && !this.delayed(x))) c.pv = this.findVolume(c, undefined, new Set())?.name ?? this.provisioned(c);
    return claims;
  }

  /** WaitForFirstConsumer: bound when the pod is placed. An empty or unknown class is Immediate. */
  private delayed(c: ClaimState): boolean {
    return c.className !== '' && this.classes.get(c.className)?.volumeBindingMode === 'WaitForFirstConsumer';
  }

  /** The volume the claim's class would provision for it (a no-provisioner class never does), named as the provisioners name them. */
  private provisioned(c: ClaimState): string | undefined {
    const p = this.classes.get(c.className)?.provisioner;
    return c.className !== '' && p !== undefined && p !== NO_PROVISIONER ? `pvc-${c.key.replace('/', '-')}` : undefined;
  }

  /** The smallest available PersistentVolume that fits the claim (on `node`, if given), by name among equals; `taken` are assumed for this pod. */
  private findVolume(c: ClaimState, node: ModelNode | undefined, taken: Set<string>): Pv | undefined {
    const bound = new Set([...this.claims.values()].map((x) => x.pv).filter((x): x is string => x !== undefined));
    const want = quantityValue(c.spec.resources?.requests?.storage ?? '0');
    const [ns, name] = c.key.split('/');
    const fits = this.volumes.filter((pv) => {
      const s = pv.spec;
      const ref = s.claimRef;
      return (
        !bound.has(pv.name) &&
        !taken.has(pv.name) &&
        !this.released.has(pv.name) &&
        (ref?.name === undefined || (ref.name === name && (ref.namespace ?? 'default') === ns)) &&
        (s.storageClassName ?? '') === c.className &&
        (s.volumeMode ?? 'Filesystem') === (c.spec.volumeMode ?? 'Filesystem') &&
        quantityValue(s.capacity?.storage ?? '0') >= want &&
        (c.spec.accessModes ?? []).every((m) => (s.accessModes ?? []).includes(m)) &&
        (c.spec.selector === undefined || selectorMatches(c.spec.selector, pv.labels)) &&
        (node === undefined || this.volumeReaches(pv, node))
      );
    });
    const size = (pv: Pv) => quantityValue(pv.spec.capacity?.storage ?? '0');
    return fits.sort((a, b) => size(a) - size(b) || a.name.localeCompare(b.name))[0];
  }

  private volumeReaches(pv: Pv, node: ModelNode): boolean {
    const terms = pv.spec.nodeAffinity?.required?.nodeSelectorTerms;
    return terms === undefined || nodeSelectorMatches(terms, node);
  }

  /** Why a claim is still Pending (the PV controller's event), or undefined when it is bound. */
  public claimPending(c: ClaimState): string | undefined {
    if (c.pv !== undefined) return undefined;
    if (c.className === '') return 'no persistent volumes available for this claim and no storage class is set';
    if (!this.classes.has(c.className)) return `storageclass.storage.k8s.io "${c.className}" not found`;
    if (this.delayed(c)) return 'waiting for first consumer to be created before binding';
    return `no volume plugin matched name: ${this.classes.get(c.className)!.provisioner}`;
  }

  /** The first failing filter on `node`, or the claims' volumes there. */
  private filter(pod: PodToPlace, spec: SchedulingSpec, claims: readonly ClaimState[], node: ModelNode): { reasons: string[]; volumes: Map<string, string> } {
    const fail = (...reasons: string[]) => ({ reasons, volumes: new Map<string, string>() });
    const unschedulable: Taint = { key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule' };
    if (this.cordoned.has(node.name) && !tolerates(spec, unschedulable)) return fail(REASONS.unschedulable);
    const taint = (node.taints ?? []).find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(spec, t));
    if (taint) return fail(REASONS.taint(taint));
    if (!this.nodeAffinityFits(spec, node)) return fail(REASONS.nodeAffinity);
    const reasons: string[] = [];
    const volumes = new Map<string, string>();
    const taken = new Set<string>();
    for (const c of claims) {
      if (c.pv !== undefined) {
        const pv = this.volumes.find((v) => v.name === c.pv);
        if (pv !== undefined && !this.volumeReaches(pv, node) && !reasons.includes(REASONS.nodeConflict)) reasons.push(REASONS.nodeConflict);
        continue;
      }
      const pv = this.findVolume(c, node, taken);
      if (pv) {
        taken.add(pv.name);
        volumes.set(c.key, pv.name);
      } else if (this.provisioned(c)) volumes.set(c.key, this.provisioned(c)!);
      else if (!reasons.includes(REASONS.bindConflict)) reasons.push(REASONS.bindConflict);
    }
    if (reasons.length > 0) return fail(...reasons);
    const spread = this.spreadReason(pod, spec, node);
    return spread ? fail(spread) : { reasons: [], volumes };
  }

  private nodeAffinityFits(spec: SchedulingSpec, node: ModelNode): boolean {
    const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    return Object.entries(spec.nodeSelector ?? {}).every(([k, v]) => node.labels[k] === v) && (terms === undefined || nodeSelectorMatches(terms, node));
  }

  /** PodTopologySpread's filter for the DoNotSchedule constraints (nodeAffinityPolicy Honor, nodeTaintsPolicy Ignore, no minDomains). */
  private spreadReason(pod: PodToPlace, spec: SchedulingSpec, node: ModelNode): string | undefined {
    const hard = (spec.topologySpreadConstraints ?? []).filter((c) => c.whenUnsatisfiable === 'DoNotSchedule');
    if (hard.length === 0) return undefined;
    if (hard.some((c) => node.labels[c.topologyKey] === undefined)) return REASONS.spreadLabel;
    const eligible = this.topology.nodes.filter((n) => this.nodeAffinityFits(spec, n) && hard.every((c) => n.labels[c.topologyKey] !== undefined));
    for (const c of hard) {
      const counts = new Map<string, number>();
      for (const n of eligible) {
        const matching = [...this.placed.values()].filter(
          (p) => p.node === n.name && p.namespace === pod.namespace && selectorMatches(c.labelSelector ?? {}, p.labels),
        ).length;
        const domain = n.labels[c.topologyKey];
        counts.set(domain, (counts.get(domain) ?? 0) + matching);
      }
      const min = Math.min(...counts.values());
      const self = selectorMatches(c.labelSelector ?? {}, pod.labels) ? 1 : 0;
      if ((counts.get(node.labels[c.topologyKey]) ?? 0) + self - min > c.maxSkew) return REASONS.spread;
    }
    return undefined;
  }

  /** Schedules the pod: its node (and its WaitForFirstConsumer claims bound there), or why it stays Pending. */
  public schedule(pod: PodToPlace): Placement {
    const key = `${pod.namespace}/${pod.name}`;
    const existing = this.placed.get(key);
    if (existing) return { node: existing.node };
    const spec = this.sts(pod)?.spec.template.spec ?? { containers: [] };
    const claims = this.claimsOf(pod);
    const nodes = this.topology.nodes;
    if (claims.some((c) => c.pv === undefined && !this.delayed(c))) return { pending: fitError(nodes.length, [], REASONS.unboundImmediate) };
    const verdicts = nodes.map((n) => ({ node: n, ...this.filter(pod, spec, claims, n) }));
    const fit = verdicts.filter((v) => v.reasons.length === 0);
    if (fit.length === 0)
      return {
        pending: fitError(
          nodes.length,
          verdicts.flatMap((v) => v.reasons),
        ),
      };
    const load = (n: ModelNode) => this.podsOn(n.name).length;
    const best = fit.sort((a, b) => load(a.node) - load(b.node) || a.node.name.localeCompare(b.node.name))[0];
    for (const c of claims) if (c.pv === undefined) c.pv = best.volumes.get(c.key);
    this.placed.set(key, { node: best.node.name, namespace: pod.namespace, labels: pod.labels });
    return { node: best.node.name };
  }
}

/** Every StatefulSet's pods in creation order (Parallel: all at once), scheduled one by one. */
export function scheduleAll(objects: readonly KubeObject[], topology: Topology): { scheduler: Scheduler; placements: Map<string, Placement> } {
  const scheduler = new Scheduler(objects, topology);
  const placements = new Map<string, Placement>();
  for (const sts of statefulSets(objects)) {
    for (let i = 0; i < (sts.spec.replicas ?? 1); i++) {
      const pod = { name: `${sts.name}-${i}`, namespace: sts.namespace, labels: sts.spec.template.metadata?.labels ?? {}, statefulSet: sts.name };
      placements.set(pod.name, scheduler.schedule(pod));
    }
  }
  return { scheduler, placements };
}
