import { App, AppProps } from 'cdk8s';
import { loadChartConfig } from './charts/config';
import { ErlangDockerChart } from './charts/erlang-docker-chart';
import { synthCharts } from './lib/synth';
import { reportAndExit } from './scripts/report';

/** The app that `cdk8s synth` and `npm run synth` build: the reference system (a/b). */
export function buildApp(props: AppProps = {}): App {
  // `cdk8s synth` with a validation plugin asks the app (CDK8S_RECORD_CONSTRUCT_METADATA)
  // to write construct-metadata.json into the output folder, only to add construct
  // paths to the plugin report; our plugin names objects itself. That file is no
  // Kubernetes object, so `kubectl apply -f dist` would fail on it.
  const app = new App({ recordConstructMetadata: false, ...props });
  new ErlangDockerChart(app, 'erlang-docker', { config: loadChartConfig() });
  return app;
}

if (require.main === module) {
  try {
    synthCharts(buildApp());
  } catch (e) {
    reportAndExit(e);
  }
}
