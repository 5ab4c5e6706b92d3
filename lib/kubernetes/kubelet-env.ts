/**
 * The kubelet's `$(VAR)` expansion for container env, as a pure function
 * (k8s.io/kubernetes third_party/forked/golang/expansion). A `$(VAR)` sees only
 * variables defined *earlier* in the list; an unknown one stays literal, and
 * `$$` escapes a `$`. Tests and the e2e check use this to resolve env exactly
 * as a pod would see it.
 */
import type * as k8s from '../../imports/k8s';

const REFERENCE = /\$\(([^)]*)\)/g;

/** Expands `$(NAME)` in `input` with `lookup`; unknown names stay literal. */
export function expandReferences(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c !== '$' || i + 1 >= input.length) {
      out += c;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close === -1) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, close);
      const value = name === '' ? undefined : lookup(name);
      out += value ?? `$(${name})`;
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

/** Resolves a `valueFrom` (fieldRef, secretKeyRef, ...) the way the kubelet would. */
export type ValueFromResolver = (name: string, valueFrom: k8s.EnvVarSource) => string;

/** The container's environment as the process sees it, in list order. */
export function resolveEnv(env: readonly k8s.EnvVar[], resolveValueFrom: ValueFromResolver): Map<string, string> {
  const resolved = new Map<string, string>();
  for (const v of env) {
    const value = v.valueFrom ? resolveValueFrom(v.name, v.valueFrom) : expandReferences(v.value ?? '', (name) => resolved.get(name));
    resolved.set(v.name, value);
  }
  return resolved;
}

/** One `$(VAR)` that the kubelet would leave literal. */
export interface UnresolvedReference {
  /** The variable whose value holds the reference. */
  readonly variable: string;
  /** The referenced name. */
  readonly reference: string;
  /** Why it does not expand. */
  readonly reason: 'defined-later' | 'undefined';
}

/** Every `$(VAR)` that does not refer to a variable defined earlier in `env`. */
export function unresolvedReferences(env: readonly k8s.EnvVar[]): UnresolvedReference[] {
  const all = new Set(env.map((v) => v.name));
  const earlier = new Set<string>();
  const problems: UnresolvedReference[] = [];
  for (const v of env) {
    if (v.value !== undefined) {
      // `$$(X)` is an escaped literal, not a reference.
      for (const m of v.value.replace(/\$\$/g, '').matchAll(REFERENCE)) {
        const reference = m[1]!; // the pattern's one group always matches
        if (!earlier.has(reference)) {
          problems.push({ variable: v.name, reference, reason: all.has(reference) ? 'defined-later' : 'undefined' });
        }
      }
    }
    earlier.add(v.name);
  }
  return problems;
}
