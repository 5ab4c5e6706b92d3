/**
 * `fastSynthCharts(app)`: writes the same files as `app.synth()`, in time linear in
 * the size of the app, however many charts it has.
 *
 * cdk8s core's `App.synth()` calls `chart.toJson()` per chart, and each of
 * those resolves the dependencies of, and validates, the *whole app* again: N
 * charts cost O(N x app size), e.g. 58 s for 3,000 one-cluster charts instead
 * of 2 s in one chart. Here that work is done once. Without dependencies
 * between charts, one pass over the dependencies is already what all of
 * `App.synth()`'s passes reach, so every chart's objects, their order and the
 * files are the same. Apps with chart dependencies (a chart nested in a chart,
 * or a construct depending on one in another chart) are handed to
 * `app.synth()` unchanged, as are charts that override `toJson()`.
 *
 * YAML is written by ./fast-yaml (byte-identical to cdk8s' `Yaml.stringify`).
 * This mirrors cdk8s 2.70's `App.synth()`: ./index.ts calls it only on the cdk8s
 * versions it was checked against (test/synth/linear-synth.test.ts and bench/ check the
 * bytes).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, DependencyGraph, Names, YamlOutputType } from 'cdk8s';
import { IConstruct, Node } from 'constructs';
import { stringifyManifests } from './fast-yaml';

/** `node.findAll()`, computed once per node (as cdk8s' SynthRequestCache). */
class SubtreeCache {
  private readonly subtrees = new Map<Node, IConstruct[]>();

  public findAll(node: Node): IConstruct[] {
    let all = this.subtrees.get(node);
    if (!all) {
      all = node.findAll();
      this.subtrees.set(node, all);
    }
    return all;
  }
}

function save(file: string, docs: readonly unknown[]): void {
  fs.writeFileSync(file, stringifyManifests(docs)); // a string is written as UTF-8
}

/** Calls every construct's validations once; throws App.synth()'s error. */
function validate(app: App, cache: SubtreeCache): void {
  const errors = cache.findAll(app.node).flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}

/** Whether a chart is nested in another, or a construct depends on one in another chart. Changes nothing. */
function hasChartDependencies(app: App, cache: SubtreeCache): boolean {
  for (const c of cache.findAll(app.node)) {
    if (Chart.isChart(c) && c.node.children.some((x) => Chart.isChart(x))) return true;
    for (const dep of c.node.dependencies) {
      if (Chart.of(c) !== Chart.of(dep)) return true;
    }
  }
  return false;
}

/** As cdk8s' resolveDependencies without chart dependencies: each construct dependency becomes one between their API objects. */
function resolveApiObjectDependencies(app: App, cache: SubtreeCache): void {
  const deps = cache.findAll(app.node).flatMap((source) => source.node.dependencies.map((target) => ({ source, target })));
  const apiObjectsOf = (c: IConstruct, chart: Chart) => cache.findAll(c.node).filter((x) => ApiObject.isApiObject(x) && Chart.of(x) === chart);
  for (const { source, target } of deps) {
    const chart = Chart.of(source);
    const sources = apiObjectsOf(source, chart);
    // The same loop order as cdk8s: insertion order decides the topological order of equals.
    for (const t of apiObjectsOf(target, chart)) {
      for (const s of sources) if (t !== s) s.node.addDependency(t);
    }
  }
}

/** `app.charts` (a topological sort of the whole app's constructs), skipped when one chart has no order to sort. */
function chartsOf(app: App, cache: SubtreeCache): Chart[] {
  const charts = cache.findAll(app.node).filter((c): c is Chart => Chart.isChart(c));
  return charts.length <= 1 ? charts : app.charts;
}

/** A chart's API objects in dependency order, as cdk8s' chartToKube. */
function chartObjects(chart: Chart): ApiObject[] {
  return new DependencyGraph(chart.node)
    .topology()
    .filter((x): x is ApiObject => ApiObject.isApiObject(x))
    .filter((x) => Chart.of(x) === chart);
}

function resourceFileName(o: { kind?: string; metadata?: { name?: string } }): string {
  return `${o.kind}.${o.metadata?.name}`.replace(/[^0-9a-zA-Z-_.]/g, '');
}

/** Writes the charts as App.synth() does for each output type; returns the objects written. */
function writeCharts(app: App, charts: Chart[], toJson: (chart: Chart) => unknown[]): unknown[] {
  const written: unknown[] = [];
  const write = (file: string, docs: unknown[]) => {
    save(file, docs);
    written.push(...docs);
  };
  const file = (dir: string, name: string) => path.join(dir, name + app.outputFileExtension);
  switch (app.yamlOutputType) {
    case YamlOutputType.FILE_PER_APP:
      if (charts.length > 0) write(file(app.outdir, 'app'), charts.flatMap(toJson));
      break;
    case YamlOutputType.FILE_PER_CHART:
      for (const chart of charts) write(file(app.outdir, Names.toDnsLabel(chart)), toJson(chart));
      break;
    case YamlOutputType.FILE_PER_RESOURCE:
      for (const o of charts.flatMap(toJson)) {
        if (o !== undefined) write(file(app.outdir, resourceFileName(o as object)), [o]);
      }
      break;
    case YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE:
      for (const chart of charts) {
        const dir = path.join(app.outdir, Names.toDnsLabel(chart));
        fs.mkdirSync(dir, { recursive: true });
        for (const o of chartObjects(chart)) write(file(dir, resourceFileName(o)), [o.toJson()]);
      }
      break;
    default:
      break;
  }
  return written;
}

function writeConstructMetadata(app: App, charts: Chart[]): void {
  const resources: Record<string, { path: string }> = {};
  for (const o of charts.flatMap(chartObjects)) resources[o.name] = { path: o.node.path };
  fs.writeFileSync(path.join(app.outdir, 'construct-metadata.json'), JSON.stringify({ version: '1.0.0', resources }));
}

/** cdk8s' own `app.synth()`; returns the objects written, in file order. Exact, but quadratic in the number of charts. */
export function appSynth(app: App): unknown[] {
  app.synth();
  return app.charts.flatMap((chart) => Object.values(chart.toJson()));
}

/**
 * Synthesizes `app` into `app.outdir`, producing the files `app.synth()`
 * would, with one dependency resolution and one validation for the whole app.
 * Returns the objects written, in file order.
 */
export function fastSynthCharts(app: App): unknown[] {
  const cache = new SubtreeCache();
  if (hasChartDependencies(app, cache)) return appSynth(app);
  fs.mkdirSync(app.outdir, { recursive: true });
  validate(app, cache);
  resolveApiObjectDependencies(app, cache);
  const charts = chartsOf(app, cache);
  // A chart that overrides toJson() gets its own; the rest skip the per-chart whole-app passes.
  const toJson = (chart: Chart): unknown[] =>
    chart.toJson !== Chart.prototype.toJson ? Object.values(chart.toJson()) : chartObjects(chart).map((o) => o.toJson());
  const objects = writeCharts(app, charts, toJson);
  // Private in App's typings, but it is what App.synth() reads (from props or CDK8S_RECORD_CONSTRUCT_METADATA).
  if ((app as unknown as { recordConstructMetadata: boolean }).recordConstructMetadata) writeConstructMetadata(app, charts);
  return objects;
}
