/** What two clusters must agree on to mesh, and how a pod addresses a Service. */
import type * as k8s from '../../../imports/k8s';
import { checkSameCookie } from '../../erlang/cookie';
import { ENV } from '../../erlang/env';
import { serviceAddress } from '../../erlang/names';
import { ConfigError } from '../../core/errors';
import { checkDnsLabel, checkEnvName, checkServiceName } from '../../checks';
import type { ClusterSpec } from './spec';

/** Throws unless `peer` can connect to `spec`'s nodes: one cookie, one DNS domain, one distribution. */
export function checkPeer(spec: ClusterSpec, peer: ClusterSpec): void {
  checkSameCookie(spec.path, spec.cookie, peer.cookie, peer.path);
  if (peer.clusterDomain !== spec.clusterDomain) {
    // One Kubernetes cluster has one DNS domain: one side's node names would never resolve.
    throw new ConfigError(
      spec.path,
      'peer',
      peer.path,
      `uses clusterDomain '${peer.clusterDomain}' but this cluster uses '${spec.clusterDomain}'; peers in one Kubernetes cluster share its DNS domain`,
    );
  }
  const mine = distributionSummary(spec);
  const theirs = distributionSummary(peer);
  if (mine !== theirs)
    throw new ConfigError(spec.path, 'peer', peer.path, `uses ${theirs} but this cluster uses ${mine}; peers must speak the same distribution to connect`);
}

/** What two nodes must agree on to connect: TLS or TCP, and without epmd, the one port every node listens on. */
function distributionSummary(spec: ClusterSpec): string {
  const d = spec.distribution;
  return `${d.tls ? 'TLS' : 'TCP'} distribution ${d.epmdless ? `without epmd on port ${d.port}` : 'with epmd'}`;
}

/**
 * The env var that tells `spec`'s pods where the Service `serviceName` in
 * `namespace` (default: the cluster's) is: the short name within the namespace,
 * else the FQDN. `taken` are the env names the container already has.
 */
export function serviceDomainEnv(
  spec: ClusterSpec,
  envName: string,
  serviceName: string,
  namespace: string | undefined,
  taken: ReadonlySet<string>,
): k8s.EnvVar {
  checkEnvName(spec.path, 'serviceDomain envName', envName);
  if (taken.has(envName) || (Object.values(ENV) as string[]).includes(envName)) {
    throw new ConfigError(spec.path, 'serviceDomain envName', envName, 'is already defined in this container; choose another name');
  }
  if (typeof serviceName !== 'string') {
    // JavaScript callers have no type checker: the Service object itself was the old spelling.
    throw new ConfigError(
      spec.path,
      'serviceDomain serviceName',
      serviceName,
      "must be the Service's name, and its namespace the next argument, e.g. addServiceDomain('WEB_DOMAIN', web.name, web.namespace)",
    );
  }
  checkServiceName(spec.path, 'serviceDomain serviceName', serviceName);
  const ns = namespace === undefined ? spec.namespace : checkDnsLabel(spec.path, 'serviceDomain namespace', namespace);
  return { name: envName, value: serviceAddress(serviceName, ns, spec.namespace, spec.clusterDomain) };
}
