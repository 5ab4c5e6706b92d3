/**
 * `cdk8s-erlang-cluster/synth`: the fast synth engine. It has its own entry point
 * because it mirrors cdk8s internals (`App.synth()` and `Yaml.stringify`) of the
 * versions listed below, which the constructs do not depend on.
 */
import { App } from 'cdk8s';
import { appSynth, fastSynthCharts } from './linear-synth';

/**
 * The cdk8s versions that the fast engine was checked against, byte for byte
 * (test/synth/linear-synth.test.ts, bench/). Add a version only after those checks pass on it.
 */
export const VERIFIED_CDK8S_VERSIONS: readonly string[] = ['2.70.106'];

/** The version of the cdk8s this package loads: the app's own, since cdk8s is a peer dependency. */
export function loadedCdk8sVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app's cdk8s, whichever version it installed
  return (require('cdk8s/package.json') as { version: string }).version;
}

/** Whether `synthCharts` takes the fast path on this cdk8s version. */
export function isFastSynthVerified(version: string = loadedCdk8sVersion()): boolean {
  return VERIFIED_CDK8S_VERSIONS.includes(version);
}

/**
 * Writes the same files as `app.synth()` and returns the objects written, in
 * file order. On a verified cdk8s version it does so in time linear in the size
 * of the app however many charts it has (see ./linear-synth.ts); on any other
 * version it is `app.synth()`: slower with many charts, never different.
 */
export function synthCharts(app: App): unknown[] {
  return isFastSynthVerified() ? fastSynthCharts(app) : appSynth(app);
}
