import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { ConfigError } from '../lib/core/errors';
import { KubeObject } from '../lib/validation/manifests';

/** Synthesizes every chart of an app (runs construct validations, as App.synth does). */
export function synthApp(app: App): KubeObject[] {
  return app.charts.flatMap((c) => Testing.synth(c) as KubeObject[]);
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

/** The ConfigError that `build` throws; fails when it throws something else or nothing. */
export function configErrorOf(build: () => unknown): ConfigError {
  try {
    build();
  } catch (e) {
    if (ConfigError.isConfigError(e)) return e;
    throw new Error(`expected a ConfigError, got ${e instanceof Error ? e.stack : String(e)}`);
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

/** 'ok' when `f` returns, else `show` of the ConfigError it throws; anything else it throws is rethrown as is. */
export function outcomeOf(f: () => unknown, show: (e: ConfigError) => string): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return show(e);
  }
}

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
