/** Rules on discovery's RBAC: namespaced, bound to a Role that exists, and read-only. */
import { Any, Finding, list, ManifestRule, namespaceOf } from './context';

const READ_VERBS = ['get', 'list', 'watch'];

export const RBAC_RULES: readonly ManifestRule[] = [
  {
    id: 'rbac-namespaced',
    description: 'No ClusterRole or ClusterRoleBinding: discovery needs only namespaced read access.',
    *check(ctx): Iterable<Finding> {
      for (const o of ctx.objects.filter((x) => x.kind === 'ClusterRole' || x.kind === 'ClusterRoleBinding')) {
        yield { object: o, message: 'discovery needs only namespaced read access; use a Role and RoleBinding' };
      }
    },
  },
  {
    id: 'rbac-least-privilege',
    description: "A Role's rules use no '*' and grant get, list and watch only.",
    *check(ctx): Iterable<Finding> {
      for (const role of ctx.ofKind('Role')) {
        for (const rule of list((role as Any).rules)) {
          const wide = ['apiGroups', 'resources', 'verbs'].filter((k) => list(rule[k]).includes('*'));
          if (wide.length > 0) yield { object: role, message: `rule uses '*' in ${wide.join(', ')}` };
          const writes = list(rule.verbs).filter((v: string) => !READ_VERBS.includes(v));
          if (writes.length > 0) yield { object: role, message: `rule grants ${writes.join(', ')}; discovery needs get, list and watch only` };
        }
      }
    },
  },
  {
    id: 'rbac-role-exists',
    description: "A RoleBinding's Role is defined in the binding's namespace.",
    *check(ctx): Iterable<Finding> {
      const roles = ctx.namesOf('Role');
      for (const rb of ctx.ofKind('RoleBinding')) {
        const ref = (rb as Any).roleRef;
        if (ref?.kind === 'Role' && !roles.has(`${namespaceOf(rb)}/${ref.name}`)) {
          yield { object: rb, message: `refers to Role ${ref.name}, which is not in namespace ${namespaceOf(rb)}` };
        }
      }
    },
  },
];
