/**
 * HeadlessService, LoadBalancedService and the shared Service helpers
 * (lib/constructs/resource-helpers.ts): the exact objects, the defaults, and each
 * refusal with its prop and message. Written to kill the mutants StrykerJS found
 * surviving (docs/mutation.md).
 */
import { App, Chart, Testing } from 'cdk8s';
import { IntOrString } from '../../imports/k8s';
import { HeadlessService, LoadBalancedServiceType, LoadBalancedService } from 'cdk8s-erlang-cluster';
import { configErrorOf, fields } from '../helpers';

describe('HeadlessService', () => {
  test('clusterIP None, publishes not-ready pods, labels default to the selector, TCP ports with the port as target', () => {
    const chart = Testing.chart();
    const s = new HeadlessService(chart, 'hl', {
      name: 'app-hl',
      selector: { app: 'a' },
      ports: [
        { name: 'epmd', port: 4369 },
        { name: 'dist', port: 9100, targetPort: IntOrString.fromString('dist') },
      ],
    });
    expect([s.name, s.namespace, s.selector, s.ports, HeadlessService.isHeadlessService(s), HeadlessService.isHeadlessService(chart)]).toEqual([
      'app-hl',
      'default',
      { app: 'a' },
      [
        { name: 'epmd', port: 4369 },
        { name: 'dist', port: 9100, targetPort: IntOrString.fromString('dist') },
      ],
      true,
      false,
    ]);
    expect(Testing.synth(chart)).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'app-hl', namespace: 'default', labels: { app: 'a' } },
        spec: {
          clusterIP: 'None',
          publishNotReadyAddresses: true,
          selector: { app: 'a' },
          ports: [
            { name: 'epmd', port: 4369, protocol: 'TCP', targetPort: 4369 },
            { name: 'dist', port: 9100, protocol: 'TCP', targetPort: 'dist' },
          ],
        },
      },
    ]);
  });

  test('the chart namespace, own labels and publishNotReadyAddresses: false are kept', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'team' });
    const s = new HeadlessService(chart, 'hl', {
      name: 'hl',
      selector: { app: 'a' },
      labels: { tier: 'x' },
      publishNotReadyAddresses: false,
      ports: [{ name: 'p', port: 80, targetPort: IntOrString.fromNumber(8080) }],
    });
    expect(s.namespace).toBe('team');
    expect(Testing.synth(chart)[0]).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'hl', namespace: 'team', labels: { tier: 'x' } },
      spec: { clusterIP: 'None', publishNotReadyAddresses: false, selector: { app: 'a' }, ports: [{ name: 'p', port: 80, protocol: 'TCP', targetPort: 8080 }] },
    });
    expect(new HeadlessService(chart, 'hl2', { name: 'hl2', namespace: 'other', selector: { app: 'a' }, ports: [{ name: 'p', port: 80 }] }).namespace).toBe(
      'other',
    );
  });

  test('node ports are refused on a headless Service', () => {
    const e = configErrorOf(
      () => new HeadlessService(Testing.chart(), 'hl', { name: 'hl', selector: { app: 'a' }, ports: [{ name: 'p', port: 80, nodePort: 30000 }] }),
    );
    expect(fields(e)).toEqual(['test/hl', 'ports[0].nodePort', 30000, "is only allowed when type is 'NodePort' or 'LoadBalancer'"]);
  });
});

describe('LoadBalancedService', () => {
  test('ClusterIP by default; node ports only with NodePort or LoadBalancer', () => {
    const chart = Testing.chart();
    const s = new LoadBalancedService(chart, 'lb', {
      name: 'web',
      selector: { app: 'a' },
      ports: [{ name: 'http', port: 80, targetPort: IntOrString.fromNumber(8080) }],
    });
    expect([s.type, s.name, s.namespace, s.selector, LoadBalancedService.isLoadBalancedService(s), LoadBalancedService.isLoadBalancedService({})]).toEqual([
      'ClusterIP',
      'web',
      'default',
      { app: 'a' },
      true,
      false,
    ]);
    const np = new LoadBalancedService(chart, 'np', {
      name: 'np',
      type: LoadBalancedServiceType.NODE_PORT,
      selector: { app: 'a' },
      ports: [{ name: 'http', port: 80, nodePort: 30080 }],
    });
    new LoadBalancedService(chart, 'lbx', {
      name: 'lbx',
      type: LoadBalancedServiceType.LOAD_BALANCER,
      selector: { app: 'a' },
      ports: [{ name: 'http', port: 80, nodePort: 30081 }],
    });
    expect(np.ports).toEqual([{ name: 'http', port: 80, nodePort: 30080 }]);
    expect(Testing.synth(chart).map((o) => [o.metadata.name, o.spec])).toEqual([
      ['web', { type: 'ClusterIP', selector: { app: 'a' }, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }] }],
      ['np', { type: 'NodePort', selector: { app: 'a' }, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] }],
      ['lbx', { type: 'LoadBalancer', selector: { app: 'a' }, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30081 }] }],
    ]);
    const e = configErrorOf(
      () => new LoadBalancedService(Testing.chart(), 'x', { name: 'x', selector: { app: 'a' }, ports: [{ name: 'http', port: 80, nodePort: 30000 }] }),
    );
    expect(fields(e)).toEqual(['test/x', 'ports[0].nodePort', 30000, "is only allowed when type is 'NodePort' or 'LoadBalancer'"]);
    const t = configErrorOf(
      () =>
        new LoadBalancedService(Testing.chart(), 'x', {
          name: 'x',
          type: 'ExternalName' as LoadBalancedServiceType,
          selector: { app: 'a' },
          ports: [{ name: 'http', port: 80 }],
        }),
    );
    expect([t.prop, t.allowed]).toEqual(['type', "must be one of 'ClusterIP', 'NodePort', 'LoadBalancer'"]);
  });

  test.each([
    ['port 4369', { name: 'e', port: 4369 }],
    ['targetPort 4369', { name: 'e', port: 80, targetPort: IntOrString.fromNumber(4369) }],
    ['targetPort named epmd', { name: 'e', port: 80, targetPort: IntOrString.fromString('epmd') }],
    ['targetPort named dist', { name: 'e', port: 80, targetPort: IntOrString.fromString('dist') }],
  ])('refuses to carry distribution: %s, unless allowDistributionPorts', (_, port) => {
    const e = configErrorOf(
      () => new LoadBalancedService(Testing.chart(), 'x', { name: 'x', selector: { app: 'a' }, ports: [{ name: 'ok', port: 81 }, port] }),
    );
    expect(fields(e)).toEqual([
      'test/x',
      'ports[1]',
      port,
      'must not reach epmd or the distribution port: distribution is remote code execution; set allowDistributionPorts: true only if this Service must carry it',
    ]);
    expect(
      () => new LoadBalancedService(Testing.chart(), 'x', { name: 'x', selector: { app: 'a' }, ports: [port], allowDistributionPorts: true }),
    ).not.toThrow();
  });

  test('near misses: other numbers and names pass', () => {
    const chart = Testing.chart();
    expect(
      () =>
        new LoadBalancedService(chart, 'x', {
          name: 'x',
          selector: { app: 'a' },
          ports: [
            { name: 'a', port: 4370 },
            { name: 'b', port: 81, targetPort: IntOrString.fromNumber(4368) },
            { name: 'c', port: 82, targetPort: IntOrString.fromString('dists') },
          ],
        }),
    ).not.toThrow();
  });
});

describe('the shared Service checks', () => {
  const svc =
    (ports: unknown[], extra: Record<string, unknown> = {}, chart: Chart = Testing.chart()) =>
    () =>
      new LoadBalancedService(chart, 'x', { name: 'x', type: LoadBalancedServiceType.NODE_PORT, selector: { app: 'a' }, ports: ports as never, ...extra });

  test('ports: at least one, names at most 15, ranges, named targets, unique names and numbers', () => {
    expect(fields(configErrorOf(svc([])))).toEqual(['test/x', 'ports', [], 'must list at least one named port']);
    expect(configErrorOf(svc([{ name: 'a'.repeat(16), port: 80 }])).prop).toBe('ports[0].name');
    expect(() => svc([{ name: 'a'.repeat(15), port: 80 }])()).not.toThrow();
    expect(configErrorOf(svc([{ name: 'a', port: 0 }])).prop).toBe('ports[0].port');
    expect(configErrorOf(svc([{ name: 'a', port: 80, targetPort: IntOrString.fromNumber(65536) }])).prop).toBe('ports[0].targetPort');
    expect(configErrorOf(svc([{ name: 'a', port: 80, targetPort: IntOrString.fromString('a--b') }])).prop).toBe('ports[0].targetPort');
    expect(fields(configErrorOf(svc([{ name: 'a', port: 80, nodePort: 29999 }])))).toEqual([
      'test/x',
      'ports[0].nodePort',
      29999,
      'must be an integer from 30000 to 32767',
    ]);
    expect(
      fields(
        configErrorOf(
          svc([
            { name: 'a', port: 80 },
            { name: 'a', port: 81 },
          ]),
        ),
      ),
    ).toEqual(['test/x', 'ports[1]', 'a', 'port name is already used by ports[0]; each must be unique']);
    expect(
      fields(
        configErrorOf(
          svc([
            { name: 'a', port: 80 },
            { name: 'b', port: 80 },
          ]),
        ),
      ),
    ).toEqual(['test/x', 'ports[1]', 80, 'port number is already used by ports[0]; each must be unique']);
  });

  test('name, namespace, selector and labels are checked; the selector must not be empty', () => {
    expect(configErrorOf(svc([{ name: 'a', port: 80 }], { name: '1x' })).prop).toBe('name');
    expect(configErrorOf(svc([{ name: 'a', port: 80 }], { namespace: 'Bad' })).prop).toBe('namespace');
    expect(fields(configErrorOf(svc([{ name: 'a', port: 80 }], { selector: {} })))).toEqual([
      'test/x',
      'selector',
      {},
      'must name at least one label; an empty selector selects no pods',
    ]);
    expect(configErrorOf(svc([{ name: 'a', port: 80 }], { labels: { 'a b': 'c' } })).prop).toBe('labels key');
  });

  test('node ports and Service names are claimed app-wide, naming the first user', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a');
    svc([{ name: 'h', port: 80, nodePort: 30001 }], {}, a)();
    const dupPort = configErrorOf(
      () =>
        new LoadBalancedService(new Chart(app, 'b'), 'y', {
          name: 'y',
          type: LoadBalancedServiceType.NODE_PORT,
          selector: { app: 'a' },
          ports: [
            { name: 'h', port: 80 },
            { name: 'i', port: 81, nodePort: 30001 },
          ],
        }),
    );
    expect(fields(dupPort)).toEqual(['b/y', 'ports[1].nodePort', 30001, 'is already used by a/x; node ports are cluster-wide and must be unique']);
    const dupName = configErrorOf(() => new HeadlessService(new Chart(app, 'c'), 'z', { name: 'x', selector: { app: 'a' }, ports: [{ name: 'h', port: 80 }] }));
    expect(fields(dupName)).toEqual(['c/z', 'name', 'x', 'is already used by a/x; Service names must be unique in namespace default']);
    // The same name in another namespace is another Service.
    expect(
      () => new HeadlessService(new Chart(app, 'd'), 'z', { name: 'x', namespace: 'other', selector: { app: 'a' }, ports: [{ name: 'h', port: 80 }] }),
    ).not.toThrow();
  });

  test('every Service must be in a chart; the message names the scope', () => {
    const app = new App();
    expect(fields(configErrorOf(() => new HeadlessService(app, 'hl', { name: 'hl', selector: { app: 'a' }, ports: [{ name: 'h', port: 80 }] })))).toEqual([
      'hl',
      'scope',
      '',
      'must be a Chart or inside one: create it as new Chart(app, id) and pass the chart as scope',
    ]);
  });
});
