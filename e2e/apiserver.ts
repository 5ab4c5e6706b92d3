/**
 * A few checks of the kube-apiserver's own Go validation that the 1.28 schema does not carry,
 * as the e2e reads them from kubernetes/kubernetes, on the StatefulSets' pod templates and claim
 * templates:
 *
 * - pkg/apis/core/validation/validation.go, validateEnvVarValueFrom: `valueFrom` "may not be
 *   specified when `value` is not empty";
 * - validateSecretKeySelector / validateConfigMapKeySelector with apimachinery's IsConfigMapKey:
 *   a key of `[-._a-zA-Z0-9]+`, at most 253 characters, not `.` or `..`, not starting with `..`;
 * - pkg/api/pod/warnings.go and pkg/api/persistentvolumeclaim/util.go: a memory,
 *   ephemeral-storage or storage quantity that is not a whole number of bytes ("fractional byte
 *   value ... is invalid, must be an integer"): only a warning, but the pod or claim cannot work.
 *
 * Written from the Go source, not imported from the library whose output it judges. Pure.
 */
import { KubeObject, statefulSets } from './kube';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire-form manifests

/** Powers of ten of the decimal suffixes and of two of the binary ones (resource.Quantity). */
const TEN: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const TWO: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/**
 * Whether a quantity is a fraction of a byte: `digits × 2^b × 10^(e − decimals)` is not whole.
 * (The apiserver rounds the milli-value up first; the two differ only below a thousandth of a byte.)
 */
export function isFractionOfAByte(quantity: string): boolean {
  const m = /^\+?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(quantity);
  if (!m || `${m[1]}${m[2] ?? ''}` === '') return false;
  const decimals = (m[2] ?? '').length;
  let power = (m[3] !== undefined ? Number(m[3]) : (TEN[m[4] ?? ''] ?? 0)) - decimals;
  let n = BigInt(`${m[1]}${m[2] ?? ''}`) * BigInt(2) ** BigInt(TWO[m[4] ?? ''] ?? 0);
  for (; power < 0; power++) {
    if (n % BigInt(10) !== BigInt(0)) return true;
    n /= BigInt(10);
  }
  return false;
}

/** Why a Secret or ConfigMap key is not one, or undefined. */
function keyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string' || !/^[-._a-zA-Z0-9]{1,253}$/.test(key)) return 'is not letters, digits, -, _ and . (1 to 253)';
  if (key === '.' || key === '..') return `must not be '${key}'`;
  return key.startsWith('..') ? "must not start with '..'" : undefined;
}

/** What the apiserver would refuse, or warn about although it cannot work, in the StatefulSets. */
export function apiserverProblems(objects: readonly KubeObject[]): string[] {
  const problems: string[] = [];
  for (const sts of statefulSets(objects)) {
    const spec = sts.spec as Any;
    const containers: Any[] = [...(spec.template.spec.initContainers ?? []), ...spec.template.spec.containers];
    for (const c of containers) {
      for (const e of c.env ?? []) {
        if (e.valueFrom && e.value) problems.push(`${sts.name}/${c.name}: env ${e.name} has a value and a valueFrom: the apiserver refuses it`);
        const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
        const why = ref && keyProblem(ref.key);
        if (why) problems.push(`${sts.name}/${c.name}: env ${e.name} reads key '${ref.key}', which ${why}: the apiserver refuses it`);
      }
      for (const kind of ['requests', 'limits']) {
        for (const r of ['memory', 'ephemeral-storage']) {
          const q = c.resources?.[kind]?.[r];
          if (q !== undefined && isFractionOfAByte(String(q))) {
            problems.push(`${sts.name}/${c.name}: ${kind}.${r} ${q} is a fraction of a byte: the apiserver warns, and the container cannot start`);
          }
        }
      }
    }
    for (const t of spec.volumeClaimTemplates ?? []) {
      const q = t.spec?.resources?.requests?.storage;
      if (q !== undefined && isFractionOfAByte(String(q))) problems.push(`${sts.name}: claim ${t.metadata?.name} of ${q} is a fraction of a byte`);
    }
  }
  return problems;
}
