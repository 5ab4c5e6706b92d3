/**
 * Rules on how the nodes find and reach each other: the dist port is declared
 * and exposed, the node names match the governing Service and discovery, and
 * the cookie stays out of the manifests.
 */
import { EPMD_PORT } from '../../erlang/distribution';
import { COOKIE_ENV_NAMES, ENV } from '../../erlang/env';
import { parseErlFlags } from '../../erlang/flags';
import { Any, Finding, list, literalEnv, ManifestContext, ManifestRule, nodeContainers, podContainers, Workload } from './context';

/** Each container of a StatefulSet that pins a dist port, with the port and its governing Service (if any). */
function* distContainers(ctx: ManifestContext): Iterable<{ w: Workload; c: Any; distPort: number; epmdless: boolean; serviceName: string; governing: Any }> {
  for (const w of ctx.statefulSets) {
    const serviceName = (w.object as Any).spec?.serviceName;
    const governing = ctx.service(w.namespace, serviceName);
    for (const c of nodeContainers(w)) {
      const { distPort, epmdless } = ctx.distributionOf(c);
      if (distPort !== undefined) yield { w, c, distPort, epmdless, serviceName, governing };
    }
  }
}

/** Whether a Service port forwards `port` to the pods: by number, or by the container port's name. */
function exposes(governing: Any, port: number, portName?: string): boolean {
  // No targetPort means the port itself; a missing portName can only equal a missing targetPort, which matched already.
  return list(governing.spec?.ports).some((p: Any) => p.port === port && (p.targetPort === undefined || p.targetPort === port || p.targetPort === portName));
}

/** The container port that carries `port`, if declared. */
function containerPort(c: Any, port: number): Any {
  return list(c.ports).find((p: Any) => p.containerPort === port);
}

export const ERLANG_DISTRIBUTION_RULES: readonly ManifestRule[] = [
  {
    id: 'dist-port-declared',
    description: 'A container that pins its distribution port declares it as a container port.',
    *check(ctx): Iterable<Finding> {
      for (const { w, c, distPort } of distContainers(ctx)) {
        if (!containerPort(c, distPort))
          yield { object: w.object, message: `container ${c.name} listens for distribution on ${distPort} but does not declare that port` };
      }
    },
  },
  {
    id: 'dist-port-on-headless-service',
    description: 'The governing headless Service exposes the distribution port.',
    *check(ctx): Iterable<Finding> {
      for (const { w, c, distPort, serviceName, governing } of distContainers(ctx)) {
        if (governing && !exposes(governing, distPort, containerPort(c, distPort)?.name)) {
          yield { object: w.object, message: `headless Service ${serviceName} does not expose the distribution port ${distPort}` };
        }
      }
    },
  },
  {
    id: 'epmd-port-on-headless-service',
    description: `Unless epmd-less, the governing headless Service exposes epmd (${EPMD_PORT}).`,
    *check(ctx): Iterable<Finding> {
      for (const { w, epmdless, serviceName, governing } of distContainers(ctx)) {
        if (governing && !epmdless && !exposes(governing, EPMD_PORT, 'epmd')) {
          yield { object: w.object, message: `headless Service ${serviceName} does not expose epmd (${EPMD_PORT})` };
        }
      }
    },
  },
  {
    id: 'host-name-governing-service',
    description: `A node's ${ENV.ERLANG_HOST_NAME} is under the governing Service, the only one that gives the pods DNS names.`,
    *check(ctx): Iterable<Finding> {
      for (const w of ctx.statefulSets) {
        const governing = (w.object as Any).spec?.serviceName;
        for (const c of nodeContainers(w)) {
          // `<pod>.<service>.<namespace>.svc.<domain>`: the second label names the Service.
          const host = literalEnv(c.env)[ENV.ERLANG_HOST_NAME];
          const service = host?.split('.')[1];
          if (host !== undefined && service !== governing) {
            yield {
              object: w.object,
              message: `container ${c.name}: ${ENV.ERLANG_HOST_NAME} ${host} is under Service ${service ?? '(none)'}, but the governing Service is ${governing}; only that one gives the pods DNS names`,
            };
          }
        }
      }
    },
  },
  {
    id: 'node-basename-matches-discovery',
    description: `A node's ${ENV.RELEASE_NODE} has the basename that discovery (${ENV.ERLANG_NODE_BASENAME}) looks for.`,
    *check(ctx): Iterable<Finding> {
      for (const w of ctx.statefulSets) {
        for (const c of nodeContainers(w)) {
          const env = literalEnv(c.env);
          const node = env[ENV.RELEASE_NODE];
          const basename = env[ENV.ERLANG_NODE_BASENAME];
          const own = node?.split('@')[0];
          if (node !== undefined && basename !== undefined && own !== basename) {
            yield {
              object: w.object,
              message: `container ${c.name}: ${ENV.RELEASE_NODE} ${node} has basename ${own}, but discovery (${ENV.ERLANG_NODE_BASENAME}) looks for ${basename}; peers would never connect`,
            };
          }
        }
      }
    },
  },
  {
    id: 'no-literal-cookie',
    description: 'No container carries the cookie as a literal env value or a -setcookie flag: it would land in dist/ and in git.',
    *check(ctx): Iterable<Finding> {
      for (const w of ctx.workloads) {
        for (const c of podContainers(w)) {
          for (const e of list(c.env)) {
            if (COOKIE_ENV_NAMES.includes(e.name) && e.value !== undefined && !/^\$\([A-Z_]+\)$/.test(e.value)) {
              yield { object: w.object, message: `container ${c.name}: ${e.name} is a literal; take the cookie from a Secret (secretKeyRef)` };
            }
            // Stryker disable next-line StringLiteral: '' and any stand-in without a '-' token parse to no flags
            const flags = parseErlFlags(String(e.value ?? ''));
            if (flags.some((f) => f.flag === '-setcookie')) {
              yield { object: w.object, message: `container ${c.name}: ${e.name} passes -setcookie literally; take the cookie from a Secret` };
            }
          }
        }
      }
    },
  },
];
