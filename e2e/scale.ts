/**
 * The live phase `scale`, on the journey's cluster: b goes 3 → 5 → 3 → 5 → 3.
 *
 * - Up: the administrator first adds two local volumes (as
 *   `LocalStorageClass.addVolume` would), since local volumes are not
 *   provisioned. The new nodes join the mesh and take a copy of the data.
 * - Down: the removed nodes leave: every remaining node's nodes() loses them.
 *   The data on the remaining nodes is intact.
 * - Up again: the removed ordinals come back on the claims they kept
 *   (whenScaled: Retain): their boot count is read from their old volume.
 * - Down again, for good: a remaining node removes the departed nodes from the
 *   mnesia schema (`mnesia:del_table_copy(schema, Node)`, what docs/production.md
 *   asks of the application), so that no table waits for them.
 *
 * Expected values come from the declaration (the user keeps the volumes of
 * removed members) and the app's answers, never from the manifests.
 */
import { Check, CheckResult } from './checks';
import { Journey } from './journey';
import { KubeObject } from './kube';
import { LiveCluster, LivePod } from './live';
import { ordinalOf, scaleTo } from './rollout';

const KEY = 'written-before-scaling';
const LEAVE_DEADLINE_MS = 10_000;
/** The user keeps the volumes of removed members for their return (the reference chart's retention policy). */
const KEEPS_CLAIMS = true;

/** A 1 GiB local volume of class local-storage on `node`, like the reference chart's. */
function localVolume(name: string, node: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: {
      accessModes: ['ReadWriteOncePod'],
      capacity: { storage: '1Gi' },
      local: { path: `/mnt/disks/${name}` },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: 'local-storage',
      volumeMode: 'Filesystem',
    },
  } as KubeObject;
}

export class Scale {
  public readonly timings: Record<string, number> = {};

  constructor(
    private readonly cluster: LiveCluster,
    private readonly journey: Journey,
    private readonly set: string,
  ) {}

  private pods(): LivePod[] {
    return this.journey.of(this.set).sort((x, y) => ordinalOf(x.pod.name) - ordinalOf(y.pod.name));
  }

  private async read(c: Check, pods: LivePod[], when: string): Promise<void> {
    const reads = await Promise.all(pods.map((p) => this.cluster.kubelet.http('GET', p.pod.ip, 8080, `/kv/${KEY}`, 3_000)));
    reads.forEach((r, i) =>
      c.expect(r.status === 200 && r.body === 'before', `${when}: GET /kv/${KEY} on ${pods[i].pod.name}: ${r.status ?? r.error} '${r.body ?? ''}'`),
    );
  }

  private async boots(pods: LivePod[]): Promise<(number | undefined)[]> {
    return Promise.all(pods.map(async (p) => (await this.journey.status(p))?.boots));
  }

  /** Scales up to `n` and checks the newcomers; their boot counts. */
  private async up(c: Check, n: number, label: string): Promise<(number | undefined)[]> {
    const t = Date.now();
    await scaleTo(this.cluster, this.set, n);
    const ready = await this.journey.allReady();
    this.timings[`${label}Ready`] = Date.now() - t;
    c.expect(ready, `${label}: ${this.set} did not have ${n} Ready pods (pending: ${[...this.cluster.pending].map(([p, why]) => `${p}: ${why}`).join('; ')})`);
    const mesh = await this.journey.fullMesh();
    this.timings[`${label}Mesh`] = Date.now() - t;
    c.problems.push(...(mesh.ok ? [] : this.journey.meshProblems(mesh.statuses).map((p) => `${label}: ${p}`)));
    const added = this.pods().filter((p) => ordinalOf(p.pod.name) >= 3);
    await this.read(c, added, label);
    return this.boots(added);
  }

  /** Scales down to `n`: the removed nodes leave every remaining node's nodes(); the node names removed. */
  private async down(c: Check, n: number, label: string): Promise<string[]> {
    const t = Date.now();
    // The controller removes the highest ordinals first.
    const leaving = this.pods()
      .filter((p) => ordinalOf(p.pod.name) >= n)
      .reverse();
    const names = leaving.map((p) => this.journey.expectedName(p));
    const removed = await scaleTo(this.cluster, this.set, n);
    c.expect(
      removed.join() === leaving.map((p) => p.pod.name).join(),
      `${label}: the controller removed ${removed.join(', ')}, expected ${leaving.map((p) => p.pod.name).join(', ')}`,
    );
    const lingering = async () => {
      const statuses = await this.journey.statuses();
      return [...statuses].flatMap(([l, s]) =>
        s === undefined ? [`${l.pod.name}: no /status`] : s.nodes.filter((x) => names.includes(x)).map((x) => `${l.pod.name} still lists ${x}`),
      );
    };
    const deadline = Date.now() + LEAVE_DEADLINE_MS;
    let still = await lingering();
    while (still.length > 0 && Date.now() < deadline) {
      await new Promise((r) => {
        setTimeout(r, 100);
      });
      still = await lingering();
    }
    this.timings[`${label}Left`] = Date.now() - t;
    c.expect(still.length === 0, `${label}: ${still.slice(0, 3).join('; ')}`);
    await this.read(c, this.pods(), label);
    return names;
  }

  public async scale(): Promise<CheckResult[]> {
    const c = new Check('scale');
    const t0 = Date.now();
    const scheduler = this.cluster.scheduler;
    if (!c.expect(scheduler !== undefined, 'the live cluster has no scheduler')) return [c.done('')];
    const put = await this.cluster.kubelet.http('POST', this.pods()[0].pod.ip, 8080, `/kv/${KEY}`, 3_000, 'before');
    c.expect(put.status === 200, `POST /kv/${KEY}: ${put.status ?? put.error} ${put.body ?? ''}`);
    scheduler!.addVolume(localVolume('erlang-docker-extra-worker1', 'worker1'));
    scheduler!.addVolume(localVolume('erlang-docker-extra-worker2', 'worker2'));

    const first = await this.up(c, 5, 'up');
    c.expect(
      first.every((b) => b === 1),
      `3 → 5: the new members count boots ${first.join(', ')}, expected 1 each (fresh volumes)`,
    );
    const left = await this.down(c, 3, 'down');
    const again = await this.up(c, 5, 'upAgain');
    const want = KEEPS_CLAIMS ? 2 : 1;
    c.expect(
      again.every((b) => b === want),
      `3 → 5 again: the returning members count boots ${again.join(', ')}, expected ${want} each (${KEEPS_CLAIMS ? 'their kept claims' : 'fresh claims'})`,
    );
    await this.down(c, 3, 'downAgain');

    // For good: a remaining node drops the departed nodes from the schema; kv then lists only the members.
    const seed = this.pods()[0];
    const bin = this.cluster.imageOf(seed).command[0];
    const atoms = left.map((n) => `'${n}'`).join(', ');
    const del = this.cluster.exec(seed.pod.name, [bin, 'eval', `[mnesia:del_table_copy(schema, N) || N <- [${atoms}]].`]);
    c.expect(del.status === 0 && !del.out.includes('aborted'), `mnesia:del_table_copy(schema, …) on ${seed.pod.name}: exit ${del.status}: ${del.out}`);
    const copies = this.cluster.exec(seed.pod.name, [bin, 'eval', 'lists:sort(mnesia:table_info(kv, disc_copies)).']);
    const members = this.pods().map((p) => this.journey.expectedName(p));
    c.expect(left.every((n) => !copies.out.includes(n)) && members.every((n) => copies.out.includes(n)), `kv's disc_copies after the removal: ${copies.out}`);
    this.timings.scale = Date.now() - t0;
    return [
      c.done(
        `3 → 5: the new members joined the mesh in ${this.timings.upMesh} ms and read the record written before (boots ${first.join(', ')}); 5 → 3: every remaining node lost them within ${this.timings.downLeft} ms, data intact; 3 → 5 again: the same claims came back (boots ${again.join(', ')}); 5 → 3, then the departed nodes dropped from the mnesia schema (kv on ${members.length} nodes); ${this.timings.scale} ms`,
      ),
    ];
  }
}
