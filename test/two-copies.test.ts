/**
 * Two copies of this package in one app (a linked checkout, a nested install):
 * objects made by one copy must be accepted by the other. Type tests use
 * Symbol.for brands, not instanceof. The second copy is the package compiled
 * as npm run build does, into node_modules/.cache, so that it shares this
 * repository's single cdk8s, as a consumer's copies share theirs.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as first from 'cdk8s-erlang-cluster';

const ROOT = path.join(__dirname, '..');
const COPY = path.join(ROOT, 'node_modules', '.cache', 'cdk8s-erlang-cluster', 'second-copy');

/** Compiles the current sources as `npm run build` does, into a folder of its own (never a stale build/). */
function secondCopy(): typeof first {
  fs.rmSync(COPY, { recursive: true, force: true });
  const tsc = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json', '--outDir', COPY], { cwd: ROOT, encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a second compiled copy, loaded by path at run time
  return require(path.join(COPY, 'lib', 'index.js')) as typeof first;
}

const second = secondCopy();

test('the copies are distinct classes, so instanceof would fail', () => {
  expect(second.ErlangCookie).not.toBe(first.ErlangCookie);
  expect(second.ErlangCookie.fromSecret('c') instanceof first.ErlangCookie).toBe(false);
});

test('a cookie, storage class, probes and discovery from one copy build a cluster of the other', () => {
  const chart = Testing.chart();
  const storage = new second.LocalStorageClass(chart, 'Disks', { name: 'disks' });
  [0, 1, 2].forEach((i) => storage.addVolume(`Disk${i}`, { name: `disk-${i}`, nodeName: `node-${i}`, path: '/srv/app', size: '1Gi' }));
  const cluster = new first.ErlangStatefulCluster(chart, 'Cluster', {
    basename: 'app',
    release: second.ErlangRelease.relx(),
    image: 'app:1.0.0',
    cookie: second.ErlangCookie.fromSecret('cookie'),
    appPorts: [{ name: 'http', port: 4000 }],
    storage: { mountPath: '/data', storageClass: storage },
    probes: second.ErlangProbes.httpGet('/health', 'http'),
    discovery: second.ClusterDiscovery.kubernetesApi(),
  });
  const sts = Testing.synth(chart).find((o) => o.kind === 'StatefulSet');
  expect(sts.spec.volumeClaimTemplates[0].spec.storageClassName).toBe('disks');
  expect(sts.spec.template.spec.serviceAccountName).toBe(`${cluster.name}-discovery`);
});

test("clusters of two copies mesh, and each copy recognises the other's objects", () => {
  const chart = Testing.chart();
  const cookie = first.ErlangCookie.fromSecret('cookie');
  const a = new first.ErlangStatefulCluster(chart, 'A', { basename: 'a', release: first.ErlangRelease.relx(), image: 'a:1.0.0', cookie });
  const b = new second.ErlangStatefulCluster(chart, 'B', { basename: 'b', release: second.ErlangRelease.relx(), image: 'b:1.0.0', cookie });
  first.ErlangStatefulCluster.mesh(a, b as unknown as first.ErlangStatefulCluster);
  expect(a.peerClusters.map((p) => p.name)).toEqual(['b-sfs']);
  expect(first.ErlangStatefulCluster.isErlangStatefulCluster(b)).toBe(true);
  expect(second.ErlangCookie.isErlangCookie(cookie)).toBe(true);
  expect(first.ConfigError.isConfigError(new second.ConfigError('x', 'p', 1, 'y'))).toBe(true);
  expect(first.ErlangCookie.isErlangCookie({ secretName: 'cookie', key: 'cookie' })).toBe(false);
});
