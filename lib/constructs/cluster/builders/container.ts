/** The node container: its env (in kubelet-expandable order), ports, mounts, probes and limits. */
import type * as k8s from '../../../../imports/k8s';
import { defined } from '../../../kubernetes/defined';
import { TLS_VOLUME } from '../../../erlang/distribution';
import { nodeEnv } from '../../../erlang/env';
import type { ClusterSpec } from '../spec';

/**
 * The construct's own env: identity, node name, cookie and distribution, then
 * the discovery's and the security profile's. Service domains and user env follow.
 */
export function ownEnv(spec: ClusterSpec): k8s.EnvVar[] {
  return [
    ...nodeEnv({
      basename: spec.basename,
      headlessServiceName: spec.headlessServiceName,
      clusterDomain: spec.clusterDomain,
      cookieSecretName: spec.cookie.secretName,
      cookieKey: spec.cookie.key,
      distPort: spec.distribution.port,
      epmdless: spec.distribution.epmdless,
      erlAflags: spec.distribution.erlAflags,
      relxCookie: spec.release._readsRelxCookie,
      cookieFile: spec.cookieDelivery.isFile,
      erlDistPort: spec.release._readsErlDistPort,
      dataDir: spec.storage?.mountPath,
    }),
    ...spec.parts.discovery.env,
    ...spec.parts.security.env,
    ...spec.parts.cookie.env,
  ];
}

/** The storage mount, the profile's, the cookie's, TLS's (read-only), then the user's. */
export function volumeMounts(spec: ClusterSpec): k8s.VolumeMount[] {
  const tls = spec.distribution.tls;
  return [
    ...(spec.storage ? [{ name: spec.storage.name, mountPath: spec.storage.mountPath }] : []),
    ...spec.parts.security.volumeMounts,
    ...spec.parts.cookie.volumeMounts,
    ...(tls ? [{ name: TLS_VOLUME, mountPath: tls.mountPath, readOnly: true }] : []),
    ...spec.pod.extraVolumeMounts,
  ];
}

/** The node container; `serviceDomains` are the env that addServiceDomain added. */
export function nodeContainer(spec: ClusterSpec, serviceDomains: readonly k8s.EnvVar[]): k8s.Container {
  const pod = spec.pod;
  const mounts = volumeMounts(spec);
  return defined({
    name: pod.containerName,
    image: pod.image,
    imagePullPolicy: pod.imagePullPolicy,
    env: [...ownEnv(spec), ...serviceDomains, ...pod.extraEnv],
    ports: spec.declaredPorts.map((port) => ({ name: port.name, containerPort: port.port, protocol: 'TCP' })),
    volumeMounts: mounts.length > 0 ? mounts : undefined,
    readinessProbe: pod.probes.readiness,
    livenessProbe: pod.probes.liveness,
    startupProbe: pod.probes.startup,
    resources: pod.resources,
    securityContext: spec.parts.security.containerSecurityContext,
    lifecycle: pod.preStopCommand ? { preStop: { exec: { command: [...pod.preStopCommand] } } } : undefined,
  });
}
