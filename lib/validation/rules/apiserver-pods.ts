/**
 * What the kube-apiserver's Go validation refuses in pod templates and claims, or accepts with
 * a warning although it cannot work, where the 1.28 OpenAPI schema is silent. The judgments are
 * in lib/checks/pod-fields.ts, shared with the construct-time checks.
 */
import { envVarProblems, FieldProblem, probeProblems, resourceProblems, tolerationProblems, volumeProblems } from '../../checks/pod-fields';
import { Any, Finding, KubeObject, list, ManifestRule, Workload } from './context';

/** Each container of a workload's pods, with whether it is an init container. */
function* containersOf(w: Workload): Iterable<{ readonly c: Any; readonly init: boolean }> {
  const spec = (w.object as Any).spec?.template?.spec;
  for (const c of list(spec?.initContainers)) yield { c, init: true };
  for (const c of list(spec?.containers)) yield { c, init: false };
}

/** One finding per problem, at `where` in `object` (also for ./apiserver-objects.ts). */
export function* findings(object: KubeObject, where: string, problems: readonly FieldProblem[], outcome: string): Iterable<Finding> {
  for (const p of problems)
    yield { object, message: `${where}${p.field} ${p.value === undefined ? '(missing)' : JSON.stringify(p.value)}: ${p.message}; ${outcome}` };
}

export const REFUSED = 'the apiserver refuses it';

export const APISERVER_POD_RULES: readonly ManifestRule[] = [
  {
    id: 'env-value-from-valid',
    description: 'An env entry has a value or exactly one valueFrom source, and a key reference names a valid Secret or ConfigMap and key.',
    *check(ctx): Iterable<Finding> {
      for (const w of ctx.workloads) {
        for (const { c } of containersOf(w)) {
          for (const [i, e] of list(c.env).entries()) yield* findings(w.object, `container ${c.name}: env[${i}] ${e?.name} `, envVarProblems(e), REFUSED);
        }
      }
    },
  },
  {
    id: 'volume-items-valid',
    description: 'Secret, ConfigMap and projected volume items have a key and a relative path without `..`, and file modes are 0 to 0777.',
    *check(ctx): Iterable<Finding> {
      for (const w of ctx.workloads) {
        for (const v of list((w.object as Any).spec?.template?.spec?.volumes)) yield* findings(w.object, `volume ${v?.name}: `, volumeProblems(v), REFUSED);
      }
    },
  },
  {
    id: 'resources-valid',
    description:
      'No request is above its limit, and memory, ephemeral-storage and storage are whole bytes (the apiserver only warns about a fractional byte value, which cannot work).',
    *check(ctx): Iterable<Finding> {
      const outcome = 'the apiserver refuses a request above its limit and only warns about fractional bytes, which cannot work';
      for (const w of ctx.workloads) {
        for (const { c } of containersOf(w)) yield* findings(w.object, `container ${c.name}: resources.`, resourceProblems(c.resources), outcome);
        for (const t of list((w.object as Any).spec?.volumeClaimTemplates)) {
          yield* findings(w.object, `claim template ${t?.metadata?.name}: resources.`, resourceProblems(t?.spec?.resources, true), outcome);
        }
      }
      for (const pvc of ctx.ofKind('PersistentVolumeClaim')) yield* findings(pvc, 'resources.', resourceProblems((pvc as Any).spec?.resources, true), outcome);
    },
  },
  {
    id: 'tolerations-valid',
    description: 'Tolerations have a valid key, operator, value and effect, and tolerationSeconds only with NoExecute.',
    *check(ctx): Iterable<Finding> {
      for (const w of ctx.workloads) {
        for (const [i, t] of list((w.object as Any).spec?.template?.spec?.tolerations).entries()) {
          yield* findings(w.object, `tolerations[${i}].`, tolerationProblems(t), REFUSED);
        }
      }
    },
  },
  {
    id: 'probes-valid',
    description:
      'A probe has one handler; liveness and startup probes succeed after 1 success; readiness probes set no terminationGracePeriodSeconds; init containers that are not sidecars have no probes or lifecycle.',
    *check(ctx): Iterable<Finding> {
      for (const w of ctx.workloads) {
        for (const { c, init } of containersOf(w)) yield* findings(w.object, `${init ? 'init ' : ''}container ${c.name}: `, probeProblems(c, init), REFUSED);
      }
    },
  },
];
