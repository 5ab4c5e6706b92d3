/**
 * Rules on the cert-manager Certificates of TLS distribution and on the
 * Prometheus PodMonitors: each must fit the pods it is for, or TLS peers fail
 * the host name check and nothing is scraped.
 */
import { dnsNameMatches } from '../../erlang/distribution';
import { ENV } from '../../erlang/env';
import { flagArgument } from '../../erlang/flags';
import { resolveEnv } from '../../kubernetes/kubelet-env';
import {
  Any,
  containerPortNames,
  Finding,
  list,
  literalEnv,
  ManifestContext,
  ManifestRule,
  matchesSelector,
  namespaceOf,
  nodeContainers,
  objectId,
  Workload,
} from './context';

/** The Secrets a pod spec mounts, directly or through a projected volume. */
function mountedSecrets(podSpec: Any): Set<string> {
  const names = new Set<string>();
  const add = (name: unknown) => {
    if (typeof name === 'string') names.add(name);
  };
  for (const v of list(podSpec.volumes)) {
    add(v.secret?.secretName);
    for (const s of list(v.projected?.sources)) add(s.secret?.name);
  }
  return names;
}

/** Each pod's host name, from the container's ERLANG_HOST_NAME as the kubelet expands it. Only for TLS containers: env and spec are set. */
function podHostNames(sts: Any, container: Any): string[] {
  const replicas = sts.spec.replicas ?? 1;
  return Array.from({ length: replicas }, (_, i) =>
    resolveEnv(container.env, (_name, from) => {
      if (from.fieldRef?.fieldPath === 'metadata.name') return `${sts.metadata?.name}-${i}`;
      if (from.fieldRef?.fieldPath === 'metadata.namespace') return sts.metadata?.namespace ?? 'default';
      return '';
    }).get(ENV.ERLANG_HOST_NAME),
  ).filter((h): h is string => h !== undefined);
}

const covers = (cert: Any, host: string): boolean => list(cert.spec?.dnsNames).some((n: string) => dnsNameMatches(n, host));

interface TlsNode {
  readonly w: Workload;
  readonly hosts: readonly string[];
  readonly mounted: ReadonlySet<string>;
  /** The cert-manager Certificates of the StatefulSet's namespace. */
  readonly certificates: readonly Any[];
  /** Those of them that write a Secret the pods mount. */
  readonly issuing: readonly Any[];
}

/** Each container of a StatefulSet that runs distribution over TLS, with what the Certificate rules compare. */
function* tlsNodes(ctx: ManifestContext): Iterable<TlsNode> {
  const all = ctx.ofKind('Certificate').filter((o) => String(o.apiVersion).startsWith('cert-manager.io/'));
  for (const w of ctx.statefulSets) {
    const podSpec = (w.object as Any).spec?.template?.spec;
    for (const c of nodeContainers(w)) {
      if (flagArgument(literalEnv(c.env), '-proto_dist') !== 'inet_tls') continue;
      const mounted = mountedSecrets(podSpec); // podSpec is set: c is one of its containers
      const certificates = all.filter((cert) => namespaceOf(cert) === w.namespace);
      const issuing = certificates.filter((cert) => mounted.has((cert as Any).spec?.secretName));
      yield { w, hosts: podHostNames(w.object, c), mounted, certificates, issuing };
    }
  }
}

export const CERTIFICATE_AND_MONITOR_RULES: readonly ManifestRule[] = [
  {
    id: 'certificate-covers-pods',
    description: 'With TLS distribution, the Certificate that writes a Secret the pods mount names every pod: the dialling peer checks the host name.',
    *check(ctx): Iterable<Finding> {
      for (const { w, hosts, issuing } of tlsNodes(ctx)) {
        for (const cert of issuing) {
          for (const host of hosts.filter((h) => !covers(cert, h))) {
            yield {
              object: cert,
              message: `dnsNames ${JSON.stringify(cert.spec.dnsNames ?? [])} do not match ${host} of ${objectId(w.object)}; peers dialling it fail the host name check`,
            };
          }
        }
      }
    },
  },
  {
    id: 'certificate-secret-mounted',
    description: 'With TLS distribution, a Certificate that names the pods writes a Secret they mount.',
    *check(ctx): Iterable<Finding> {
      for (const { w, hosts, mounted, certificates, issuing } of tlsNodes(ctx)) {
        if (issuing.length > 0 || hosts.length === 0) continue;
        for (const cert of certificates.filter((x) => covers(x, hosts[0]!))) {
          yield {
            object: cert,
            message: `names the pods of ${objectId(w.object)} but writes Secret ${cert.spec.secretName}, which they do not mount (they mount ${[...mounted].join(', ') || 'no Secret'})`,
          };
        }
      }
    },
  },
  {
    id: 'pod-monitor-port-declared',
    description: "A PodMonitor's endpoint port is a container port name of every pod it selects; else nothing is scraped there.",
    *check(ctx): Iterable<Finding> {
      for (const pm of ctx.ofKind('PodMonitor')) {
        const spec = (pm as Any).spec ?? {};
        const selected = ctx.candidates(namespaceOf(pm), spec.selector?.matchLabels).filter((w) => matchesSelector(spec.selector, w.podLabels, false));
        for (const e of list(spec.podMetricsEndpoints)) {
          // An endpoint may give the port by number (portNumber, or the deprecated targetPort) instead.
          if (typeof e.port !== 'string') continue;
          for (const w of selected.filter((x) => !containerPortNames(x).has(e.port))) {
            yield { object: pm, message: `endpoint port ${e.port} is not a container port name of ${objectId(w.object)}; nothing is scraped there` };
          }
        }
      }
    },
  },
];
