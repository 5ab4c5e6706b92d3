/** Rules on volume mounts: each names a volume or claim template, at a path of its own. */
import { Any, Finding, list, ManifestRule, podContainers } from './context';

export const STORAGE_RULES: readonly ManifestRule[] = [
  {
    id: 'mount-path-unique',
    description: 'No container mounts two volumes at the same path; the apiserver refuses that.',
    *check(ctx): Iterable<Finding> {
      for (const w of ctx.workloads) {
        for (const c of podContainers(w)) {
          const mountedAt = new Map<string, string>();
          for (const m of list(c.volumeMounts)) {
            const other = mountedAt.get(m.mountPath);
            if (other !== undefined)
              yield { object: w.object, message: `container ${c.name} mounts both ${other} and ${m.name} at ${m.mountPath}; the apiserver refuses that` };
            mountedAt.set(m.mountPath, m.name);
          }
        }
      }
    },
  },
  {
    id: 'volume-mount-exists',
    description: "Every volume mount names a volume of the pod or one of the StatefulSet's claim templates.",
    *check(ctx): Iterable<Finding> {
      for (const w of ctx.workloads) {
        const spec = (w.object as Any).spec ?? {};
        const claimNames = list(spec.volumeClaimTemplates).map((c: Any) => c.metadata?.name);
        const volumeNames = new Set<string>([...list(spec.template?.spec?.volumes).map((v: Any) => v.name), ...claimNames]);
        for (const c of podContainers(w)) {
          for (const m of list(c.volumeMounts)) {
            if (!volumeNames.has(m.name))
              yield { object: w.object, message: `container ${c.name} mounts ${m.name}, which is neither a volume nor a claim template` };
          }
        }
      }
    },
  },
];
