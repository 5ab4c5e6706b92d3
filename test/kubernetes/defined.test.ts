/**
 * lib/kubernetes/defined.ts.
 */
import { defined } from '../../lib/kubernetes/defined';

describe('defined', () => {
  test('copies the defined fields, null and falsy ones included, and drops the undefined ones', () => {
    const out = defined({ a: 1, b: undefined, c: null, d: 0, e: '', f: false });
    expect(out).toStrictEqual({ a: 1, c: null, d: 0, e: '', f: false });
    expect(Object.keys(out)).toEqual(['a', 'c', 'd', 'e', 'f']);
  });
});
