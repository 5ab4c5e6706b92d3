/**
 * App-wide registries (unique names, the workload index, the shared TLS
 * Certificates) that every copy of this package in one app shares. A
 * module-level map would be one per copy, so a user's app and a library built
 * on another copy would each accept an `app-sfs` StatefulSet in one namespace.
 *
 * Each registry is a non-enumerable property of the app's root construct under
 * a `Symbol.for` key, as aws-cdk caches `Stack.of` on a construct under
 * `Symbol.for('@aws-cdk/core.Stack.myStack')`. A property, not a singleton
 * child construct: a child would show in `app.node.children` and in every walk
 * of the tree (synth, validation, a user's own search for charts), while a
 * property leaves the tree as the user built it. The data is plain (strings, numbers, arrays,
 * plain objects and constructs), so another copy reads it as this one does, and
 * versioned, so that a later layout is refused, never misread.
 */
import { IConstruct } from 'constructs';
import { ConfigError } from '../core/errors';
import { sharedSymbol } from '../core/brand';

/** The layout of the registries this copy writes and reads. */
const VERSION = 1;

/** What is stored on the root construct. */
interface AppRegistry<T> {
  readonly version: number;
  /** Keyed by strings; no prototype, so no key (`constructor`, `__proto__`) is taken. */
  readonly entries: Record<string, T>;
}

/**
 * The entries of registry `name` for `scope`'s app, created empty on first use.
 * Every copy of this package gets the same object.
 */
export function appRegistry<T>(scope: IConstruct, name: string): Record<string, T> {
  const root = scope.node.root;
  const key = sharedSymbol(`registry.${name}`);
  const found = (root as unknown as Record<symbol, AppRegistry<T> | undefined>)[key];
  if (found === undefined) {
    const created: AppRegistry<T> = { version: VERSION, entries: Object.create(null) as Record<string, T> };
    Object.defineProperty(root, key, { value: created });
    return created.entries;
  }
  if (found.version !== VERSION) {
    throw new ConfigError(
      scope.node.path,
      `app registry '${name}' version`,
      found.version,
      `was written by another copy of cdk8s-erlang-cluster, which keeps it in another layout (this copy reads version ${VERSION}); install one version of the package in the app ('npm ls cdk8s-erlang-cluster' lists the copies)`,
    );
  }
  return found.entries;
}
