/**
 * Cross-object checks on synthesized manifests: the invariants that a schema
 * cannot see and that decide whether Erlang nodes will find each other. They
 * work on plain JSON objects, so they apply equally to objects built by our
 * constructs, hand-written ApiObjects, and YAML read back from dist/.
 *
 * The rules are data, one file a topic in ./rules/; this is the engine that runs them.
 */
import { ManifestContext, objectId } from './rules/context';
import type { KubeObject, ManifestRule, ManifestViolation } from './rules/context';
import { MANIFEST_RULES } from './rules/index';

export { serviceSelectorMatches as selects } from '../kubernetes/label-selector';
export type { LabelSelector } from '../kubernetes/label-selector';
export { declaredDistPort, matchesSelector, objectId } from './rules/context';
export type { Finding, KubeObject, ManifestRule, ManifestViolation } from './rules/context';
export { MANIFEST_RULES };

/** Runs every rule of `rules` (all of them by default). An empty list means the manifests hang together. */
export function checkManifests(objects: readonly KubeObject[], rules: readonly ManifestRule[] = MANIFEST_RULES): ManifestViolation[] {
  const context = new ManifestContext(objects);
  const violations: ManifestViolation[] = [];
  for (const rule of rules) {
    for (const { object, message } of rule.check(context)) violations.push({ rule: rule.id, object: objectId(object), message });
  }
  return violations;
}
