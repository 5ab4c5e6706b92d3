/**
 * lib/erlang/cookie.ts: ErlangCookie (fromSecretName, fromSecret), and the
 * cluster's cookie prop, which takes an ErlangCookie only.
 */
import { Chart, Testing } from 'cdk8s';
import { Secret } from 'cdk8s-plus-28';
import { checkSameCookie, ErlangCookie } from '../../lib/erlang/cookie';
import { ConfigError } from '../../lib/core/errors';
import * as lib from 'cdk8s-erlang-cluster';
import { ErlangRelease, ErlangStatefulCluster } from 'cdk8s-erlang-cluster';
import { configErrorOf, fields, thrownConfigError } from '../helpers';

describe('ErlangCookie', () => {
  test('fromSecretName: the key defaults to cookie; both are checked', () => {
    const c = ErlangCookie.fromSecretName('erl-cookie');
    expect([c.secretName, c.key, String(c), ErlangCookie.isErlangCookie(c), ErlangCookie.isErlangCookie({})]).toEqual([
      'erl-cookie',
      'cookie',
      'erl-cookie/cookie',
      true,
      false,
    ]);
    expect(ErlangCookie.fromSecretName('s', 'k.1').toString()).toBe('s/k.1');
    const bad = (f: () => unknown) => {
      const e = thrownConfigError(f);
      return e ? [e.where, e.prop] : 'ok';
    };
    expect(bad(() => ErlangCookie.fromSecretName('Bad'))).toEqual(['ErlangCookie.fromSecretName', 'name']);
    expect(bad(() => ErlangCookie.fromSecretName('s', 'a/b'))).toEqual(['ErlangCookie.fromSecretName', 'key']);
  });

  test('sameAs needs the same Secret and the same key; checkSameCookie says both', () => {
    const a = ErlangCookie.fromSecretName('s', 'k');
    expect([
      a.sameAs(ErlangCookie.fromSecretName('s', 'k')),
      a.sameAs(ErlangCookie.fromSecretName('s', 'j')),
      a.sameAs(ErlangCookie.fromSecretName('t', 'k')),
    ]).toEqual([true, false, false]);
    expect(() => checkSameCookie('w', a, ErlangCookie.fromSecretName('s', 'k'), 'peer/p')).not.toThrow();
    let e: ConfigError | undefined;
    try {
      checkSameCookie('w', a, ErlangCookie.fromSecretName('t', 'k'), 'peer/p');
    } catch (x) {
      e = x as ConfigError;
    }
    expect([e?.where, e?.prop, e?.value, e?.allowed]).toEqual([
      'w',
      'peer',
      'peer/p',
      'uses cookie t/k but this cluster uses s/k; clusters with different cookies cannot connect ("disallowed node"). Share one ErlangCookie, or do not make them peers',
    ]);
  });
});

describe('ErlangCookie.fromSecret: a cdk8s-plus ISecret', () => {
  const secret = (name: string) => Secret.fromSecretName(new Chart(Testing.app(), 'test'), 'Cookie', name);

  test("reads the Secret's name; the key defaults to cookie; both are checked", () => {
    expect([String(ErlangCookie.fromSecret(secret('app-cookie'))), String(ErlangCookie.fromSecret(secret('app-cookie'), 'k'))]).toEqual([
      'app-cookie/cookie',
      'app-cookie/k',
    ]);
    const e = configErrorOf(() => ErlangCookie.fromSecret(secret('Bad_Name')));
    expect([e.where, e.prop, e.value]).toEqual(['ErlangCookie.fromSecret', 'secret.name', 'Bad_Name']);
    expect(fields(configErrorOf(() => ErlangCookie.fromSecret(secret('s'), '..k'))).slice(0, 3)).toEqual(['ErlangCookie.fromSecret', 'key', '..k']);
  });

  test.each([
    ['a Secret name (the spelling of fromSecretName)', 'app-cookie'],
    ['null', null],
    ['an object without a name', {}],
    ['an object whose name is not a string', { name: 7 }],
    ['nothing', undefined],
    // A function has a string name: the class is not a Secret.
    ['the class Secret instead of a Secret', Secret],
  ])('%s is refused with both spellings', (_, value) => {
    expect(fields(configErrorOf(() => ErlangCookie.fromSecret(value as never)))).toEqual([
      'ErlangCookie.fromSecret',
      'secret',
      value,
      "must be a cdk8s-plus ISecret, e.g. Secret.fromSecretName(scope, 'Cookie', 'my-cookie'); for a Secret name use ErlangCookie.fromSecretName('my-cookie')",
    ]);
  });
});

describe('the cookie prop', () => {
  const NOT_A_COOKIE = "must be an ErlangCookie: ErlangCookie.fromSecretName('my-cookie'), or ErlangCookie.fromSecret(secret) for a cdk8s-plus ISecret";
  const cluster = (cookie: unknown) =>
    new ErlangStatefulCluster(Testing.chart(), 'c', { basename: 'app', release: ErlangRelease.mix(), image: 'app:1', cookie: cookie as ErlangCookie });

  test('an ErlangCookie is kept as is', () => {
    const cookie = ErlangCookie.fromSecretName('s', 'k');
    expect(cluster(cookie).cookie).toBe(cookie);
  });

  test.each([
    ['a Secret name (the old spelling)', 'app-cookie', 'a string'],
    ['a cdk8s-plus ISecret (the old spelling)', Secret.fromSecretName(Testing.chart(), 'Cookie', 'app-cookie'), 'an object'],
    ['a number', 42, 'a number'],
    ['an object without a name', {}, 'an object'],
    ['the ErlangCookie class itself', ErlangCookie, 'a function'],
  ])('%s is refused, naming the new spelling', (_, value, what) => {
    expect(fields(configErrorOf(() => cluster(value)))).toEqual(['test/c', 'cookie', value, `${NOT_A_COOKIE}, not ${what}`]);
  });

  test('null and a missing cookie are refused with the same spellings', () => {
    expect(fields(configErrorOf(() => cluster(null)))[3]).toBe(`${NOT_A_COOKIE}; null is not allowed (leave the prop out for its default)`);
    expect(fields(configErrorOf(() => cluster(undefined)))[3]).toBe(`is required: ${NOT_A_COOKIE.replace('must be ', '')}`);
  });

  test('the package exports ErlangCookie, not the helpers behind it', () => {
    expect(['ErlangCookie', 'NamedSecret', 'DEFAULT_COOKIE_KEY', 'resolveCookie', 'checkSameCookie'].filter((k) => k in lib)).toEqual(['ErlangCookie']);
  });
});
