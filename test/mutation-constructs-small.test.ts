/**
 * The small constructs' shared machinery: the workload index that lets a Service
 * find the clusters it selects (lib/constructs/workload-index.ts), the synth-time
 * target check on those clusters, the scope and props checks, the type marks,
 * mergeMetadata's result shape, and defined(). Exact messages and objects; written
 * to kill the mutants StrykerJS found surviving (docs/mutation.md).
 */
import { Chart, Testing } from 'cdk8s';
import {
  ErlangCookie,
  ErlangStatefulCluster,
  HeadlessService,
  LoadBalancedServiceType,
  LoadBalancedSvc,
  ServicePortSpec,
  ErlangRelease,
} from 'cdk8s-erlang-cluster';
import { mergeMetadata } from '../lib/constructs/metadata';
import { defined } from '../lib/kubernetes/defined';
import { error, fields, synthError } from './fixtures/constructs';

const cookie = ErlangCookie.fromSecret('app-cookie');
/** A cluster `basename` with one app port, in `chart`; its pods carry `app: <basename>` and `podLabels`. */
function cluster(chart: Chart, basename: string, port: number, extra: Record<string, unknown> = {}): void {
  new ErlangStatefulCluster(chart, basename, {
    basename,
    release: ErlangRelease.relx(),
    image: 'registry:5000/app:1.0',
    cookie,
    appPorts: [{ name: 'http', port }],
    ...extra,
  });
}
/** A ClusterIP Service `s` in `chart`. */
function lb(chart: Chart, selector: Record<string, string>, ports: ServicePortSpec[], extra: Record<string, unknown> = {}): LoadBalancedSvc {
  return new LoadBalancedSvc(chart, 's', { name: 's', selector, ports, ...extra });
}
const names = (chart: Chart) => Testing.synth(chart).map((o) => `${o.kind}/${o.metadata.name}`);

const NO_ENDPOINTS = (ports: string) => `must be a container port of the pods it selects (${ports}); the Service would have no endpoints there`;

describe('a Service checks the targets of the clusters it selects, at synth', () => {
  test('a number target must be a container port of each selected cluster; the message names the port, the cluster and its ports', () => {
    const chart = Testing.chart();
    cluster(chart, 'app', 8080);
    lb(chart, { app: 'app' }, [
      { name: 'http', port: 80, targetPort: 8080 },
      { name: 'alt', port: 81, targetPort: 8081 },
    ]);
    expect(fields(synthError(chart))).toEqual(['test/s', 'ports[1].targetPort', 8081, NO_ENDPOINTS('test/app: epmd 4369, dist 9100, http 8080')]);
  });

  test('a declared number target, the default target and named targets pass; a name is left to the manifest check', () => {
    const chart = Testing.chart();
    cluster(chart, 'app', 8080);
    lb(chart, { app: 'app' }, [
      { name: 'http', port: 8080 },
      { name: 'alt', port: 81, targetPort: 8080 },
      { name: 'named', port: 82, targetPort: 'http' },
      { name: 'unknown', port: 83, targetPort: 'nope' },
    ]);
    expect(names(chart)).toEqual(['Service/app-hl', 'StatefulSet/app-sfs', 'PodDisruptionBudget/app-sfs', 'NetworkPolicy/app-sfs', 'Service/s']);
  });

  test("a load-balanced port on a selected cluster's distribution port is refused unless allowDistributionPorts", () => {
    const refused = Testing.chart();
    cluster(refused, 'app', 8080);
    lb(refused, { app: 'app' }, [{ name: 'x', port: 80, targetPort: 9100 }], { type: LoadBalancedServiceType.NODE_PORT });
    expect(fields(synthError(refused))).toEqual([
      'test/s',
      'ports[0].targetPort',
      9100,
      'reaches the epmd or distribution port of test/app; set allowDistributionPorts: true only if this Service must carry distribution',
    ]);
    const allowed = Testing.chart();
    cluster(allowed, 'app', 8080);
    lb(allowed, { app: 'app' }, [{ name: 'x', port: 80, targetPort: 9100 }], { allowDistributionPorts: true });
    expect(names(allowed)).toContain('Service/s');
  });

  test('a headless Service may publish the distribution ports, but its number targets must still be declared', () => {
    const ok = Testing.chart();
    cluster(ok, 'app', 8080);
    new HeadlessService(ok, 'dns', {
      name: 'app-dns',
      selector: { app: 'app' },
      ports: [
        { name: 'epmd', port: 4369 },
        { name: 'dist', port: 9100 },
      ],
    });
    expect(names(ok)).toContain('Service/app-dns');
    const bad = Testing.chart();
    cluster(bad, 'app', 8080);
    new HeadlessService(bad, 'dns', { name: 'app-dns', selector: { app: 'app' }, ports: [{ name: 'x', port: 8081 }] });
    expect(fields(synthError(bad))).toEqual(['test/dns', 'ports[0].targetPort', 8081, NO_ENDPOINTS('test/app: epmd 4369, dist 9100, http 8080')]);
  });

  test('a Service that selects no cluster, or none in its namespace, is not checked', () => {
    const alone = Testing.chart();
    lb(alone, { app: 'app' }, [{ name: 'x', port: 8081 }]);
    expect(names(alone)).toEqual(['Service/s']);
    // The index is by namespace: the same labels in another namespace are other pods.
    const elsewhere = Testing.chart();
    cluster(elsewhere, 'app', 8080, { namespace: 'team' });
    lb(elsewhere, { app: 'app' }, [{ name: 'x', port: 8081 }]);
    expect(names(elsewhere)).toContain('Service/s');
    const same = Testing.chart();
    cluster(same, 'app', 8080, { namespace: 'team' });
    lb(same, { app: 'app' }, [{ name: 'x', port: 8081 }], { namespace: 'team' });
    expect(synthError(same).prop).toBe('ports[0].targetPort');
    // Another app's clusters are not this app's.
    const other = Testing.chart();
    cluster(Testing.chart(), 'app', 8080);
    lb(other, { app: 'app' }, [{ name: 'x', port: 8081 }]);
    expect(names(other)).toEqual(['Service/s']);
  });

  test('every selector label must match: a cluster that has only the first one is not selected', () => {
    const chart = Testing.chart();
    cluster(chart, 'app', 8080);
    lb(chart, { app: 'app', tier: 'web' }, [{ name: 'x', port: 8081 }]);
    expect(names(chart)).toContain('Service/s');
  });

  test('each cluster that shares the selected label is checked, the first indexed and the last', () => {
    const build = (target: number) => {
      const chart = Testing.chart();
      cluster(chart, 'a', 8080, { podLabels: { tier: 'mesh' } });
      cluster(chart, 'b', 8081, { podLabels: { tier: 'mesh' } });
      cluster(chart, 'c', 8082, { podLabels: { tier: 'other' } });
      lb(chart, { tier: 'mesh' }, [{ name: 'x', port: 80, targetPort: target }]);
      return chart;
    };
    expect(fields(synthError(build(8081)))).toEqual(['test/s', 'ports[0].targetPort', 8081, NO_ENDPOINTS('test/a: epmd 4369, dist 9100, http 8080')]);
    expect(fields(synthError(build(8080)))).toEqual(['test/s', 'ports[0].targetPort', 8080, NO_ENDPOINTS('test/b: epmd 4369, dist 9100, http 8081')]);
    expect(synthError(build(8082)).value).toBe(8082);
  });
});

describe('the Service constructs: scope, props and marks', () => {
  test('a Service made as the root of a tree (no scope, from JavaScript) is refused, naming the root', () => {
    const e = error(() => new HeadlessService(undefined as never, 'hl', { name: 'hl', selector: { app: 'a' }, ports: [{ name: 'h', port: 80 }] }));
    expect(fields(e)).toEqual(['hl', 'scope', '(the root)', 'must be a Chart or inside one: create it as new Chart(app, id) and pass the chart as scope']);
  });

  test('props that are not an object are refused, naming the props type', () => {
    expect(fields(error(() => new HeadlessService(Testing.chart(), 'hl', null as never)))).toEqual([
      'test/hl',
      'props',
      null,
      'must be an object (HeadlessServiceProps)',
    ]);
    expect(fields(error(() => new LoadBalancedSvc(Testing.chart(), 'lb', 'web' as never)))).toEqual([
      'test/lb',
      'props',
      'web',
      'must be an object (LoadBalancedSvcProps)',
    ]);
  });

  test('Service port 4369 is refused even with another target: it is where clients look for epmd', () => {
    const e = error(() => lb(Testing.chart(), { app: 'a' }, [{ name: 'e', port: 4369, targetPort: 8080 }]));
    expect([e.prop, e.value]).toEqual(['ports[0]', { name: 'e', port: 4369, targetPort: 8080 }]);
  });

  test('metadata may not change a label of the labels prop; the message says where the label comes from', () => {
    const e = error(
      () =>
        new HeadlessService(Testing.chart(), 'hl', {
          name: 'hl',
          selector: { app: 'a' },
          labels: { tier: 'x' },
          metadata: { labels: { tier: 'y' } },
          ports: [{ name: 'h', port: 80 }],
        }),
    );
    expect(fields(e)).toEqual([
      'test/hl',
      'metadata.labels.tier',
      'y',
      'must not change the label tier=x set by the labels prop; leave it out or repeat the same value',
    ]);
  });

  test('the type tests read the mark of the class, not of another one or a look-alike', () => {
    const chart = Testing.chart();
    const hl = new HeadlessService(chart, 'hl', { name: 'hl', selector: { app: 'a' }, ports: [{ name: 'h', port: 80 }] });
    const svc = lb(chart, { app: 'a' }, [{ name: 'h', port: 80 }]);
    expect([HeadlessService.isHeadlessService(hl), HeadlessService.isHeadlessService(svc), LoadBalancedSvc.isLoadBalancedSvc(svc)]).toEqual([
      true,
      false,
      true,
    ]);
    expect([HeadlessService.isHeadlessService(null), HeadlessService.isHeadlessService('hl'), HeadlessService.isHeadlessService({ name: 'hl' })]).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe('mergeMetadata: a key is in the result when the construct sets it or the user adds to it', () => {
  test('no labels or annotations key when neither sets any, even with user metadata', () => {
    expect(mergeMetadata('test/x', 'metadata', {}, { name: 'x' })).toEqual({});
    expect(Object.keys(mergeMetadata('test/x', 'metadata', { labels: {}, annotations: {} }, { name: 'x' }))).toEqual([]);
    expect(mergeMetadata('test/x', 'metadata', { annotations: { note: 'n' } }, {})).toStrictEqual({ annotations: { note: 'n' } });
    expect(mergeMetadata('test/x', 'metadata', { labels: { team: 't' } }, {})).toStrictEqual({ labels: { team: 't' } });
  });

  test("the construct's own keys stay, even when empty, as they are without user metadata", () => {
    const ctx = { labels: {}, annotations: {} };
    expect(mergeMetadata('test/x', 'metadata', undefined, ctx)).toStrictEqual({ labels: {}, annotations: {} });
    expect(mergeMetadata('test/x', 'metadata', { name: undefined }, ctx)).toStrictEqual({ labels: {}, annotations: {} });
  });

  test("a changed label of a context that does not say where its labels come from is the construct's", () => {
    const e = error(() => mergeMetadata('test/x', 'metadata', { labels: { tier: 'y' } }, { labels: { tier: 'x' } }));
    expect(fields(e)).toEqual([
      'test/x',
      'metadata.labels.tier',
      'y',
      'must not change the label tier=x set by the construct; leave it out or repeat the same value',
    ]);
  });
});

describe('defined', () => {
  test('copies the defined fields, null and falsy ones included, and drops the undefined ones', () => {
    const out = defined({ a: 1, b: undefined, c: null, d: 0, e: '', f: false });
    expect(out).toStrictEqual({ a: 1, c: null, d: 0, e: '', f: false });
    expect(Object.keys(out)).toEqual(['a', 'c', 'd', 'e', 'f']);
  });
});
