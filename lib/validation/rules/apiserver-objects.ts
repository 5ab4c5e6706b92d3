/**
 * What the kube-apiserver's Go validation refuses in the objects other than pods that the
 * constructs emit, or that a chart composes with them, where the 1.28 OpenAPI schema is silent.
 * Each rule is one kind and one judgment from lib/checks/object-fields.ts or
 * lib/checks/storage-fields.ts; the StatefulSet's claim templates are judged as the claims the
 * controller creates from them, which the apiserver would refuse the same way.
 */
import type { FieldProblem } from '../../checks/pod-fields';
import { networkPolicyProblems, pdbProblems, serviceProblems, statefulSetProblems } from '../../checks/object-fields';
import {
  claimSpecProblems,
  configMapProblems,
  persistentVolumeProblems,
  roleBindingProblems,
  roleProblems,
  storageClassProblems,
} from '../../checks/storage-fields';
import { findings, REFUSED } from './apiserver-pods';
import { Any, Finding, list, ManifestContext, ManifestRule } from './context';

/** A rule that judges every object of `kind` with `judge`. */
function perObject(id: string, description: string, kind: string, judge: (o: Any) => FieldProblem[], where = ''): ManifestRule {
  return {
    id,
    description,
    *check(ctx: ManifestContext): Iterable<Finding> {
      for (const o of ctx.ofKind(kind)) yield* findings(o, where, judge(o), REFUSED);
    },
  };
}

export const APISERVER_OBJECT_RULES: readonly ManifestRule[] = [
  perObject(
    'service-spec-valid',
    "A Service's type, ports (names, numbers, protocols, target ports, node ports), session affinity and traffic policies are ones the apiserver accepts.",
    'Service',
    (o) => serviceProblems(o.spec),
    'spec.',
  ),
  {
    id: 'statefulset-spec-valid',
    description:
      "A StatefulSet's podManagementPolicy, updateStrategy, claim retention policy, selector and pod restart policy are ones the apiserver accepts, and its claim templates make claims it accepts.",
    *check(ctx): Iterable<Finding> {
      for (const sts of ctx.ofKind('StatefulSet')) {
        const spec = (sts as Any).spec;
        yield* findings(sts, 'spec.', statefulSetProblems(spec), REFUSED);
        for (const t of list(spec?.volumeClaimTemplates)) {
          yield* findings(sts, `claim template ${t?.metadata?.name}: spec.`, claimSpecProblems(t?.spec), 'the apiserver refuses the claims made from it');
        }
      }
    },
  },
  perObject(
    'persistent-volume-claim-valid',
    'A PersistentVolumeClaim has access modes and a positive storage request.',
    'PersistentVolumeClaim',
    (o) => claimSpecProblems(o.spec),
    'spec.',
  ),
  perObject(
    'pdb-spec-valid',
    'A PodDisruptionBudget sets minAvailable or maxUnavailable, not both, each a non-negative integer or a percentage up to 100%, with a valid selector and eviction policy.',
    'PodDisruptionBudget',
    (o) => pdbProblems(o.spec),
    'spec.',
  ),
  perObject(
    'network-policy-spec-valid',
    "A NetworkPolicy's selectors, ports (endPort included), peers and ipBlocks (except strictly inside cidr) and policyTypes are ones the apiserver accepts.",
    'NetworkPolicy',
    (o) => networkPolicyProblems(o.spec),
    'spec.',
  ),
  perObject(
    'persistent-volume-valid',
    'A PersistentVolume has access modes, a positive storage capacity, one volume source, a known reclaim policy, and node affinity when local.',
    'PersistentVolume',
    (o) => persistentVolumeProblems(o.spec),
    'spec.',
  ),
  perObject(
    'storage-class-valid',
    "A StorageClass's provisioner is a qualified name, its parameters fit, and its reclaimPolicy and volumeBindingMode are ones the apiserver accepts.",
    'StorageClass',
    storageClassProblems,
  ),
  perObject('config-map-valid', "A ConfigMap's keys are valid, not in both data and binaryData, and all of it fits in 1 MiB.", 'ConfigMap', configMapProblems),
  {
    id: 'rbac-objects-valid',
    description:
      "A Role's rules name verbs, API groups and resources; a RoleBinding's roleRef and subjects have the kinds and API groups the apiserver accepts.",
    *check(ctx): Iterable<Finding> {
      for (const r of ctx.ofKind('Role')) yield* findings(r, '', roleProblems(r), REFUSED);
      for (const b of ctx.ofKind('RoleBinding')) yield* findings(b, '', roleBindingProblems(b), REFUSED);
    },
  },
];
