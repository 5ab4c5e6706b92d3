/**
 * Real Erlang nodes in the simulated pods: epmd, `erl` started with the
 * container env the kubelet would give it, the e2e_mesh probe that pings the
 * peers, and what the nodes report and listen on.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { netnsExec, Sandbox, sh } from './netns';
import { NodeLaunch } from './simulate';

/** What e2e_mesh.erl reports about one peer. */
export interface PeerProbe {
  readonly name: string;
  readonly address: string | null;
  readonly resolve_error: string | null;
  readonly ping: 'pong' | 'pang' | 'timeout';
}

/** What e2e_mesh.erl reports about its node (see e2e/e2e_mesh.erl). */
export interface NodeReport {
  readonly node: string;
  readonly started_at?: number;
  readonly mesh_at?: number | null;
  readonly nodes?: readonly string[];
  readonly peers?: readonly PeerProbe[];
  readonly final: boolean;
  readonly error?: string;
}

/** A node we started, and where its files are. */
export interface RunningNode {
  readonly launch: NodeLaunch;
  readonly ns: string;
  readonly reportFile: string;
  readonly logFile: string;
  readonly child: ChildProcess;
}

/** A listening TCP socket in a namespace, as `ss -ltnp` shows it. */
export interface Listener {
  readonly port: number;
  readonly process: string;
}

/** Compiles the probe module into `dir` once per run. */
export function compileProbe(dir: string): void {
  sh('erlc', ['-o', dir, path.join(__dirname, 'e2e_mesh.erl')]);
}

/** An Erlang quoted atom. */
export function erlAtom(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** An Erlang string literal. */
export function erlString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The probe's config file (file:consult terms). */
export function probeConfig(peers: readonly string[], deadlineMs: number, lingerMs: number, report: string): string {
  return [
    `{peers, [${peers.map(erlAtom).join(', ')}]}.`,
    `{deadline_ms, ${deadlineMs}}.`,
    `{linger_ms, ${lingerMs}}.`,
    `{report, ${erlString(report)}}.`,
    '',
  ].join('\n');
}

/** Opens `file` for a child's stdout/stderr. */
function logTo(file: string): number {
  return fs.openSync(file, 'a');
}

/**
 * epmd in the pod's namespace: what `epmd -daemon` (or erl itself) would start,
 * but in the foreground so that it is our child and we hold its PID.
 */
export function startEpmd(sandbox: Sandbox, ns: string, logFile: string): ChildProcess {
  const fd = logTo(logFile);
  const child = spawn('ip', netnsExec(ns, 'epmd'), { stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  return sandbox.track(child);
}

/**
 * Starts the pod's node: `erl <args from the env>` with the resolved container
 * env as its environment (so erl applies ERL_AFLAGS itself), then the probe.
 * The image's own env is reduced to PATH, a private HOME and a locale.
 */
export function startNode(sandbox: Sandbox, ns: string, launch: NodeLaunch, opts: {
  readonly probeDir: string;
  readonly podDir: string;
  readonly peers: readonly string[];
  readonly deadlineMs: number;
  readonly lingerMs: number;
}): RunningNode {
  const reportFile = path.join(opts.podDir, 'report.json');
  const logFile = path.join(opts.podDir, 'node.log');
  const configFile = path.join(opts.podDir, 'e2e.config');
  fs.writeFileSync(configFile, probeConfig(opts.peers, opts.deadlineMs, opts.lingerMs, reportFile));
  const env = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
    HOME: opts.podDir,
    LANG: 'C.UTF-8',
    ...Object.fromEntries(launch.env),
  };
  const args = [...launch.erlArgs, '-pa', opts.probeDir, '-e2e_config', configFile, '-eval', 'e2e_mesh:main()'];
  const fd = logTo(logFile);
  // cwd: a crash dump, if any, lands in the pod's directory.
  const child = spawn('ip', netnsExec(ns, 'erl', args), { env, cwd: opts.podDir, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  return { launch, ns, reportFile, logFile, child: sandbox.track(child) };
}

/** The node's latest report, or undefined before its first one. */
export function readReport(node: RunningNode): NodeReport | undefined {
  try {
    return JSON.parse(fs.readFileSync(node.reportFile, 'utf8')) as NodeReport;
  } catch {
    return undefined;
  }
}

/** The node's stdout/stderr so far. */
export function readLog(node: RunningNode): string {
  try {
    return fs.readFileSync(node.logFile, 'utf8');
  } catch {
    return '';
  }
}

/** Waits until `done()` holds, polling every `everyMs`; false when `timeoutMs` passed first. */
export async function waitUntil(done: () => boolean, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return true;
}

/** Whether the node has finished (full mesh or deadline), or died without finishing. */
export function settled(node: RunningNode): boolean {
  return readReport(node)?.final === true || node.child.exitCode !== null || node.child.signalCode !== null;
}

/** The TCP sockets listening in `ns`, with the owning process' name. */
export function listeners(ns: string): Listener[] {
  return sh('ip', netnsExec(ns, 'ss', ['-Hltnp'])).split('\n').filter(Boolean).flatMap((line) => {
    const port = line.match(/\S+:(\d+)\s+\S+:\*/);
    const proc = line.match(/users:\(\("([^"]+)"/);
    return port ? [{ port: Number(port[1]), process: proc ? proc[1] : '?' }] : [];
  });
}

/** The distinct ports `process` listens on in `ns` (IPv4 and IPv6 sockets count once). */
export function portsOf(all: readonly Listener[], process: string): number[] {
  return [...new Set(all.filter((l) => l.process === process).map((l) => l.port))].sort((a, b) => a - b);
}
