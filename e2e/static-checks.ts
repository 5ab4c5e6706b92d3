/**
 * Judgments that need no running node: what the kubelet, cluster DNS,
 * kube-proxy and the NetworkPolicy model make of the manifests, compared with
 * what the user declared. Every expected value comes from the declaration
 * (basenames, cluster domain, the dist port, the Services and ports the user
 * talks to), never from the manifests under test. The positive scenarios run
 * them before booting; the sabotage table (e2e/sabotage.ts) runs them alone,
 * which is why it is cheap. Pure.
 */
import { EPMD_PORT } from '../lib/erlang/distribution';
import { apiserverProblems } from './apiserver';
import { Check, CheckResult, Declared, expectedNodeName, literalReferenceReason, result } from './checks';
import { dnsZone } from './cluster-dns';
import { findService, Probe, resolvePort, statefulSets } from './kube';
import { assignClusterIps, KUBE_DNS_IP, serviceRules } from './kube-proxy';
import { pinnedDistPort } from './kubelet';
import { clusterNamesUnresolvable, kubeletDns, podDnsConfig } from './kubelet-dns';
import { ExecImage, HealthyPod, probeRequest, probeVerdict } from './probes';
import { graceTimeline } from './termination';
import { connectionAllowed } from './policy-model';
import { REFERENCE_TOPOLOGY, scheduleAll, Topology } from './scheduler';
import { ClusterInput, Simulation, simulate } from './simulate';

/** The user's side of the reference journey (e2e/journey.ts). */
export interface JourneyDeclaration {
  /** The StatefulSet whose pods serve the NodePort, and the one behind the ClusterIP. */
  readonly front: string;
  readonly back: string;
  /** `namespace/name` of the NodePort Service, its nodePort, and the app port behind it. */
  readonly nodePortService: string;
  readonly nodePort: number;
  /** `namespace/name` of the ClusterIP-only Service and its port. */
  readonly clusterIpService: string;
  readonly clusterIpPort: number;
  /** The app's HTTP port and the path its probes must ask (examples/erlang-docker serves GET /ping there). */
  readonly appPort: number;
  readonly probePath: string;
  /** Where the app keeps mnesia: examples/erlang-docker's sys.config.src reads /mnt/<basename>-volume. */
  readonly volumePath: (basename: string) => string;
  /** What the image offers exec probes: where the release's script is, and which of its subcommands exit 0 on a running node. */
  readonly image: ExecImage;
  /** How long the node needs, from SIGTERM, to stop cleanly (init:stop, mnesia's log dump), with headroom. */
  readonly stopSeconds: number;
}

/** Everything a scenario declares for the static judgments. */
export interface StaticDeclaration extends Declared {
  readonly distPort: number;
  readonly epmd: boolean;
  /** App ports every NetworkPolicy must leave open to all. */
  readonly openAppPorts: readonly number[];
  /** Egress is fenced: the nodes must not reach addresses outside the mesh. */
  readonly egressFenced?: boolean;
  readonly journey?: JourneyDeclaration;
  /** The nodes and default StorageClass of the cluster the user deploys to: judged by `scheduling`. */
  readonly topology?: Topology;
}

/** The seed as its user knows it (README, the reference system). */
export const SEED_DECLARATION: StaticDeclaration = {
  basenames: { 'erlang-docker-a-sfs': 'erlang-docker-a', 'erlang-docker-b-sfs': 'erlang-docker-b' },
  clusterDomain: 'cluster.local',
  distPort: 9100,
  epmd: true,
  openAppPorts: [8080, 9090],
  topology: REFERENCE_TOPOLOGY,
  journey: {
    front: 'erlang-docker-a-sfs',
    back: 'erlang-docker-b-sfs',
    nodePortService: 'default/erlang-docker-a-svc',
    nodePort: 30080,
    clusterIpService: 'default/erlang-docker-b-svc',
    clusterIpPort: 8080,
    appPort: 8080,
    probePath: '/ping',
    volumePath: (basename) => `/mnt/${basename}-volume`,
    // The reference image keeps the release in /opt/erlang_docker; relx's ping, pid and status exit 0 while the node runs (any other word prints the usage and exits 1).
    image: { workingDir: '/opt/erlang_docker', tool: '/opt/erlang_docker/bin/erlang_docker', succeeds: ['ping', 'pid', 'status'] },
    // graceful-stop measures about 1 s on a loaded 2-core machine (docs/e2e.md); the user asks for ten times that.
    stopSeconds: 10,
  },
};

/** The name each node would run under (resolved RELEASE_NODE, long names) is `<declared basename>@<pod DNS name>`. */
function identity(sim: Simulation, d: StaticDeclaration): CheckResult {
  const c = new Check('identity');
  for (const n of sim.nodes) {
    const expected = expectedNodeName(n.pod, d);
    const reason = literalReferenceReason(n);
    c.expect(n.nodeName === expected, `${n.pod.name}: would run as '${n.nodeName}', expected '${expected}'${reason ? ` (${reason})` : ''}`);
    c.expect(
      (n.env.get('RELEASE_DISTRIBUTION') ?? 'name') === 'name',
      `${n.pod.name}: RELEASE_DISTRIBUTION is ${n.env.get('RELEASE_DISTRIBUTION')}, but pod DNS names need long names`,
    );
    const relx = n.env.get('RELX_COOKIE');
    c.expect(relx === undefined || relx === n.cookie, `${n.pod.name}: RELX_COOKIE differs from RELEASE_COOKIE; relx and mix releases would disagree`);
  }
  return c.done(`every resolved RELEASE_NODE is <declared basename>@<pod DNS name>`);
}

/** The cluster DNS zone while no pod is Ready yet: what booting nodes resolve. */
function bootZone(sim: Simulation, d: StaticDeclaration) {
  return dnsZone(
    sim.objects,
    sim.pods.map((p) => ({ ...p, ready: false })),
    new Map(),
    d.clusterDomain,
  );
}

/**
 * Discovery as libcluster's DNSSRV does it, against the DNS records (booting
 * pods are not Ready): the SRV query built from the discovery env returns
 * exactly the pods of the StatefulSet, and ERLANG_NODE_BASENAME @ each target
 * is the expected node name.
 */
function discovery(sim: Simulation, d: StaticDeclaration): CheckResult {
  const c = new Check('discovery');
  const zone = bootZone(sim, d);
  for (const n of sim.nodes) {
    const name = `${n.env.get('ERLANG_CLUSTER_SERVICE')}.${n.env.get('NAMESPACE')}.svc.${n.env.get('ERLANG_CLUSTER_DOMAIN')}`;
    const found = [...new Set(zone.srv.filter((r) => r.name === name).map((r) => `${n.env.get('ERLANG_NODE_BASENAME')}@${r.target}`))].sort();
    const expected = sim.nodes
      .filter((m) => m.pod.statefulSet === n.pod.statefulSet)
      .map((m) => expectedNodeName(m.pod, d))
      .sort();
    c.expect(JSON.stringify(found) === JSON.stringify(expected), `${n.pod.name}: SRV ${name} yields [${found.join(', ')}], expected [${expected.join(', ')}]`);
  }
  return c.done(
    'the SRV query built from ERLANG_CLUSTER_SERVICE/NAMESPACE/ERLANG_CLUSTER_DOMAIN yields ERLANG_NODE_BASENAME@<pod DNS name> of every pod of the StatefulSet, before any is Ready',
  );
}

/** Every pod's DNS name has an A record with its IP while no pod is Ready (peers must resolve each other during boot). */
function dns(sim: Simulation, d: StaticDeclaration): CheckResult {
  const c = new Check('dns');
  const zone = bootZone(sim, d);
  const kubelet = kubeletDns(d.clusterDomain, KUBE_DNS_IP);
  for (const n of sim.nodes) {
    // The pod's resolv.conf, as the kubelet writes it: only the cluster DNS server knows the peers' names.
    const resolver = podDnsConfig(n.pod.runtime, n.pod.namespace, kubelet);
    const unresolvable = clusterNamesUnresolvable(resolver, n.pod.runtime, kubelet);
    c.expect(unresolvable === undefined, `${n.pod.name}: ${unresolvable}; its peers do not resolve`);
    const own = `${n.pod.namespace}.svc.${d.clusterDomain}`;
    c.expect(
      !d.journey || unresolvable !== undefined || resolver.searches.includes(own),
      `${n.pod.name}: the search path [${resolver.searches.join(' ')}] lacks ${own}, so the app's short Service names do not resolve`,
    );
    const fqdn = expectedNodeName(n.pod, d).split('@')[1];
    const ips = zone.a.filter((r) => r.name === fqdn).map((r) => r.ip);
    c.expect(
      ips.length === 1 && ips[0] === n.pod.ip,
      `${fqdn} resolves to [${ips.join(', ')}], not to the pod IP ${n.pod.ip}, while the pods are not Ready (${sim.dns.unpublished.get(`${n.pod.namespace}/${n.pod.name}`) ?? 'no record'})`,
    );
  }
  return c.done(
    `every pod's DNS name resolves to its IP before any pod is Ready (${sim.nodes.length} records), and every pod's resolv.conf asks the cluster DNS ${KUBE_DNS_IP}`,
  );
}

/** The env pins the declared dist port; the container and the governing headless Service declare it (and epmd's). */
function ports(sim: Simulation, d: StaticDeclaration): CheckResult {
  const c = new Check('ports');
  for (const n of sim.nodes) {
    const pinned = pinnedDistPort(n.env);
    c.expect(pinned === d.distPort, `${n.pod.name}: the env pins dist port ${pinned ?? 'none'}, the user declared ${d.distPort}`);
    const svc = findService(sim.objects, n.pod.namespace, n.pod.subdomain ?? '');
    for (const port of d.epmd ? [d.distPort, EPMD_PORT] : [d.distPort]) {
      c.expect(
        (n.pod.container?.ports ?? []).some((p) => p.containerPort === port),
        `${n.pod.name}: the container does not declare port ${port}`,
      );
      c.expect(
        (svc?.spec.ports ?? []).some((p) => p.port === port && resolvePort(p.targetPort ?? p.port, n.pod.container) === port),
        `${n.pod.name}: the governing Service ${n.pod.subdomain} does not expose port ${port}`,
      );
    }
  }
  return c.done(`every env pins dist port ${d.distPort}; container and headless Service declare ${d.epmd ? `it and epmd ${EPMD_PORT}` : 'it'}`);
}

/** The policy model's verdicts: peers reach epmd and dist, intruders do not, and intruders reach the open app ports. */
function networkPolicy(sim: Simulation, d: StaticDeclaration): CheckResult {
  const c = new Check('network-policy');
  const nodes = sim.nodes.map((n) => n.pod);
  const intruders = sim.pods.filter((p) => p.statefulSet === undefined);
  const erlang = d.epmd ? [EPMD_PORT, d.distPort] : [d.distPort];
  for (const to of nodes) {
    for (const port of erlang) {
      for (const from of nodes.filter((p) => p !== to)) {
        const v = connectionAllowed(sim.objects, from, to, port);
        c.expect(v.allowed, `peer ${from.name} → ${to.name}:${port} is dropped (${v.why})`);
      }
      for (const from of intruders) {
        const v = connectionAllowed(sim.objects, from, to, port);
        c.expect(!v.allowed, `intruder ${from.namespace}/${from.name} → ${to.name}:${port} is allowed (${v.why})`);
      }
    }
    for (const port of d.openAppPorts) {
      const v = connectionAllowed(sim.objects, intruders[0], to, port);
      c.expect(v.allowed, `app port ${to.name}:${port} is closed to ${intruders[0].namespace}/${intruders[0].name} (${v.why})`);
    }
  }
  return c.done(
    `the policy model fences ${erlang.join(' and ')} from ${intruders.length} intruders, admits every peer${d.openAppPorts.length ? ` and leaves app ports ${d.openAppPorts.join(', ')} open` : ''}`,
  );
}

/** kube-proxy's view: the NodePort leads to the front pods' app port, the ClusterIP Service to the back pods' and no node port. */
function services(sim: Simulation, j: JourneyDeclaration): CheckResult[] {
  const ready = sim.pods.map((p) => ({ ...p, ready: true }));
  const rules = serviceRules(sim.objects, ready, assignClusterIps(sim.objects));
  const endpointsOf = (set: string) =>
    sim.pods
      .filter((p) => p.statefulSet === set)
      .map((p) => `${p.ip}:${j.appPort}`)
      .sort()
      .join(', ');
  const np = new Check('nodeport');
  const front = rules.filter((r) => r.id.startsWith(`${j.nodePortService}:`) && r.nodePort === j.nodePort);
  np.expect(
    front.length === 1,
    `no port of ${j.nodePortService} is reachable on node port ${j.nodePort} (node ports: ${
      rules
        .filter((r) => r.nodePort !== undefined)
        .map((r) => `${r.id} ${r.nodePort}`)
        .join(', ') || 'none'
    })`,
  );
  front.forEach((r) =>
    np.expect(
      [...r.endpoints].sort().join(', ') === endpointsOf(j.front),
      `node port ${j.nodePort} leads to [${r.endpoints.join(', ')}], not to ${j.front}'s [${endpointsOf(j.front)}]`,
    ),
  );
  const ci = new Check('cluster-ip');
  const back = rules.filter((r) => r.id.startsWith(`${j.clusterIpService}:`));
  ci.expect(
    back.some((r) => r.port === j.clusterIpPort),
    `${j.clusterIpService} has no ClusterIP port ${j.clusterIpPort}`,
  );
  back.forEach((r) => ci.expect(r.nodePort === undefined, `${j.clusterIpService} is reachable from outside on node port ${r.nodePort}`));
  back
    .filter((r) => r.port === j.clusterIpPort)
    .forEach((r) =>
      ci.expect(
        [...r.endpoints].sort().join(', ') === endpointsOf(j.back),
        `${j.clusterIpService}:${j.clusterIpPort} leads to [${r.endpoints.join(', ')}], not to ${j.back}'s [${endpointsOf(j.back)}]`,
      ),
    );
  return [
    np.done(`${j.nodePortService} node port ${j.nodePort} → ${j.front} pods :${j.appPort}`),
    ci.done(`${j.clusterIpService}:${j.clusterIpPort} → ${j.back} pods :${j.appPort}, no node port`),
  ];
}

/** What answers on a healthy pod of the journey's image: GET the probe path on the app port, the app, dist and epmd ports, the image's commands. */
export function healthyPod(ip: string, d: StaticDeclaration, j: JourneyDeclaration): HealthyPod {
  return { ip, http: new Map([[j.appPort, [j.probePath]]]), tcp: [j.appPort, d.distPort, ...(d.epmd ? [EPMD_PORT] : [])], image: j.image };
}

/**
 * Every probe, as the kubelet would send it, succeeds on a healthy pod;
 * Parallel pod management; a writable claim where the app keeps mnesia; and
 * time for a clean stop between deletion and SIGKILL.
 */
function podSpec(sim: Simulation, d: StaticDeclaration, j: JourneyDeclaration): CheckResult[] {
  const probes = new Check('probes');
  const ordered = new Check('ordered');
  const mnesia = new Check('mnesia');
  const termination = new Check('termination');
  for (const sts of statefulSets(sim.objects)) {
    const container = sts.spec.template.spec.containers[0];
    const pod = sim.pods.find((p) => p.statefulSet === sts.name);
    for (const [kind, p] of [
      ['startup', container.startupProbe],
      ['readiness', container.readinessProbe],
      ['liveness', container.livenessProbe],
    ] as [string, Probe | undefined][]) {
      if (!probes.expect(p !== undefined, `${sts.name}: the ${kind} probe is missing`) || !pod) continue;
      const why = probeVerdict(probeRequest(p!, pod), healthyPod(pod.ip, d, j));
      probes.expect(why === undefined, `${sts.name}: the ${kind} probe ${JSON.stringify(p!.httpGet ?? p!.tcpSocket ?? p!.exec)} cannot succeed: ${why}`);
    }
    ordered.expect(
      sts.spec.podManagementPolicy === 'Parallel',
      `${sts.name}: podManagementPolicy ${sts.spec.podManagementPolicy ?? 'OrderedReady (the default)'}: after a full outage pod 0 waits for tables held by pods that are never started`,
    );
    const claims = new Set((sts.spec.volumeClaimTemplates ?? []).map((t) => t.metadata?.name));
    const path = j.volumePath(d.basenames[sts.name] ?? '?');
    const mount = (container.volumeMounts ?? []).find((m) => m.mountPath === path && claims.has(m.name));
    mnesia.expect(mount !== undefined, `${sts.name}: no volume claim is mounted at ${path}, where the app keeps mnesia`);
    mnesia.expect(mount?.readOnly !== true, `${sts.name}: the claim at ${path} is mounted readOnly: mnesia cannot write its tables there`);
    // From the deletion: a preStop hook (if any) and the SIGTERM window both count; the node starts stopping at once either way.
    const spec = sts.spec.template.spec;
    const t = graceTimeline(spec, container.lifecycle?.preStop ? 0 : undefined);
    termination.expect(
      t.killAtMs >= j.stopSeconds * 1000,
      `${sts.name}: terminationGracePeriodSeconds ${spec.terminationGracePeriodSeconds ?? '(default 30)'} leaves the node ${t.killAtMs / 1000} s from deletion to SIGKILL; a clean stop needs ${j.stopSeconds} s`,
    );
  }
  return [
    probes.done(
      `startup, readiness and liveness probes, as the kubelet sends them, succeed on a healthy pod (GET ${j.probePath} on port ${j.appPort}, plain HTTP)`,
    ),
    ordered.done('podManagementPolicy Parallel: after a full outage all pods start together'),
    mnesia.done('a writable volume claim per pod at the path the app keeps mnesia in'),
    termination.done(`at least ${j.stopSeconds} s from deletion to SIGKILL for a clean stop`),
  ];
}

/** The scheduler and volume binder model (e2e/scheduler.ts): every pod is placed on a declared node, every claim is bound. */
function scheduling(sim: Simulation, topology: Topology): CheckResult {
  const c = new Check('scheduling');
  const { scheduler, placements } = scheduleAll(sim.objects, topology);
  for (const [pod, p] of placements) c.expect(p.node !== undefined, `${pod}: Pending: ${p.pending}`);
  for (const claim of scheduler.claims.values()) c.expect(claim.pv !== undefined, `claim ${claim.key}: Pending: ${scheduler.claimPending(claim)}`);
  const where = topology.nodes
    .map((n) => `${n.name} [${scheduler.podsOn(n.name).join(', ')}]`)
    .filter((s) => !s.endsWith('[]'))
    .join(', ');
  return c.done(`${placements.size} pods placed on ${where}; ${scheduler.claims.size} claims bound`);
}

/**
 * All static judgments of a cluster. A pod the kubelet could not start (a
 * missing Secret, say) fails `kubelet` and leaves nothing else to judge but
 * what the apiserver would refuse before any kubelet sees the pod.
 */
export function staticChecks(input: ClusterInput, d: StaticDeclaration, subnet = 0): CheckResult[] {
  const apiserver = result(
    'apiserver',
    apiserverProblems(input.objects),
    "the apiserver's own validation: no env value beside valueFrom, valid Secret keys, whole bytes of memory and storage",
  );
  let sim: Simulation;
  try {
    sim = simulate(input, subnet);
  } catch (e) {
    return [apiserver, result('kubelet', [(e as Error).message], '')];
  }
  return [
    apiserver,
    result('kubelet', [], `all ${sim.nodes.length} pods start: every env and volume resolves from the user's Secrets`),
    identity(sim, d),
    discovery(sim, d),
    dns(sim, d),
    ports(sim, d),
    networkPolicy(sim, d),
    ...(d.journey ? [...services(sim, d.journey), ...podSpec(sim, d, d.journey)] : []),
    ...(d.topology ? [scheduling(sim, d.topology)] : []),
  ];
}
