/**
 * A cdk8s Size as a Kubernetes quantity, read through the API every cdk8s of the peer
 * range has (cdk8s 2.68.12's Size has toKibibytes() but no asString()).
 */
import { Size } from 'cdk8s';
import { isSize, sizeQuantity } from '../../lib/kubernetes/size-quantity';

describe('isSize', () => {
  test('a Size of this cdk8s, or any object that converts to KiB as a Size does (an older cdk8s)', () => {
    expect(isSize(Size.gibibytes(1))).toBe(true);
    expect(isSize({ toKibibytes: () => 1 })).toBe(true);
  });

  test('not a string, a plain object, a function, or a toKibibytes that is not a method', () => {
    const fn = Object.assign(() => 0, { toKibibytes: () => 1 });
    const candidates = [null, undefined, '1Gi', 1, {}, { asString: () => '1Gi' }, { toKibibytes: 1 }, fn];
    expect(candidates.map((c) => isSize(c))).toEqual(Array(candidates.length).fill(false));
  });
});

describe('sizeQuantity', () => {
  test('the largest binary unit that holds the size whole, else the largest of which it is at least one', () => {
    const cases: [Size, string][] = [
      [Size.kibibytes(1), '1Ki'],
      [Size.kibibytes(1536), '1536Ki'],
      [Size.mebibytes(512), '512Mi'],
      [Size.mebibytes(1024), '1Gi'],
      [Size.mebibytes(1536), '1536Mi'],
      [Size.gibibytes(1.5), '1536Mi'],
      [Size.gibibytes(5), '5Gi'],
      [Size.tebibytes(2), '2Ti'],
      [Size.gibibytes(2048), '2Ti'],
      [Size.pebibyte(3), '3Pi'],
      [Size.pebibyte(2048), '2048Pi'],
      [Size.kibibytes(0.5), '0.5Ki'],
      [Size.gibibytes(1.1), '1.1Gi'],
      [Size.mebibytes(0.25), '256Ki'],
      [Size.gibibytes(0), '0'],
    ];
    expect(cases.map(([size]) => sizeQuantity(size))).toEqual(cases.map(([, q]) => q));
  });

  test("an older cdk8s's Size (no asString()) gives the same quantity as this one's", () => {
    const older = { toKibibytes: (opts?: { rounding?: unknown }) => (opts === undefined ? 0 : 5 * 1024 * 1024) } as unknown as Size;
    expect(sizeQuantity(older)).toBe(sizeQuantity(Size.gibibytes(5)));
  });
});
