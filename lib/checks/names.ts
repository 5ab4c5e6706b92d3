/** Checks of names: DNS labels and subdomains, Erlang basenames, env names, port names, labels, annotations, node names. */
import { ConfigError } from '../core/errors';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// Service names: DNS-1035, so they start with a letter.
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// An Erlang node-name part that is also a valid label value (it is the pods' `app` label).
const ERLANG_BASENAME = /^[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?$/;
// A POSIX-shell-safe variable name (relx and mix start scripts expand these).
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
// IANA_SVC_NAME (RFC 6335), what Kubernetes requires of container port names and named target ports.
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
// A label value, or the name part of a label key (k8s.io/apimachinery/pkg/util/validation).
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** A StatefulSet name longer than this breaks its pods' `controller-revision-hash` label (63 chars). */
export const MAX_STATEFUL_SET_NAME = 52;
/** A node name is an atom: at most 255 characters. */
export const MAX_NODE_NAME = 255;
/** Its host part is a DNS name: at most 253 characters. */
export const MAX_FQDN = 253;
/** The kernel's limit on one env string, `NAME=value` and its NUL (MAX_ARG_STRLEN, 32 pages). */
export const MAX_ENV_STRING_BYTES = 128 * 1024;

/** A DNS-1123 label of at most `maxLength` characters: what Service port names and namespaces must be. */
export function isDnsLabel(value: unknown, maxLength = 63): value is string {
  return typeof value === 'string' && value.length <= maxLength && DNS_LABEL.test(value);
}

export function checkDnsLabel(where: string, prop: string, value: unknown, maxLength = 63): string {
  if (!isDnsLabel(value, maxLength)) {
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

/** A DNS-1123 subdomain of at most 253 characters: what Secret, ConfigMap and most other object names must be. */
export function isDnsSubdomain(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && DNS_SUBDOMAIN.test(value);
}

export function checkDnsSubdomain(where: string, prop: string, value: unknown): string {
  if (!isDnsSubdomain(value)) {
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

/**
 * Why `key` is not a Secret or ConfigMap key (IsConfigMapKey in k8s.io/apimachinery's
 * util/validation: secretKeyRef and configMapKeyRef keys), in the apiserver's words; undefined if it is one.
 */
export function configMapKeyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string' || key === '') return 'is required';
  if (key.length > 253) return 'must be no more than 253 characters';
  if (!SECRET_KEY.test(key)) return "must consist of alphanumeric characters, '-', '_' or '.'";
  if (key === '.' || key === '..') return `must not be '${key}'`;
  if (key.startsWith('..')) return "must not start with '..'";
  return undefined;
}

export function checkSecretKey(where: string, prop: string, value: unknown): string {
  if (configMapKeyProblem(value) !== undefined) {
    throw new ConfigError(
      where,
      prop,
      value,
      "must be a non-empty Secret key of at most 253 letters, digits, '-', '_' and '.', not '.' or '..' and not starting with '..' (the apiserver's IsConfigMapKey)",
    );
  }
  return value as string;
}

/** A container port name or named target port: an IANA service name (at most 15 chars, a letter, no '--'). */
export function isPortName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 15 && IANA_SVC_NAME.test(value) && /[a-z]/.test(value) && !value.includes('--');
}

export function checkPortName(where: string, prop: string, value: unknown): string {
  if (!isPortName(value)) {
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
export function isQualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = key.slice(slash + 1);
  return name.length <= 63 && LABEL_NAME.test(name) && (prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix)));
}

/** A label value (IsValidLabelValue): at most 63 characters, empty or a name. */
export function isLabelValue(v: unknown): v is string {
  return typeof v === 'string' && v.length <= 63 && (v === '' || LABEL_NAME.test(v));
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
    if (!isLabelValue(v)) {
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
 * What is wrong with a node name `basename@host`, or undefined when nothing
 * is: it is an Erlang atom (at most 255 characters) whose host part is a DNS
 * name (at most 253), or the node cannot start.
 */
export function nodeNameTooLong(basename: string, host: string): string | undefined {
  const length = basename.length + 1 + host.length;
  if (host.length <= MAX_FQDN && length <= MAX_NODE_NAME) return undefined;
  return `must be at most ${MAX_NODE_NAME} characters with a host part of at most ${MAX_FQDN} (this one: ${length} and ${host.length})`;
}

/** The longest node name of a cluster, checked with {@link nodeNameTooLong}. */
export function checkNodeName(where: string, prop: string, basename: string, host: string): string {
  const nodeName = `${basename}@${host}`;
  const problem = nodeNameTooLong(basename, host);
  if (problem !== undefined) {
    throw new ConfigError(where, prop, nodeName, `${problem}; shorten basename, name, headlessServiceName, namespace or clusterDomain`);
  }
  return nodeName;
}
