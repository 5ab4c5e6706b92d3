import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Yaml, YamlOutputType } from 'cdk8s';
import { DEFAULT_CONFIG } from '../charts/config';
import { ErlangDockerChart } from '../charts/erlang-docker-chart';
import { ErlangCookie, ErlangStatefulCluster, LoadBalancedSvc, ErlangRelease } from 'cdk8s-erlang-cluster';
import { synthCharts } from '../lib/synth';
import { stringifyManifests } from '../lib/synth/fast-yaml';
import { readTree } from './helpers';

/** The seed chart plus a chart per extra cluster, in a fresh app writing to a temp dir. */
function buildApp(yamlOutputType: YamlOutputType): App {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'linear-')), yamlOutputType });
  new ErlangDockerChart(app, 'erlang-docker', { config: DEFAULT_CONFIG });
  for (let i = 0; i < 3; i++) {
    const chart = new Chart(app, `tenant-${i}`);
    // Tenant 0 also emits the custom resources (PodMonitor, Certificate) and an egress policy.
    const extras =
      i === 0
        ? {
            metrics: { podMonitor: {} },
            egress: {},
            distribution: { tls: { secretName: 'dist-tls', issuer: { name: 'ca', kind: 'ClusterIssuer' } } },
          }
        : {};
    const c = new ErlangStatefulCluster(chart, 'C', {
      basename: `tenant${i}`,
      release: ErlangRelease.relx(),
      namespace: `t${i}`,
      image: 'app:1',
      cookie: ErlangCookie.fromSecret('c'),
      appPorts: [{ name: 'http', port: 80 }],
      ...extras,
    });
    new LoadBalancedSvc(chart, 'S', { name: `tenant${i}`, namespace: `t${i}`, selector: c.selectorLabels, ports: [{ name: 'http', port: 80 }] });
  }
  return app;
}

describe('synthCharts writes exactly what App.synth() writes', () => {
  test.each([YamlOutputType.FILE_PER_CHART, YamlOutputType.FILE_PER_APP, YamlOutputType.FILE_PER_RESOURCE, YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE])(
    'output type %s',
    (type) => {
      const reference = buildApp(type);
      reference.synth();
      const linear = buildApp(type);
      const objects = synthCharts(linear);
      expect(readTree(linear.outdir)).toEqual(readTree(reference.outdir));
      expect(objects.length).toBe(11 + 6 + 3 * 5 + 3);
    },
  );

  test('the fast YAML writer prints the seed exactly as cdk8s does', () => {
    const app = buildApp(YamlOutputType.FILE_PER_CHART);
    for (const chart of app.charts) {
      const docs = Object.values(chart.toJson());
      expect(stringifyManifests(docs)).toBe(Yaml.stringify(...docs));
    }
  });
});
