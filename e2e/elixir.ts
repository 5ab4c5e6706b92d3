/**
 * The README's example, run for real: its manifests (e2e/readme-chart.ts)
 * with examples/chat, a mix release started by its own `bin/chat start`, in
 * every pod. Two cluster boots serve four scenarios:
 *
 *   cluster.local   chat (the README as printed) and chat-el (the same code with
 *                   `distribution: { epmdless: true }`, in namespace chat-el)
 *     elixir-journey  Ready, SRV discovery, full mesh, a broadcast reaches every
 *                     node, mnesia on the data volume
 *     mix-commands    bin/chat pid, rpc, remote and stop in a pod; the node keeps
 *                     port 9100 throughout
 *     epmdless-mix    chat-el: full mesh, no epmd listening, bin/chat_epmdless rpc
 *     mix-aflags      (negative, e2e/mix.ts) one pod under the relx kind's ERL_AFLAGS pin
 *   corp.example    the README with `clusterDomain: 'corp.example'`
 *     srv-domain      the mesh forms through CLUSTER_DOMAIN in that domain
 *
 * Expected values come from what the scenarios declare (the README's names,
 * the edits made to it, the pods' DNS names), never from the library.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Check, CheckResult, expectedNodeName, result } from './checks';
import { listeners, Listener, waitUntil } from './erlang';
import { LiveCluster, LivePod, PROBE_SCALE } from './live';
import { AFLAGS_NAMESPACE, aflagsChart, aflagsPhase, remote } from './mix';
import { Sandbox } from './netns';
import { readmeObjects } from './readme-chart';
import { Testing } from 'cdk8s';
import { loadChartConfig } from '../charts/config';
import { ErlangDockerChart } from '../charts/erlang-docker-chart';
import { REPLICAS as RELX_REPLICAS } from '../charts/chart-shape';
import { CookieDelivery } from '../lib';
import { KubeObject } from './kube';
import { chatReleases, relxReleases } from './release';
import { cookieFileChecks, gracefulLeaveChecks, relxCookieFile } from './cookie-file';
import { graceTimeline } from './termination';
import { ClusterInput, Pod, SecretData, secretKey } from './simulate';

/** A scenario's checks and timings (ms after its cluster boot began). */
interface PhaseChecks {
  readonly checks: CheckResult[];
  readonly meshMs?: number;
  readonly bootMs?: number;
}

/** What README.md's example declares: its names, ports and volume path. */
export const README = {
  namespace: 'chat',
  basename: 'chat',
  statefulSet: 'chat-sfs',
  headless: 'chat-hl',
  replicas: 3,
  httpPort: 4000,
  distPort: 9100,
  epmdPort: 4369,
  dataDir: '/var/lib/chat',
  cookieSecret: 'chat-cookie',
} as const;
/** The namespace of the epmd-less copy, and the other cluster domain. */
export const EPMDLESS_NAMESPACE = 'chat-el';
export const OTHER_DOMAIN = 'corp.example';
/** The namespace of the copy with the cookie as a file, booted with the corp.example one. */
export const COOKIE_FILE_NAMESPACE = 'chat-cf';
/** The namespace of the reference chart (relx) with the cookie as a file, booted with them. */
const RELX_COOKIE_FILE_NAMESPACE = 'erlang-docker-cf';
/** chat-cf's leave hook: the app's leave function, then 1 s in which the peers' view is sampled. */
const LEAVE_EXPRESSION = 'IO.puts(Chat.Cluster.leave()); Process.sleep(1_000)';
/** The cookie the scenario's Secrets hold. */
const COOKIE = 'chat-e2e-cookie-5d1f';

export const ELIXIR_PHASES = ['elixir-journey', 'mix-commands', 'epmdless-mix', 'mix-aflags', 'srv-domain', 'cookie-file', 'graceful-leave'];

const READY_DEADLINE_MS = 30_000;
const MESH_DEADLINE_MS = 15_000;
const DELIVERY_DEADLINE_MS = 5_000;

/** The cookie Secret in each namespace, as `kubectl create secret generic chat-cookie -n <ns> --from-literal=cookie=…` makes it. */
function input(objects: ClusterInput['objects'], clusterDomain: string, namespaces: readonly string[], more: SecretData = {}): ClusterInput {
  const secrets: SecretData = { ...Object.fromEntries(namespaces.map((ns) => [secretKey(ns, README.cookieSecret, 'cookie'), COOKIE])), ...more };
  return { objects, clusterDomain, secretsFor: () => secrets, extraPods: [] };
}

/** cluster.local: the README as printed, the same code made epmd-less in namespace chat-el, and mix-aflags' pod (e2e/mix.ts). */
export function localInput(workDir: string): ClusterInput {
  const objects = [
    ...readmeObjects(workDir),
    ...readmeObjects(workDir, { namespace: EPMDLESS_NAMESPACE, props: ['distribution: { epmdless: true }'] }),
    ...aflagsChart(),
  ];
  return input(objects, 'cluster.local', [README.namespace, EPMDLESS_NAMESPACE, AFLAGS_NAMESPACE]);
}

/** corp.example: the README with `clusterDomain: 'corp.example'`, and the same with the cookie as a file in namespace chat-cf. */
export function domainInput(workDir: string): ClusterInput {
  const domain = `clusterDomain: '${OTHER_DOMAIN}'`;
  const objects = [
    ...readmeObjects(workDir, { props: [domain] }),
    ...readmeObjects(workDir, {
      namespace: COOKIE_FILE_NAMESPACE,
      // The hook leaves, then lingers 1 s, so that the peers' view is sampled while the VM still runs (before SIGTERM).
      props: [domain, 'cookieDelivery: CookieDelivery.FILE', `leaveHook: LeaveHook.releaseCommand('bin/chat_cookie_file', '${LEAVE_EXPRESSION}')`],
      imports: ['CookieDelivery', 'LeaveHook'],
    }),
  ];
  const relx = { ...loadChartConfig(), namespace: RELX_COOKIE_FILE_NAMESPACE, clusterDomain: OTHER_DOMAIN, tag: 'cookie-file' };
  objects.push(...(Testing.synth(new ErlangDockerChart(Testing.app(), 'cf', { config: relx, cookieDelivery: CookieDelivery.FILE })) as KubeObject[]));
  // The reference chart's Secret, as its users create it: kubectl create secret generic erlang-docker-cookie --from-literal=cookie=…
  return input(objects, OTHER_DOMAIN, [README.namespace, COOKIE_FILE_NAMESPACE], {
    [secretKey(RELX_COOKIE_FILE_NAMESPACE, relx.cookieSecret, 'cookie')]: COOKIE,
  });
}

/** A set of the README's pods: one namespace of one cluster. */
class ChatSet {
  constructor(
    readonly cluster: LiveCluster,
    readonly namespace: string,
  ) {}

  pods(): LivePod[] {
    return this.cluster
      .live()
      .filter((l) => l.pod.namespace === this.namespace)
      .sort((a, b) => a.pod.name.localeCompare(b.pod.name));
  }

  name(pod: Pod): string {
    return expectedNodeName(pod, { basenames: { [README.statefulSet]: README.basename }, clusterDomain: this.cluster.domain });
  }

  /** The SRV name libcluster's DNSSRV queries: `<service>.<namespace>.svc.<domain>.`. */
  query(): string {
    return `${README.headless}.${this.namespace}.svc.${this.cluster.domain}.`;
  }

  async get(live: LivePod, path: string): Promise<string | undefined> {
    const a = await this.cluster.kubelet.http('GET', live.pod.ip, README.httpPort, path, 2_000);
    return a.status === 200 ? a.body : undefined;
  }

  async lines(live: LivePod, path: string): Promise<string[] | undefined> {
    return (await this.get(live, path))?.split('\n').filter(Boolean);
  }

  peers(live: LivePod): string[] {
    return this.pods()
      .filter((p) => p !== live)
      .map((p) => this.name(p.pod))
      .sort();
  }

  async ready(t0: number): Promise<CheckResult> {
    const up = await waitUntil(() => this.pods().length === README.replicas && this.pods().every((l) => l.ready), READY_DEADLINE_MS, 50);
    const state = this.pods()
      .map((l) => `${l.pod.name} ${l.ready ? 'Ready' : 'not Ready'}${l.restarts ? ` (${l.restarts} restarts: ${l.lastRestart})` : ''}`)
      .join(', ');
    return result(
      'ready',
      up ? [] : [`${this.namespace}: not ${README.replicas} Ready pods within ${READY_DEADLINE_MS / 1000} s: ${state}`],
      `${this.namespace}: ${README.replicas} pods Ready (readiness: TCP connect to port http, open once the app has started), ${Date.now() - t0} ms after the boot began`,
    );
  }

  /** Each node runs under its name and found exactly its peers by the SRV query. */
  async discovery(): Promise<CheckResult> {
    const c = new Check('discovery');
    for (const l of this.pods()) {
      const node = await this.get(l, '/node');
      c.expect(node === this.name(l.pod), `${l.pod.name}: runs as ${node}, expected ${this.name(l.pod)}`);
      const [query, ...found] = (await this.lines(l, '/discovery')) ?? [];
      c.expect(query === this.query(), `${l.pod.name}: queried SRV ${query}, expected ${this.query()}`);
      c.expect(
        JSON.stringify(found.sort()) === JSON.stringify(this.peers(l)),
        `${l.pod.name}: SRV discovery found [${found.join(', ')}], expected [${this.peers(l).join(', ')}]`,
      );
    }
    return c.done(`${this.namespace}: every node runs as ${README.basename}@<pod DNS name> and found its peers by SRV ${this.query()} (:inet_res.getbyname/2)`);
  }

  /** Every node is connected to exactly its peers. */
  async fullMesh(t0: number): Promise<{ check: CheckResult; ms: number }> {
    const since = Date.now();
    let problems: string[] = [];
    for (;;) {
      problems = [];
      for (const l of this.pods()) {
        const nodes = (await this.lines(l, '/nodes')) ?? ['(no answer)'];
        if (JSON.stringify(nodes) !== JSON.stringify(this.peers(l)))
          problems.push(`${l.pod.name}: Node.list() is [${nodes.join(', ')}], expected [${this.peers(l).join(', ')}]`);
      }
      if (problems.length === 0 || Date.now() - since > MESH_DEADLINE_MS) break;
      await pause(100);
    }
    const ms = Date.now() - t0;
    return { check: result('full-mesh', problems, `${this.namespace}: full mesh of ${this.pods().length} nodes, each connected to exactly its peers`), ms };
  }

  /** A message POSTed to pod 0 lands in every node's /messages. */
  async broadcast(): Promise<CheckResult> {
    const [first] = this.pods();
    const text = `hello from ${first.pod.name} ${Date.now()}`;
    const sent = await this.cluster.kubelet.http('POST', first.pod.ip, README.httpPort, '/broadcast', 2_000, text);
    const problems: string[] = [];
    if (sent.status !== 200) problems.push(`POST ${first.pod.name}:${README.httpPort}/broadcast: ${sent.status ?? sent.error} ${sent.body ?? ''}`);
    const missing = async () => {
      const got = await Promise.all(this.pods().map(async (l) => ((await this.lines(l, '/messages')) ?? []).includes(text)));
      return this.pods().filter((_, i) => !got[i]);
    };
    const t0 = Date.now();
    let lacking = await missing();
    while (lacking.length > 0 && Date.now() - t0 < DELIVERY_DEADLINE_MS) {
      await pause(100);
      lacking = await missing();
    }
    if (lacking.length) problems.push(`after ${DELIVERY_DEADLINE_MS / 1000} s, GET /messages lacks '${text}' on ${lacking.map((l) => l.pod.name).join(', ')}`);
    return result(
      'broadcast',
      problems,
      `${this.namespace}: POST /broadcast on ${first.pod.name} (:pg members: ${sent.body}) reached GET /messages of all ${this.pods().length} nodes in ${Date.now() - t0} ms`,
    );
  }

  /** ready, mesh, discovery, broadcast (times from `t0`, when the boot began); stops early when the pods never become Ready. */
  async mesh(t0: number): Promise<PhaseChecks> {
    const ready = await this.ready(t0);
    const bootMs = Date.now() - t0;
    if (!ready.ok) return { checks: [ready] };
    const { check, ms } = await this.fullMesh(t0);
    return { checks: [ready, await this.discovery(), check, await this.broadcast()], meshMs: ms, bootMs };
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((r) => {
    setTimeout(r, ms);
  });
}

/** TCP listeners of a pod, by port. */
function listening(live: LivePod, port: number): Listener[] {
  return listeners(live.ns).filter((l) => l.port === port);
}

function onlyNode(live: LivePod, pid: number | undefined): string | undefined {
  const dist = [...new Set(listening(live, README.distPort).map((l) => `${l.process}/${l.pid}`))];
  return dist.length === 1 && dist[0] === `beam.smp/${pid}` ? undefined : `port ${README.distPort} held by [${dist.join(', ')}], expected only beam.smp/${pid}`;
}

/** mnesia's files are in ERLANG_DATA_DIR, on the claim mounted at the README's mountPath. */
function mnesiaOnVolume(set: ChatSet): CheckResult {
  const c = new Check('mnesia');
  for (const l of set.pods()) {
    c.expect(l.env.get('ERLANG_DATA_DIR') === README.dataDir, `${l.pod.name}: ERLANG_DATA_DIR is ${l.env.get('ERLANG_DATA_DIR')}, expected ${README.dataDir}`);
    const file = `${README.dataDir}/mnesia/schema.DAT`;
    const mount = set.cluster.exec(l, ['findmnt', '-n', '-o', 'TARGET', '--target', file]);
    c.expect(
      mount.status === 0 && mount.out === README.dataDir,
      `${l.pod.name}: ${file} is on ${mount.out || '(missing)'}, not on the volume at ${README.dataDir}`,
    );
  }
  return c.done(`mnesia's schema.DAT is under ${README.dataDir}/mnesia on every pod, on the claim mounted there`);
}

/** The cluster.local phases: elixir-journey, mix-commands, epmdless-mix. */
export async function localPhases(cluster: LiveCluster, bins: { chat: string; epmdless: string }): Promise<Record<string, PhaseChecks>> {
  cluster.start();
  const t0 = Date.now();
  const chat = new ChatSet(cluster, README.namespace);
  const el = new ChatSet(cluster, EPMDLESS_NAMESPACE);
  // Both sets boot together; each is watched from the start, so that its times are its own.
  const [journey, epmdless] = await Promise.all([chat.mesh(t0), el.mesh(t0)]);
  if (journey.checks.every((c) => c.ok)) journey.checks.push(mnesiaOnVolume(chat));
  if (epmdless.checks[0].ok) epmdless.checks.push(noEpmd(el, bins.epmdless));
  const flags = () => cluster.live().find((l) => l.pod.namespace === AFLAGS_NAMESPACE);
  await waitUntil(() => flags()?.ready === true, READY_DEADLINE_MS);
  const aflags = aflagsPhase(flags(), cluster, bins.chat);
  const commands = journey.checks[0].ok ? await mixCommands(chat, bins.chat) : [result('release-tools', ['not run: the pods never became Ready'], '')];
  return { 'elixir-journey': journey, 'mix-commands': { checks: commands }, 'epmdless-mix': epmdless, 'mix-aflags': { checks: aflags } };
}

/** The corp.example phases: srv-domain, and cookie-file (the mix kind) in namespace chat-cf. */
export async function domainPhases(cluster: LiveCluster, bins: { mix: string; relx: string }): Promise<Record<string, PhaseChecks>> {
  cluster.start();
  const t0 = Date.now();
  const cf = new ChatSet(cluster, COOKIE_FILE_NAMESPACE);
  const [domain, cookieFile, relx] = await Promise.all([
    domainPhase(cluster, t0),
    cf.mesh(t0),
    relxCookieFile(cluster, RELX_COOKIE_FILE_NAMESPACE, 2 * RELX_REPLICAS, COOKIE, bins.relx),
  ]);
  if (cookieFile.checks[0].ok)
    cookieFile.checks.push(...cookieFileChecks(cluster, cf.pods(), COOKIE, () => [bins.mix, 'rpc', 'IO.puts(:erlang.get_cookie())']));
  cookieFile.checks.push(...relx);
  const leave = cookieFile.checks[0].ok ? await gracefulLeave(cf) : [result('graceful-leave', ['not run: the pods never became Ready'], '')];
  return { 'srv-domain': domain, 'cookie-file': cookieFile, 'graceful-leave': { checks: leave } };
}

/**
 * graceful-leave: chat-cf's last pod is deleted (kubectl delete pod). Its peers
 * are asked for Node.list() throughout; then the controller recreates the pod
 * and the full mesh returns.
 */
async function gracefulLeave(set: ChatSet): Promise<CheckResult[]> {
  const pods = set.pods();
  const leaving = pods[pods.length - 1];
  const name = set.name(leaving.pod);
  const peers = pods.filter((p) => p !== leaving);
  const t0 = Date.now();
  let goneAtMs: number | undefined;
  let roundMs = 0;
  const state = { watching: true };
  const watch = (async () => {
    while (state.watching) {
      const start = Date.now();
      const lists = await Promise.all(peers.map((p) => set.lines(p, '/nodes')));
      roundMs = Math.max(roundMs, Date.now() - start);
      const gone = lists.every((l) => l !== undefined && !l.includes(name));
      if (gone && goneAtMs === undefined) goneAtMs = Date.now() - t0;
      if (!gone) goneAtMs = undefined;
      await pause(20);
    }
  })();
  const report = await set.cluster.deletePod(leaving);
  state.watching = false;
  await watch;
  const log = leaving.logs.map((f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '')).join('');
  const graceMs = graceTimeline(leaving.pod.runtime, 0, PROBE_SCALE).graceMs;
  const checks = gracefulLeaveChecks({ pod: leaving, report, goneAtMs, roundMs, graceMs, peers: peers.length, log });
  // The controller recreates the pod; it joins again.
  const back = await set.ready(Date.now());
  checks.push(back.ok ? (await set.fullMesh(Date.now())).check : back);
  return checks;
}

/** srv-domain: the README chart in corp.example. */
async function domainPhase(cluster: LiveCluster, t0: number): Promise<PhaseChecks> {
  const chat = new ChatSet(cluster, README.namespace);
  const out = await chat.mesh(t0);
  const l = chat.pods()[0];
  if (l) {
    const domain = l.env.get('CLUSTER_DOMAIN');
    out.checks.push(
      result(
        'discovery',
        domain === `${OTHER_DOMAIN}.` ? [] : [`${l.pod.name}: CLUSTER_DOMAIN is ${domain}, expected ${OTHER_DOMAIN}. (libcluster would query cluster.local.)`],
        `CLUSTER_DOMAIN=${domain}: the domain libcluster's DNSSRV appends`,
      ),
    );
  }
  return out;
}

/** bin/chat pid, rpc, remote, then stop, in pod 0; port 9100 stays the node's. */
async function mixCommands(set: ChatSet, bin: string): Promise<CheckResult[]> {
  const cluster = set.cluster;
  const live = set.pods()[0];
  const name = set.name(live.pod);
  const c = new Check('release-tools');
  const pid = cluster.exec(live, [bin, 'pid']);
  const nodePid = Number(pid.out.trim());
  c.expect(pid.status === 0 && Number.isInteger(nodePid), `bin/chat pid: exit ${pid.status}: ${pid.out.slice(-300)}`);
  const before = onlyNode(live, nodePid);
  c.expect(before === undefined, `before the commands: ${before}`);
  const rpc = cluster.exec(live, [bin, 'rpc', 'IO.puts(node())']);
  c.expect(rpc.status === 0 && rpc.out === name, `bin/chat rpc: exit ${rpc.status}: ${rpc.out.slice(-300)}`);
  const marker = 'e2e-remote:';
  const rem = await remote(cluster, live, bin, marker);
  const on = new RegExp(`${marker}(\\S+@\\S+)`).exec(rem)?.[1];
  c.expect(on === name, `bin/chat remote: the expression ran on ${on ?? 'no node'}, not ${name}: ${rem.replace(/\s+/g, ' ').slice(-300)}`);
  const after = onlyNode(live, nodePid);
  c.expect(after === undefined, `after rpc and remote: ${after}`);
  const restarts = live.restarts;
  const stop = cluster.exec(live, [bin, 'stop']);
  c.expect(stop.status === 0, `bin/chat stop: exit ${stop.status}: ${stop.out.slice(-300)}`);
  const gone = await waitUntil(() => live.restarts > restarts, 10_000);
  c.expect(gone, `after bin/chat stop the node did not exit within 10 s`);
  const checks = [
    c.done(
      `${live.pod.name}: bin/chat pid → ${nodePid}, rpc → ${rpc.out}, remote evaluated node() on ${on}, stop → the VM exited; only beam.smp/${nodePid} listened on ${README.distPort}`,
    ),
  ];
  // The kubelet restarts the container; the new node takes the pinned port again, and its messages are still on the volume.
  const back = new Check('mnesia');
  const up = await waitUntil(() => live.ready, READY_DEADLINE_MS);
  if (back.expect(up, `${live.pod.name} did not become Ready again after bin/chat stop`)) {
    const again = cluster.exec(live, [bin, 'pid']);
    const held = onlyNode(live, Number(again.out.trim()));
    back.expect(held === undefined && Number(again.out.trim()) !== nodePid, `after the restart: ${held ?? `the same pid ${nodePid}`}`);
    const messages = (await set.lines(live, '/messages')) ?? [];
    back.expect(
      messages.some((m) => m.startsWith('hello from ')),
      `${live.pod.name}: after the restart GET /messages is [${messages.join(', ')}]; the broadcast did not survive`,
    );
    checks.push(
      back.done(`the restarted node (pid ${again.out.trim()}) listens on ${README.distPort} again and still has the broadcast (mnesia on the volume)`),
    );
  } else checks.push(back.done(''));
  return checks;
}

/** No epmd listens in any chat-el pod, before or after bin/chat_epmdless rpc. */
function noEpmd(set: ChatSet, bin: string): CheckResult {
  const c = new Check('ports');
  const epmd = () => set.pods().flatMap((l) => listening(l, README.epmdPort).map((x) => `${l.pod.name}: ${x.process} on ${README.epmdPort}`));
  c.expect(epmd().length === 0, `before rpc: ${epmd().join('; ')}`);
  for (const l of set.pods()) {
    const dist = listening(l, README.distPort);
    c.expect(
      dist.length > 0 && dist.every((x) => x.process === 'beam.smp'),
      `${l.pod.name}: port ${README.distPort} is held by [${dist.map((x) => x.process).join(', ')}]`,
    );
  }
  const live = set.pods()[0];
  const rpc = set.cluster.exec(live, [bin, 'rpc', 'IO.puts(node())']);
  c.expect(rpc.status === 0 && rpc.out === set.name(live.pod), `bin/chat_epmdless rpc in ${live.pod.name}: exit ${rpc.status}: ${rpc.out.slice(-300)}`);
  c.expect(epmd().length === 0, `after rpc: ${epmd().join('; ')}`);
  return c.done(`no epmd on ${README.epmdPort} in any pod; each node listens on ${README.distPort}; bin/chat_epmdless rpc → ${rpc.out}`);
}

/** One scenario's outcome. */
export interface ElixirPhase {
  readonly id: string;
  readonly title: string;
  readonly checks: CheckResult[];
  readonly meshMs?: number;
  readonly bootMs?: number;
  readonly nodes: number;
  /** When its cluster boot began (ms since the epoch). */
  readonly startedAt: number;
}

const TITLES: Readonly<Record<string, string>> = {
  'elixir-journey': 'elixir-journey: the README chart, 3 pods Ready, SRV discovery, full mesh, a broadcast reaches every node, mnesia on the volume',
  'mix-commands': "mix-commands: bin/chat pid, rpc, remote and stop in a pod; port 9100 stays the node's",
  'epmdless-mix': 'epmdless-mix: the README chart with distribution: { epmdless: true }: full mesh, no epmd, bin/chat_epmdless rpc',
  'mix-aflags': "mix-aflags (negative): examples/chat under the relx kind's ERL_AFLAGS pin: Ready, but bin/chat rpc fails with eaddrinuse",
  'srv-domain': "srv-domain: the README chart with clusterDomain: 'corp.example': the mesh forms through CLUSTER_DOMAIN",
  'graceful-leave': `graceful-leave: a chat-cf pod deleted; the kubelet runs the leave hook (bin/chat_cookie_file rpc '${LEAVE_EXPRESSION}'), peers see the node go before SIGTERM, within the grace period`,
  'cookie-file':
    "cookie-file: cookieDelivery: CookieDelivery.FILE for mix (the README chart, chat_cookie_file) and relx (the reference chart, erlang-docker without -setcookie): meshes with the Secret's cookie, which no env or argument of a VM holds",
};

/** Both cluster boots, in turn, each in a sandbox of its own; the four scenarios' outcomes. */
export async function elixirPhases(sandbox: (name: string) => Sandbox, subnet: number, workDir: string): Promise<ElixirPhase[]> {
  const { chat, epmdless, cookieFile } = chatReleases();
  const relxCf = relxReleases().cookieFile;
  console.log(`  releases: ${chat.root}, ${epmdless.root} (${chat.built ? `built in ${chat.ms} ms` : 'cached'})`);
  const releaseOf = (pod: Pod) => (pod.namespace === EPMDLESS_NAMESPACE ? epmdless : pod.namespace === COOKIE_FILE_NAMESPACE ? cookieFile : chat);
  const image = (pod: Pod) =>
    pod.namespace === RELX_COOKIE_FILE_NAMESPACE
      ? { root: relxCf.root, command: [relxCf.bin, 'foreground'] }
      : { root: releaseOf(pod).root, command: [releaseOf(pod).bin, 'start'] };
  const boots: [string, (dir: string) => ClusterInput, (c: LiveCluster) => Promise<Record<string, PhaseChecks>>][] = [
    ['local', localInput, (c) => localPhases(c, { chat: chat.bin, epmdless: epmdless.bin })],
    ['domain', domainInput, (c) => domainPhases(c, { mix: cookieFile.bin, relx: relxCf.bin })],
  ];
  const out: ElixirPhase[] = [];
  for (const [i, [name, inputOf, phases]] of boots.entries()) {
    const startedAt = Date.now();
    const dir = path.join(workDir, name);
    fs.mkdirSync(dir, { recursive: true });
    const box = sandbox(`ex-${name}`);
    try {
      const cluster = new LiveCluster(box, inputOf(dir), subnet + i, image, dir);
      const results = await phases(cluster);
      cluster.stop();
      const nodes = cluster.live().length;
      out.push(
        ...Object.entries(results).map(([id, r]) => ({ id, title: TITLES[id], checks: r.checks, meshMs: r.meshMs, bootMs: r.bootMs, nodes, startedAt })),
      );
    } finally {
      box.destroy();
    }
  }
  return out;
}
