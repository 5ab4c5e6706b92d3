/**
 * What a node does before it stops: the container's preStop hook, filled by
 * the release kind. The kubelet runs it when the pod is deleted, then sends
 * SIGTERM (the VM runs `init:stop()`), and SIGKILL once the grace period is
 * over, counted from the deletion. So the grace period must cover the hook's
 * timeout and the VM's stop.
 */
import type { Duration } from 'cdk8s';
import { brand, hasBrand } from '../core/brand';
import { ConfigError } from '../core/errors';
import type { ErlangRelease } from './release';
import { ReleaseKind } from './release';

/** How long a leave hook may run, and how long the VM then needs to stop. */
export interface LeaveHookOptions {
  /**
   * How long the hook may run; the command is ended after it (`timeout`, from coreutils or
   * busybox, which the image must have).
   * @default Duration.seconds(20)
   */
  readonly timeout?: Duration;
  /**
   * How long the VM needs to stop once it gets SIGTERM (`init:stop()`: applications stop in
   * reverse order, mnesia writes its logs).
   * @default Duration.seconds(10)
   */
  readonly stopTime?: Duration;
}

const LEAVE_HOOK_DEFAULTS = { timeoutSeconds: 20, stopSeconds: 10 } as const;

/** A Duration's seconds, possibly fractional; NaN for anything else (a JavaScript caller's number). */
function secondsOf(d: Duration | undefined, fallback: number): number {
  if (d === undefined) return fallback;
  return typeof (d as Partial<Duration>).toSeconds === 'function' ? d.toSeconds({ integral: false }) : NaN;
}

/** The hook the node runs on deletion, before SIGTERM (the container's preStop exec hook). */
export class LeaveHook {
  /** Whether `x` is a LeaveHook, from this or any other copy of this package. */
  public static isLeaveHook(x: unknown): x is LeaveHook {
    return hasBrand(x, 'LeaveHook');
  }

  /**
   * Evaluates `expression` on the running node with the release's own remote command:
   * `<script> rpc <expression>` for a mix release (Elixir), `<script> eval <expression>` for
   * relx (Erlang, through erl_call). For example the app's leave function, which may move
   * its mnesia table copies away: `LeaveHook.releaseCommand('bin/chat', 'Chat.Store.leave()')`.
   *
   * @param script the release's start script, absolute or relative to the image's working directory
   * @param expression an Elixir (mix) or Erlang (relx) expression
   */
  public static releaseCommand(script: string, expression: string, options: LeaveHookOptions = {}): LeaveHook {
    return new LeaveHook([script], expression, options);
  }

  /** Any command, e.g. `['bin/erlang_docker', 'stop']`. */
  public static command(command: string[], options: LeaveHookOptions = {}): LeaveHook {
    return new LeaveHook([...command], undefined, options);
  }

  /**
   * The hook's timeout in whole seconds.
   * @internal
   */
  public readonly _timeoutSeconds: number;
  /**
   * The VM's stop time in whole seconds.
   * @internal
   */
  public readonly _stopSeconds: number;

  private constructor(
    private readonly argv: string[],
    private readonly expression: string | undefined,
    options: LeaveHookOptions,
  ) {
    this._timeoutSeconds = secondsOf(options.timeout, LEAVE_HOOK_DEFAULTS.timeoutSeconds);
    this._stopSeconds = secondsOf(options.stopTime, LEAVE_HOOK_DEFAULTS.stopSeconds);
    brand(this, 'LeaveHook');
  }

  /**
   * Problems with the hook's own values, for a ConfigError; empty when it is usable.
   * @internal
   */
  public _problems(): string[] {
    const out: string[] = [];
    if (this.argv.length === 0 || this.argv.some((a) => typeof a !== 'string' || a === '')) out.push('needs a non-empty command of non-empty strings');
    if (this.expression !== undefined && this.expression.trim() === '') out.push('needs a non-empty expression');
    if (!Number.isInteger(this._timeoutSeconds) || this._timeoutSeconds < 1) out.push('needs a timeout of whole seconds, at least 1, as a cdk8s Duration');
    if (!Number.isInteger(this._stopSeconds) || this._stopSeconds < 0) out.push('needs a stopTime of whole seconds, as a cdk8s Duration');
    return out;
  }

  /**
   * The preStop exec command for `release`: the release's remote command, bounded by the timeout. Pure.
   * @internal
   */
  public _commandFor(release: ErlangRelease): string[] {
    const remote = this.expression === undefined ? [] : [release.kind === ReleaseKind.MIX ? 'rpc' : 'eval', this.expression];
    return ['timeout', String(this._timeoutSeconds), ...this.argv, ...remote];
  }

  /**
   * The grace period the hook needs, in seconds: its timeout, then the VM's stop.
   * @internal
   */
  public get _graceSeconds(): number {
    return this._timeoutSeconds + this._stopSeconds;
  }

  /** The command as one line, for messages. */
  public toString(): string {
    return this.expression === undefined ? this.argv.join(' ') : `${this.argv.join(' ')} ${this.expression}`;
  }
}

/**
 * Throws unless the grace period (`graceSeconds`, resolved) covers the hook's timeout and
 * the VM's stop: the kubelet counts the grace period from the deletion, hook included.
 */
export function checkGraceCoversLeave(where: string, hook: LeaveHook | undefined, graceSeconds: number): void {
  if (hook === undefined) return;
  const problems = hook._problems();
  if (problems.length > 0) throw new ConfigError(where, 'leaveHook', String(hook), problems.join('; '));
  if (graceSeconds < hook._graceSeconds) {
    throw new ConfigError(
      where,
      'terminationGracePeriod',
      graceSeconds,
      `must cover the leave hook's timeout (${hook._timeoutSeconds} s) and the VM's stop (${hook._stopSeconds} s): at least ${hook._graceSeconds}, or a shorter hook timeout`,
    );
  }
}
