/** The discovery's ServiceAccount, Role and RoleBinding, all named after the StatefulSet, in its namespace. */
import type * as k8s from '../../../../imports/k8s';
import type { ClusterSpec } from '../spec';
import { objectMeta } from './object-meta';

export interface DiscoveryRbacProps {
  readonly serviceAccount: k8s.KubeServiceAccountProps;
  readonly role: k8s.KubeRoleProps;
  readonly roleBinding: k8s.KubeRoleBindingProps;
}

/** None unless the discovery reads the API. */
export function discoveryRbacProps(spec: ClusterSpec): DiscoveryRbacProps | undefined {
  const name = spec.serviceAccountName;
  if (name === undefined) return undefined;
  return {
    serviceAccount: { metadata: objectMeta(spec, name), automountServiceAccountToken: true },
    role: { metadata: objectMeta(spec, name), rules: [...spec.parts.discovery.rbacRules] },
    roleBinding: {
      metadata: objectMeta(spec, name),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace: spec.namespace }],
    },
  };
}
