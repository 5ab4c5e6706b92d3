/** Checks of values: integers and ports, quantities and sizes, enumerations, CIDRs, uniqueness. */
import { isIPv4, isIPv6 } from 'net';
import type { Size } from 'cdk8s';
import { ConfigError } from '../errors';

// Kubernetes' own Quantity grammar (k8s.io/apimachinery/pkg/api/resource).
const QUANTITY = /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;
/** Access modes a PersistentVolumeClaim accepts. */
export const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const;
/** One node mounts the volume: what a member's mnesia directory needs, and every local volume can give. */
export const DEFAULT_ACCESS_MODE = 'ReadWriteOnce';
/** Reclaim policies a local PersistentVolume accepts (`Recycle` is deprecated and refused for local volumes). */
export const RECLAIM_POLICIES = ['Retain', 'Delete'] as const;
/** Kubernetes' NodePort range (the apiserver's default --service-node-port-range). */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;
/** Image pull policies a container accepts. */
export const IMAGE_PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
/** A PodDisruptionBudget's unhealthyPodEvictionPolicy. */
export const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'] as const;
/** Kubernetes int32 fields (replicas, probe thresholds, ...). */
export const MAX_INT32 = 2 ** 31 - 1;

/** Number.isInteger as a type guard: it is false for every non-number, strings like '3' included. */
const isInteger = (value: unknown): value is number => Number.isInteger(value);

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

const QUANTITY_SUFFIX: Readonly<Record<string, number>> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
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

export function checkQuantity(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || !QUANTITY.test(value) || value.startsWith('-') || Number.parseFloat(value) === 0) {
    throw new ConfigError(where, prop, value, "must be a positive Kubernetes quantity such as '1Gi' or '500Mi'");
  }
  return value;
}

/** A cdk8s `Size`, from any copy of cdk8s (duck-typed: `asString()` and `toKibibytes()`). */
export function isSize(value: unknown): value is Size {
  const v = value as Partial<Size> | null;
  return v !== null && typeof v === 'object' && typeof v.asString === 'function' && typeof v.toKibibytes === 'function';
}

/**
 * A capacity given as a quantity string ('10Gi') or a cdk8s `Size`, as the
 * quantity string it renders: `Size.gibibytes(10)` is '10Gi', written exactly
 * as that string would be.
 */
export function checkSizeQuantity(where: string, prop: string, value: unknown): string {
  return checkQuantity(where, prop, isSize(value) ? value.asString() : value);
}

export function checkOneOf<T extends string>(where: string, prop: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new ConfigError(where, prop, value, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  }
  return value as T;
}

/** An IPv4 or IPv6 CIDR such as '10.0.0.0/8' or 'fd00::/8', as a NetworkPolicy ipBlock takes it. */
export function checkCidr(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || !isCidr(value)) throw new ConfigError(where, prop, value, "must be a CIDR such as '10.0.0.0/8' or 'fd00::/8'");
  return value;
}

/** An IPv4 or IPv6 address (Node's own parser; no zone id, which an ipBlock refuses) and a prefix length that fits it. */
function isCidr(value: string): boolean {
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
