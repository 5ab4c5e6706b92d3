/**
 * The cdk8s validation plugin (plugins/erlang-cluster-validation, wired in
 * cdk8s.yaml `validations:`) runs the same strict schema and cross-object
 * checks as `npm run synth`, so `cdk8s synth` fails on the same mistakes,
 * including those in a user's hand-written ApiObjects.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import { DEFAULT_CONFIG } from '../../charts/config';
import { ErlangDockerChart } from '../../charts/erlang-docker-chart';
import { MANIFEST_RULES } from '../../lib/validation/manifests';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS plugin entry, loaded as the cdk8s CLI loads it
const { ErlangClusterValidation } = require('../../plugins/erlang-cluster-validation');

const ROOT = path.join(__dirname, '..', '..');
const PLUGIN_DIR = path.join(ROOT, 'plugins', 'erlang-cluster-validation');

interface Violation {
  ruleName: string;
  recommendation: string;
  fix: string;
  violatingResources: { resourceName: string; locations: string[]; manifestPath: string }[];
}

/** The context the cdk8s CLI hands a plugin, recording what the plugin does with it. */
function fakeContext(manifests: string[]) {
  const violations: Violation[] = [];
  const logs: string[] = [];
  const submitted: string[] = [];
  return {
    manifests,
    pkg: PLUGIN_DIR,
    version: '0.1.0',
    metadata: {},
    parseManifest: (file: string) => parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS()),
    report: {
      addViolation: (v: Violation) => {
        if (submitted.length > 0) throw new Error('violation added after submit');
        violations.push(v);
      },
      submit: (status: string) => submitted.push(status),
    },
    logger: { log: (m: string) => logs.push(m) },
    violations,
    logs,
    submitted,
  };
}

async function run(manifests: string[]) {
  const context = fakeContext(manifests);
  await new ErlangClusterValidation({}).validate(context);
  return context;
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-plugin-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Synthesizes `build`'s app into a fresh folder, as `cdk8s synth` does; returns the YAML files. */
function synthTo(name: string, build: (app: App) => void): string[] {
  const outdir = path.join(dir, name);
  const app = new App({ outdir });
  build(app);
  app.synth();
  return fs
    .readdirSync(outdir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => path.join(outdir, f));
}
const writeYaml = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

const SEED_OBJECTS = Testing.synth(new ErlangDockerChart(Testing.app(), 'erlang-docker', { config: DEFAULT_CONFIG })) as any[];

describe('the ErlangClusterValidation plugin', () => {
  test('is the class cdk8s.yaml wires in, and the CLI would load it', () => {
    const config = parse(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8'));
    expect(config.validations).toEqual([{ package: './plugins/erlang-cluster-validation', version: '0.1.0', class: 'ErlangClusterValidation' }]);
    const { package: pkg, class: cls } = config.validations[0];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package path is read from cdk8s.yaml at run time
    expect(require(path.resolve(ROOT, pkg))[cls]).toBe(ErlangClusterValidation);
    expect(typeof new ErlangClusterValidation({}).validate).toBe('function');
  });

  test('a clean seed dist passes', async () => {
    const manifests = synthTo('seed', (app) => new ErlangDockerChart(app, 'erlang-docker', { config: DEFAULT_CONFIG }));
    expect(manifests.map((m) => path.basename(m))).toEqual(['erlang-docker.k8s.yaml']);
    const context = await run(manifests);
    expect(context.violations).toEqual([]);
    expect(context.submitted).toEqual(['success']);
    expect(context.logs).toEqual([`${SEED_OBJECTS.length} objects: 0 schema and 0 cross-object violations`]);
  });

  test("a user's hand-written Service with a misspelled field is a schema violation", async () => {
    const seed = synthTo('typo', (app) => new ErlangDockerChart(app, 'erlang-docker', { config: DEFAULT_CONFIG }));
    const userFile = writeYaml(
      'user-typo.k8s.yaml',
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  name: erlang-docker-a-web',
        'spec:',
        '  selector:',
        '    app: erlang-docker-a',
        '  ports:',
        '    - name: http',
        '      port: 80',
        '      targetport: 8080',
        '',
      ].join('\n'),
    );
    const context = await run([...seed, userFile]);
    expect(context.violations).toEqual([
      {
        ruleName: 'k8s-1.28-strict-schema',
        recommendation: "unknown field 'targetport'",
        fix: 'Use only fields and types that Kubernetes 1.28 defines (the strict 1.28 schema, as kubeconform -strict).',
        violatingResources: [{ resourceName: 'Service/erlang-docker-a-web', locations: ['/spec/ports/0'], manifestPath: userFile }],
      },
    ]);
    expect(context.submitted).toEqual(['failure']);
    expect(context.logs).toEqual([`${SEED_OBJECTS.length + 1} objects: 1 schema and 0 cross-object violations`]);
  });

  test('a hand-written StatefulSet whose serviceName points at a non-headless Service is reported readably', async () => {
    const manifests = synthTo('governing', (app) => {
      const chart = new Chart(app, 'user', { namespace: 'shop' });
      new ApiObject(chart, 'svc', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'cart' },
        spec: {
          selector: { app: 'cart' },
          ports: [
            { name: 'epmd', port: 4369 },
            { name: 'dist', port: 9100 },
          ],
        },
      });
      new ApiObject(chart, 'sts', {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'cart' },
        spec: {
          serviceName: 'cart',
          replicas: 3,
          selector: { matchLabels: { app: 'cart' } },
          template: {
            metadata: { labels: { app: 'cart' } },
            spec: {
              containers: [
                {
                  name: 'cart',
                  image: 'registry:5000/cart:1.0',
                  ports: [
                    { name: 'epmd', containerPort: 4369 },
                    { name: 'dist', containerPort: 9100 },
                  ],
                },
              ],
            },
          },
        },
      });
    });
    const context = await run(manifests);
    expect(context.violations).toEqual([
      {
        ruleName: 'governing-service-headless',
        recommendation: 'governing Service cart is not headless (clusterIP: None); pods get no per-pod DNS names',
        fix: 'See https://github.com/cdk8s-erlang-cluster/cdk8s-erlang-cluster/blob/main/docs/validation.md#governing-service-headless for the rule and how to satisfy it.',
        violatingResources: [{ resourceName: 'StatefulSet/shop/cart', locations: [], manifestPath: manifests[0] }],
      },
      {
        ruleName: 'governing-service-publishes-not-ready',
        recommendation: 'governing Service cart lacks publishNotReadyAddresses: true; peers cannot resolve each other before Ready',
        fix: 'See https://github.com/cdk8s-erlang-cluster/cdk8s-erlang-cluster/blob/main/docs/validation.md#governing-service-publishes-not-ready for the rule and how to satisfy it.',
        violatingResources: [{ resourceName: 'StatefulSet/shop/cart', locations: [], manifestPath: manifests[0] }],
      },
    ]);
    expect(context.submitted).toEqual(['failure']);
  });

  test('objects spread over several files: each violation names the file that holds the object; empty documents are skipped', async () => {
    const seed = synthTo('multi', (app) => new ErlangDockerChart(app, 'erlang-docker', { config: DEFAULT_CONFIG }));
    const np = writeYaml(
      'np.k8s.yaml',
      [
        '---',
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata: { name: allow-monitoring }',
        'spec:',
        '  podSelector: { matchLabels: { app: erlang-docker-a } }',
        '  ingress:',
        '    - from: [{ podSelector: { matchLabels: { app: prometheus } } }]',
        '---',
        '',
      ].join('\n'),
    );
    const context = await run([np, ...seed]);
    expect(context.violations.map((v) => [v.ruleName, v.recommendation, v.violatingResources[0].resourceName, v.violatingResources[0].manifestPath])).toEqual([
      [
        'network-policy-peer-selects-pods',
        'ingress peer {"matchLabels":{"app":"prometheus"}} selects no pods in namespace default',
        'NetworkPolicy/allow-monitoring',
        np,
      ],
    ]);
    expect(context.submitted).toEqual(['failure']);
  });

  test("with the CLI's own ValidationContext, the report fails and renders the violation", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- cdk8s-cli's internal module, by file path (not a package export)
    const { ValidationContext } = require(path.join(ROOT, 'node_modules', 'cdk8s-cli', 'lib', 'plugins', 'validation.js'));
    const file = writeYaml(
      'bad-sts.k8s.yaml',
      [
        ...fs
          .readFileSync(synthTo('cli-context', (app) => new ErlangDockerChart(app, 'erlang-docker', { config: DEFAULT_CONFIG }))[0], 'utf8')
          .split('\n')
          .map((l) => l.replace('serviceName: erlang-docker-b-hl', 'serviceName: erlang-docker-b-svc')),
      ].join('\n'),
    );
    const context = new ValidationContext([file], PLUGIN_DIR, '0.1.0', {}, false);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await new ErlangClusterValidation({}).validate(context);
    } finally {
      log.mockRestore();
    }
    expect(context.report.success).toBe(false);
    const text = context.report.toString();
    expect(text).toContain('governing-service-headless');
    expect(text).toContain('Resource Name: StatefulSet/default/erlang-docker-b-sfs');
    expect(context.report.toJson().violations.map((v: Violation) => v.ruleName)).toEqual([
      'governing-service-headless',
      'governing-service-publishes-not-ready',
      'dist-port-on-headless-service',
      'epmd-port-on-headless-service',
      'host-name-governing-service',
    ]);
    expect(text).toContain('Recommendation: governing Service erlang-docker-b-svc is not headless (clusterIP: None); pods get no per-pod DNS names');
  });

  test("each cross-object violation links to its rule's row in docs/validation.md, at the repository that package.json names", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/cdk8s-erlang-cluster/cdk8s-erlang-cluster.git' });
    expect(pkg.homepage).toBe('https://github.com/cdk8s-erlang-cluster/cdk8s-erlang-cluster#readme');
    expect(pkg.bugs).toEqual({ url: 'https://github.com/cdk8s-erlang-cluster/cdk8s-erlang-cluster/issues' });
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'validation.md'), 'utf8');
    const anchors = [...doc.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]);
    for (const rule of MANIFEST_RULES) expect(anchors).toContain(rule.id);
    const context = await run([
      writeYaml(
        'two-maps.k8s.yaml',
        ['apiVersion: v1', 'kind: ConfigMap', 'metadata: { name: m }', '---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata: { name: m }', ''].join('\n'),
      ),
    ]);
    expect(context.violations.map((v) => v.fix)).toEqual([
      'See https://github.com/cdk8s-erlang-cluster/cdk8s-erlang-cluster/blob/main/docs/validation.md#unique-names for the rule and how to satisfy it.',
    ]);
  });
});

describe('`cdk8s synth` with the plugin', () => {
  test('a broken app makes the real CLI exit non-zero with the violation in its report', () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-cli-'));
    try {
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'), 'dir');
      fs.writeFileSync(
        path.join(project, 'cdk8s.yaml'),
        [
          'language: typescript',
          'app: node -r sucrase/register/ts app.ts',
          'output: dist',
          'validations:',
          `  - package: ${JSON.stringify(PLUGIN_DIR)}`,
          '    version: 0.1.0',
          '    class: ErlangClusterValidation',
          '',
        ].join('\n'),
      );
      fs.writeFileSync(
        path.join(project, 'app.ts'),
        [
          "import { ApiObject, App, Chart } from 'cdk8s';",
          `import { ErlangCookie, ErlangRelease, ErlangStatefulCluster } from ${JSON.stringify(path.join(ROOT, 'lib'))};`,
          'const app = new App();',
          "const chart = new Chart(app, 'broken');",
          "new ErlangStatefulCluster(chart, 'c', { basename: 'app', release: ErlangRelease.relx(), image: 'registry:5000/app:1.0', cookie: ErlangCookie.fromSecretName('cookie') });",
          "new ApiObject(chart, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'app-lb' },",
          "  spec: { selector: { app: 'app' }, ports: [{ name: 'http', port: 80, targetPorts: 8080 }] } });",
          'app.synth();',
          '',
        ].join('\n'),
      );
      const cli = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade'], {
        cwd: project,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      });
      const output = `${cli.stdout}\n${cli.stderr}`;
      expect(cli.error).toBeUndefined();
      expect(cli.status).not.toBe(0);
      expect(output).toContain('5 objects: 1 schema and 0 cross-object violations');
      expect(output).toContain('k8s-1.28-strict-schema');
      expect(output).toContain('Resource Name: Service/app-lb');
      expect(output).toContain("Recommendation: unknown field 'targetPorts'");
      expect(output).toContain('Validation failed');
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  }, 60_000);
});
