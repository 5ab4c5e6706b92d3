import type * as k8s from '../../../imports/k8s';
import { brand, hasBrand } from '../../core/brand';
import type { ClusterIdentity, PodParts } from './spec';

/**
 * The default UID and GID of the hardened profile: at least 10000, so that it
 * maps to no user of the node (CKV_K8S_40), as in Bitnami's and VerneMQ's images.
 */
export const HARDENED_UID = 10001;
/** The default GID (and fsGroup) of the hardened profile. */
export const HARDENED_GID = 10001;

/**
 * What the pod may do, and so what it assumes about the image. A strategy:
 * it gives the pod its security contexts, env and volumes.
 *
 * cdk8s-plus defaults (`runAsNonRoot`, `readOnlyRootFilesystem`) stop the reference system's
 * image: it is `FROM erlang:25.3.2.8-alpine`, runs as root, and its relx start
 * script writes `vm.args`/`sys.config` next to the release at boot.
 */
export class SecurityProfile {
  /**
   * Starts images that run as root and write into their release directory (the
   * reference system's), and images that run as another user. Only what cannot break such an
   * image is restricted: no privilege escalation, the runtime's default seccomp
   * profile, and no capabilities (root writing files that root owns passes the
   * permission checks as their owner; epmd and distribution use unprivileged
   * ports). The volumes belong to group `runAsGroup` (fsGroup), so a non-root
   * user can write them too. An entrypoint that switches
   * user (gosu, su-exec) or chowns at boot needs `addCapabilities`.
   */
  public static readonly ROOT_COMPATIBLE = new SecurityProfile('root-compatible', rootCompatibleParts);
  /**
   * Non-root UID/GID with fsGroup (volumes are group-writable), read-only root
   * filesystem, all capabilities dropped, an emptyDir at `/tmp`, and
   * `RELX_OUT_FILE_PATH=/tmp` / `RELEASE_TMP=/tmp` so relx and mix write their
   * generated files there. Assumes the image runs from a release that any UID can read.
   */
  public static readonly HARDENED = new SecurityProfile('hardened', hardenedParts);
  /** Every profile, in the order messages list them. */
  public static readonly ALL: SecurityProfile[] = [SecurityProfile.ROOT_COMPATIBLE, SecurityProfile.HARDENED];
  /**
   * The hardened profile's default UID (10001): at least 10000, so that it maps to no user
   * of the node. An image built for the hardened profile makes its data directories
   * writable by it (or by {@link SecurityProfile.HARDENED_GID}).
   */
  public static readonly HARDENED_UID: number = HARDENED_UID;
  /** The hardened profile's default GID and fsGroup (10001). */
  public static readonly HARDENED_GID: number = HARDENED_GID;

  /** Whether `x` is a SecurityProfile, from this or any other copy of this package. */
  public static isSecurityProfile(x: unknown): x is SecurityProfile {
    return hasBrand(x, 'SecurityProfile');
  }

  /** The profile called `value` ('root-compatible' or 'hardened'), as configuration files and JavaScript callers name it. */
  public static fromValue(value: string): SecurityProfile | undefined {
    return SecurityProfile.ALL.find((p) => p.value === value);
  }

  private constructor(
    /** The profile's name, as messages and configuration files spell it. */
    public readonly value: string,
    private readonly parts: (cluster: ClusterIdentity) => PodParts,
  ) {
    brand(this, 'SecurityProfile');
  }

  /**
   * What the profile adds to the pod of `cluster`. Pure. Internal: the builders' contract.
   * @internal
   */
  public _podParts(cluster: ClusterIdentity): PodParts {
    return this.parts(cluster);
  }

  /** The profile's name, e.g. 'hardened'. */
  public toString(): string {
    return this.value;
  }
}

/** Where the hardened profile mounts its writable emptyDir. */
export const HARDENED_TMP_DIR = '/tmp';

const seccompProfile = { type: 'RuntimeDefault' };

/** The defaults of the hardened profile's user and group, in one place. */
const HARDENED_DEFAULTS = { uid: HARDENED_UID, gid: HARDENED_GID } as const;

/** The volumes' group: the cluster's group, else the hardened profile's. */
function groupOf(cluster: ClusterIdentity): number {
  return cluster.runAs.gid ?? HARDENED_DEFAULTS.gid;
}

/**
 * The volumes' group, in every profile: the kubelet makes the volumes group-owned
 * and writable by it and adds it to the container's groups, so an image that runs
 * as a non-root user (a `mix phx.gen.release --docker` image runs as `nobody`) can
 * write its data volume; root is not affected.
 */
function volumeGroup(cluster: ClusterIdentity): k8s.PodSecurityContext {
  return { fsGroup: groupOf(cluster), fsGroupChangePolicy: 'OnRootMismatch' };
}

function rootCompatibleParts(cluster: ClusterIdentity): PodParts {
  const add = cluster.runAs.addCapabilities ?? [];
  return {
    podSecurityContext: { ...volumeGroup(cluster), seccompProfile },
    containerSecurityContext: {
      allowPrivilegeEscalation: false,
      capabilities: add.length > 0 ? { drop: ['ALL'], add: [...add] } : { drop: ['ALL'] },
    },
    env: [],
    volumes: [],
    volumeMounts: [],
    rbacRules: [],
  };
}

function hardenedParts(cluster: ClusterIdentity): PodParts {
  const uid = cluster.runAs.uid ?? HARDENED_DEFAULTS.uid;
  const gid = groupOf(cluster);
  return {
    podSecurityContext: {
      runAsNonRoot: true,
      runAsUser: uid,
      runAsGroup: gid,
      ...volumeGroup(cluster),
      seccompProfile,
    },
    containerSecurityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
    },
    env: [
      // relx writes the rendered vm.args/sys.config here; the directory must exist.
      { name: 'RELX_OUT_FILE_PATH', value: HARDENED_TMP_DIR },
      // mix releases' equivalent.
      { name: 'RELEASE_TMP', value: HARDENED_TMP_DIR },
    ],
    volumes: [{ name: 'tmp', emptyDir: {} }],
    volumeMounts: [{ name: 'tmp', mountPath: HARDENED_TMP_DIR }],
    rbacRules: [],
  };
}
