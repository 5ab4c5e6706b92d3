/**
 * Pod fields as the kube-apiserver's own Go validation judges them, where the 1.28 OpenAPI
 * schema says nothing (pkg/apis/core/validation/validation.go, and the warnings of
 * pkg/api/pod/warnings.go and pkg/api/persistentvolumeclaim/util.go): env sources, their key
 * selectors and downward-API paths, volume items, resources, tolerations and probes. Each function gives the
 * problems in the apiserver's words, at a field below the object it is given; the manifest
 * rules (../rules/apiserver-pods.ts) report them, and the construct checks throw the first as
 * a ConfigError naming the prop.
 */
import { ConfigError } from '../core/errors';
import { configMapKeyProblem, isDnsSubdomain, isLabelValue, isQualifiedName } from './names';
import { isFractionalBytes, isInteger, quantityValue } from './values';
import { fieldRefProblems, resourceFieldRefProblems } from './downward-api';

/** Untyped manifest JSON, or a prop passed through unchecked. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read field by field, defensively
type Any = any;

/** One problem: the field below the object judged (`valueFrom.secretKeyRef.key`), its value, and why. */
export interface FieldProblem {
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

const present = (v: unknown): boolean => v !== undefined && v !== null;
const listOf = (v: unknown): Any[] => (Array.isArray(v) ? v : []);
const KEY_REFS = ['configMapKeyRef', 'secretKeyRef'];
const ENV_SOURCES = ['fieldRef', 'resourceFieldRef', ...KEY_REFS];

/** An env entry (validateEnvVarValueFrom, its field and resource selectors, validateSecretKeySelector, validateConfigMapKeySelector). */
export function envVarProblems(e: Any): FieldProblem[] {
  const from = e?.valueFrom;
  if (!present(from)) return [];
  const sources = ENV_SOURCES.filter((s) => present(from[s]));
  const problems: FieldProblem[] = [];
  if (present(from.fieldRef)) problems.push(...fieldRefProblems(from.fieldRef));
  if (present(from.resourceFieldRef)) problems.push(...resourceFieldRefProblems(from.resourceFieldRef));
  for (const s of sources.filter((x) => KEY_REFS.includes(x))) {
    const ref = from[s];
    if (!isDnsSubdomain(ref.name)) problems.push({ field: `valueFrom.${s}.name`, value: ref.name, message: 'must be a DNS-1123 subdomain' });
    const key = configMapKeyProblem(ref.key);
    if (key !== undefined) problems.push({ field: `valueFrom.${s}.key`, value: ref.key, message: key });
  }
  if (sources.length === 0) {
    problems.push({ field: 'valueFrom', value: from, message: 'must specify one of: fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef' });
  } else if (typeof e.value === 'string' && e.value !== '') {
    problems.push({ field: 'valueFrom', value: from, message: 'may not be specified when value is not empty' });
  } else if (sources.length > 1) {
    problems.push({ field: 'valueFrom', value: from, message: 'may not have more than one field specified at a time' });
  }
  return problems;
}

const MODE_MESSAGE = 'must be a number between 0 and 0777 (octal), both inclusive';
const badMode = (mode: unknown): boolean => present(mode) && !(isInteger(mode) && mode >= 0 && mode <= 0o777);

/** A volume's secret, configMap and projected items (validateKeyToPath) and file modes. */
export function volumeProblems(v: Any): FieldProblem[] {
  const sources: [string, Any][] = [
    ['secret', v?.secret],
    ['configMap', v?.configMap],
    ['projected', v?.projected],
    ...listOf(v?.projected?.sources).flatMap((p, i): [string, Any][] => [
      [`projected.sources[${i}].secret`, p?.secret],
      [`projected.sources[${i}].configMap`, p?.configMap],
    ]),
  ];
  const problems: FieldProblem[] = [];
  for (const [field, source] of sources.filter(([, s]) => present(s))) {
    if (badMode(source.defaultMode)) problems.push({ field: `${field}.defaultMode`, value: source.defaultMode, message: MODE_MESSAGE });
    listOf(source.items).forEach((item, j) => {
      for (const p of keyToPathProblems(item)) problems.push({ ...p, field: `${field}.items[${j}].${p.field}` });
    });
  }
  return problems;
}

function keyToPathProblems(item: Any): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (typeof item?.key !== 'string' || item.key === '') problems.push({ field: 'key', value: item?.key, message: 'is required' });
  const path = pathProblem(item?.path);
  if (path !== undefined) problems.push({ field: 'path', value: item?.path, message: path });
  if (badMode(item?.mode)) problems.push({ field: 'mode', value: item.mode, message: MODE_MESSAGE });
  return problems;
}

/** validateLocalNonReservedPath: relative, no '..' element, not starting with '..'. */
function pathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') return 'is required';
  if (path.startsWith('/')) return 'must be a relative path';
  if (path.split('/').includes('..')) return "must not contain '..'";
  if (path.startsWith('..')) return "must not start with '..'";
  return undefined;
}

/** Resources that count bytes, in a container and in a claim. */
export const CONTAINER_BYTES: readonly string[] = ['memory', 'ephemeral-storage'];
const CLAIM_BYTES = ['storage'];

/** A quantity as written: manifest JSON has strings and numbers, props may hold a k8s.Quantity. */
export const quantityText = (q: Any): string => String(q?.value ?? q);

/** Native resources (no domain, or a kubernetes.io one) other than huge pages can be overcommitted (helper.IsOvercommitAllowed). */
const overcommitAllowed = (name: string): boolean => (!name.includes('/') || name.includes('kubernetes.io/')) && !name.startsWith('hugepages-');

/**
 * A container's or a claim's resources: fractional bytes (a warning); no request above its limit, and
 * for extended resources and huge pages, which cannot be overcommitted, a limit equal to the request.
 */
export function resourceProblems(r: Any, claim = false): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const kind of ['requests', 'limits']) {
    for (const name of claim ? CLAIM_BYTES : CONTAINER_BYTES) {
      const q = r?.[kind]?.[name];
      if (present(q) && isFractionalBytes(quantityText(q))) {
        problems.push({ field: `${kind}.${name}`, value: q, message: `fractional byte value "${quantityText(q)}" is invalid, must be an integer` });
      }
    }
  }
  for (const [name, request] of Object.entries(r?.requests ?? {})) {
    const limit = r.limits?.[name]; // r has requests here
    if (!present(limit)) {
      if (!overcommitAllowed(name))
        problems.push({ field: `limits.${name}`, value: limit, message: 'must be set for a resource that cannot be overcommitted' });
    } else if (!overcommitAllowed(name) && quantityValue(quantityText(request)) !== quantityValue(quantityText(limit))) {
      problems.push({ field: `requests.${name}`, value: request, message: `must be equal to ${name} limit of ${quantityText(limit)}` });
    } else if (quantityValue(quantityText(request)) > quantityValue(quantityText(limit))) {
      problems.push({ field: `requests.${name}`, value: request, message: `must be less than or equal to ${name} limit of ${quantityText(limit)}` });
    }
  }
  return problems;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** A toleration (ValidateTolerations). */
export function tolerationProblems(t: Any): FieldProblem[] {
  const { key = '', operator = '', value = '', effect = '' } = t ?? {};
  const problems: FieldProblem[] = [];
  if (key !== '' && !isQualifiedName(String(key))) problems.push({ field: 'key', value: key, message: 'must be a qualified name, as a label key' });
  if (key === '' && operator !== 'Exists') {
    problems.push({ field: 'operator', value: operator, message: 'must be Exists when key is empty, which means "match all values and all keys"' });
  }
  if (present(t?.tolerationSeconds) && effect !== 'NoExecute') {
    problems.push({ field: 'effect', value: effect, message: "must be 'NoExecute' when tolerationSeconds is set" });
  }
  if (operator === 'Exists') {
    if (value !== '') problems.push({ field: 'value', value, message: "must be empty when operator is 'Exists'" });
  } else if (operator !== 'Equal' && operator !== '') {
    problems.push({ field: 'operator', value: operator, message: "must be 'Equal' or 'Exists'" });
  } else if (!isLabelValue(value)) {
    problems.push({ field: 'value', value, message: 'must be a label value' });
  }
  if (effect !== '' && !TAINT_EFFECTS.includes(effect)) {
    problems.push({ field: 'effect', value: effect, message: `must be one of ${TAINT_EFFECTS.map((e) => `'${e}'`).join(', ')}` });
  }
  return problems;
}

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
/** A probe's counts, none negative (validateProbe). */
const PROBE_COUNTS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'];
/** Probes whose successThreshold must be 1. */
const ONE_SUCCESS = ['livenessProbe', 'startupProbe'];

/**
 * A container's probes (validateProbe, validateLivenessProbe, validateReadinessProbe,
 * validateStartupProbe, validateInitContainers): exactly one handler; no negative count;
 * successThreshold 1 (or 0, defaulted to 1) for liveness and startup; no terminationGracePeriodSeconds on
 * readiness, and none below 1; none of them, nor lifecycle, on an init container that is not a
 * sidecar (restartPolicy: Always).
 */
export function probeProblems(c: Any, init: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (init && c?.restartPolicy !== 'Always') {
    for (const field of [...PROBES, 'lifecycle'].filter((f) => present(c?.[f]))) {
      problems.push({ field, value: c[field], message: 'may not be set for init containers without restartPolicy=Always' });
    }
    return problems;
  }
  for (const kind of PROBES.filter((p) => present(c?.[p]))) {
    const probe = c[kind];
    const handlers = PROBE_HANDLERS.filter((h) => present(probe[h]));
    if (handlers.length !== 1) {
      const message = handlers.length === 0 ? 'must specify a handler type' : 'may not specify more than 1 handler type';
      problems.push({ field: kind, value: handlers, message });
    }
    for (const n of PROBE_COUNTS.filter((f) => typeof probe[f] === 'number' && probe[f] < 0)) {
      problems.push({ field: `${kind}.${n}`, value: probe[n], message: 'must be greater than or equal to 0' });
    }
    // 0 is defaulted to 1 (SetDefaults_Probe) before validation.
    if (ONE_SUCCESS.includes(kind) && present(probe.successThreshold) && probe.successThreshold !== 1 && probe.successThreshold !== 0) {
      problems.push({ field: `${kind}.successThreshold`, value: probe.successThreshold, message: 'must be 1' });
    }
    const grace = probe.terminationGracePeriodSeconds;
    if (kind === 'readinessProbe' && present(grace)) {
      problems.push({ field: `${kind}.terminationGracePeriodSeconds`, value: grace, message: 'must not be set for readinessProbes' });
    } else if (present(grace) && !(grace > 0)) {
      problems.push({ field: `${kind}.terminationGracePeriodSeconds`, value: grace, message: 'must be greater than 0' });
    }
  }
  return problems;
}

/** Throws the first problem as a ConfigError on `prop` + its field: the apiserver would refuse it (or warn, and it cannot work). */
export function throwFirst(where: string, prop: string, problems: readonly FieldProblem[]): void {
  const p = problems[0];
  if (p !== undefined) throw new ConfigError(where, `${prop}.${p.field}`, p.value, `${p.message}, as the Kubernetes apiserver requires`);
}
