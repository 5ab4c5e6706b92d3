/** Rules on Services: their ports reach the pods, and node ports are valid cluster-wide. */
import { serviceSelectorMatches } from '../../kubernetes/label-selector';
import { NODE_PORT_RANGE } from '../../checks';
import { Any, containerPortNames, Finding, KubeObject, list, ManifestRule, namespaceOf, objectId } from './context';

/** Every port of every Service that sets a nodePort, in manifest order. */
function* nodePorts(services: readonly KubeObject[]): Iterable<{ svc: KubeObject; nodePort: number }> {
  for (const svc of services) {
    for (const p of list((svc as Any).spec?.ports)) if (p.nodePort !== undefined) yield { svc, nodePort: p.nodePort };
  }
}

export const SERVICE_RULES: readonly ManifestRule[] = [
  {
    id: 'service-target-port-exists',
    description: "A Service's named targetPort is a container port name of every pod it selects; else the Service has no endpoints there.",
    *check(ctx): Iterable<Finding> {
      for (const svc of ctx.services) {
        const selector = (svc as Any).spec?.selector as Record<string, string> | undefined;
        const selected = ctx.candidates(namespaceOf(svc), selector).filter((w) => serviceSelectorMatches(selector, w.podLabels));
        for (const p of list((svc as Any).spec?.ports)) {
          if (typeof p.targetPort !== 'string') continue;
          for (const w of selected.filter((x) => !containerPortNames(x).has(p.targetPort))) {
            yield {
              object: svc,
              message: `targetPort ${p.targetPort} is not a container port name of ${objectId(w.object)}; the Service gets no endpoints there`,
            };
          }
        }
      }
    },
  },
  {
    id: 'node-port-range',
    description: `Every nodePort is in the apiserver's default range ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}.`,
    *check(ctx): Iterable<Finding> {
      for (const { svc, nodePort } of nodePorts(ctx.services)) {
        if (nodePort < NODE_PORT_RANGE.min || nodePort > NODE_PORT_RANGE.max) {
          yield { object: svc, message: `nodePort ${nodePort} is outside ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}` };
        }
      }
    },
  },
  {
    id: 'node-port-unique',
    description: 'No two Service ports share a nodePort: node ports are cluster-wide.',
    *check(ctx): Iterable<Finding> {
      const holders = new Map<number, string>();
      for (const { svc, nodePort } of nodePorts(ctx.services)) {
        const holder = holders.get(nodePort);
        if (holder) yield { object: svc, message: `nodePort ${nodePort} is also used by ${holder}` };
        holders.set(nodePort, objectId(svc));
      }
    },
  },
];
