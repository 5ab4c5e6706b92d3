/**
 * Deep freezing of plain data. Only plain objects (prototype Object.prototype or
 * null) and arrays are data here; class instances (constructs, ErlangCookie,
 * SecurityProfile, cdk8s' Duration, ...) are kept as they are, neither copied nor
 * frozen. Plain data is copied before it is frozen, because it may be the caller's
 * own props, which must stay theirs to change. One object reached twice gives one
 * copy, so that sharing within the data (and an identity test on it) survives.
 */

/** A deeply frozen copy of `value`'s plain data; anything else as it is. `copies` maps each object copied so far to its copy. */
export function frozenCopy<T>(value: T, copies: Map<object, object> = new Map()): T {
  if (typeof value !== 'object' || value === null) return value;
  const done = copies.get(value);
  if (done) return done as T;
  const proto: unknown = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  // Registered before the children are copied, so that a cycle ends here.
  if (Array.isArray(value)) {
    const list: unknown[] = [];
    copies.set(value, list);
    for (const item of value as unknown[]) list.push(frozenCopy(item, copies));
    return Object.freeze(list) as T;
  }
  const copy = (proto === null ? Object.create(null) : {}) as Record<string, unknown>;
  copies.set(value, copy);
  for (const k of Object.keys(value)) {
    const c = frozenCopy((value as Record<string, unknown>)[k], copies);
    // defineProperty, so that a map key `__proto__` stays a key; assignment for the rest is faster.
    // Neither writable nor configurable: the freeze below makes every property so anyway.
    if (k === '__proto__') Object.defineProperty(copy, k, { value: c, enumerable: true });
    else copy[k] = c;
  }
  return Object.freeze(copy) as T;
}

/**
 * Freezes `target`, an object the caller made, with a deeply frozen copy of each
 * of its data properties; accessors (lazy getters) are kept.
 */
export function freezeDeeply<T extends object>(target: T): Readonly<T> {
  const copies = new Map<object, object>();
  for (const [key, d] of Object.entries(Object.getOwnPropertyDescriptors(target))) {
    if ('value' in d) Object.defineProperty(target, key, { value: frozenCopy(d.value, copies) });
  }
  return Object.freeze(target);
}
