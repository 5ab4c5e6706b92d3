/**
 * The pod's /etc/resolv.conf as the kubelet forms it from `dnsPolicy`,
 * `dnsConfig` and `hostNetwork`, written for the e2e check from the kubelet's
 * behaviour (pkg/kubelet/network/dns) and the API reference, not from lib/.
 * One model, two uses: the live scenarios write what it returns into every
 * pod, and the static `dns` judgment asks it whether a pod can resolve
 * cluster names at all. Pure.
 *
 * - ClusterFirst (the default), and ClusterFirstWithHostNet: the cluster DNS
 *   Service IP is the only nameserver; the search path is
 *   `<ns>.svc.<domain> svc.<domain> <domain>` followed by the node's search
 *   domains (duplicates dropped); the options are `ndots:5` alone.
 * - ClusterFirst on a hostNetwork pod, and Default: the node's resolv.conf
 *   as it is (nameservers, search, options).
 * - None: nothing but `dnsConfig`.
 *
 * Then `dnsConfig` is merged in: nameservers and searches appended with
 * duplicates dropped, options overriding by name. Last, the kubelet's limits:
 * at most 3 nameservers; at most 32 search domains, none longer than 253
 * characters, and a search line of at most 2048 characters (cut from the
 * end).
 */
import type { PodDnsConfig, PodRuntimeSpec } from './kube';

/** What the kubelet writes, as lists. */
export interface ResolverConfig {
  readonly nameservers: readonly string[];
  readonly searches: readonly string[];
  readonly options: readonly string[];
}

/** The node side: the kubelet's `--cluster-dns`, `--cluster-domain` and `--resolv-conf`. */
export interface KubeletDnsSettings {
  readonly clusterDns: readonly string[];
  readonly clusterDomain: string;
  readonly node: ResolverConfig;
}

/**
 * The node's own resolver (the kubelet's `--resolv-conf`) in every simulated
 * cluster: a resolver outside the cluster, which knows no cluster names, and
 * no search domains. Inside the sandbox nothing answers at this address, so
 * a query there fails at once.
 */
export const NODE_RESOLVER: ResolverConfig = { nameservers: ['10.0.0.2'], searches: [], options: [] };

/** The kubelet's DNS settings of a simulated node: cluster DNS at `clusterDns`, the node resolver above. */
export function kubeletDns(clusterDomain: string, clusterDns: string): KubeletDnsSettings {
  return { clusterDns: [clusterDns], clusterDomain, node: NODE_RESOLVER };
}

/** Limits the kubelet applies to the merged configuration (the glibc-derived API limits). */
export const MAX_NAMESERVERS = 3;
export const MAX_SEARCH_DOMAINS = 32;
export const MAX_SEARCH_LINE_CHARS = 2048;
/** A search domain longer than a DNS-1123 subdomain is dropped (glibc aborts on it). */
export const MAX_SEARCH_DOMAIN_CHARS = 253;

/** The DNS policies the API accepts. */
export const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] as const;

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

/** `name` or `name:value`, keyed by name; later entries win, in first-seen order of names. */
function mergeOptions(base: readonly string[], extra: PodDnsConfig['options']): string[] {
  const byName = new Map<string, string | undefined>();
  for (const o of base) {
    const i = o.indexOf(':');
    byName.set(i < 0 ? o : o.slice(0, i), i < 0 ? undefined : o.slice(i + 1));
  }
  for (const o of extra ?? []) byName.set(o.name, o.value === undefined || o.value === '' ? undefined : o.value);
  return [...byName].map(([name, value]) => (value === undefined ? name : `${name}:${value}`));
}

/** The search list cut to the kubelet's limits. */
function fitSearches(searches: readonly string[]): string[] {
  let fitted = searches.slice(0, MAX_SEARCH_DOMAINS).filter((s) => s.length <= MAX_SEARCH_DOMAIN_CHARS);
  while (fitted.join(' ').length > MAX_SEARCH_LINE_CHARS) fitted = fitted.slice(0, -1);
  return fitted;
}

/**
 * The resolver configuration of a pod in `namespace`. A dnsPolicy the API
 * would reject falls back to ClusterFirst, as the kubelet does.
 */
export function podDnsConfig(spec: PodRuntimeSpec | undefined, namespace: string, kubelet: KubeletDnsSettings): ResolverConfig {
  const policy = spec?.dnsPolicy ?? 'ClusterFirst';
  const cluster =
    policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && spec?.hostNetwork !== true) || !(DNS_POLICIES as readonly string[]).includes(policy);
  let base: ResolverConfig;
  if (policy === 'None') base = { nameservers: [], searches: [], options: [] };
  else if (cluster && kubelet.clusterDns.length > 0) {
    const d = kubelet.clusterDomain;
    base = {
      nameservers: [...kubelet.clusterDns],
      searches: unique([`${namespace}.svc.${d}`, `svc.${d}`, d, ...kubelet.node.searches]),
      options: ['ndots:5'],
    };
  } else base = kubelet.node;
  const extra = spec?.dnsConfig;
  const merged: ResolverConfig = extra
    ? {
        nameservers: unique([...base.nameservers, ...(extra.nameservers ?? [])]),
        searches: unique([...base.searches, ...(extra.searches ?? [])]),
        options: mergeOptions(base.options, extra.options),
      }
    : base;
  return { nameservers: merged.nameservers.slice(0, MAX_NAMESERVERS), searches: fitSearches(merged.searches), options: merged.options };
}

/** The file the container runtime writes from the configuration. */
export function renderResolvConf(c: ResolverConfig): string {
  return [
    ...(c.searches.length ? [`search ${c.searches.join(' ')}`] : []),
    ...c.nameservers.map((n) => `nameserver ${n}`),
    ...(c.options.length ? [`options ${c.options.join(' ')}`] : []),
    '',
  ].join('\n');
}

/**
 * Why a pod with this configuration cannot resolve cluster names (a peer's
 * `<pod>.<service>.<ns>.svc.<domain>`), or undefined when it can: only the
 * cluster DNS server holds those records.
 */
export function clusterNamesUnresolvable(c: ResolverConfig, spec: PodRuntimeSpec | undefined, kubelet: KubeletDnsSettings): string | undefined {
  if (c.nameservers.some((n) => kubelet.clusterDns.includes(n))) return undefined;
  const policy = spec?.dnsPolicy ?? 'ClusterFirst';
  const why =
    policy === 'ClusterFirst' && spec?.hostNetwork === true
      ? 'dnsPolicy ClusterFirst on a hostNetwork pod falls back to the node resolver (ClusterFirstWithHostNet would not)'
      : `dnsPolicy ${policy}${policy === 'Default' ? ' gives the pod the node resolver' : ''}`;
  return `${why}: its nameservers [${c.nameservers.join(', ')}] do not include the cluster DNS ${kubelet.clusterDns.join(', ')}, so cluster names do not resolve`;
}
