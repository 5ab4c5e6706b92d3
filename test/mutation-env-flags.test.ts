/**
 * The kubelet's `$(VAR)` expansion (lib/kubernetes/kubelet-env.ts) where it is easy to get
 * wrong: `$$` inside a reference and after an unclosed `$(`, and env values that malformed
 * YAML makes numbers or nulls, through the env-order rule. Then the emulator-flag grammar
 * (lib/erlang/flags.ts): tokens split on any run of white space, and the pinned listen port.
 */
import { expandReferences, resolveEnv, unresolvedReferences } from '../lib/kubernetes/kubelet-env';
import { checkManifests, KubeObject } from '../lib/validation/manifests';

const lookup = (vars: Record<string, string>) => (n: string) => vars[n];

describe('kubelet env expansion', () => {
  test('after an unclosed $( the scan goes on: a later $$ is still an escaped $', () => {
    expect(expandReferences('$(A$$', lookup({ A: '1' }))).toBe('$(A$');
    expect(expandReferences('x $(A $$ $(B', lookup({ A: '1', B: '2' }))).toBe('x $(A $ $(B');
    expect(expandReferences('$($', lookup({}))).toBe('$($');
  });

  test('inside $(...) everything up to the first ) is the name, $$ included', () => {
    expect(expandReferences('$(a$$b)', lookup({ a$$b: 'x', ab: 'y' }))).toBe('x');
    expect(expandReferences('$(a$$b)c', lookup({}))).toBe('$(a$$b)c');
    expect(unresolvedReferences([{ name: 'X', value: '$(a$$b) $(c$)' }])).toEqual([
      { variable: 'X', reference: 'a$$b', reason: 'undefined' },
      { variable: 'X', reference: 'c$', reason: 'undefined' },
    ]);
  });

  test('references are found as the kubelet scans, not by pattern: escapes, unclosed $( and empty names', () => {
    expect(
      unresolvedReferences([
        { name: 'A', value: '$$(B) $$$(B) $(B $$(C)' },
        { name: 'B', value: '$(A) $($(A)) $()' },
      ]),
    ).toEqual([
      { variable: 'A', reference: 'B', reason: 'defined-later' },
      { variable: 'A', reference: 'B $$(C', reason: 'undefined' },
      { variable: 'B', reference: '$(A', reason: 'undefined' },
      { variable: 'B', reference: '', reason: 'undefined' },
    ]);
  });

  test('resolveEnv expands with the same scan', () => {
    const env = [
      { name: 'A', value: 'a' },
      { name: 'B', value: '$(A)$$(A)$(A$$' },
    ];
    expect([...resolveEnv(env, () => '')]).toEqual([
      ['A', 'a'],
      ['B', 'a$(A)$(A$'],
    ]);
  });

  test('a value that is not a string (malformed YAML) holds no reference, and the env-order rule does not throw on it', () => {
    const env = [
      { name: 'A', value: 8080 },
      { name: 'B', value: null },
      { name: 'C', value: '$(D)' },
      { name: 'D', value: { x: '$(E)' } },
    ] as never[];
    expect(unresolvedReferences(env)).toEqual([{ variable: 'C', reference: 'D', reason: 'defined-later' }]);
    const sts: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'app', namespace: 'prod' },
      spec: { template: { spec: { containers: [{ name: 'node', image: 'app:1', env }] } } },
    };
    expect(checkManifests([sts]).filter((v) => v.rule === 'env-order')).toEqual([
      {
        rule: 'env-order',
        object: 'StatefulSet/prod/app',
        message: 'container node: C refers to $(D), which is defined later in the list; the kubelet leaves it literal',
      },
    ]);
  });
});
