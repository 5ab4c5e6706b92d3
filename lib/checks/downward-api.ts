/**
 * What an env var may read through the downward API, as the kube-apiserver judges it
 * (pkg/apis/core/validation/validation.go: validateObjectFieldSelector with
 * validEnvDownwardAPIFieldPathExpressions, validateContainerResourceFieldSelector and
 * validateContainerResourceDivisor; pkg/apis/core/pods ConvertDownwardAPIFieldLabel).
 */
import type { FieldProblem } from './pod-fields';
import { isQualifiedName } from './names';
import { quantityValue } from './values';

/** Untyped manifest JSON, or a prop passed through unchecked. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read field by field, defensively
type Any = any;

/** The pod fields an env var can read; a volume can read fewer. */
export const ENV_FIELD_PATHS: readonly string[] = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
/** `metadata.labels['key']` and `metadata.annotations['key']`. */
const SUBSCRIPTED = /^metadata\.(labels|annotations)\['(.*)'\]$/;
const FIELD_PATH_ALLOWED = `must be one of ${ENV_FIELD_PATHS.join(', ')}, metadata.labels['<key>'] or metadata.annotations['<key>']`;

/** An env var's `valueFrom.fieldRef` (its apiVersion is defaulted to v1, the only one pods have). */
export function fieldRefProblems(ref: Any): FieldProblem[] {
  const path: unknown = ref?.fieldPath;
  const field = 'valueFrom.fieldRef.fieldPath';
  if (ref?.apiVersion !== undefined && ref.apiVersion !== 'v1') {
    return [{ field: 'valueFrom.fieldRef.apiVersion', value: ref.apiVersion, message: "must be 'v1', the pods' only version" }];
  }
  if (typeof path !== 'string' || path === '') return [{ field, value: path, message: 'is required' }];
  const m = SUBSCRIPTED.exec(path);
  if (m !== null) {
    // Annotation keys are compared lower-cased, label keys as written.
    const key = m[1] === 'annotations' ? m[2]!.toLowerCase() : m[2]!;
    return isQualifiedName(key) ? [] : [{ field, value: path, message: `must name a valid ${m[1] === 'labels' ? 'label' : 'annotation'} key` }];
  }
  return ENV_FIELD_PATHS.includes(path) ? [] : [{ field, value: path, message: FIELD_PATH_ALLOWED }];
}

/** The container resources an env var can read; huge pages by prefix. */
export const ENV_RESOURCE_FIELDS: readonly string[] = [
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
];
const HUGE_PAGES = /^(limits|requests)\.hugepages-/;
/** Divisors for cpu (1m and 1), and for bytes (1, the decimal and the binary units). */
const CPU_DIVISORS = [0.001, 1];
const BYTE_DIVISORS = [1, ...[1, 2, 3, 4, 5, 6].flatMap((e) => [10 ** (3 * e), 2 ** (10 * e)])];

/** An env var's `valueFrom.resourceFieldRef`. */
export function resourceFieldRefProblems(ref: Any): FieldProblem[] {
  const resource: unknown = ref?.resource;
  const field = 'valueFrom.resourceFieldRef.resource';
  if (typeof resource !== 'string' || resource === '') return [{ field, value: resource, message: 'is required' }];
  if (!ENV_RESOURCE_FIELDS.includes(resource) && !HUGE_PAGES.test(resource)) {
    return [{ field, value: resource, message: `must be one of ${ENV_RESOURCE_FIELDS.join(', ')}, or limits.hugepages-<size> or requests.hugepages-<size>` }];
  }
  if (ref.divisor === undefined || ref.divisor === null) return [];
  const divisor = quantityValue(String(ref.divisor.value ?? ref.divisor));
  const cpu = resource.endsWith('.cpu');
  // A zero divisor is an unset one.
  if (divisor === 0 || (cpu ? CPU_DIVISORS : BYTE_DIVISORS).includes(divisor)) return [];
  const allowed = cpu ? '1m and 1' : '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi and 1Ei';
  return [{ field: 'valueFrom.resourceFieldRef.divisor', value: ref.divisor, message: `must be one of ${allowed} for ${resource}` }];
}
