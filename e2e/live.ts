/**
 * A live simulated cluster, for scenarios in which pods run an application
 * release, become Ready, die and come back:
 *
 * - the pod network: a bridge, one namespace per pod incarnation (a pod that is
 *   deleted and recreated gets a new namespace and a NEW IP, as with a CNI);
 * - cluster DNS: dnsmasq in a namespace of its own, serving the records of
 *   e2e/cluster-dns.ts behind the kube-dns ClusterIP 10.96.0.10;
 * - kube-proxy: the NAT rules of e2e/kube-proxy.ts in every pod, and the
 *   NodePort rules on a node namespace that an "outside" client namespace
 *   reaches over a link of its own;
 * - NetworkPolicy: the filter rules of e2e/network-policy.ts, recomputed when
 *   pod IPs change, as a CNI does;
 * - the kubelet: containers started from the resolved env, claims mounted from
 *   a per-pod directory that outlives the pod (the PersistentVolume), the
 *   manifests' startup, readiness and liveness probes, restarts;
 * - the StatefulSet controller: Parallel or OrderedReady creation, and
 *   recreation of deleted pods.
 *
 * Probe periods are scaled down (see {@link PROBE_SCALE}) so that the
 * scenarios fit in a CI run; the probes' paths, ports and thresholds are the
 * manifests'.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Agent } from './agent';
import { dnsmasqConfig, DnsPod, dnsZone, DnsZone, hostsLines } from './cluster-dns';
import { KubeObject, Probe, resolvePort, statefulSets } from './kube';
import { assignClusterIps, KUBE_DNS_IP, natRules, SERVICE_CIDR, ServiceRule, serviceRules } from './kube-proxy';
import { iptablesRules, podEgress, podIngress } from './network-policy';
import { netnsExec, Sandbox, sh, sleepSync } from './netns';
import { Scheduler, Topology } from './scheduler';
import { ClusterInput, containerEnv, createPods, hostsFile, Pod, POD_PREFIX_LENGTH, podIp, podKey, resolvConf } from './simulate';

/** Probe periods and timeouts are the manifests' divided by this (10 s → 1 s); thresholds are kept. */
export const PROBE_SCALE = 10;
/** A scaled probe timeout never drops below this: a booting BEAM on a busy 2-core machine can take that long to answer. */
const MIN_PROBE_TIMEOUT_MS = 1_000;

/** What a container runs: a release directory (each container gets a private copy-on-write view of it) and its start command. */
export interface Image {
  readonly root: string;
  readonly command: readonly string[];
}

/** Probe bookkeeping of one container. */
interface ProbeState {
  readonly probe: Probe;
  nextAt: number;
  inFlight: boolean;
  successes: number;
  failures: number;
}

/** One pod incarnation: created by the controller, deleted by a fault. */
export interface LivePod {
  readonly pod: Pod;
  readonly ns: string;
  /** The modelled node it was scheduled to (e2e/scheduler.ts), when the cluster declares nodes. */
  readonly node?: string;
  /** The pod's container: absent between a container's death and its restart. */
  child?: ChildProcess;
  /** When the current container started (ms since the epoch). */
  startedAt: number;
  startupDone: boolean;
  ready: boolean;
  /** Container restarts by the kubelet (liveness, or the process exited). */
  restarts: number;
  /** Why the kubelet last restarted the container. */
  lastRestart?: string;
  readonly logs: string[];
  /** The current container's resolved env, for commands run in it. */
  env: ReadonlyMap<string, string>;
  probes: { startup?: ProbeState; readiness?: ProbeState; liveness?: ProbeState };
}

/** A scenario's view of a StatefulSet. */
interface SetState {
  readonly name: string;
  readonly namespace: string;
  replicas: number;
  policy: 'Parallel' | 'OrderedReady';
  /** Pod names the controller must not recreate (they stay deleted). */
  readonly suspended: Set<string>;
}

/** Scaled probe period/timeout in ms. */
function scaled(seconds: number | undefined, fallback: number): number {
  return Math.round(((seconds ?? fallback) * 1000) / PROBE_SCALE);
}

function probeState(probe: Probe | undefined, now: number): ProbeState | undefined {
  return probe === undefined ? undefined : { probe, nextAt: now + scaled(probe.initialDelaySeconds, 0), inFlight: false, successes: 0, failures: 0 };
}

/** `sh -c` script: `mount` commands from the arguments up to `--`, then exec the rest. */
const MOUNT_THEN_EXEC = 'while [ "$1" != -- ]; do eval "$1" || exit 1; shift; done; shift; exec "$@"';

/** A quoted shell word. */
function q(s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

export class LiveCluster {
  public readonly pods = new Map<string, LivePod>();
  public readonly sets: SetState[];
  public readonly clusterIps: Map<string, string>;
  /** The node's address on the outside link: NodePorts listen here. */
  public readonly nodeAddress: string;
  /** The outside client: a user's machine. */
  public readonly outside: Agent;
  /** The node: the kubelet probes from here. */
  public readonly kubelet: Agent;
  public readonly domain: string;
  private readonly bridge: string;
  private readonly nodeNs: string;
  private readonly dnsNs: string;
  private readonly dnsIp: string;
  private readonly nodeIp: string;
  private dns?: ChildProcess;
  private zone?: DnsZone;
  private nextIp = 0;
  private generation = 0;
  private readonly loaded = new Map<string, string>();
  private partitions: [string, string][] = [];
  /** Pods cut off from every other pod (names). */
  private readonly isolated = new Set<string>();
  /** The scheduler and volume binder, when the cluster declares its nodes; pods it cannot place are not created. */
  public readonly scheduler?: Scheduler;
  /** Pod name → why it is Pending (the scheduler's message), for pods the controller wants but the scheduler cannot place. */
  public readonly pending = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  /** DNS restarts, for the timing report. */
  public dnsReloads = 0;

  constructor(
    private readonly sandbox: Sandbox,
    private readonly input: ClusterInput,
    private readonly subnet: number,
    private readonly image: (pod: Pod) => Image,
    private readonly dir: string,
    topology?: Topology,
  ) {
    this.domain = input.clusterDomain;
    this.scheduler = topology && new Scheduler(input.objects, topology);
    this.sets = statefulSets(input.objects).map((s) => ({
      name: s.name,
      namespace: s.namespace,
      replicas: s.spec.replicas ?? 1,
      policy: s.spec.podManagementPolicy === 'Parallel' ? 'Parallel' : 'OrderedReady',
      suspended: new Set<string>(),
    }));
    this.clusterIps = assignClusterIps(input.objects);
    fs.mkdirSync(path.join(dir, 'dns'), { recursive: true });
    this.bridge = sandbox.addBridge();
    // .1 the node, .2 cluster DNS; pods from .10 on.
    this.nodeIp = `10.244.${subnet}.1`;
    this.dnsIp = `10.244.${subnet}.2`;
    this.nodeAddress = `198.18.${subnet}.1`;
    this.nodeNs = sandbox.addNamespace('node');
    sandbox.plug(this.bridge, this.nodeNs, `${this.nodeIp}/${POD_PREFIX_LENGTH}`);
    const outsideNs = sandbox.addNamespace('outside');
    // The outside link: node eth1 <-> outside eth0 on 198.18.<subnet>.0/24 (a benchmarking range, only inside our namespaces).
    sh('ip', ['-n', this.nodeNs, 'link', 'add', 'eth1', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', outsideNs]);
    sh('ip', ['-n', this.nodeNs, 'addr', 'add', `${this.nodeAddress}/24`, 'dev', 'eth1']);
    sh('ip', ['-n', this.nodeNs, 'link', 'set', 'eth1', 'up']);
    sh('ip', ['-n', outsideNs, 'addr', 'add', `198.18.${subnet}.2/24`, 'dev', 'eth0']);
    sh('ip', ['-n', outsideNs, 'link', 'set', 'eth0', 'up']);
    sh('ip', ['-n', outsideNs, 'route', 'add', 'default', 'via', this.nodeAddress]);
    sh('ip', netnsExec(this.nodeNs, 'sysctl', ['-qw', 'net.ipv4.ip_forward=1']));
    // From outside, only NodePort traffic (DNAT) and replies enter: pod IPs and ClusterIPs are not routed in.
    sandbox.iptables(
      this.nodeNs,
      [
        '*filter',
        ':INPUT ACCEPT [0:0]',
        ':FORWARD ACCEPT [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        '-A FORWARD -i eth1 -m conntrack --ctstate ESTABLISHED,RELATED,DNAT -j ACCEPT',
        '-A FORWARD -i eth1 -j DROP',
        'COMMIT',
        '',
      ].join('\n'),
    );
    this.dnsNs = sandbox.addNamespace('coredns');
    sandbox.plug(this.bridge, this.dnsNs, `${this.dnsIp}/${POD_PREFIX_LENGTH}`);
    this.kubelet = new Agent(sandbox, this.nodeNs);
    this.outside = new Agent(sandbox, outsideNs);
  }

  /** The StatefulSet's pods as the controller names them, with their template. */
  private template(set: SetState): Pod[] {
    return createPods(
      this.input.objects.filter((o) => o.kind === 'StatefulSet' && o.metadata?.name === set.name && (o.metadata?.namespace ?? 'default') === set.namespace),
      [],
      this.subnet,
    );
  }

  public live(): LivePod[] {
    return [...this.pods.values()];
  }

  public get(name: string): LivePod {
    const p = this.live().find((x) => x.pod.name === name);
    if (!p) throw new Error(`pod ${name} does not exist`);
    return p;
  }

  /** Starts the controller, the kubelet's probe loop and cluster DNS. */
  public start(): void {
    this.reconcile();
    this.timer = setInterval(() => this.tick(), 50);
  }

  /** Stops probing and reconciling; the sandbox removes the rest. */
  public stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  /** The StatefulSet controller: creates missing pods (all at once, or each after its predecessors are Ready). */
  private reconcile(): void {
    let changed = false;
    for (const set of this.sets) {
      const pods = this.template(set).slice(0, set.replicas);
      for (const [i, template] of pods.entries()) {
        if (this.pods.has(podKey(template)) || set.suspended.has(template.name)) continue;
        if (set.policy === 'OrderedReady' && !pods.slice(0, i).every((p) => this.pods.get(podKey(p))?.ready === true)) break;
        const placed = this.scheduler?.schedule(template);
        if (placed?.pending !== undefined) {
          this.pending.set(template.name, placed.pending);
          if (set.policy === 'OrderedReady') break;
          continue;
        }
        this.pending.delete(template.name);
        this.createPod(template, placed?.node);
        changed = true;
      }
    }
    if (changed) this.reprogram();
  }

  /** A new pod incarnation: namespace, new IP, /etc files, then its container. */
  private createPod(template: Pod, node?: string): void {
    const ip = podIp(this.subnet, this.nextIp++);
    const pod: Pod = { ...template, ip };
    const ns = this.sandbox.addNamespace(`${pod.name}.${this.generation++}`);
    this.sandbox.plug(this.bridge, ns, `${ip}/${POD_PREFIX_LENGTH}`);
    // A route to the service CIDR, so that the output path reaches the DNAT rules; the default route leads to the node.
    sh('ip', ['-n', ns, 'route', 'add', SERVICE_CIDR, 'dev', 'eth0']);
    sh('ip', ['-n', ns, 'route', 'add', 'default', 'via', this.nodeIp]);
    this.sandbox.writeEtc(ns, {
      hosts: hostsFile(pod, this.domain, { records: [], unpublished: new Map() }),
      'resolv.conf': resolvConf(pod, this.domain, KUBE_DNS_IP),
    });
    const live: LivePod = { pod, ns, node, startedAt: 0, startupDone: false, ready: false, restarts: 0, logs: [], env: new Map(), probes: {} };
    this.pods.set(podKey(pod), live);
    this.startContainer(live);
  }

  /**
   * The container: a private tmpfs over /mnt with the claim's directory bound
   * at its mountPath, a copy-on-write overlay of the image (the start script
   * writes its rendered vm.args there), then the image's command with the
   * resolved env.
   */
  private startContainer(live: LivePod): void {
    const { pod } = live;
    const container = pod.container!;
    const env = containerEnv(pod, this.input.secretsFor(pod));
    const image = this.image(pod);
    const run = path.join(this.dir, 'containers', `${pod.name}.${live.ns.split('.').pop()}.${live.restarts}`);
    const claims = new Set(
      (statefulSets(this.input.objects).find((s) => s.name === pod.statefulSet)?.spec.volumeClaimTemplates ?? []).map((c) => c.metadata?.name),
    );
    const mounts: string[] = ['mount -t tmpfs -o mode=0755 tmpfs /mnt'];
    for (const m of container.volumeMounts ?? []) {
      if (!claims.has(m.name)) throw new Error(`${pod.name}: volume ${m.name} is not a claim; the live scenarios mount claims only`);
      if (!m.mountPath.startsWith('/mnt/'))
        throw new Error(`${pod.name}: claim ${m.name} mounts at ${m.mountPath}; the live scenarios mount claims under /mnt only`);
      // The PersistentVolume: the one the claim `<claim>-<pod>` is bound to, else one per claim; the recreated pod gets the same one.
      const bound = this.scheduler?.volumeOf(`${pod.namespace}/${m.name}-${pod.name}`);
      const pv = bound ? path.join(this.dir, 'pv', bound) : path.join(this.dir, 'pv', pod.namespace, `${m.name}-${pod.name}`);
      fs.mkdirSync(pv, { recursive: true });
      mounts.push(`mkdir -p ${q(m.mountPath)} && mount --bind ${q(pv)} ${q(m.mountPath)}`);
    }
    fs.mkdirSync(path.join(run, 'upper'), { recursive: true });
    fs.mkdirSync(path.join(run, 'work'), { recursive: true });
    mounts.push(`mount -t overlay overlay -o ${q(`lowerdir=${image.root},upperdir=${run}/upper,workdir=${run}/work`)} ${q(image.root)}`);
    const log = path.join(run, 'container.log');
    live.logs.push(log);
    const fd = fs.openSync(log, 'a');
    const child = spawn('ip', netnsExec(live.ns, 'sh', ['-c', MOUNT_THEN_EXEC, 'sh', ...mounts, '--', ...image.command]), {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin:/usr/sbin:/sbin', HOME: run, LANG: 'C.UTF-8', ...Object.fromEntries(env) },
      cwd: run,
      stdio: ['ignore', fd, fd],
    });
    fs.closeSync(fd);
    this.sandbox.track(child);
    const now = Date.now();
    Object.assign(live, {
      child,
      env,
      startedAt: now,
      startupDone: container.startupProbe === undefined,
      ready: false,
      probes: {
        startup: probeState(container.startupProbe, now),
        readiness: probeState(container.readinessProbe, now),
        liveness: probeState(container.livenessProbe, now),
      },
    });
    child.on('exit', () => {
      // restartPolicy Always: a container that exits on its own is started again (without CrashLoopBackOff's delays).
      if (live.child === child && !this.stopped && this.pods.get(podKey(pod)) === live) this.restartContainer(live, 'the process exited');
    });
  }

  /** The kubelet kills the container's processes and starts it again, in the same pod (same IP). */
  private restartContainer(live: LivePod, why: string): void {
    live.child = undefined;
    this.sandbox.killAll(live.ns);
    live.restarts++;
    live.lastRestart = why;
    const wasReady = live.ready;
    this.startContainer(live);
    if (wasReady) this.reprogram();
  }

  /**
   * Deletes pods at once (SIGKILL, no grace): their namespaces and IPs are
   * gone; the controller recreates them unless `keepDeleted`.
   */
  public deletePods(names: readonly string[], keepDeleted = false): void {
    const gone = names.map((n) => this.get(n));
    for (const live of gone) {
      live.child = undefined;
      this.pods.delete(podKey(live.pod));
      this.scheduler?.remove(live.pod);
      if (keepDeleted) this.sets.find((s) => s.name === live.pod.statefulSet)!.suspended.add(live.pod.name);
    }
    // All processes first, so that no survivor sees its peers die one by one.
    gone.forEach((l) => this.sandbox.killAll(l.ns));
    for (const live of gone) {
      this.sandbox.removeNamespace(live.ns);
      [...this.loaded.keys()].filter((k) => k.startsWith(`${live.ns}\t`)).forEach((k) => this.loaded.delete(k));
    }
    this.reprogram();
  }

  /** Lets the controller recreate pods again, with `policy` for the StatefulSets. */
  public resume(policy?: 'Parallel' | 'OrderedReady'): void {
    for (const s of this.sets) {
      s.suspended.clear();
      if (policy) s.policy = policy;
    }
    this.reconcile();
  }

  /**
   * Freezes the pod's Erlang VM (SIGSTOP): a hung node whose process is still
   * there. Only the probes can tell; the kubelet's restart kills it.
   */
  public freeze(name: string): void {
    const pid = this.get(name).child?.pid;
    if (pid === undefined) throw new Error(`${name} has no running container`);
    process.kill(pid, 'SIGSTOP');
  }

  /** The endpoints kube-proxy programs now for Service port `id` (`namespace/name:port`). */
  public endpoints(id: string): readonly string[] {
    return serviceRules(this.input.objects, this.endpointPods(), this.clusterIps).find((r) => r.id === id)?.endpoints ?? [];
  }

  /** Drops every packet between the pods of `a` and of `b` (StatefulSet names), both ways, from now on. */
  public partition(a: string, b: string): void {
    this.partitions.push([a, b]);
    this.reprogram();
  }

  /** Drops every packet between pod `name` and every other pod, both ways, from now on. */
  public isolate(name: string): void {
    this.isolated.add(name);
    this.reprogram();
  }

  public heal(): void {
    this.partitions = [];
    this.isolated.clear();
    this.reprogram();
  }

  /** `kubectl cordon` (or with `false`, `uncordon`) of a modelled node; uncordoning lets the controller place Pending pods there. */
  public cordon(node: string, on = true): void {
    if (!this.scheduler) throw new Error('this cluster declares no nodes');
    this.scheduler.cordon(node, on);
    if (!on) this.reconcile();
  }

  /** The kubelet's probe loop and the controller. */
  private tick(): void {
    if (this.stopped) return;
    const now = Date.now();
    for (const live of this.live()) {
      if (!live.child) continue;
      const { startup, readiness, liveness } = live.probes;
      if (!live.startupDone && startup) this.runProbe(live, startup, now, 'startup');
      if (live.startupDone) {
        if (readiness) this.runProbe(live, readiness, now, 'readiness');
        else if (!live.ready) {
          live.ready = true;
          this.reprogram();
        }
        if (liveness) this.runProbe(live, liveness, now, 'liveness');
      }
    }
    this.reconcile();
  }

  private runProbe(live: LivePod, state: ProbeState, now: number, kind: 'startup' | 'readiness' | 'liveness'): void {
    if (state.inFlight || now < state.nextAt) return;
    state.inFlight = true;
    const child = live.child;
    const p = state.probe;
    state.nextAt = now + scaled(p.periodSeconds, 10);
    const timeout = Math.max(MIN_PROBE_TIMEOUT_MS, scaled(p.timeoutSeconds, 1));
    void this.probe(live.pod, p, timeout).then((ok) => {
      state.inFlight = false;
      if (live.child !== child || this.stopped) return; // the container changed meanwhile
      if (ok) {
        state.successes++;
        state.failures = 0;
      } else {
        state.failures++;
        state.successes = 0;
      }
      const failed = state.failures >= (p.failureThreshold ?? 3);
      const passed = state.successes >= (p.successThreshold ?? 1);
      if (kind === 'startup') {
        if (passed) live.startupDone = true;
        else if (failed) this.restartContainer(live, 'startup probe failed');
      } else if (kind === 'liveness') {
        if (failed) this.restartContainer(live, `liveness probe failed ${state.failures} times`);
      } else if (passed !== live.ready && (passed || failed)) {
        live.ready = passed;
        this.reprogram();
      }
    });
  }

  /** One probe from the node: HTTP GET (2xx/3xx passes) or a TCP connect. */
  private async probe(pod: Pod, p: Probe, timeoutMs: number): Promise<boolean> {
    if (p.httpGet) {
      const port = resolvePort(p.httpGet.port, pod.container);
      if (port === undefined) return false;
      const a = await this.kubelet.http('GET', pod.ip, port, p.httpGet.path ?? '/', timeoutMs);
      return a.status !== undefined && a.status >= 200 && a.status < 400;
    }
    if (p.tcpSocket) {
      const port = resolvePort(p.tcpSocket.port, pod.container);
      return port !== undefined && (await this.kubelet.tcp(pod.ip, port, timeoutMs)) === 'connected';
    }
    throw new Error(`${pod.name}: probe ${JSON.stringify(p)} is not simulated`);
  }

  /** Pods as DNS and kube-proxy see them. */
  private endpointPods(): (DnsPod & { container?: Pod['container'] })[] {
    return this.live().map((l) => ({ ...l.pod, ready: l.ready }));
  }

  /** kube-dns's own Service rules: UDP and TCP 53 to the DNS pod. */
  private dnsRules(): ServiceRule[] {
    return (['udp', 'tcp'] as const).map((protocol) => ({
      id: `kube-system/kube-dns:dns-${protocol}`,
      clusterIp: KUBE_DNS_IP,
      port: 53,
      protocol,
      endpoints: [`${this.dnsIp}:53`],
    }));
  }

  /** Loads `rules` with iptables-restore into `ns` unless that exact text is loaded already. */
  private load(ns: string, table: string, rules: string): void {
    const key = `${ns}\t${table}`;
    if (this.loaded.get(key) === rules) return;
    this.sandbox.iptables(ns, rules);
    this.loaded.set(key, rules);
  }

  /**
   * Programs the cluster for the current pods and readiness: DNS records,
   * kube-proxy rules in every pod and on the node, NetworkPolicy rules with
   * today's pod IPs, and the partitions.
   */
  public reprogram(): void {
    const pods = this.endpointPods();
    const zone = dnsZone(this.input.objects, pods, this.clusterIps, this.domain);
    if (JSON.stringify(zone) !== JSON.stringify(this.zone)) this.restartDns(zone);
    const rules = [...this.dnsRules(), ...serviceRules(this.input.objects, pods, this.clusterIps)];
    const podNat = natRules(rules, { pod: true });
    this.load(this.nodeNs, 'nat', natRules(rules, { node: this.nodeAddress }));
    const all = this.live().map((l) => l.pod);
    for (const live of this.live()) {
      this.load(live.ns, 'nat', podNat);
      // NodePort traffic arrives masqueraded from the node's address too, as on a real node; the policy admits the app ports to all anyway.
      const policy = iptablesRules(live.pod, podIngress(this.input.objects, live.pod, all), [this.nodeIp], podEgress(this.input.objects, live.pod, all));
      this.load(live.ns, 'filter', this.withPartitions(live.pod, policy ?? emptyFilter()));
    }
  }

  /** The filter rules plus a DROP of every packet to or from the pods on the other side of a partition. */
  private withPartitions(pod: Pod, filter: string): string {
    const others = this.partitions.flatMap(([a, b]) => (pod.statefulSet === a ? [b] : pod.statefulSet === b ? [a] : []));
    const ips = this.live()
      .filter((l) => l !== this.pods.get(podKey(pod)))
      .filter((l) => others.includes(l.pod.statefulSet ?? '') || this.isolated.has(l.pod.name) || this.isolated.has(pod.name))
      .map((l) => l.pod.ip);
    if (ips.length === 0) return filter;
    const drops = ips.flatMap((ip) => [
      `-I INPUT 1 -s ${ip}/32 -m comment --comment "partition" -j DROP`,
      `-I OUTPUT 1 -d ${ip}/32 -m comment --comment "partition" -j DROP`,
    ]);
    return filter.replace(/\nCOMMIT\n/, `\n${drops.join('\n')}\nCOMMIT\n`);
  }

  /** Writes the zone and (re)starts dnsmasq, which reads SRV records only at start; waits until it answers on port 53. */
  private restartDns(zone: DnsZone): void {
    const hosts = path.join(this.dir, 'dns', 'hosts');
    const conf = path.join(this.dir, 'dns', 'dnsmasq.conf');
    fs.writeFileSync(hosts, hostsLines(zone));
    fs.writeFileSync(conf, dnsmasqConfig(zone, this.domain, this.dnsIp, hosts));
    if (this.dns) this.sandbox.killAll(this.dnsNs);
    const fd = fs.openSync(path.join(this.dir, 'dns', 'dnsmasq.log'), 'a');
    this.dns = this.sandbox.track(
      spawn('ip', netnsExec(this.dnsNs, 'dnsmasq', ['--keep-in-foreground', '--user=root', '--pid-file=', `--conf-file=${conf}`, '--log-facility=-']), {
        stdio: ['ignore', fd, fd],
      }),
    );
    fs.closeSync(fd);
    const deadline = Date.now() + 3_000;
    while (!sh('ip', netnsExec(this.dnsNs, 'ss', ['-Hlun', 'sport = :53'])).trim()) {
      if (Date.now() > deadline) throw new Error('dnsmasq did not listen on port 53 within 3 s');
      sleepSync(10);
    }
    this.zone = zone;
    this.dnsReloads++;
  }

  /** What the pod's resolver answers for `name` (getent: the pod's resolv.conf, the kube-dns ClusterIP, dnsmasq). */
  public resolve(from: string, name: string): string[] {
    const r = spawnSync('ip', netnsExec(this.get(from).ns, 'getent', ['ahostsv4', name]), { encoding: 'utf8', timeout: 5_000 });
    return [
      ...new Set(
        r.stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split(/\s+/)[0]),
      ),
    ].sort();
  }

  /**
   * Runs a command inside the pod's container, as `kubectl exec` does: in its
   * mount and network namespaces (so the release's rendered files and the
   * volume are there) with the container's env.
   */
  public exec(name: string, argv: readonly string[], timeoutMs = 15_000): { status: number | null; out: string } {
    const live = this.get(name);
    if (!live.child?.pid) return { status: null, out: 'no running container' };
    const r = spawnSync('nsenter', ['-t', String(live.child.pid), '-m', '-n', ...argv], {
      encoding: 'utf8',
      timeout: timeoutMs,
      env: { PATH: process.env.PATH, HOME: '/tmp', LANG: 'C.UTF-8', ...Object.fromEntries(live.env) },
    });
    return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
  }

  /** Records a process started in a pod (e.g. by a scenario), so that teardown kills it. */
  public track(child: ChildProcess): void {
    this.sandbox.track(child);
  }

  /** The image a pod runs. */
  public imageOf(live: LivePod): Image {
    return this.image(live.pod);
  }

  /** The objects under test. */
  public get objects(): readonly KubeObject[] {
    return this.input.objects;
  }
}

/** The filter table of a pod no policy isolates. */
function emptyFilter(): string {
  return ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', 'COMMIT', ''].join('\n');
}
