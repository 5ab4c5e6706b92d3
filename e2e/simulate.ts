/**
 * What Kubernetes would make of the manifests, as pure data: the pods of each
 * StatefulSet and their IPs, the records cluster DNS would publish for the
 * headless Services, each pod's /etc/hosts and /etc/resolv.conf, and the
 * container env as the kubelet resolves it. Nothing here touches the machine:
 * e2e/netns.ts and e2e/erlang.ts turn this into namespaces and processes.
 */
import { ENV } from '../lib/erlang/env';
import { epmdlessArgs, isEpmdless } from '../lib/erlang/flags';
import { serviceSelectorMatches } from '../lib/kubernetes/label-selector';
import { expandEnv } from './kubelet';
import { kubeletDns, podDnsConfig, renderResolvConf } from './kubelet-dns';
import type * as k8s from '../imports/k8s';
import { configMaps, Container, findService, isHeadless, KubeObject, Labels, ObjectVolumeSource, PodRuntimeSpec, statefulSets, Volume } from './kube';

/** A pod of the simulated cluster. */
export interface Pod {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  /** `spec.hostname`: the StatefulSet controller sets it to the pod name. */
  readonly hostname: string;
  /** `spec.subdomain`: the StatefulSet controller sets it to `spec.serviceName`. */
  readonly subdomain?: string;
  /** The owning StatefulSet; undefined for the extra pods a scenario adds (intruders). */
  readonly statefulSet?: string;
  /** The first container, which runs the Erlang node. */
  readonly container?: Container;
  /** The pod template's volumes. */
  readonly volumes?: readonly Volume[];
  /** The pod template's DNS and termination fields, as the kubelet reads them (e2e/kubelet-dns.ts, e2e/termination.ts). */
  readonly runtime?: PodRuntimeSpec;
  readonly ip: string;
}

/** A pod that belongs to no StatefulSet, e.g. an intruder that must not reach the nodes. */
export interface ExtraPod {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
}

/** `namespace/name`, unique in the cluster. */
export function podKey(pod: { namespace: string; name: string }): string {
  return `${pod.namespace}/${pod.name}`;
}

/** The pod network: a private /16 that exists only inside our namespaces. */
export const POD_PREFIX_LENGTH = 16;

/** IP `n` of scenario `subnet`: 10.244.<subnet>.<10+n>, like a CNI's per-node range. */
export function podIp(subnet: number, n: number): string {
  if (subnet < 0 || subnet > 255 || n < 0 || n > 240) throw new Error(`pod address out of range: subnet ${subnet}, pod ${n}`);
  return `10.244.${subnet}.${10 + n}`;
}

/**
 * The pods the StatefulSet controller would create (`<sts>-<ordinal>`), then
 * the extra pods, with IPs assigned in that order.
 */
export function createPods(objects: readonly KubeObject[], extra: readonly ExtraPod[], subnet: number): Pod[] {
  const fromSets = statefulSets(objects).flatMap((sts) =>
    Array.from({ length: sts.spec.replicas ?? 1 }, (_, i) => ({
      name: `${sts.name}-${i}`,
      namespace: sts.namespace,
      labels: sts.spec.template.metadata?.labels ?? {},
      hostname: `${sts.name}-${i}`,
      subdomain: sts.spec.serviceName,
      statefulSet: sts.name,
      container: sts.spec.template.spec.containers[0],
      volumes: sts.spec.template.spec.volumes,
      runtime: sts.spec.template.spec,
    })),
  );
  const others = extra.map((p) => ({ ...p, hostname: p.name }));
  return [...fromSets, ...others].map((p, n) => ({ ...p, ip: podIp(subnet, n) }));
}

/** The pod's FQDN `<hostname>.<subdomain>.<namespace>.svc.<domain>`, which the kubelet puts in its /etc/hosts. */
export function podFqdn(pod: Pod, clusterDomain: string): string | undefined {
  return pod.subdomain === undefined ? undefined : `${pod.hostname}.${pod.subdomain}.${pod.namespace}.svc.${clusterDomain}`;
}

/** One A record of cluster DNS. */
export interface DnsRecord {
  readonly fqdn: string;
  readonly ip: string;
}

/** The per-pod records cluster DNS publishes, and why a pod has none. */
export interface ClusterDns {
  readonly records: readonly DnsRecord[];
  /** Pod key → why cluster DNS has no record for it. */
  readonly unpublished: ReadonlyMap<string, string>;
}

/**
 * A pod is Ready only once its readiness probe passes; while booting it is
 * not. Our bare nodes serve no application port, so a pod with a readiness
 * probe stays not Ready: exactly the boot phase in which peers must already
 * find each other.
 */
export function isReady(pod: Pod): boolean {
  return pod.container?.readinessProbe === undefined;
}

/**
 * Per-pod records as CoreDNS serves them: `<hostname>.<subdomain>.<ns>.svc.<domain>`
 * exists when a headless Service named like the pod's subdomain selects the
 * pod, and the pod is Ready or the Service publishes not-ready addresses.
 */
export function clusterDns(objects: readonly KubeObject[], pods: readonly Pod[], clusterDomain: string): ClusterDns {
  const records: DnsRecord[] = [];
  const unpublished = new Map<string, string>();
  for (const pod of pods.filter((p) => p.subdomain !== undefined)) {
    const svc = findService(objects, pod.namespace, pod.subdomain!);
    const svcId = `Service ${pod.namespace}/${pod.subdomain}`;
    let why: string | undefined;
    if (!svc) why = `${svcId} (the StatefulSet's serviceName) does not exist`;
    else if (!isHeadless(svc))
      why = `${svcId} is not headless (spec.clusterIP is ${JSON.stringify(svc.spec.clusterIP ?? 'unset')}, not "None"), so cluster DNS publishes no per-pod records for it`;
    else if (!serviceSelectorMatches(svc.spec.selector, pod.labels)) why = `${svcId} does not select the pod`;
    else if (!isReady(pod) && svc.spec.publishNotReadyAddresses !== true) why = `the pod is not Ready and ${svcId} does not set publishNotReadyAddresses`;
    if (why === undefined) records.push({ fqdn: podFqdn(pod, clusterDomain)!, ip: pod.ip });
    else unpublished.set(podKey(pod), why);
  }
  return { records, unpublished };
}

/**
 * The pod's /etc/hosts: what the kubelet writes (localhost and the pod's own
 * FQDN) followed by the cluster DNS records, which stand in for CoreDNS.
 */
export function hostsFile(pod: Pod, clusterDomain: string, dns: ClusterDns): string {
  const own = podFqdn(pod, clusterDomain);
  const lines = [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    own === undefined ? `${pod.ip}\t${pod.hostname}` : `${pod.ip}\t${own}\t${pod.hostname}`,
    // Without records (the live scenarios run a DNS server), the file is the kubelet's alone.
    ...(dns.records.length === 0 ? [] : ['# Cluster DNS (simulated CoreDNS): per-pod records of headless Services.']),
    ...dns.records.filter((r) => r.fqdn !== own).map((r) => `${r.ip}\t${r.fqdn}`),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The pod's /etc/resolv.conf as the kubelet forms it (e2e/kubelet-dns.ts). A
 * real pod's nameserver is the kube-dns ClusterIP, as in the live scenarios
 * (e2e/live.ts). The static scenarios run no DNS server, so there it points
 * at the pod's own loopback where nothing listens: names missing from
 * /etc/hosts fail at once (connection refused), and no query ever leaves the
 * namespace.
 */
export function resolvConf(pod: Pod, clusterDomain: string, nameserver = '127.0.0.1'): string {
  return renderResolvConf(podDnsConfig(pod.runtime, pod.namespace, kubeletDns(clusterDomain, nameserver)));
}

/** Secret data: `namespace/secret/key` → value. */
export type SecretData = Readonly<Record<string, string>>;

/** The Secret data a pod's kubelet reads at container start; per pod, so that a rotation between rollouts can be modelled. */
export type SecretsFor = (pod: Pod) => SecretData;

/** The key of a Secret value in {@link SecretData}. */
export function secretKey(namespace: string, secret: string, key: string): string {
  return `${namespace}/${secret}/${key}`;
}

/** A downward-API `fieldRef` for env, as the kubelet resolves it. */
export function fieldValue(pod: Pod, fieldPath: string): string {
  const label = fieldPath.match(/^metadata\.labels\['(.+)'\]$/);
  if (label) return pod.labels[label[1]] ?? '';
  switch (fieldPath) {
    case 'metadata.name':
      return pod.name;
    case 'metadata.namespace':
      return pod.namespace;
    case 'status.podIP':
      return pod.ip;
    default:
      throw new Error(`fieldRef ${fieldPath} is not simulated`);
  }
}

/**
 * The container env as the process sees it: the kubelet's `$(VAR)`
 * expansion (e2e/kubelet.ts, earlier entries only) with fieldRefs and secretKeyRefs
 * resolved for this pod. A missing Secret key stops the pod, as it would.
 */
export function containerEnv(pod: Pod, secrets: SecretData): Map<string, string> {
  return expandEnv(pod.container?.env ?? [], (name: string, from: k8s.EnvVarSource) => {
    if (from.fieldRef) return fieldValue(pod, from.fieldRef.fieldPath);
    if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      const value = secrets[secretKey(pod.namespace, ref.name ?? '', ref.key)];
      if (value === undefined) {
        throw new Error(
          `${podKey(pod)}: env ${name} needs Secret ${pod.namespace}/${ref.name} key ${ref.key}, which the user did not create; the pod would stay in CreateContainerConfigError`,
        );
      }
      return value;
    }
    throw new Error(`${podKey(pod)}: env ${name} uses a valueFrom that is not simulated: ${JSON.stringify(from)}`);
  }).env;
}

/** A volume that the kubelet fills from API objects (Secret, ConfigMap, projected) and mounts into the container. */
export interface MountedVolume {
  readonly name: string;
  readonly mountPath: string;
  readonly readOnly: boolean;
  /** File name → content, as the kubelet writes them. */
  readonly files: Readonly<Record<string, string>>;
  /** File name → where it came from, e.g. `ConfigMap e2e-tls/billing-sfs-ssl-dist key ssl_dist.conf`. */
  readonly origin: Readonly<Record<string, string>>;
}

/** A Secret or ConfigMap that a volume projects. */
interface ObjectSource {
  readonly kind: 'Secret' | 'ConfigMap';
  readonly src: ObjectVolumeSource;
}

/** The files of one Secret or ConfigMap volume source, honouring `items`; throws where the kubelet would not start the pod. */
function sourceFiles(
  pod: Pod,
  volume: string,
  kind: 'Secret' | 'ConfigMap',
  src: ObjectVolumeSource,
  objects: readonly KubeObject[],
  secrets: SecretData,
): [string, string, string][] {
  const name = src.secretName ?? src.name ?? '';
  const id = `${kind} ${pod.namespace}/${name}`;
  let data: Record<string, string> | undefined;
  if (kind === 'ConfigMap') {
    const cm = configMaps(objects).find((c) => c.namespace === pod.namespace && c.name === name);
    data = cm ? { ...cm.object.data } : undefined;
  } else {
    const prefix = secretKey(pod.namespace, name, '');
    const keys = Object.keys(secrets).filter((k) => k.startsWith(prefix));
    data = keys.length > 0 ? Object.fromEntries(keys.map((k) => [k.slice(prefix.length), secrets[k]])) : undefined;
  }
  if (data === undefined) {
    if (src.optional) return [];
    throw new Error(
      `${podKey(pod)}: volume ${volume} needs ${id}, which ${kind === 'Secret' ? 'the test secrets lack' : 'the manifests do not contain'}; the pod would stay in ContainerCreating`,
    );
  }
  const items =
    src.items ??
    Object.keys(data)
      .sort()
      .map((key) => ({ key, path: key }));
  return items.map(({ key, path }) => {
    if (data![key] === undefined) throw new Error(`${podKey(pod)}: volume ${volume} needs key ${key} of ${id}, which it lacks`);
    return [path, data![key], `${id} key ${key}`];
  });
}

/**
 * The container's Secret, ConfigMap and projected volumes with the files the
 * kubelet would write into them: ConfigMap data from the manifests, Secret
 * data from the test secrets (`namespace/secret/key`). Other volume kinds
 * (claims, emptyDir) hold no API data and are not simulated.
 */
export function podVolumes(pod: Pod, objects: readonly KubeObject[], secrets: SecretData): MountedVolume[] {
  return (pod.container?.volumeMounts ?? []).flatMap((m) => {
    const v = pod.volumes?.find((x) => x.name === m.name);
    // Not a pod volume: a volumeClaimTemplate's claim, which holds no API data.
    if (!v) return [];
    const of = (s: { secret?: ObjectVolumeSource; configMap?: ObjectVolumeSource }): ObjectSource[] => [
      ...(s.secret ? [{ kind: 'Secret' as const, src: s.secret }] : []),
      ...(s.configMap ? [{ kind: 'ConfigMap' as const, src: s.configMap }] : []),
    ];
    const sources = [...of(v), ...(v.projected?.sources ?? []).flatMap(of)];
    if (sources.length === 0) return [];
    const files: Record<string, string> = {};
    const origin: Record<string, string> = {};
    for (const { kind, src } of sources) {
      for (const [file, content, from] of sourceFiles(pod, m.name, kind, src, objects, secrets)) {
        if (origin[file]) throw new Error(`${podKey(pod)}: volume ${m.name} gets ${file} from both ${origin[file]} and ${from}`);
        files[file] = content;
        origin[file] = from;
      }
    }
    return [{ name: m.name, mountPath: m.mountPath, readOnly: m.readOnly === true, files, origin }];
  });
}

/** How one pod's Erlang node is started, all taken from the manifests. */
export interface NodeLaunch {
  readonly pod: Pod;
  /** The resolved container env: the process environment of `erl`. */
  readonly env: ReadonlyMap<string, string>;
  /** `RELEASE_NODE` as resolved: the name the node runs under. */
  readonly nodeName: string;
  /**
   * The name peers dial: `<ERLANG_NODE_BASENAME>@<pod FQDN>`, as libcluster's
   * DNSSRV builds it from the discovery env and the SRV target. Not derived
   * from RELEASE_NODE: a node that runs under another name is unreachable.
   */
  readonly dnsName: string;
  readonly cookie: string;
  /** `ERL_DIST_PORT` set: no epmd; every node listens on, and dials, that port. */
  readonly epmdless: boolean;
  /** `erl` arguments as a relx start script builds them from the env. */
  readonly erlArgs: readonly string[];
  /** The Secret, ConfigMap and projected volumes mounted into the container. */
  readonly volumes: readonly MountedVolume[];
}

/**
 * The node of a pod, as the release's start script would run it: `-name
 * $RELEASE_NODE -setcookie $RELEASE_COOKIE`, plus `-start_epmd false
 * -erl_epmd_port $ERL_DIST_PORT` in epmd-less mode (what relx does for OTP 23+).
 * ERL_AFLAGS stays in the env, where `erl` itself applies it.
 */
export function nodeLaunch(pod: Pod, env: ReadonlyMap<string, string>, clusterDomain: string, volumes: readonly MountedVolume[] = []): NodeLaunch {
  const need = (name: string): string => {
    const v = env.get(name);
    if (v === undefined || v === '') throw new Error(`${podKey(pod)}: the container env has no ${name}`);
    return v;
  };
  const nodeName = need(ENV.RELEASE_NODE);
  const cookie = need(ENV.RELEASE_COOKIE);
  const distribution = env.get(ENV.RELEASE_DISTRIBUTION) ?? 'name';
  if (distribution !== 'name' && distribution !== 'sname') throw new Error(`${podKey(pod)}: RELEASE_DISTRIBUTION is ${distribution}`);
  const fqdn = podFqdn(pod, clusterDomain);
  if (fqdn === undefined) throw new Error(`${podKey(pod)} has no subdomain, so no DNS name`);
  const erlArgs = [`-${distribution}`, nodeName, '-setcookie', cookie, '-noshell', '-noinput', ...epmdlessArgs(Object.fromEntries(env))];
  return {
    pod,
    env,
    nodeName,
    cookie,
    erlArgs,
    volumes,
    dnsName: `${env.get(ENV.ERLANG_NODE_BASENAME) ?? '(no ERLANG_NODE_BASENAME)'}@${fqdn}`,
    epmdless: isEpmdless([...env.keys()]),
  };
}

/** Everything the simulation derives for one scenario. */
export interface Simulation {
  readonly clusterDomain: string;
  readonly objects: readonly KubeObject[];
  /** All pods: the StatefulSets' first, then the extra ones. */
  readonly pods: readonly Pod[];
  readonly dns: ClusterDns;
  /** The Erlang nodes, one per StatefulSet pod, in pod order. */
  readonly nodes: readonly NodeLaunch[];
}

/** Input of {@link simulate}. */
export interface ClusterInput {
  readonly objects: readonly KubeObject[];
  /** The kubelets' `--cluster-domain`. */
  readonly clusterDomain: string;
  readonly secretsFor: SecretsFor;
  readonly extraPods: readonly ExtraPod[];
}

/** Pods, DNS and node launches of a cluster. Throws when a pod could not start. */
export function simulate(input: ClusterInput, subnet: number): Simulation {
  const pods = createPods(input.objects, input.extraPods, subnet);
  const nodes = pods
    .filter((p) => p.statefulSet !== undefined)
    .map((p) => {
      const secrets = input.secretsFor(p);
      return nodeLaunch(p, containerEnv(p, secrets), input.clusterDomain, podVolumes(p, input.objects, secrets));
    });
  return { clusterDomain: input.clusterDomain, objects: input.objects, pods, dns: clusterDns(input.objects, pods, input.clusterDomain), nodes };
}
