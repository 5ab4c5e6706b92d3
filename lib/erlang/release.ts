/**
 * The kind of release the image runs, and what that kind needs: the env its
 * start script reads, where the dist port is pinned, and the lines the
 * release itself must carry.
 *
 * Mix releases (Elixir, Phoenix) read `RELEASE_NODE`, `RELEASE_COOKIE` and
 * `RELEASE_DISTRIBUTION`. Their `bin/app rpc|remote|stop|pid` start a second
 * VM that reads `ERL_AFLAGS` too, so a port pinned there makes those commands
 * fail with `eaddrinuse`; the pin goes into `rel/vm.args.eex`, which only the
 * node reads (remote VMs read `remote.vm.args`).
 *
 * rebar3/relx releases read `RELX_COOKIE`, take the node name from
 * `config/vm.args.src`, and turn `ERL_DIST_PORT` into epmd-less flags. Their
 * remote commands use erl_call or `-dist_listen false`, so the pin can live in
 * `ERL_AFLAGS` with no change to the release.
 */
import { brand, hasBrand } from '../core/brand';
import { DistPortPin } from './distribution';
import { ENV } from './env';

/** Kinds of release. */
export enum ReleaseKind {
  /** An Elixir mix release (`mix release`, Phoenix's `mix phx.gen.release`). */
  MIX = 'mix',
  /** A rebar3/relx release (Erlang). */
  RELX = 'relx',
}

/** One line that a release must carry for the manifests to work. */
export interface ReleaseConfigLine {
  /** The file in the application's source tree, e.g. `rel/vm.args.eex`. */
  readonly path: string;
  /** The line, exactly. */
  readonly line: string;
  /** What it is for. */
  readonly reason: string;
}

/** The distribution settings that decide a release's lines. */
export interface ReleaseDistribution {
  /** The distribution port. */
  readonly port: number;
  /** Whether the node runs without epmd. */
  readonly epmdless: boolean;
  /** Where the port is pinned. */
  readonly pin: DistPortPin;
  /** Whether the node reads its cookie from `$HOME/.erlang.cookie` (`CookieDelivery.FILE`) rather than from env. @default false */
  readonly cookieFile?: boolean;
}

/** The release an ErlangStatefulCluster's image runs. */
export class ErlangRelease {
  /** Whether `x` is an ErlangRelease, from this or any other copy of this package. */
  public static isErlangRelease(x: unknown): x is ErlangRelease {
    return hasBrand(x, 'ErlangRelease');
  }

  /**
   * An Elixir mix release. The manifests set `RELEASE_DISTRIBUTION`, `RELEASE_NODE`
   * and `RELEASE_COOKIE`; the dist port is pinned in `rel/vm.args.eex` (see
   * `ErlangStatefulCluster.releaseConfiguration` for the exact lines).
   */
  public static mix(): ErlangRelease {
    return new ErlangRelease(ReleaseKind.MIX);
  }

  /**
   * A rebar3/relx release. `config/vm.args.src` names the node from `RELEASE_NODE`
   * and the cookie from `RELX_COOKIE`; the dist port is pinned through `ERL_AFLAGS`.
   */
  public static relx(): ErlangRelease {
    return new ErlangRelease(ReleaseKind.RELX);
  }

  private constructor(
    /** The kind of release. */
    public readonly kind: ReleaseKind,
  ) {
    brand(this, 'ErlangRelease');
  }

  /**
   * Where this kind pins the dist port unless told otherwise.
   * @internal
   */
  public get _defaultPin(): DistPortPin {
    return this.kind === ReleaseKind.MIX ? DistPortPin.RELEASE : DistPortPin.ERL_AFLAGS;
  }

  /**
   * Whether the start script reads `RELX_COOKIE` (relx) rather than only `RELEASE_COOKIE` (mix).
   * @internal
   */
  public get _readsRelxCookie(): boolean {
    return this.kind === ReleaseKind.RELX;
  }

  /**
   * Whether the start script turns `ERL_DIST_PORT` into epmd-less flags (relx does; mix does not).
   * @internal
   */
  public get _readsErlDistPort(): boolean {
    return this.kind === ReleaseKind.RELX;
  }

  /**
   * The lines the release must carry, in file order. Pure. Internal: the public spelling is
   * `ErlangStatefulCluster.releaseConfiguration`.
   * @internal
   */
  public _configLines(d: ReleaseDistribution): ReleaseConfigLine[] {
    if (this.kind === ReleaseKind.RELX) return relxLines(d);
    return d.cookieFile === true ? [...mixLines(d), ...mixCookieFileLines()] : mixLines(d);
  }

  /** The kind's name, e.g. 'mix'. */
  public toString(): string {
    return this.kind;
  }
}

const VM_ARGS_EEX = 'rel/vm.args.eex';
const REMOTE_VM_ARGS_EEX = 'rel/remote.vm.args.eex';
const VM_ARGS_SRC = 'config/vm.args.src';
const MIX_EXS = 'mix.exs';

function pinLine(port: number): string {
  return `-kernel inet_dist_listen_min ${port} inet_dist_listen_max ${port}`;
}

function mixLines(d: ReleaseDistribution): ReleaseConfigLine[] {
  if (d.epmdless) {
    return [
      { path: VM_ARGS_EEX, line: `-start_epmd false -erl_epmd_port ${d.port}`, reason: 'the node runs without epmd and listens on the dist port' },
      {
        path: REMOTE_VM_ARGS_EEX,
        line: `-start_epmd false -erl_epmd_port ${d.port} -dist_listen false`,
        reason: 'rpc, remote, stop and pid reach the node on the dist port without epmd, and do not listen themselves',
      },
    ];
  }
  if (d.pin === DistPortPin.RELEASE) return [{ path: VM_ARGS_EEX, line: pinLine(d.port), reason: 'the node, and only the node, listens on the dist port' }];
  return [];
}

/** `${VAR}`, as relx substitutes it into vm.args.src at boot. */
function relxVar(name: string): string {
  return `\${${name}}`;
}

/**
 * mix's start script always passes `-setcookie "$RELEASE_COOKIE"` and exports
 * `RELEASE_COOKIE`, read from `releases/COOKIE` when unset or empty; a second,
 * empty `-setcookie` makes the VM ignore both and read `$HOME/.erlang.cookie`
 * (OTP's auth takes a command-line cookie only when exactly one is given).
 * `rpc`, `remote`, `stop` and `pid` read remote.vm.args. The release's
 * `cookie: ""` makes `releases/COOKIE` empty, so no VM's env or argv holds a cookie.
 */
function mixCookieFileLines(): ReleaseConfigLine[] {
  const reason = 'the VM ignores the -setcookie that the start script passes and reads $HOME/.erlang.cookie';
  return [
    { path: VM_ARGS_EEX, line: '-setcookie', reason },
    { path: REMOTE_VM_ARGS_EEX, line: '-setcookie', reason: `${reason} (rpc, remote, stop, pid)` },
    {
      path: MIX_EXS,
      line: 'cookie: ""',
      reason:
        'in the release\'s options under releases: an empty releases/COOKIE, so the start script exports RELEASE_COOKIE empty and passes -setcookie "": no VM holds a cookie in its env or arguments',
    },
  ];
}

function relxLines(d: ReleaseDistribution): ReleaseConfigLine[] {
  const lines: ReleaseConfigLine[] = [{ path: VM_ARGS_SRC, line: `-name ${relxVar(ENV.RELEASE_NODE)}`, reason: 'the long node name, from the pod DNS name' }];
  // Without -setcookie, the VM and relx's script read $HOME/.erlang.cookie.
  if (d.cookieFile !== true) lines.push({ path: VM_ARGS_SRC, line: `-setcookie ${relxVar(ENV.RELX_COOKIE)}`, reason: 'the cookie, from the Secret' });
  if (d.pin === DistPortPin.RELEASE && !d.epmdless) lines.push({ path: VM_ARGS_SRC, line: pinLine(d.port), reason: 'the node listens on the dist port' });
  return lines;
}
