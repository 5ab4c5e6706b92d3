/**
 * Kubernetes structs (the L1 interfaces) declare optional fields without
 * `| undefined`; builders compute fields that may be absent. This drops the
 * absent ones, which the L1 serializer would drop anyway, so the library
 * compiles with exactOptionalPropertyTypes without a cast per field.
 */

/** `T` with each key whose value may be undefined made optional and defined. */
export type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** A copy of `o` without its undefined fields. */
export function defined<T extends object>(o: T): Defined<T> {
  const out: Record<string, unknown> = {};
  // for-in, not Object.entries: builders call this for every object of every cluster.
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out as Defined<T>;
}
