/** Rules on containers: env expands as written, and probes hit a port the container declares. */
import { unresolvedReferences } from '../../kubernetes/kubelet-env';
import { Any, Finding, list, ManifestRule, podContainers } from './context';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'];

export const CONTAINER_RULES: readonly ManifestRule[] = [
  {
    id: 'env-order',
    description: 'Every $(VAR) in a container env refers to a variable defined earlier in the list; the kubelet leaves any other literal.',
    *check(ctx): Iterable<Finding> {
      for (const w of ctx.workloads) {
        for (const c of podContainers(w)) {
          // With envFrom, names not in env may still be defined; only order mistakes are certain.
          const references = unresolvedReferences(list(c.env)).filter((r) => !c.envFrom || r.reason === 'defined-later');
          for (const r of references) {
            yield {
              object: w.object,
              message: `container ${c.name}: ${r.variable} refers to $(${r.reference}), which is ${r.reason === 'defined-later' ? 'defined later in the list' : 'not defined'}; the kubelet leaves it literal`,
            };
          }
        }
      }
    },
  },
  {
    id: 'probe-port-declared',
    description: "A probe's named port is a port the container declares; else the probe never succeeds.",
    *check(ctx): Iterable<Finding> {
      for (const w of ctx.workloads) {
        for (const c of podContainers(w)) {
          const portNames = new Set(list(c.ports).map((p: Any) => p.name)); // only string ports are looked up
          for (const probe of PROBES) {
            const port = c[probe]?.httpGet?.port ?? c[probe]?.tcpSocket?.port;
            if (typeof port === 'string' && !portNames.has(port)) {
              yield {
                object: w.object,
                message: `container ${c.name}: ${probe} uses port ${port}, which the container does not declare; the probe can never succeed`,
              };
            }
          }
        }
      }
    },
  },
];
