/**
 * The mix side of the env contract that the README's chart does not show:
 *
 *   mix-aflags  (negative) examples/chat's release run with the relx kind's
 *               ERL_AFLAGS pin (which the mix kind refuses): the node is Ready,
 *               but `bin/chat rpc` starts a second VM that reads ERL_AFLAGS,
 *               binds the pinned port too and fails with eaddrinuse
 *               (elixir-lang/elixir#9187).
 *
 * It runs in the cluster.local boot of e2e/elixir.ts; `remote` is shared with
 * its mix-commands scenario.
 */
import { ChildProcess, spawn } from 'child_process';
import { Chart, Size, Testing } from 'cdk8s';
import { IntOrString } from '../imports/k8s';
import { DistPortPin, ErlangCookie, ErlangProbes, ErlangRelease, ErlangStatefulCluster, StorageClass } from '../lib';
import { CheckResult, result } from './checks';
import { KubeObject } from './kube';
import { LiveCluster, LivePod } from './live';

/** The namespace of the negative case. */
export const AFLAGS_NAMESPACE = 'chat-flags';
const REMOTE_DEADLINE_MS = 15_000;

/**
 * One pod of examples/chat under the relx kind with the ERL_AFLAGS pin, in
 * namespace chat-flags: the README's cluster with the other release kind,
 * probed on its dist port.
 */
export function aflagsChart(): KubeObject[] {
  const chart = new Chart(Testing.app(), 'e2e-mix', { namespace: AFLAGS_NAMESPACE });
  new ErlangStatefulCluster(chart, 'Chat', {
    basename: 'chat',
    release: ErlangRelease.relx(),
    distribution: { pin: DistPortPin.ERL_AFLAGS },
    image: 'registry.example.com/chat:1.4.2',
    cookie: ErlangCookie.fromSecretName('chat-cookie'),
    replicas: 1,
    // Probed on the fenced dist port: the NetworkPolicy admits the kubelet's address.
    probes: ErlangProbes.tcpSocket(IntOrString.fromString('dist')),
    appPorts: [{ name: 'http', port: 4000 }],
    storage: { mountPath: '/var/lib/chat', size: Size.gibibytes(1), storageClass: StorageClass.fromName('standard') },
  });
  return Testing.synth(chart) as KubeObject[];
}

/**
 * `bin/<app> remote` needs a terminal (IEx ignores --remsh on a "limited
 * shell"): run it under script(1), type one expression when the prompt shows,
 * and stop it once the answer is printed. Everything runs in the pod's
 * namespaces; the orchestrator kills the session in any case.
 */
export function remote(cluster: LiveCluster, live: LivePod, bin: string, marker: string): Promise<string> {
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

/** The negative case: the node is Ready, and `bin/chat rpc` in its pod fails with eaddrinuse. */
export function aflagsPhase(live: LivePod | undefined, cluster: LiveCluster, bin: string): CheckResult[] {
  if (!live?.ready) return [result('ready', [`${AFLAGS_NAMESPACE}: the pod is not Ready: the failure would not be the rpc's own`], '')];
  const problems: string[] = [];
  const flagged = cluster.exec(live, [bin, 'rpc', 'IO.puts(node())']);
  if (flagged.status === 0) problems.push(`bin/chat rpc in ${live.pod.name} succeeded although ERL_AFLAGS pins the dist port: ${flagged.out.slice(-200)}`);
  else if (!/eaddrinuse/.test(flagged.out)) problems.push(`bin/chat rpc in ${live.pod.name} failed, but not with eaddrinuse: ${flagged.out.slice(-300)}`);
  return [
    result(
      'mix',
      problems,
      `ERL_AFLAGS pin: ${AFLAGS_NAMESPACE}/${live.pod.name} is Ready, but bin/chat rpc fails (exit ${flagged.status}): "${
        flagged.out
          .split('\n')
          .find((l) => /eaddrinuse/.test(l))
          ?.trim() ?? ''
      }"`,
    ),
  ];
}
