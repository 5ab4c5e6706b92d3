/**
 * Running and timing commands for the benchmark: every measurement is a fresh
 * process, timed from spawn to exit by the parent.
 */
import { spawnSync } from 'child_process';

/** A command to time. */
export interface Command {
  readonly file: string;
  readonly args: readonly string[];
  /** Added to the parent's environment. */
  readonly env?: Readonly<Record<string, string>>;
}

/** One run of a command. */
export interface Run {
  readonly wallMs: number;
  readonly stdout: string;
  /** Stopped after `timeoutMs`: `wallMs` is then a lower bound. */
  readonly timedOut: boolean;
}

/** Runs `command` to completion (or `timeoutMs`); throws, with its output, when it fails. */
export function run(command: Command, cwd: string, timeoutMs?: number): Run {
  const start = performance.now();
  const result = spawnSync(command.file, command.args, {
    cwd,
    env: { ...process.env, ...command.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  const wallMs = performance.now() - start;
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') return { wallMs, stdout: '', timedOut: true };
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const shown = [command.file, ...command.args].join(' ');
    throw new Error(`${shown} exited with ${result.status ?? result.signal}:\n${result.stderr}\n${result.stdout}`.trimEnd());
  }
  return { wallMs, stdout: result.stdout, timedOut: false };
}

/** The median (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs `runs(i)` repetitions of each job, round-robin (rep 1 of every job,
 * then rep 2, ...), so that a slow moment of the machine hits all of them
 * alike instead of one. `measure(job)` does one repetition.
 */
export function roundRobin<J, R>(jobs: readonly J[], runs: (job: J) => number, measure: (job: J) => R): Map<J, R[]> {
  const results = new Map<J, R[]>(jobs.map((j) => [j, []]));
  const most = Math.max(0, ...jobs.map(runs));
  for (let rep = 0; rep < most; rep++) {
    for (const job of jobs) {
      if (rep < runs(job)) results.get(job)!.push(measure(job));
    }
  }
  return results;
}
