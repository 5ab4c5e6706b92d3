/**
 * lib/validation/rules/names.ts: unique-names and statefulset-name-length on malformed manifests.
 */
import { run } from '../../fixtures/manifests';

describe('unique-names and statefulset-name-length', () => {
  test('StatefulSets without metadata: no throw; they share the id StatefulSet/? and "undefined" is short enough', () => {
    const bare = { apiVersion: 'apps/v1', kind: 'StatefulSet', spec: {} };
    expect(run([bare, { ...bare }], 'unique-names', 'statefulset-name-length')).toEqual(['unique-names StatefulSet/?: is defined twice']);
  });
});
