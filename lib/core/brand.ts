/**
 * Type tests that hold across copies of this package. `instanceof` fails when
 * an app loads two copies (a linked checkout, a nested install), so each class
 * marks its instances with a global symbol, as cdk8s' `Chart.isChart` does.
 */
const PREFIX = 'cdk8s-erlang-cluster.';

/** The symbol every copy of this package uses for `name`: `Symbol.for` is one registry per JavaScript realm. */
export function sharedSymbol(name: string): symbol {
  return Symbol.for(PREFIX + name);
}

/** Marks `instance` as a `name`. */
export function brand(instance: object, name: string): void {
  Object.defineProperty(instance, sharedSymbol(name), { value: true });
}

/** Whether `x` was marked as a `name` by any copy of this package. */
export function hasBrand(x: unknown, name: string): boolean {
  return x !== null && typeof x === 'object' && (x as Record<symbol, unknown>)[sharedSymbol(name)] === true;
}
