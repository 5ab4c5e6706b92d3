/**
 * The apiserver's storage, ConfigMap and RBAC judgments (lib/checks/storage-fields.ts) and the
 * downward API's (lib/checks/downward-api.ts), called directly: missing and null fields, both
 * sides of each operator rule, and the exact problem each returns.
 */
import { fieldRefProblems, resourceFieldRefProblems } from '../../lib/checks/downward-api';
import {
  claimSpecProblems,
  configMapProblems,
  persistentVolumeProblems,
  roleBindingProblems,
  roleProblems,
  storageClassProblems,
} from '../../lib/checks/storage-fields';

const RWO = ['ReadWriteOnce'];
const AFFINITY = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'Exists' }] }] } };
const pv = (extra: object): object => ({ capacity: { storage: '1Gi' }, accessModes: RWO, hostPath: { path: '/d' }, ...extra });
const at = 'nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0]';
const requirement = (r: unknown) => persistentVolumeProblems(pv({ nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [r] }] } } }));

describe('claimSpecProblems', () => {
  test('a missing spec: no access mode, no storage request, and no TypeError', () => {
    expect(claimSpecProblems(undefined)).toEqual([
      { field: 'accessModes', value: undefined, message: 'must list at least one access mode' },
      { field: 'resources.requests.storage', value: undefined, message: 'is required' },
    ]);
  });
  test('resources without requests: storage is required', () => {
    expect(claimSpecProblems({ accessModes: RWO, resources: {} })).toEqual([{ field: 'resources.requests.storage', value: undefined, message: 'is required' }]);
  });
  test('a null storage request is a missing one, not a non-positive quantity', () => {
    expect(claimSpecProblems({ accessModes: RWO, resources: { requests: { storage: null } } })).toEqual([
      { field: 'resources.requests.storage', value: null, message: 'is required' },
    ]);
  });
  test('a valid spec has no problems', () => {
    expect(claimSpecProblems({ accessModes: RWO, resources: { requests: { storage: '1Gi' } }, volumeMode: 'Block' })).toEqual([]);
  });
});

describe('persistentVolumeProblems', () => {
  test('a missing spec: access modes, capacity and volume type, and no TypeError', () => {
    expect(persistentVolumeProblems(undefined)).toEqual([
      { field: 'accessModes', value: undefined, message: 'must list at least one access mode' },
      { field: 'capacity', value: undefined, message: "must have 'storage' and nothing else" },
      { field: '(source)', value: [], message: 'must specify a volume type' },
    ]);
  });
  test('a valid hostPath volume has no problems', () => {
    expect(persistentVolumeProblems(pv({}))).toEqual([]);
  });
  test('a null node selector term is read as one without expressions', () => {
    expect(persistentVolumeProblems(pv({ nodeAffinity: { required: { nodeSelectorTerms: [null] } } }))).toEqual([]);
  });
  test('a null requirement: unknown operator and no key, no TypeError', () => {
    expect(requirement(null)).toEqual([
      { field: `${at}.operator`, value: undefined, message: 'must be one of In, NotIn, Exists, DoesNotExist, Gt, Lt' },
      { field: `${at}.key`, value: undefined, message: 'must be a label key' },
    ]);
  });
  test.each(['In', 'NotIn'])('%s needs values', (operator) => {
    expect(requirement({ key: 'disk', operator })).toEqual([
      { field: `${at}.values`, value: undefined, message: 'must be specified when operator is In or NotIn' },
    ]);
    expect(requirement({ key: 'disk', operator, values: ['ssd'] })).toEqual([]);
  });
  test.each(['Exists', 'DoesNotExist'])('%s takes no values', (operator) => {
    expect(requirement({ key: 'disk', operator, values: ['ssd'] })).toEqual([
      { field: `${at}.values`, value: ['ssd'], message: 'must be empty when operator is Exists or DoesNotExist' },
    ]);
    expect(requirement({ key: 'disk', operator })).toEqual([]);
  });
  test.each(['Gt', 'Lt'])('%s takes exactly one value', (operator) => {
    expect(requirement({ key: 'disk', operator, values: ['1', '2'] })).toEqual([
      { field: `${at}.values`, value: ['1', '2'], message: 'must be a single value when operator is Gt or Lt' },
    ]);
    expect(requirement({ key: 'disk', operator, values: ['1'] })).toEqual([]);
  });
  test('a key that is not a label key, and a value that is not a label value', () => {
    expect(requirement({ key: 'bad key', operator: 'In', values: ['-x'] })).toEqual([
      { field: `${at}.key`, value: 'bad key', message: 'must be a label key' },
      { field: `${at}.values`, value: '-x', message: 'must be a label value' },
    ]);
  });
  test('a local volume without a path, with an empty one, and with ..', () => {
    const local = (path: unknown) => persistentVolumeProblems(pv({ hostPath: undefined, local: { path }, nodeAffinity: AFFINITY }));
    expect(local(undefined)).toEqual([{ field: 'local.path', value: undefined, message: 'is required' }]);
    expect(local('')).toEqual([{ field: 'local.path', value: '', message: 'is required' }]);
    expect(local('/mnt/../etc')).toEqual([{ field: 'local.path', value: '/mnt/../etc', message: "must not contain '..'" }]);
    expect(local('/mnt/disk')).toEqual([]);
  });
});

describe('storageClassProblems and configMapProblems', () => {
  test('a missing StorageClass: only the provisioner, no TypeError', () => {
    expect(storageClassProblems(undefined)).toEqual([
      { field: 'provisioner', value: undefined, message: 'must be a qualified name such as kubernetes.io/no-provisioner' },
    ]);
  });
  test('a missing ConfigMap has no problems', () => {
    expect(configMapProblems(undefined)).toEqual([]);
  });
});

describe('roleProblems', () => {
  test('a missing Role has no rules to judge', () => {
    expect(roleProblems(undefined)).toEqual([]);
  });
  test('a null rule lacks verbs, API groups and resources, and no TypeError', () => {
    expect(roleProblems({ rules: [null] })).toEqual([
      { field: 'rules[0].verbs', value: undefined, message: 'must contain at least one verb' },
      { field: 'rules[0].apiGroups', value: undefined, message: 'must contain at least one API group' },
      { field: 'rules[0].resources', value: undefined, message: 'must contain at least one resource' },
    ]);
  });
  test('resourceNames: fine on one resource or none given, refused on two', () => {
    const rule = { verbs: ['get'], apiGroups: [''] };
    expect(roleProblems({ rules: [{ ...rule, resources: ['pods', 'services'] }] })).toEqual([]);
    expect(roleProblems({ rules: [{ ...rule, resources: ['pods'], resourceNames: ['a'] }] })).toEqual([]);
    expect(roleProblems({ rules: [{ ...rule, resources: ['pods', 'services'], resourceNames: ['a'] }] })).toEqual([
      { field: 'rules[0].resourceNames', value: ['a'], message: 'cannot apply to more than one resource' },
    ]);
  });
});

describe('roleBindingProblems', () => {
  const roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' };
  test('a missing binding: roleRef kind and name, no TypeError', () => {
    const expected = [
      { field: 'roleRef.kind', value: '', message: "must be one of 'Role', 'ClusterRole'" },
      { field: 'roleRef.name', value: undefined, message: 'is required' },
    ];
    expect(roleBindingProblems(undefined)).toEqual(expected);
    expect(roleBindingProblems({})).toEqual(expected);
  });
  test('an empty roleRef name is required', () => {
    expect(roleBindingProblems({ roleRef: { ...roleRef, name: '' } })).toEqual([{ field: 'roleRef.name', value: '', message: 'is required' }]);
  });
  test('a null subject: name and kind, no TypeError', () => {
    expect(roleBindingProblems({ roleRef, subjects: [null] })).toEqual([
      { field: 'subjects[0].name', value: undefined, message: 'is required' },
      { field: 'subjects[0].kind', value: '', message: "must be one of 'ServiceAccount', 'User', 'Group'" },
    ]);
  });
  test('an empty subject name is required', () => {
    expect(roleBindingProblems({ roleRef, subjects: [{ kind: 'ServiceAccount', name: '' }] })).toEqual([
      { field: 'subjects[0].name', value: '', message: 'is required' },
    ]);
  });
  test('a Group subject takes the RBAC API group; an unknown kind is judged by its kind alone', () => {
    expect(roleBindingProblems({ roleRef, subjects: [{ kind: 'Group', name: 'g', apiGroup: 'x' }] })).toEqual([
      { field: 'subjects[0].apiGroup', value: 'x', message: "must be one of 'rbac.authorization.k8s.io'" },
    ]);
    expect(roleBindingProblems({ roleRef, subjects: [{ kind: 'Robot', name: 'g', apiGroup: 'x' }] })).toEqual([
      { field: 'subjects[0].kind', value: 'Robot', message: "must be one of 'ServiceAccount', 'User', 'Group'" },
    ]);
  });
});

describe('fieldRefProblems', () => {
  const field = 'valueFrom.fieldRef.fieldPath';
  test('a missing or empty fieldPath is required', () => {
    expect(fieldRefProblems(undefined)).toEqual([{ field, value: undefined, message: 'is required' }]);
    expect(fieldRefProblems({ fieldPath: '' })).toEqual([{ field, value: '', message: 'is required' }]);
  });
  test('label keys are judged as written, annotation keys lower-cased', () => {
    expect(fieldRefProblems({ fieldPath: "metadata.labels['Example.com/a']" })).toEqual([
      { field, value: "metadata.labels['Example.com/a']", message: 'must name a valid label key' },
    ]);
    expect(fieldRefProblems({ fieldPath: "metadata.annotations['Example.com/a']" })).toEqual([]);
    expect(fieldRefProblems({ fieldPath: "metadata.annotations['-a']" })).toEqual([
      { field, value: "metadata.annotations['-a']", message: 'must name a valid annotation key' },
    ]);
  });
});

describe('resourceFieldRefProblems', () => {
  const field = 'valueFrom.resourceFieldRef.resource';
  test('a missing or empty resource is required', () => {
    expect(resourceFieldRefProblems(undefined)).toEqual([{ field, value: undefined, message: 'is required' }]);
    expect(resourceFieldRefProblems({ resource: '' })).toEqual([{ field, value: '', message: 'is required' }]);
  });
  test('a null divisor is an unset one', () => {
    expect(resourceFieldRefProblems({ resource: 'limits.memory', divisor: null })).toEqual([]);
  });
});
