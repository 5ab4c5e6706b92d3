import { App, Chart, Testing } from 'cdk8s';
import { ConfigError } from '../lib/validation/errors';
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
