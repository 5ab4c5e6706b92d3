/**
 * The StatefulSet, Erlang distribution, RBAC and container manifest rules
 * (rules/statefulsets.ts, rules/erlang-distribution.ts, rules/rbac.ts,
 * rules/containers.ts) on the edges the case table of manifest-rules.test.ts leaves
 * open: how a Service port forwards the dist port, cookie references, the wording
 * of several findings at once, and objects with fields missing (a user's YAML may
 * lack any of them: no throw, exact violations). Written to kill the mutants
 * StrykerJS found surviving (docs/mutation.md).
 */
import { KubeObject } from '../lib/validation/manifests';
import { cluster, container, NS, STS, violations } from './fixtures/manifests';

const RBAC = 'rbac.authorization.k8s.io/v1';
const role = (rules: unknown) => ({ apiVersion: RBAC, kind: 'Role', metadata: { name: 'disco', namespace: NS }, ...(rules === undefined ? {} : { rules }) });
const roleBinding = (roleRef: unknown) => ({
  apiVersion: RBAC,
  kind: 'RoleBinding',
  metadata: { name: 'disco', namespace: NS },
  ...(roleRef === undefined ? {} : { roleRef }),
  subjects: [{ kind: 'ServiceAccount', name: 'disco', namespace: NS }],
});

const GOVERNING_RULES = ['governing-service-exists', 'governing-service-headless', 'governing-service-selects-pods', 'governing-service-publishes-not-ready'];
const DIST_RULES = ['dist-port-declared', 'dist-port-on-headless-service', 'epmd-port-on-headless-service'];

describe('the governing Service rules (statefulsets.ts)', () => {
  test('a StatefulSet without spec names no Service; the rules that need one say nothing more', () => {
    const objects = cluster((sts) => {
      delete sts.spec;
    });
    expect(violations(objects, ...GOVERNING_RULES, 'service-account-exists')).toEqual([
      `${STS}: serviceName undefined names no Service in namespace prod; pods get no DNS names`,
    ]);
  });

  test('a governing Service without spec is not headless, selects nothing and does not publish unready pods', () => {
    const objects = cluster((_sts, svc) => {
      delete svc.spec;
    });
    expect(violations(objects, ...GOVERNING_RULES)).toEqual([
      `${STS}: governing Service app-hl is not headless (clusterIP: None); pods get no per-pod DNS names`,
      `${STS}: governing Service app-hl does not select this StatefulSet's pods`,
      `${STS}: governing Service app-hl lacks publishNotReadyAddresses: true; peers cannot resolve each other before Ready`,
    ]);
  });

  test('service-account-exists: no template, or no pod spec, names no ServiceAccount', () => {
    expect(
      violations(
        cluster((sts) => {
          delete sts.spec.template;
        }),
        'service-account-exists',
      ),
    ).toEqual([]);
    expect(
      violations(
        cluster((sts) => {
          delete sts.spec.template.spec;
        }),
        'service-account-exists',
      ),
    ).toEqual([]);
  });
});

describe('the distribution port rules (erlang-distribution.ts)', () => {
  const dist = (objects: readonly KubeObject[]) => violations(objects, ...DIST_RULES);
  const distPorts = (...ports: any[]) =>
    cluster((_sts, svc) => {
      svc.spec.ports = [svc.spec.ports[0], ...ports];
    });
  const NOT_EXPOSED = `${STS}: headless Service app-hl does not expose the distribution port 9100`;
  const NO_EPMD = `${STS}: headless Service app-hl does not expose epmd (4369)`;

  test('a StatefulSet without spec has no containers to check', () => {
    expect(
      dist(
        cluster((sts) => {
          delete sts.spec;
        }),
      ),
    ).toEqual([]);
  });

  test('the Service port must be the dist port and forward to it: no targetPort, the number, or the container port name', () => {
    expect(dist(distPorts({ name: 'dist', port: 9100, targetPort: 9100 }))).toEqual([]);
    expect(dist(distPorts({ name: 'dist', port: 9100, targetPort: 'dist' }))).toEqual([]);
    expect(dist(distPorts({ name: 'dist', port: 9100, targetPort: 9200 }))).toEqual([NOT_EXPOSED]);
    expect(dist(distPorts({ name: 'dist', port: 9100, targetPort: 'erlang' }))).toEqual([NOT_EXPOSED]);
    expect(dist(distPorts({ name: 'dist', port: 80, targetPort: 9100 }))).toEqual([NOT_EXPOSED]);
  });

  test('a named targetPort needs a container port of that name', () => {
    const objects = cluster((sts, svc) => {
      container(sts).ports[1] = { containerPort: 9100 };
      svc.spec.ports[1] = { name: 'dist', port: 9100, targetPort: 'dist' };
    });
    expect(dist(objects)).toEqual([NOT_EXPOSED]);
  });

  test('a governing Service without spec, or without ports, exposes neither port', () => {
    const noSpec = cluster((_sts, svc) => {
      delete svc.spec;
    });
    const noPorts = cluster((_sts, svc) => {
      delete svc.spec.ports;
    });
    expect(dist(noSpec)).toEqual([NOT_EXPOSED, NO_EPMD]);
    expect(dist(noPorts)).toEqual([NOT_EXPOSED, NO_EPMD]);
  });

  test('a container without ports declares no dist port; the Service still forwards it by number', () => {
    const objects = cluster((sts) => {
      delete container(sts).ports;
    });
    expect(dist(objects)).toEqual([`${STS}: container node listens for distribution on 9100 but does not declare that port`]);
  });
});

describe('no-literal-cookie', () => {
  const cookie = (value: string) =>
    violations(
      cluster((sts) => {
        container(sts).env.push({ name: 'SECRET', valueFrom: { secretKeyRef: { name: 'cookie', key: 'cookie' } } }, { name: 'RELEASE_COOKIE', value });
      }),
      'no-literal-cookie',
    );
  const LITERAL = `${STS}: container node: RELEASE_COOKIE is a literal; take the cookie from a Secret (secretKeyRef)`;

  test('only a value that is one whole $(VAR) reference is not a literal', () => {
    expect(cookie('$(SECRET)')).toEqual([]);
    expect(cookie('x$(SECRET)')).toEqual([LITERAL]);
    expect(cookie('$(SECRET)x')).toEqual([LITERAL]);
  });
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

describe('probe-port-declared (containers.ts)', () => {
  const probes = (edit: (c: any) => void) =>
    violations(
      cluster((sts) => {
        edit(container(sts));
      }),
      'probe-port-declared',
    );

  test('a container without ports declares no port name', () => {
    expect(
      probes((c) => {
        delete c.ports;
        c.startupProbe = { httpGet: { path: '/', port: 'health' } };
      }),
    ).toEqual([`${STS}: container node: startupProbe uses port health, which the container does not declare; the probe can never succeed`]);
    expect(
      probes((c) => {
        delete c.ports;
      }),
    ).toEqual([]);
  });

  test('an unnamed container port does not declare a name', () => {
    expect(
      probes((c) => {
        c.ports = [{ containerPort: 8080 }];
        c.livenessProbe = { tcpSocket: { port: 'http' } };
      }),
    ).toEqual([`${STS}: container node: livenessProbe uses port http, which the container does not declare; the probe can never succeed`]);
  });

  test('an exec or grpc probe names no port to check', () => {
    expect(
      probes((c) => {
        c.readinessProbe = { exec: { command: ['true'] } };
        c.livenessProbe = { grpc: { port: 9000 } };
      }),
    ).toEqual([]);
  });
});
