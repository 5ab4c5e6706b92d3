/**
 * A cdk8s `Size` as a Kubernetes quantity, through the API that every cdk8s of the
 * peer range has: `Size.asString()` is newer than cdk8s 2.68.12, `toKibibytes()` is not.
 * The quantity is the size in the largest binary unit that holds it whole
 * (`Size.gibibytes(5)` is '5Gi', `Size.mebibytes(1536)` '1536Mi', `Size.mebibytes(1024)`
 * '1Gi'), so that every cdk8s writes the same manifest for the same size.
 */
import { Size, SizeRoundingBehavior } from 'cdk8s';

/** Binary suffixes, largest first, with their size in KiB. */
const UNITS: readonly (readonly [string, number])[] = [
  ['Pi', 1024 ** 4],
  ['Ti', 1024 ** 3],
  ['Gi', 1024 ** 2],
  ['Mi', 1024],
  ['Ki', 1],
];

/** Whether `value` is a cdk8s `Size`, from any copy of cdk8s: it converts to KiB. */
export function isSize(value: unknown): value is Size {
  const v = value as Partial<Size> | null;
  return v !== null && typeof v === 'object' && typeof v.toKibibytes === 'function';
}

/**
 * The quantity of a size: a whole number of the largest binary unit that divides it. A size
 * that no unit holds whole (a fraction of a byte, which the apiserver refuses) is given in
 * the largest unit of which it is at least one, as it was most likely written ('1.1Gi');
 * zero is '0'.
 */
export function sizeQuantity(size: Size): string {
  const kib = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (kib === 0) return '0';
  const [suffix, per] = UNITS.find(([, n]) => Number.isInteger(kib / n)) ?? UNITS.find(([, n]) => Math.abs(kib) / n >= 1) ?? (['Ki', 1] as const);
  return `${kib / per}${suffix}`;
}
