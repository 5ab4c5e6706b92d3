/**
 * lib/validation/rules/erlang-distribution.ts: the distribution port rules, no-literal-cookie
 * and the node-identity rules, each with a case that trips it and a near miss.
 */
import { KubeObject, checkManifests, MANIFEST_RULES } from '../../../lib/validation/manifests';
import { cluster, container, STS, violations } from '../../fixtures/manifests';

const DIST_RULES = ['dist-port-declared', 'dist-port-on-headless-service', 'epmd-port-on-headless-service'];

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

describe('node-identity rules (host-name-governing-service, node-basename-matches-discovery)', () => {
  const sts = (env: { name: string; value?: unknown }[], serviceName: string | undefined = 'app-hl', name = 'app') => ({
    spec: { serviceName, template: { spec: { containers: [{ name, env }] } } },
  });
  const identityRules = MANIFEST_RULES.filter((r) => ['host-name-governing-service', 'node-basename-matches-discovery'].includes(r.id));
  const run = (o: object) => {
    const object = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's', namespace: 'ns' }, ...o } as KubeObject;
    return checkManifests([object], identityRules).map((v) => `${v.rule}: ${v.message}`);
  };

  test('a host name under the governing Service passes; under another Service it trips', () => {
    expect(run(sts([{ name: 'ERLANG_HOST_NAME', value: '$(POD_NAME).app-hl.$(NAMESPACE).svc.cluster.local' }]))).toEqual([]);
    expect(run(sts([{ name: 'ERLANG_HOST_NAME', value: '$(POD_NAME).app-lb.ns.svc.cluster.local' }]))).toEqual([
      'host-name-governing-service: container app: ERLANG_HOST_NAME $(POD_NAME).app-lb.ns.svc.cluster.local is under Service app-lb, but the governing Service is app-hl; only that one gives the pods DNS names',
    ]);
  });

  test('a host name with one label names no Service', () => {
    expect(run(sts([{ name: 'ERLANG_HOST_NAME', value: 'localhost' }]))).toEqual([
      'host-name-governing-service: container app: ERLANG_HOST_NAME localhost is under Service (none), but the governing Service is app-hl; only that one gives the pods DNS names',
    ]);
  });

  test('no host name, or one from valueFrom (not a string), is not checked', () => {
    expect(run(sts([]))).toEqual([]);
    expect(run(sts([{ name: 'ERLANG_HOST_NAME', value: 42 }]))).toEqual([]);
    expect(run(sts([{ name: 'ERLANG_HOST_NAME' }]))).toEqual([]);
    expect(run({})).toEqual([]);
    expect(run({ spec: {} })).toEqual([]);
    expect(run({ spec: { template: {} } })).toEqual([]);
    expect(run({ spec: { template: { spec: { containers: [{ name: 'c' }] } } } })).toEqual([]);
  });

  test('RELEASE_NODE must carry the basename discovery looks for; either missing, nothing is checked', () => {
    expect(
      run(
        sts([
          { name: 'RELEASE_NODE', value: 'app@h' },
          { name: 'ERLANG_NODE_BASENAME', value: 'app' },
        ]),
      ),
    ).toEqual([]);
    expect(
      run(
        sts([
          { name: 'RELEASE_NODE', value: 'other@h' },
          { name: 'ERLANG_NODE_BASENAME', value: 'app' },
        ]),
      ),
    ).toEqual([
      'node-basename-matches-discovery: container app: RELEASE_NODE other@h has basename other, but discovery (ERLANG_NODE_BASENAME) looks for app; peers would never connect',
    ]);
    expect(run(sts([{ name: 'RELEASE_NODE', value: 'other@h' }]))).toEqual([]);
    expect(run(sts([{ name: 'ERLANG_NODE_BASENAME', value: 'app' }]))).toEqual([]);
  });

  test('every container is checked, each by its own env', () => {
    const o = {
      spec: {
        serviceName: 'hl',
        template: {
          spec: {
            containers: [
              { name: 'a', env: [{ name: 'ERLANG_HOST_NAME', value: 'p.hl.ns' }] },
              { name: 'b', env: [{ name: 'ERLANG_HOST_NAME', value: 'p.x.ns' }] },
            ],
          },
        },
      },
    };
    expect(run(o)).toEqual([
      'host-name-governing-service: container b: ERLANG_HOST_NAME p.x.ns is under Service x, but the governing Service is hl; only that one gives the pods DNS names',
    ]);
  });
});
