/**
 * The cert-manager Certificate behind TLS distribution. Clusters of one mesh
 * that mount the same Secret in one namespace share one Certificate; it lists
 * the wildcard name of every cluster in their mesh, because the dialling node
 * checks the peer's certificate against the peer's host name.
 */
import { Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Certificate } from '../../../imports/cert-manager.io';
import { CertificateIssuer, IssuerKind, wildcardDnsName } from '../../erlang/distribution';
import { ConfigError } from '../../core/errors';
import { checkDnsSubdomain, checkOneOf } from '../../checks';
import { newApiObject } from '../any-keys';
import { appRegistry } from '../app-registry';

/** What the Certificate needs to know of a cluster. */
export interface MeshMember extends IConstruct {
  readonly namespace: string;
  readonly headlessServiceName: string;
  readonly clusterDomain: string;
  readonly peerClusters: readonly MeshMember[];
}

/** Usages that inet_tls_dist needs: each node is a TLS server and a TLS client. */
/** The defaults of `distribution.tls.issuer`, in one place. */
const ISSUER_DEFAULTS = { kind: IssuerKind.ISSUER } as const;

export const DIST_CERTIFICATE_USAGES = ['digital signature', 'key encipherment', 'server auth', 'client auth'];

/** One Certificate of an app, by namespace and Secret; plain, because every copy of this package reads it. */
interface Entry {
  /** The clusters that mount its Secret; the Certificate reads them at synth. */
  readonly members: MeshMember[];
  readonly issuer: Required<CertificateIssuer>;
  /** The construct path of the cluster that created it. */
  readonly owner: string;
}

/**
 * Makes `member` a user of the Certificate for `secretName` in its namespace,
 * creating it (as a child of `member`) on first use.
 */
export function useDistCertificate(member: MeshMember & Construct, secretName: string, issuer: CertificateIssuer): void {
  const where = member.node.path;
  const resolved = {
    name: checkDnsSubdomain(where, 'distribution.tls.issuer.name', issuer.name),
    kind: checkOneOf(where, 'distribution.tls.issuer.kind', issuer.kind ?? ISSUER_DEFAULTS.kind, Object.values(IssuerKind)),
  };
  const entries = appRegistry<Entry>(member, 'dist-certificates');
  const key = `${member.namespace}/${secretName}`;
  const entry = entries[key];
  if (entry) {
    if (entry.issuer.name !== resolved.name || entry.issuer.kind !== resolved.kind) {
      throw new ConfigError(
        where,
        'distribution.tls.issuer',
        issuer,
        `differs from ${entry.owner}'s ${entry.issuer.kind} '${entry.issuer.name}', which issues Secret ${secretName} in namespace ${member.namespace}; one Secret has one issuer`,
      );
    }
    entry.members.push(member);
    return;
  }
  const created: Entry = { members: [member], issuer: resolved, owner: where };
  entries[key] = created;
  newApiObject(Certificate, member, 'DistCertificate', {
    metadata: { name: secretName, namespace: member.namespace },
    spec: Lazy.any({
      produce: () => ({
        secretName,
        issuerRef: { name: resolved.name, kind: resolved.kind, group: 'cert-manager.io' },
        dnsNames: meshDnsNames(created.members),
        usages: DIST_CERTIFICATE_USAGES,
        // P-256, as the e2e's certificates; a new key at each renewal.
        privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      }),
    }),
  });
}

/** The wildcard names of every cluster reachable from `members` through peers, sorted. */
export function meshDnsNames(members: readonly MeshMember[]): string[] {
  const seen = new Set<MeshMember>();
  const queue = [...members];
  while (queue.length > 0) {
    const m = queue.shift()!;
    if (seen.has(m)) continue;
    seen.add(m);
    queue.push(...m.peerClusters);
  }
  return [...new Set([...seen].map((m) => wildcardDnsName(m.headlessServiceName, m.namespace, m.clusterDomain)))].sort();
}
