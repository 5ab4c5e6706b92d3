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

/** One distribution connection of a node, as `net_kernel:node_info/2` describes it. */
export interface ConnectionInfo {
  readonly node: string;
  /** `#net_address.protocol`: `tcp` for inet_tcp_dist, `tls` for inet_tls_dist. */
  readonly protocol: string | null;
}

/** What e2e_mesh.erl reports about its node (see e2e/e2e_mesh.erl). */
export interface NodeReport {
  readonly node: string;
  /** `init:get_argument(proto_dist)`; null when absent (inet_tcp). */
  readonly proto_dist?: string | null;
  /** `init:get_argument(ssl_dist_optfile)`, if given. */
  readonly ssl_dist_optfile?: string | null;
  /** The node's connections when it last reported. */
  readonly connections?: readonly ConnectionInfo[];
  readonly started_at?: number;
  readonly mesh_at?: number | null;
  readonly nodes?: readonly string[];
  readonly peers?: readonly PeerProbe[];
  /** Pings that answered pang while nodes() was already full, then pong on a retry. */
  readonly transient_pangs?: number;
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
  readonly pid?: number;
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

/** Where a pod's Secret/ConfigMap volumes live on the host, and where mount points may be created. */
export interface VolumeHost {
  /** This pod's volume directories (the kubelet's `pods/<uid>/volumes`), one subdirectory per volume. */
  readonly podVolumesDir: string;
  /** The only directory under which a volume's mountPath may lie: the e2e check creates mount points nowhere else. */
  readonly mountRoot: string;
}

/**
 * Writes the pod's volumes as the kubelet would and returns `mount` arguments
 * (source, target, options) that bind them at their mountPath. The bind mounts
 * happen inside the mount namespace that `ip netns exec` creates for each
 * command, so every pod sees its own files at the same path and nothing
 * is mounted on the host; the host only gets the empty mount point.
 */
export function prepareVolumes(launch: NodeLaunch, host: VolumeHost): string[] {
  return launch.volumes.flatMap((v) => {
    const target = path.resolve(v.mountPath);
    const inside = path.relative(host.mountRoot, target);
    if (inside === '' || inside.split(path.sep)[0] === '..' || path.isAbsolute(inside)) {
      throw new Error(
        `${launch.pod.name}: volume ${v.name} mounts at ${v.mountPath}, outside ${host.mountRoot}, the only place this e2e check creates mount points`,
      );
    }
    const source = path.join(host.podVolumesDir, v.name);
    fs.mkdirSync(source, { recursive: true, mode: 0o700 });
    for (const [file, content] of Object.entries(v.files)) {
      fs.mkdirSync(path.dirname(path.join(source, file)), { recursive: true, mode: 0o700 });
      fs.writeFileSync(path.join(source, file), content, { mode: 0o600 });
    }
    fs.mkdirSync(target, { recursive: true, mode: 0o700 });
    return [source, target, v.readOnly ? 'ro' : 'rw'];
  });
}

/** `sh -c` script: bind-mounts `<source> <target> <options>` triples up to `--`, then execs erl with the rest. */
const MOUNT_THEN_ERL = 'while [ "$1" != -- ]; do mount --bind -o "$3" "$1" "$2" || exit 1; shift 3; done; shift; exec erl "$@"';

/**
 * Starts the pod's node: `erl <args from the env>` with the resolved container
 * env as its environment (so erl applies ERL_AFLAGS itself), then the probe.
 * The image's own env is reduced to PATH, a private HOME and a locale. The
 * pod's Secret/ConfigMap volumes are bind-mounted first (see {@link prepareVolumes}).
 */
export function startNode(
  sandbox: Sandbox,
  ns: string,
  launch: NodeLaunch,
  opts: {
    readonly probeDir: string;
    readonly podDir: string;
    readonly peers: readonly string[];
    readonly deadlineMs: number;
    readonly lingerMs: number;
    /** Required when the launch has volumes. */
    readonly volumeHost?: VolumeHost;
  },
): RunningNode {
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
  if (launch.volumes.length > 0 && !opts.volumeHost) throw new Error(`${launch.pod.name} has volumes, but no place to write them`);
  const mounts = launch.volumes.length > 0 ? prepareVolumes(launch, opts.volumeHost!) : [];
  const command = mounts.length > 0 ? netnsExec(ns, 'sh', ['-c', MOUNT_THEN_ERL, 'sh', ...mounts, '--', ...args]) : netnsExec(ns, 'erl', args);
  const fd = logTo(logFile);
  // cwd: a crash dump, if any, lands in the pod's directory.
  const child = spawn('ip', command, { env, cwd: opts.podDir, stdio: ['ignore', fd, fd] });
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
    await new Promise((r) => {
      setTimeout(r, everyMs);
    });
  }
  return true;
}

/** Whether the node has finished (full mesh or deadline), or died without finishing. */
export function settled(node: RunningNode): boolean {
  return readReport(node)?.final === true || node.child.exitCode !== null || node.child.signalCode !== null;
}

/** The TCP sockets listening in `ns`, with the owning process' name. */
export function listeners(ns: string): Listener[] {
  return sh('ip', netnsExec(ns, 'ss', ['-Hltnp']))
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      const port = line.match(/\S+:(\d+)\s+\S+:\*/);
      const proc = line.match(/users:\(\("([^"]+)",pid=(\d+)/);
      return port ? [{ port: Number(port[1]), process: proc ? proc[1] : '?', pid: proc ? Number(proc[2]) : undefined }] : [];
    });
}

/** The distinct ports `process` listens on in `ns` (IPv4 and IPv6 sockets count once). */
export function portsOf(all: readonly Listener[], process: string): number[] {
  return [...new Set(all.filter((l) => l.process === process).map((l) => l.port))].sort((a, b) => a - b);
}
