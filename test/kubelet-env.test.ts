import { expandReferences, resolveEnv, unresolvedReferences } from '../lib/kubernetes/kubelet-env';

describe('kubelet env expansion', () => {
  const lookup = (vars: Record<string, string>) => (n: string) => vars[n];

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
});
