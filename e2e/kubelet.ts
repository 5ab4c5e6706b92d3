/**
 * What the kubelet does with a container's env, written for the e2e check from
 * the API reference (EnvVar.value) rather than taken from lib/: the check must
 * not judge the library with the library's own reading of the rules.
 *
 * "Variable references $(VAR_NAME) are expanded using the previously defined
 * environment variables in the container. If a variable cannot be resolved,
 * the reference in the input string will be unchanged. Double $$ are reduced
 * to a single $, which allows for escaping the $(VAR_NAME) syntax." Pure.
 */
import type * as k8s from '../imports/k8s';
import { listenPort } from '../lib/erlang/flags';

/** `$$`, or `$(NAME)` with NAME up to the next `)`. */
const TOKEN = /\$\$|\$\(([^)]*)\)/g;

/** A `$(NAME)` left literal, and why. */
export interface LiteralReference {
  readonly variable: string;
  readonly reference: string;
  readonly reason: 'defined later' | 'not defined';
}

/** The expanded env in list order, and every reference left literal. */
export interface ExpandedEnv {
  readonly env: Map<string, string>;
  readonly literals: readonly LiteralReference[];
}

/**
 * Expands the env list as the kubelet does; `valueFrom` entries come from
 * `resolve` (downward API, Secrets) and are never expanded themselves.
 */
export function expandEnv(list: readonly k8s.EnvVar[], resolve: (name: string, from: k8s.EnvVarSource) => string): ExpandedEnv {
  const env = new Map<string, string>();
  const literals: LiteralReference[] = [];
  const names = new Set(list.map((v) => v.name));
  for (const v of list) {
    if (v.valueFrom) {
      env.set(v.name, resolve(v.name, v.valueFrom));
      continue;
    }
    env.set(
      v.name,
      (v.value ?? '').replace(TOKEN, (token, name: string | undefined) => {
        if (token === '$$') return '$';
        if (name !== undefined && name !== '' && env.has(name)) return env.get(name)!;
        literals.push({ variable: v.name, reference: name ?? '', reason: names.has(name ?? '') ? 'defined later' : 'not defined' });
        return token;
      }),
    );
  }
  return { env, literals };
}

/**
 * The dist port an env pins, read with lib/erlang/flags.ts, the one grammar of
 * ERL_AFLAGS/ERL_ZFLAGS/ERL_FLAGS/ERL_DIST_PORT: `ERL_DIST_PORT` (epmd-less),
 * else `-kernel inet_dist_listen_min N inet_dist_listen_max N`; undefined when
 * the env pins none (or pins a range).
 */
export function pinnedDistPort(env: ReadonlyMap<string, string>): number | undefined {
  return listenPort(Object.fromEntries(env));
}
