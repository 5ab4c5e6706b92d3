/** Checks of values: integers and ports, quantities and sizes, enumerations, CIDRs, uniqueness. */
import { isIPv4, isIPv6 } from 'net';
import type { Size } from 'cdk8s';
import { PersistentVolumeReclaimPolicy } from 'cdk8s-plus-28';
import type { Cpu, EnvValue } from 'cdk8s-plus-28';
import { ConfigError } from '../core/errors';
import { sizeQuantity } from '../kubernetes/size-quantity';

// Kubernetes' own Quantity grammar (k8s.io/apimachinery/pkg/api/resource).
const QUANTITY = /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;
/** Access modes a PersistentVolumeClaim accepts. */
export const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const;
/** Reclaim policies a local PersistentVolume accepts (`Recycle` is deprecated and refused for local volumes). */
export const RECLAIM_POLICIES: readonly PersistentVolumeReclaimPolicy[] = [PersistentVolumeReclaimPolicy.RETAIN, PersistentVolumeReclaimPolicy.DELETE];
/** Kubernetes' NodePort range (the apiserver's default --service-node-port-range). */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;
/** Image pull policies a container accepts. */
export const IMAGE_PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
/** A PodDisruptionBudget's unhealthyPodEvictionPolicy. */
export const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'] as const;
/** Kubernetes int32 fields (replicas, probe thresholds, ...). */
export const MAX_INT32 = 2 ** 31 - 1;

/** Number.isInteger as a type guard: it is false for every non-number, strings like '3' included. */
export const isInteger = (value: unknown): value is number => Number.isInteger(value);

export function checkInteger(where: string, prop: string, value: unknown, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  // No `(value as number) < min` here: StrykerJS's instrumenter drops those parentheses and the result does not parse.
  if (!isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new ConfigError(where, prop, value, `must be an integer ${range}`);
  }
  return value;
}

export function checkPort(where: string, prop: string, value: unknown): number {
  return checkInteger(where, prop, value, 1, 65535);
}

export function checkNodePort(where: string, prop: string, value: unknown): number {
  return checkInteger(where, prop, value, NODE_PORT_RANGE.min, NODE_PORT_RANGE.max);
}

/** The power of ten of each decimal suffix, and of two of each binary one (resource.Quantity's suffixes). */
const DECIMAL_EXPONENT: Readonly<Record<string, number>> = { '': 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_EXPONENT: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const QUANTITY_SUFFIX: Readonly<Record<string, number>> = {
  ...Object.fromEntries(Object.entries(DECIMAL_EXPONENT).map(([s, e]) => [s, 10 ** e])),
  ...Object.fromEntries(Object.entries(BINARY_EXPONENT).map(([s, e]) => [s, 2 ** e])),
};

/** A Kubernetes quantity as a number ('1Gi' → 1073741824, '500m' → 0.5), for comparing; NaN if it is not one. */
export function quantityValue(q: string): number {
  // Looser than QUANTITY ('1..2', '1x'), but each such string comes out NaN: Number() or the suffix table refuses it.
  const m = /^([+-]?[0-9.]+)(?:([eE][+-]?[0-9.]+)|([a-zA-Z]*))$/.exec(q);
  if (!m) return Number.NaN;
  if (m[2] !== undefined) return Number(`${m[1]}${m[2]}`);
  // Group 3 takes part whenever group 2 does not; an unknown suffix gives NaN.
  return Number(m[1]) * (QUANTITY_SUFFIX[m[3]!] ?? Number.NaN);
}

/**
 * Whether the apiserver warns `fractional byte value "512m" is invalid, must be an integer` for a
 * memory, ephemeral-storage or storage quantity (pkg/api/pod/warnings.go, pkg/api/persistentvolumeclaim):
 * its milli-value, rounded up as resource.Quantity's MilliValue() does, is not a whole number of
 * thousands. Exact (BigInt): '512m' and '1.1Gi' are fractional, '0.5Ki' and '1e3' are not. A
 * string that is not a non-negative quantity is not judged here (checkQuantity and the schema are).
 */
export function isFractionalBytes(q: string): boolean {
  const m = /^\+?([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+)|([a-zA-Z]*))$/.exec(q);
  if (!m || !QUANTITY.test(q)) return false;
  const [, whole, fraction = '', exponent, suffix = ''] = m;
  const digits = BigInt(`${whole}${fraction}`);
  const scaled = digits * BigInt(2) ** BigInt(BINARY_EXPONENT[suffix] ?? 0);
  // milli = ceil(scaled * 10^power); a suffix outside both tables fails QUANTITY above.
  const power = 3 - fraction.length + (exponent === undefined ? (DECIMAL_EXPONENT[suffix] ?? 0) : Number(exponent));
  const ten = BigInt(10) ** BigInt(Math.abs(power));
  const milli = power >= 0 ? scaled * ten : (scaled + ten - BigInt(1)) / ten;
  return milli % BigInt(1000) !== BigInt(0);
}

/** A quantity of bytes (memory, ephemeral-storage, storage): positive, and a whole number of bytes. */
export function checkByteQuantity(where: string, prop: string, value: unknown): string {
  const q = checkQuantity(where, prop, value);
  if (isFractionalBytes(q)) {
    throw new ConfigError(
      where,
      prop,
      value,
      "must be a whole number of bytes such as '512Mi' or '1G' (no 'm' suffix or fraction of a byte): the apiserver only warns 'fractional byte value', and the pod or claim cannot work",
    );
  }
  return q;
}

export function checkQuantity(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || !QUANTITY.test(value) || value.startsWith('-') || Number.parseFloat(value) === 0) {
    throw new ConfigError(where, prop, value, "must be a positive Kubernetes quantity such as '1Gi' or '500Mi'");
  }
  return value;
}

/** A cdk8s-plus `Cpu`, from any copy of cdk8s-plus (duck-typed: its public `amount` string, e.g. '250m'). */
export function isCpu(value: unknown): value is Cpu {
  const v = value as { amount?: unknown } | null;
  return v !== null && typeof v === 'object' && typeof v.amount === 'string';
}

/**
 * A cdk8s-plus `EnvValue`, from any copy of any cdk8s-plus-N: its class's jsii type name.
 * A plain `{ value }` object is not one, so that a typo such as `{ vaule }` cannot pass.
 */
export function isEnvValue(value: unknown): value is EnvValue {
  // A primitive's constructor is a built-in one, without jsii's type info.
  const type = (value as { constructor?: Record<symbol, { fqn?: unknown } | undefined> } | null | undefined)?.constructor;
  const rtti = type?.[Symbol.for('jsii.rtti')];
  return typeof rtti?.fqn === 'string' && /^cdk8s-plus-\d+\.EnvValue$/.test(rtti.fqn);
}

/** A cdk8s `Size` as the quantity it is written as (`Size.gibibytes(10)` is '10Gi'), checked as one. */
export function checkSizeQuantity(where: string, prop: string, value: Size): string {
  return checkQuantity(where, prop, sizeQuantity(value));
}

export function checkOneOf<T extends string>(where: string, prop: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new ConfigError(where, prop, value, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  }
  return value as T;
}

/**
 * One of the instances of an enum-like class (SecurityProfile, CookieDelivery): given as
 * itself, from any copy of the package (`isInstance`), or by its `value`, as a configuration
 * file or a JavaScript caller names it.
 */
export function checkOneOfInstances<T extends { readonly value: string }>(
  where: string,
  prop: string,
  given: unknown,
  all: readonly T[],
  isInstance: (x: unknown) => x is T,
): T {
  if (isInstance(given)) return given;
  const value = checkOneOf(
    where,
    prop,
    given,
    all.map((x) => x.value),
  );
  return all.find((x) => x.value === value)!;
}

/** An IPv4 or IPv6 CIDR such as '10.0.0.0/8' or 'fd00::/8', as a NetworkPolicy ipBlock takes it. */
export function checkCidr(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || !isCidr(value)) throw new ConfigError(where, prop, value, "must be a CIDR such as '10.0.0.0/8' or 'fd00::/8'");
  return value;
}

/** An IPv4 or IPv6 address (Node's own parser; no zone id, which an ipBlock refuses) and a prefix length that fits it. */
export function isCidr(value: string): boolean {
  const [ip, bits, extra] = value.split('/') as [string, string?, string?];
  const maxBits = isIPv4(ip) ? 32 : isIPv6(ip) && !ip.includes('%') ? 128 : -1;
  return extra === undefined && bits !== undefined && /^\d{1,3}$/.test(bits) && Number(bits) <= maxBits;
}

/** Network protocols a NetworkPolicy port accepts. */
export const NETWORK_PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

/** Throws when two entries share a key, e.g. two ports named `http`. */
export function checkUnique<T>(where: string, prop: string, items: readonly T[], key: (item: T) => unknown, what: string): void {
  const seen = new Map<unknown, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) {
      throw new ConfigError(where, `${prop}[${i}]`, k, `${what} is already used by ${prop}[${first}]; each must be unique`);
    }
    seen.set(k, i);
  });
}
