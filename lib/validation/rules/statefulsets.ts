/**
 * Rules on a StatefulSet and its governing Service: only a headless Service
 * that selects the pods and publishes them before Ready gives each pod the
 * DNS name that its Erlang node name is built on.
 */
import { serviceSelectorMatches } from '../../kubernetes/label-selector';
import { Any, Finding, ManifestContext, ManifestRule, Workload } from './context';

/** Each StatefulSet with its governing Service, for those that have one. */
function* governed(ctx: ManifestContext): Iterable<{ w: Workload; serviceName: string; governing: Any }> {
  for (const w of ctx.statefulSets) {
    const serviceName = (w.object as Any).spec?.serviceName;
    const governing = ctx.service(w.namespace, serviceName);
    if (governing) yield { w, serviceName, governing };
  }
}

export const STATEFUL_SET_RULES: readonly ManifestRule[] = [
  {
    id: 'governing-service-exists',
    description: "A StatefulSet's serviceName names a Service in its namespace.",
    *check(ctx): Iterable<Finding> {
      for (const w of ctx.statefulSets) {
        const serviceName = (w.object as Any).spec?.serviceName;
        if (!ctx.service(w.namespace, serviceName)) {
          yield { object: w.object, message: `serviceName ${serviceName} names no Service in namespace ${w.namespace}; pods get no DNS names` };
        }
      }
    },
  },
  {
    id: 'governing-service-headless',
    description: 'The governing Service is headless (clusterIP: None).',
    *check(ctx): Iterable<Finding> {
      for (const { w, serviceName, governing } of governed(ctx)) {
        if (governing.spec?.clusterIP !== 'None') {
          yield { object: w.object, message: `governing Service ${serviceName} is not headless (clusterIP: None); pods get no per-pod DNS names` };
        }
      }
    },
  },
  {
    id: 'governing-service-selects-pods',
    description: "The governing Service selects the StatefulSet's pods.",
    *check(ctx): Iterable<Finding> {
      for (const { w, serviceName, governing } of governed(ctx)) {
        if (!serviceSelectorMatches(governing.spec?.selector, w.podLabels)) {
          yield { object: w.object, message: `governing Service ${serviceName} does not select this StatefulSet's pods` };
        }
      }
    },
  },
  {
    id: 'governing-service-publishes-not-ready',
    description: 'The governing Service sets publishNotReadyAddresses: true, so peers resolve each other before Ready.',
    *check(ctx): Iterable<Finding> {
      for (const { w, serviceName, governing } of governed(ctx)) {
        if (governing.spec?.publishNotReadyAddresses !== true) {
          yield {
            object: w.object,
            message: `governing Service ${serviceName} lacks publishNotReadyAddresses: true; peers cannot resolve each other before Ready`,
          };
        }
      }
    },
  },
  {
    id: 'service-account-exists',
    description: "The ServiceAccount a StatefulSet's pods use is defined in its namespace.",
    *check(ctx): Iterable<Finding> {
      const serviceAccounts = ctx.namesOf('ServiceAccount');
      for (const w of ctx.statefulSets) {
        const podSa = (w.object as Any).spec?.template?.spec?.serviceAccountName;
        if (podSa && !serviceAccounts.has(`${w.namespace}/${podSa}`)) {
          yield { object: w.object, message: `pods use ServiceAccount ${podSa}, which is not defined` };
        }
      }
    },
  },
];
