/**
 * The live kubelet against its own model: probes of every kind sent to a
 * running pod of the journey, each outcome compared with the verdict that the
 * static `probes` judgment would give (e2e/probes.ts), and a readOnly claim
 * mounted the way the container's claims are mounted, written to. Runs inside
 * the `journey` phase; it costs about a second.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Check, CheckResult } from './checks';
import { Probe } from './kube';
import { claimMount, LiveCluster, LivePod } from './live';
import { probeRequest, probeVerdict } from './probes';
import { healthyPod, JourneyDeclaration, StaticDeclaration } from './static-checks';

/** Probes that the model says succeed (true) or fail (false) on a healthy pod; the live kubelet must agree. */
const PROBES: readonly (readonly [string, Probe])[] = [
  ['GET /ping on port http', { httpGet: { path: '/ping', port: 'http' } }],
  [
    'GET /ping with Host and User-Agent headers',
    {
      httpGet: {
        path: '/ping',
        port: 'http',
        httpHeaders: [
          { name: 'Host', value: 'e2e.invalid' },
          { name: 'user-agent', value: 'e2e' },
        ],
      },
    },
  ],
  ['HTTPS to port http', { httpGet: { path: '/ping', port: 'http', scheme: 'HTTPS' } }],
  ['host 127.0.0.1', { httpGet: { path: '/ping', port: 'http', host: '127.0.0.1' } }],
  ['GET /nope', { httpGet: { path: '/nope', port: 'http' } }],
  ['port name nope', { httpGet: { path: '/ping', port: 'nope' } }],
  ['TCP port dist', { tcpSocket: { port: 'dist' } }],
  ['exec bin/<release> ping', { exec: { command: ['bin/erlang_docker', 'ping'] } }],
  ['exec bin/<release> status', { exec: { command: ['bin/erlang_docker', 'status'] } }],
  ['exec bin/<release> health', { exec: { command: ['bin/erlang_docker', 'health'] } }],
  ['exec bin/nothing ping', { exec: { command: ['bin/nothing', 'ping'] } }],
];

/** An exec probe that outlives its timeout fails when the timeout expires. */
const SLOW: Probe = { exec: { command: ['sleep', '5'] }, timeoutSeconds: 1 };

export async function kubeletModelCheck(cluster: LiveCluster, live: LivePod, d: StaticDeclaration, j: JourneyDeclaration): Promise<CheckResult> {
  const c = new Check('kubelet');
  const root = cluster.imageOf(live).root;
  // The image as it is in the sandbox: the release at its root, which is the container's working directory.
  const healthy = healthyPod(live.pod.ip, d, { ...j, image: { ...j.image, workingDir: root, tool: path.join(root, 'bin', 'erlang_docker') } });
  const shown: string[] = [];
  for (const [what, p] of PROBES) {
    const expected = probeVerdict(probeRequest(p, live.pod), healthy) === undefined;
    const got = await cluster.probe(live, p, 2_000);
    c.expect(
      got === expected,
      `${live.pod.name}: probe ${what}: the kubelet ${got ? 'succeeded' : 'failed'}, the model says it ${expected ? 'succeeds' : 'fails'}`,
    );
    shown.push(`${what} ${got ? '✓' : '✗'}`);
  }
  const t = Date.now();
  const slow = await cluster.probe(live, SLOW, 1_000);
  const slowMs = Date.now() - t;
  c.expect(!slow && slowMs < 2_500, `${live.pod.name}: exec sleep 5 with a 1 s timeout ${slow ? 'succeeded' : 'failed'} after ${slowMs} ms`);

  // readOnly: the claim mount of the containers, in a mount namespace of its own.
  const pv = cluster.scratch('readonly-claim');
  for (const readOnly of [true, false]) {
    const script = `mount -t tmpfs -o mode=0755 tmpfs /mnt && ${claimMount(pv, '/mnt/claim', readOnly)} && echo x > /mnt/claim/written-${readOnly}`;
    const r = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script], { encoding: 'utf8', timeout: 5_000 });
    const wrote = fs.existsSync(path.join(pv, `written-${readOnly}`));
    if (readOnly)
      c.expect(r.status !== 0 && !wrote && /Read-only file system/.test(r.stderr), `a readOnly claim took a write: exit ${r.status} ${r.stderr.trim()}`);
    else c.expect(r.status === 0 && wrote, `a writable claim refused a write: exit ${r.status} ${r.stderr.trim()}`);
  }
  return c.done(
    `probes agree with the model (${shown.join('; ')}; exec sleep 5 timed out after ${slowMs} ms); a readOnly claim refuses writes (Read-only file system), a writable one takes them`,
  );
}
