/**
 * The Erlang contract's small public helpers and the shared Kubernetes
 * semantics: the cookie prop (resolveCookie, ErlangCookie.fromSecret),
 * certificate name matching and the TLS optfile, dnsLabelOf, parseErlFlags on
 * unset and blank variables, and label selectors on missing labels, missing
 * values and unknown operators. Written to kill the mutants StrykerJS found
 * surviving (docs/mutation.md).
 */
import { dnsLabelOf, dnsNameMatches, ErlangCookie, parseErlFlags, resolveCookie, sslDistOptfile } from 'cdk8s-erlang-cluster';
import { selectorMatches } from '../lib/kubernetes/label-selector';
import { error, fields } from './fixtures/constructs';

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
    expect(fields(error(() => resolveCookie('test/c', value)))).toEqual(['test/c', 'cookie', value, NOT_A_COOKIE]);
  });

  test('a bad Secret name is reported at the cookie prop of the construct', () => {
    const e = error(() => resolveCookie('test/c', 'Bad_Name'));
    expect([e.where, e.prop, e.value]).toEqual(['test/c', 'cookie', 'Bad_Name']);
    const named = error(() => resolveCookie('test/c', { name: 'Bad_Name' }));
    expect([named.where, named.prop, named.value]).toEqual(['test/c', 'cookie', 'Bad_Name']);
  });

  test('fromSecret with null reports the secret name, not a TypeError', () => {
    const e = error(() => ErlangCookie.fromSecret(null as never));
    expect([e.where, e.prop, e.value]).toEqual(['ErlangCookie.fromSecret', 'secretName', null]);
  });
});

describe('dnsNameMatches', () => {
  test('a trailing dot on either side is the same name', () => {
    expect(dnsNameMatches('*.hl.ns.svc.cluster.local.', 'app-0.hl.ns.svc.cluster.local')).toBe(true);
    expect(dnsNameMatches('*.hl.ns.svc.cluster.local', 'app-0.hl.ns.svc.cluster.local.')).toBe(true);
    expect(dnsNameMatches('App-0.HL.ns', 'app-0.hl.ns.')).toBe(true);
  });

  test('the wildcard is one non-empty label, and only the leftmost', () => {
    expect(dnsNameMatches('*.svc', 'a.svc.local')).toBe(false);
    expect(dnsNameMatches('*.svc.local', 'svc.local')).toBe(false);
    expect(dnsNameMatches('*.hl.ns', '.hl.ns')).toBe(false);
    expect(dnsNameMatches('a.*.ns', 'a.hl.ns')).toBe(false);
    expect(dnsNameMatches('*.hl.ns', 'x.hl.ns')).toBe(true);
  });
});

test('sslDistOptfile: the server and client options, one per line, ending in a newline', () => {
  const files = '{certfile, "/m/tls.crt"}, {keyfile, "/m/tls.key"}, {cacertfile, "/m/ca.crt"}';
  expect(sslDistOptfile('/m')).toBe(
    `[{server, [${files}, {verify, verify_peer}, {fail_if_no_peer_cert, true}, {secure_renegotiate, true}]},\n` +
      ` {client, [${files}, {verify, verify_peer}, {secure_renegotiate, true}, {customize_hostname_check, [{match_fun, public_key:pkix_verify_hostname_match_fun(https)}]}]}].\n`,
  );
});

test('dnsLabelOf lowercases and turns every underscore into a dash', () => {
  expect(dnsLabelOf('my_App_x')).toBe('my-app-x');
});

test('parseErlFlags: an unset or blank variable has no flags', () => {
  expect(parseErlFlags(undefined)).toEqual([]);
  expect(parseErlFlags('')).toEqual([]);
  expect(parseErlFlags(' \t\n ')).toEqual([]);
  expect(parseErlFlags(' stray -sname  a\t+S 2 ')).toEqual([
    { flag: '-sname', args: ['a'] },
    { flag: '+S', args: ['2'] },
  ]);
});

describe('selectorMatches', () => {
  test('matchLabels against no labels at all selects nothing', () => {
    expect(selectorMatches({ matchLabels: { app: 'a' } }, undefined)).toBe(false);
    expect(selectorMatches({}, undefined)).toBe(true);
  });

  test('In needs the label with a listed value; without a values list nothing is listed', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['db', 'web'] }] }, { tier: 'web' })).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] }, { tier: 'web' })).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] }, undefined)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In' }] }, { tier: 'web' })).toBe(false);
  });

  test('NotIn holds without the label or with an unlisted value', () => {
    const notIn = { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] };
    expect([
      selectorMatches(notIn, { tier: 'db' }),
      selectorMatches(notIn, { tier: 'web' }),
      selectorMatches(notIn, {}),
      selectorMatches(notIn, undefined),
    ]).toEqual([false, true, true, true]);
  });

  test('an unknown operator makes the selector select nothing', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'Exist' }] }, { tier: 'web' })).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'Gt', values: ['1'] }] }, {})).toBe(false);
  });
});
