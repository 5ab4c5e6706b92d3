// A chart the validation plugin must refuse: a hand-written StatefulSet whose
// governing Service does not exist, so its pods get no DNS names.
import { k8s } from 'cdk8s-plus-28';
import { App, Chart } from 'cdk8s';

const app = new App({ recordConstructMetadata: false });
const chart = new Chart(app, 'broken');
new k8s.KubeStatefulSet(chart, 'Orphan', {
  metadata: { name: 'orphan', namespace: 'shop' },
  spec: {
    serviceName: 'orphan-hl',
    selector: { matchLabels: { app: 'orphan' } },
    template: {
      metadata: { labels: { app: 'orphan' } },
      spec: { containers: [{ name: 'orphan', image: 'registry.example.com/orphan:1.0.0' }] },
    },
  },
});
app.synth();
