/**
 * How the benchmark lays N clusters out in an app: all in one chart, one chart
 * per cluster (what cdk8s core's App.synth() handles in quadratic time), or
 * one chart with a namespace per cluster.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';

export type Layout = 'one-chart' | 'chart-per-cluster' | 'namespaces';
export const LAYOUTS: readonly Layout[] = ['one-chart', 'chart-per-cluster', 'namespaces'];

/** Adds cluster `i` (its workload and Services) to `scope`, in `namespace` when given. */
export type AddCluster = (scope: Construct, i: number, namespace: string | undefined) => void;

/** An app of `n` clusters laid out as `layout`. */
export function buildClusters(addCluster: AddCluster, layout: Layout, n: number, outdir: string): App {
  const app = new App({ outdir });
  const shared = layout === 'chart-per-cluster' ? undefined : new Chart(app, 'clusters');
  for (let i = 0; i < n; i++) {
    addCluster(shared ?? new Chart(app, `cluster-${i}`), i, layout === 'namespaces' ? `ns-${i}` : undefined);
  }
  return app;
}
