/**
 * The `cookie-file` scenario's judgments: a node whose cookie reaches it as a
 * file (`cookieDelivery: CookieDelivery.FILE`) formed its mesh with the
 * Secret's cookie, and no env or argument of its VM holds a cookie. Expected values are
 * the scenario's own (the Secret's value it created, the release's command);
 * the paths come from the pod's resolved env and volumes, as the kubelet would
 * give them.
 */
import * as fs from 'fs';
import { Check, CheckResult, expectedNodeName, result } from './checks';
import { waitUntil } from './erlang';
import type { LiveCluster, LivePod } from './live';

/** NUL-terminated `/proc/<pid>/<file>` as a list; an empty argument stays an empty string. */
function procList(pid: number, file: 'environ' | 'cmdline'): string[] {
  return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8').replace(/\0$/, '').split('\0');
}

/**
 * The values that `argv` gives to `-setcookie`: as the VM's init reads a flag, every
 * argument after it up to the next one that starts with `-` or `+` (`-setcookie C`,
 * `-setcookie Node C`). An empty `-setcookie` gives none; `-setcookie ""` gives `''`.
 */
export function setcookieValues(argv: readonly string[]): string[][] {
  return argv.flatMap((a, i) => {
    if (a !== '-setcookie') return [];
    const rest = argv.slice(i + 1);
    const end = rest.findIndex((v) => v.startsWith('-') || v.startsWith('+'));
    return [end === -1 ? rest : rest.slice(0, end)];
  });
}

/** The VM of the pod's container: its main process, which `exec`s down to beam.smp. */
function vmPid(live: LivePod): number | undefined {
  const pid = live.child?.pid;
  if (pid === undefined) return undefined;
  const comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  return comm.startsWith('beam') ? pid : undefined;
}

/**
 * For each pod: the VM's cookie (asked through `rpc`, with the release's own
 * command) is the Secret's; the Secret's value is in no env var and no argument
 * of the VM, and no other cookie is either (every variable named *COOKIE* is
 * empty, every `-setcookie` has no or only empty values); `$HOME/.erlang.cookie`
 * is owner-only. Reports what the VM's environment and command line say about cookies.
 */
export function cookieFileChecks(cluster: LiveCluster, pods: readonly LivePod[], secret: string, rpc: (live: LivePod) => string[]): CheckResult[] {
  const env = new Check('no-cookie-env');
  const vm = new Check('vm-cookie');
  const seen: string[] = [];
  for (const l of pods) {
    const pid = vmPid(l);
    if (pid === undefined) {
      env.expect(false, `${l.pod.name}: the container's main process is not a beam.smp`);
      continue;
    }
    const environ = procList(pid, 'environ');
    const argv = procList(pid, 'cmdline');
    env.expect(
      !environ.some((e) => e.includes(secret)),
      `${l.pod.name}: /proc/${pid}/environ holds the Secret's cookie: ${environ.filter((e) => e.includes(secret)).map((e) => e.split('=')[0])}`,
    );
    env.expect(!argv.some((a) => a.includes(secret)), `${l.pod.name}: /proc/${pid}/cmdline holds the Secret's cookie`);
    // No cookie at all, not only not the Secret's: a variable named *COOKIE* is empty, a -setcookie gives no or empty values.
    const cookieVars = environ.filter((e) => /COOKIE/.test(e.split('=')[0])).map((e) => [e.split('=')[0], e.slice(e.indexOf('=') + 1)]);
    const filled = cookieVars.filter(([, v]) => v !== '').map(([k]) => k);
    env.expect(filled.length === 0, `${l.pod.name}: /proc/${pid}/environ holds a cookie value in ${filled.join(', ')}`);
    const setcookie = setcookieValues(argv);
    env.expect(
      setcookie.every((vs) => vs.every((v) => v === '')),
      `${l.pod.name}: /proc/${pid}/cmdline gives -setcookie a value (${setcookie.map((vs) => vs.map((v) => `<${v.length} chars>`).join(' ')).join(', ')})`,
    );
    const cookieEnv = cookieVars.map(([k, v]) => `${k}=${v === '' ? '(empty)' : `<${v.length} chars>`}`);
    const args = setcookie.map((vs) => `-setcookie ${vs.length === 0 ? '(no value)' : vs.map((v) => (v === '' ? '""' : `<${v.length} chars>`)).join(' ')}`);
    seen.push(`env [${cookieEnv.join(', ') || 'no *COOKIE*'}], argv [${args.join(', ') || 'no -setcookie'}]`);
    const home = l.env.get('HOME');
    const stat = cluster.exec(l, ['stat', '-L', '-c', '%a %u', `${home}/.erlang.cookie`]);
    const [mode] = stat.out.split(' ');
    vm.expect(
      stat.status === 0 && /^[0-7]00$/.test(mode ?? ''),
      `${l.pod.name}: $HOME/.erlang.cookie (${home}) is ${stat.out || 'missing'}, expected owner-only`,
    );
    const asked = cluster.exec(l, rpc(l));
    vm.expect(
      // relx's eval prints the term: a string in double quotes; mix's rpc prints it bare.
      asked.status === 0 && asked.out.replace(/^"(.*)"$/, '$1') === secret,
      `${l.pod.name}: the VM's cookie, asked by rpc, is not the Secret's (exit ${asked.status}: ${asked.out.slice(-200).replace(secret, '<secret>')})`,
    );
  }
  return [
    vm.done(`every VM's cookie is the Secret's (asked with the release's rpc, which reads $HOME/.erlang.cookie too), and $HOME/.erlang.cookie is owner-only`),
    env.done(
      `no /proc/<pid>/environ and no /proc/<pid>/cmdline of a VM holds a cookie (the Secret's or any other); on every pod (${pods.length}): ${[...new Set(seen)].join('; ')}`,
    ),
  ];
}

/** The relx pods of the scenario: examples/erlang-docker's a and b, as the reference chart names them. */
export const RELX_BASENAMES: Readonly<Record<string, string>> = { 'erlang-docker-a-sfs': 'erlang-docker-a', 'erlang-docker-b-sfs': 'erlang-docker-b' };

/**
 * The relx half of `cookie-file`: the reference chart with the cookie as a file,
 * in `namespace`, running erlang-docker built without -setcookie. Every pod is
 * Ready, every node's /status lists all the others, then {@link cookieFileChecks}.
 */
export async function relxCookieFile(cluster: LiveCluster, namespace: string, replicas: number, secret: string, bin: string): Promise<CheckResult[]> {
  const t0 = Date.now();
  const pods = () => cluster.live().filter((l) => l.pod.namespace === namespace);
  const up = await waitUntil(() => pods().length === replicas && pods().every((l) => l.ready), 30_000, 50);
  const state = pods()
    .map((l) => `${l.pod.name} ${l.ready ? 'Ready' : `not Ready${l.lastRestart ? ` (${l.lastRestart})` : ''}`}`)
    .join(', ');
  const ready = result(
    'ready',
    up ? [] : [`${namespace}: not ${replicas} Ready pods within 30 s: ${state}`],
    `${namespace}: ${replicas} relx pods Ready in ${Date.now() - t0} ms`,
  );
  if (!up) return [ready];
  const nameOf = (l: LivePod) => expectedNodeName(l.pod, { basenames: RELX_BASENAMES, clusterDomain: cluster.domain });
  const deadline = Date.now() + 15_000;
  let problems: string[] = [];
  for (;;) {
    problems = [];
    for (const [i, l] of pods().entries()) {
      const a = await cluster.kubelet.http('GET', l.pod.ip, 8080, '/status', 2_000);
      let nodes: string[] = [];
      try {
        nodes = (JSON.parse(a.body ?? '{}') as { nodes?: string[] }).nodes ?? [];
      } catch {
        nodes = [];
      }
      // Each StatefulSet meshes by discovery; a and b connect when a node calls the other (POST /rpc, below).
      const missing = pods()
        .filter((p, j) => j !== i && p.pod.statefulSet === l.pod.statefulSet)
        .map(nameOf)
        .filter((n) => !nodes.includes(n));
      if (missing.length) problems.push(`${l.pod.name}: nodes() lacks ${missing.join(', ')}`);
    }
    if (problems.length === 0 || Date.now() > deadline) break;
    await new Promise((r) => {
      setTimeout(r, 200);
    });
  }
  const meshed = problems.length === 0;
  const mesh = result('full-mesh', meshed ? [] : problems, `${namespace}: each StatefulSet's relx nodes meshed, ${Date.now() - t0} ms after the check began`);
  // Across the clusters: a-0 asks b-svc for a b node and rpc:calls it (the app's POST /rpc).
  const a0 = pods().find((l) => l.pod.statefulSet === 'erlang-docker-a-sfs')!;
  const bNames = pods()
    .filter((l) => l.pod.statefulSet === 'erlang-docker-b-sfs')
    .map(nameOf);
  const call = await cluster.kubelet.http('POST', a0.pod.ip, 8080, '/rpc', 5_000);
  const across = result(
    'rpc',
    call.status === 200 && bNames.includes((call.body ?? '').trim()) ? [] : [`POST ${a0.pod.name}:8080/rpc: ${call.status ?? call.error} ${call.body ?? ''}`],
    `POST /rpc on ${a0.pod.name} ran on ${(call.body ?? '').trim()}: a and b connect with the cookie from the file`,
  );
  return [ready, mesh, across, ...cookieFileChecks(cluster, pods(), secret, () => [bin, 'eval', 'atom_to_list(erlang:get_cookie()).'])];
}

/** How a leaving node's deletion went, for {@link gracefulLeaveChecks}. */
export interface LeaveObservation {
  readonly pod: LivePod;
  readonly report: import('./termination').TerminationReport;
  /** ms from the deletion until no peer listed the node (undefined: some peer still did at the end). */
  readonly goneAtMs?: number;
  /** The longest round of asking every peer, ms: the resolution of goneAtMs. */
  readonly roundMs: number;
  /** The pod's grace period as the kubelet applies it here (scaled), ms. */
  readonly graceMs: number;
  /** The expected output of the hook: how many peers it left. */
  readonly peers: number;
  /** The leaving node's log. */
  readonly log: string;
}

/**
 * `graceful-leave`: the kubelet ran the leave hook (the release's rpc of the
 * app's leave function: exit 0, it printed how many peers it left, and the node
 * logged it), every peer lost the node before SIGTERM came (the hook lingers
 * after leaving, so that the peers are asked while the VM still runs), all within the grace period, and the VM then stopped
 * on SIGTERM with no SIGKILL.
 */
export function gracefulLeaveChecks(o: LeaveObservation): CheckResult[] {
  const c = new Check('graceful-leave');
  const hook = o.pod.preStopOutcome;
  const r = o.report;
  c.expect(hook !== undefined, `${o.pod.pod.name}: the kubelet ran no preStop hook`);
  if (hook)
    c.expect(
      hook.status === 0 && hook.out.split('\n').some((l) => l.trim() === String(o.peers)),
      `the leave hook: exit ${hook.status}: ${hook.out.slice(-300).replace(/\s+/g, ' ')}`,
    );
  c.expect(/chat: left the mesh/.test(o.log), `${o.pod.pod.name}: the node never logged that it left the mesh`);
  c.expect(o.goneAtMs !== undefined, `some peer still listed ${o.pod.pod.name} after its deletion`);
  if (o.goneAtMs !== undefined) {
    c.expect(o.goneAtMs <= r.termAtMs, `peers lost the node at ${o.goneAtMs} ms, after SIGTERM at ${r.termAtMs} ms: the hook did not make it leave`);
    c.expect(o.goneAtMs <= o.graceMs, `peers lost the node at ${o.goneAtMs} ms, after the grace period (${o.graceMs} ms)`);
  }
  c.expect(!r.killed && r.exitCode === 0, `the VM ended with ${r.killed ? 'SIGKILL' : `exit ${r.exitCode} ${r.signal ?? ''}`} at ${r.exitedAtMs} ms`);
  return [
    c.done(
      `${o.pod.pod.name}: the hook (${r.preStopMs} ms) left ${o.peers} peers; every peer lost the node at ${o.goneAtMs} ms (rounds ≤ ${o.roundMs} ms), SIGTERM at ${r.termAtMs} ms, exit 0 at ${r.exitedAtMs} ms; grace ${o.graceMs} ms, no SIGKILL`,
    ),
  ];
}
