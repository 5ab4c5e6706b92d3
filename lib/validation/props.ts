import * as posix from 'path/posix';
import type { Size } from 'cdk8s';
import { ConfigError } from './errors';

/**
 * Construct-time checks of user props. Each throws a ConfigError naming the
 * construct path, the prop, the value and what is allowed. Pure functions, so
 * that the bad-input table can test them one by one.
 */

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// Service names: DNS-1035, so they start with a letter.
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// Kubernetes' own Quantity grammar (k8s.io/apimachinery/pkg/api/resource).
const QUANTITY = /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;
// An Erlang node-name part that is also a valid label value (it is the pods' `app` label).
const ERLANG_BASENAME = /^[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?$/;
// A POSIX-shell-safe variable name (relx and mix start scripts expand these).
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
// IANA_SVC_NAME (RFC 6335), what Kubernetes requires of container port names and named target ports.
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
// A label value, or the name part of a label key (k8s.io/apimachinery/pkg/util/validation).
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
// The distribution/reference grammar used by Docker and containerd.
const IMAGE_REF = (() => {
  const alnum = '[a-z0-9]+';
  const separator = '(?:[._]|__|[-]+)';
  const pathComponent = `${alnum}(?:${separator}${alnum})*`;
  const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
  const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
  const tag = '[\\w][\\w.-]{0,127}';
  const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-zA-Z]+';
  return new RegExp(`^(?:${domain}/)?${pathComponent}(?:/${pathComponent})*(?::${tag})?(?:@${digest})?$`);
})();

/** Access modes a PersistentVolumeClaim accepts. */
export const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const;
/** One node mounts the volume: what a member's mnesia directory needs, and every local volume can give. */
export const DEFAULT_ACCESS_MODE = 'ReadWriteOnce';
/** Reclaim policies a local PersistentVolume accepts (`Recycle` is deprecated and refused for local volumes). */
export const RECLAIM_POLICIES = ['Retain', 'Delete'] as const;
/** Kubernetes' NodePort range (the apiserver's default --service-node-port-range). */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;
/** A StatefulSet name longer than this breaks its pods' `controller-revision-hash` label (63 chars). */
export const MAX_STATEFUL_SET_NAME = 52;
/** Image pull policies a container accepts. */
export const IMAGE_PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
/** A PodDisruptionBudget's unhealthyPodEvictionPolicy. */
export const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'] as const;
/** A node name is an atom: at most 255 characters. */
export const MAX_NODE_NAME = 255;
/** Its host part is a DNS name: at most 253 characters. */
export const MAX_FQDN = 253;
/** Kubernetes int32 fields (replicas, probe thresholds, ...). */
export const MAX_INT32 = 2 ** 31 - 1;
/** The kernel's limit on one env string, `NAME=value` and its NUL (MAX_ARG_STRLEN, 32 pages). */
export const MAX_ENV_STRING_BYTES = 128 * 1024;
/** An image name (registry and path) is at most 255 characters (distribution/reference). */
export const MAX_IMAGE_NAME = 255;
/** Digest algorithms that registries accept, and their hex lengths (opencontainers/go-digest). */
export const DIGEST_HEX_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

export function checkDnsLabel(where: string, prop: string, value: unknown, maxLength = 63): string {
  if (typeof value !== 'string' || value.length > maxLength || !DNS_LABEL.test(value)) {
    throw new ConfigError(
      where,
      prop,
      value,
      `must be a DNS-1123 label of at most ${maxLength} characters: lower-case letters, digits and '-', starting and ending with a letter or digit`,
    );
  }
  return value;
}

/** A Service name: a DNS-1035 label (starts with a letter), at most 63 characters. */
export function checkServiceName(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 63 || !DNS_1035_LABEL.test(value)) {
    throw new ConfigError(
      where,
      prop,
      value,
      "must be a Service name (DNS-1035 label) of at most 63 characters: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit",
    );
  }
  return value;
}

export function checkDnsSubdomain(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 253 || !DNS_SUBDOMAIN.test(value)) {
    throw new ConfigError(where, prop, value, "must be a DNS name (DNS-1123 subdomain) such as 'cluster.local'");
  }
  return value;
}

/** A DNS name whose every label is at most 63 characters (a resolver refuses longer ones), e.g. a cluster domain. */
export function checkDnsName(where: string, prop: string, value: unknown): string {
  checkDnsSubdomain(where, prop, value);
  const long = (value as string).split('.').find((label) => label.length > 63);
  if (long !== undefined) {
    throw new ConfigError(where, prop, value, `must be a DNS name whose labels have at most 63 characters; '${long.slice(0, 20)}...' has ${long.length}`);
  }
  return value as string;
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
  if (!QUANTITY.test(q)) return Number.NaN;
  const m = /^([+-]?[0-9.]+)(?:([eE][+-]?[0-9.]+)|([a-zA-Z]*))$/.exec(q);
  if (!m) return Number.NaN;
  if (m[2] !== undefined) return Number(`${m[1]}${m[2]}`);
  const factor = QUANTITY_SUFFIX[m[3] ?? ''];
  return factor === undefined ? Number.NaN : Number(m[1]) * factor;
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

/** `/data/`, `/data/.` and `//data` are all `/data`: paths are compared in this form. */
export function normalizePath(path: string): string {
  const normal = posix.normalize(path);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/** An absolute path other than '/' (a mount or a local volume at '/' would be the whole filesystem). */
export function checkAbsolutePath(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.includes('\0') || value.split('/').includes('..') || normalizePath(value) === '/') {
    throw new ConfigError(where, prop, value, "must be an absolute path such as '/var/lib/app', other than '/' and without '..'");
  }
  return value;
}

/** A path that can be written unquoted into ERL_AFLAGS (split on white space) and into an Erlang string. */
export function checkFlagSafePath(where: string, prop: string, value: unknown): string {
  checkAbsolutePath(where, prop, value);
  if (!/^[A-Za-z0-9._/+@=,:-]+$/.test(value as string)) {
    throw new ConfigError(
      where,
      prop,
      value,
      "must be a path of letters, digits and '._/+@=,:-' only: it is written into ERL_AFLAGS, which erl splits on white space, and into the ssl_dist optfile as an Erlang string",
    );
  }
  return value as string;
}

/** A volume mount's subPath: relative, without '..' (the kubelet refuses both). */
export function checkSubPath(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || value.startsWith('/') || value.split('/').includes('..')) {
    throw new ConfigError(where, prop, value, "must be a relative path inside the volume, without '..'");
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
    throw new ConfigError(
      where,
      prop,
      value,
      "must be an Erlang node-name part (the text before '@'): letters, digits, '_' and '-', starting and ending with a letter or digit, at most 63 characters",
    );
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

/** A container port name or named target port: an IANA service name (at most 15 chars, a letter, no '--'). */
export function checkPortName(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 15 || !IANA_SVC_NAME.test(value) || !/[a-z]/.test(value) || value.includes('--')) {
    throw new ConfigError(
      where,
      prop,
      value,
      "must be an IANA service name such as 'http': at most 15 lower-case letters, digits and '-', with at least one letter, no '--', starting and ending with a letter or digit",
    );
  }
  return value;
}

const QUALIFIED_NAME_ALLOWED =
  "an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit";

/** A label key (or, lower-cased, an annotation key): an optional DNS-subdomain prefix and '/', then a name (IsQualifiedName). */
function isQualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = key.slice(slash + 1);
  return name.length <= 63 && LABEL_NAME.test(name) && (prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix)));
}

/** Kubernetes' limit on an object's annotations: keys and values together, in bytes (TotalAnnotationSizeLimitB). */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/**
 * Annotations as the apiserver validates them: keys like label keys (checked
 * lower-cased, as Kubernetes does), string values, and at most 256 KiB of keys
 * and values together.
 */
export function checkAnnotations(where: string, prop: string, value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(where, prop, value, 'must be a map of annotation keys to string values');
  }
  let bytes = 0;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!isQualifiedName(k.toLowerCase())) throw new ConfigError(where, `${prop} key`, k, `must be an annotation key: ${QUALIFIED_NAME_ALLOWED}`);
    if (typeof v !== 'string') throw new ConfigError(where, `${prop}.${k}`, v, 'must be a string (annotation values are strings; JSON-encode structured data)');
    bytes += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (bytes > MAX_ANNOTATIONS_BYTES) {
    throw new ConfigError(
      where,
      prop,
      value,
      `must total at most ${MAX_ANNOTATIONS_BYTES} bytes (256 KiB) of keys and values, as Kubernetes requires; these have ${bytes}`,
    );
  }
  return value as Record<string, string>;
}

/**
 * Labels (or a label selector in matchLabels form): qualified-name keys, valid
 * values. `reserved` keys belong to the construct; `nonEmpty` refuses `{}`,
 * which as a Service selector selects nothing.
 */
export function checkLabels(
  where: string,
  prop: string,
  value: unknown,
  options: { nonEmpty?: boolean; reserved?: readonly string[] } = {},
): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(where, prop, value, 'must be a map of label keys to string values');
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (options.nonEmpty && entries.length === 0) {
    throw new ConfigError(where, prop, value, 'must name at least one label; an empty selector selects no pods');
  }
  for (const [k, v] of entries) {
    if (!isQualifiedName(k)) throw new ConfigError(where, `${prop} key`, k, `must be a label key: ${QUALIFIED_NAME_ALLOWED}`);
    if (options.reserved?.includes(k)) {
      throw new ConfigError(where, `${prop} key`, k, 'is set by the construct to select its pods; choose another key');
    }
    if (typeof v !== 'string' || v.length > 63 || (v !== '' && !LABEL_NAME.test(v))) {
      throw new ConfigError(
        where,
        `${prop}.${k}`,
        v,
        "must be a label value: at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit, or empty",
      );
    }
  }
  return value as Record<string, string>;
}

/**
 * The longest node name of a cluster: an Erlang atom (at most 255 characters)
 * whose host part is a DNS name (at most 253), or the node cannot start.
 */
export function checkNodeName(where: string, prop: string, basename: string, host: string): string {
  const nodeName = `${basename}@${host}`;
  if (host.length > MAX_FQDN || nodeName.length > MAX_NODE_NAME) {
    throw new ConfigError(
      where,
      prop,
      nodeName,
      `must be at most ${MAX_NODE_NAME} characters with a host part of at most ${MAX_FQDN} (this one: ${nodeName.length} and ${host.length}); shorten basename, name, headlessServiceName, namespace or clusterDomain`,
    );
  }
  return nodeName;
}

export function checkImage(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 1024 || !IMAGE_REF.test(value)) {
    throw new ConfigError(
      where,
      prop,
      value,
      "must be an image reference such as 'registry:5000/team/app:1.0' (lower-case repository path, optional tag and digest)",
    );
  }
  const { name, digest } = imageParts(value);
  // The first component is the registry when it has a '.' or a ':' or is localhost (distribution/reference).
  const registry = name.includes('/') ? name.slice(0, name.indexOf('/')) : '';
  const port = /:(\d+)$/.exec(registry)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    throw new ConfigError(where, prop, value, `must have a registry port from 1 to 65535, not ${port}`);
  }
  if (name.length > MAX_IMAGE_NAME) {
    throw new ConfigError(
      where,
      prop,
      value,
      `must have a repository name (registry and path) of at most ${MAX_IMAGE_NAME} characters; this one has ${name.length}`,
    );
  }
  if (digest !== undefined && !isDigest(digest)) throw new ConfigError(where, prop, value, `must have ${DIGEST_ALLOWED}`);
  return value;
}

/** The repository name (registry and path), the tag (undefined when it has none) and the digest of an image reference. */
export function imageParts(image: string): { name: string; tag?: string | undefined; digest?: string | undefined } {
  const at = image.indexOf('@');
  const nameAndTag = at === -1 ? image : image.slice(0, at);
  const digest = at === -1 ? undefined : image.slice(at + 1);
  // A ':' after the last '/' starts the tag; one before it belongs to the registry's port.
  const colon = nameAndTag.lastIndexOf(':');
  const hasTag = colon > nameAndTag.lastIndexOf('/');
  return { name: hasTag ? nameAndTag.slice(0, colon) : nameAndTag, tag: hasTag ? nameAndTag.slice(colon + 1) : undefined, digest };
}

const DIGEST_ALLOWED = `a digest of a known algorithm with its exact length in lower-case hex: ${Object.entries(DIGEST_HEX_LENGTHS)
  .map(([a, n]) => `${a} (${n})`)
  .join(', ')}, e.g. 'sha256:' and 64 hex digits`;

/** `algorithm:hex` with a known algorithm and its exact number of lower-case hex digits (opencontainers/go-digest). */
function isDigest(digest: string): boolean {
  const [algorithm, hex, extra] = digest.split(':');
  const length = algorithm === undefined ? undefined : DIGEST_HEX_LENGTHS[algorithm];
  return extra === undefined && length !== undefined && hex !== undefined && hex.length === length && /^[0-9a-f]+$/.test(hex);
}

/** An image digest as registries print it, e.g. `sha256:` and 64 lower-case hex digits. */
export function checkDigest(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || !isDigest(value)) throw new ConfigError(where, prop, value, `must be ${DIGEST_ALLOWED}`);
  return value;
}

/** An IPv4 or IPv6 CIDR such as '10.0.0.0/8' or 'fd00::/8', as a NetworkPolicy ipBlock takes it. */
export function checkCidr(where: string, prop: string, value: unknown): string {
  const [ip, bits, extra] = typeof value === 'string' ? value.split('/') : [];
  const v4 = ip !== undefined && /^(\d{1,3})(\.\d{1,3}){3}$/.test(ip) && ip.split('.').every((o) => Number(o) <= 255 && String(Number(o)) === o);
  const v6 = ip !== undefined && ip.includes(':') && /^[0-9a-fA-F:]+$/.test(ip) && (ip.match(/::/g) ?? []).length <= 1;
  const max = v4 ? 32 : 128;
  if (extra !== undefined || bits === undefined || !/^\d{1,3}$/.test(bits) || Number(bits) > max || !(v4 || v6)) {
    throw new ConfigError(where, prop, value, "must be a CIDR such as '10.0.0.0/8' or 'fd00::/8'");
  }
  return value as string;
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
