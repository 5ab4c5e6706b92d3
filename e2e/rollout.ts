/**
 * The StatefulSet controller's RollingUpdate, as Kubernetes documents and runs
 * it (pkg/controller/statefulset), for one StatefulSet of a live cluster:
 *
 * - a template change makes an update revision; the pods keep the current one
 *   until the controller replaces them;
 * - it replaces one pod at a time, from the highest ordinal down, and only
 *   when every pod of the set is Running and Ready: it deletes the pod (the
 *   kubelet's graceful termination), recreates it from the update revision,
 *   and waits for it to be Ready before the next;
 * - pods whose ordinal is below `partition` are not replaced, and a pod below
 *   it that is deleted for any other reason comes back from the current
 *   revision (a canary holds);
 * - once every pod runs the update revision (partition 0), it becomes current.
 *
 * The revision of a pod is fixed when its incarnation is created, as the
 * controller stamps `controller-revision-hash` on the pod it creates. Written
 * from that behaviour; nothing here reads the manifests' updateStrategy.
 */
import { waitUntil } from './erlang';
import { statefulSets } from './kube';
import { Image, LiveCluster } from './live';
import { Pod } from './simulate';

/** How long one replaced pod may take to be Ready again; far above what we measure (docs/e2e.md). */
const STEP_DEADLINE_MS = 40_000;

/** One replacement: the pod, how long it was down, when it was Ready again (ms after the update was applied). */
export interface RolloutStep {
  readonly pod: string;
  readonly ordinal: number;
  readonly readyAfterMs: number;
}

export class RollingUpdate {
  private current: Image | undefined;
  private update: Image | undefined;
  private partition = 0;
  /** The image of each pod incarnation, fixed when it is created. */
  private readonly stamped = new WeakMap<Pod, Image>();

  constructor(
    private readonly statefulSet: string,
    private readonly base: (pod: Pod) => Image,
  ) {}

  /** What a new pod incarnation runs: for this set, the update revision at or above the partition, else the current one. */
  public readonly image = (pod: Pod): Image => {
    const known = this.stamped.get(pod);
    if (known) return known;
    const image =
      pod.statefulSet !== this.statefulSet || this.update === undefined || ordinalOf(pod.name) < this.partition
        ? (this.current ?? this.base(pod))
        : this.update;
    this.stamped.set(pod, image);
    return image;
  };

  /** Whether the pod incarnation runs `image`. */
  public runs(pod: Pod, image: Image): boolean {
    return this.image(pod) === image;
  }

  /**
   * `kubectl apply` of a template that runs `image`, with `partition`: the
   * controller's replacements, each after the one before is Ready. `afterStep`
   * runs between replacements (checks of the mixed cluster).
   */
  public async apply(cluster: LiveCluster, image: Image, partition: number, afterStep?: (step: RolloutStep) => Promise<void>): Promise<RolloutStep[]> {
    const t0 = Date.now();
    this.update = image;
    this.partition = partition;
    const set = cluster.sets.find((s) => s.name === this.statefulSet);
    if (!set) throw new Error(`no StatefulSet ${this.statefulSet}`);
    const pods = () => cluster.live().filter((l) => l.pod.statefulSet === this.statefulSet);
    const steps: RolloutStep[] = [];
    for (let ordinal = set.replicas - 1; ordinal >= partition; ordinal--) {
      const name = `${this.statefulSet}-${ordinal}`;
      const healthy = await waitUntil(() => pods().length === set.replicas && pods().every((l) => l.ready), STEP_DEADLINE_MS);
      if (!healthy) throw new Error(`${this.statefulSet}: not every pod is Ready; the controller does not go on`);
      if (this.runs(cluster.get(name).pod, image)) continue;
      await cluster.deletePod(name);
      const back = await waitUntil(() => pods().some((l) => l.pod.name === name && l.ready), STEP_DEADLINE_MS);
      if (!back) throw new Error(`${name} was not Ready within ${STEP_DEADLINE_MS / 1000} s of its replacement`);
      const step = { pod: name, ordinal, readyAfterMs: Date.now() - t0 };
      steps.push(step);
      if (afterStep) await afterStep(step);
    }
    if (partition === 0) this.current = image;
    return steps;
  }
}

/** A StatefulSet pod's ordinal: the number after its last '-'. */
export function ordinalOf(podName: string): number {
  return Number(podName.slice(podName.lastIndexOf('-') + 1));
}

/**
 * `kubectl scale --replicas=n` on one StatefulSet. Up: the controller creates
 * the missing ordinals (the live cluster's reconcile). Down: it deletes every
 * pod at or above `n`, at once under Parallel (from the highest, one at a time,
 * under OrderedReady), each gracefully; then, as its
 * `persistentVolumeClaimRetentionPolicy.whenScaled` says, it deletes their
 * claims (Delete) or keeps them for a later scale-up (Retain, the Kubernetes
 * default). The removed pods' names.
 */
export async function scaleTo(cluster: LiveCluster, statefulSet: string, n: number): Promise<string[]> {
  const set = cluster.sets.find((s) => s.name === statefulSet);
  if (!set) throw new Error(`no StatefulSet ${statefulSet}`);
  set.replicas = n;
  const removed = cluster
    .live()
    .filter((l) => l.pod.statefulSet === statefulSet && ordinalOf(l.pod.name) >= n)
    .sort((x, y) => ordinalOf(y.pod.name) - ordinalOf(x.pod.name));
  if (set.policy === 'Parallel') await Promise.all(removed.map((l) => cluster.deletePod(l.pod.name)));
  else for (const l of removed) await cluster.deletePod(l.pod.name);
  const spec = statefulSets(cluster.objects).find((s) => s.name === statefulSet && s.namespace === set.namespace)?.spec;
  if (spec?.persistentVolumeClaimRetentionPolicy?.whenScaled === 'Delete') {
    for (const l of removed)
      for (const t of spec.volumeClaimTemplates ?? []) cluster.scheduler?.deleteClaim(`${set.namespace}/${t.metadata?.name ?? ''}-${l.pod.name}`);
  }
  return removed.map((l) => l.pod.name);
}
