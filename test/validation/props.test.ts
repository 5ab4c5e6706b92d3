/**
 * lib/checks/index.ts, check by check, at the boundaries: the last value each
 * check accepts and the first it refuses, with the exact message. Written to kill
 * the mutants StrykerJS found surviving (docs/mutation.md).
 */
import * as P from '../../lib/checks';
import { outcomeOf } from '../helpers';

/** 'ok' or the ConfigError's `prop value: allowed` part. */
const outcome = (f: () => unknown) => outcomeOf(f, (e) => `${e.prop} ${JSON.stringify(e.value)}: ${e.allowed}`);
const ok = (f: () => unknown) => expect(outcome(f)).toBe('ok');
const refused = (f: () => unknown) => expect(outcome(f)).not.toBe('ok');
const a = (n: number, c = 'a') => c.repeat(n);

test('checkDnsLabel: 63 (or the given max) characters of [a-z0-9-], alphanumeric at both ends', () => {
  expect(P.checkDnsLabel('w', 'p', 'a-1')).toBe('a-1');
  ok(() => P.checkDnsLabel('w', 'p', a(63)));
  ok(() => P.checkDnsLabel('w', 'p', '1'));
  expect(outcome(() => P.checkDnsLabel('w', 'p', a(64)))).toBe(
    `p "${a(64)}": must be a DNS-1123 label of at most 63 characters: lower-case letters, digits and '-', starting and ending with a letter or digit`,
  );
  expect(outcome(() => P.checkDnsLabel('w', 'p', a(11), 10))).toBe(
    `p "${a(11)}": must be a DNS-1123 label of at most 10 characters: lower-case letters, digits and '-', starting and ending with a letter or digit`,
  );
  ok(() => P.checkDnsLabel('w', 'p', a(10), 10));
  for (const bad of ['-a', 'a-', 'A', 'a_b', 'a.b', '', ' a', 'a ', 7]) refused(() => P.checkDnsLabel('w', 'p', bad));
});

test('checkServiceName: a DNS-1035 label, starting with a letter, at most 63', () => {
  expect(P.checkServiceName('w', 'p', 'svc-1')).toBe('svc-1');
  ok(() => P.checkServiceName('w', 'p', a(63)));
  ok(() => P.checkServiceName('w', 'p', 'a'));
  expect(outcome(() => P.checkServiceName('w', 'p', '1a'))).toBe(
    'p "1a": must be a Service name (DNS-1035 label) of at most 63 characters: lower-case letters, digits and \'-\', starting with a letter and ending with a letter or digit',
  );
  for (const bad of [a(64), 'a-', 'A', 'a.b', '', 'xa_', null]) refused(() => P.checkServiceName('w', 'p', bad));
});

test('checkDnsSubdomain and checkDnsName: dotted labels, 253 overall, 63 per label for a name', () => {
  expect(P.checkDnsSubdomain('w', 'p', 'cluster.local')).toBe('cluster.local');
  const long = `${a(63)}.${a(63)}.${a(63)}.${a(61)}`; // 253
  ok(() => P.checkDnsSubdomain('w', 'p', long));
  expect(outcome(() => P.checkDnsSubdomain('w', 'p', `${long}a`))).toBe(`p "${long}a": must be a DNS name (DNS-1123 subdomain) such as 'cluster.local'`);
  for (const bad of ['.a', 'a.', 'a..b', 'A.b', 'a_b.c', '', 1]) refused(() => P.checkDnsSubdomain('w', 'p', bad));
  expect(P.checkDnsName('w', 'p', `${a(63)}.local`)).toBe(`${a(63)}.local`);
  expect(outcome(() => P.checkDnsName('w', 'p', `x.${a(64)}.local`))).toBe(
    `p "x.${a(64)}.local": must be a DNS name whose labels have at most 63 characters; '${a(20)}...' has 64`,
  );
  refused(() => P.checkDnsName('w', 'p', 'Bad'));
});

test('checkInteger: integers from min to max; the message names the range, or only the minimum', () => {
  expect(P.checkInteger('w', 'p', 5, 5, 6)).toBe(5);
  ok(() => P.checkInteger('w', 'p', 6, 5, 6));
  expect(outcome(() => P.checkInteger('w', 'p', 4, 5, 6))).toBe('p 4: must be an integer from 5 to 6');
  expect(outcome(() => P.checkInteger('w', 'p', 7, 5, 6))).toBe('p 7: must be an integer from 5 to 6');
  expect(outcome(() => P.checkInteger('w', 'p', 0, 1))).toBe('p 0: must be an integer >= 1');
  ok(() => P.checkInteger('w', 'p', Number.MAX_SAFE_INTEGER, 1));
  for (const bad of [5.5, '5', NaN, Infinity]) refused(() => P.checkInteger('w', 'p', bad, 0));
});

test('checkPort 1..65535 and checkNodePort 30000..32767', () => {
  expect([P.checkPort('w', 'p', 1), P.checkPort('w', 'p', 65535)]).toEqual([1, 65535]);
  expect(outcome(() => P.checkPort('w', 'p', 0))).toBe('p 0: must be an integer from 1 to 65535');
  refused(() => P.checkPort('w', 'p', 65536));
  expect([P.checkNodePort('w', 'p', 30000), P.checkNodePort('w', 'p', 32767)]).toEqual([30000, 32767]);
  expect(outcome(() => P.checkNodePort('w', 'p', 29999))).toBe('p 29999: must be an integer from 30000 to 32767');
  expect(outcome(() => P.checkNodePort('w', 'p', 32768))).toBe('p 32768: must be an integer from 30000 to 32767');
});

test('quantityValue: every suffix, exponents, and NaN for what is not a quantity', () => {
  expect(
    ['1', '500m', '1n', '2u', '3k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei', '1e3', '2E-1', '+1.5', '-2', '.5', '1.'].map(
      P.quantityValue,
    ),
  ).toEqual([1, 0.5, 1e-9, 2e-6, 3000, 1e6, 1e9, 1e12, 1e15, 1e18, 1024, 2 ** 20, 2 ** 30, 2 ** 40, 2 ** 50, 2 ** 60, 1000, 0.2, 1.5, -2, 0.5, 1]);
  expect(['', 'Gi', '1Gb', '1 Gi', 'x1', '1K', '1.2.3', '1e', ' 1'].map(P.quantityValue)).toEqual(Array(9).fill(NaN));
});

test('checkQuantity: positive quantities only', () => {
  expect(P.checkQuantity('w', 'p', '1Gi')).toBe('1Gi');
  ok(() => P.checkQuantity('w', 'p', '0.5'));
  ok(() => P.checkQuantity('w', 'p', '+1'));
  expect(outcome(() => P.checkQuantity('w', 'p', '0'))).toBe(`p "0": must be a positive Kubernetes quantity such as '1Gi' or '500Mi'`);
  for (const bad of ['-1Gi', '0Gi', '0.0', '1GB', 1, 'Gi', 'a1Gi', '1Gix']) refused(() => P.checkQuantity('w', 'p', bad));
});

test('normalizePath and checkAbsolutePath', () => {
  expect(['/data/', '/data/.', '//data', '/a/b/../c', '/', '/x//y/'].map(P.normalizePath)).toEqual(['/data', '/data', '/data', '/a/c', '/', '/x/y']);
  expect(P.checkAbsolutePath('w', 'p', '/var/lib/app')).toBe('/var/lib/app');
  ok(() => P.checkAbsolutePath('w', 'p', '/a..b'));
  expect(outcome(() => P.checkAbsolutePath('w', 'p', 'rel'))).toBe(`p "rel": must be an absolute path such as '/var/lib/app', other than '/' and without '..'`);
  for (const bad of ['/', '//', '/.', '/a/../b', '/a/..', '/a\0b', 3]) refused(() => P.checkAbsolutePath('w', 'p', bad));
});

test('checkFlagSafePath: only characters ERL_AFLAGS and an Erlang string take unquoted', () => {
  expect(P.checkFlagSafePath('w', 'p', '/etc/A-z_0.9/+@=,:')).toBe('/etc/A-z_0.9/+@=,:');
  expect(outcome(() => P.checkFlagSafePath('w', 'p', '/etc/dist tls'))).toBe(
    `p "/etc/dist tls": must be a path of letters, digits and '._/+@=,:-' only: it is written into ERL_AFLAGS, which erl splits on white space, and into the ssl_dist optfile as an Erlang string`,
  );
  for (const bad of ['/a"b', "/a'b", '/a\\b', '/a$b', 'rel']) refused(() => P.checkFlagSafePath('w', 'p', bad));
});

test('checkSubPath: relative, without ..', () => {
  expect(P.checkSubPath('w', 'p', 'a/b')).toBe('a/b');
  ok(() => P.checkSubPath('w', 'p', 'a..b'));
  expect(outcome(() => P.checkSubPath('w', 'p', '/a'))).toBe(`p "/a": must be a relative path inside the volume, without '..'`);
  for (const bad of ['..', 'a/../b', 1]) refused(() => P.checkSubPath('w', 'p', bad));
});

test('checkOneOf names every allowed value, quoted', () => {
  expect(P.checkOneOf('w', 'p', 'b', ['a', 'b'])).toBe('b');
  expect(outcome(() => P.checkOneOf('w', 'p', 'c', ['a', 'b']))).toBe(`p "c": must be one of 'a', 'b'`);
});

test('checkErlangBasename: letters, digits, _ and -, alphanumeric ends, at most 63', () => {
  expect(P.checkErlangBasename('w', 'p', 'My_app-1')).toBe('My_app-1');
  ok(() => P.checkErlangBasename('w', 'p', a(63)));
  ok(() => P.checkErlangBasename('w', 'p', 'Z'));
  expect(outcome(() => P.checkErlangBasename('w', 'p', a(64)))).toBe(
    `p "${a(64)}": must be an Erlang node-name part (the text before '@'): letters, digits, '_' and '-', starting and ending with a letter or digit, at most 63 characters`,
  );
  for (const bad of ['_a', 'a_', '-a', 'a-', 'a.b', 'a@b', '', 1]) refused(() => P.checkErlangBasename('w', 'p', bad));
});

test('checkEnvName: a shell variable name', () => {
  expect(P.checkEnvName('w', 'p', '_A1')).toBe('_A1');
  ok(() => P.checkEnvName('w', 'p', 'z'));
  expect(outcome(() => P.checkEnvName('w', 'p', '1A'))).toBe('p "1A": must be an environment variable name: letters, digits and _, not starting with a digit');
  for (const bad of ['A-B', 'A.B', '', 'A B', ' A', 'A ', 1]) refused(() => P.checkEnvName('w', 'p', bad));
});

test("checkSecretKey: [-._a-zA-Z0-9]+, at most 253, not '.' or '..' and not starting with '..'", () => {
  expect(P.checkSecretKey('w', 'p', '.a-_Z9')).toBe('.a-_Z9');
  ok(() => P.checkSecretKey('w', 'p', a(253)));
  for (const fine of ['.k', 'k..', 'a..b', '-']) ok(() => P.checkSecretKey('w', 'p', fine));
  expect(outcome(() => P.checkSecretKey('w', 'p', a(254)))).toBe(
    `p "${a(254)}": must be a non-empty Secret key of at most 253 letters, digits, '-', '_' and '.', not '.' or '..' and not starting with '..' (the apiserver's IsConfigMapKey)`,
  );
  for (const bad of ['', 'a/b', 'a b', ' a', 'a ', 1, '.', '..', '..k', '...']) refused(() => P.checkSecretKey('w', 'p', bad));
});

test("configMapKeyProblem: the first of IsConfigMapKey's messages", () => {
  expect(P.configMapKeyProblem(undefined)).toBe('is required');
  expect(P.configMapKeyProblem('')).toBe('is required');
  expect(P.configMapKeyProblem(a(254))).toBe('must be no more than 253 characters');
  expect(P.configMapKeyProblem('a b')).toBe("must consist of alphanumeric characters, '-', '_' or '.'");
  expect(P.configMapKeyProblem('.')).toBe("must not be '.'");
  expect(P.configMapKeyProblem('..')).toBe("must not be '..'");
  expect(P.configMapKeyProblem('..a')).toBe("must not start with '..'");
  expect(P.configMapKeyProblem('.a')).toBeUndefined();
  expect(P.configMapKeyProblem(a(253))).toBeUndefined();
});

test('checkPortName: IANA service names', () => {
  expect(P.checkPortName('w', 'p', 'http-2')).toBe('http-2');
  ok(() => P.checkPortName('w', 'p', a(15)));
  ok(() => P.checkPortName('w', 'p', 'a1'));
  expect(outcome(() => P.checkPortName('w', 'p', a(16)))).toBe(
    `p "${a(16)}": must be an IANA service name such as 'http': at most 15 lower-case letters, digits and '-', with at least one letter, no '--', starting and ending with a letter or digit`,
  );
  for (const bad of ['123', 'a--b', '-a', 'a-', 'A', 'a_b', '', ' a', 'a ', 80]) refused(() => P.checkPortName('w', 'p', bad));
});

describe('checkLabels', () => {
  test('a map of qualified keys to valid values; prefixes are DNS subdomains of at most 253', () => {
    const labels = { 'app.kubernetes.io/name': 'x', a: '', 'A_b.c-d': 'Z-9_.z' };
    expect(P.checkLabels('w', 'p', labels)).toBe(labels);
    ok(() => P.checkLabels('w', 'p', { [a(63)]: a(63) }));
    ok(() => P.checkLabels('w', 'p', { [`${a(253)}/k`]: 'v' }));
    ok(() => P.checkLabels('w', 'p', {}));
  });

  test.each([
    ['not a map', null, 'p null: must be a map of label keys to string values'],
    ['an array', ['a'], 'p ["a"]: must be a map of label keys to string values'],
    ['a string', 'a=b', 'p "a=b": must be a map of label keys to string values'],
    [
      'a 64-char name',
      { [a(64)]: 'v' },
      `p key "${a(64)}": must be a label key: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit`,
    ],
    ['a name ending in -', { 'a-': 'v' }, undefined],
    ['a name starting with .', { '.a': 'v' }, undefined],
    ['an empty name after the prefix', { 'x.io/': 'v' }, undefined],
    ['a 254-char prefix', { [`${a(254)}/k`]: 'v' }, undefined],
    ['an upper-case prefix', { 'X.io/k': 'v' }, undefined],
    [
      'a 64-char value',
      { k: a(64) },
      `p.k "${a(64)}": must be a label value: at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit, or empty`,
    ],
    ['a value ending in -', { k: 'a-' }, undefined],
    ['a value with a space', { k: 'a b' }, undefined],
    [
      'a number value',
      { k: 1 },
      "p.k 1: must be a label value: at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit, or empty",
    ],
  ])('refuses %s', (_, value, message) => {
    const got = outcome(() => P.checkLabels('w', 'p', value));
    if (message === undefined) expect(got).not.toBe('ok');
    else expect(got).toBe(message);
  });

  test('nonEmpty refuses {}; reserved keys are refused by name, others pass', () => {
    expect(outcome(() => P.checkLabels('w', 'p', {}, { nonEmpty: true }))).toBe('p {}: must name at least one label; an empty selector selects no pods');
    ok(() => P.checkLabels('w', 'p', { a: 'b' }, { nonEmpty: true }));
    expect(outcome(() => P.checkLabels('w', 'p', { app: 'x' }, { reserved: ['app'] }))).toBe(
      'p key "app": is set by the construct to select its pods; choose another key',
    );
    ok(() => P.checkLabels('w', 'p', { other: 'x' }, { reserved: ['app'] }));
  });
});

test('checkNodeName: host at most 253, the whole name at most 255', () => {
  const host253 = `${a(63)}.${a(63)}.${a(63)}.${a(61)}`;
  expect(P.checkNodeName('w', 'p', 'a', host253)).toBe(`a@${host253}`);
  ok(() => P.checkNodeName('w', 'p', 'a', host253));
  expect(outcome(() => P.checkNodeName('w', 'p', 'ab', host253))).toBe(
    `p "ab@${host253}": must be at most 255 characters with a host part of at most 253 (this one: 256 and 253); shorten basename, name, headlessServiceName, namespace or clusterDomain`,
  );
  expect(outcome(() => P.checkNodeName('w', 'p', '', `${host253}b`))).toBe(
    `p "@${host253}b": must be at most 255 characters with a host part of at most 253 (this one: 255 and 254); shorten basename, name, headlessServiceName, namespace or clusterDomain`,
  );
});

describe('images', () => {
  const sha256 = `sha256:${'a'.repeat(64)}`;
  test('imageParts splits name, tag and digest; a registry port is not a tag', () => {
    expect(P.imageParts('registry:5000/team/app:1.0@' + sha256)).toEqual({ name: 'registry:5000/team/app', tag: '1.0', digest: sha256 });
    expect(P.imageParts('registry:5000/team/app')).toEqual({ name: 'registry:5000/team/app', tag: undefined, digest: undefined });
    expect(P.imageParts('app:latest')).toEqual({ name: 'app', tag: 'latest', digest: undefined });
    expect(P.imageParts('app@' + sha256)).toEqual({ name: 'app', tag: undefined, digest: sha256 });
  });

  test('checkImage accepts references with registry, port, path, tag and digest', () => {
    for (const good of [
      'app',
      'a/b/c',
      'localhost:5000/a:1',
      'reg.io/a__b/c-d.e:v1.2_3',
      `app@${sha256}`,
      '[::1]:5000/app',
      `app:1@sha512:${'f'.repeat(128)}`,
      'r:1/a',
      'r:65535/a',
    ]) {
      expect([good, P.checkImage('w', 'p', good)]).toEqual([good, good]);
    }
  });

  test('checkImage refuses bad grammar, ports, long names and digests, each with its message', () => {
    expect(outcome(() => P.checkImage('w', 'p', 'App'))).toBe(
      `p "App": must be an image reference such as 'registry:5000/team/app:1.0' (lower-case repository path, optional tag and digest)`,
    );
    for (const bad of ['a//b', 'a:', ':1', 'a:-1', 'a@', '/a', 'a/', 'a b', 1, `a:${'t'.repeat(129)}`]) refused(() => P.checkImage('w', 'p', bad));
    ok(() => P.checkImage('w', 'p', `a:${'t'.repeat(128)}`));
    refused(() => P.checkImage('w', 'p', `a/${'b'.repeat(1022)}`));
    expect(outcome(() => P.checkImage('w', 'p', 'r:0/a'))).toBe('p "r:0/a": must have a registry port from 1 to 65535, not 0');
    expect(outcome(() => P.checkImage('w', 'p', 'r:65536/a'))).toBe('p "r:65536/a": must have a registry port from 1 to 65535, not 65536');
    const name255 = `r/${'b'.repeat(253)}`;
    ok(() => P.checkImage('w', 'p', name255));
    expect(outcome(() => P.checkImage('w', 'p', `${name255}b:1`))).toBe(
      `p "${name255}b:1": must have a repository name (registry and path) of at most 255 characters; this one has 256`,
    );
    expect(outcome(() => P.checkImage('w', 'p', `app@sha256:${'a'.repeat(63)}`))).toBe(
      `p "app@sha256:${'a'.repeat(63)}": must have a digest of a known algorithm with its exact length in lower-case hex: sha256 (64), sha384 (96), sha512 (128), e.g. 'sha256:' and 64 hex digits`,
    );
  });

  test('checkDigest: a known algorithm, its exact length, lower-case hex, nothing more', () => {
    expect(P.checkDigest('w', 'p', sha256)).toBe(sha256);
    ok(() => P.checkDigest('w', 'p', `sha384:${'0'.repeat(96)}`));
    expect(outcome(() => P.checkDigest('w', 'p', 'md5:abc'))).toBe(
      `p "md5:abc": must be a digest of a known algorithm with its exact length in lower-case hex: sha256 (64), sha384 (96), sha512 (128), e.g. 'sha256:' and 64 hex digits`,
    );
    for (const bad of [
      `sha256:${'a'.repeat(65)}`,
      `sha256:${'A'.repeat(64)}`,
      `sha256:${'g'.repeat(64)}`,
      `${sha256}:x`,
      'sha256',
      `sha384:${'0'.repeat(64)}`,
      5,
    ])
      refused(() => P.checkDigest('w', 'p', bad));
  });
});

test('checkCidr: IPv4 with octets 0..255 written plainly and /0../32; IPv6 with one :: at most and /0../128', () => {
  for (const good of ['10.0.0.0/8', '0.0.0.0/0', '255.255.255.255/32', 'fd00::/8', '::/0', '2001:db8:0:0:0:0:0:1/128', 'FD00::/64']) {
    expect(P.checkCidr('w', 'p', good)).toBe(good);
  }
  expect(outcome(() => P.checkCidr('w', 'p', '10.0.0.0/33'))).toBe(`p "10.0.0.0/33": must be a CIDR such as '10.0.0.0/8' or 'fd00::/8'`);
  for (const bad of [
    '10.0.0.256/8',
    '10.0.0.01/8',
    '10.0.0/8',
    '10.0.0.0.0/8',
    '10.0.0.0',
    '10.0.0.0/8/1',
    'fd00::/129',
    '1::2::3/64',
    'fd00::g/8',
    '10.0.0.0/',
    '10.0.0.0/1234',
    'x/8',
    8,
    'a10.0.0.0/8',
    '10.0.0.0/8a',
    '1000.0.0.0/8',
  ])
    refused(() => P.checkCidr('w', 'p', bad));
});

test('checkUnique names the first use of the key', () => {
  ok(() => P.checkUnique('w', 'ports', [{ n: 'a' }, { n: 'b' }], (x) => x.n, 'port name'));
  expect(outcome(() => P.checkUnique('w', 'ports', [{ n: 'a' }, { n: 'b' }, { n: 'a' }], (x) => x.n, 'port name'))).toBe(
    'ports[2] "a": port name is already used by ports[0]; each must be unique',
  );
  expect(outcome(() => P.checkUnique('w', 'p', [1, 2, 2], (x) => x, 'v'))).toBe('p[2] 2: v is already used by p[1]; each must be unique');
});

test('the published limits', () => {
  expect([
    P.NODE_PORT_RANGE,
    P.MAX_STATEFUL_SET_NAME,
    P.MAX_NODE_NAME,
    P.MAX_FQDN,
    P.MAX_INT32,
    P.MAX_ENV_STRING_BYTES,
    P.MAX_IMAGE_NAME,
    P.DIGEST_HEX_LENGTHS,
  ]).toEqual([{ min: 30000, max: 32767 }, 52, 255, 253, 2147483647, 131072, 255, { sha256: 64, sha384: 96, sha512: 128 }]);
  expect([P.ACCESS_MODES, P.IMAGE_PULL_POLICIES, P.UNHEALTHY_POD_EVICTION_POLICIES, P.NETWORK_PROTOCOLS]).toEqual([
    ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
    ['Always', 'IfNotPresent', 'Never'],
    ['AlwaysAllow', 'IfHealthyBudget'],
    ['TCP', 'UDP', 'SCTP'],
  ]);
});
