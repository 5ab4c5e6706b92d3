import { App, Chart, Testing } from 'cdk8s';
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
