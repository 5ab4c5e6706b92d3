/**
 * Cross-object rules on a node's identity, read from the env of a written
 * StatefulSet: its host name must be under the governing headless Service (the
 * only one that gives pods DNS names), and its node basename must be the one
 * that discovery looks for. Both synthesize fine when wrong, and then never mesh.
 */
import { ENV } from '../erlang/env';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Reports the identity mistakes of one StatefulSet's containers through `add`. */
export function checkNodeIdentity(sts: Any, add: (rule: string, message: string) => void): void {
  const governing = sts.spec?.serviceName;
  for (const c of sts.spec?.template?.spec?.containers ?? []) {
    const env = new Map<string, string>();
    for (const e of c.env ?? []) if (typeof e.value === 'string') env.set(e.name, e.value);
    // `<pod>.<service>.<namespace>.svc.<domain>`: the second label names the Service.
    const host = env.get(ENV.ERLANG_HOST_NAME);
    const service = host?.split('.')[1];
    if (host !== undefined && service !== governing) {
      add('host-name-governing-service',
        `container ${c.name}: ${ENV.ERLANG_HOST_NAME} ${host} is under Service ${service ?? '(none)'}, but the governing Service is ${governing}; only that one gives the pods DNS names`);
    }
    const node = env.get(ENV.RELEASE_NODE);
    const basename = env.get(ENV.ERLANG_NODE_BASENAME);
    const own = node?.split('@')[0];
    if (node !== undefined && basename !== undefined && own !== basename) {
      add('node-basename-matches-discovery',
        `container ${c.name}: ${ENV.RELEASE_NODE} ${node} has basename ${own}, but discovery (${ENV.ERLANG_NODE_BASENAME}) looks for ${basename}; peers would never connect`);
    }
  }
}
