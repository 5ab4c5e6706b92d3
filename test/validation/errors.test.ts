/**
 * lib/core/errors.ts: ConfigError, its fields and how it prints values.
 */
import { ConfigError } from '../../lib/core/errors';
import * as path from 'path';
import { inspect } from 'util';
import { Testing } from 'cdk8s';
import { ErlangCookie, ErlangRelease, ErlangStatefulCluster } from '../../lib';
import { configErrorOf } from '../helpers';

describe('ConfigError', () => {
  test('carries where, prop, value and allowed, and says them on one line', () => {
    const e = new ConfigError('chart/c', 'replicas', 0, 'must be at least 1');
    expect([e.where, e.prop, e.value, e.allowed, e.name, e.message]).toEqual([
      'chart/c',
      'replicas',
      0,
      'must be at least 1',
      'ConfigError',
      'chart/c: invalid replicas 0: must be at least 1',
    ]);
    expect(e).toBeInstanceOf(Error);
  });

  test.each<[string, unknown, string]>([
    ['undefined', undefined, '(missing)'],
    ['NaN (JSON would say null)', NaN, 'NaN'],
    ['Infinity', -Infinity, '-Infinity'],
    ['a bigint (JSON would throw)', BigInt(12), '12'],
    ['a string, quoted', 'a b', '"a b"'],
    ['null', null, 'null'],
    ['an object, as JSON', { a: [1, 'x'] }, '{"a":[1,"x"]}'],
    ['a symbol (JSON gives undefined)', Symbol('s'), 'Symbol(s)'],
  ])('describes %s', (_, value, shown) => {
    expect(new ConfigError('w', 'p', value, 'ok').message).toBe(`w: invalid p ${shown}: ok`);
  });

  test('a value JSON cannot print falls back to String(); line breaks and their indent become one space', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(new ConfigError('w', 'p', circular, 'ok').message).toBe('w: invalid p [object Object]: ok');
    const multiline = { toJSON: () => undefined, toString: () => 'first  \n   second\nthird' };
    expect(new ConfigError('w', 'p', multiline, 'ok').message).toBe('w: invalid p first second third: ok');
  });

  test('a value of 200 characters is shown whole; 201 are cut to 200 with the length', () => {
    const s200 = 'x'.repeat(198); // 200 with the quotes
    expect(new ConfigError('w', 'p', s200, 'ok').message).toBe(`w: invalid p "${s200}": ok`);
    const s201 = 'x'.repeat(199);
    expect(new ConfigError('w', 'p', s201, 'ok').message).toBe(`w: invalid p "${'x'.repeat(199)}... (201 chars): ok`);
  });

  test('isConfigError: a ConfigError (of any copy) yes; a plain Error, null, a string, a look-alike no', () => {
    expect(ConfigError.isConfigError(new ConfigError('w', 'p', 1, 'ok'))).toBe(true);
    const foreign = {};
    Object.defineProperty(foreign, Symbol.for('cdk8s-erlang-cluster.ConfigError'), { value: true });
    expect(ConfigError.isConfigError(foreign)).toBe(true);
    expect([new Error('x'), null, undefined, 'ConfigError', { name: 'ConfigError' }].map((x) => ConfigError.isConfigError(x))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  test("reaches the user as one line and the user's own frames: none of the library's, Node's or a loader's", () => {
    const e = configErrorOf(
      () =>
        new ErlangStatefulCluster(Testing.chart(), 'c', {
          basename: 'Bad Name',
          release: ErlangRelease.mix(),
          image: 'x:1',
          cookie: ErlangCookie.fromSecretName('c'),
        }),
    );
    const [head, ...frames] = (e.stack ?? '').split('\n');
    expect(head).toBe(`ConfigError: ${e.message}`);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((f) => f.includes(`${path.sep}test${path.sep}`) && !f.includes('node_modules') && !f.includes('node:'))).toBe(true);
    // The fields stay readable, but an uncaught error prints no dump of them after the message.
    expect([e.where, e.prop, e.value]).toEqual(['test/c', 'basename', 'Bad Name']);
    expect(Object.keys(e)).toEqual([]);
    expect(inspect(e).split('\n')[0]).toBe(`ConfigError: ${e.message}`);
    expect(inspect(e)).not.toMatch(/allowed:|lib[\\/]validation/);
  });

  test("a frame is Node's or V8's only by its place: a user's folder named '(<anonymous>)' stays", () => {
    const frames = [
      '    at user (/home/u/(<anonymous>)/app.js:1:2)',
      '    at new Promise (<anonymous>)',
      '    at run (node:internal/modules/run_main:1:1)',
      '    at Module._compile (/home/u/node_modules/ts-node/index.js:3:4)',
    ];
    const saved = Error.prepareStackTrace;
    Error.prepareStackTrace = () => ['Error: x', ...frames].join('\n');
    let e: ConfigError;
    try {
      e = new ConfigError('here', 'prop', 1, 'ok');
    } finally {
      Error.prepareStackTrace = saved;
    }
    expect(e.stack).toBe(`ConfigError: here: invalid prop 1: ok\n${frames[0]}`);
  });

  test('a bigint prints as its digits, also where BigInt.prototype.toJSON is polyfilled (a common JSON workaround)', () => {
    const proto = BigInt.prototype as unknown as { toJSON?: () => string };
    expect(new ConfigError('here', 'size', 10n, 'too big').message).toBe('here: invalid size 10: too big');
    proto.toJSON = function (this: bigint) {
      return `${this.toString()}n`;
    };
    try {
      expect(new ConfigError('here', 'size', 10n, 'too big').message).toBe('here: invalid size 10: too big');
      expect(new ConfigError('here', 'sizes', [10n], 'too big').message).toBe('here: invalid sizes ["10n"]: too big');
    } finally {
      delete proto.toJSON;
    }
  });
});
