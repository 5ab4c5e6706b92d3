/**
 * The grammar of the emulator flags that `erl` reads from the environment, in
 * one place: the constructs write flags with it, and the construct-time checks
 * and the manifest checks read env back with it.
 *
 * `erl` splits ERL_AFLAGS, ERL_FLAGS and ERL_ZFLAGS on white space and reads them
 * in that order (ERL_AFLAGS before the command line, ERL_ZFLAGS last); for a
 * repeated `-kernel` parameter, the last value wins. A flag is a token starting
 * with '-' or '+'; the tokens up to the next flag are its arguments, and
 * `-kernel` takes parameter/value pairs. Epmd-less releases read ERL_DIST_PORT
 * in their start script (`-erl_epmd_port`, relx and mix, OTP 23+).
 */

/** The env variables that carry emulator flags, in the order erl reads them. */
export const FLAG_ENV = ['ERL_AFLAGS', 'ERL_FLAGS', 'ERL_ZFLAGS'] as const;
/** The env variable of the epmd-less distribution port. */
export const DIST_PORT_ENV = 'ERL_DIST_PORT';

/** One flag and its arguments, e.g. `{ flag: '-kernel', args: ['inet_dist_listen_min', '9100'] }`. */
export interface ErlFlag {
  readonly flag: string;
  readonly args: readonly string[];
}

/**
 * Flags that decide how a node takes part in distribution: its name mode,
 * cookie, carrier, epmd and listen port. ErlangStatefulCluster owns them.
 */
export const DISTRIBUTION_FLAGS: readonly string[] = [
  '-name',
  '-sname',
  '-setcookie',
  '-proto_dist',
  '-ssl_dist_optfile',
  '-erl_epmd_port',
  '-start_epmd',
  '-epmd_module',
  '-dist_listen',
  '-connect_all',
  '-hidden',
];
/** `-kernel` parameters with the same role. */
export const DISTRIBUTION_KERNEL_PARAMS: readonly string[] = ['inet_dist_listen_min', 'inet_dist_listen_max', 'inet_dist_use_interface'];

/** The flags in one env value (none when it is unset), in order. */
export function parseErlFlags(text: string | undefined): ErlFlag[] {
  if (text === undefined) return [];
  const flags: { flag: string; args: string[] }[] = [];
  for (const [token] of text.matchAll(/\S+/g)) {
    if (/^[-+]/.test(token)) flags.push({ flag: token, args: [] });
    else flags[flags.length - 1]?.args.push(token); // a leading argument without a flag is ignored, as erl does
  }
  return flags;
}

/** `-kernel` parameter/value pairs of `flags`, in order. */
export function kernelParams(flags: readonly ErlFlag[]): [string, string][] {
  return flags
    .filter((f) => f.flag === '-kernel')
    .flatMap((f) => {
      const pairs: [string, string][] = [];
      for (let i = 0; i + 1 < f.args.length; i += 2) pairs.push([f.args[i]!, f.args[i + 1]!]);
      return pairs;
    });
}

/** The distribution flags (and `-kernel` parameters) that `text` sets, e.g. `['-sname', '-kernel inet_dist_listen_min']`. */
export function distributionFlagsIn(text: string): string[] {
  const flags = parseErlFlags(text);
  return [
    ...flags.filter((f) => DISTRIBUTION_FLAGS.includes(f.flag)).map((f) => f.flag),
    ...kernelParams(flags)
      .filter(([p]) => DISTRIBUTION_KERNEL_PARAMS.includes(p))
      .map(([p]) => `-kernel ${p}`),
  ];
}

/** The kernel flags that pin the listen port to exactly `port`. */
export function distPortFlags(port: number): string {
  return `-kernel inet_dist_listen_min ${port} inet_dist_listen_max ${port}`;
}

/** The flags that switch distribution to TLS with the optfile at `optfile`. */
export function tlsDistFlags(optfile: string): string {
  return `-proto_dist inet_tls -ssl_dist_optfile ${optfile}`;
}

/**
 * The port the node's distribution listens on, from literal env values:
 * ERL_DIST_PORT (epmd-less) first, else a listen range of one port pinned in
 * the flag variables (the last setting wins), else undefined.
 */
export function listenPort(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const epmdless = env[DIST_PORT_ENV];
  if (epmdless !== undefined) return /^\d+$/.test(epmdless) ? Number(epmdless) : undefined;
  let min: string | undefined;
  let max: string | undefined;
  for (const name of FLAG_ENV) {
    for (const [param, value] of kernelParams(parseErlFlags(env[name]))) {
      if (param === 'inet_dist_listen_min') min = value;
      if (param === 'inet_dist_listen_max') max = value;
    }
  }
  // An unset min is undefined, which String() makes 'undefined', not digits.
  return min === max && /^\d+$/.test(String(min)) ? Number(min) : undefined;
}

/** Whether the env runs the node without epmd: ERL_DIST_PORT is set, by value or from a source. */
export function isEpmdless(envNames: readonly string[]): boolean {
  return envNames.includes(DIST_PORT_ENV);
}

/**
 * The first argument of `flag` (e.g. `-proto_dist`) in the flag variables of
 * literal env values, or undefined when none sets it; the last setting wins, as in erl.
 */
export function flagArgument(env: Readonly<Record<string, string | undefined>>, flag: string): string | undefined {
  let value: string | undefined;
  for (const name of FLAG_ENV) {
    for (const f of parseErlFlags(env[name])) if (f.flag === flag) value = f.args[0];
  }
  return value;
}

/** What relx's and mix's start scripts add to erl's arguments for ERL_DIST_PORT (OTP 23+): nothing without it. */
export function epmdlessArgs(env: Readonly<Record<string, string | undefined>>): string[] {
  const port = env[DIST_PORT_ENV];
  return port === undefined ? [] : ['-start_epmd', 'false', '-erl_epmd_port', port];
}
