// The consumer's app: the same chart, written with the fast synth engine.
import { App } from 'cdk8s';
import { synthCharts } from 'cdk8s-erlang-cluster/synth';
import { ShopChart } from './shop-chart';

// No construct-metadata.json in the output: `kubectl apply -f dist` reads every file there.
const app = new App({ recordConstructMetadata: false });
new ShopChart(app, 'shop');
synthCharts(app);
