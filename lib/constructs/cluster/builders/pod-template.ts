/** The pod template: the node container, the pod's identity, placement and volumes. */
import type * as k8s from '../../../../imports/k8s';
import { TLS_VOLUME } from '../../../erlang/distribution';
import { defined } from '../../../kubernetes/defined';
import { PodSpread } from '../options';
import type { ClusterSpec } from '../spec';
import { nodeContainer } from './container';
import { cookieCopyContainer } from '../cookie-file';

const HOSTNAME_KEY = 'kubernetes.io/hostname';
const ZONE_KEY = 'topology.kubernetes.io/zone';

export function podTemplate(spec: ClusterSpec, serviceDomains: readonly k8s.EnvVar[]): k8s.PodTemplateSpec {
  const pod = spec.pod;
  const volumes = [...spec.parts.security.volumes, ...spec.parts.cookie.volumes, ...tlsVolumes(spec), ...pod.extraVolumes];
  const copy = cookieCopyContainer(spec);
  const initContainers = copy ? [copy, ...pod.initContainers] : [...pod.initContainers];
  return {
    metadata: defined({ labels: { ...pod.metadata.labels }, annotations: pod.metadata.annotations && { ...pod.metadata.annotations } }),
    spec: defined({
      initContainers: initContainers.length > 0 ? initContainers : undefined,
      containers: [nodeContainer(spec, serviceDomains), ...pod.sidecars],
      serviceAccountName: spec.serviceAccountName,
      automountServiceAccountToken: spec.serviceAccountName !== undefined,
      terminationGracePeriodSeconds: pod.terminationGracePeriodSeconds,
      securityContext: spec.parts.security.podSecurityContext,
      affinity: affinity(spec),
      topologySpreadConstraints: topologySpread(spec),
      // No `<SERVICE>_PORT=tcp://...` env from every Service in the namespace: a Service named erl-epmd would set ERL_EPMD_PORT.
      enableServiceLinks: pod.enableServiceLinks,
      imagePullSecrets: pod.imagePullSecrets.length > 0 ? pod.imagePullSecrets.map((name) => ({ name })) : undefined,
      nodeSelector: pod.nodeSelector && { ...pod.nodeSelector },
      tolerations: pod.tolerations && [...pod.tolerations],
      volumes: volumes.length > 0 ? volumes : undefined,
    }),
  };
}

/** The TLS Secret and the ssl_dist.conf ConfigMap, projected into one directory. */
function tlsVolumes(spec: ClusterSpec): k8s.Volume[] {
  const tls = spec.distribution.tls;
  if (!tls) return [];
  return [
    {
      name: TLS_VOLUME,
      projected: { sources: [{ secret: { name: tls.secretName } }, { configMap: { name: tls.configMapName } }] },
    },
  ];
}

/** HARD: one member per node, required (anti-affinity keeps its meaning). */
function affinity(spec: ClusterSpec): k8s.Affinity | undefined {
  if (spec.spread !== PodSpread.HARD) return undefined;
  const term: k8s.PodAffinityTerm = { labelSelector: { matchLabels: { ...spec.selectorLabels } }, topologyKey: HOSTNAME_KEY };
  return { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } };
}

/** Preferred spreads (ScheduleAnyway): over zones always, over nodes for SOFT (HARD requires it above). */
function topologySpread(spec: ClusterSpec): k8s.TopologySpreadConstraint[] | undefined {
  if (spec.spread === PodSpread.NONE) return undefined;
  const keys = spec.spread === PodSpread.SOFT ? [ZONE_KEY, HOSTNAME_KEY] : [ZONE_KEY];
  return keys.map((topologyKey) => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: { ...spec.selectorLabels } },
  }));
}
