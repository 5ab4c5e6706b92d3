/**
 * What the kubelet does for one probe, written for the e2e check from the
 * kubelet's behaviour (pkg/kubelet/prober) and the API reference, not from
 * lib/. One model, two uses: the live kubelet (e2e/live.ts) sends exactly the
 * request {@link probeRequest} builds, and the static `probes` judgment asks
 * {@link probeVerdict} whether that request can succeed against a healthy pod
 * of the image the user declared. Pure.
 *
 * - httpGet: `scheme` HTTP (the default) or HTTPS, where the kubelet does not
 *   verify the certificate; `host` (default: the pod IP); `port` by number or
 *   by container port name; `path` (default `/`); `httpHeaders` added to the
 *   kubelet's `User-Agent: kube-probe/<version>` and `Accept: *\/*`, which
 *   they override by name; a `Host` header sets the request's Host. Success
 *   is a status code from 200 to 399.
 * - tcpSocket: a connect to `host` (default: the pod IP) and the port.
 * - exec: the command in the container (its namespaces, its env, its working
 *   directory); exit 0 is success; the timeout fails it.
 */
import * as path from 'path';
import { Container, Probe, resolvePort } from './kube';

/** The kubelet's own headers (its version here: the API level the library targets). */
export const KUBE_PROBE_HEADERS: Readonly<Record<string, string>> = { 'User-Agent': 'kube-probe/1.28', Accept: '*/*' };

export interface HttpProbeRequest {
  readonly kind: 'http';
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly port: number;
  readonly path: string;
  /** Header name as given → value; includes `Host` when the probe overrides it. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface TcpProbeRequest {
  readonly kind: 'tcp';
  readonly host: string;
  readonly port: number;
}

export interface ExecProbeRequest {
  readonly kind: 'exec';
  readonly command: readonly string[];
}

/** A probe the kubelet cannot even send (a port name the container lacks, an unknown scheme): it fails every time. */
export interface BrokenProbe {
  readonly kind: 'broken';
  readonly why: string;
}

export type ProbeRequest = HttpProbeRequest | TcpProbeRequest | ExecProbeRequest | BrokenProbe;

/** The pod as the kubelet knows it when it probes. */
export interface ProbedPod {
  readonly ip: string;
  readonly container?: Container;
}

/** Header names compare case-insensitively (HTTP); a probe's header replaces the kubelet's of the same name. */
function headers(extra: readonly { name: string; value: string }[]): Record<string, string> {
  const out: Record<string, string> = { ...KUBE_PROBE_HEADERS };
  for (const h of extra) {
    for (const k of Object.keys(out)) if (k.toLowerCase() === h.name.toLowerCase()) delete out[k];
    out[h.name] = h.value;
  }
  return out;
}

/** The request the kubelet sends for `probe` on `pod`. */
export function probeRequest(probe: Probe, pod: ProbedPod): ProbeRequest {
  if (probe.httpGet) {
    const g = probe.httpGet;
    const scheme = (g.scheme ?? 'HTTP').toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') return { kind: 'broken', why: `scheme ${g.scheme} is neither HTTP nor HTTPS` };
    const port = resolvePort(g.port, pod.container);
    if (port === undefined) return { kind: 'broken', why: `port ${JSON.stringify(g.port)} is not a port of the container` };
    const p = g.path ?? '';
    return { kind: 'http', scheme, host: g.host || pod.ip, port, path: p.startsWith('/') ? p : `/${p}`, headers: headers(g.httpHeaders ?? []) };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, pod.container);
    if (port === undefined) return { kind: 'broken', why: `port ${JSON.stringify(probe.tcpSocket.port)} is not a port of the container` };
    return { kind: 'tcp', host: probe.tcpSocket.host || pod.ip, port };
  }
  if (probe.exec) return { kind: 'exec', command: probe.exec.command ?? [] };
  return { kind: 'broken', why: 'it has no handler (httpGet, tcpSocket or exec)' };
}

/** The kubelet's HTTP verdict. */
export function httpProbeSucceeds(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 400;
}

/** The value of header `name` (case-insensitive) in a request's headers. */
export function headerValue(h: Readonly<Record<string, string>>, name: string): string | undefined {
  const k = Object.keys(h).find((x) => x.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : h[k];
}

/** What the user's image offers an exec probe: the release's script, and its subcommands that exit 0 on a running node. */
export interface ExecImage {
  /** The container's working directory: relative commands start there. */
  readonly workingDir: string;
  /** Absolute path of the release's start script in the image. */
  readonly tool: string;
  /** E.g. relx's `ping` and `pid`. */
  readonly succeeds: readonly string[];
}

/** Why the exec probe cannot exit 0 in a healthy container of `image`, or undefined when it does. */
export function execVerdict(command: readonly string[], image: ExecImage): string | undefined {
  if (command.length === 0) return 'it runs no command';
  const [bin, ...args] = command;
  if (!bin.includes('/')) return `${bin} is looked up on PATH, and the image declares no such command (its release script is ${image.tool})`;
  const resolved = path.posix.resolve(image.workingDir, bin);
  if (resolved !== image.tool) return `${resolved} does not exist in the image (its release script is ${image.tool})`;
  if (args.length !== 1 || !image.succeeds.includes(args[0]))
    return `${bin} ${args.join(' ')} exits non-zero on a running node (the script exits 0 for: ${image.succeeds.join(', ')})`;
  return undefined;
}

/** What answers on a healthy pod: the app's plain-HTTP endpoints, the listening TCP ports, and the image for exec. */
export interface HealthyPod {
  readonly ip: string;
  /** Plain HTTP port → paths answered with 200. */
  readonly http: ReadonlyMap<number, readonly string[]>;
  readonly tcp: readonly number[];
  readonly image: ExecImage;
}

/**
 * Why the kubelet's request can never succeed against a healthy pod, or
 * undefined when it does. The kubelet probes from the node, so a `host`
 * other than the pod's IP asks another machine (127.0.0.1 is the node's own
 * loopback); a name there is resolved by the node, which knows no cluster
 * names.
 */
export function probeVerdict(r: ProbeRequest, pod: HealthyPod): string | undefined {
  switch (r.kind) {
    case 'broken':
      return `the kubelet cannot send it: ${r.why}`;
    case 'exec':
      return execVerdict(r.command, pod.image);
    case 'tcp':
    case 'http': {
      if (r.host !== pod.ip)
        return `it connects to ${r.host}, not to the pod ${pod.ip}: the kubelet probes from the node, where ${r.host} is ${/^127\./.test(r.host) ? "the node's own loopback" : /^[\d.]+$/.test(r.host) ? 'another address' : 'a name the node cannot resolve'}`;
      if (r.kind === 'tcp') return pod.tcp.includes(r.port) ? undefined : `nothing listens on port ${r.port}`;
      const paths = pod.http.get(r.port);
      if (!paths) return `port ${r.port} serves no HTTP`;
      if (r.scheme === 'https') return `it speaks HTTPS to port ${r.port}, which serves plain HTTP: the TLS handshake fails every time`;
      if (!paths.includes(r.path)) return `GET ${r.path} on port ${r.port} is not answered with 2xx/3xx (the app answers ${paths.join(', ')})`;
      return undefined;
    }
  }
}
