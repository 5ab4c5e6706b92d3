/**
 * How the kubelet stops a deleted pod's container, written for the e2e check
 * from the kubelet's behaviour (pkg/kubelet/pod_workers.go,
 * kuberuntime_container.go), not from lib/. One model, two uses: the live
 * kubelet follows {@link graceTimeline} when a pod is deleted, and the static
 * `termination` judgment asks it how long a node gets to stop cleanly.
 *
 * The grace period is the pod's `terminationGracePeriodSeconds` (API default
 * 30), never less than 1 s. The preStop hook, if any, runs first, bounded by
 * the grace period; then the container's main process gets SIGTERM, and
 * SIGKILL when the rest of the grace period has passed, counted from the
 * start of the deletion (the hook's time included). The kubelet always leaves
 * at least 2 s between SIGTERM and SIGKILL.
 *
 * The live scenarios divide the grace period by the probe scale (60 s → 6 s);
 * the 2 s minimum window is kept as it is, which also floors the scaled
 * grace period.
 */
import type { PodRuntimeSpec } from './kube';

/** The API default of `terminationGracePeriodSeconds`. */
export const DEFAULT_GRACE_SECONDS = 30;
/** The kubelet's minimum window between SIGTERM and SIGKILL. */
export const MIN_STOP_WINDOW_MS = 2_000;

/** When, from the start of the deletion, each step happens (ms). */
export interface GraceTimeline {
  /** The grace period in force (scaled). */
  readonly graceMs: number;
  /** How long the preStop hook may run; 0 without a hook. */
  readonly preStopBudgetMs: number;
  /** SIGTERM to the main process. */
  readonly termAtMs: number;
  /** SIGKILL, unless the container exited before. */
  readonly killAtMs: number;
}

/**
 * The timeline of one deletion. `preStopMs` is how long the hook took (the
 * live run passes the measured time; undefined when the container has no
 * hook); `scale` divides the grace period (1: the real kubelet).
 */
export function graceTimeline(spec: PodRuntimeSpec | undefined, preStopMs: number | undefined, scale = 1): GraceTimeline {
  const seconds = Math.max(1, spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS);
  const graceMs = Math.round((seconds * 1000) / scale);
  const preStopBudgetMs = preStopMs === undefined ? 0 : graceMs;
  const termAtMs = Math.min(preStopMs ?? 0, preStopBudgetMs);
  return { graceMs, preStopBudgetMs, termAtMs, killAtMs: termAtMs + Math.max(MIN_STOP_WINDOW_MS, graceMs - termAtMs) };
}

/** How a deleted pod's container ended. */
export interface TerminationReport {
  /** ms from the deletion to the preStop hook's end (0 without one). */
  readonly preStopMs: number;
  readonly termAtMs: number;
  /** ms from the deletion to the container's exit. */
  readonly exitedAtMs: number;
  readonly killAtMs: number;
  /** Whether the kubelet had to send SIGKILL. */
  readonly killed: boolean;
  readonly exitCode: number | null;
  readonly signal: string | null;
}

/** What {@link terminate} acts on: the container's main process and its hook. */
export interface Terminable {
  readonly spec: PodRuntimeSpec | undefined;
  /** Runs the preStop hook, if the container has one, bounded by `budgetMs`; resolves when it ends. Undefined: no hook. */
  readonly preStop?: (budgetMs: number) => Promise<void>;
  /** Sends a signal to the container's main process. */
  readonly signal: (sig: 'SIGTERM' | 'SIGKILL') => void;
  /** Resolves with the exit code and signal once the main process has exited. */
  readonly exited: Promise<{ code: number | null; signal: string | null }>;
}

/** Stops a container as the kubelet does, on the scaled timeline. */
export async function terminate(c: Terminable, scale: number): Promise<TerminationReport> {
  const t0 = Date.now();
  let preStopMs: number | undefined;
  if (c.preStop) {
    await c.preStop(graceTimeline(c.spec, 0, scale).graceMs);
    preStopMs = Date.now() - t0;
  }
  const timeline = graceTimeline(c.spec, preStopMs, scale);
  c.signal('SIGTERM');
  let exit: { code: number | null; signal: string | null } | undefined;
  void c.exited.then((e) => {
    exit = e;
  });
  const killWait = Math.max(0, timeline.killAtMs - (Date.now() - t0));
  let timer: NodeJS.Timeout | undefined;
  const inTime = await Promise.race([
    c.exited.then(() => true),
    new Promise<boolean>((r) => {
      timer = setTimeout(() => r(false), killWait);
    }),
  ]);
  if (timer) clearTimeout(timer);
  if (!inTime) c.signal('SIGKILL');
  const end = exit ?? (await c.exited);
  return {
    preStopMs: preStopMs ?? 0,
    termAtMs: timeline.termAtMs,
    exitedAtMs: Date.now() - t0,
    killAtMs: timeline.killAtMs,
    killed: !inTime,
    exitCode: end.code,
    signal: end.signal,
  };
}
