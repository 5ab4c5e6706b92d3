import { App, AppProps } from 'cdk8s';
import { loadChartConfig } from './charts/config';
import { ErlangDockerChart } from './charts/erlang-docker-chart';
import { synthCharts } from './lib/linear-synth';
import { reportAndExit } from './lib/validation/report';

/** The app that `cdk8s synth` and `npm run synth` build: the seed's a/b system. */
export function buildApp(props: AppProps = {}): App {
  const app = new App(props);
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
