/**
 * Runs inside one simulated pod (`ip netns exec <ns> node tcp-probe.ts '<json>'`)
 * and tries a TCP connection to each target at once. Prints, as JSON, per
 * target: `connected` (something listens), `refused` (reachable, nothing
 * listens) or `timeout` (the SYN was dropped, e.g. by a NetworkPolicy).
 */
import { execFile } from 'child_process';
import * as net from 'net';

/** A destination to try. */
export interface TcpTarget {
  readonly ip: string;
  readonly port: number;
}

export type TcpOutcome = 'connected' | 'refused' | 'timeout' | `error:${string}`;

/** Tries one connection and closes it at once. */
export function tryConnect(target: TcpTarget, timeoutMs: number): Promise<TcpOutcome> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: target.ip, port: target.port });
    const done = (outcome: TcpOutcome) => {
      socket.destroy();
      resolve(outcome);
    };
    socket.setTimeout(timeoutMs, () => done('timeout'));
    socket.on('connect', () => done('connected'));
    socket.on('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED' ? 'refused' : `error:${e.code ?? e.message}`));
  });
}

if (require.main === module) {
  const { targets, timeoutMs } = JSON.parse(process.argv[2]) as { targets: TcpTarget[]; timeoutMs: number };
  void Promise.all(targets.map((t) => tryConnect(t, timeoutMs))).then((outcomes) => process.stdout.write(JSON.stringify(outcomes)));
}

/**
 * Runs this file inside namespace `ns` and returns one outcome per target.
 * Asynchronous: all sources probe at the same time, so the check costs one timeout.
 */
export function probeFrom(ns: string, targets: readonly TcpTarget[], timeoutMs: number): Promise<TcpOutcome[]> {
  const args = ['netns', 'exec', ns, process.execPath, '-r', require.resolve('sucrase/register/ts'), __filename, JSON.stringify({ targets, timeoutMs })];
  return new Promise((resolve, reject) => {
    execFile('ip', args, { timeout: timeoutMs + 10_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`TCP probe in ${ns} failed: ${stderr || err.message}`));
      else resolve(JSON.parse(stdout) as TcpOutcome[]);
    });
  });
}
