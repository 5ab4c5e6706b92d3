/** Rules on label selectors: each selects the pods it is meant for, and only those. */
import { serviceSelectorMatches } from '../../kubernetes/label-selector';
import { Any, Finding, ManifestRule, matchesSelector, namespaceOf, objectId } from './context';

export const SELECTOR_RULES: readonly ManifestRule[] = [
  {
    id: 'selector-matches-pods',
    description: 'The selector of every Service, PodDisruptionBudget, NetworkPolicy, PodMonitor and StatefulSet selects the pod template of some workload.',
    *check(ctx): Iterable<Finding> {
      for (const svc of ctx.services) {
        const selector = (svc as Any).spec?.selector as Record<string, string> | undefined;
        if (selector && !ctx.candidates(namespaceOf(svc), selector).some((w) => serviceSelectorMatches(selector, w.podLabels))) {
          yield { object: svc, message: `selector ${JSON.stringify(selector)} matches no pod template in namespace ${namespaceOf(svc)}` };
        }
      }
      for (const pdb of ctx.ofKind('PodDisruptionBudget')) {
        const selector = (pdb as Any).spec?.selector;
        if (!ctx.candidates(namespaceOf(pdb), selector?.matchLabels).some((w) => matchesSelector(selector, w.podLabels, true))) {
          yield { object: pdb, message: `selector ${JSON.stringify(selector)} matches no pod template` };
        }
      }
      for (const np of ctx.ofKind('NetworkPolicy')) {
        const podSelector = (np as Any).spec?.podSelector;
        if (!ctx.candidates(namespaceOf(np), podSelector?.matchLabels).some((w) => matchesSelector(podSelector, w.podLabels, true))) {
          yield { object: np, message: `podSelector ${JSON.stringify(podSelector)} matches no pod template` };
        }
      }
      for (const pm of ctx.ofKind('PodMonitor')) {
        const selector = (pm as Any).spec?.selector;
        if (!ctx.candidates(namespaceOf(pm), selector?.matchLabels).some((w) => matchesSelector(selector, w.podLabels, false))) {
          yield { object: pm, message: `selector ${JSON.stringify(selector)} matches no pod template in namespace ${namespaceOf(pm)}` };
        }
      }
      for (const w of ctx.statefulSets) {
        const selector = (w.object as Any).spec?.selector;
        if (!matchesSelector(selector, w.podLabels, false)) {
          yield { object: w.object, message: `selector ${JSON.stringify(selector)} does not match its pod template labels ${JSON.stringify(w.podLabels)}` };
        }
      }
    },
  },
  {
    id: 'selector-overlap',
    description: "A StatefulSet's selector selects no other workload's pods in its namespace.",
    *check(ctx): Iterable<Finding> {
      for (const w of ctx.statefulSets) {
        const selector = (w.object as Any).spec?.selector;
        for (const other of ctx.candidates(w.namespace, selector?.matchLabels)) {
          // candidates() are all in w's namespace.
          if (other.object !== w.object && matchesSelector(selector, other.podLabels, false)) {
            yield {
              object: w.object,
              message: `selector ${JSON.stringify(selector)} also selects the pods of ${objectId(other.object)}; the controllers would fight over them`,
            };
          }
        }
      }
    },
  },
];
