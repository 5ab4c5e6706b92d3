/**
 * A pod's Secret, ConfigMap and emptyDir volumes as the kubelet makes them,
 * written for the e2e check from the kubelet's code (pkg/volume/secret,
 * pkg/volume/emptydir, and SetVolumeOwnership in pkg/volume/volume_linux.go),
 * not from lib/:
 *
 * - A Secret or ConfigMap file gets its item's `mode`, else the volume's
 *   `defaultMode`, else 0644. The kubelet (root) owns it.
 * - An emptyDir starts empty, mode 0777.
 * - With an `fsGroup`, every file and directory of the volume is given to that
 *   group (the owner is kept), and its mode gains 0440 on a read-only volume
 *   (Secret, ConfigMap, projected) or 0660 on a writable one (emptyDir);
 *   directories also gain setgid and 0110. So under an fsGroup a Secret's
 *   file is never owner-only, whatever `defaultMode` asks.
 *
 * Not modelled: the atomic writer's `..data` symlinks (the files are plain
 * files here; the VM follows those symlinks anyway), and `medium: Memory`
 * (the emptyDir is a directory of the run, not a tmpfs of its own).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Container, Volume } from './kube';
import { Pod, podVolumes, SecretData } from './simulate';
import type { KubeObject } from './kube';

/** SetVolumeOwnership's masks. */
const RW_MASK = 0o660;
const RO_MASK = 0o440;
const EXEC_MASK = 0o110;
const SETGID = 0o2000;
/** The API default of a Secret or ConfigMap volume's `defaultMode`. */
const DEFAULT_MODE = 0o644;

/** A volume made on the host. */
export interface HostVolume {
  readonly dir: string;
}

/** The mode SetVolumeOwnership gives a file or directory of a volume under an fsGroup. */
export function ownershipMode(mode: number, isDir: boolean, readOnlyVolume: boolean): number {
  const mask = (readOnlyVolume ? RO_MASK : RW_MASK) | (isDir ? SETGID | EXEC_MASK : 0);
  return mode | mask;
}

function setVolumeOwnership(dir: string, fsGroup: number, readOnlyVolume: boolean): void {
  const st = fs.lstatSync(dir);
  if (st.isSymbolicLink()) return;
  fs.chownSync(dir, st.uid, fsGroup);
  fs.chmodSync(dir, ownershipMode(st.mode & 0o7777, st.isDirectory(), readOnlyVolume));
  if (st.isDirectory()) for (const e of fs.readdirSync(dir)) setVolumeOwnership(path.join(dir, e), fsGroup, readOnlyVolume);
}

/** The file mode the volume source asks for `file`. */
function requestedMode(v: Volume, file: string): number {
  const src = v.secret ?? v.configMap;
  return src?.items?.find((i) => i.path === file)?.mode ?? src?.defaultMode ?? DEFAULT_MODE;
}

/**
 * Makes, under `root` (one directory per volume), the Secret, ConfigMap,
 * projected and emptyDir volumes that `containers` mount, unless they exist
 * (a restarted container keeps its pod's volumes). Claims are not made here.
 */
export function makePodVolumes(
  pod: Pod,
  containers: readonly Container[],
  objects: readonly KubeObject[],
  secrets: SecretData,
  root: string,
): Map<string, HostVolume> {
  const made = new Map<string, HostVolume>();
  const mounts = containers.flatMap((c) => c.volumeMounts ?? []);
  const fsGroup = pod.runtime?.securityContext?.fsGroup;
  const withData = podVolumes({ ...pod, container: { name: 'all', volumeMounts: mounts } }, objects, secrets);
  for (const name of new Set(mounts.map((m) => m.name))) {
    const v = pod.volumes?.find((x) => x.name === name);
    if (!v) continue;
    const dir = path.join(root, name);
    const data = withData.find((w) => w.name === name);
    if (!data && !v.emptyDir) continue;
    made.set(name, { dir });
    if (fs.existsSync(dir)) continue;
    fs.mkdirSync(dir, { recursive: true });
    if (data) {
      for (const [file, content] of Object.entries(data.files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), content);
        fs.chmodSync(path.join(dir, file), requestedMode(v, file));
      }
      fs.chmodSync(dir, 0o755);
    } else {
      fs.chmodSync(dir, 0o777);
    }
    if (fsGroup !== undefined) setVolumeOwnership(dir, fsGroup, !v.emptyDir);
  }
  return made;
}
