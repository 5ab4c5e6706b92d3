/**
 * Erlang distribution settings and the pure functions that turn them into env.
 *
 * The distribution port is pinned so that a Service and a NetworkPolicy can name
 * it. Where the pin lives matters: `ERL_AFLAGS` applies to *every* VM started in
 * the pod. relx (OTP 23+) is safe with that: its remote shell uses
 * `-dist_listen false` and rpc/stop use erl_call. Mix releases are not: their
 * `bin/app rpc|remote|stop` start a second VM that would bind the same port and
 * fail with `eaddrinuse` (elixir-lang/elixir#9187). For those, pin the port in
 * the release (`rel/vm.args.eex`) and choose {@link DistPortPin.RELEASE}.
 */

import { distPortFlags, tlsDistFlags } from './flags';

/** Where the fixed distribution port is configured. */
export enum DistPortPin {
  /** `ERL_AFLAGS=-kernel inet_dist_listen_min N inet_dist_listen_max N` (relx images, such as the reference system's). */
  ERL_AFLAGS = 'erl-aflags',
  /** The release pins it (`-kernel inet_dist_listen_min N inet_dist_listen_max N` in vm.args); the manifests only declare it. */
  RELEASE = 'release',
}

/** Kinds of cert-manager issuer. */
export enum IssuerKind {
  /** A namespaced `Issuer`: one per namespace of the mesh, all from one CA. */
  ISSUER = 'Issuer',
  /** A cluster-wide `ClusterIssuer`. */
  CLUSTER_ISSUER = 'ClusterIssuer',
}

/** The cert-manager issuer that signs the distribution certificate. */
export interface CertificateIssuer {
  /** The Issuer's or ClusterIssuer's name. */
  readonly name: string;
  /**
   * `IssuerKind.ISSUER` (namespaced: one per namespace of the mesh, all from one CA) or
   * `IssuerKind.CLUSTER_ISSUER`.
   * @default IssuerKind.ISSUER
   */
  readonly kind?: IssuerKind;
}

/** Distribution over TLS (`-proto_dist inet_tls`). */
export interface TlsDistributionOptions {
  /**
   * A Secret with `tls.crt`, `tls.key` and `ca.crt` (the layout of cert-manager's
   * Certificate), issued by a CA that every peer trusts, for the pods' DNS names:
   * `*.<headless>.<namespace>.svc.<clusterDomain>` of every cluster in the mesh.
   */
  readonly secretName: string;
  /**
   * Where the certificates and the generated `ssl_dist.conf` are mounted.
   * @default '/etc/erlang-dist-tls'
   */
  readonly mountPath?: string;
  /**
   * Have cert-manager make `secretName`: the construct emits a Certificate
   * (cert-manager.io/v1) named like the Secret, one per namespace and Secret, for
   * `*.<headless>.<namespace>.svc.<clusterDomain>` of every cluster in the mesh,
   * with serverAuth and clientAuth. The issuer must fill `ca.crt` (CA and Vault
   * issuers do; ACME issuers do not).
   * @default - none; the Secret is made by other means
   */
  readonly issuer?: CertificateIssuer;
}

/** Distribution settings of an ErlangStatefulCluster. */
export interface DistributionOptions {
  /**
   * The distribution port: the node listens on this port only.
   * @default 9100
   */
  readonly port?: number;
  /**
   * Where the port is pinned.
   * @default DistPortPin.ERL_AFLAGS
   */
  readonly pin?: DistPortPin;
  /**
   * Run without epmd (OTP 23+): `ERL_DIST_PORT=<port>`, which relx's and mix's start
   * scripts turn into `-start_epmd false -erl_epmd_port <port>`. Every node of the
   * mesh then listens on the same port, and port 4369 is neither declared nor opened.
   * @default false
   */
  readonly epmdless?: boolean;
  /**
   * Distribution over TLS.
   * @default - plain TCP distribution
   */
  readonly tls?: TlsDistributionOptions;
}

/** epmd's well-known port. */
export const EPMD_PORT = 4369;
/** The container and Service port names of epmd and the distribution port. */
export const EPMD_PORT_NAME = 'epmd';
export const DIST_PORT_NAME = 'dist';
/** Our default distribution port (CouchDB and MongooseIM use the same). */
export const DEFAULT_DIST_PORT = 9100;
/** Default mount path of the TLS distribution files. */
export const DEFAULT_TLS_MOUNT_PATH = '/etc/erlang-dist-tls';
/** The pod volume that holds the TLS distribution files. */
export const TLS_VOLUME = 'erlang-dist-tls';
/** Name of the generated ssl_dist optfile. */
export const SSL_DIST_OPTFILE = 'ssl_dist.conf';

/**
 * The emulator flags that set the normal schedulers (total and online, `+S N:N`)
 * and the dirty I/O schedulers (`+SDio N`). Harmless in remote shells too.
 */
export function schedulerFlags(schedulers: { online?: number | undefined; dirtyIo?: number | undefined }): string {
  const flags: string[] = [];
  if (schedulers.online !== undefined) flags.push(`+S ${schedulers.online}:${schedulers.online}`);
  if (schedulers.dirtyIo !== undefined) flags.push(`+SDio ${schedulers.dirtyIo}`);
  return flags.join(' ');
}

/**
 * `ERL_AFLAGS` for the node container, or undefined when nothing goes there.
 * TLS flags always go here: remote shells must speak TLS too.
 */
export function erlAflags(
  options: Required<Pick<DistributionOptions, 'port' | 'pin' | 'epmdless'>> & {
    tlsMountPath?: string | undefined;
    schedulers?: { online?: number | undefined; dirtyIo?: number | undefined } | undefined;
  },
): string | undefined {
  const flags: string[] = [];
  if (options.pin === DistPortPin.ERL_AFLAGS && !options.epmdless) flags.push(distPortFlags(options.port));
  if (options.tlsMountPath !== undefined) flags.push(tlsDistFlags(`${options.tlsMountPath}/${SSL_DIST_OPTFILE}`));
  if (options.schedulers !== undefined) flags.push(schedulerFlags(options.schedulers));
  return flags.length > 0 ? flags.join(' ') : undefined;
}

/** The certificate name that covers every pod of a headless Service: `*.<headless>.<namespace>.svc.<domain>`. */
export function wildcardDnsName(headlessServiceName: string, namespace: string, clusterDomain: string): string {
  return `*.${headlessServiceName}.${namespace}.svc.${clusterDomain}`;
}

/**
 * Whether a certificate's DNS name `pattern` matches `host` as the optfile's
 * client check does (`public_key:pkix_verify_hostname_match_fun(https)`, RFC
 * 6125 6.4.3): case-insensitive, and a `*` that is the whole leftmost label
 * stands for exactly one non-empty label. Partial-label wildcards (`a*.x`),
 * which we never emit, do not match here.
 */
export function dnsNameMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '').split('.');
  const h = host.toLowerCase().replace(/\.$/, '').split('.');
  if (p.length !== h.length || h.some((label) => label === '')) return false;
  return p.every((label, i) => (i === 0 && label === '*') || label === h[i]);
}

/**
 * The `ssl_dist_optfile` for TLS distribution. The VM evaluates it as one Erlang
 * expression (ssl_dist_sup:consult/1), so it may call functions. Mutual TLS:
 * both sides present a certificate and check the peer's against `ca.crt`; the
 * client also checks that the server's certificate names the host part of the
 * node name, with wildcard matching so that one certificate for
 * `*.<headless>.<namespace>.svc.<clusterDomain>` serves every pod.
 */
export function sslDistOptfile(mountPath: string): string {
  const files = `{certfile, "${mountPath}/tls.crt"}, {keyfile, "${mountPath}/tls.key"}, {cacertfile, "${mountPath}/ca.crt"}`;
  const wildcard = '{customize_hostname_check, [{match_fun, public_key:pkix_verify_hostname_match_fun(https)}]}';
  return [
    `[{server, [${files}, {verify, verify_peer}, {fail_if_no_peer_cert, true}, {secure_renegotiate, true}]},`,
    ` {client, [${files}, {verify, verify_peer}, {secure_renegotiate, true}, ${wildcard}]}].`,
    '',
  ].join('\n');
}
