/**
 * The `cookie-file` scenario's judgments: a node whose cookie reaches it as a
 * file (`cookieDelivery: CookieDelivery.FILE`) formed its mesh with the
 * Secret's cookie, and no env of its VM holds that cookie. Expected values are
 * the scenario's own (the Secret's value it created, the release's command);
 * the paths come from the pod's resolved env and volumes, as the kubelet would
 * give them.
 */
import * as fs from 'fs';
import { Check, CheckResult } from './checks';
import type { LiveCluster, LivePod } from './live';

/** NUL-separated `/proc/<pid>/<file>` as a list. */
function procList(pid: number, file: 'environ' | 'cmdline'): string[] {
  return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0').filter(Boolean);
}

/** The VM of the pod's container: its main process, which `exec`s down to beam.smp. */
function vmPid(live: LivePod): number | undefined {
  const pid = live.child?.pid;
  if (pid === undefined) return undefined;
  const comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  return comm.startsWith('beam') ? pid : undefined;
}

/**
 * For each pod: the VM's cookie (asked through `rpc`, with the release's own
 * command) is the Secret's; the Secret's value is in no env var and no argument
 * of the VM; `$HOME/.erlang.cookie` is owner-only. Reports what the VM's
 * environment and command line say about cookies, whatever they hold.
 */
export function cookieFileChecks(cluster: LiveCluster, pods: readonly LivePod[], secret: string, rpc: (live: LivePod) => string[]): CheckResult[] {
  const env = new Check('no-cookie-env');
  const vm = new Check('vm-cookie');
  const seen: string[] = [];
  for (const l of pods) {
    const pid = vmPid(l);
    if (pid === undefined) {
      env.expect(false, `${l.pod.name}: the container's main process is not a beam.smp`);
      continue;
    }
    const environ = procList(pid, 'environ');
    const argv = procList(pid, 'cmdline');
    env.expect(
      !environ.some((e) => e.includes(secret)),
      `${l.pod.name}: /proc/${pid}/environ holds the Secret's cookie: ${environ.filter((e) => e.includes(secret)).map((e) => e.split('=')[0])}`,
    );
    env.expect(!argv.some((a) => a.includes(secret)), `${l.pod.name}: /proc/${pid}/cmdline holds the Secret's cookie`);
    const cookieEnv = environ
      .filter((e) => /COOKIE/.test(e.split('=')[0]))
      .map((e) => `${e.split('=')[0]}=<${e.length - e.indexOf('=') - 1} chars, not the Secret's>`);
    const setcookie = argv.flatMap((a, i) =>
      a === '-setcookie' ? [argv[i + 1]?.startsWith('-') || argv[i + 1] === undefined ? '-setcookie (empty)' : "-setcookie <a value, not the Secret's>"] : [],
    );
    seen.push(`${l.pod.name}: env [${cookieEnv.join(', ') || 'no *COOKIE*'}], argv [${setcookie.join(', ') || 'no -setcookie'}]`);
    const home = l.env.get('HOME');
    const stat = cluster.exec(l, ['stat', '-L', '-c', '%a %u', `${home}/.erlang.cookie`]);
    const [mode] = stat.out.split(' ');
    vm.expect(
      stat.status === 0 && /^[0-7]00$/.test(mode ?? ''),
      `${l.pod.name}: $HOME/.erlang.cookie (${home}) is ${stat.out || 'missing'}, expected owner-only`,
    );
    const asked = cluster.exec(l, rpc(l));
    vm.expect(
      asked.status === 0 && asked.out === secret,
      `${l.pod.name}: the VM's cookie, asked by rpc, is not the Secret's (exit ${asked.status}: ${asked.out.slice(-200).replace(secret, '<secret>')})`,
    );
  }
  return [
    vm.done(`every VM's cookie is the Secret's (asked with the release's rpc, which reads $HOME/.erlang.cookie too), and $HOME/.erlang.cookie is owner-only`),
    env.done(`the Secret's cookie is in no /proc/<pid>/environ and no /proc/<pid>/cmdline of a VM; seen: ${seen.join('; ')}`),
  ];
}
