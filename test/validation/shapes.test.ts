/**
 * lib/validation/shapes.ts: the run-time prop shapes and their did-you-mean, with exact messages.
 */
import {
  any,
  arrayOf,
  bool,
  checkProps,
  checkShape,
  didYouMean,
  either,
  instanceOf,
  keysOf,
  mapOf,
  num,
  moved,
  object,
  required,
  satisfying,
  Shape,
  str,
} from '../../lib/validation/shapes';
import { outcomeOf } from '../helpers';
import { ErlangRelease } from '../../lib/erlang/release';
import { ErlangCookie } from '../../lib/erlang/cookie';
import { ERLANG_STATEFUL_CLUSTER_PROPS } from '../../lib/validation/prop-shapes';

/** 'ok' or the ConfigError's message. */
const outcome = (f: () => unknown) => outcomeOf(f, (e) => e.message);

const check = (value: unknown, shape: Shape, prop = 'p') => outcome(() => checkShape('w', prop, value, shape));

describe('checkShape', () => {
  test('scalars: each kind accepts its own type only, and says what it got', () => {
    expect([check('s', str), check(1, num), check(false, bool), check(undefined, any), check({}, any)]).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(check(1, str)).toBe('w: invalid p 1: must be a string, not a number');
    expect(check('1', num)).toBe('w: invalid p "1": must be a number, not a string');
    expect(check('false', bool)).toBe('w: invalid p "false": must be a boolean (true or false), not a string');
    expect(check([], str)).toBe('w: invalid p []: must be a string, not an array');
    expect(check({}, str)).toBe('w: invalid p {}: must be a string, not an object');
    expect(check(null, num)).toBe('w: invalid p null: must be a number; null is not allowed (leave the prop out for its default)');
  });

  test('arrays and maps check every item, naming its index or key', () => {
    expect(check(['a', 'b'], arrayOf(str))).toBe('ok');
    expect(check(['a', 2], arrayOf(str))).toBe('w: invalid p[1] 2: must be a string, not a number');
    expect(check({ a: 'x' }, arrayOf(str))).toBe('w: invalid p {"a":"x"}: must be an array whose items are each a string, not an object');
    expect(check({ a: 'x', b: 'y' }, mapOf(str))).toBe('ok');
    expect(check({ a: 'x', b: 3 }, mapOf(str))).toBe('w: invalid p.b 3: must be a string, not a number');
    expect(check(['x'], mapOf(str))).toBe('w: invalid p ["x"]: must be a map whose values are each a string, not an array');
    // A string or a number is not a map or an object (for...in would walk a string's indices).
    expect(check('abc', mapOf(str))).toBe('w: invalid p "abc": must be a map whose values are each a string, not a string');
    expect(check(5, object('Props', { a: num }))).toBe('w: invalid p 5: must be an object (Props), not a number');
    expect(check({}, object('Props', { a: required(any) }))).toBe('w: invalid p.a (missing): is required: any value');
    expect(check(null, mapOf(str))).toBe(
      'w: invalid p null: must be a map whose values are each a string; null is not allowed (leave the prop out for its default)',
    );
    // Inherited keys are not the map's own.
    const inherited = Object.create({ bad: 1 }) as Record<string, unknown>;
    inherited.good = 'x';
    expect(check(inherited, mapOf(str))).toBe('ok');
  });

  test('either: the first matching shape is checked deeply; none matching names all', () => {
    const s = either(num, arrayOf(str));
    expect([check(1, s), check(['a'], s)]).toEqual(['ok', 'ok']);
    expect(check([1], s)).toBe('w: invalid p[0] 1: must be a string, not a number');
    expect(check('x', s)).toBe('w: invalid p "x": must be a number or an array whose items are each a string, not a string');
  });

  test('brands and custom tests use their hint', () => {
    const branded = {};
    Object.defineProperty(branded, Symbol.for('cdk8s-erlang-cluster.Thing'), { value: true });
    expect(check(branded, instanceOf('Thing', 'a Thing'))).toBe('ok');
    expect(check({}, instanceOf('Thing', 'a Thing'))).toBe('w: invalid p {}: must be a Thing, not an object');
    const even = satisfying((v) => typeof v === 'number' && v % 2 === 0, 'an even number');
    expect(check(2, even)).toBe('ok');
    expect(check(3, even)).toBe('w: invalid p 3: must be an even number, not a number');
  });

  test('objects: closed, required keys, nested paths, typos with a suggestion, else the known keys', () => {
    const shape = object('Props', { name: required(str), replicas: num, nested: object('Inner', { port: num }) });
    expect(shape).toEqual({
      kind: 'object',
      name: 'Props',
      keys: ['name', 'replicas', 'nested'],
      fields: {
        name: { shape: str, required: true },
        replicas: { shape: num, required: false },
        nested: { shape: expect.objectContaining({ kind: 'object', name: 'Inner' }), required: false },
      },
    });
    expect(check({ name: 'a', replicas: 3, nested: { port: 1 } }, shape)).toBe('ok');
    expect(check({ name: 'a', replicas: undefined }, shape)).toBe('ok');
    expect(check({ replicas: 3 }, shape)).toBe('w: invalid p.name (missing): is required: a string');
    expect(check({ replicas: 3 }, shape, '')).toBe('w: invalid name (missing): is required: a string');
    expect(check({ name: 'a', nested: { port: '1' } }, shape)).toBe('w: invalid p.nested.port "1": must be a number, not a string');
    expect(check({ name: 'a', replica: 5 }, shape, '')).toBe("w: invalid replica 5: is not a prop of Props; did you mean 'replicas'?");
    expect(check({ name: 'a', zzzzzz: 5 }, shape)).toBe('w: invalid p.zzzzzz 5: is not a prop of Props; known props: name, replicas, nested');
    expect(check({ name: 'a', nested: { port: 1, x: 1 } }, shape)).toBe('w: invalid p.nested.x 1: is not a prop of Inner; known props: port');
    const inherited = Object.create({ stray: 1 }) as Record<string, unknown>;
    inherited.name = 'a';
    expect(check(inherited, shape)).toBe('ok');
  });

  test('objects: a key of an older spelling is refused with how it is spelled now; the others as before', () => {
    const shape = object('Props', { envVariables: num, extraEnv: moved('use envVariables') });
    expect(shape).toEqual({
      kind: 'object',
      name: 'Props',
      keys: ['envVariables'],
      fields: { envVariables: { shape: num, required: false } },
      moved: { extraEnv: 'use envVariables' },
    });
    expect(check({ extraEnv: [] }, shape)).toBe('w: invalid p.extraEnv []: is not a prop of Props any more; use envVariables');
    expect(check({ envVariable: 1 }, shape)).toBe("w: invalid p.envVariable 1: is not a prop of Props; did you mean 'envVariables'?");
    // Only own keys of the table: a key named like an Object.prototype member is an unknown prop.
    expect(check({ toString: 1 }, shape)).toBe('w: invalid p.toString 1: is not a prop of Props; known props: envVariables');
    expect(check({ envVariables: 1 }, shape)).toBe('ok');
  });

  test('keysOf: those keys, each of any shape, and no other', () => {
    const s = keysOf('K8sThing', ['a', 'b']);
    expect(check({ a: 1, b: [null] }, s)).toBe('ok');
    expect(check({ zzzz: 1 }, s)).toBe('w: invalid p.zzzz 1: is not a prop of K8sThing; known props: a, b');
    expect(check({ c: 1 }, s)).toBe("w: invalid p.c 1: is not a prop of K8sThing; did you mean 'a'?");
  });

  test('checkProps: the props themselves must be an object', () => {
    const shape = object('XProps', { a: num });
    expect(outcome(() => checkProps('w', 'XProps', { a: 1 }, shape))).toBe('ok');
    for (const bad of [null, [], 'x', undefined]) {
      expect(outcome(() => checkProps('w', 'XProps', bad, shape))).toBe(
        `w: invalid props ${bad === undefined ? '(missing)' : JSON.stringify(bad)}: must be an object (XProps)`,
      );
    }
    expect(outcome(() => checkProps('w', 'XProps', { b: 1 }, shape))).toBe("w: invalid b 1: is not a prop of XProps; did you mean 'a'?");
  });
});

describe('didYouMean', () => {
  test('case-insensitive equality, a few edits, or one word inside the other', () => {
    expect(didYouMean('Replicas', ['name', 'replicas'])).toBe('replicas');
    // Equal but for case is a match however far apart the letters are.
    expect(didYouMean('REPLICAS', ['replicas'])).toBe('replicas');
    expect(didYouMean('replicas', ['REPLICAS'])).toBe('REPLICAS');
    expect(didYouMean('replica', ['name', 'replicas'])).toBe('replicas');
    expect(didYouMean('target', ['targetPort'])).toBe('targetPort');
    expect(didYouMean('Port', ['targetPort'])).toBe('targetPort');
    expect(didYouMean('targetPortX', ['Port'])).toBe('Port');
    // Inclusion ignores case, either way round: `port` finds `targetPort`, `TargetPorts` finds `port`.
    expect(didYouMean('port', ['targetPort'])).toBe('targetPort');
    expect(didYouMean('TargetPorts', ['port'])).toBe('port');
    expect(didYouMean('prot', ['targetPort'])).toBeUndefined();
    expect(didYouMean('targetPorts2', ['targetPort'])).toBe('targetPort');
    expect(didYouMean('nmae', ['name', 'image'])).toBe('name');
  });

  test('the closest wins; ties keep the first; too far is no guess', () => {
    expect(didYouMean('abcd', ['abxy', 'abcx'])).toBe('abcx');
    expect(didYouMean('ab', ['ax', 'ay'])).toBe('ax');
    expect(didYouMean('zzzz', ['abcd'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
    // Two edits are close for any key; three are close only from 9 characters on.
    expect(didYouMean('abcxyz', ['abcdef'])).toBeUndefined();
    expect(didYouMean('abcdexyz', ['abcdefgh'])).toBeUndefined();
    expect(didYouMean('abcdefxyz', ['abcdefghi'])).toBe('abcdefghi');
    expect(didYouMean('abxd', ['abcd'])).toBe('abcd');
    expect(didYouMean('axyd', ['abcd'])).toBe('abcd');
  });

  test('a key that differs only in case wins over every other known key', () => {
    // Case-sensitively, 'NAMESPACE' is as far from 'namespace' as from 'basename'.
    expect(didYouMean('NAMESPACE', ['basename', 'name', 'namespace'])).toBe('namespace');
    expect(didYouMean('NAME', ['name', 'NAMES'])).toBe('name');
    expect(didYouMean('NAMES', ['NAME', 'names'])).toBe('names');
    expect(didYouMean('x', [])).toBeUndefined();
  });

  test('checkShape suggests the prop a shouted key means', () => {
    expect(
      outcome(() =>
        checkShape(
          'w',
          'props',
          { basename: 'app', release: ErlangRelease.relx(), image: 'app:1', cookie: ErlangCookie.fromSecretName('c'), NAMESPACE: 'x' },
          ERLANG_STATEFUL_CLUSTER_PROPS,
        ),
      ),
    ).toBe(`w: invalid props.NAMESPACE "x": is not a prop of ErlangStatefulClusterProps; did you mean 'namespace'?`);
  });
});
