import { ConfigError } from './errors';

/**
 * Construct-time checks of user props. Each throws a ConfigError naming the
 * construct path, the prop, the value and what is allowed. Pure functions, so
 * that the bad-input table can test them one by one.
 */

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// Kubernetes' own Quantity grammar (k8s.io/apimachinery/pkg/api/resource).
const QUANTITY = /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;
// An Erlang node-name part that is also a valid label value (it is the pods' `app` label).
const ERLANG_BASENAME = /^[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?$/;
// A POSIX-shell-safe variable name (relx and mix start scripts expand these).
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
// The distribution/reference grammar used by Docker and containerd.
const IMAGE_REF = (() => {
  const alnum = '[a-z0-9]+';
  const separator = '(?:[._]|__|[-]+)';
  const pathComponent = `${alnum}(?:${separator}${alnum})*`;
  const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
  const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
  const tag = '[\\w][\\w.-]{0,127}';
  const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
  return new RegExp(`^(?:${domain}/)?${pathComponent}(?:/${pathComponent})*(?::${tag})?(?:@${digest})?$`);
})();

/** Access modes a PersistentVolumeClaim accepts. */
export const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const;
/** Kubernetes' NodePort range (the apiserver's default --service-node-port-range). */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;
/** A StatefulSet name longer than this breaks its pods' `controller-revision-hash` label (63 chars). */
export const MAX_STATEFUL_SET_NAME = 52;

export function checkDnsLabel(where: string, prop: string, value: unknown, maxLength = 63): string {
  if (typeof value !== 'string' || value.length > maxLength || !DNS_LABEL.test(value)) {
    throw new ConfigError(where, prop, value,
      `must be a DNS-1123 label of at most ${maxLength} characters: lower-case letters, digits and '-', starting and ending with a letter or digit`);
  }
  return value;
}

export function checkDnsSubdomain(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 253 || !DNS_SUBDOMAIN.test(value)) {
    throw new ConfigError(where, prop, value, "must be a DNS name (DNS-1123 subdomain) such as 'cluster.local'");
  }
  return value;
}

export function checkInteger(where: string, prop: string, value: unknown, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
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

export function checkQuantity(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || !QUANTITY.test(value) || value.startsWith('-') || Number.parseFloat(value) === 0) {
    throw new ConfigError(where, prop, value, "must be a positive Kubernetes quantity such as '1Gi' or '500Mi'");
  }
  return value;
}

export function checkAbsolutePath(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.includes('\0') || value.split('/').includes('..')) {
    throw new ConfigError(where, prop, value, "must be an absolute path such as '/var/lib/app', without '..'");
  }
  return value;
}

export function checkOneOf<T extends string>(where: string, prop: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new ConfigError(where, prop, value, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  }
  return value as T;
}

export function checkErlangBasename(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 63 || !ERLANG_BASENAME.test(value)) {
    throw new ConfigError(where, prop, value,
      "must be an Erlang node-name part (the text before '@'): letters, digits, '_' and '-', starting and ending with a letter or digit, at most 63 characters");
  }
  return value;
}

export function checkEnvName(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || !ENV_NAME.test(value)) {
    throw new ConfigError(where, prop, value, 'must be an environment variable name: letters, digits and _, not starting with a digit');
  }
  return value;
}

export function checkSecretKey(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 253 || !SECRET_KEY.test(value)) {
    throw new ConfigError(where, prop, value, "must be a non-empty Secret key of letters, digits, '-', '_' and '.'");
  }
  return value;
}

export function checkImage(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 1024 || !IMAGE_REF.test(value)) {
    throw new ConfigError(where, prop, value,
      "must be an image reference such as 'registry:5000/team/app:1.0' (lower-case repository path, optional tag and digest)");
  }
  return value;
}

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
