/**
 * Run-time shapes of props, as data. JavaScript callers have no type checker:
 * a `'false'` where a boolean belongs, an object where an array belongs, a
 * `null`, or a misspelled key (`replica: 5`) must fail at construction with a
 * ConfigError that names the prop, not deploy a default or crash deep in synth.
 * Values are checked further (ranges, grammars) by ./props.ts; this module
 * only checks what each value is.
 */
import { distance } from 'fastest-levenshtein';
import { hasBrand } from '../core/brand';
import { ConfigError } from '../core/errors';

/** What a value must be. */
export type Shape =
  | { readonly kind: 'string' | 'number' | 'boolean' | 'any' }
  | { readonly kind: 'array'; readonly of: Shape }
  | { readonly kind: 'map'; readonly of: Shape }
  | {
      readonly kind: 'object';
      readonly name: string;
      readonly fields: Readonly<Record<string, Field>>;
      readonly keys: readonly string[];
      /** Props that were renamed: old name → how to write it now. */
      readonly renamed?: Readonly<Record<string, string>> | undefined;
    }
  | { readonly kind: 'brand'; readonly brand: string; readonly hint: string }
  | { readonly kind: 'custom'; readonly test: (value: unknown) => boolean; readonly hint: string }
  | { readonly kind: 'either'; readonly shapes: readonly Shape[] };

/** A key of an object shape. */
export interface Field {
  readonly shape: Shape;
  readonly required: boolean;
}

export const str: Shape = { kind: 'string' };
export const num: Shape = { kind: 'number' };
export const bool: Shape = { kind: 'boolean' };
/** Anything: checked elsewhere (e.g. by the strict schema after synth). */
export const any: Shape = { kind: 'any' };
export const arrayOf = (of: Shape): Shape => ({ kind: 'array', of });
export const mapOf = (of: Shape): Shape => ({ kind: 'map', of });
export const either = (...shapes: Shape[]): Shape => ({ kind: 'either', shapes });
/** An instance of one of this package's classes, from any copy of it (see ../brand.ts). */
export const instanceOf = (brand: string, hint: string): Shape => ({ kind: 'brand', brand, hint });
/** Whatever passes `test`, described by `hint` ('a k8s.Quantity'). */
export const satisfying = (test: (value: unknown) => boolean, hint: string): Shape => ({ kind: 'custom', test, hint });
/** A required key. */
export const required = (shape: Shape): Field => ({ shape, required: true });
/** A closed object: `fields` are optional unless wrapped in {@link required}. */
export function object(name: string, fields: Record<string, Shape | Field>): Shape {
  const closed: Record<string, Field> = {};
  for (const [k, f] of Object.entries(fields)) closed[k] = 'shape' in f ? f : { shape: f, required: false };
  return { kind: 'object', name, fields: closed, keys: Object.keys(closed) };
}
/** The object shape `shape`, refusing each old prop name of `names` with how to write it now. */
export function renamed(shape: Shape, names: Record<string, string>): Shape {
  if (shape.kind !== 'object') throw new Error('renamed: not an object shape');
  return { ...shape, renamed: names };
}
/** An object with these keys, each of any shape; for Kubernetes structs that the strict schema checks after synth. */
export const keysOf = (name: string, keys: readonly string[]): Shape => object(name, Object.fromEntries(keys.map((k) => [k, any])));

/** What a shape is, for messages. */
function describe(shape: Shape): string {
  switch (shape.kind) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean (true or false)';
    case 'any':
      return 'any value';
    case 'array':
      return `an array whose items are each ${describe(shape.of)}`;
    case 'map':
      return `a map whose values are each ${describe(shape.of)}`;
    case 'object':
      return `an object (${shape.name})`;
    case 'brand':
    case 'custom':
      return shape.hint;
    case 'either':
      return shape.shapes.map(describe).join(' or ');
  }
}

/** What a value is, for messages. */
/** What a non-null value is, for messages (null has its own message). */
function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function matches(value: unknown, shape: Shape): boolean {
  switch (shape.kind) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'any':
      return true;
    case 'array':
      return Array.isArray(value);
    case 'map':
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'brand':
      return hasBrand(value, shape.brand);
    case 'custom':
      return shape.test(value);
    case 'either':
      return shape.shapes.some((s) => matches(value, s));
  }
}

/** The known key closest to `key`, when it is close enough to be a typo. */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = k.toLowerCase() === key.toLowerCase() ? 0 : distance(key, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  // Close: a few edits, or one word inside the other, in any case (`port` for `targetPort`).
  const [b, k] = [best.toLowerCase(), key.toLowerCase()];
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) || b.includes(k) || k.includes(b) ? best : undefined;
}

/**
 * Checks that `value` (the prop `prop` of the construct at `where`) has `shape`,
 * recursively; throws the first mismatch as a one-line ConfigError.
 */
export function checkShape(where: string, prop: string, value: unknown, shape: Shape): void {
  if (!matches(value, shape)) {
    const allowed =
      value === null
        ? `must be ${describe(shape)}; null is not allowed (leave the prop out for its default)`
        : `must be ${describe(shape)}, not ${typeOf(value)}`;
    throw new ConfigError(where, prop, value, allowed);
  }
  switch (shape.kind) {
    case 'array':
      (value as unknown[]).forEach((v, i) => checkShape(where, `${prop}[${i}]`, v, shape.of));
      break;
    case 'map':
      for (const k in value as Record<string, unknown>) {
        if (Object.prototype.hasOwnProperty.call(value, k)) checkShape(where, `${prop}.${k}`, (value as Record<string, unknown>)[k], shape.of);
      }
      break;
    case 'object':
      checkFields(where, prop, value as Record<string, unknown>, shape);
      break;
    case 'either': {
      // The value matched the either above, so one of its shapes does.
      const first = shape.shapes.find((s) => matches(value, s))!;
      checkShape(where, prop, value, first);
      break;
    }
  }
}

// Loops rather than Object.entries: this runs for every construct, thousands of times at scale.
function checkFields(where: string, prop: string, value: Record<string, unknown>, shape: Extract<Shape, { kind: 'object' }>): void {
  const path = (k: string) => (prop === '' ? k : `${prop}.${k}`);
  for (const k in value) {
    if (Object.prototype.hasOwnProperty.call(value, k) && !Object.prototype.hasOwnProperty.call(shape.fields, k)) {
      const now = shape.renamed !== undefined && Object.prototype.hasOwnProperty.call(shape.renamed, k) ? shape.renamed[k] : undefined;
      if (now !== undefined) throw new ConfigError(where, path(k), value[k], `is not a prop of ${shape.name} any more; it is now ${now}`);
      const guess = didYouMean(k, shape.keys);
      throw new ConfigError(
        where,
        path(k),
        value[k],
        `is not a prop of ${shape.name}${guess ? `; did you mean '${guess}'?` : `; known props: ${shape.keys.join(', ')}`}`,
      );
    }
  }
  for (const k of shape.keys) {
    const field = shape.fields[k]!;
    const v = value[k];
    if (v === undefined) {
      if (field.required) throw new ConfigError(where, path(k), v, `is required: ${describe(field.shape)}`);
      continue;
    }
    checkShape(where, path(k), v, field.shape);
  }
}

/** Checks a construct's whole props object: `name` is its interface's name. */
export function checkProps(where: string, name: string, props: unknown, shape: Shape): void {
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    throw new ConfigError(where, 'props', props, `must be an object (${name})`);
  }
  checkShape(where, '', props, shape);
}
