/**
 * A command run inside a live container, as the kubelet runs exec probes and
 * preStop hooks (and `kubectl exec`): in the mount and network namespaces of
 * the container's main process, with the container's env, in its working
 * directory, killed at the timeout. Asynchronous, so that the kubelet's loop
 * never blocks on it.
 */
import { spawn } from 'child_process';

/** How the command ended. */
export interface ExecOutcome {
  /** Exit status; null when killed (timeout) or when it could not start. */
  readonly status: number | null;
  readonly timedOut: boolean;
  readonly out: string;
}

export function execInContainer(
  pid: number,
  env: ReadonlyMap<string, string>,
  workingDir: string,
  argv: readonly string[],
  timeoutMs: number,
): Promise<ExecOutcome> {
  return new Promise((resolve) => {
    let out = '';
    let timedOut = false;
    const child = spawn('nsenter', ['-t', String(pid), '-m', '-n', `--wd=${workingDir}`, ...argv], {
      env: { PATH: process.env.PATH, HOME: '/tmp', LANG: 'C.UTF-8', ...Object.fromEntries(env) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const append = (b: Buffer) => {
      if (out.length < 4096) out += b.toString('utf8');
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ status: null, timedOut, out: e.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ status: timedOut ? null : code, timedOut, out: out.trim() });
    });
  });
}
