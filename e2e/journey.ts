/**
 * The reference system's user journey, replayed on the seed's manifests with
 * the example release (examples/erlang-docker) in every pod, and the faults
 * that follow it. One cluster boot serves every phase, in order:
 *
 *   journey    outside client → NodePort → a pod → b-svc ClusterIP → rpc on a b node
 *   restart    pod a-1 deleted: new IP, same name and volume, mesh and DNS follow
 *   partition  a <-> b dropped, then healed: the journey works again
 *   (long-partition and drain: e2e/faults.ts)
 *   outage     all six pods deleted, recreated together (Parallel): tables load
 *   ordered    the same outage under OrderedReady: pod 0 waits for tables on pods never started
 *
 * Expected values never come from the manifests under test: node names from
 * the scenario's declared basenames and the pods' DNS names, the b-svc
 * ClusterIP from kube-proxy's allocation, the answers from the app.
 */
import * as fs from 'fs';
import { Check, CheckName, CheckResult, expectedNodeName, result } from './checks';
import { waitUntil } from './erlang';
import { kubeletModelCheck } from './kubelet-live';
import { LiveCluster, LivePod } from './live';
import { seedObjects, seedSecret } from './scenarios';
import { ClusterInput, podFqdn } from './simulate';
import { JourneyDeclaration, SEED_DECLARATION, StaticDeclaration } from './static-checks';

/** Bounds. Every wait ends; these are far above what we measure (see docs/e2e.md). */
const READY_DEADLINE_MS = 40_000;
const MESH_DEADLINE_MS = 20_000;
/** How long OrderedReady is watched for progress before calling it a deadlock. */
const ORDERED_WATCH_MS = 6_000;
const RPC_REQUESTS = 30;

/** `/status` of a node, as examples/erlang-docker serves it. */
export interface Status {
  readonly node: string;
  /** The application's version (vsn). */
  readonly vsn: string;
  readonly boots: number;
  readonly nodes: readonly string[];
  readonly discovered: readonly string[];
}

export class Journey {
  /** When the first container started (ms since the epoch). */
  private t0 = 0;
  /** Named durations in ms, for the summary and docs/e2e.md. */
  public readonly timings: Record<string, number> = {};

  private readonly decl: JourneyDeclaration;

  constructor(
    private readonly cluster: LiveCluster,
    private readonly declared: StaticDeclaration,
  ) {
    if (!declared.journey) throw new Error('the scenario declares no journey');
    this.decl = declared.journey;
  }

  /** The node name each pod must run under: declared basename @ the pod's DNS name. */
  public expectedName(live: LivePod): string {
    return expectedNodeName(live.pod, this.declared);
  }

  public of(set: string): LivePod[] {
    return this.cluster.live().filter((l) => l.pod.statefulSet === set);
  }

  public async status(live: LivePod): Promise<Status | undefined> {
    const a = await this.cluster.kubelet.http('GET', live.pod.ip, 8080, '/status', 2_000);
    try {
      return a.status === 200 ? (JSON.parse(a.body ?? '') as Status) : undefined;
    } catch {
      return undefined;
    }
  }

  public async statuses(): Promise<Map<LivePod, Status | undefined>> {
    const pods = this.cluster.live();
    const all = await Promise.all(pods.map((p) => this.status(p)));
    return new Map(pods.map((p, i) => [p, all[i]]));
  }

  public expectedPods(): number {
    return this.cluster.sets.reduce((n, s) => n + s.replicas, 0);
  }

  /** Waits until every pod the StatefulSets want exists and is Ready. */
  public async allReady(deadlineMs = READY_DEADLINE_MS): Promise<boolean> {
    return waitUntil(() => this.cluster.live().length === this.expectedPods() && this.cluster.live().every((l) => l.ready), deadlineMs, 50);
  }

  /** Polls until every node lists every other expected node in nodes(); the last statuses either way. */
  public async fullMesh(deadlineMs = MESH_DEADLINE_MS): Promise<{ ok: boolean; statuses: Map<LivePod, Status | undefined> }> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const statuses = await this.statuses();
      const names = this.cluster.live().map((l) => this.expectedName(l));
      const ok =
        statuses.size === this.expectedPods() &&
        [...statuses].every(([l, s]) => s !== undefined && names.filter((n) => n !== this.expectedName(l)).every((n) => s.nodes.includes(n)));
      if (ok || Date.now() >= deadline) return { ok, statuses };
      await new Promise((r) => {
        setTimeout(r, 200);
      });
    }
  }

  /** Problems of a mesh: per pod, the names it lacks or runs under wrongly. */
  public meshProblems(statuses: Map<LivePod, Status | undefined>): string[] {
    const names = this.cluster.live().map((l) => this.expectedName(l));
    return [...statuses].flatMap(([l, s]) => {
      if (!s) return [`${l.pod.name}: /status did not answer`];
      const missing = names.filter((n) => n !== this.expectedName(l) && !s.nodes.includes(n));
      return missing.length ? [`${l.pod.name}: nodes() lacks ${missing.join(', ')}`] : [];
    });
  }

  /** POST /rpc through the NodePort, `n` times; the answers (node names or errors). */
  public async rpcs(n: number): Promise<string[]> {
    const answers: string[] = [];
    // In sequence: each is a new connection, balanced anew by kube-proxy on both hops.
    for (let i = 0; i < n; i++) {
      const a = await this.cluster.outside.http('POST', this.cluster.nodeAddress, this.decl.nodePort, '/rpc', 5_000);
      answers.push(a.status === 200 ? (a.body ?? '') : `error: ${a.status ?? a.error} ${a.body ?? ''}`.replace(/\s+/g, ' ').trim());
    }
    return answers;
  }

  /** Phase 1: boot, discovery, the user's requests. */
  public async journey(): Promise<CheckResult[]> {
    this.t0 = Date.now();
    this.cluster.start();
    const checks: CheckResult[] = [];
    const ready = new Check('ready');
    const up = await this.allReady();
    const readyMs = Date.now() - this.t0;
    ready.expect(
      up,
      `not every pod became Ready within ${READY_DEADLINE_MS / 1000} s: ${this.cluster
        .live()
        .map((l) => `${l.pod.name} ${l.ready ? 'Ready' : 'not Ready'}${l.restarts ? ` (${l.restarts} restarts: ${l.lastRestart})` : ''}`)
        .concat([...this.cluster.pending].map(([pod, why]) => `${pod} Pending: ${why}`))
        .join(', ')}`,
    );
    this.timings.ready = readyMs;
    checks.push(
      ready.done(
        `${this.cluster.live().length} pods Ready ${readyMs} ms after the first container started (startup and readiness probes GET /ping on port http)${
          this.cluster.scheduler
            ? `; scheduled: ${this.cluster
                .live()
                .map((l) => `${l.pod.name.replace(/^erlang-docker-|-sfs/g, '')} ${l.node}`)
                .join(', ')}`
            : ''
        }`,
      ),
    );
    if (!up) return checks;

    // Discovery: each node's SRV answer names exactly its StatefulSet's peers, and it is connected to them.
    const discovery = new Check('discovery');
    const statuses = await this.statuses();
    for (const [l, s] of statuses) {
      if (!discovery.expect(s !== undefined, `${l.pod.name}: /status did not answer`)) continue;
      discovery.expect(s!.node === this.expectedName(l), `${l.pod.name}: runs as ${s!.node}, expected ${this.expectedName(l)}`);
      const peers = this.of(l.pod.statefulSet!)
        .filter((p) => p !== l)
        .map((p) => this.expectedName(p))
        .sort();
      discovery.expect(
        JSON.stringify([...s!.discovered].sort()) === JSON.stringify(peers),
        `${l.pod.name}: SRV discovery found [${s!.discovered.join(', ')}], expected [${peers.join(', ')}]`,
      );
    }
    checks.push(
      discovery.done(
        `every node runs as <declared basename>@<pod DNS name> and found its StatefulSet's peers by an SRV query of ERLANG_CLUSTER_SERVICE (inet_res:getbyname/2 via the kube-dns ClusterIP)`,
      ),
    );

    // The user's requests, from outside.
    const nodeport = new Check('nodeport');
    const base = `${this.cluster.nodeAddress}:${this.decl.nodePort}`;
    const ping = await this.cluster.outside.http('GET', this.cluster.nodeAddress, this.decl.nodePort, '/ping');
    nodeport.expect(ping.status === 200 && ping.body === 'pong', `GET ${base}/ping: ${ping.status ?? ping.error} ${ping.body ?? ''}`);
    const node = await this.cluster.outside.http('POST', this.cluster.nodeAddress, this.decl.nodePort, '/node');
    const fronts = this.of(this.decl.front).map((l) => this.expectedName(l));
    nodeport.expect(
      node.status === 200 && fronts.includes(node.body ?? ''),
      `POST ${base}/node answered ${node.status ?? node.error} '${node.body}', not one of ${fronts.join(', ')}`,
    );
    checks.push(nodeport.done(`GET ${base}/ping → pong; POST ${base}/node → ${node.body}`));

    checks.push(await this.rpcCheck('rpc'));

    // The ClusterIP is for the cluster only.
    const clusterIp = new Check('cluster-ip');
    const vip = this.cluster.clusterIps.get(this.decl.clusterIpService);
    if (clusterIp.expect(vip !== undefined, `${this.decl.clusterIpService} got no ClusterIP`)) {
      const outcome = await this.cluster.outside.tcp(vip!, this.decl.clusterIpPort, 1_000);
      clusterIp.expect(outcome !== 'connected', `the outside client connected to ${vip}:${this.decl.clusterIpPort}`);
      const front = this.of(this.decl.front)[0];
      const resolved = this.cluster.resolve(front.pod.name, this.decl.clusterIpService.split('/')[1]);
      clusterIp.expect(
        JSON.stringify(resolved) === JSON.stringify([vip]),
        `${front.pod.name} resolves ${this.decl.clusterIpService} to [${resolved.join(', ')}], not [${vip}]`,
      );
      checks.push(
        clusterIp.done(
          `${this.decl.clusterIpService} is ${vip}:${this.decl.clusterIpPort} (pods resolve its short name through the search path); from outside: ${outcome}`,
        ),
      );
    } else {
      checks.push(clusterIp.done(''));
    }

    const mesh = await this.fullMesh();
    this.timings.fullMesh = Date.now() - this.t0;
    checks.push(
      result(
        'full-mesh',
        mesh.ok ? [] : this.meshProblems(mesh.statuses),
        `all ${this.expectedPods()} nodes connected to each other ${this.timings.fullMesh} ms after the first container started (within a StatefulSet by discovery, across them by the rpc, then global's transitive connect)`,
      ),
    );
    checks.push(this.releaseTools());
    const tk = Date.now();
    checks.push(await kubeletModelCheck(this.cluster, this.of(this.decl.front)[0], this.declared, this.decl));
    this.timings.kubeletCheck = Date.now() - tk;
    return checks;
  }

  /** 30 POST /rpc: each answered by a back node (rpc executed there), every back pod at least once. */
  public async rpcCheck(name: CheckName): Promise<CheckResult> {
    const rpc = new Check(name);
    const answers = await this.rpcs(RPC_REQUESTS);
    const backs = this.of(this.decl.back).map((l) => this.expectedName(l));
    const wrong = answers.filter((a) => !backs.includes(a));
    rpc.expect(
      wrong.length === 0,
      `${wrong.length} of ${answers.length} POST /rpc did not return a ${this.decl.back} node name computed by rpc, e.g. '${wrong[0]}'`,
    );
    const counts = backs.map((b) => answers.filter((a) => a === b).length);
    rpc.expect(
      counts.every((c) => c > 0),
      `over ${answers.length} requests, not every ${this.decl.back} pod answered: ${backs.map((b, i) => `${b.split('@')[1].split('.')[0]} ${counts[i]}`).join(', ')}`,
    );
    return rpc.done(
      `${answers.length} POST /rpc via NodePort ${this.decl.nodePort} → b-svc → rpc:call on a b node; answers per b pod: ${counts.join('/')} (random endpoint choice)`,
    );
  }

  /** relx's own tools, in a front pod, with the ERL_AFLAGS pin in the env: ping and eval answer (erl_call). */
  private releaseTools(): CheckResult {
    const c = new Check('release-tools');
    const pod = this.of(this.decl.front)[0];
    const bin = this.cluster.imageOf(pod).command[0];
    const ping = this.cluster.exec(pod.pod.name, [bin, 'ping']);
    c.expect(ping.status === 0 && ping.out.endsWith('pong'), `${bin} ping in ${pod.pod.name}: exit ${ping.status}: ${ping.out}`);
    const evalOut = this.cluster.exec(pod.pod.name, [bin, 'eval', 'node().']);
    c.expect(
      evalOut.status === 0 && evalOut.out.includes(this.expectedName(pod)),
      `${bin} eval 'node().' in ${pod.pod.name}: exit ${evalOut.status}: ${evalOut.out}`,
    );
    const rpc = this.cluster.exec(pod.pod.name, [bin, 'rpc', 'erlang', 'node']);
    c.expect(rpc.status === 0 && rpc.out.includes(this.expectedName(pod)), `${bin} rpc erlang node in ${pod.pod.name}: exit ${rpc.status}: ${rpc.out}`);
    return c.done(
      `bin/erlang_docker ping → pong, eval and rpc → ${this.expectedName(pod)}, with ERL_AFLAGS pinning the dist port in the same env (relx uses erl_call)`,
    );
  }

  /** Phase 2: pod a-1 deleted and recreated. */
  public async restart(podName: string): Promise<CheckResult[]> {
    const before = this.cluster.get(podName);
    const oldIp = before.pod.ip;
    const oldBoots = (await this.status(before))?.boots;
    const t = Date.now();
    const stopped = await this.cluster.deletePod(podName);
    const c = new Check('restart');
    const back = await waitUntil(() => this.cluster.live().some((l) => l.pod.name === podName && l.ready), READY_DEADLINE_MS, 50);
    this.timings.restartReady = Date.now() - t;
    if (!c.expect(back, `${podName} did not come back Ready within ${READY_DEADLINE_MS / 1000} s`)) return [c.done('')];
    const now = this.cluster.get(podName);
    c.expect(now.pod.ip !== oldIp, `${podName} came back with the same IP ${oldIp}`);
    const s = await this.status(now);
    c.expect(s?.node === this.expectedName(now), `${podName} runs as ${s?.node}, expected ${this.expectedName(now)}`);
    // boots is a local_content table: only this pod's own volume can hold it.
    c.expect(
      oldBoots !== undefined && s?.boots === oldBoots + 1,
      `${podName} counts boot ${s?.boots}, expected ${oldBoots === undefined ? '?' : oldBoots + 1}: its mnesia data did not come back from its volume`,
    );
    const other = this.cluster.live().find((l) => l !== now)!;
    const resolved = this.cluster.resolve(other.pod.name, podFqdn(now.pod, this.cluster.domain)!);
    c.expect(
      JSON.stringify(resolved) === JSON.stringify([now.pod.ip]),
      `${other.pod.name} resolves ${podName} to [${resolved.join(', ')}], not its new IP ${now.pod.ip}`,
    );
    const mesh = await this.fullMesh();
    this.timings.restartMesh = Date.now() - t;
    c.problems.push(...(mesh.ok ? [] : this.meshProblems(mesh.statuses)));
    return [
      c.done(
        `${podName} deleted (stopped ${stopped.exitedAtMs} ms after SIGTERM${stopped.killed ? ', SIGKILLed' : ''}): ${oldIp} → ${now.pod.ip}, same name, boot ${s?.boots} read from its volume, DNS follows; Ready after ${this.timings.restartReady} ms, full mesh again after ${this.timings.restartMesh} ms`,
      ),
    ];
  }

  /**
   * A hung node: b's last pod frozen (SIGSTOP). Readiness fails first and
   * takes it out of the ClusterIP's endpoints, so the journey keeps working
   * on the others; then liveness fails and the kubelet restarts the
   * container, in the same pod (same IP), which reads its volume again.
   */
  public async liveness(): Promise<CheckResult[]> {
    const c = new Check('liveness');
    const victim = this.of(this.decl.back).slice(-1)[0];
    const name = victim.pod.name;
    const ip = victim.pod.ip;
    const boots = (await this.status(victim))?.boots;
    const svcPort = `${this.decl.clusterIpService}:http`;
    const t = Date.now();
    this.cluster.freeze(name);
    const out = await waitUntil(() => !this.cluster.get(name).ready, READY_DEADLINE_MS, 50);
    this.timings.livenessNotReady = Date.now() - t;
    c.expect(out, `${name} stayed Ready ${READY_DEADLINE_MS / 1000} s after its VM froze`);
    const endpoints = this.cluster.endpoints(svcPort);
    c.expect(out && !endpoints.some((e) => e.startsWith(`${ip}:`)), `${svcPort} still lists ${ip} while ${name} is not Ready: [${endpoints.join(', ')}]`);
    const during = await this.rpcs(5);
    c.expect(
      during.every((a) => a !== this.expectedName(victim) && !a.startsWith('error')),
      `POST /rpc while ${name} is not Ready: ${during.join(' | ')}`,
    );
    const restarted = await waitUntil(() => this.cluster.get(name).restarts > 0 && this.cluster.get(name).ready, READY_DEADLINE_MS + 30_000, 50);
    this.timings.livenessRestartReady = Date.now() - t;
    const now = this.cluster.get(name);
    c.expect(restarted, `${name} was not restarted and Ready again within ${(READY_DEADLINE_MS + 30_000) / 1000} s (restarts ${now.restarts})`);
    c.expect(/liveness probe failed/.test(now.lastRestart ?? ''), `${name} was restarted because ${now.lastRestart ?? 'nothing'}, not its liveness probe`);
    // A frozen VM cannot act on SIGTERM: the kubelet must have waited the grace period, then sent SIGKILL.
    c.expect(
      /SIGKILL after/.test(now.lastRestart ?? ''),
      `${name}: the frozen container was not SIGKILLed after the grace period (${now.lastRestart ?? 'no restart'})`,
    );
    c.expect(now.pod.ip === ip, `${name} changed IP on a container restart: ${ip} → ${now.pod.ip}`);
    const s = restarted ? await this.status(now) : undefined;
    c.expect(
      boots !== undefined && s?.boots === boots + 1,
      `${name} counts boot ${s?.boots} after the restart, expected ${boots === undefined ? '?' : boots + 1}`,
    );
    return [
      c.done(
        `${name} frozen: not Ready and out of ${svcPort} after ${this.timings.livenessNotReady} ms (rpc served by the others); liveness restarted its container (${now.lastRestart}; same IP ${ip}, boot ${s?.boots}) and it was Ready again after ${this.timings.livenessRestartReady} ms`,
      ),
    ];
  }

  /**
   * A pod deleted the ordinary way: the kubelet sends SIGTERM, the VM runs
   * init:stop(), its peers see it go (nodedown: it leaves their nodes()),
   * and the container exits before the grace period ends, with no SIGKILL.
   * The controller then recreates it and the mesh returns.
   */
  public async gracefulStop(): Promise<CheckResult[]> {
    const c = new Check('graceful-stop');
    const victim = this.of(this.decl.back)[1] ?? this.of(this.decl.back)[0];
    const name = victim.pod.name;
    const node = this.expectedName(victim);
    const peers = this.cluster.live().filter((l) => l !== victim);
    const t = Date.now();
    const deletion = this.cluster.deletePod(name);
    // Each peer's nodes(), polled until the victim is gone from all of them.
    const seen = new Map<string, number>();
    for (const deadline = t + READY_DEADLINE_MS; seen.size < peers.length && Date.now() < deadline;) {
      const all = await Promise.all(peers.map((p) => this.status(p)));
      all.forEach((s, i) => {
        if (s && !s.nodes.includes(node) && !seen.has(peers[i].pod.name)) seen.set(peers[i].pod.name, Date.now() - t);
      });
      await new Promise((r) => {
        setTimeout(r, 100);
      });
    }
    const r = await deletion;
    this.timings.gracefulExit = r.exitedAtMs;
    this.timings.gracefulNodedown = Math.max(0, ...seen.values());
    c.expect(
      seen.size === peers.length,
      `not every peer saw ${node} go: ${peers
        .filter((p) => !seen.has(p.pod.name))
        .map((p) => p.pod.name)
        .join(', ')} still list it`,
    );
    c.expect(
      !r.killed && r.signal === null && r.exitCode === 0,
      `${name} did not stop on SIGTERM within the grace period (${r.killAtMs} ms scaled): ${r.killed ? 'SIGKILL sent' : ''} exit ${r.exitCode} signal ${r.signal}`,
    );
    const back = await waitUntil(() => this.cluster.live().some((l) => l.pod.name === name && l.ready), READY_DEADLINE_MS, 50);
    this.timings.gracefulReady = Date.now() - t;
    c.expect(back, `${name} did not come back Ready within ${READY_DEADLINE_MS / 1000} s`);
    const mesh = back ? await this.fullMesh() : undefined;
    this.timings.gracefulMesh = Date.now() - t;
    c.problems.push(...(mesh === undefined || mesh.ok ? [] : this.meshProblems(mesh.statuses)));
    return [
      c.done(
        `${name} deleted: SIGTERM → init:stop(), exit 0 after ${r.exitedAtMs} ms (SIGKILL was due at ${r.killAtMs} ms, not sent); every peer's nodes() lost it within ${this.timings.gracefulNodedown} ms; recreated and Ready after ${this.timings.gracefulReady} ms, full mesh after ${this.timings.gracefulMesh} ms`,
      ),
    ];
  }

  /** Phase 3: a <-> b dropped; the rpc fails; healed, the journey works again. */
  public async partition(): Promise<CheckResult[]> {
    const c = new Check('partition');
    this.cluster.partition(this.decl.front, this.decl.back);
    const during = await this.rpcs(1);
    c.expect(during[0].startsWith('error'), `POST /rpc during the partition answered '${during[0]}'`);
    const t = Date.now();
    this.cluster.heal();
    let healed = false;
    for (const deadline = Date.now() + MESH_DEADLINE_MS; !healed && Date.now() < deadline;) healed = !(await this.rpcs(1))[0].startsWith('error');
    c.expect(healed, `POST /rpc still failed ${MESH_DEADLINE_MS / 1000} s after the partition healed`);
    const rpc = await this.rpcCheck('partition');
    c.problems.push(...rpc.problems);
    const mesh = await this.fullMesh();
    this.timings.partitionHeal = Date.now() - t;
    c.problems.push(...(mesh.ok ? [] : this.meshProblems(mesh.statuses)));
    return [c.done(`during: POST /rpc → ${during[0].slice(0, 80)}; after healing: rpc to every b pod and full mesh again in ${this.timings.partitionHeal} ms`)];
  }

  /** Phase 4: all pods deleted, recreated together (Parallel): every table loads, the mesh re-forms. */
  public async outage(): Promise<CheckResult[]> {
    const c = new Check('mnesia');
    const before = new Map<string, number | undefined>();
    for (const [l, s] of await this.statuses()) before.set(l.pod.name, s?.boots);
    // A force delete of every pod: all nodes die at once, as in a power cut (no node gets to stop cleanly).
    this.cluster.forceDeletePods(
      this.cluster.live().map((l) => l.pod.name),
      true,
    );
    const t = Date.now();
    this.cluster.resume('Parallel');
    const up = await this.allReady();
    this.timings.outageReady = Date.now() - t;
    if (
      !c.expect(
        up,
        `after the outage not every pod became Ready (tables loaded) within ${READY_DEADLINE_MS / 1000} s: ${this.cluster
          .live()
          .map((l) => `${l.pod.name} ${l.ready ? 'Ready' : 'not Ready'}`)
          .join(', ')}`,
      )
    )
      return [c.done('')];
    for (const [l, s] of await this.statuses()) {
      const was = before.get(l.pod.name);
      c.expect(was !== undefined && s?.boots === was + 1, `${l.pod.name}: boot ${s?.boots} after the outage, expected ${was === undefined ? '?' : was + 1}`);
    }
    const rpc = await this.rpcCheck('mnesia');
    c.problems.push(...rpc.problems);
    const mesh = await this.fullMesh();
    this.timings.outageMesh = Date.now() - t;
    c.problems.push(...(mesh.ok ? [] : this.meshProblems(mesh.statuses)));
    return [
      c.done(
        `all ${this.expectedPods()} pods recreated together: every table loaded (Ready) after ${this.timings.outageReady} ms, each node's boot count read back, full mesh after ${this.timings.outageMesh} ms`,
      ),
    ];
  }

  /** Phase 5 (negative): the same outage under OrderedReady deadlocks: pod 0 waits for tables held by pods never started. */
  public async ordered(): Promise<CheckResult[]> {
    const c = new Check('ordered');
    // Force delete, as in the outage: the deadlock needs pod 0 not to be the last one to stop cleanly.
    this.cluster.forceDeletePods(
      this.cluster.live().map((l) => l.pod.name),
      true,
    );
    this.cluster.resume('OrderedReady');
    // Bounded: watch for progress; any pod Ready or any pod past ordinal 0 means no deadlock.
    const progressed = await waitUntil(() => this.cluster.live().some((l) => l.ready || !/-0$/.test(l.pod.name)), ORDERED_WATCH_MS, 50);
    c.expect(
      !progressed,
      `OrderedReady made progress: ${this.cluster
        .live()
        .map((l) => `${l.pod.name} ${l.ready ? 'Ready' : 'not Ready'}`)
        .join(', ')}`,
    );
    const firsts = this.cluster.live();
    c.expect(
      firsts.length === this.cluster.sets.length,
      `expected only the ${this.cluster.sets.length} pods of ordinal 0, found ${firsts.map((l) => l.pod.name).join(', ')}`,
    );
    const waiting = firsts.map((l) => {
      const log = l.logs.map((f) => fs.readFileSync(f, 'utf8')).join('');
      const line = log
        .split('\n')
        .reverse()
        .find((x) => x.includes('waiting for tables'));
      // The holders it names must be the pods the controller never started.
      const held =
        this.of(l.pod.statefulSet!).length === 1 &&
        line !== undefined &&
        this.cluster.sets.find((s) => s.name === l.pod.statefulSet)!.replicas > 1 &&
        line.includes(`${this.declared.basenames[l.pod.statefulSet!]}@${l.pod.statefulSet}-1.`);
      c.expect(
        held,
        `${l.pod.name}: no log line shows it waiting for tables held by ${l.pod.statefulSet}-1 (last: ${line ?? log.trim().split('\n').slice(-1)[0]})`,
      );
      return line?.replace(/^.*erlang_docker: /, '').replace(/\s+/g, ' ');
    });
    return [c.done(`deadlock shown: after ${ORDERED_WATCH_MS / 1000} s only ordinal 0 exists and is not Ready; e.g. "${waiting[0]}"`)];
  }
}

/** The live phases, by id, in order (E2E_SCENARIOS may name them). */
export const LIVE_PHASES = [
  'journey',
  'restart',
  'liveness',
  'graceful-stop',
  'partition',
  'long-partition',
  'drain',
  'rolling-upgrade',
  'scale',
  'outage',
  'ordered',
];

/**
 * The seed's manifests, in a cluster whose kubelets use `cluster.local`, with
 * the Secret as the README tells the user to create it (see seedSecret).
 * Nothing here is read from the manifests.
 */
export function journeyInput(objects = seedObjects()): ClusterInput {
  const secrets = seedSecret('e2e-journey-cookie-5b1d');
  return { objects, clusterDomain: SEED_DECLARATION.clusterDomain, secretsFor: () => secrets, extraPods: [] };
}
