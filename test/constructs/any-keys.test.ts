/**
 * newApiObject: what reaches cdk8s is the caller's props themselves when no key
 * needs renaming (no copy), a copy with `constructor`/`__proto__` renamed (at
 * any depth, in arrays and Lazies, in maps without a prototype) otherwise; the
 * rendered JSON gets those keys back as ordinary own keys, and only those.
 */
import { ApiObject, JsonPatch, Lazy, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { newApiObject } from '../../lib/constructs/any-keys';

/** An API object that keeps the props it was given, and renders them as its body. */
class Probe extends ApiObject {
  public readonly got: Record<string, unknown>;
  constructor(scope: Construct, id: string, props: Record<string, unknown>) {
    super(scope, id, { apiVersion: 'v1', kind: 'Probe', ...props });
    this.got = props;
  }
}

function probe(props: Record<string, unknown>): Probe {
  return newApiObject(Probe, Testing.chart(), 'p', props);
}

class Holder {
  public readonly l = Lazy.any({ produce: () => ({ constructor: 'x' }) });
}

describe('newApiObject', () => {
  test('props with no key to rename reach cdk8s as they are, not copied: nulls, undefined, class instances included', () => {
    const props = { data: { a: '1', b: null, c: undefined, n: 2 }, list: [{ a: 1 }, 'x'], held: new Holder() };
    expect(probe(props).got).toBe(props);
  });

  test('a key to rename in any element of an array, not only the first, makes a renamed copy', () => {
    const props = { list: [{ a: 1 }, JSON.parse('{"constructor": "x"}') as object] };
    const p = probe(props);
    expect(p.got).not.toBe(props);
    expect(Object.keys((p.got.list as object[])[1]!)).toEqual(['constructor\0']);
    expect(p.toJson().list).toEqual([{ a: 1 }, JSON.parse('{"constructor": "x"}')]);
  });

  test('a map without a prototype is copied into one with Object.prototype, keys as they are', () => {
    const bare = Object.assign(Object.create(null) as Record<string, string>, { a: '1' });
    const p = probe({ data: bare });
    expect(Object.getPrototypeOf(p.got.data)).toBe(Object.prototype);
    expect(p.got.data).toEqual({ a: '1' });
    expect(p.toJson().data).toEqual({ a: '1' });
  });

  test('the restored JSON is ordinary: its keys can be changed and deleted', () => {
    const json = probe({ data: JSON.parse('{"__proto__": "p", "constructor": "c", "z": "1"}') }).toJson();
    expect(Object.keys(json.data)).toEqual(['__proto__', 'constructor', 'z']);
    json.data.constructor = 'changed';
    expect(json.data.constructor).toBe('changed');
    delete json.data.z;
    expect(Object.keys(json.data)).toEqual(['__proto__', 'constructor']);
  });

  test('keys are restored only when some were renamed: a key a JSON patch adds stays as it is', () => {
    const patched = (props: Record<string, unknown>) => {
      const p = probe(props);
      p.addJsonPatch(JsonPatch.add('/data/constructor\0', 'x'));
      return Object.keys(p.toJson().data);
    };
    expect(patched({ data: { a: '1' } })).toEqual(['a', 'constructor\0']);
    // Copied (no prototype), but nothing renamed.
    expect(patched({ data: Object.assign(Object.create(null) as object, { a: '1' }) })).toEqual(['a', 'constructor\0']);
  });
});
