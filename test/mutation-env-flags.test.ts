/**
 * The kubelet's `$(VAR)` expansion (lib/kubernetes/kubelet-env.ts) where it is easy to get
 * wrong: `$$` inside a reference and after an unclosed `$(`, and env values that malformed
 * YAML makes numbers or nulls, through the env-order rule. Then the emulator-flag grammar
 * (lib/erlang/flags.ts): tokens split on any run of white space, and the pinned listen port.
 */
import { flagArgument, listenPort, parseErlFlags } from '../lib/erlang/flags';
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

describe('emulator flags', () => {
  test('an unset variable has no flags; tokens are the runs of non-white space', () => {
    expect(parseErlFlags(undefined)).toEqual([]);
    expect(parseErlFlags('\t-name  a@b \n\n+sbwt\tvery_short  ')).toEqual([
      { flag: '-name', args: ['a@b'] },
      { flag: '+sbwt', args: ['very_short'] },
    ]);
  });

  test('listenPort and flagArgument read the variables that are set and skip the unset ones', () => {
    expect(listenPort({ ERL_FLAGS: '-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100' })).toBe(9100);
    expect(listenPort({ ERL_AFLAGS: '-kernel inet_dist_listen_min 9100', ERL_ZFLAGS: '-kernel inet_dist_listen_max 9100' })).toBe(9100);
    expect(flagArgument({ ERL_ZFLAGS: '-proto_dist inet_tls' }, '-proto_dist')).toBe('inet_tls');
  });

  test('listenPort: only a range of one port of digits is a port; an unset end is no range', () => {
    expect(listenPort({})).toBeUndefined();
    expect(listenPort({ ERL_FLAGS: '-kernel inet_dist_listen_max 9100' })).toBeUndefined();
    expect(listenPort({ ERL_FLAGS: '-kernel inet_dist_listen_min 9100' })).toBeUndefined();
    expect(listenPort({ ERL_FLAGS: '-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9101' })).toBeUndefined();
    expect(listenPort({ ERL_FLAGS: '-kernel inet_dist_listen_min undefined inet_dist_listen_max undefined' })).toBeUndefined();
  });
});
