import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { ConfigError } from '../lib/core/errors';
import { KubeObject } from '../lib/validation/manifests';
import { formatReport, validateManifests } from '../lib/validation/validate';

/** Synthesizes every chart of an app (runs construct validations, as App.synth does). */
export function synthApp(app: App): KubeObject[] {
  return app.charts.flatMap((c) => Testing.synth(c) as KubeObject[]);
}

/** Synthesizes a fresh chart that `build` fills, and fails on any schema or cross-object violation. */
export function synthValid(build: (chart: Chart) => void): KubeObject[] {
  const chart = newChart();
  build(chart);
  const objects = Testing.synth(chart) as KubeObject[];
  expect(formatReport(validateManifests(objects))).toBe('');
  return objects;
}

/** The object of `kind` named `name`; fails loudly when absent. */
export function find(objects: readonly KubeObject[], kind: string, name: string): any {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} named ${name}; have ${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  return found;
}

/** A chart in a fresh app. */
export function newChart(props: { namespace?: string } = {}): Chart {
  return new Chart(Testing.app(), 'test', props);
}

/** A bad-input case: what to build, and the ConfigError it must throw. */
export interface BadCase {
  /** What is wrong, for the test name. */
  readonly name: string;
  readonly build: () => unknown;
  readonly where: string;
  readonly prop: string;
  readonly value: unknown;
  /** A fragment of `allowed`. */
  readonly allowed: string;
}

/**
 * The ConfigError that `f` throws, or undefined when it returns; anything else it throws is
 * rethrown as is. The one way the suites capture a ConfigError: the helpers below build on it.
 */
export function thrownConfigError(f: () => unknown): ConfigError | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  return undefined;
}

/** The ConfigError that `f` throws; fails when it throws something else or nothing. */
export function configErrorOf(f: () => unknown): ConfigError {
  const e = thrownConfigError(f);
  if (e === undefined) throw new Error('expected a ConfigError, but nothing was thrown');
  return e;
}

/** 'ok' when `f` returns, else `show` of the ConfigError it throws (by default its message); anything else it throws is rethrown as is. */
export function outcomeOf(f: () => unknown, show: (e: ConfigError) => string = (e) => e.message): string {
  const e = thrownConfigError(f);
  return e === undefined ? 'ok' : show(e);
}

/** A ConfigError's where, prop, value and allowed, to compare at once. */
export const fields = (e: ConfigError) => [e.where, e.prop, e.value, e.allowed];

/** The ConfigError that synthesizing `chart` throws (construct validations run at synth). */
export const synthError = (chart: Chart) => configErrorOf(() => Testing.synth(chart));

/** Every file under `dir`, relative path → content. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) =>
    fs.readdirSync(d, { withFileTypes: true }).forEach((e) => {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    });
  walk(dir);
  return out;
}
