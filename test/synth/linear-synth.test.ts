/**
 * lib/synth (synthCharts and its fast engine, linear-synth.ts): every output type writes exactly
 * the files of cdk8s' own `app.synth()` (into a fresh temp folder), first on the reference chart
 * with extra clusters, then on small apps of plain ApiObjects: the objects written come back in
 * file order, the app is validated once, and apps with chart dependencies are handed to
 * `app.synth()` itself.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Yaml, YamlOutputType, ApiObject, AppProps } from 'cdk8s';
import { DEFAULT_CONFIG } from '../../charts/config';
import { ErlangDockerChart } from '../../charts/erlang-docker-chart';
import { ErlangCookie, ErlangStatefulCluster, LoadBalancedService, ErlangRelease } from 'cdk8s-erlang-cluster';
import { synthCharts, isFastSynthVerified, loadedCdk8sVersion, VERIFIED_CDK8S_VERSIONS } from '../../lib/synth';
import { stringifyManifests } from '../../lib/synth/fast-yaml';
import { readTree } from '../helpers';
import { Construct } from 'constructs';

/** The seed chart plus a chart per extra cluster, in a fresh app writing to a temp dir. */
function buildApp(yamlOutputType: YamlOutputType): App {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'linear-')), yamlOutputType });
  new ErlangDockerChart(app, 'erlang-docker', { config: DEFAULT_CONFIG });
  for (let i = 0; i < 3; i++) {
    const chart = new Chart(app, `tenant-${i}`);
    // Tenant 0 also emits the custom resources (PodMonitor, Certificate) and an egress policy.
    const extras =
      i === 0
        ? {
            metrics: { podMonitor: {} },
            egress: {},
            distribution: { tls: { secretName: 'dist-tls', issuer: { name: 'ca', kind: 'ClusterIssuer' } } },
          }
        : {};
    const c = new ErlangStatefulCluster(chart, 'C', {
      basename: `tenant${i}`,
      release: ErlangRelease.relx(),
      namespace: `t${i}`,
      image: 'app:1',
      cookie: ErlangCookie.fromSecretName('c'),
      appPorts: [{ name: 'http', port: 80 }],
      ...extras,
    });
    new LoadBalancedService(chart, 'S', { name: `tenant${i}`, namespace: `t${i}`, selector: c.selectorLabels, ports: [{ name: 'http', port: 80 }] });
  }
  return app;
}

const dirs: string[] = [];

afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });

const yamlOf = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

const obj = (scope: Construct, id: string, name = id) => new ApiObject(scope, id, cm(name));

/** A fresh app in a temp folder that already holds a chart folder `b` (an earlier synth's), built by `build`; counts its validations. */
function makeApp(build: (app: App) => void, props: AppProps) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'linear-synth-'));
  dirs.push(outdir);
  fs.mkdirSync(path.join(outdir, 'b'));
  const app = new App({ ...props, outdir });
  const count = { validations: 0 };
  app.node.addValidation({ validate: () => (count.validations++, []) });
  build(app);
  return { app, count };
}

/** The same app synthesized by cdk8s (`app.synth()`) and by `synthCharts`. */
function twin(build: (app: App) => void, props: AppProps = {}) {
  const ref = makeApp(build, props);
  ref.app.synth();
  const fast = makeApp(build, props);
  const objects = synthCharts(fast.app);
  return {
    reference: readTree(ref.app.outdir),
    fast: readTree(fast.app.outdir),
    objects,
    referenceValidations: ref.count.validations,
    fastValidations: fast.count.validations,
  };
}

/**
 * Charts `b` and `1` (a chart id that looks like an integer sorts first in cdk8s' app.charts),
 * a same-chart dependency declared against the declaration order, a construct depending on its
 * own scope, and a name with characters that file names drop.
 */
function twoCharts(app: App): void {
  const b = new Chart(app, 'b');
  const first = new Construct(b, 'First');
  obj(first, 'first');
  const second = new Construct(b, 'Second');
  obj(second, 'second');
  first.node.addDependency(second);
  const outer = new Construct(b, 'Outer');
  obj(outer, 'outer');
  const inner = new Construct(outer, 'Inner');
  obj(inner, 'inner');
  inner.node.addDependency(outer);
  obj(new Chart(app, '1'), 'odd', 'odd@name:1');
}

// cdk8s' order: chart `1` first; in `b`, `second` before `first`, `outer` before `inner`.
const TWO_CHARTS_OBJECTS = [cm('odd@name:1'), cm('second'), cm('first'), cm('outer'), cm('inner')];

const TWO_CHARTS_YAML = ['second', 'first', 'outer', 'inner'].map(yamlOf);

const ODD_YAML = yamlOf('odd@name:1');

/** A chart that makes its own objects: its toJson() is what gets written. */
class CustomChart extends Chart {
  public toJson(): any[] {
    return [cm('custom@1'), undefined];
  }
}

describe('synthCharts writes exactly what App.synth() writes', () => {
  test.each([YamlOutputType.FILE_PER_CHART, YamlOutputType.FILE_PER_APP, YamlOutputType.FILE_PER_RESOURCE, YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE])(
    'output type %s',
    (type) => {
      const reference = buildApp(type);
      reference.synth();
      const linear = buildApp(type);
      const objects = synthCharts(linear);
      expect(readTree(linear.outdir)).toEqual(readTree(reference.outdir));
      expect(objects.length).toBe(11 + 6 + 3 * 5 + 3);
    },
  );

  test('the fast YAML writer prints the seed exactly as cdk8s does', () => {
    const app = buildApp(YamlOutputType.FILE_PER_CHART);
    for (const chart of app.charts) {
      const docs = Object.values(chart.toJson());
      expect(stringifyManifests(docs)).toBe(Yaml.stringify(...docs));
    }
  });
});

describe('two independent charts: the files of app.synth(), the objects in file order, one validation', () => {
  test.each([
    ['FILE_PER_APP', YamlOutputType.FILE_PER_APP, { 'app.k8s.yaml': [ODD_YAML, ...TWO_CHARTS_YAML].join('---\n') }],
    ['FILE_PER_CHART', YamlOutputType.FILE_PER_CHART, { '1.k8s.yaml': ODD_YAML, 'b.k8s.yaml': TWO_CHARTS_YAML.join('---\n') }],
    [
      'FILE_PER_RESOURCE',
      YamlOutputType.FILE_PER_RESOURCE,
      {
        'ConfigMap.oddname1.k8s.yaml': ODD_YAML,
        'ConfigMap.second.k8s.yaml': TWO_CHARTS_YAML[0],
        'ConfigMap.first.k8s.yaml': TWO_CHARTS_YAML[1],
        'ConfigMap.outer.k8s.yaml': TWO_CHARTS_YAML[2],
        'ConfigMap.inner.k8s.yaml': TWO_CHARTS_YAML[3],
      },
    ],
    [
      'FOLDER_PER_CHART_FILE_PER_RESOURCE',
      YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE,
      {
        '1/ConfigMap.oddname1.k8s.yaml': ODD_YAML,
        'b/ConfigMap.second.k8s.yaml': TWO_CHARTS_YAML[0],
        'b/ConfigMap.first.k8s.yaml': TWO_CHARTS_YAML[1],
        'b/ConfigMap.outer.k8s.yaml': TWO_CHARTS_YAML[2],
        'b/ConfigMap.inner.k8s.yaml': TWO_CHARTS_YAML[3],
      },
    ],
  ])('output type %s', (_, yamlOutputType, files) => {
    const r = twin(twoCharts, { yamlOutputType });
    expect(r.reference).toEqual(files);
    expect(r.fast).toEqual(files);
    expect(r.objects).toEqual(TWO_CHARTS_OBJECTS);
    expect(r.fastValidations).toBe(1);
  });

  test('with construct metadata recorded: the same construct-metadata.json, every object by name with its path', () => {
    const r = twin(twoCharts, { recordConstructMetadata: true });
    const metadata = {
      version: '1.0.0',
      resources: {
        'odd@name:1': { path: '1/odd' },
        second: { path: 'b/Second/second' },
        first: { path: 'b/First/first' },
        outer: { path: 'b/Outer/outer' },
        inner: { path: 'b/Outer/Inner/inner' },
      },
    };
    expect(r.fast).toEqual(r.reference);
    expect(r.fast['construct-metadata.json']).toBe(JSON.stringify(metadata));
    expect(r.fastValidations).toBe(1);
  });
});

test('no charts: no file in any output type, nothing returned', () => {
  for (const yamlOutputType of [YamlOutputType.FILE_PER_APP, YamlOutputType.FILE_PER_CHART]) {
    const r = twin(() => undefined, { yamlOutputType });
    expect([r.reference, r.fast, r.objects]).toEqual([{}, {}, []]);
  }
});

test('failed validations: the error of app.synth(), every failure with its path, before any file is written', () => {
  const build = (app: App) => {
    const chart = new Chart(app, 'b');
    obj(chart, 'x').node.addValidation({ validate: () => ['x is wrong', 'x again'] });
    new Construct(chart, 'Y').node.addValidation({ validate: () => ['y is wrong'] });
  };
  const message = 'Validation failed with the following errors:\n  [b/x] x is wrong\n  [b/x] x again\n  [b/Y] y is wrong';
  const ref = makeApp(build, {});
  expect(() => ref.app.synth()).toThrow(new Error(message));
  const fast = makeApp(build, {});
  expect(() => synthCharts(fast.app)).toThrow(new Error(message));
  expect(readTree(fast.app.outdir)).toEqual({});
});

describe('apps with chart dependencies are synthesized by app.synth() itself', () => {
  test('a chart nested in a chart (beside an object): indexed file names, the child chart first', () => {
    const r = twin((app) => {
      const b = new Chart(app, 'b');
      obj(b, 'parent');
      obj(new Chart(b, 'c'), 'child');
    });
    expect(r.fast).toEqual({ '0000-b-c-c88a247b.k8s.yaml': yamlOf('child'), '0001-b.k8s.yaml': yamlOf('parent') });
    expect(r.fast).toEqual(r.reference);
    expect(r.objects).toEqual([cm('child'), cm('parent')]);
  });

  test('a construct depending on one in another chart: that chart comes first', () => {
    const r = twin(
      (app) => {
        const a = new Chart(app, 'a');
        const z = new Chart(app, 'z');
        obj(a, 'in-a').node.addDependency(obj(z, 'in-z'));
      },
      { yamlOutputType: YamlOutputType.FILE_PER_APP },
    );
    expect(r.fast).toEqual({ 'app.k8s.yaml': `${yamlOf('in-z')}---\n${yamlOf('in-a')}` });
    expect(r.fast).toEqual(r.reference);
    expect(r.objects).toEqual([cm('in-z'), cm('in-a')]);
  });
});

test('a chart inside a plain construct of another chart: each chart writes only its own objects, in dependency order', () => {
  const r = twin((app) => {
    const a = new Chart(app, 'a');
    const x = new Construct(a, 'X');
    obj(new Chart(x, 'B'), 'in-b');
    obj(new Construct(a, 'Z'), 'z');
    const y = new Construct(a, 'Y');
    obj(y, 'y');
    x.node.addDependency(y);
  });
  expect(r.fast).toEqual({
    'a-x-b-c8fbcc34.k8s.yaml': yamlOf('in-b'),
    // z before y: X's dependency on Y orders no object of chart a (X holds none of them).
    'a.k8s.yaml': `${yamlOf('z')}---\n${yamlOf('"y"')}`,
  });
  expect(r.fast).toEqual(r.reference);
  expect(r.fastValidations).toBe(1);
});

describe('a chart that overrides toJson()', () => {
  test.each([
    [
      'FILE_PER_CHART',
      YamlOutputType.FILE_PER_CHART,
      { 'b.k8s.yaml': yamlOf('plain'), 'custom.k8s.yaml': `${yamlOf('custom@1')}---\n\n` },
      [cm('plain'), cm('custom@1'), undefined],
    ],
    [
      'FILE_PER_RESOURCE',
      YamlOutputType.FILE_PER_RESOURCE,
      { 'ConfigMap.plain.k8s.yaml': yamlOf('plain'), 'ConfigMap.custom1.k8s.yaml': yamlOf('custom@1') },
      [cm('plain'), cm('custom@1')],
    ],
  ])('output type %s', (_, yamlOutputType, files, objects) => {
    const r = twin(
      (app) => {
        obj(new Chart(app, 'b'), 'plain');
        new CustomChart(app, 'custom');
      },
      { yamlOutputType },
    );
    expect(r.fast).toEqual(files);
    expect(r.fast).toEqual(r.reference);
    expect(r.objects).toEqual(objects);
    expect(r.fastValidations).toBe(1);
  });
});

test('the fast engine runs on the cdk8s versions it was checked against, and only those', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the version this test run loads
  const version = (require('cdk8s/package.json') as { version: string }).version;
  expect(loadedCdk8sVersion()).toBe(version);
  expect(VERIFIED_CDK8S_VERSIONS).toEqual(['2.70.106']);
  expect(isFastSynthVerified()).toBe(VERIFIED_CDK8S_VERSIONS.includes(version));
  expect([isFastSynthVerified('2.70.106'), isFastSynthVerified('2.70.105'), isFastSynthVerified('2.70.1060'), isFastSynthVerified('')]).toEqual([
    true,
    false,
    false,
    false,
  ]);
});

test("charts in the order of cdk8s' app.charts, which puts a top-level chart with a numeric id before a chart under a construct", () => {
  const r = twin(
    (app) => {
      obj(new Chart(new Construct(app, '2'), 'c'), 'under-construct');
      obj(new Chart(app, '10'), 'numeric');
    },
    { yamlOutputType: YamlOutputType.FILE_PER_APP },
  );
  expect(r.fast).toEqual({ 'app.k8s.yaml': `${yamlOf('numeric')}---\n${yamlOf('under-construct')}` });
  expect(r.fast).toEqual(r.reference);
  expect(r.objects).toEqual([cm('numeric'), cm('under-construct')]);
});
