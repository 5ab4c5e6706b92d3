/**
 * lib/validation/validate.ts: the strict schema (Kubernetes 1.28) and the cross-object
 * checks over a list of manifests, and how a report reads.
 */
import { Testing } from 'cdk8s';
import { DEFAULT_CONFIG } from '../../charts/config';
import { ErlangDockerChart } from '../../charts/erlang-docker-chart';
import { checkManifests, KubeObject } from '../../lib/validation/manifests';
import { KubernetesSchema } from '../../lib/validation/schema';
import { formatReport, isClean, ManifestValidator, ValidationReport } from '../../lib/validation/validate';

const seed = Testing.synth(new ErlangDockerChart(Testing.app(), 'seed', { config: DEFAULT_CONFIG })) as KubeObject[];

const schema = new KubernetesSchema();

/** A deep copy of the seed with `mutate` applied to the object `kind/name`. */
function mutated(kind: string, name: string, mutate: (o: any) => void): KubeObject[] {
  const copy = JSON.parse(JSON.stringify(seed)) as any[];
  const target = copy.find((o) => o.kind === kind && o.metadata.name === name);
  mutate(target);
  return copy;
}

const rules = (objects: KubeObject[]) => checkManifests(objects).map((v) => `${v.rule} ${v.object}`);

describe('strict schema validation (Kubernetes 1.28)', () => {
  test('the seed is clean', () => {
    expect(schema.validate(seed)).toEqual([]);
  });

  test('an unknown field is an error, as kubeconform -strict', () => {
    // The classic typo: `clusterIP` is right in YAML, `clusterIp` is not a field.
    const objects = mutated('Service', 'erlang-docker-a-hl', (s) => {
      s.spec.clusterIp = 'None';
    });
    expect(schema.validate(objects)).toEqual([{ object: 'Service/default/erlang-docker-a-hl', path: '/spec', message: "unknown field 'clusterIp'" }]);
  });

  test('a wrong type is an error', () => {
    const objects = mutated('StatefulSet', 'erlang-docker-a-sfs', (s) => {
      s.spec.replicas = 'three';
    });
    expect(schema.validate(objects)).toEqual([{ object: 'StatefulSet/default/erlang-docker-a-sfs', path: '/spec/replicas', message: 'must be integer' }]);
  });

  test('an unknown kind is an error', () => {
    expect(schema.validate([{ apiVersion: 'v1', kind: 'Servise', metadata: { name: 'x' } }])).toEqual([
      { object: 'Servise/x', path: '', message: 'unknown apiVersion/kind v1/Servise in Kubernetes 1.28' },
    ]);
  });
});

describe('cross-object checks', () => {
  test('the seed is clean', () => {
    expect(checkManifests(seed)).toEqual([]);
  });

  test('a governing Service that is not headless', () => {
    const objects = mutated('Service', 'erlang-docker-a-hl', (s) => {
      delete s.spec.clusterIP;
    });
    expect(rules(objects)).toEqual(['governing-service-headless StatefulSet/default/erlang-docker-a-sfs']);
  });

  test('a serviceName that names no Service', () => {
    const objects = mutated('StatefulSet', 'erlang-docker-b-sfs', (s) => {
      s.spec.serviceName = 'erlang-docker-b-svc-typo';
    });
    // The node's host name still names the old Service, so that is reported too.
    expect(rules(objects)).toEqual([
      'governing-service-exists StatefulSet/default/erlang-docker-b-sfs',
      'host-name-governing-service StatefulSet/default/erlang-docker-b-sfs',
    ]);
  });

  test('a governing Service without publishNotReadyAddresses', () => {
    const objects = mutated('Service', 'erlang-docker-a-hl', (s) => {
      s.spec.publishNotReadyAddresses = false;
    });
    expect(rules(objects)).toEqual(['governing-service-publishes-not-ready StatefulSet/default/erlang-docker-a-sfs']);
  });

  test('env order that leaves $(POD_NAME) literal', () => {
    const objects = mutated('StatefulSet', 'erlang-docker-a-sfs', (s) => {
      const env = s.spec.template.spec.containers[0].env;
      const i = env.findIndex((e: any) => e.name === 'POD_NAME');
      env.push(...env.splice(i, 1));
    });
    const violations = checkManifests(objects);
    expect(violations.map((v) => v.rule)).toEqual(['env-order']);
    expect(violations[0].message).toBe(
      'container erlang-docker-a: ERLANG_HOST_NAME refers to $(POD_NAME), which is defined later in the list; the kubelet leaves it literal',
    );
  });

  test('with envFrom, a name missing from env may come from there; an order mistake is still one', () => {
    const objects = mutated('StatefulSet', 'erlang-docker-a-sfs', (s) => {
      const c = s.spec.template.spec.containers[0];
      c.envFrom = [{ configMapRef: { name: 'app-env' } }];
      c.env.push({ name: 'GREETING', value: 'hello $(FROM_CONFIG_MAP)' });
    });
    expect(rules(objects)).toEqual([]);
    const reordered = mutated('StatefulSet', 'erlang-docker-a-sfs', (s) => {
      const c = s.spec.template.spec.containers[0];
      c.envFrom = [{ configMapRef: { name: 'app-env' } }];
      c.env.push(
        ...c.env.splice(
          c.env.findIndex((e: any) => e.name === 'POD_NAME'),
          1,
        ),
      );
    });
    expect(rules(reordered)).toEqual(['env-order StatefulSet/default/erlang-docker-a-sfs']);
  });

  test('a literal cookie', () => {
    const objects = mutated('StatefulSet', 'erlang-docker-a-sfs', (s) => {
      const env = s.spec.template.spec.containers[0].env;
      env.find((e: any) => e.name === 'RELEASE_COOKIE').value = 'secret';
      delete env.find((e: any) => e.name === 'RELEASE_COOKIE').valueFrom;
    });
    expect(rules(objects)).toEqual(['no-literal-cookie StatefulSet/default/erlang-docker-a-sfs']);
  });

  test('a dist port that the container and the headless Service do not declare', () => {
    const objects = mutated('StatefulSet', 'erlang-docker-a-sfs', (s) => {
      s.spec.template.spec.containers[0].env.find((e: any) => e.name === 'ERL_AFLAGS').value = '-kernel inet_dist_listen_min 9200 inet_dist_listen_max 9200';
    });
    expect(rules(objects)).toEqual([
      'dist-port-declared StatefulSet/default/erlang-docker-a-sfs',
      'dist-port-on-headless-service StatefulSet/default/erlang-docker-a-sfs',
    ]);
  });

  test('a Service, PDB or NetworkPolicy whose selector selects nothing', () => {
    expect(
      rules(
        mutated('Service', 'erlang-docker-b-svc', (s) => {
          s.spec.selector = { app: 'erlang-docker-c' };
        }),
      ),
    ).toEqual(['selector-matches-pods Service/default/erlang-docker-b-svc']);
    expect(
      rules(
        mutated('PodDisruptionBudget', 'erlang-docker-a-sfs', (p) => {
          p.spec.selector.matchLabels = { app: 'nope' };
        }),
      ),
    ).toEqual(['selector-matches-pods PodDisruptionBudget/default/erlang-docker-a-sfs']);
    expect(
      rules(
        mutated('NetworkPolicy', 'erlang-docker-a-sfs', (n) => {
          n.spec.ingress[0].from[1].podSelector.matchLabels = { app: 'erlang-docker-z' };
        }),
      ),
    ).toEqual(['network-policy-peer-selects-pods NetworkPolicy/default/erlang-docker-a-sfs']);
  });

  test('a node port out of range, or used twice', () => {
    expect(
      rules(
        mutated('Service', 'erlang-docker-a-svc', (s) => {
          s.spec.ports[1].nodePort = 30080;
        }),
      ),
    ).toEqual(['node-port-unique Service/default/erlang-docker-a-svc']);
    expect(
      rules(
        mutated('Service', 'erlang-docker-a-svc', (s) => {
          s.spec.ports[0].nodePort = 8080;
        }),
      ),
    ).toEqual(['node-port-range Service/default/erlang-docker-a-svc']);
  });

  test('a mount of a volume that does not exist', () => {
    expect(
      rules(
        mutated('StatefulSet', 'erlang-docker-b-sfs', (s) => {
          s.spec.volumeClaimTemplates[0].metadata.name = 'other';
        }),
      ),
    ).toEqual(['volume-mount-exists StatefulSet/default/erlang-docker-b-sfs']);
  });

  test('RBAC must be namespaced and read-only', () => {
    const role = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'r', namespace: 'default' },
      rules: [{ apiGroups: [''], resources: ['*'], verbs: ['get', 'delete'] }],
    };
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'rb', namespace: 'default' },
      roleRef: { kind: 'Role', name: 'missing' },
    };
    const clusterRole = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'cr' } };
    expect(rules([...seed, role, binding, clusterRole])).toEqual([
      'rbac-namespaced ClusterRole/cr',
      'rbac-least-privilege Role/default/r',
      'rbac-least-privilege Role/default/r',
      'rbac-role-exists RoleBinding/default/rb',
    ]);
  });
});

describe('malformed lists (hand-written YAML such as `env: {}`)', () => {
  test('the rules read them as empty and do not throw; the schema names each one', () => {
    let objects = mutated('StatefulSet', 'erlang-docker-a-sfs', (s) => {
      const c = s.spec.template.spec.containers[0];
      c.env = {};
      c.ports = 'dist';
      c.volumeMounts = {};
      s.spec.template.spec.volumes = {};
      s.spec.volumeClaimTemplates = {};
    });
    objects = [
      ...objects,
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'odd', namespace: 'default' },
        spec: { podSelector: {}, policyTypes: 'Egress', ingress: {}, egress: [{ to: {}, ports: 53 }] },
      },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'odd', namespace: 'default' }, rules: {} },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'odd', namespace: 'default' }, spec: { ports: {}, selector: { app: 'none' } } },
    ];
    expect(() => checkManifests(objects)).not.toThrow();
    expect(
      schema
        .validate(objects)
        .map((v) => `${v.object} ${v.path}`)
        .sort(),
    ).toEqual(
      [
        'NetworkPolicy/default/odd /spec/egress/0/ports',
        'NetworkPolicy/default/odd /spec/egress/0/to',
        'NetworkPolicy/default/odd /spec/ingress',
        'NetworkPolicy/default/odd /spec/policyTypes',
        'Role/default/odd /rules',
        'Service/default/odd /spec/ports',
        'StatefulSet/default/erlang-docker-a-sfs /spec/template/spec/containers/0/env',
        'StatefulSet/default/erlang-docker-a-sfs /spec/template/spec/containers/0/ports',
        'StatefulSet/default/erlang-docker-a-sfs /spec/template/spec/containers/0/volumeMounts',
        'StatefulSet/default/erlang-docker-a-sfs /spec/template/spec/volumes',
        'StatefulSet/default/erlang-docker-a-sfs /spec/volumeClaimTemplates',
      ].sort(),
    );
  });
});

describe('validate.ts: isClean and formatReport', () => {
  const empty: ValidationReport = { schema: [], invariants: [] };
  test('clean only when both lists are empty', () => {
    expect(isClean(empty)).toBe(true);
    expect(isClean({ schema: [{ object: 'A/x', path: '', message: 'm' }], invariants: [] })).toBe(false);
    expect(isClean({ schema: [], invariants: [{ rule: 'r', object: 'A/x', message: 'm' }] })).toBe(false);
  });

  test('ManifestValidator, the class other languages call, gives the same judgments', () => {
    expect(ManifestValidator.isClean(empty)).toBe(true);
    expect(ManifestValidator.isClean({ schema: [], invariants: [{ rule: 'r', object: 'A/x', message: 'm' }] })).toBe(false);
    expect(ManifestValidator.format({ schema: [{ object: 'A/x', path: '', message: 'm' }], invariants: [] })).toBe('  schema     A/x: m');
  });

  test('one line per violation: schema ones with their path when there is one, then rules padded to 10', () => {
    expect(formatReport(empty)).toBe('');
    expect(
      formatReport({
        schema: [
          { object: 'Service/ns/s', path: '/spec/ports/0', message: 'must be integer' },
          { object: 'Nope/n', path: '', message: 'unknown' },
        ],
        invariants: [
          { rule: 'short', object: 'Service/ns/s', message: 'm1' },
          { rule: 'a-much-longer-rule', object: 'X/y', message: 'm2' },
        ],
      }),
    ).toBe(
      [
        '  schema     Service/ns/s at /spec/ports/0: must be integer',
        '  schema     Nope/n: unknown',
        '  short      Service/ns/s: m1',
        '  a-much-longer-rule X/y: m2',
      ].join('\n'),
    );
  });
});
