/**
 * Exact-field tests for the small validation modules (errors.ts, validate.ts,
 * and the node-identity rules of rules/erlang-distribution.ts), written to kill the mutants StrykerJS found surviving
 * (docs/mutation.md). Each rule gets a case that trips it and a near miss that must not.
 */
import { ConfigError } from '../lib/core/errors';
import { checkManifests, KubeObject, MANIFEST_RULES } from '../lib/validation/manifests';
import { formatReport, isClean, ValidationReport } from '../lib/validation/validate';

import * as path from 'path';
import { inspect } from 'util';
import { Testing } from 'cdk8s';
import { ErlangRelease, ErlangStatefulCluster } from '../lib';
import { configErrorOf } from './helpers';

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
      () => new ErlangStatefulCluster(Testing.chart(), 'c', { basename: 'Bad Name', release: ErlangRelease.mix(), image: 'x:1', cookie: 'c' }),
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
});

describe('validate.ts: isClean and formatReport', () => {
  const empty: ValidationReport = { schema: [], invariants: [] };
  test('clean only when both lists are empty', () => {
    expect(isClean(empty)).toBe(true);
    expect(isClean({ schema: [{ object: 'A/x', path: '', message: 'm' }], invariants: [] })).toBe(false);
    expect(isClean({ schema: [], invariants: [{ rule: 'r', object: 'A/x', message: 'm' }] })).toBe(false);
  });

  test('one line per violation: schema ones with their path when there is one, then rules padded to 10', () => {
    expect(formatReport(empty)).toBe('');
    expect(
      formatReport({
        schema: [
          { object: 'Service/ns/s', path: '/spec/ports/0', message: 'must be integer' },
          { object: 'Nope/n', path: '', message: 'unknown' },
        ],
        invariants: [
          { rule: 'short', object: 'Service/ns/s', message: 'm1' },
          { rule: 'a-much-longer-rule', object: 'X/y', message: 'm2' },
        ],
      }),
    ).toBe(
      [
        '  schema     Service/ns/s at /spec/ports/0: must be integer',
        '  schema     Nope/n: unknown',
        '  short      Service/ns/s: m1',
        '  a-much-longer-rule X/y: m2',
      ].join('\n'),
    );
  });
});

describe('node-identity rules (host-name-governing-service, node-basename-matches-discovery)', () => {
  const sts = (env: { name: string; value?: unknown }[], serviceName: string | undefined = 'app-hl', name = 'app') => ({
    spec: { serviceName, template: { spec: { containers: [{ name, env }] } } },
  });
  const identityRules = MANIFEST_RULES.filter((r) => ['host-name-governing-service', 'node-basename-matches-discovery'].includes(r.id));
  const run = (o: object) => {
    const object = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's', namespace: 'ns' }, ...o } as KubeObject;
    return checkManifests([object], identityRules).map((v) => `${v.rule}: ${v.message}`);
  };

  test('a host name under the governing Service passes; under another Service it trips', () => {
    expect(run(sts([{ name: 'ERLANG_HOST_NAME', value: '$(POD_NAME).app-hl.$(NAMESPACE).svc.cluster.local' }]))).toEqual([]);
    expect(run(sts([{ name: 'ERLANG_HOST_NAME', value: '$(POD_NAME).app-lb.ns.svc.cluster.local' }]))).toEqual([
      'host-name-governing-service: container app: ERLANG_HOST_NAME $(POD_NAME).app-lb.ns.svc.cluster.local is under Service app-lb, but the governing Service is app-hl; only that one gives the pods DNS names',
    ]);
  });

  test('a host name with one label names no Service', () => {
    expect(run(sts([{ name: 'ERLANG_HOST_NAME', value: 'localhost' }]))).toEqual([
      'host-name-governing-service: container app: ERLANG_HOST_NAME localhost is under Service (none), but the governing Service is app-hl; only that one gives the pods DNS names',
    ]);
  });

  test('no host name, or one from valueFrom (not a string), is not checked', () => {
    expect(run(sts([]))).toEqual([]);
    expect(run(sts([{ name: 'ERLANG_HOST_NAME', value: 42 }]))).toEqual([]);
    expect(run(sts([{ name: 'ERLANG_HOST_NAME' }]))).toEqual([]);
    expect(run({})).toEqual([]);
    expect(run({ spec: {} })).toEqual([]);
    expect(run({ spec: { template: {} } })).toEqual([]);
    expect(run({ spec: { template: { spec: { containers: [{ name: 'c' }] } } } })).toEqual([]);
  });

  test('RELEASE_NODE must carry the basename discovery looks for; either missing, nothing is checked', () => {
    expect(
      run(
        sts([
          { name: 'RELEASE_NODE', value: 'app@h' },
          { name: 'ERLANG_NODE_BASENAME', value: 'app' },
        ]),
      ),
    ).toEqual([]);
    expect(
      run(
        sts([
          { name: 'RELEASE_NODE', value: 'other@h' },
          { name: 'ERLANG_NODE_BASENAME', value: 'app' },
        ]),
      ),
    ).toEqual([
      'node-basename-matches-discovery: container app: RELEASE_NODE other@h has basename other, but discovery (ERLANG_NODE_BASENAME) looks for app; peers would never connect',
    ]);
    expect(run(sts([{ name: 'RELEASE_NODE', value: 'other@h' }]))).toEqual([]);
    expect(run(sts([{ name: 'ERLANG_NODE_BASENAME', value: 'app' }]))).toEqual([]);
  });

  test('every container is checked, each by its own env', () => {
    const o = {
      spec: {
        serviceName: 'hl',
        template: {
          spec: {
            containers: [
              { name: 'a', env: [{ name: 'ERLANG_HOST_NAME', value: 'p.hl.ns' }] },
              { name: 'b', env: [{ name: 'ERLANG_HOST_NAME', value: 'p.x.ns' }] },
            ],
          },
        },
      },
    };
    expect(run(o)).toEqual([
      'host-name-governing-service: container b: ERLANG_HOST_NAME p.x.ns is under Service x, but the governing Service is hl; only that one gives the pods DNS names',
    ]);
  });
});
