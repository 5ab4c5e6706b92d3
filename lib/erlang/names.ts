/**
 * Pure naming and DNS helpers. Kubernetes gives StatefulSet pod `i` the name
 * `<sts>-<i>` and, through the governing headless Service, the DNS name
 * `<sts>-<i>.<headless>.<namespace>.svc.<clusterDomain>`. That name is the host
 * part of the pod's Erlang long node name, so it must be stable and predictable.
 */

/** The default cluster domain of kubelet and CoreDNS. */
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

/** Name of pod `ordinal` of StatefulSet `statefulSetName`. */
export function podName(statefulSetName: string, ordinal: number): string {
  return `${statefulSetName}-${ordinal}`;
}

/** DNS domain of a Service: `<service>.<namespace>.svc.<clusterDomain>`. */
export function serviceFqdn(serviceName: string, namespace: string, clusterDomain: string = DEFAULT_CLUSTER_DOMAIN): string {
  return `${serviceName}.${namespace}.svc.${clusterDomain}`;
}

/** Stable DNS name of pod `ordinal`, published by the governing headless Service. */
export function podFqdn(
  statefulSetName: string,
  ordinal: number,
  headlessServiceName: string,
  namespace: string,
  clusterDomain: string = DEFAULT_CLUSTER_DOMAIN,
): string {
  return `${podName(statefulSetName, ordinal)}.${serviceFqdn(headlessServiceName, namespace, clusterDomain)}`;
}

/** An Erlang long node name: `<basename>@<host>`. */
export function erlangNodeName(basename: string, host: string): string {
  return `${basename}@${host}`;
}

/** All long node names of a cluster, in ordinal order. */
export function clusterNodeNames(
  basename: string,
  statefulSetName: string,
  replicas: number,
  headlessServiceName: string,
  namespace: string,
  clusterDomain: string = DEFAULT_CLUSTER_DOMAIN,
): string[] {
  return Array.from({ length: replicas }, (_, i) => erlangNodeName(basename, podFqdn(statefulSetName, i, headlessServiceName, namespace, clusterDomain)));
}

/**
 * How a pod addresses a Service: the short name inside its own namespace (as the
 * reference system does, resolved through the pod's search domains), the FQDN across namespaces.
 */
export function serviceAddress(serviceName: string, serviceNamespace: string, fromNamespace: string, clusterDomain: string = DEFAULT_CLUSTER_DOMAIN): string {
  return serviceNamespace === fromNamespace ? serviceName : serviceFqdn(serviceName, serviceNamespace, clusterDomain);
}

/** A basename as a DNS label, the stem of the default object names: `my_App` becomes `my-app`. */
export function dnsLabelOf(basename: string): string {
  return basename.toLowerCase().replace(/_/g, '-');
}
