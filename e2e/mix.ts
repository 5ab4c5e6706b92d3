/**
 * The mix side of the env contract, run for real: examples/mix-app as a mix
 * release in pods of a chart built from the public API.
 *
 *   mix-rpc     DistPortPin.RELEASE (the port pinned in rel/vm.args.eex):
 *               `bin/mix_app rpc` and `bin/mix_app remote` reach the node.
 *   mix-aflags  (negative) the same release with the ERL_AFLAGS pin, our
 *               default for relx: `bin/mix_app rpc` starts a second VM that
 *               binds the pinned port too and fails with eaddrinuse, as the
 *               docs warn (elixir-lang/elixir#9187).
 */
import { ChildProcess, spawn } from 'child_process';
import { Chart, Testing } from 'cdk8s';
import { DistPortPin, ErlangCookie, ErlangProbes, ErlangStatefulCluster, ErlangRelease } from '../lib';
import { CheckResult, result } from './checks';
import { waitUntil } from './erlang';
import { KubeObject } from './kube';
import { LiveCluster, LivePod } from './live';
import { ClusterInput, podFqdn, SecretData, secretKey } from './simulate';

/** Two single-pod clusters in namespace e2e-mix, TCP probes on the dist port: one per pin. */
export function mixChart(): KubeObject[] {
  const chart = new Chart(Testing.app(), 'e2e-mix', { namespace: 'e2e-mix' });
  const common = {
    cookie: ErlangCookie.fromSecret('e2e-cookie'),
    image: 'registry.example.test/mix-app:0.1.0',
    replicas: 1,
    probes: ErlangProbes.tcpSocket('dist'),
  };
  // The mix kind pins the port in rel/vm.args.eex; the negative case runs the same mix release
  // with the relx kind's ERL_AFLAGS pin, which the mix kind refuses.
  new ErlangStatefulCluster(chart, 'Release', { ...common, basename: 'mixrel', release: ErlangRelease.mix() });
  new ErlangStatefulCluster(chart, 'Aflags', { ...common, basename: 'mixflags', release: ErlangRelease.relx(), distribution: { pin: DistPortPin.ERL_AFLAGS } });
  return Testing.synth(chart) as KubeObject[];
}

/** The cluster, with the cookie Secret as `kubectl create secret generic e2e-cookie -n e2e-mix --from-literal=cookie=…` makes it. */
export function mixInput(): ClusterInput {
  const secrets: SecretData = { [secretKey('e2e-mix', 'e2e-cookie', 'cookie')]: 'e2e-mix-cookie-8c2e' };
  return { objects: mixChart(), clusterDomain: 'cluster.local', secretsFor: () => secrets, extraPods: [] };
}

/** What the scenario declares: StatefulSet → basename. */
const BASENAMES: Readonly<Record<string, string>> = { 'mixrel-sfs': 'mixrel', 'mixflags-sfs': 'mixflags' };
const READY_DEADLINE_MS = 30_000;
const REMOTE_DEADLINE_MS = 15_000;

function expectedName(live: LivePod, domain: string): string {
  return `${BASENAMES[live.pod.statefulSet ?? '']}@${podFqdn(live.pod, domain)}`;
}

/**
 * `bin/mix_app remote` needs a terminal (IEx ignores --remsh on a "limited
 * shell"): run it under script(1), type one expression when the prompt shows,
 * and stop it once the answer is printed. Everything runs in the pod's
 * namespaces; the orchestrator kills the session in any case.
 */
function remote(cluster: LiveCluster, live: LivePod, bin: string, marker: string): Promise<string> {
  const pid = live.child?.pid;
  if (pid === undefined) return Promise.resolve('no running container');
  const child: ChildProcess = spawn('nsenter', ['-t', String(pid), '-m', '-n', 'script', '-qec', `${bin} remote`, '/dev/null'], {
    env: { PATH: process.env.PATH, HOME: '/tmp', LANG: 'C.UTF-8', TERM: 'vt100', ...Object.fromEntries(live.env) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  cluster.track(child);
  let out = '';
  let typed = false;
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(out);
    };
    const timer = setTimeout(finish, REMOTE_DEADLINE_MS);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (!typed && /iex\(.*\)\d+>/.test(out)) {
        typed = true;
        child.stdin!.write(`IO.puts("${marker}" <> to_string(node()))\n`);
      }
      if (new RegExp(`${marker}\\S+@`).test(out)) finish();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
  });
}

/** Both mix phases on one cluster. */
export async function mixPhases(cluster: LiveCluster, bin: string): Promise<{ rpc: CheckResult[]; aflags: CheckResult[] }> {
  cluster.start();
  const up = await waitUntil(() => cluster.live().length === 2 && cluster.live().every((l) => l.ready), READY_DEADLINE_MS, 50);
  const ready = result(
    'ready',
    up
      ? []
      : [
          `not Ready within ${READY_DEADLINE_MS / 1000} s (TCP probes on port dist): ${cluster
            .live()
            .map((l) => `${l.pod.name} ${l.ready ? 'Ready' : 'not Ready'}`)
            .join(', ')}`,
        ],
    'both pods Ready (startup and readiness probes: TCP connect to port dist)',
  );
  if (!up) return { rpc: [ready], aflags: [ready] };
  const rel = cluster.get('mixrel-sfs-0');
  const flags = cluster.get('mixflags-sfs-0');

  const problems: string[] = [];
  const name = expectedName(rel, cluster.domain);
  const rpc = cluster.exec(rel.pod.name, [bin, 'rpc', 'IO.puts(node())']);
  if (rpc.status !== 0 || rpc.out.trim() !== name) problems.push(`bin/mix_app rpc in ${rel.pod.name}: exit ${rpc.status}: ${rpc.out.slice(-300)}`);
  const marker = 'e2e-remote:';
  const rem = await remote(cluster, rel, bin, marker);
  const evaluatedOn = rem.match(new RegExp(`${marker}(\\S+@\\S+)`))?.[1];
  if (evaluatedOn !== name)
    problems.push(
      `bin/mix_app remote in ${rel.pod.name}: the expression ran on ${evaluatedOn ?? 'no node'}, not ${name}: ${rem.replace(/\s+/g, ' ').slice(-300)}`,
    );
  const mixRpc = result('mix', problems, `DistPortPin.RELEASE: bin/mix_app rpc → ${name}; bin/mix_app remote evaluated node() on ${evaluatedOn}`);

  const negative: string[] = [];
  const flagged = cluster.exec(flags.pod.name, [bin, 'rpc', 'IO.puts(node())']);
  if (flagged.status === 0) negative.push(`bin/mix_app rpc in ${flags.pod.name} succeeded although ERL_AFLAGS pins the dist port: ${flagged.out.slice(-200)}`);
  else if (!/eaddrinuse/.test(flagged.out)) negative.push(`bin/mix_app rpc in ${flags.pod.name} failed, but not with eaddrinuse: ${flagged.out.slice(-300)}`);
  // The node itself is fine: only the second VM collides.
  if (!flags.ready) negative.push(`${flags.pod.name} is not Ready: the failure is not the rpc's own`);
  const aflags = result(
    'mix',
    negative,
    `ERL_AFLAGS pin: the node is Ready, but bin/mix_app rpc fails (exit ${flagged.status}): "${
      flagged.out
        .split('\n')
        .find((l) => /eaddrinuse/.test(l))
        ?.trim() ?? ''
    }"`,
  );
  return { rpc: [ready, mixRpc], aflags: [aflags] };
}
