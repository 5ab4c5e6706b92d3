/** Rules on object names: unique, and short enough for the labels derived from them. */
import { MAX_STATEFUL_SET_NAME } from '../../checks';
import { Finding, ManifestRule, objectId } from './context';

export const NAME_RULES: readonly ManifestRule[] = [
  {
    id: 'unique-names',
    description: 'No two objects share apiVersion, kind, namespace and name.',
    *check(ctx): Iterable<Finding> {
      const seen = new Set<string>();
      for (const o of ctx.objects) {
        const key = `${o.apiVersion}/${objectId(o)}`;
        if (seen.has(key)) yield { object: o, message: 'is defined twice' };
        seen.add(key);
      }
    },
  },
  {
    id: 'statefulset-name-length',
    description: `A StatefulSet's name has at most ${MAX_STATEFUL_SET_NAME} characters.`,
    *check(ctx): Iterable<Finding> {
      for (const { object } of ctx.statefulSets) {
        const name = String(object.metadata?.name);
        if (name.length > MAX_STATEFUL_SET_NAME) {
          yield { object, message: `name is ${name.length} chars; over ${MAX_STATEFUL_SET_NAME} breaks the pods' controller-revision-hash label` };
        }
      }
    },
  },
];
