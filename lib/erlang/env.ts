/**
 * The environment contract of a node container, as pure functions. Order
 * matters: the kubelet expands `$(VAR)` only from variables defined earlier
 * in the list (kubernetes#90466), so the identity comes first, then the host
 * name built from it, then the node name built from that.
 */
import type * as k8s from '../../imports/k8s';
import { DIST_PORT_ENV } from './flags';
import { erlangNodeName } from './names';

/** Env names the construct owns; user env must not redefine them. */
export const ENV = {
  NAMESPACE: 'NAMESPACE',
  POD_NAME: 'POD_NAME',
  LOCAL_IP: 'LOCAL_IP',
  ERLANG_HOST_NAME: 'ERLANG_HOST_NAME',
  RELEASE_DISTRIBUTION: 'RELEASE_DISTRIBUTION',
  RELEASE_NODE: 'RELEASE_NODE',
  RELEASE_COOKIE: 'RELEASE_COOKIE',
  RELX_COOKIE: 'RELX_COOKIE',
  ERLANG_DIST_PORT: 'ERLANG_DIST_PORT',
  ERL_DIST_PORT: DIST_PORT_ENV,
  ERL_AFLAGS: 'ERL_AFLAGS',
  ERLANG_NODE_BASENAME: 'ERLANG_NODE_BASENAME',
  ERLANG_CLUSTER_SERVICE: 'ERLANG_CLUSTER_SERVICE',
  ERLANG_CLUSTER_DOMAIN: 'ERLANG_CLUSTER_DOMAIN',
  ERLANG_CLUSTER_DISCOVERY: 'ERLANG_CLUSTER_DISCOVERY',
  ERLANG_CLUSTER_SELECTOR: 'ERLANG_CLUSTER_SELECTOR',
  CLUSTER_DOMAIN: 'CLUSTER_DOMAIN',
  ERLANG_DATA_DIR: 'ERLANG_DATA_DIR',
} as const;

/** Env names that carry the cookie; a literal value in any of them is refused. */
export const COOKIE_ENV_NAMES: readonly string[] = [ENV.RELEASE_COOKIE, ENV.RELX_COOKIE, 'ERLANG_COOKIE', 'COOKIE'];

/** `NAMESPACE`, `POD_NAME`, `LOCAL_IP` from the downward API. */
export function podIdentityEnv(): k8s.EnvVar[] {
  const field = (fieldPath: string): k8s.EnvVarSource => ({ fieldRef: { apiVersion: 'v1', fieldPath } });
  return [
    { name: ENV.NAMESPACE, valueFrom: field('metadata.namespace') },
    { name: ENV.POD_NAME, valueFrom: field('metadata.name') },
    { name: ENV.LOCAL_IP, valueFrom: field('status.podIP') },
  ];
}

/** The pod's FQDN, expressed with the identity variables: `$(POD_NAME).<headless>.$(NAMESPACE).svc.<domain>`. */
export function hostNameTemplate(headlessServiceName: string, clusterDomain: string): string {
  return `$(${ENV.POD_NAME}).${headlessServiceName}.$(${ENV.NAMESPACE}).svc.${clusterDomain}`;
}

/** Inputs of {@link nodeEnv}. */
export interface NodeEnvOptions {
  readonly basename: string;
  readonly headlessServiceName: string;
  readonly clusterDomain: string;
  readonly cookieSecretName: string;
  readonly cookieKey: string;
  readonly distPort: number;
  readonly epmdless: boolean;
  /** `ERL_AFLAGS`, if any. */
  readonly erlAflags?: string | undefined;
  /** Whether the start script reads `RELX_COOKIE` (relx), so it gets a copy of `RELEASE_COOKIE`. */
  readonly relxCookie: boolean;
  /** Whether the cookie reaches the node as a file (`CookieDelivery.FILE`), so that no env carries it. @default false */
  readonly cookieFile?: boolean | undefined;
  /** Whether the start script reads `ERL_DIST_PORT` (relx) in epmd-less mode. */
  readonly erlDistPort: boolean;
  /** The data volume's mount path, as `ERLANG_DATA_DIR`, if there is one. */
  readonly dataDir?: string | undefined;
}

/**
 * Identity, node name, cookie and distribution env, in an order the kubelet
 * expands correctly. `RELEASE_*` are what mix releases read; rebar3/relx
 * releases use them from `vm.args.src` (`-name ${RELEASE_NODE}`), and relx reads
 * the cookie from `RELX_COOKIE` and epmd-less mode from `ERL_DIST_PORT`.
 */
export function nodeEnv(o: NodeEnvOptions): k8s.EnvVar[] {
  const env: k8s.EnvVar[] = [
    ...podIdentityEnv(),
    { name: ENV.ERLANG_HOST_NAME, value: hostNameTemplate(o.headlessServiceName, o.clusterDomain) },
    { name: ENV.RELEASE_DISTRIBUTION, value: 'name' },
    { name: ENV.RELEASE_NODE, value: erlangNodeName(o.basename, `$(${ENV.ERLANG_HOST_NAME})`) },
  ];
  if (o.cookieFile !== true) {
    env.push({ name: ENV.RELEASE_COOKIE, valueFrom: { secretKeyRef: { name: o.cookieSecretName, key: o.cookieKey } } });
    if (o.relxCookie) env.push({ name: ENV.RELX_COOKIE, value: `$(${ENV.RELEASE_COOKIE})` });
  }
  env.push({ name: ENV.ERLANG_DIST_PORT, value: String(o.distPort) });
  if (o.epmdless && o.erlDistPort) env.push({ name: ENV.ERL_DIST_PORT, value: String(o.distPort) });
  if (o.erlAflags !== undefined) env.push({ name: ENV.ERL_AFLAGS, value: o.erlAflags });
  if (o.dataDir !== undefined) env.push({ name: ENV.ERLANG_DATA_DIR, value: o.dataDir });
  return env;
}
