/**
 * Two live phases that follow the journey (e2e/journey.ts) on the same
 * cluster:
 *
 *   long-partition  one pod cut off from all others for longer than
 *                   net_ticktime: both sides see nodedown; healed, the mesh
 *                   re-forms; mnesia's inconsistent_database is reported as
 *                   it happens (or does not)
 *   drain           `kubectl drain <node>`: cordon, then each pod evicted
 *                   through the Eviction API and its PodDisruptionBudget
 *                   (e2e/eviction.ts), recreated where the scheduler
 *                   (e2e/scheduler.ts) can place it; a pod whose local volume
 *                   is on the drained node stays Pending until uncordon
 *
 * Expected values come from the declaration (the node drained, the budget the
 * user wants honoured, net_ticktime of the example release), never from the
 * manifests under test.
 */
import * as fs from 'fs';
import { Check, CheckResult } from './checks';
import { waitUntil } from './erlang';
import { evict } from './eviction';
import { Journey } from './journey';
import { LiveCluster, LivePod, PROBE_SCALE } from './live';

/** examples/erlang-docker's vm.args.src sets `-kernel net_ticktime 8` (test scaling: the default is 60 s). */
export const NET_TICKTIME_MS = 8_000;
/** How long the partition lasts at least: net_ticktime with margin (nodedown comes within ticktime to 1.25 × ticktime). */
const PARTITION_MS = NET_TICKTIME_MS * 1.5;
const NODEDOWN_DEADLINE_MS = NET_TICKTIME_MS * 3;
const READY_DEADLINE_MS = 40_000;
/** kubectl drain retries a refused eviction every 5 s; scaled like the probes. */
const EVICTION_RETRY_MS = 5_000 / PROBE_SCALE;
/** How long the second drain is watched being refused. */
const REFUSED_WATCH_MS = 2_000;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => {
    setTimeout(r, ms);
  });
}

/** The container logs of a pod so far. */
function logOf(live: LivePod): string {
  return live.logs.map((f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '')).join('');
}

export class Faults {
  public readonly timings: Record<string, number> = {};

  constructor(
    private readonly cluster: LiveCluster,
    private readonly journey: Journey,
  ) {}

  /** Every live Ready pod lists every other live Ready pod in nodes(); the problems. */
  private async meshOfReady(): Promise<string[]> {
    const statuses = await this.journey.statuses();
    const ready = this.cluster.live().filter((l) => l.ready);
    return ready.flatMap((l) => {
      const s = statuses.get(l);
      if (!s) return [`${l.pod.name}: /status did not answer`];
      const missing = ready.filter((o) => o !== l && !s.nodes.includes(this.journey.expectedName(o))).map((o) => o.pod.name);
      return missing.length ? [`${l.pod.name}: nodes() lacks ${missing.join(', ')}`] : [];
    });
  }

  /**
   * Pod `victim` cut off from every other pod for longer than net_ticktime.
   * Asserted: nodedown on both sides, then after healing the full mesh and
   * the rpc. Reported as observed: mnesia's inconsistent_database.
   */
  public async longPartition(victimName: string): Promise<CheckResult[]> {
    const c = new Check('long-partition');
    const victim = this.cluster.get(victimName);
    const others = this.cluster.live().filter((l) => l !== victim);
    const since = new Map(this.cluster.live().map((l) => [l, logOf(l).length]));
    const fresh = (l: LivePod) => logOf(l).slice(since.get(l));
    const t = Date.now();
    this.cluster.isolate(victimName);
    const victimNode = this.journey.expectedName(victim);
    // Both sides: the victim sees every peer go down, every peer sees the victim go down.
    const downs = () => ({
      victim: others.filter((o) => fresh(victim).includes(`nodedown ${this.journey.expectedName(o)}`)).length,
      peers: others.filter((o) => fresh(o).includes(`nodedown ${victimNode}`)).length,
    });
    const seen = await waitUntil(() => downs().victim === others.length && downs().peers === others.length, NODEDOWN_DEADLINE_MS, 100);
    this.timings.nodedown = Date.now() - t;
    const d = downs();
    c.expect(
      seen,
      `${NODEDOWN_DEADLINE_MS / 1000} s into the partition: ${victimName} logged nodedown of ${d.victim}/${others.length} peers, ${d.peers}/${others.length} peers logged nodedown of ${victimName}`,
    );
    await sleep(Math.max(0, t + PARTITION_MS - Date.now()));
    const heldMs = Date.now() - t;
    this.cluster.heal();
    const healedAt = Date.now();
    const mesh = await this.journey.fullMesh();
    this.timings.longPartitionMesh = Date.now() - healedAt;
    c.problems.push(...(mesh.ok ? [] : this.journey.meshProblems(mesh.statuses)));
    const rpc = await this.journey.rpcCheck('long-partition');
    c.problems.push(...rpc.problems);
    // Reported as it is: mnesia sees both sides ran on without each other.
    const inconsistent = this.cluster.live().flatMap((l) => {
      const m = /\{inconsistent_database,(\w+),/.exec(fresh(l));
      return m ? [`${l.pod.name} (${m[1]})`] : [];
    });
    return [
      c.done(
        `${victimName} cut off for ${(heldMs / 1000).toFixed(1)} s (net_ticktime ${NET_TICKTIME_MS / 1000} s): nodedown on both sides after ${this.timings.nodedown} ms; healed, full mesh again after ${this.timings.longPartitionMesh} ms, and the rpc answers; mnesia inconsistent_database: ${inconsistent.length ? inconsistent.join(', ') : 'none reported'}`,
      ),
    ];
  }

  /**
   * `kubectl drain <node>`, then uncordon. Asserted: no StatefulSet has more
   * than `maxUnavailable` members down at once; a second drain is refused
   * (429) while a member is down; between evictions the remaining nodes stay
   * meshed and the rpc answers; the evicted pods come back on `node` after
   * uncordon, with their volumes.
   */
  public async drain(node: string, maxUnavailable: number): Promise<CheckResult[]> {
    const c = new Check('drain');
    const scheduler = this.cluster.scheduler;
    if (!c.expect(scheduler !== undefined, 'the live cluster declares no nodes')) return [c.done('')];
    c.expect(await this.journey.allReady(READY_DEADLINE_MS), 'not every pod was Ready before the drain');
    const victims = this.cluster.live().filter((l) => l.node === node);
    c.expect(victims.length > 0, `no pod runs on ${node}`);
    const boots = new Map(await Promise.all(victims.map(async (v) => [v.pod.name, (await this.journey.status(v))?.boots] as const)));
    // Members down per StatefulSet, sampled all along.
    let worst = 0;
    const sample = () => {
      for (const set of this.cluster.sets) {
        const up = this.cluster.live().filter((l) => l.pod.statefulSet === set.name && l.ready).length;
        worst = Math.max(worst, set.replicas - up);
      }
    };
    const sampler = setInterval(sample, 20);
    const budgetPods = () => this.cluster.live().map((l) => ({ ...l.pod, ready: l.ready }));
    const t = Date.now();
    try {
      this.cluster.cordon(node);
      let refusals = 0;
      for (const v of victims) {
        let answer = evict(this.cluster.objects, budgetPods(), v.pod.name, v.pod.namespace);
        for (const deadline = Date.now() + READY_DEADLINE_MS; answer.code === 429 && Date.now() < deadline;) {
          refusals++;
          await sleep(EVICTION_RETRY_MS);
          answer = evict(this.cluster.objects, budgetPods(), v.pod.name, v.pod.namespace);
        }
        if (!c.expect(answer.code === 201, `eviction of ${v.pod.name}: ${answer.code} ${answer.message}`)) continue;
        sample();
        // An eviction is a graceful deletion: preStop, SIGTERM, SIGKILL after the grace period.
        await this.cluster.deletePod(v.pod.name);
        sample();
        // Between evictions: the remaining nodes stay meshed, and the journey's rpc answers.
        c.problems.push(...(await this.meshOfReady()).map((p) => `after evicting ${v.pod.name}: ${p}`));
        c.problems.push(...(await this.journey.rpcCheck('drain')).problems.map((p) => `after evicting ${v.pod.name}: ${p}`));
      }
      this.timings.drain = Date.now() - t;
      // The controller recreated them; the scheduler keeps them Pending: their local volumes are on the cordoned node.
      await waitUntil(() => victims.every((v) => this.cluster.pending.has(v.pod.name)), 2_000, 20);
      const pending = victims.map((v) => `${v.pod.name}: ${this.cluster.pending.get(v.pod.name) ?? 'not Pending'}`);
      pending.forEach((p) =>
        c.expect(/node\(s\) were unschedulable, \d+ node\(s\) had volume node affinity conflict/.test(p), `while ${node} is cordoned, ${p}`),
      );
      // A second drain, of another node, while members are down: its evictions are refused.
      const other = this.cluster.live().find((l) => l.node !== node && victims.some((v) => v.pod.statefulSet === l.pod.statefulSet));
      const refused: string[] = [];
      if (c.expect(other !== undefined, `no pod of ${victims.map((v) => v.pod.statefulSet).join(', ')} runs on another node`)) {
        for (const deadline = Date.now() + REFUSED_WATCH_MS; Date.now() < deadline;) {
          const a = evict(this.cluster.objects, budgetPods(), other!.pod.name, other!.pod.namespace);
          refused.push(`${a.code}`);
          if (a.code !== 429) {
            c.expect(
              false,
              `eviction of ${other!.pod.name} on ${other!.node} while ${victims.map((v) => v.pod.name).join(', ')} are down: ${a.code} ${a.message}`,
            );
            break;
          }
          await sleep(EVICTION_RETRY_MS);
        }
      }
      const refusal = other && evict(this.cluster.objects, budgetPods(), other.pod.name, other.pod.namespace).message;
      // Uncordon: the Pending pods go back to their volumes' node.
      const u = Date.now();
      this.cluster.cordon(node, false);
      const back = await waitUntil(() => victims.every((v) => this.cluster.live().some((l) => l.pod.name === v.pod.name && l.ready)), READY_DEADLINE_MS, 50);
      this.timings.uncordonReady = Date.now() - u;
      if (c.expect(back, `after uncordon not every evicted pod was Ready within ${READY_DEADLINE_MS / 1000} s: ${pending.join('; ')}`)) {
        for (const v of victims) {
          const now = this.cluster.get(v.pod.name);
          const s = await this.journey.status(now);
          const was = boots.get(v.pod.name);
          c.expect(now.node === node, `${v.pod.name} came back on ${now.node}, not on ${node} where its volume is`);
          c.expect(was !== undefined && s?.boots === was + 1, `${v.pod.name}: boot ${s?.boots} after the drain, expected ${was === undefined ? '?' : was + 1}`);
        }
        const mesh = await this.journey.fullMesh();
        this.timings.uncordonMesh = Date.now() - u;
        c.problems.push(...(mesh.ok ? [] : this.journey.meshProblems(mesh.statuses)));
      }
      sample();
      c.expect(worst <= maxUnavailable, `up to ${worst} members of one StatefulSet were down at once; the budget allows ${maxUnavailable}`);
      return [
        c.done(
          `${node} drained in ${this.timings.drain} ms (${victims.map((v) => v.pod.name).join(', ')} evicted one at a time, ${refusals} refusals); at most ${worst} member(s) of a StatefulSet down; remaining mesh full and rpc answering between evictions; while cordoned: ${pending.join('; ')}; a second drain's eviction of ${other?.pod.name}: ${refused.length} × 429 (${refusal}); uncordoned: back on ${node} with their volumes, Ready after ${this.timings.uncordonReady} ms, full mesh after ${this.timings.uncordonMesh} ms`,
        ),
      ];
    } finally {
      clearInterval(sampler);
      if (this.cluster.scheduler) this.cluster.cordon(node, false);
    }
  }
}
