/**
 * The checks behind CLUSTER_RULES (prop-rules.ts) that look at several props at
 * once: the Erlang runtime contract of user env, discovery against the cluster
 * domain, mounts, probes and placement. Each throws a one-line
 * ConfigError naming the prop, the value and what is allowed.
 */
import type * as k8s from '../../../imports/k8s';
import { ClusterDiscovery, DiscoveryStrategy } from './discovery';
import { COOKIE_ENV_NAMES } from '../../erlang/env';
import { distributionFlagsIn, FLAG_ENV, parseErlFlags } from '../../erlang/flags';
import { ConfigError } from '../../core/errors';
import {
  checkEnvName,
  checkInteger,
  checkSubPath,
  envVarProblems,
  MAX_ENV_STRING_BYTES,
  MAX_INT32,
  normalizePath,
  probeProblems,
  throwFirst,
} from '../../checks';

/** A container port of the node: epmd, dist and the app ports. */
export interface DeclaredPort {
  readonly name: string;
  readonly port: number;
}

/** Env that the release scripts read as the node name, besides the RELEASE_* ones the construct owns. */
const NODE_NAME_ENV = ['RELX_NODE_NAME'];

/**
 * User env (`envVariables`, unique by being a map's keys): valid names, none of
 * the construct's own, no literal cookie, no flag that re-pins the dist port,
 * moves epmd or changes the name mode, and no value over the kernel's per-string limit.
 */
export function checkUserEnv(where: string, env: readonly k8s.EnvVar[], reserved: ReadonlySet<string>): void {
  for (const e of env) {
    const at = `envVariables.${e.name}`;
    checkEnvName(where, at, e.name);
    // Later entries win in the kubelet: a user's RELEASE_TMP would silently undo the hardened profile's.
    if (reserved.has(e.name) || NODE_NAME_ENV.includes(e.name)) {
      throw new ConfigError(where, at, e.name, 'is set by ErlangStatefulCluster; use the matching prop instead');
    }
    if (COOKIE_ENV_NAMES.includes(e.name) && e.value !== undefined) {
      throw new ConfigError(
        where,
        at,
        e.name,
        'must not carry a literal cookie: it would land in dist/ and in git. Use the cookie prop with ErlangCookie.fromSecretName()',
      );
    }
    throwFirst(where, at, envVarProblems(e));
    const value = e.value ?? '';
    if (parseErlFlags(value).some((f) => f.flag === '-setcookie')) {
      throw new ConfigError(
        where,
        at,
        e.name,
        'must not pass -setcookie: the cookie would land in dist/ and in git. Use the cookie prop with ErlangCookie.fromSecretName()',
      );
    }
    if (e.name === 'ERL_EPMD_PORT') {
      throw new ConfigError(
        where,
        at,
        e.name,
        'must not be set: it moves epmd away from port 4369, where the peers, the headless Service and the NetworkPolicy expect it; use distribution.epmdless for a single port',
      );
    }
    const owned = (FLAG_ENV as readonly string[]).includes(e.name) ? distributionFlagsIn(value) : [];
    if (owned.length > 0) {
      throw new ConfigError(
        where,
        at,
        value,
        `must not set ${owned.join(', ')} in ${e.name}: ErlangStatefulCluster sets the long node name, the cookie and the dist port (props distribution.port, distribution.epmdless, distribution.tls)`,
      );
    }
    const bytes = Buffer.byteLength(`${e.name}=${value}`) + 1;
    if (bytes > MAX_ENV_STRING_BYTES) {
      throw new ConfigError(
        where,
        at,
        `${value.slice(0, 40)}...`,
        `must fit the kernel's limit of ${MAX_ENV_STRING_BYTES} bytes per env string (NAME=value); this one has ${bytes}: the container would fail to start with E2BIG`,
      );
    }
  }
}

/** Discovery that libcluster can carry out with this cluster domain. */
export function checkDiscoveryDomain(where: string, discovery: ClusterDiscovery, clusterDomain: string): void {
  if (discovery.strategy === DiscoveryStrategy.KUBERNETES_API && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?\.local$/.test(clusterDomain)) {
    throw new ConfigError(
      where,
      'discovery',
      'ClusterDiscovery.kubernetesApi()',
      `cannot work with clusterDomain '${clusterDomain}': libcluster's Kubernetes strategy (mode :hostname) builds ` +
        "<pod>.<service>.<namespace>.svc.<kubernetes_cluster_name>.local, so the domain must be one label and '.local'; use ClusterDiscovery.none() with your own discovery",
    );
  }
}

/** A mount path or volume name, and the prop it comes from. */
export interface Claim {
  readonly prop: string;
  readonly key: string;
}

/** Throws at the first entry whose key an earlier one (from another prop) already has. */
export function checkNoCollision(where: string, entries: readonly Claim[], what: string): void {
  entries.forEach((e, i) => {
    const first = entries.slice(0, i).find((f) => f.key === e.key);
    if (first) throw new ConfigError(where, e.prop, e.key, `is also the ${what} of ${first.prop}; each must be unique in the pod`);
  });
}

/** Mount paths compared in normal form (`/tmp/` is `/tmp`), and relative subPaths. */
export function checkMountPaths(where: string, mounts: readonly Claim[], extraMounts: readonly k8s.VolumeMount[]): void {
  checkNoCollision(
    where,
    mounts.map((m) => ({ prop: m.prop, key: normalizePath(m.key) })),
    'mount path',
  );
  extraMounts.forEach((m, i) => {
    if (m.subPath !== undefined) checkSubPath(where, `extraVolumeMounts[${i}].subPath`, m.subPath);
  });
}

const PROBE_NUMBERS: readonly (readonly [keyof k8s.Probe, number])[] = [
  ['initialDelaySeconds', 0],
  ['periodSeconds', 1],
  ['timeoutSeconds', 1],
  ['successThreshold', 1],
  ['failureThreshold', 1],
  ['terminationGracePeriodSeconds', 1],
];
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

/** Each probe has one handler, on a port the container declares, and in-range numbers. */
export function checkProbes(where: string, probes: Record<string, k8s.Probe | undefined>, ports: readonly DeclaredPort[]): void {
  for (const [kind, probe] of Object.entries(probes)) {
    if (probe === undefined) continue;
    const prop = `probes.${kind}`;
    const handlers = HANDLERS.filter((h) => probe[h] !== undefined);
    if (handlers.length !== 1) {
      throw new ConfigError(where, prop, handlers, `must have exactly one handler of ${HANDLERS.join(', ')}`);
    }
    for (const [field, min] of PROBE_NUMBERS) {
      if (probe[field] !== undefined) checkInteger(where, `${prop}.${field}`, probe[field], min, MAX_INT32);
    }
    // The apiserver's own probe checks, on the probe as the container will carry it (e.g. livenessProbe.successThreshold).
    throwFirst(
      where,
      'probes',
      probeProblems({ [`${kind}Probe`]: probe }, false).map((p) => ({ ...p, field: p.field.replace(/^(\w+)Probe/, '$1') })),
    );
    const port = probe.httpGet?.port.value ?? probe.tcpSocket?.port.value ?? probe.grpc?.port;
    if (port === undefined) continue;
    if (!ports.some((p) => p.name === port || p.port === port)) {
      throw new ConfigError(
        where,
        `${prop}.port`,
        port,
        `must be a port the container declares: ${ports.map((p) => `${p.name} (${p.port})`).join(', ') || 'none (add appPorts)'}`,
      );
    }
  }
}

/** Hard spread needs as many nodes as replicas; a nodeSelector on one host gives one. */
export function checkPlacement(where: string, hardSpread: boolean, nodeSelector: Record<string, string> | undefined, replicas: number): void {
  const host = nodeSelector?.['kubernetes.io/hostname'];
  if (hardSpread && host !== undefined && replicas > 1) {
    throw new ConfigError(
      where,
      'spread',
      'hard',
      `cannot place ${replicas} replicas: hard spread needs a node per pod, but nodeSelector pins every pod to node '${host}'; use PodSpread.SOFT or drop kubernetes.io/hostname from nodeSelector`,
    );
  }
}
