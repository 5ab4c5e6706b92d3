/**
 * lib/validation/rules/rbac.ts on the edges the case table of manifest-rules.test.ts leaves open.
 */
import { cluster, NS, violations } from '../../fixtures/manifests';

const RBAC = 'rbac.authorization.k8s.io/v1';

const role = (rules: unknown) => ({ apiVersion: RBAC, kind: 'Role', metadata: { name: 'disco', namespace: NS }, ...(rules === undefined ? {} : { rules }) });

const roleBinding = (roleRef: unknown) => ({
  apiVersion: RBAC,
  kind: 'RoleBinding',
  metadata: { name: 'disco', namespace: NS },
  ...(roleRef === undefined ? {} : { roleRef }),
  subjects: [{ kind: 'ServiceAccount', name: 'disco', namespace: NS }],
});

describe('the RBAC rules (rbac.ts)', () => {
  test('a ClusterRoleBinding is refused like a ClusterRole', () => {
    const binding = { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'disco' }, roleRef: { kind: 'ClusterRole', name: 'view' } };
    expect(violations(cluster(undefined, binding), 'rbac-namespaced')).toEqual([
      'ClusterRoleBinding/disco: discovery needs only namespaced read access; use a Role and RoleBinding',
    ]);
  });

  test("rbac-least-privilege names each field with '*', and each verb beyond get, list and watch", () => {
    const rule = (apiGroups: string[], resources: string[], verbs: string[]) => role([{ apiGroups, resources, verbs }]);
    const run = (r: any) => violations(cluster(undefined, r), 'rbac-least-privilege');
    expect(run(rule(['*'], ['pods'], ['get']))).toEqual(["Role/prod/disco: rule uses '*' in apiGroups"]);
    expect(run(rule([''], ['pods'], ['*']))).toEqual([
      "Role/prod/disco: rule uses '*' in verbs",
      'Role/prod/disco: rule grants *; discovery needs get, list and watch only',
    ]);
    expect(run(rule(['*'], ['*'], ['list']))).toEqual(["Role/prod/disco: rule uses '*' in apiGroups, resources"]);
    expect(run(rule([''], ['pods'], ['get', 'create', 'delete']))).toEqual([
      'Role/prod/disco: rule grants create, delete; discovery needs get, list and watch only',
    ]);
  });

  test('rbac-least-privilege: a Role without rules, or a rule without its lists, grants nothing', () => {
    const run = (r: any) => violations(cluster(undefined, r), 'rbac-least-privilege');
    expect(run(role(undefined))).toEqual([]);
    expect(run(role([{}]))).toEqual([]);
    expect(run(role([{ apiGroups: [''], resources: ['pods'] }]))).toEqual([]);
  });

  test('rbac-role-exists checks Roles only: a binding to a ClusterRole, or without roleRef, is not its business', () => {
    const run = (b: any) => violations(cluster(undefined, b), 'rbac-role-exists');
    expect(run(roleBinding({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }))).toEqual([]);
    expect(run(roleBinding(undefined))).toEqual([]);
  });
});
