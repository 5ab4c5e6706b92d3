/**
 * Day-2 live phases, on the journey's cluster (e2e/journey.ts), after the
 * faults and before the outage:
 *
 *   rolling-upgrade  b moves from release v1 to v2 of examples/erlang-docker
 *                    through the StatefulSet controller's RollingUpdate
 *                    (e2e/rollout.ts): first a canary with a partition, which
 *                    stops and holds, then the rest. The journey answers all
 *                    along, v1 and v2 nodes share one mesh, and a record
 *                    written before the move is read on every b node after it
 *   scale            b goes 3 → 5 → 3 → 5 → 3 (e2e/scale.ts)
 *
 * Expected values come from the declaration and from the releases the e2e
 * built (their versions), never from the manifests under test.
 */
import { Check, CheckResult } from './checks';
import { Journey } from './journey';
import { Image, LiveCluster, LivePod } from './live';
import { RELX_UPGRADE_VSN, RELX_VSN } from './release';
import { RollingUpdate, RolloutStep } from './rollout';

/** The record written before the move and read after it. */
const KEY = 'written-before-the-upgrade';

export class Day2 {
  public readonly timings: Record<string, number> = {};

  constructor(
    private readonly cluster: LiveCluster,
    private readonly journey: Journey,
    private readonly rollout: RollingUpdate,
    private readonly set: string,
    private readonly v2: Image,
  ) {}

  private pods(): LivePod[] {
    return this.journey.of(this.set).sort((x, y) => x.pod.name.localeCompare(y.pod.name));
  }

  /** Each b pod's version, as its /status says: `b-0 0.1.0, b-1 0.2.0, ...`. */
  private async versions(): Promise<Map<string, string | undefined>> {
    const pods = this.pods();
    const all = await Promise.all(pods.map((p) => this.journey.status(p)));
    return new Map(pods.map((p, i) => [p.pod.name, all[i]?.vsn]));
  }

  private async expectVersions(c: Check, want: (ordinal: number) => string, when: string): Promise<string> {
    const got = await this.versions();
    const wrong = [...got].filter(([name, v]) => v !== want(Number(name.slice(name.lastIndexOf('-') + 1))));
    c.expect(wrong.length === 0, `${when}: ${wrong.map(([n, v]) => `${n} runs ${v ?? '(no answer)'}`).join(', ')}`);
    return [...got].map(([n, v]) => `${n.slice(n.lastIndexOf('-') + 1)}:${v}`).join(' ');
  }

  /** The mixed cluster keeps one mesh (every node lists every other). */
  private async meshAfter(c: Check, when: string): Promise<void> {
    const mesh = await this.journey.fullMesh();
    c.problems.push(...(mesh.ok ? [] : this.journey.meshProblems(mesh.statuses).map((p) => `${when}: ${p}`)));
  }

  /** POST /rpc in a loop until `stop` resolves; the answers. */
  private async journeyDuring(stopped: () => boolean): Promise<string[]> {
    const answers: string[] = [];
    while (!stopped()) answers.push(...(await this.journey.rpcs(1)));
    return answers;
  }

  public async rollingUpgrade(): Promise<CheckResult[]> {
    const c = new Check('rolling-upgrade');
    const canary = new Check('canary');
    const t0 = Date.now();
    const writer = this.pods()[0];
    const put = await this.cluster.kubelet.http('POST', writer.pod.ip, 8080, `/kv/${KEY}`, 3_000, RELX_VSN);
    if (!c.expect(put.status === 200, `POST /kv/${KEY} on ${writer.pod.name}: ${put.status ?? put.error} ${put.body ?? ''}`)) return [c.done('')];
    const before = await this.expectVersions(c, () => RELX_VSN, 'before the upgrade');

    let done = false;
    const during = this.journeyDuring(() => done);
    const names = (steps: RolloutStep[]) => steps.map((s) => `${s.ordinal} (${s.readyAfterMs} ms)`).join(', ');
    const replicas = this.pods().length;
    // The canary: a partition of 1 replaces every pod but ordinal 0.
    const partition = 1;
    const stepCheck = async (s: RolloutStep) => this.meshAfter(canary, `after ${s.pod} moved to v2`);
    const canarySteps = await this.rollout.apply(this.cluster, this.v2, partition, stepCheck);
    this.timings.canary = Date.now() - t0;
    canary.expect(
      canarySteps.map((s) => s.ordinal).join() === Array.from({ length: replicas - partition }, (_, i) => replicas - 1 - i).join(),
      `the controller replaced ordinals ${canarySteps.map((s) => s.ordinal).join(', ')}, expected ${replicas - 1} down to ${partition}`,
    );
    const held = await this.expectVersions(canary, (o) => (o < partition ? RELX_VSN : RELX_UPGRADE_VSN), `partition ${partition}`);
    // Held: ordinal 0, deleted while the partition stands, comes back on v1.
    const zero = this.pods()[0].pod.name;
    await this.cluster.deletePod(zero);
    const back = await this.journey.allReady();
    canary.expect(back, `${zero} was not Ready again after its deletion under the partition`);
    const reheld = await this.expectVersions(canary, (o) => (o < partition ? RELX_VSN : RELX_UPGRADE_VSN), `${zero} recreated under partition ${partition}`);
    await this.meshAfter(canary, 'v1 and v2 together');
    const mixedRpc = await this.journey.rpcCheck('canary');
    canary.problems.push(...mixedRpc.problems);
    this.timings.canaryHeld = Date.now() - t0;

    const restSteps = await this.rollout.apply(this.cluster, this.v2, 0, async (s) => this.meshAfter(c, `after ${s.pod} moved to v2`));
    done = true;
    const answers = await during;
    this.timings.rollingUpgrade = Date.now() - t0;
    const after = await this.expectVersions(c, () => RELX_UPGRADE_VSN, 'after the upgrade');
    const backs = this.pods().map((l) => this.journey.expectedName(l));
    const wrong = answers.filter((a) => !backs.includes(a));
    c.expect(wrong.length === 0, `${wrong.length} of ${answers.length} POST /rpc during the upgrade did not return a b node name, e.g. '${wrong[0]}'`);
    const reads = await Promise.all(this.pods().map((p) => this.cluster.kubelet.http('GET', p.pod.ip, 8080, `/kv/${KEY}`, 3_000)));
    reads.forEach((r, i) =>
      c.expect(r.status === 200 && r.body === RELX_VSN, `GET /kv/${KEY} on ${this.pods()[i].pod.name}: ${r.status ?? r.error} '${r.body ?? ''}'`),
    );
    await this.meshAfter(c, 'after the upgrade');
    return [
      canary.done(
        `partition ${partition}: the controller replaced ordinals ${names(canarySteps)} and held (${held}); ${zero} deleted came back on ${RELX_VSN} (${reheld}); v1 and v2 in one full mesh; ${mixedRpc.summary}`,
      ),
      c.done(
        `${before} → ${after}, highest ordinal first: ${names(restSteps)} after the partition dropped to 0; ${answers.length} POST /rpc during the move, all answered by a b node; the record written on ${writer.pod.name} before the move read on every b pod; full mesh after each step; ${this.timings.rollingUpgrade} ms`,
      ),
    ];
  }
}
