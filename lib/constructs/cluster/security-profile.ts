import type * as k8s from '../../../imports/k8s';

/**
 * What the pod may do, and so what it assumes about the image.
 *
 * cdk8s-plus defaults (`runAsNonRoot`, `readOnlyRootFilesystem`) stop the seed's
 * image: it is `FROM erlang:25.3.2.8-alpine`, runs as root, and its relx start
 * script writes `vm.args`/`sys.config` next to the release at boot.
 */
export enum SecurityProfile {
  /**
   * Starts images that run as root and write into their release directory (the
   * seed's). Only what cannot break such an image is restricted: no privilege
   * escalation, the runtime's default seccomp profile, and no capabilities (root
   * writing files that root owns passes the permission checks as their owner;
   * epmd and distribution use unprivileged ports). An entrypoint that switches
   * user (gosu, su-exec) or chowns at boot needs `addCapabilities`.
   */
  ROOT_COMPATIBLE = 'root-compatible',
  /**
   * Non-root UID/GID with fsGroup (volumes are group-writable), read-only root
   * filesystem, all capabilities dropped, an emptyDir at `/tmp`, and
   * `RELX_OUT_FILE_PATH=/tmp` / `RELEASE_TMP=/tmp` so relx and mix write their
   * generated files there. Assumes the image runs from a release that any UID can read.
   */
  HARDENED = 'hardened',
}

/**
 * The default UID and GID of the hardened profile: at least 10000, so that it
 * maps to no user of the node (CKV_K8S_40), as in Bitnami's and VerneMQ's images.
 */
export const HARDENED_UID = 10001;
/** The default GID (and fsGroup) of the hardened profile. */
export const HARDENED_GID = 10001;
/** Where the hardened profile mounts its writable emptyDir. */
export const HARDENED_TMP_DIR = '/tmp';

/** Linux capability names, as the container runtime accepts them (without `CAP_`). */
export const LINUX_CAPABILITIES = [
  'AUDIT_CONTROL', 'AUDIT_READ', 'AUDIT_WRITE', 'BLOCK_SUSPEND', 'BPF', 'CHECKPOINT_RESTORE', 'CHOWN', 'DAC_OVERRIDE',
  'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'IPC_LOCK', 'IPC_OWNER', 'KILL', 'LEASE', 'LINUX_IMMUTABLE', 'MAC_ADMIN',
  'MAC_OVERRIDE', 'MKNOD', 'NET_ADMIN', 'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_RAW', 'PERFMON', 'SETFCAP', 'SETGID',
  'SETPCAP', 'SETUID', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_CHROOT', 'SYS_MODULE', 'SYS_NICE', 'SYS_PACCT', 'SYS_PTRACE',
  'SYS_RAWIO', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'SYSLOG', 'WAKE_ALARM',
] as const;

/** Everything a profile adds to the pod spec. */
export interface SecurityProfileParts {
  readonly podSecurityContext: k8s.PodSecurityContext;
  readonly containerSecurityContext: k8s.SecurityContext;
  readonly env: k8s.EnvVar[];
  readonly volumes: k8s.Volume[];
  readonly volumeMounts: k8s.VolumeMount[];
}

/** Who the hardened profile runs as, and what the root-compatible one keeps. */
export interface SecurityProfileOptions {
  /** @default HARDENED_UID */
  readonly uid?: number;
  /** Also the fsGroup, so that volumes are writable by the group. @default HARDENED_GID */
  readonly gid?: number;
  /** Capabilities the root-compatible profile adds back after dropping ALL. @default - none */
  readonly addCapabilities?: readonly string[];
}

/** The pod-spec parts of a profile. Pure. */
export function securityProfileParts(profile: SecurityProfile, options: SecurityProfileOptions = {}): SecurityProfileParts {
  const seccompProfile = { type: 'RuntimeDefault' };
  const add = options.addCapabilities ?? [];
  if (profile === SecurityProfile.ROOT_COMPATIBLE) {
    return {
      podSecurityContext: { seccompProfile },
      containerSecurityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'], add: add.length > 0 ? [...add] : undefined },
      },
      env: [],
      volumes: [],
      volumeMounts: [],
    };
  }
  const uid = options.uid ?? HARDENED_UID;
  const gid = options.gid ?? HARDENED_GID;
  return {
    podSecurityContext: {
      runAsNonRoot: true,
      runAsUser: uid,
      runAsGroup: gid,
      fsGroup: gid,
      fsGroupChangePolicy: 'OnRootMismatch',
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
  };
}
