/**
 * lib/erlang/cookie.ts: ErlangCookie, and the cluster's cookie prop (resolveCookie,
 * ErlangCookie.fromSecret).
 */
import { checkSameCookie, ErlangCookie } from '../../lib/erlang/cookie';
import { ConfigError } from '../../lib/core/errors';
import { resolveCookie } from '../../lib/erlang/cookie';
import { configErrorOf, fields, thrownConfigError } from '../helpers';

describe('ErlangCookie', () => {
  test('fromSecret: the key defaults to cookie; both are checked', () => {
    const c = ErlangCookie.fromSecret('erl-cookie');
    expect([c.secretName, c.key, String(c), ErlangCookie.isErlangCookie(c), ErlangCookie.isErlangCookie({})]).toEqual([
      'erl-cookie',
      'cookie',
      'erl-cookie/cookie',
      true,
      false,
    ]);
    expect(ErlangCookie.fromSecret('s', 'k.1').toString()).toBe('s/k.1');
    const bad = (f: () => unknown) => {
      const e = thrownConfigError(f);
      return e ? [e.where, e.prop] : 'ok';
    };
    expect(bad(() => ErlangCookie.fromSecret('Bad'))).toEqual(['ErlangCookie.fromSecret', 'secretName']);
    expect(bad(() => ErlangCookie.fromSecret('s', 'a/b'))).toEqual(['ErlangCookie.fromSecret', 'key']);
  });

  test('sameAs needs the same Secret and the same key; checkSameCookie says both', () => {
    const a = ErlangCookie.fromSecret('s', 'k');
    expect([a.sameAs(ErlangCookie.fromSecret('s', 'k')), a.sameAs(ErlangCookie.fromSecret('s', 'j')), a.sameAs(ErlangCookie.fromSecret('t', 'k'))]).toEqual([
      true,
      false,
      false,
    ]);
    expect(() => checkSameCookie('w', a, ErlangCookie.fromSecret('s', 'k'), 'peer/p')).not.toThrow();
    let e: ConfigError | undefined;
    try {
      checkSameCookie('w', a, ErlangCookie.fromSecret('t', 'k'), 'peer/p');
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

describe('the cookie prop', () => {
  const NOT_A_COOKIE = "must be an ErlangCookie, e.g. ErlangCookie.fromSecret('my-cookie'), a cdk8s-plus ISecret or a Secret name";

  test('an ErlangCookie as is; a Secret name or a named Secret with the default key', () => {
    const cookie = ErlangCookie.fromSecret('s', 'k');
    expect(resolveCookie('test/c', cookie)).toBe(cookie);
    expect(String(resolveCookie('test/c', 'app-cookie'))).toBe('app-cookie/cookie');
    expect(String(resolveCookie('test/c', { name: 'app-cookie' }))).toBe('app-cookie/cookie');
  });

  test.each([
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an object without a name', {}],
    ['an object whose name is not a string', { name: 7 }],
    ['the ErlangCookie class itself (a function with a name)', ErlangCookie],
  ])('%s is refused with what a cookie may be', (_, value) => {
    expect(fields(configErrorOf(() => resolveCookie('test/c', value)))).toEqual(['test/c', 'cookie', value, NOT_A_COOKIE]);
  });

  test('a bad Secret name is reported at the cookie prop of the construct', () => {
    const e = configErrorOf(() => resolveCookie('test/c', 'Bad_Name'));
    expect([e.where, e.prop, e.value]).toEqual(['test/c', 'cookie', 'Bad_Name']);
    const named = configErrorOf(() => resolveCookie('test/c', { name: 'Bad_Name' }));
    expect([named.where, named.prop, named.value]).toEqual(['test/c', 'cookie', 'Bad_Name']);
  });

  test('fromSecret with null reports the secret name, not a TypeError', () => {
    const e = configErrorOf(() => ErlangCookie.fromSecret(null as never));
    expect([e.where, e.prop, e.value]).toEqual(['ErlangCookie.fromSecret', 'secretName', null]);
  });
});
