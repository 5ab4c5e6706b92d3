/**
 * TLS distribution for the e2e check: whether this machine has it
 * (erlang-ssl's inet_tls_dist, and openssl), a throwaway PKI made with openssl
 * at run time, and the Secret data a cert-manager Certificate would produce.
 * Keys live only under the run's private TLS directory, which run.ts removes
 * at exit (and sweeps when a killed run left it behind).
 */
import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { KubeObject, statefulSets } from './kube';
import { sh } from './netns';
import { SecretData, secretKey } from './simulate';

/** Why this machine cannot run TLS distribution, or undefined when it can. */
export function tlsSupport(): string | undefined {
  const erl = spawnSync('erl', ['-noshell', '-eval', 'io:format("~p", [code:which(inet_tls_dist)]), halt().'], { encoding: 'utf8', timeout: 10_000 });
  if (erl.error || erl.status !== 0) return `erl could not look up inet_tls_dist: ${erl.error?.message ?? erl.stderr.trim()}`;
  if (erl.stdout.includes('non_existing'))
    return "code:which(inet_tls_dist) is non_existing: Erlang's ssl application is not installed (apt-get install -y erlang-ssl)";
  const openssl = spawnSync('openssl', ['version'], { stdio: 'ignore', timeout: 10_000 });
  if (openssl.error) return 'openssl is not installed (apt-get install -y openssl); it makes the test certificates';
  return undefined;
}

/** A certificate authority on disk. */
export interface CertificateAuthority {
  readonly name: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly certPem: string;
}

/** The keys of a `kubernetes.io/tls` Secret as cert-manager writes it. */
export interface TlsSecretFiles {
  readonly 'tls.crt': string;
  readonly 'tls.key': string;
  readonly 'ca.crt': string;
}

/** Makes keys and certificates with openssl under `dir` (P-256 keys: fast, and what a modern issuer would use). */
export class Pki {
  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** A self-signed CA, valid for a day: what a SelfSigned Issuer bootstrapping a CA Issuer gives. */
  public ca(name: string): CertificateAuthority {
    const base = path.join(this.dir, name);
    sh('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/O=cdk8s-erlang-cluster e2e/CN=${name}`,
      '-keyout',
      `${base}.key`,
      '-out',
      `${base}.crt`,
    ]);
    return { name, certFile: `${base}.crt`, keyFile: `${base}.key`, certPem: fs.readFileSync(`${base}.crt`, 'utf8') };
  }

  /**
   * A certificate for `dnsNames` signed by `ca`, usable as server and client
   * certificate (mutual TLS), and the Secret files cert-manager would store.
   */
  public issue(ca: CertificateAuthority, name: string, dnsNames: readonly string[]): TlsSecretFiles {
    const base = path.join(this.dir, name);
    const ext = [
      `subjectAltName=${dnsNames.map((d) => `DNS:${d}`).join(',')}`,
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth,clientAuth',
      '',
    ].join('\n');
    fs.writeFileSync(`${base}.ext`, ext);
    sh('openssl', [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-subj',
      `/O=cdk8s-erlang-cluster e2e/CN=${name}`,
      '-keyout',
      `${base}.key`,
      '-out',
      `${base}.csr`,
    ]);
    sh('openssl', [
      'x509',
      '-req',
      '-in',
      `${base}.csr`,
      '-CA',
      ca.certFile,
      '-CAkey',
      ca.keyFile,
      '-set_serial',
      `0x${randomBytes(12).toString('hex')}`,
      '-days',
      '1',
      '-extfile',
      `${base}.ext`,
      '-out',
      `${base}.crt`,
    ]);
    return {
      'tls.crt': fs.readFileSync(`${base}.crt`, 'utf8'),
      'tls.key': fs.readFileSync(`${base}.key`, 'utf8'),
      'ca.crt': ca.certPem,
    };
  }
}

/** `*.<headless>.<namespace>.svc.<domain>` of every StatefulSet: the names a certificate for the whole mesh must carry. */
export function meshWildcards(objects: readonly KubeObject[], clusterDomain: string): string[] {
  return [...new Set(statefulSets(objects).map((s) => `*.${s.spec.serviceName}.${s.namespace}.svc.${clusterDomain}`))];
}

/** A `kubernetes.io/tls` Secret as test secret data (`namespace/secret/key`). */
export function tlsSecretData(namespace: string, secret: string, files: TlsSecretFiles): SecretData {
  return Object.fromEntries(Object.entries(files).map(([key, value]) => [secretKey(namespace, secret, key), value]));
}

/** Removes `<tmp>/<prefix>-<pid>-tls` directories (keys) that runs killed by SIGKILL left behind. */
export function sweepStaleTlsDirs(tmp: string, prefix: string): string[] {
  const stale = fs.readdirSync(tmp).filter((f) => {
    const m = f.match(new RegExp(`^${prefix}-(\\d+)-tls$`));
    if (!m || Number(m[1]) === process.pid) return false;
    try {
      process.kill(Number(m[1]), 0);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ESRCH';
    }
  });
  stale.forEach((f) => fs.rmSync(path.join(tmp, f), { recursive: true, force: true }));
  return stale;
}
