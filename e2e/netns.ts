/**
 * Linux network namespaces as simulated pods: one namespace per pod, a veth
 * pair from each into a bridge that lives in a namespace of its own (the root
 * namespace is never touched), per-namespace /etc files (`ip netns exec`
 * bind-mounts /etc/netns/<ns>/* over /etc/*), and iptables inside the pod.
 *
 * Everything created is recorded in a {@link Sandbox} and removed by
 * {@link Sandbox.destroy}, which is synchronous so that it also runs from the
 * process' exit and signal handlers.
 */
import { ChildProcess, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ETC_NETNS = '/etc/netns';
/** Whether we created /etc/netns (then we remove it again when it is empty). */
const etcNetnsExisted = fs.existsSync(ETC_NETNS);
const live = new Set<Sandbox>();

/** Runs a command to completion and returns its stdout; throws with its stderr when it fails. */
export function sh(cmd: string, args: readonly string[], input?: string): string {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', timeout: 10_000 });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout;
}

/** `ip` arguments that run `cmd` inside namespace `ns`. */
export function netnsExec(ns: string, cmd: string, args: readonly string[] = []): string[] {
  return ['netns', 'exec', ns, cmd, ...args];
}

/** Blocks for `ms` (cleanup runs in exit handlers, where nothing asynchronous runs). */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** PIDs of the processes inside namespace `ns` (ours: we created the namespace). */
export function pidsIn(ns: string): number[] {
  const r = spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split(/\s+/).filter(Boolean).map(Number) : [];
}

/** Sends SIGKILL to `pid`; a process that is already gone is fine. */
function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // ESRCH: it exited on its own.
  }
}

/** Kills everything in namespace `ns`, deletes it and its /etc/netns files. */
function removeNamespace(ns: string): void {
  const deadline = Date.now() + 3000;
  for (let pids = pidsIn(ns); pids.length > 0 && Date.now() < deadline; pids = pidsIn(ns)) {
    pids.forEach(kill);
    sleepSync(20);
  }
  spawnSync('ip', ['netns', 'del', ns]);
  fs.rmSync(path.join(ETC_NETNS, ns), { recursive: true, force: true });
}

/** Everything one scenario creates on the machine, and its removal. */
export class Sandbox {
  private readonly namespaces: string[] = [];
  private readonly children: ChildProcess[] = [];
  private vethCount = 0;

  /** @param prefix unique per run and scenario, e.g. `e2e-1234-s1` */
  constructor(public readonly prefix: string) {
    live.add(this);
  }

  /** Creates namespace `<prefix>-<suffix>` with loopback up. */
  public addNamespace(suffix: string): string {
    const ns = `${this.prefix}-${suffix}`;
    sh('ip', ['netns', 'add', ns]);
    this.namespaces.push(ns);
    sh('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    return ns;
  }

  /** Kills everything in one of our namespaces and deletes it: a pod that is gone, with its IP. */
  public removeNamespace(ns: string): void {
    const i = this.namespaces.indexOf(ns);
    if (i < 0) throw new Error(`${ns} is not a namespace of ${this.prefix}`);
    this.namespaces.splice(i, 1);
    removeNamespace(ns);
  }

  /** Kills every process in namespace `ns` (the pod's containers) and waits until none is left; the namespace stays. */
  public killAll(ns: string): void {
    const deadline = Date.now() + 3000;
    for (let pids = pidsIn(ns); pids.length > 0; pids = pidsIn(ns)) {
      if (Date.now() > deadline) throw new Error(`processes ${pids.join(', ')} in ${ns} survived SIGKILL for 3 s`);
      pids.forEach(kill);
      sleepSync(20);
    }
  }

  /** A namespace holding only the bridge `br0`: the pod network's "switch". */
  public addBridge(): string {
    const ns = this.addNamespace('net');
    sh('ip', ['-n', ns, 'link', 'add', 'br0', 'type', 'bridge']);
    sh('ip', ['-n', ns, 'link', 'set', 'br0', 'up']);
    return ns;
  }

  /** Connects `podNs` to the bridge with a veth pair (`eth0` in the pod) and gives it `address` (CIDR). */
  public plug(bridgeNs: string, podNs: string, address: string): void {
    const veth = `veth${this.vethCount++}`;
    // Created from inside the bridge namespace, with the peer end placed straight into the pod.
    sh('ip', ['-n', bridgeNs, 'link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', podNs]);
    sh('ip', ['-n', bridgeNs, 'link', 'set', veth, 'master', 'br0', 'up']);
    sh('ip', ['-n', podNs, 'addr', 'add', address, 'dev', 'eth0']);
    sh('ip', ['-n', podNs, 'link', 'set', 'eth0', 'up']);
  }

  /** Files that `ip netns exec <ns>` shows at /etc/<name>. */
  public writeEtc(ns: string, files: Readonly<Record<string, string>>): void {
    const dir = path.join(ETC_NETNS, ns);
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  }

  /** Loads an iptables-restore ruleset into the namespace. */
  public iptables(ns: string, rules: string): void {
    sh('ip', netnsExec(ns, 'iptables-restore'), rules);
  }

  /** Records a child started in one of our namespaces, so that destroy() can kill it by PID. */
  public track(child: ChildProcess): ChildProcess {
    this.children.push(child);
    return child;
  }

  /** Kills every process in our namespaces by PID, deletes the namespaces and their /etc/netns dirs. Idempotent. */
  public destroy(): void {
    // An unreaped child cannot have had its PID reused, so killing it by PID is safe.
    this.children.filter((c) => c.exitCode === null && c.signalCode === null && c.pid !== undefined).forEach((c) => kill(c.pid!));
    this.namespaces.splice(0).reverse().forEach(removeNamespace);
    live.delete(this);
  }
}

/** Destroys every live sandbox and removes /etc/netns if we created it. */
export function destroyAll(): void {
  [...live].forEach((s) => s.destroy());
  if (!etcNetnsExisted) {
    try {
      fs.rmdirSync(ETC_NETNS); // only succeeds when empty: other tools' files stay
    } catch {
      // not empty or already gone
    }
  }
}

/**
 * Removes namespaces that an earlier run left behind when it was killed with
 * SIGKILL: `<prefix>-<pid>-…` whose pid is no longer alive.
 */
export function sweepStale(prefix: string): string[] {
  const names = sh('ip', ['netns', 'list'])
    .split('\n')
    .map((l) => l.split(' ')[0])
    .filter(Boolean);
  const stale = names.filter((n) => {
    const m = n.match(new RegExp(`^${prefix}-(\\d+)-`));
    if (!m || Number(m[1]) === process.pid) return false;
    try {
      process.kill(Number(m[1]), 0);
      return false;
    } catch {
      return true;
    }
  });
  stale.forEach(removeNamespace);
  return stale;
}

/** Why this machine cannot run the simulation, or undefined when it can. */
export function namespaceSupport(prefix: string): string | undefined {
  const ns = `${prefix}-${process.pid}-probe`;
  try {
    sh('ip', ['netns', 'add', ns]);
  } catch (e) {
    return `cannot create a network namespace (needs root/CAP_SYS_ADMIN and iproute2): ${(e as Error).message}`;
  }
  try {
    sh('ip', ['-n', ns, 'link', 'add', 'br0', 'type', 'bridge']);
    sh('ip', netnsExec(ns, 'iptables-restore'), '*filter\n-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT\nCOMMIT\n');
    sh('ip', netnsExec(ns, 'ss', ['-Hltn']));
    return undefined;
  } catch (e) {
    return `network namespaces work, but bridges, iptables (conntrack) or ss do not: ${(e as Error).message}`;
  } finally {
    removeNamespace(ns);
  }
}

/** Cleans up on every way out: normal exit, Ctrl-C, SIGTERM, and crashes. */
export function installCleanupHandlers(): void {
  process.on('exit', destroyAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      destroyAll();
      console.error(`\ne2e: interrupted by ${signal}; namespaces and processes removed`);
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
  const crash = (e: unknown) => {
    destroyAll();
    console.error('e2e: crashed:', e);
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}
