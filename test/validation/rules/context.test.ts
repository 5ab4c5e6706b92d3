/**
 * What the manifest rules share (lib/validation/rules/context.ts): the
 * namespace of an object, selector matching, a workload's port names, and the
 * ManifestContext that every rule reads (workloads by namespace and label,
 * names by kind, a container's distribution settings), on malformed manifests
 * too. Through the rules where a rule shows it, else through a rule that reads
 * the context. Written to kill the mutants StrykerJS found surviving
 * (docs/mutation.md).
 */
import { checkManifests, KubeObject, ManifestRule, matchesSelector, objectId } from '../../../lib/validation/manifests';
import { run } from '../../fixtures/manifests';

type Context = Parameters<ManifestRule['check']>[0];

/** The context the engine hands every rule, for these objects. */
function contextOf(objects: readonly KubeObject[]): Context {
  let context: Context | undefined;
  const capture: ManifestRule = {
    id: 'capture',
    description: 'Keeps the context.',
    check: (c) => {
      context = c;
      return [];
    },
  };
  expect(checkManifests(objects, [capture])).toEqual([]);
  return context!;
}

function obj(kind: string, metadata: any, rest: Record<string, unknown> = {}, apiVersion = 'v1'): any {
  return { apiVersion, kind, ...(metadata === undefined ? {} : { metadata }), ...rest };
}
const pods = (labels: Record<string, string>, containers: any[] = [{ name: 'c', image: 'busybox' }]) => ({
  selector: { matchLabels: labels },
  template: { metadata: { labels }, spec: { containers } },
});
const deployment = (metadata: any, spec?: any) => obj('Deployment', metadata, spec === undefined ? {} : { spec }, 'apps/v1');
const service = (metadata: any, spec: any) => obj('Service', metadata, { spec });
const HTTP_SERVICE = { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] };
const TARGET = 'service-target-port-exists';

describe('namespaceOf: an object without a namespace is in default', () => {
  test('a Service without namespace selects the pods of a workload in namespace default, and not those of another namespace', () => {
    const objects = [
      service({ name: 'web' }, HTTP_SERVICE),
      deployment({ name: 'web', namespace: 'default' }, pods({ app: 'web' })),
      deployment({ name: 'web', namespace: 'prod' }, pods({ app: 'web' })),
    ];
    expect(run(objects, TARGET)).toEqual([
      `${TARGET} Service/web: targetPort http is not a container port name of Deployment/default/web; the Service gets no endpoints there`,
    ]);
  });

  test('a workload and a Service without metadata: no throw; both are in default', () => {
    const objects = [service(undefined, HTTP_SERVICE), deployment(undefined, pods({ app: 'web' }))];
    expect(run(objects, TARGET)).toEqual([
      `${TARGET} Service/?: targetPort http is not a container port name of Deployment/?; the Service gets no endpoints there`,
    ]);
  });
});

describe('matchesSelector', () => {
  const labels = { app: 'web' };
  test('a missing (undefined or null) selector selects nothing, even where {} selects all', () => {
    expect([
      matchesSelector(undefined, labels, true),
      matchesSelector(undefined, labels, false),
      matchesSelector(null as any, labels, true),
      matchesSelector(null as any, labels, false),
    ]).toEqual([false, false, false, false]);
  });
  test('{} selects all or nothing, as the field says; any other selector matches the labels', () => {
    expect([
      matchesSelector({}, labels, true),
      matchesSelector({}, labels, false),
      matchesSelector({ matchLabels: labels }, labels, false),
      matchesSelector({ matchLabels: { app: 'db' } }, labels, true),
    ]).toEqual([true, false, true, false]);
  });
});

describe('containerPortNames: a workload without spec, template, pod spec, containers or ports has no port names', () => {
  test('a PodMonitor that selects such workloads reports each of them, and not the one that declares the port', () => {
    const ok = deployment({ name: 'ok', namespace: 'prod' }, pods({ app: 'ok' }, [{ name: 'c', ports: [{ name: 'metrics', containerPort: 9568 }] }]));
    const objects = [
      ok,
      deployment({ name: 'no-spec', namespace: 'prod' }),
      deployment({ name: 'no-template', namespace: 'prod' }, {}),
      deployment({ name: 'no-pod-spec', namespace: 'prod' }, { template: { metadata: { labels: { app: 'x' } } } }),
      deployment({ name: 'no-containers', namespace: 'prod' }, { template: { spec: {} } }),
      deployment({ name: 'no-ports', namespace: 'prod' }, pods({ app: 'y' })),
      obj(
        'PodMonitor',
        { name: 'pm', namespace: 'prod' },
        { spec: { selector: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, podMetricsEndpoints: [{ port: 'metrics' }] } },
        'monitoring.coreos.com/v1',
      ),
    ];
    const scraped = (name: string) =>
      `pod-monitor-port-declared PodMonitor/prod/pm: endpoint port metrics is not a container port name of Deployment/prod/${name}; nothing is scraped there`;
    expect(run(objects, 'pod-monitor-port-declared')).toEqual(['no-spec', 'no-template', 'no-pod-spec', 'no-containers', 'no-ports'].map(scraped));
  });
});

describe('podContainers and nodeContainers: a pod-owner without spec, template, pod spec or containers has none', () => {
  test('the rules that read containers report nothing on such StatefulSets and Deployments, and do not throw', () => {
    const owners = ['StatefulSet', 'Deployment'].flatMap((kind) =>
      [undefined, {}, { template: {} }, { template: { spec: {} } }, { template: { spec: { containers: null, initContainers: null } } }].map((spec, i) =>
        obj(kind, { name: `${kind.toLowerCase()}-${i}`, namespace: 'prod' }, spec === undefined ? {} : { spec }, 'apps/v1'),
      ),
    );
    const egress = obj(
      'NetworkPolicy',
      { name: 'np', namespace: 'prod' },
      { spec: { podSelector: {}, policyTypes: ['Egress'], egress: [] } },
      'networking.k8s.io/v1',
    );
    const readers = [
      'dist-port-declared',
      'dist-port-on-headless-service',
      'epmd-port-on-headless-service',
      'host-name-governing-service',
      'node-basename-matches-discovery',
      'no-literal-cookie',
      'egress-allows-mesh',
      'certificate-covers-pods',
      'certificate-secret-mounted',
      'env-order',
      'probe-port-declared',
      'mount-path-unique',
      'volume-mount-exists',
    ];
    expect(run([...owners, egress], ...readers)).toEqual([]);
  });
});

describe('ManifestContext', () => {
  const web = deployment({ name: 'web', namespace: 'prod' }, pods({ app: 'web' }));
  const webDev = deployment({ name: 'web', namespace: 'dev' }, pods({ app: 'web' }));
  const db = deployment({ name: 'db', namespace: 'prod' }, pods({ app: 'db', tier: 'data' }));
  const objects = [web, obj('ConfigMap', { name: 'cm', namespace: 'prod' }), webDev, db];
  const ids = (ws: readonly { object: KubeObject }[]) => ws.map((w) => objectId(w.object));

  test('candidates: by namespace (undefined: any), narrowed to the workloads that carry a label of the selector, in manifest order', () => {
    const ctx = contextOf(objects);
    expect([
      ids(ctx.candidates('prod')),
      ids(ctx.candidates(undefined)),
      ids(ctx.candidates('prod', { app: 'web' })),
      ids(ctx.candidates(undefined, { app: 'web' })),
      ids(ctx.candidates('prod', { app: 'none' })),
      ids(ctx.candidates('staging')),
    ]).toEqual([
      ['Deployment/prod/web', 'Deployment/prod/db'],
      ['Deployment/prod/web', 'Deployment/dev/web', 'Deployment/prod/db'],
      ['Deployment/prod/web'],
      ['Deployment/prod/web', 'Deployment/dev/web'],
      [],
      [],
    ]);
  });

  test('a NetworkPolicy peer in any namespace (namespaceSelector {}) sees the workloads of every namespace', () => {
    const np = obj(
      'NetworkPolicy',
      { name: 'np', namespace: 'prod' },
      {
        spec: {
          podSelector: {},
          ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] } }] }],
        },
      },
      'networking.k8s.io/v1',
    );
    expect(run([webDev, np], 'network-policy-peer-selects-pods')).toEqual([]);
    expect(run([np], 'network-policy-peer-selects-pods')).toEqual([
      'network-policy-peer-selects-pods NetworkPolicy/prod/np: ingress peer {"matchExpressions":[{"key":"app","operator":"In","values":["web"]}]} selects no pods',
    ]);
  });

  test('namesOf: namespace/name of each object of a kind; one without metadata is default/undefined', () => {
    const ctx = contextOf([obj('Role', { name: 'r', namespace: 'prod' }), obj('Role', undefined), obj('Role', { name: 'r' }), web]);
    expect([...ctx.namesOf('Role')]).toEqual(['prod/r', 'default/undefined', 'default/r']);
    expect([...ctx.namesOf('Secret')]).toEqual([]);
  });

  test('service: the first Service of that name in the namespace; one without metadata is found as default/undefined', () => {
    const first = service({ name: 'web', namespace: 'prod' }, HTTP_SERVICE);
    const second = service({ name: 'web', namespace: 'prod' }, {});
    const bare = service(undefined, {});
    const ctx = contextOf([first, second, bare]);
    expect([ctx.service('prod', 'web'), ctx.service('default', undefined), ctx.service('default', 'web')]).toEqual([first, bare, undefined]);
    expect(ctx.service('prod', 'web')).toBe(first);
  });

  test('distributionOf: the dist port and epmd-lessness a container env declares, parsed once per container', () => {
    const pinned = { name: 'a', env: [{ name: 'ERL_AFLAGS', value: '-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100' }] };
    const epmdless = { name: 'b', env: [{ name: 'ERL_DIST_PORT', value: '9200' }] };
    const fromConfigMap = { name: 'c', env: [{ name: 'ERL_DIST_PORT', valueFrom: { configMapKeyRef: { name: 'cm', key: 'port' } } }] };
    const noEnv = { name: 'd' };
    const ctx = contextOf([]);
    expect([pinned, epmdless, fromConfigMap, noEnv].map((c) => ctx.distributionOf(c))).toEqual([
      { distPort: 9100, epmdless: false },
      { distPort: 9200, epmdless: true },
      { distPort: undefined, epmdless: true },
      { distPort: undefined, epmdless: false },
    ]);
    expect(ctx.distributionOf(pinned)).toBe(ctx.distributionOf(pinned));
  });
});
