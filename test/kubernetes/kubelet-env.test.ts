/**
 * lib/kubernetes/kubelet-env.ts: the kubelet's `$(VAR)` expansion of container env, including
 * where it is easy to get wrong: `$$` inside a reference and after an unclosed `$(`, and env
 * values that malformed YAML makes numbers or nulls, through the env-order rule.
 */
import { expandReferences, resolveEnv, unresolvedReferences } from '../../lib/kubernetes/kubelet-env';
import { checkManifests, KubeObject } from '../../lib/validation/manifests';

const lookup = (vars: Record<string, string>) => (n: string) => vars[n];

describe('kubelet env expansion', () => {
  test('expands known references, leaves unknown ones literal, and unescapes $$', () => {
    expect(expandReferences('$(A).x', lookup({ A: 'a' }))).toBe('a.x');
    expect(expandReferences('$(B).x', lookup({ A: 'a' }))).toBe('$(B).x');
    expect(expandReferences('$$(A) $5 $', lookup({ A: 'a' }))).toBe('$(A) $5 $');
    expect(expandReferences('$(A', lookup({ A: 'a' }))).toBe('$(A');
  });

  test('a reference sees only variables defined earlier', () => {
    const env = [
      { name: 'HOST', value: '$(POD).svc' },
      { name: 'POD', value: 'p-0' },
      { name: 'NODE', value: 'app@$(HOST)' },
    ];
    const resolved = resolveEnv(env, () => '');
    expect(resolved.get('HOST')).toBe('$(POD).svc');
    expect(resolved.get('NODE')).toBe('app@$(POD).svc');
    expect(unresolvedReferences(env)).toEqual([{ variable: 'HOST', reference: 'POD', reason: 'defined-later' }]);
  });

  test('valueFrom is resolved by the caller', () => {
    const resolved = resolveEnv(
      [
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'X', value: '$(POD)-$(NOPE)' },
      ],
      (_, from) => (from.fieldRef?.fieldPath === 'metadata.name' ? 'pod-0' : '?'),
    );
    expect(resolved.get('X')).toBe('pod-0-$(NOPE)');
    expect(unresolvedReferences([{ name: 'X', value: '$(NOPE) $$(ESC)' }])).toEqual([{ variable: 'X', reference: 'NOPE', reason: 'undefined' }]);
  });

  test('a lone $ at the end, $ before other characters, $() and an unclosed $( stay literal', () => {
    expect(expandReferences('a$', lookup({}))).toBe('a$');
    expect(expandReferences('$', lookup({}))).toBe('$');
    expect(expandReferences('$x$(A)', lookup({ A: '1' }))).toBe('$x1');
    expect(expandReferences('$()', lookup({ '': 'empty' }))).toBe('$()');
    expect(expandReferences('x$(A$(B)', lookup({ A: '1', B: '2', 'A$(B': '3' }))).toBe('x3');
    expect(expandReferences('$(A)$(', lookup({ A: '1' }))).toBe('1$(');
    expect(expandReferences('$(A)b$(A)', lookup({ A: '' }))).toBe('b');
    expect(expandReferences('$$$$', lookup({}))).toBe('$$');
    expect(expandReferences('$$$(A)', lookup({ A: '1' }))).toBe('$1');
    expect(expandReferences('', lookup({}))).toBe('');
  });

  test('resolveEnv: a later definition replaces an earlier one; a missing value is empty', () => {
    const resolved = resolveEnv(
      [{ name: 'A', value: '1' }, { name: 'B', value: '$(A)' }, { name: 'A', value: '2' }, { name: 'C' }, { name: 'D', value: '$(A)$(C)' }],
      () => 'x',
    );
    expect([...resolved]).toEqual([
      ['A', '2'],
      ['B', '1'],
      ['C', ''],
      ['D', '2'],
    ]);
  });

  test('unresolvedReferences: every reference of every variable; valueFrom ones define but hold none', () => {
    expect(
      unresolvedReferences([
        { name: 'A', value: '$(B) $(C) $(A)' },
        { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'D', value: '$(B) $$$(B) $()' },
      ]),
    ).toEqual([
      { variable: 'A', reference: 'B', reason: 'defined-later' },
      { variable: 'A', reference: 'C', reason: 'undefined' },
      { variable: 'A', reference: 'A', reason: 'defined-later' },
      { variable: 'D', reference: '', reason: 'undefined' },
    ]);
  });

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
