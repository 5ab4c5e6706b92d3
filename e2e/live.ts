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
import { execInContainer, ExecOutcome } from './container-exec';
import { httpProbeSucceeds, probeRequest } from './probes';
import { terminate, TerminationReport } from './termination';
import { dnsmasqConfig, DnsPod, dnsZone, DnsZone, hostsLines } from './cluster-dns';
import { Container, KubeObject, Probe, statefulSets } from './kube';
import { makePodVolumes } from './kubelet-volumes';
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
  /** Deleted gracefully and still stopping: no probes, no restarts, and the controller waits. */
  terminating?: boolean;
  /** The kubelet is stopping the container to restart it (a failed liveness or startup probe): no probes meanwhile. */
  killing?: boolean;
  /** How the last preStop hook ended (its exit status and output). */
  preStopOutcome?: ExecOutcome;
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

/**
 * The shell command that mounts a claim's PersistentVolume directory at its
 * mountPath inside the container's mount namespace. readOnly: the bind mount
 * is remounted read-only, as the runtime mounts it, so writes fail (EROFS).
 */
export function claimMount(pv: string, mountPath: string, readOnly: boolean): string {
  return `mkdir -p ${q(mountPath)} && mount --bind ${q(pv)} ${q(mountPath)}${readOnly ? ` && mount -o remount,bind,ro ${q(mountPath)}` : ''}`;
}

/**
 * A claim mounted outside /mnt (e.g. `/var/lib/chat`) needs a mount point that
 * the host does not have. The image's filesystem is the host's here, so the
 * nearest existing directory above it gets a private copy-on-write overlay,
 * as an image layer would give it, and the mount point is made inside that:
 * nothing is created on the host.
 */
function mountPointLayer(mountPath: string, run: string, layered: Set<string>): string[] {
  let dir = path.dirname(mountPath);
  while (!fs.existsSync(dir)) dir = path.dirname(dir);
  if (dir === '/') throw new Error(`claim mount ${mountPath}: no directory below / to layer; mount claims under /mnt or an existing directory`);
  if (layered.has(dir)) return [];
  layered.add(dir);
  const layer = path.join(run, 'layers', String(layered.size));
  fs.mkdirSync(path.join(layer, 'upper'), { recursive: true });
  fs.mkdirSync(path.join(layer, 'work'), { recursive: true });
  return [`mount -t overlay overlay -o ${q(`lowerdir=${dir},upperdir=${layer}/upper,workdir=${layer}/work`)} ${q(dir)}`];
}

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

  /** The StatefulSet's pods as the controller names them, with their template, for its current `replicas` (`kubectl scale` changes it). */
  private template(set: SetState): Pod[] {
    return createPods(
      this.input.objects
        .filter((o) => o.kind === 'StatefulSet' && o.metadata?.name === set.name && (o.metadata?.namespace ?? 'default') === set.namespace)
        .map((o) => ({ ...o, spec: { ...(o.spec as object), replicas: set.replicas } })),
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
    // The pod's Secret, ConfigMap and emptyDir volumes, made once per pod (e2e/kubelet-volumes.ts).
    const inits = pod.runtime?.initContainers ?? [];
    const podVols = makePodVolumes(pod, [...inits, container], this.input.objects, this.input.secretsFor(pod), path.join(this.dir, 'volumes', live.ns));
    const mountsOf = (c: Container, dir: string): string[] => {
      const mounts: string[] = ['mount -t tmpfs -o mode=0755 tmpfs /mnt'];
      const layered = new Set<string>();
      for (const m of c.volumeMounts ?? []) {
        const own = podVols.get(m.name);
        if (!own && !claims.has(m.name)) throw new Error(`${pod.name}: volume ${m.name} is neither a claim nor a Secret, ConfigMap or emptyDir volume`);
        if (!m.mountPath.startsWith('/mnt/')) mounts.push(...mountPointLayer(m.mountPath, dir, layered));
        // The PersistentVolume: the one the claim `<claim>-<pod>` is bound to, else one per claim; the recreated pod gets the same one.
        const bound = own ? undefined : this.scheduler?.volumeOf(`${pod.namespace}/${m.name}-${pod.name}`);
        const pv = own ? own.dir : bound ? path.join(this.dir, 'pv', bound) : path.join(this.dir, 'pv', pod.namespace, `${m.name}-${pod.name}`);
        fs.mkdirSync(pv, { recursive: true });
        mounts.push(claimMount(pv, m.mountPath, m.readOnly === true));
      }
      return mounts;
    };
    // Init containers run once per pod, in order, before the node's container; one that fails keeps the pod from starting (Init:Error).
    if (live.restarts === 0) {
      for (const [i, c] of inits.entries()) {
        const dir = `${run}.init${i}`;
        fs.mkdirSync(dir, { recursive: true });
        const r = spawnSync('ip', netnsExec(live.ns, 'sh', ['-c', MOUNT_THEN_EXEC, 'sh', ...mountsOf(c, dir), '--', ...(c.command ?? [])]), {
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin:/usr/sbin:/sbin', LANG: 'C.UTF-8' },
          cwd: dir,
          encoding: 'utf8',
          timeout: 10_000,
        });
        fs.writeFileSync(path.join(dir, 'container.log'), `${r.stdout ?? ''}${r.stderr ?? ''}`);
        if (r.status !== 0) {
          live.lastRestart = `Init:Error: init container ${c.name} exited ${r.status}: ${`${r.stdout}${r.stderr}`.trim().slice(-300)}`;
          return;
        }
      }
    }
    const mounts = mountsOf(container, run);
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
      if (live.child === child && !this.stopped && !live.terminating && !live.killing && this.pods.get(podKey(pod)) === live)
        this.restartContainer(live, 'the process exited');
    });
  }

  /**
   * A failed liveness or startup probe: the kubelet stops the container as it
   * stops a deleted pod's (preStop, SIGTERM, SIGKILL after the grace period;
   * e2e/termination.ts), then starts it again in the same pod.
   */
  private killAndRestart(live: LivePod, why: string, probe: Probe): void {
    const child = live.child;
    if (!child?.pid || live.killing) return;
    live.killing = true;
    if (live.ready) {
      live.ready = false;
      this.reprogram();
    }
    void this.stopContainer(live, child, probe.terminationGracePeriodSeconds).then((r) => {
      live.killing = false;
      if (this.stopped || live.terminating || this.pods.get(podKey(live.pod)) !== live) return;
      this.restartContainer(live, `${why}; stopped ${r.killed ? `with SIGKILL after ${r.killAtMs} ms` : `by SIGTERM in ${r.exitedAtMs} ms`}`);
    });
  }

  /** preStop, SIGTERM, SIGKILL on the scaled grace timeline; `graceOverride` is a probe's own terminationGracePeriodSeconds. */
  private stopContainer(live: LivePod, child: ChildProcess, graceOverride?: number): Promise<TerminationReport> {
    const pid = child.pid!;
    const hook = live.pod.container?.lifecycle?.preStop?.exec?.command;
    return terminate(
      {
        spec: graceOverride === undefined ? live.pod.runtime : { ...live.pod.runtime, terminationGracePeriodSeconds: graceOverride },
        preStop: hook
          ? (budgetMs) =>
              this.execIn(live, hook, budgetMs).then((o) => {
                live.preStopOutcome = o;
              })
          : undefined,
        signal: (sig) => {
          if (sig === 'SIGKILL') this.sandbox.killAll(live.ns);
          else process.kill(pid, sig);
        },
        exited: new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
          else child.once('exit', (code, signal) => resolve({ code, signal }));
        }),
      },
      PROBE_SCALE,
    );
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
   * Force-deletes pods (`kubectl delete --grace-period=0 --force`), modelled
   * as the hard end a lost node or a power cut gives: every process gets
   * SIGKILL at once, and their namespaces and IPs are gone. The controller
   * recreates them unless `keepDeleted`. The graceful path is
   * {@link deletePod}.
   */
  public forceDeletePods(names: readonly string[], keepDeleted = false): void {
    const gone = names.map((n) => this.get(n));
    for (const live of gone) {
      live.child = undefined;
      this.pods.delete(podKey(live.pod));
      this.scheduler?.remove(live.pod);
      if (keepDeleted) this.sets.find((s) => s.name === live.pod.statefulSet)!.suspended.add(live.pod.name);
    }
    // All processes first, so that no survivor sees its peers die one by one.
    gone.forEach((l) => this.sandbox.killAll(l.ns));
    gone.forEach((l) => this.removePodNamespace(l));
    this.reprogram();
  }

  private removePodNamespace(live: LivePod): void {
    this.sandbox.removeNamespace(live.ns);
    [...this.loaded.keys()].filter((k) => k.startsWith(`${live.ns}\t`)).forEach((k) => this.loaded.delete(k));
  }

  /**
   * Deletes a pod as `kubectl delete pod` does: the pod turns Terminating
   * (not Ready, so out of the Service endpoints; no more probes), the kubelet
   * runs the preStop hook, sends SIGTERM, and SIGKILL if the container
   * outlives the grace period (e2e/termination.ts, scaled like the probes).
   * Then the pod is gone, and the controller creates it anew.
   */
  public async deletePod(name: string | LivePod): Promise<TerminationReport> {
    const live = typeof name === 'string' ? this.get(name) : name;
    const child = live.child;
    if (!child?.pid) throw new Error(`${live.pod.name} has no running container`);
    live.terminating = true;
    live.ready = false;
    this.reprogram();
    const report = await this.stopContainer(live, child);
    live.child = undefined;
    this.pods.delete(podKey(live.pod));
    this.scheduler?.remove(live.pod);
    this.sandbox.killAll(live.ns);
    this.removePodNamespace(live);
    this.reprogram();
    return report;
  }

  /** Runs `argv` in the pod's current container (exec probes, preStop hooks), in the image's root as working directory. */
  private execIn(live: LivePod, argv: readonly string[], timeoutMs: number): Promise<ExecOutcome> {
    const pid = live.child?.pid;
    if (pid === undefined) return Promise.resolve({ status: null, timedOut: false, out: 'no running container' });
    return execInContainer(pid, live.env, this.image(live.pod).root, argv, timeoutMs);
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
      if (!live.child || live.terminating || live.killing) continue;
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
    void this.probe(live, p, timeout).then((ok) => {
      state.inFlight = false;
      if (live.child !== child || this.stopped || live.terminating || live.killing) return; // the container changed, or is stopping
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
        else if (failed) this.killAndRestart(live, 'startup probe failed', p);
      } else if (kind === 'liveness') {
        if (failed) this.killAndRestart(live, `liveness probe failed ${state.failures} times`, p);
      } else if (passed !== live.ready && (passed || failed)) {
        live.ready = passed;
        this.reprogram();
      }
    });
  }

  /** One probe as the kubelet sends it (e2e/probes.ts): HTTP(S) GET from the node (200-399 passes), a TCP connect, or a command in the container. */
  public async probe(live: LivePod, p: Probe, timeoutMs: number): Promise<boolean> {
    const r = probeRequest(p, live.pod);
    switch (r.kind) {
      case 'http':
        return httpProbeSucceeds((await this.kubelet.get(r.scheme, r.host, r.port, r.path, r.headers, timeoutMs)).status);
      case 'tcp':
        return (await this.kubelet.tcp(r.host, r.port, timeoutMs)) === 'connected';
      case 'exec':
        return (await this.execIn(live, r.command, timeoutMs)).status === 0;
      case 'broken':
        return false;
    }
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
   * Runs a command inside the pod's container (by name, or the pod itself when
   * names repeat across namespaces), as `kubectl exec` does: in its
   * mount and network namespaces (so the release's rendered files and the
   * volume are there) with the container's env.
   */
  public exec(name: string | LivePod, argv: readonly string[], timeoutMs = 15_000): { status: number | null; out: string } {
    const live = typeof name === 'string' ? this.get(name) : name;
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

  /** The StatefulSet pod `name`'s scratch directory (for checks that need files of their own). */
  public scratch(name: string): string {
    const d = path.join(this.dir, 'scratch', name);
    fs.mkdirSync(d, { recursive: true });
    return d;
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
