/**
 * The assertions, as pure functions of the simulation (what the manifests
 * say) and the observation (what the real nodes and the kernel did). Each
 * check yields a one-line summary when it holds and one line per problem when
 * it does not; negative scenarios match those lines against the reason they
 * expect.
 */
import { ENV } from '../lib/erlang/env';
import { EPMD_PORT } from '../lib/erlang/distribution';
import { flagArgument } from '../lib/erlang/flags';
import { expandEnv, pinnedDistPort } from './kubelet';
import * as path from 'path';
import { Listener, NodeReport, portsOf } from './erlang';
import { findService, resolvePort } from './kube';
import { connectionAllowed } from './policy-model';
import { NodeLaunch, Pod, podKey, Simulation } from './simulate';
import { TcpOutcome } from './tcp-probe';

export type CheckName =
  | 'identity'
  | 'dns'
  | 'ping'
  | 'full-mesh'
  | 'ports'
  | 'network-policy'
  | 'tls'
  // The live scenarios (e2e/journey.ts).
  | 'ready'
  | 'discovery'
  | 'nodeport'
  | 'rpc'
  | 'cluster-ip'
  | 'release-tools'
  | 'restart'
  | 'liveness'
  | 'graceful-stop'
  | 'mnesia'
  | 'partition'
  | 'long-partition'
  | 'drain'
  | 'canary'
  | 'rolling-upgrade'
  | 'scale'
  | 'ordered'
  | 'mix'
  | 'broadcast'
  | 'vm-cookie'
  | 'graceful-leave'
  | 'no-cookie-env'
  // Static judgments (e2e/static-checks.ts).
  | 'apiserver'
  | 'kubelet'
  | 'probes'
  | 'termination'
  | 'scheduling';

export interface CheckResult {
  readonly name: CheckName;
  readonly ok: boolean;
  /** What was shown, when it holds. */
  readonly summary: string;
  readonly problems: readonly string[];
}

/** What one node did. */
export interface NodeObservation {
  readonly launch: NodeLaunch;
  readonly report?: NodeReport;
  /** The node's stdout/stderr (logger output). */
  readonly log: string;
  readonly listeners: readonly Listener[];
}

/** One TCP connection attempt between pods. */
export interface ReachProbe {
  readonly from: Pod;
  readonly to: Pod;
  readonly port: number;
  readonly outcome: TcpOutcome;
}

/**
 * A node with the right cookie, in a peer's pod, that pinged a TLS node but
 * must be refused: `plain` runs without the TLS flags, `nocert` speaks TLS
 * and trusts the CA but has no certificate of its own.
 */
export interface RefusedClient {
  readonly kind: 'plain' | 'nocert';
  /** The pod it ran in. */
  readonly from: NodeLaunch;
  readonly target: NodeLaunch;
  readonly report?: NodeReport;
  /** What the target logged while the plain-TCP node tried. */
  readonly targetLog: string;
  readonly log: string;
}

/** Everything observed in one scenario. */
export interface Observation {
  /** When the first `erl` was started (ms since the epoch). */
  readonly startedAt: number;
  readonly nodes: readonly NodeObservation[];
  /** TCP probes between pods; absent when no policy check was run. */
  readonly reach?: readonly ReachProbe[];
  /** Empty unless the scenario uses TLS distribution and expects a mesh. */
  readonly refused?: readonly RefusedClient[];
}

const BEAM = 'beam.smp';
const EPMD = 'epmd';

export function result(name: CheckName, problems: string[], summary: string): CheckResult {
  return { name, ok: problems.length === 0, summary, problems };
}

/** Builds one check: each failed expectation adds a problem; `done` gives the result. */
export class Check {
  public readonly problems: string[] = [];
  constructor(public readonly name: CheckName) {}
  /** Records `problem` unless `ok`; returns `ok`. */
  public expect(ok: boolean, problem: string): boolean {
    if (!ok) this.problems.push(problem);
    return ok;
  }
  public done(summary: string): CheckResult {
    return result(this.name, this.problems, summary);
  }
}

/** The last lines of a log, for "the node did not start" messages. */
function tail(log: string, lines = 3): string {
  const text = log
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-lines)
    .join(' | ');
  return text === '' ? '(no output)' : text;
}

/** Why a name carries `$(VAR)` literally: the kubelet's rule, applied to this container's env list. */
export function literalReferenceReason(launch: NodeLaunch): string | undefined {
  const literals = launch.nodeName.match(/\$\([A-Za-z_][A-Za-z0-9_]*\)/g);
  if (!literals) return undefined;
  const why = expandEnv(launch.pod.container?.env ?? [], () => '').literals.map(
    (r) => `${r.variable} refers to $(${r.reference}), which is ${r.reason === 'defined later' ? 'defined later in the env list' : 'not defined'}`,
  );
  return `literal ${[...new Set(literals)].join(', ')}: ${why.join('; ')}, so the kubelet left it unexpanded`;
}

/** What the user declared, independently of the manifests under test. */
export interface Declared {
  /** StatefulSet name → the node basename the user chose. */
  readonly basenames: Readonly<Record<string, string>>;
  /** The kubelets' `--cluster-domain`. */
  readonly clusterDomain: string;
}

/** The node name a pod must run under: the declared basename @ the pod's DNS name (hostname.subdomain.namespace.svc.domain). */
export function expectedNodeName(pod: Pod, declared: Declared): string {
  const basename = declared.basenames[pod.statefulSet ?? ''] ?? `(no basename declared for ${pod.statefulSet})`;
  return `${basename}@${pod.hostname}.${pod.subdomain}.${pod.namespace}.svc.${declared.clusterDomain}`;
}

/**
 * Each node runs under `<declared basename>@<pod DNS name>`, and discovery
 * (ERLANG_NODE_BASENAME and the pod's DNS name) yields that same name.
 */
export function checkIdentity(obs: Observation, declared: Declared): CheckResult {
  const problems = obs.nodes.flatMap(({ launch, report, log }) => {
    const pod = podKey(launch.pod);
    const expected = expectedNodeName(launch.pod, declared);
    if (!report || report.error) return [`${pod}: the node did not start: ${report?.error ?? tail(log)}`];
    const out: string[] = [];
    if (report.node !== expected) {
      const reason = literalReferenceReason(launch);
      out.push(`${pod}: runs as '${report.node}', expected '${expected}'${reason ? ` (${reason})` : ''}`);
    }
    if (launch.dnsName !== expected)
      out.push(`${pod}: discovery would dial '${launch.dnsName}' (ERLANG_NODE_BASENAME @ the SRV target), expected '${expected}'`);
    const relx = launch.env.get(ENV.RELX_COOKIE);
    if (relx !== undefined && relx !== launch.cookie) out.push(`${pod}: RELX_COOKIE differs from RELEASE_COOKIE; relx and mix releases would disagree`);
    return out;
  });
  const example = obs.nodes[0] ? expectedNodeName(obs.nodes[0].launch.pod, declared) : '';
  return result('identity', problems, `${obs.nodes.length} nodes run as <declared basename>@<pod DNS name>, e.g. ${example}`);
}

/** The launch whose DNS name is `name`. */
function byDnsName(obs: Observation): Map<string, NodeObservation> {
  return new Map(obs.nodes.map((n) => [n.launch.dnsName, n]));
}

/** Every node resolves every peer's pod FQDN to that pod's IP, through its own /etc/hosts and resolv.conf. */
export function checkDns(sim: Simulation, obs: Observation): CheckResult {
  const peers = byDnsName(obs);
  const problems = obs.nodes.flatMap(({ launch, report }) =>
    (report?.peers ?? []).flatMap((p) => {
      const target = peers.get(p.name)!.launch.pod;
      if (p.address === target.ip) return [];
      const host = p.name.split('@')[1];
      const why = sim.dns.unpublished.get(podKey(target));
      return [
        p.address === null
          ? `${launch.pod.name} cannot resolve ${host} (${p.resolve_error})${why ? `: ${why}` : ''}`
          : `${launch.pod.name} resolves ${host} to ${p.address}, not to the pod IP ${target.ip}`,
      ];
    }),
  );
  const n = obs.nodes.length;
  return result('dns', problems, `every node resolves its ${n - 1} peers' pod FQDNs to their pod IPs (${sim.dns.records.length} records)`);
}

/** Whether `log` shows that the node rejected a handshake from `from`. */
function rejected(log: string, from: string): string | undefined {
  const line = log.split('\n').find((l) => l.includes(`'${from}'`) && /rejected|disallowed/.test(l));
  return line?.replace(/\*\*/g, '').trim();
}

/**
 * The first TLS alert that the ssl application logged in `role` (OTP logs
 * them without the peer's name), e.g. `TLS client: In state certify at
 * ssl_handshake.erl:2111 generated CLIENT ALERT: Fatal - Unknown CA`.
 */
export function tlsAlert(log: string, role: 'client' | 'server'): string | undefined {
  const lines = log.split('\n');
  const i = lines.findIndex((l) => l.startsWith(`TLS ${role}:`) && /ALERT/.test(l));
  if (i < 0) return undefined;
  const detail = lines[i + 1]?.startsWith(' - ') ? ` ${lines[i + 1].trim()}` : '';
  return `${lines[i].trim()}${detail}`;
}

/** The `-proto_dist` and `-ssl_dist_optfile` that the container's flag env sets, if any. */
export function tlsFlags(launch: NodeLaunch): { protoDist?: string; optfile?: string } {
  const env = Object.fromEntries(launch.env);
  return { protoDist: flagArgument(env, '-proto_dist'), optfile: flagArgument(env, '-ssl_dist_optfile') };
}

/** The file at absolute `file` in the container, from one of its mounted volumes, and where it came from. */
export function mountedFile(launch: NodeLaunch, file: string): { content: string; origin: string } | undefined {
  for (const v of launch.volumes) {
    const rel = path.relative(v.mountPath, file);
    if (v.files[rel] !== undefined) return { content: v.files[rel], origin: `${v.origin[rel]}, volume ${v.name}` };
  }
  return undefined;
}

/** The files an ssl_dist optfile names (`{certfile, "…"}` and the like, server and client), by option, each once. */
export function optfileFiles(optfile: string): { option: string; file: string }[] {
  const pairs = [...optfile.matchAll(/\{(certfile|keyfile|cacertfile),\s*"([^"]+)"\}/g)].map((m) => `${m[1]}\t${m[2]}`);
  return [...new Set(pairs)].map((p) => ({ option: p.split('\t')[0], file: p.split('\t')[1] }));
}

/** An ssl_dist optfile for a client that trusts `caFile` and checks the server, but presents no certificate. */
export function noCertOptfile(caFile: string): string {
  return `[{server, []}, {client, [{cacertfile, "${caFile}"}, {verify, verify_peer}, {customize_hostname_check, [{match_fun, public_key:pkix_verify_hostname_match_fun(https)}]}]}].\n`;
}

/** The mounted CA bundle (`cacertfile` of the optfile) that the node trusts, if any. */
export function trustedCa(launch: NodeLaunch): string | undefined {
  const optfile = tlsFlags(launch).optfile;
  const conf = optfile === undefined ? undefined : mountedFile(launch, optfile);
  const ca = conf && optfileFiles(conf.content).find((f) => f.option === 'cacertfile');
  return ca && mountedFile(launch, ca.file)?.content;
}

/** Why a ping from `from` to `to` answered pang, from the evidence the nodes left. */
export function pangReason(from: NodeObservation, to: NodeObservation | undefined, address: string | null): string {
  if (address === null) return 'its host does not resolve';
  if (!to?.report) return 'the peer is not running';
  if (to.report.node !== to.launch.dnsName) return `the peer runs as '${to.report.node}', not under the name its DNS record gives`;
  const evidence = rejected(to.log, from.report?.node ?? '') ?? rejected(from.log, to.report.node);
  if (evidence) {
    const differ = from.launch.cookie !== to.launch.cookie ? '; their RELEASE_COOKIE values differ' : '';
    return `cookie mismatch: the handshake was refused ("${evidence}")${differ}`;
  }
  // `from` dialled, so it was the TLS client and `to` the server.
  const alert = tlsAlert(from.log, 'client') ?? tlsAlert(to.log, 'server');
  if (alert) {
    const [mine, theirs] = [trustedCa(from.launch), trustedCa(to.launch)];
    const differ = mine !== undefined && theirs !== undefined && mine !== theirs ? '; the two pods mount different ca.crt' : '';
    return `TLS handshake failed: "${alert}"${differ}`;
  }
  return 'no answer';
}

/** Pings that answered pang with nodes() already full and pong on a retry, over all nodes: the flake the settled judgement absorbs. */
export function transientPangs(obs: Observation): number {
  return obs.nodes.reduce((n, o) => n + (o.report?.transient_pangs ?? 0), 0);
}

/** Every node pings every other node and gets pong (judged on a settled round, see e2e_mesh.erl). */
export function checkPing(obs: Observation): CheckResult {
  const peers = byDnsName(obs);
  let total = 0;
  const problems = obs.nodes.flatMap((from) =>
    (from.report?.peers ?? []).flatMap((p) => {
      total++;
      if (p.ping === 'pong') return [];
      const to = peers.get(p.name);
      return [`${from.launch.pod.name} → ${to?.launch.pod.name ?? p.name}: ${p.ping}, ${pangReason(from, to, p.address)}`];
    }),
  );
  const missing = obs.nodes.filter((n) => !n.report?.peers).map((n) => `${podKey(n.launch.pod)}: no ping results (the node did not run its probe)`);
  const transient = transientPangs(obs);
  return result(
    'ping',
    [...missing, ...problems],
    `${total} of ${total} pings answered pong (every ordered pair, across StatefulSets)${transient > 0 ? `; ${transient} transient pang(s) while nodes() was full, pong on retry` : ''}`,
  );
}

/** Milliseconds from the first node's start until the last node saw all its peers, if they all did. */
export function timeToMesh(obs: Observation): number | undefined {
  const at = obs.nodes.map((n) => n.report?.mesh_at ?? undefined);
  return at.every((t): t is number => typeof t === 'number') && at.length > 0 ? Math.max(...at) - obs.startedAt : undefined;
}

/** Milliseconds from the first node's start until the last node's distribution was up. */
export function timeToBoot(obs: Observation): number | undefined {
  const at = obs.nodes.map((n) => n.report?.started_at);
  return at.every((t): t is number => typeof t === 'number') && at.length > 0 ? Math.max(...at) - obs.startedAt : undefined;
}

/** Every node's `nodes()` lists exactly all its peers: a full mesh. */
export function checkFullMesh(obs: Observation): CheckResult {
  const all = obs.nodes.map((n) => n.launch.dnsName);
  const problems = obs.nodes.flatMap(({ launch, report }) => {
    const seen = new Set(report?.nodes ?? []);
    const expected = all.filter((n) => n !== launch.dnsName);
    const missing = expected.filter((n) => !seen.has(n));
    const extra = [...seen].filter((n) => !expected.includes(n));
    if (missing.length === 0 && extra.length === 0) return [];
    return [
      `${launch.pod.name}: nodes() has ${seen.size} of ${expected.length} peers${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; unexpected ${extra.join(', ')}` : ''}`,
    ];
  });
  return result(
    'full-mesh',
    problems,
    `every node's nodes() lists all ${obs.nodes.length - 1} peers; full mesh ${timeToMesh(obs)} ms after the first node started (all nodes up after ${timeToBoot(obs)} ms)`,
  );
}

/** Service ports of `pod`'s governing Service (`spec.serviceName`), with targetPorts resolved on the pod's container. */
function governingPorts(sim: Simulation, pod: Pod): { name?: string; port: number; target?: number }[] | undefined {
  const svc = findService(sim.objects, pod.namespace, pod.subdomain ?? '');
  return svc?.spec.ports?.map((p) => ({ name: p.name, port: p.port, target: resolvePort(p.targetPort ?? p.port, pod.container) }));
}

/**
 * The node listens on exactly the dist port its env declares, that port is
 * exposed (port and targetPort) on the governing headless Service, and epmd
 * listens on 4369 and is exposed too, or is absent in epmd-less mode.
 */
export function checkPorts(sim: Simulation, obs: Observation): CheckResult {
  const summaries = new Set<string>();
  const problems = obs.nodes.flatMap(({ launch, listeners }) => {
    const pod = launch.pod.name;
    const declared = pinnedDistPort(launch.env);
    const svcPorts = governingPorts(sim, launch.pod);
    const out: string[] = [];
    if (declared === undefined) return [`${pod}: the env pins no dist port`];
    if (!svcPorts) return [`${pod}: governing Service ${launch.pod.subdomain} not found`];
    const exposes = (port: number) => svcPorts.some((p) => p.port === port && p.target === port);
    const beam = portsOf(listeners, BEAM);
    const epmd = portsOf(listeners, EPMD);
    if (beam.join() !== String(declared)) out.push(`${pod}: the node listens on [${beam.join(', ')}], the env declares dist port ${declared}`);
    if (!exposes(declared))
      out.push(`${pod}: governing Service ${launch.pod.subdomain} does not expose dist port ${declared} (ports: ${JSON.stringify(svcPorts)})`);
    if (launch.epmdless) {
      if (epmd.length > 0) out.push(`${pod}: epmd-less, yet epmd listens on ${epmd.join(', ')}`);
      if (svcPorts.some((p) => p.port === EPMD_PORT)) out.push(`${pod}: epmd-less, yet the Service exposes ${EPMD_PORT}`);
      summaries.add(`dist ${declared}, no epmd`);
    } else {
      if (epmd.join() !== String(EPMD_PORT)) out.push(`${pod}: epmd listens on [${epmd.join(', ')}], not ${EPMD_PORT}`);
      if (!exposes(EPMD_PORT)) out.push(`${pod}: governing Service ${launch.pod.subdomain} does not expose epmd ${EPMD_PORT}`);
      summaries.add(`dist ${declared}, epmd ${EPMD_PORT}`);
    }
    return out;
  });
  return result(
    'ports',
    problems,
    `every node listens on exactly its declared ports (${[...summaries].join('; ')}), all exposed by its governing headless Service`,
  );
}

/** Ports the node's processes (beam and epmd) listen on: the Erlang ports. */
function erlangPorts(node: NodeObservation | undefined): number[] {
  return node ? [...portsOf(node.listeners, BEAM), ...portsOf(node.listeners, EPMD)] : [];
}

/**
 * Observed reachability equals the verdicts of the policy model
 * (e2e/policy-model.ts, not the rules we loaded): the intruders reach neither
 * epmd nor the dist port of any node, peers do, intruders do reach the app
 * ports the scenario declares open (a control: the drops are the policy, not
 * routing), and nodes reach no address their egress does not declare. A
 * scenario without any isolating policy fails here: our manifests always
 * fence epmd and dist.
 */
export function checkNetworkPolicy(sim: Simulation, obs: Observation, openAppPorts: readonly number[] = [], egressFenced = false): CheckResult | undefined {
  if (!obs.reach) return undefined;
  const nodesByPod = new Map(obs.nodes.map((n) => [podKey(n.launch.pod), n]));
  const problems: string[] = [];
  let blocked = 0;
  let accepted = 0;
  let egressDropped = 0;
  const controls = new Set<number>();
  for (const r of obs.reach) {
    const reached = r.outcome === 'connected' || r.outcome === 'refused';
    const verdict = connectionAllowed(sim.objects, r.from, { ...r.to, container: r.to.container }, r.port);
    const what = `${podKey(r.from)} → ${r.to.name}:${r.port}`;
    if (r.outcome !== 'timeout' && !reached) problems.push(`${what}: ${r.outcome}`);
    else if (reached !== verdict.allowed)
      problems.push(`${what}: ${r.outcome}, but the policy model says ${verdict.allowed ? 'allowed' : 'dropped'} (${verdict.why})`);
    const erlang = erlangPorts(nodesByPod.get(podKey(r.to))).includes(r.port);
    const intruder = r.from.statefulSet === undefined;
    if (r.to.statefulSet === undefined) {
      if (!reached) egressDropped++;
      continue;
    }
    if (erlang && intruder) {
      if (reached) problems.push(`${what}: an intruder reached an Erlang port`);
      else blocked++;
    }
    if (erlang && !intruder) {
      if (r.outcome !== 'connected') problems.push(`${what}: a peer could not connect to an Erlang port (${r.outcome})`);
      else accepted++;
    }
    if (!erlang && intruder && reached) controls.add(r.port);
  }
  if (blocked === 0) problems.push('no intruder probe was dropped at an Erlang port: no NetworkPolicy fences epmd and dist');
  if (egressFenced && egressDropped === 0) problems.push('egress is declared fenced, yet no connection from a node to an address outside the mesh was dropped');
  const missingControls = openAppPorts.filter((p) => !controls.has(p));
  if (missingControls.length > 0)
    problems.push(`intruders did not reach app port(s) ${missingControls.join(', ')}, which the scenario declares open: the drops may be routing, not policy`);
  const control =
    controls.size > 0 ? `; intruders still reach app port(s) ${[...controls].sort().join(', ')} (control: the drops are the policy, not routing)` : '';
  const egress = egressDropped > 0 ? `; ${egressDropped} connections from nodes to undeclared addresses dropped by egress` : '';
  return result(
    'network-policy',
    problems,
    `${blocked} intruder connections to epmd/dist dropped, ${accepted} peer connections accepted${control}${egress}, each as the policy model says`,
  );
}

/** What a scenario expects beyond the mesh. */
export interface TlsExpectation {
  /** App ports that every NetworkPolicy leaves open to all: intruders must reach them. */
  readonly openAppPorts?: readonly number[];
  /** Egress is fenced: nodes must not reach the intruders' addresses. */
  readonly egressFenced?: boolean;
  /** The scenario is about TLS: the tls check runs even if the env lost its TLS flags. */
  readonly tls?: boolean;
  /** A plain-TCP and a certificate-less node must have been tried and refused (positive TLS scenarios). */
  readonly refusedClients?: boolean;
}

/**
 * TLS distribution, where the scenario expects it or the env asks for it
 * (`-proto_dist` in ERL_AFLAGS): every node runs inet_tls with the optfile
 * that ERL_AFLAGS names, that optfile and the files it names come from the
 * pod's volumes (the ConfigMap and the Secret), every connection is TLS, and
 * a plain-TCP node with the right cookie is refused by the TLS listener.
 */
export function checkTls(obs: Observation, expect: TlsExpectation = {}): CheckResult | undefined {
  const expectTls = expect.tls === true;
  if (!expectTls && !obs.nodes.some((n) => tlsFlags(n.launch).protoDist !== undefined)) return undefined;
  const problems: string[] = [];
  /** File name → the API objects it came from, over all pods. */
  const origins = new Map<string, Set<string>>();
  const addOrigin = (file: string, origin: string) => {
    const set = origins.get(path.basename(file)) ?? new Set<string>();
    set.add(origin.replace(/ key .*/, ''));
    origins.set(path.basename(file), set);
  };
  let connections = 0;
  for (const { launch, report } of obs.nodes) {
    const pod = launch.pod.name;
    const { protoDist, optfile } = tlsFlags(launch);
    if (protoDist !== 'inet_tls') problems.push(`${pod}: ERL_AFLAGS sets -proto_dist ${protoDist ?? '(none)'}, not inet_tls`);
    if (!report || report.error) continue; // identity reports it
    if (protoDist !== undefined && report.proto_dist !== protoDist)
      problems.push(`${pod}: the node runs proto_dist ${report.proto_dist ?? 'inet_tcp'}, ERL_AFLAGS says ${protoDist}`);
    if (optfile === undefined) {
      problems.push(`${pod}: ERL_AFLAGS sets no -ssl_dist_optfile`);
    } else {
      if (report.ssl_dist_optfile !== optfile)
        problems.push(`${pod}: the node runs with ssl_dist_optfile ${report.ssl_dist_optfile}, ERL_AFLAGS says ${optfile}`);
      const conf = mountedFile(launch, optfile);
      if (!conf) {
        problems.push(`${pod}: no volume of the pod provides ${optfile}, which ERL_AFLAGS names`);
      } else {
        addOrigin(optfile, conf.origin);
        const named = optfileFiles(conf.content);
        const [server, client] = conf.content.split(/\{client,/);
        if (client === undefined || !/\{verify,\s*verify_peer\}/.test(client))
          problems.push(`${pod}: ${optfile}: the client side does not verify the peer ({verify, verify_peer})`);
        if (!/\{verify,\s*verify_peer\}/.test(server)) problems.push(`${pod}: ${optfile}: the server side does not verify the peer ({verify, verify_peer})`);
        if (!/\{fail_if_no_peer_cert,\s*true\}/.test(server))
          problems.push(`${pod}: ${optfile}: the server side accepts peers without a certificate (no {fail_if_no_peer_cert, true})`);
        if (!['certfile', 'keyfile', 'cacertfile'].every((o) => named.some((f) => f.option === o)))
          problems.push(`${pod}: ${optfile} lacks certfile, keyfile or cacertfile`);
        for (const f of named) {
          const m = mountedFile(launch, f.file);
          if (!m) problems.push(`${pod}: ${optfile} names ${f.option} ${f.file}, which no volume of the pod provides`);
          else addOrigin(f.file, m.origin);
        }
      }
    }
    for (const c of report.connections ?? []) {
      connections++;
      if (c.protocol !== 'tls') problems.push(`${pod}: the connection to ${c.node} runs over ${c.protocol ?? 'an unknown carrier'}, not tls`);
    }
  }
  if (connections === 0) problems.push('no node had a connection: nothing shows that TLS carries the mesh');
  const refusedLines: string[] = [];
  if (expect.refusedClients) {
    for (const kind of ['plain', 'nocert'] as const) {
      if (!(obs.refused ?? []).some((r) => r.kind === kind))
        problems.push(`no ${kind === 'plain' ? 'plain-TCP' : 'certificate-less TLS'} node was tried: nothing shows that it is refused`);
    }
  }
  for (const p of obs.refused ?? []) {
    const ping = p.report?.peers?.[0]?.ping;
    const refused = tlsAlert(p.targetLog, 'server');
    const what = `a ${p.kind === 'plain' ? 'plain-TCP node' : 'TLS node without a certificate'} with the right cookie in ${p.from.pod.name} → ${p.target.pod.name}`;
    if (ping === undefined) problems.push(`${what}: did not report (${p.report?.error ?? p.log.trim().split('\n').slice(-1)[0] ?? 'no output'})`);
    else if (ping === 'pong') problems.push(`${what}: pong; the TLS node accepted it`);
    else if (!refused) problems.push(`${what}: ${ping}, but ${p.target.pod.name} logged no TLS alert, so this proves nothing about TLS`);
    else if (p.kind === 'nocert' && !/no_client_certificate|certificate required/i.test(refused))
      problems.push(`${what}: refused, but not for lack of a certificate: "${refused}"`);
    else refusedLines.push(`${what}: ${ping} ("${refused}")`);
  }
  const plain = refusedLines.map((l) => `; ${l}`).join('');
  // Files from the same objects together: `tls.crt, tls.key, ca.crt from Secret a/b`.
  const grouped = new Map<string, string[]>();
  origins.forEach((objs, file) => {
    const key = [...objs].join(' and ');
    grouped.set(key, [...(grouped.get(key) ?? []), file]);
  });
  const provenance = [...grouped].map(([objs, files]) => `${files.join(', ')} from ${objs}`).join('; ');
  return result(
    'tls',
    problems,
    `every node runs -proto_dist inet_tls with the mounted ${provenance} (verify_peer both sides, fail_if_no_peer_cert); all ${connections} connections in nodes() are tls (net_kernel:node_info)${plain}`,
  );
}

/** All checks of a scenario, in reporting order. */
export function evaluate(sim: Simulation, obs: Observation, declared: Declared, expect: TlsExpectation = {}): CheckResult[] {
  const policy = checkNetworkPolicy(sim, obs, expect.openAppPorts, expect.egressFenced);
  const tls = checkTls(obs, expect);
  return [
    checkIdentity(obs, declared),
    checkDns(sim, obs),
    checkPing(obs),
    checkFullMesh(obs),
    checkPorts(sim, obs),
    ...(policy ? [policy] : []),
    ...(tls ? [tls] : []),
  ];
}

/** A check a negative scenario must fail, and the reason every one of its problems must give. */
export interface ExpectedFailure {
  readonly check: CheckName;
  readonly because: RegExp;
}

/** Whether `checks` fail exactly as expected; one line per expectation, for the report. */
export function judgeExpectedFailures(checks: readonly CheckResult[], expected: readonly ExpectedFailure[]): { ok: boolean; lines: string[] } {
  const lines = expected.map((e) => {
    const c = checks.find((x) => x.name === e.check);
    if (!c) return { ok: false, line: `${e.check} was not run` };
    if (c.ok) return { ok: false, line: `${e.check} unexpectedly held: ${c.summary}` };
    const wrong = c.problems.filter((p) => !e.because.test(p));
    if (wrong.length > 0) return { ok: false, line: `${e.check} failed, but not (only) because ${e.because}: ${wrong[0]}` };
    return { ok: true, line: `${e.check} failed as expected (${c.problems.length} problem${c.problems.length === 1 ? '' : 's'}), e.g. ${c.problems[0]}` };
  });
  return { ok: lines.every((l) => l.ok), lines: lines.map((l) => `${l.ok ? '✓' : '✗'} ${l.line}`) };
}
