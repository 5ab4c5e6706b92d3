/**
 * The records CoreDNS's kubernetes plugin serves for our objects, following the
 * Kubernetes DNS specification (github.com/kubernetes/dns, schema.md), and
 * their rendering as dnsmasq configuration: the live scenarios run a real DNS
 * server in a namespace of its own, and the nodes find their peers by SRV
 * query, as libcluster's DNSSRV strategy does. Pure.
 *
 * - ClusterIP Service: `<svc>.<ns>.svc.<domain>` A → the ClusterIP;
 *   `_<port>._<proto>.<svc>…` SRV → `<svc>.<ns>.svc.<domain>` for each named port.
 * - Headless Service: `<svc>…` A → every published endpoint's pod IP;
 *   `<hostname>.<svc>…` A → that pod's IP (pods whose `subdomain` is the Service);
 *   `_<port>._<proto>.<svc>…` SRV → one record per published endpoint, whose
 *   target is the pod's name above; and, as CoreDNS answers it, an SRV query
 *   for the bare `<svc>…` name returns the records of every port.
 * - An endpoint is published when the pod is Ready, or always when the
 *   Service sets `publishNotReadyAddresses`.
 */
import { serviceSelectorMatches } from '../lib/kubernetes/label-selector';
import { isHeadless, KubeObject, Labels, services, ServiceSpec, Typed } from './kube';

/** A pod as cluster DNS sees it. */
export interface DnsPod {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly hostname: string;
  readonly subdomain?: string;
  readonly ip: string;
  readonly ready: boolean;
}

export interface ARecord {
  readonly name: string;
  readonly ip: string;
}

export interface SrvRecord {
  readonly name: string;
  readonly target: string;
  readonly port: number;
}

export interface DnsZone {
  readonly a: readonly ARecord[];
  readonly srv: readonly SrvRecord[];
}

/** Whether the Service lists `pod` among its endpoints (its selector matches), and publishes it now. */
export function publishedEndpoint(svc: Typed<ServiceSpec>, pod: { namespace: string; labels: Labels; ready: boolean }): boolean {
  return svc.namespace === pod.namespace && serviceSelectorMatches(svc.spec.selector, pod.labels) && (pod.ready || svc.spec.publishNotReadyAddresses === true);
}

/** The zone for `objects`, with the ClusterIPs that kube-proxy assigned (`namespace/name` → IP). */
export function dnsZone(objects: readonly KubeObject[], pods: readonly DnsPod[], clusterIps: ReadonlyMap<string, string>, domain: string): DnsZone {
  const a: ARecord[] = [];
  const srv: SrvRecord[] = [];
  for (const svc of services(objects)) {
    const fqdn = `${svc.name}.${svc.namespace}.svc.${domain}`;
    const named = (svc.spec.ports ?? []).filter((p) => p.name !== undefined);
    const srvName = (p: { name?: string; protocol?: string }) => `_${p.name}._${(p.protocol ?? 'TCP').toLowerCase()}.${fqdn}`;
    if (!isHeadless(svc)) {
      const ip = clusterIps.get(`${svc.namespace}/${svc.name}`);
      if (ip === undefined) continue;
      a.push({ name: fqdn, ip });
      named.forEach((p) => srv.push({ name: srvName(p), target: fqdn, port: p.port }));
      continue;
    }
    for (const pod of pods.filter((p) => publishedEndpoint(svc, p))) {
      a.push({ name: fqdn, ip: pod.ip });
      // A pod has its own name only when its subdomain is this Service.
      const target = pod.subdomain === svc.name ? `${pod.hostname}.${fqdn}` : undefined;
      if (target === undefined) continue;
      a.push({ name: target, ip: pod.ip });
      for (const p of named) {
        srv.push({ name: srvName(p), target, port: p.port });
        srv.push({ name: fqdn, target, port: p.port });
      }
    }
  }
  return { a, srv };
}

/** dnsmasq's `addn-hosts` file: one line per A record (several lines per name give several records). */
export function hostsLines(zone: DnsZone): string {
  return zone.a.map((r) => `${r.ip} ${r.name}\n`).join('');
}

/**
 * dnsmasq options (one per line, for `--conf-file`): authoritative for the
 * cluster domain only (`local=`: unknown names are NXDOMAIN, nothing is
 * forwarded), no host files but ours, and a 1 s TTL, so that a record that
 * follows a restarted pod is seen at once (CoreDNS's default is 5 s).
 */
export function dnsmasqConfig(zone: DnsZone, domain: string, listen: string, hostsFile: string): string {
  return [
    `listen-address=${listen}`,
    'bind-interfaces',
    'no-resolv',
    'no-hosts',
    `addn-hosts=${hostsFile}`,
    `local=/${domain}/`,
    'local-ttl=1',
    'neg-ttl=1',
    ...zone.srv.map((r) => `srv-host=${r.name},${r.target},${r.port},0,100`),
    '',
  ].join('\n');
}
