/**
 * PersistentVolumes, claims, StorageClasses, ConfigMaps, Roles and RoleBindings as the
 * kube-apiserver's Go validation judges them, where the 1.28 OpenAPI schema is silent:
 * pkg/apis/core/validation ValidatePersistentVolumeSpec, ValidatePersistentVolumeClaimSpec,
 * ValidateNodeSelectorRequirement and ValidateConfigMap; pkg/apis/storage/validation
 * ValidateStorageClass; pkg/apis/rbac/validation validatePolicyRule, ValidateRoleBinding and
 * validateRoleBindingSubject.
 */
import type { FieldProblem } from './pod-fields';
import { configMapKeyProblem, isDnsSubdomain, isLabelValue, isQualifiedName } from './names';
import { notOneOf } from './object-fields';
import { ACCESS_MODES, quantityValue } from './values';

/** Untyped manifest JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read field by field, defensively
type Any = any;

const present = (v: unknown): boolean => v !== undefined && v !== null;
const listOf = (v: unknown): Any[] => (Array.isArray(v) ? v : []);
const VOLUME_MODES = ['Filesystem', 'Block'];
const RWOP = 'ReadWriteOncePod';

/** Access modes: at least one, each known, and ReadWriteOncePod alone. */
function accessModeProblems(modes: unknown): FieldProblem[] {
  const list = listOf(modes);
  if (list.length === 0) return [{ field: 'accessModes', value: modes, message: 'must list at least one access mode' }];
  const problems = list.flatMap((m, i) => notOneOf(`accessModes[${i}]`, m, ACCESS_MODES));
  if (list.includes(RWOP) && list.length > 1) problems.push({ field: 'accessModes', value: list, message: `may not use ${RWOP} with other access modes` });
  return problems;
}

/** A storage class name, when set: a DNS-1123 subdomain. */
const classNameProblems = (name: unknown): FieldProblem[] =>
  present(name) && name !== '' && !isDnsSubdomain(name) ? [{ field: 'storageClassName', value: name, message: 'must be a DNS-1123 subdomain' }] : [];

/** A quantity that must be above zero. */
const positive = (field: string, q: unknown): FieldProblem[] =>
  present(q) && !(quantityValue(String(q)) > 0) ? [{ field, value: q, message: 'must be greater than zero' }] : [];

/** A claim's or a claim template's spec (ValidatePersistentVolumeClaimSpec). */
export function claimSpecProblems(spec: Any): FieldProblem[] {
  const storage = spec?.resources?.requests?.storage;
  const problems = accessModeProblems(spec?.accessModes);
  if (!present(storage)) problems.push({ field: 'resources.requests.storage', value: storage, message: 'is required' });
  return [
    ...problems,
    ...positive('resources.requests.storage', storage),
    ...classNameProblems(spec?.storageClassName),
    ...notOneOf('volumeMode', spec?.volumeMode, VOLUME_MODES),
  ];
}

/** The volume sources a PersistentVolume can have, exactly one of. */
const PV_SOURCES = [
  'awsElasticBlockStore',
  'azureDisk',
  'azureFile',
  'cephfs',
  'cinder',
  'csi',
  'fc',
  'flexVolume',
  'flocker',
  'gcePersistentDisk',
  'glusterfs',
  'hostPath',
  'iscsi',
  'local',
  'nfs',
  'photonPersistentDisk',
  'portworxVolume',
  'quobyte',
  'rbd',
  'scaleIO',
  'storageos',
  'vsphereVolume',
];
const NODE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];

/** A node selector requirement (ValidateNodeSelectorRequirement). */
function nodeRequirementProblems(at: string, r: Any): FieldProblem[] {
  const values = listOf(r?.values);
  const op = r?.operator;
  const problems: FieldProblem[] = [];
  if (!NODE_OPERATORS.includes(op)) problems.push({ field: `${at}.operator`, value: op, message: `must be one of ${NODE_OPERATORS.join(', ')}` });
  else if (['In', 'NotIn'].includes(op) && values.length === 0)
    problems.push({ field: `${at}.values`, value: r.values, message: 'must be specified when operator is In or NotIn' });
  else if (['Exists', 'DoesNotExist'].includes(op) && values.length > 0)
    problems.push({ field: `${at}.values`, value: values, message: 'must be empty when operator is Exists or DoesNotExist' });
  else if (['Gt', 'Lt'].includes(op) && values.length !== 1)
    problems.push({ field: `${at}.values`, value: r.values, message: 'must be a single value when operator is Gt or Lt' });
  if (typeof r?.key !== 'string' || !isQualifiedName(r.key)) problems.push({ field: `${at}.key`, value: r?.key, message: 'must be a label key' });
  values.filter((v) => !isLabelValue(v)).forEach((v) => problems.push({ field: `${at}.values`, value: v, message: 'must be a label value' }));
  return problems;
}

/** A PersistentVolume's spec (ValidatePersistentVolumeSpec). */
export function persistentVolumeProblems(spec: Any): FieldProblem[] {
  const capacity = spec?.capacity ?? {};
  const problems = accessModeProblems(spec?.accessModes);
  const extra = Object.keys(capacity).filter((k) => k !== 'storage');
  if (!present(capacity.storage) || extra.length > 0)
    problems.push({ field: 'capacity', value: spec?.capacity, message: "must have 'storage' and nothing else" });
  problems.push(...positive('capacity.storage', capacity.storage));
  problems.push(...notOneOf('persistentVolumeReclaimPolicy', spec?.persistentVolumeReclaimPolicy, ['Delete', 'Recycle', 'Retain']));
  const sources = PV_SOURCES.filter((s) => present(spec?.[s]));
  if (sources.length !== 1) {
    problems.push({
      field: '(source)',
      value: sources,
      message: sources.length === 0 ? 'must specify a volume type' : 'may not specify more than 1 volume type',
    });
  }
  const required = spec?.nodeAffinity?.required;
  if (present(required) && listOf(required.nodeSelectorTerms).length === 0) {
    problems.push({
      field: 'nodeAffinity.required.nodeSelectorTerms',
      value: required.nodeSelectorTerms,
      message: 'must have at least one node selector term',
    });
  }
  listOf(required?.nodeSelectorTerms).forEach((t, i) =>
    listOf(t?.matchExpressions).forEach((r, j) =>
      problems.push(...nodeRequirementProblems(`nodeAffinity.required.nodeSelectorTerms[${i}].matchExpressions[${j}]`, r)),
    ),
  );
  if (present(spec?.local)) {
    if (typeof spec.local.path !== 'string' || spec.local.path === '') problems.push({ field: 'local.path', value: spec.local.path, message: 'is required' });
    else if (spec.local.path.split('/').includes('..')) problems.push({ field: 'local.path', value: spec.local.path, message: "must not contain '..'" });
    if (!present(required)) problems.push({ field: 'nodeAffinity', value: spec.nodeAffinity, message: 'is required for a local volume' });
  }
  return [...problems, ...classNameProblems(spec?.storageClassName), ...notOneOf('volumeMode', spec?.volumeMode, VOLUME_MODES)];
}

/** A StorageClass (ValidateStorageClass): provisioner, parameters, reclaim policy and binding mode. */
export function storageClassProblems(sc: Any): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const provisioner = sc?.provisioner;
  if (typeof provisioner !== 'string' || !isQualifiedName(provisioner.toLowerCase())) {
    problems.push({ field: 'provisioner', value: provisioner, message: 'must be a qualified name such as kubernetes.io/no-provisioner' });
  }
  const params = Object.entries(sc?.parameters ?? {});
  if (params.length > 512) problems.push({ field: 'parameters', value: params.length, message: 'must have at most 512 entries' });
  if (params.some(([k]) => k === '')) problems.push({ field: 'parameters', value: '', message: 'keys must not be empty' });
  const size = params.reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(String(v)), 0);
  if (size > 256 * 1024) problems.push({ field: 'parameters', value: size, message: 'must total at most 256 KiB' });
  return [
    ...problems,
    ...notOneOf('reclaimPolicy', sc?.reclaimPolicy, ['Delete', 'Retain']),
    ...notOneOf('volumeBindingMode', sc?.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']),
  ];
}

/** A ConfigMap's keys and size (ValidateConfigMap): at most 1 MiB of data and binaryData together. */
export function configMapProblems(cm: Any): FieldProblem[] {
  const problems: FieldProblem[] = [];
  let size = 0;
  for (const bag of ['data', 'binaryData']) {
    for (const [key, value] of Object.entries(cm?.[bag] ?? {})) {
      const why = configMapKeyProblem(key);
      if (why !== undefined) problems.push({ field: `${bag}`, value: key, message: `key ${why}` });
      if (bag === 'data' && Object.prototype.hasOwnProperty.call(cm.binaryData ?? {}, key)) {
        problems.push({ field: 'data', value: key, message: 'key is also a key of binaryData' });
      }
      size += bag === 'data' ? Buffer.byteLength(String(value)) : Buffer.from(String(value), 'base64').length;
    }
  }
  if (size > 1024 * 1024) problems.push({ field: 'data', value: size, message: 'must total at most 1 MiB (1048576 bytes) with binaryData' });
  return problems;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** A Role's rules (validatePolicyRule, namespaced). */
export function roleProblems(role: Any): FieldProblem[] {
  return listOf(role?.rules).flatMap((r, i) => {
    const at = `rules[${i}]`;
    const problems: FieldProblem[] = [];
    if (listOf(r?.verbs).length === 0) problems.push({ field: `${at}.verbs`, value: r?.verbs, message: 'must contain at least one verb' });
    if (listOf(r?.nonResourceURLs).length > 0)
      return [...problems, { field: `${at}.nonResourceURLs`, value: r.nonResourceURLs, message: 'cannot be in a namespaced Role' }];
    if (listOf(r?.apiGroups).length === 0) problems.push({ field: `${at}.apiGroups`, value: r?.apiGroups, message: 'must contain at least one API group' });
    if (listOf(r?.resources).length === 0) problems.push({ field: `${at}.resources`, value: r?.resources, message: 'must contain at least one resource' });
    if (listOf(r?.resourceNames).length > 0 && listOf(r.resources).length > 1) {
      problems.push({ field: `${at}.resourceNames`, value: r.resourceNames, message: 'cannot apply to more than one resource' });
    }
    return problems;
  });
}

/** A RoleBinding's roleRef and subjects (ValidateRoleBinding, validateRoleBindingSubject). */
export function roleBindingProblems(binding: Any): FieldProblem[] {
  const ref = binding?.roleRef;
  // An empty apiGroup is defaulted (SetDefaults_RoleBinding, SetDefaults_Subject): the RBAC group, or '' for a ServiceAccount.
  const problems = [
    ...notOneOf('roleRef.apiGroup', ref?.apiGroup || undefined, [RBAC_GROUP]),
    ...notOneOf('roleRef.kind', ref?.kind ?? '', ['Role', 'ClusterRole']),
  ];
  if (typeof ref?.name !== 'string' || ref.name === '') problems.push({ field: 'roleRef.name', value: ref?.name, message: 'is required' });
  listOf(binding?.subjects).forEach((s, i) => {
    const at = `subjects[${i}]`;
    if (typeof s?.name !== 'string' || s.name === '') problems.push({ field: `${at}.name`, value: s?.name, message: 'is required' });
    problems.push(...notOneOf(`${at}.kind`, s?.kind ?? '', ['ServiceAccount', 'User', 'Group']));
    if (s?.kind === 'ServiceAccount') problems.push(...notOneOf(`${at}.apiGroup`, s.apiGroup || undefined, ['']));
    else if (['User', 'Group'].includes(s?.kind)) problems.push(...notOneOf(`${at}.apiGroup`, s.apiGroup || undefined, [RBAC_GROUP]));
  });
  return problems;
}
