/**
 * The kubelet's `$(VAR)` expansion for container env, as a pure function
 * (k8s.io/kubernetes third_party/forked/golang/expansion). A `$(VAR)` sees only
 * variables defined *earlier* in the list; an unknown one stays literal, and
 * `$$` escapes a `$`. Tests and the e2e check use this to resolve env exactly
 * as a pod would see it.
 */
import type * as k8s from '../../imports/k8s';

/**
 * Scans `input` as the kubelet does: `$$` is a `$`, and each complete `$(NAME)` becomes
 * `replace(NAME)`, or stays literal when that is undefined. A `$` before anything else,
 * and a `$(` with no `)` after it, stay literal, and the scan goes on after them.
 */
function scan(input: string, replace: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    const next = input[i + 1];
    if (c === '$' && next === '$') {
      out += '$';
      i++;
      continue;
    }
    const close = c === '$' && next === '(' ? input.indexOf(')', i + 2) : -1;
    if (close === -1) {
      out += c;
      continue;
    }
    const name = input.slice(i + 2, close);
    out += replace(name) ?? `$(${name})`;
    i = close;
  }
  return out;
}

/** Expands `$(NAME)` in `input` with `lookup`; unknown names stay literal. */
export function expandReferences(input: string, lookup: (name: string) => string | undefined): string {
  // No variable is named '': `$()` always stays literal.
  return scan(input, (name) => (name === '' ? undefined : lookup(name)));
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
    // Not a string only in malformed YAML (`value: 8080`), which the schema check reports.
    if (typeof v.value === 'string') {
      scan(v.value, (reference) => {
        if (!earlier.has(reference)) problems.push({ variable: v.name, reference, reason: all.has(reference) ? 'defined-later' : 'undefined' });
        return undefined;
      });
    }
    earlier.add(v.name);
  }
  return problems;
}
