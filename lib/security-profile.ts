import type * as k8s from '../imports/k8s';

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
   * escalation, the runtime's default seccomp profile.
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

/** The UID/GID of the hardened profile (the conventional first non-system user). */
export const HARDENED_UID = 1000;
/** Where the hardened profile mounts its writable emptyDir. */
export const HARDENED_TMP_DIR = '/tmp';

/** Everything a profile adds to the pod spec. */
export interface SecurityProfileParts {
  readonly podSecurityContext: k8s.PodSecurityContext;
  readonly containerSecurityContext: k8s.SecurityContext;
  readonly env: k8s.EnvVar[];
  readonly volumes: k8s.Volume[];
  readonly volumeMounts: k8s.VolumeMount[];
}

/** The pod-spec parts of a profile. Pure. */
export function securityProfileParts(profile: SecurityProfile, uid: number = HARDENED_UID): SecurityProfileParts {
  const seccompProfile = { type: 'RuntimeDefault' };
  if (profile === SecurityProfile.ROOT_COMPATIBLE) {
    return {
      podSecurityContext: { seccompProfile },
      containerSecurityContext: { allowPrivilegeEscalation: false },
      env: [],
      volumes: [],
      volumeMounts: [],
    };
  }
  return {
    podSecurityContext: {
      runAsNonRoot: true,
      runAsUser: uid,
      runAsGroup: uid,
      fsGroup: uid,
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
