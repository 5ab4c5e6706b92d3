/**
 * API objects whose maps may have any key. A label, annotation or nodeSelector
 * key may be `constructor`, and a map of free keys (a CSI volume's
 * `volumeAttributes`) may even hold `__proto__`; cdk8s' `ApiObject.toJson()`
 * renders neither: it reads `obj.constructor.name` of every map (a map with a
 * `constructor` key throws "can't render non-simple object") and copies keys by
 * assignment (a `__proto__` key is dropped). So the props go to cdk8s with those
 * keys renamed, and the rendered JSON gets them back, as own keys, in place.
 */
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';

/** The keys that cdk8s cannot render, each followed by any number of marks: renamed by one more mark, so that renaming is reversible. */
const TO_RENAME = /^(?:constructor|__proto__)\0*$/;
/** A renamed key: one of those with at least one mark. */
const RENAMED = /^(?:constructor|__proto__)\0+$/;
/** Appended to a renamed key. Nothing sorts between `k` and `k + '\0'`, so cdk8s' key sorting puts the key where it belongs. */
const MARK = '\0';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Whether renaming does anything to `value`: a key to rename, a map without Object.prototype, or a Lazy, at any depth. */
function needsRenaming(value: unknown): boolean {
  if (value instanceof Lazy) return true;
  if (Array.isArray(value)) return value.some(needsRenaming);
  if (!isPlainObject(value)) return false;
  if (Object.getPrototypeOf(value) === null) return true;
  for (const k in value) if (TO_RENAME.test(k) || needsRenaming(value[k])) return true;
  return false;
}

/** What one API object's rendering needs to know: whether any key was renamed, so that only then the JSON is walked again. */
interface Renaming {
  renamed: boolean;
}

/**
 * `value` with the keys cdk8s cannot render renamed: a copy where anything changes
 * (plain objects and arrays; a Lazy is wrapped), else `value` itself, so that the
 * common case, with no such key, costs one walk and no copy.
 */
function renameKeys(value: unknown, state: Renaming): unknown {
  if (!needsRenaming(value)) return value;
  if (value instanceof Lazy) return Lazy.any({ produce: () => renameKeys(value.produce(), state) });
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, state));
  // A plain object, whatever the user's prototype was: cdk8s cannot render one without Object.prototype either.
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const rename = TO_RENAME.test(k);
    if (rename) state.renamed = true;
    out[rename ? k + MARK : k] = renameKeys(v, state);
  }
  return out;
}

/** The inverse of renameKeys on rendered JSON: each renamed key back, as an own key, in the same place. */
function restoreKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restoreKeys);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // defineProperty, not assignment: `out['__proto__'] = v` would set the prototype instead.
    Object.defineProperty(out, RENAMED.test(k) ? k.slice(0, -MARK.length) : k, { value: restoreKeys(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * `new type(scope, id, props)`, rendered with every map key the props have,
 * `constructor` and `__proto__` included. Every API object of the constructs is
 * made with it.
 */
export function newApiObject<P, T extends ApiObject>(type: new (scope: Construct, id: string, props: P) => T, scope: Construct, id: string, props: P): T {
  const state: Renaming = { renamed: false };
  const obj = new type(scope, id, renameKeys(props, state) as P);
  const render = obj.toJson.bind(obj);
  // Lazy parts are renamed while they render, so the flag is read after render().
  obj.toJson = () => {
    const json = render();
    return state.renamed ? restoreKeys(json) : json;
  };
  return obj;
}
