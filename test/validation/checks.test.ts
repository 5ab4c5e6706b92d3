/**
 * The construct-prop checks (lib/checks/*) and the prop shapes' quantities and
 * durations on the inputs JavaScript callers and YAML can give them: non-strings, null,
 * functions, boundary lengths. Each refusal is the exact one-line ConfigError.
 */
import { Duration, Size } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Cpu, EnvValue } from 'cdk8s-plus-28';
import { ErlangRelease } from '../../lib/erlang/release';
import { ErlangCookie } from '../../lib/erlang/cookie';
import { checkUserEnv } from '../../lib/constructs/cluster/prop-checks';
import { ERLANG_STATEFUL_CLUSTER_PROPS, SERVICE_PORT } from '../../lib/validation/prop-shapes';
import * as P from '../../lib/checks';
import { checkShape } from '../../lib/validation/shapes';
import { outcomeOf } from '../helpers';

describe('checkAnnotations', () => {
  const NOT_A_MAP = 'must be a map of annotation keys to string values';

  test('refuses null, strings, arrays and numbers as a whole, not entry by entry', () => {
    expect([null, 'a=b', ['x'], 7].map((v) => outcomeOf(() => P.checkAnnotations('w', 'meta.annotations', v)))).toEqual([
      `w: invalid meta.annotations null: ${NOT_A_MAP}`,
      `w: invalid meta.annotations "a=b": ${NOT_A_MAP}`,
      `w: invalid meta.annotations ["x"]: ${NOT_A_MAP}`,
      `w: invalid meta.annotations 7: ${NOT_A_MAP}`,
    ]);
  });

  test('refuses a non-string value, naming its key', () => {
    const allowed = 'must be a string (annotation values are strings; JSON-encode structured data)';
    expect(outcomeOf(() => P.checkAnnotations('w', 'a', { 'example.com/n': 1 }))).toBe(`w: invalid a.example.com/n 1: ${allowed}`);
    expect(outcomeOf(() => P.checkAnnotations('w', 'a', { ok: 'x', flag: true }))).toBe(`w: invalid a.flag true: ${allowed}`);
    expect(outcomeOf(() => P.checkAnnotations('w', 'a', { obj: { nested: 'x' } }))).toBe(`w: invalid a.obj {"nested":"x"}: ${allowed}`);
    expect(P.checkAnnotations('w', 'a', { 'example.com/n': '1' })).toEqual({ 'example.com/n': '1' });
  });
});

describe('names from JavaScript: a non-string is refused with the check message, never a TypeError', () => {
  test('checkEnvName refuses undefined, null and true (which read as valid names when stringified)', () => {
    const allowed = 'must be an environment variable name: letters, digits and _, not starting with a digit';
    expect([undefined, null, true].map((v) => outcomeOf(() => P.checkEnvName('w', 'env', v)))).toEqual([
      `w: invalid env (missing): ${allowed}`,
      `w: invalid env null: ${allowed}`,
      `w: invalid env true: ${allowed}`,
    ]);
  });

  test('an envVariables key that is empty is refused as a name', () => {
    expect(outcomeOf(() => checkUserEnv('w', [{ name: '', value: 'x' }], new Set()))).toBe(
      'w: invalid envVariables. "": must be an environment variable name: letters, digits and _, not starting with a digit',
    );
  });

  test('checkPortName refuses undefined, null and true', () => {
    const allowed =
      "must be an IANA service name such as 'http': at most 15 lower-case letters, digits and '-', with at least one letter, no '--', starting and ending with a letter or digit";
    expect([undefined, null, true].map((v) => outcomeOf(() => P.checkPortName('w', 'port', v)))).toEqual([
      `w: invalid port (missing): ${allowed}`,
      `w: invalid port null: ${allowed}`,
      `w: invalid port true: ${allowed}`,
    ]);
  });
});

describe('checkInteger', () => {
  test('refuses numeric strings and other non-numbers', () => {
    expect(['3', null, true, [3]].map((v) => outcomeOf(() => P.checkInteger('w', 'n', v, 0, 10)))).toEqual([
      'w: invalid n "3": must be an integer from 0 to 10',
      'w: invalid n null: must be an integer from 0 to 10',
      'w: invalid n true: must be an integer from 0 to 10',
      'w: invalid n [3]: must be an integer from 0 to 10',
    ]);
    expect(P.checkInteger('w', 'n', 3, 0, 10)).toBe(3);
  });
});

describe('quantityValue', () => {
  test('exponents of several digits, with sign and fraction', () => {
    expect(['1e10', '2E+12', '5e-3', '.5e2', '1.5E3'].map(P.quantityValue)).toEqual([1e10, 2e12, 5e-3, 50, 1500]);
    expect(['2', '1Ki', '500m', '-1.5G'].map(P.quantityValue)).toEqual([2, 1024, 0.5, -1.5e9]);
  });

  test('NaN for text around a quantity, or a suffix it does not know', () => {
    expect(['x1', '1Gi ', '1Gix', 'a1e3', '1e3x', '1constructor', '1toString', '+-1', '1..2', '.'].map(P.quantityValue)).toEqual(Array(10).fill(NaN));
  });
});

describe('checkSizeQuantity', () => {
  test('a Size is checked as the quantity string it renders', () => {
    expect(outcomeOf(() => P.checkSizeQuantity('w', 'size', Size.gibibytes(0)))).toBe(
      "w: invalid size \"0\": must be a positive Kubernetes quantity such as '1Gi' or '500Mi'",
    );
    expect(P.checkSizeQuantity('w', 'size', Size.gibibytes(10))).toBe('10Gi');
  });
});

describe('checkCidr', () => {
  const refusal = (v: unknown) => `w: invalid cidr ${JSON.stringify(v)}: must be a CIDR such as '10.0.0.0/8' or 'fd00::/8'`;

  test('an IPv6 address needs a colon, and only hex digits and colons from its first character', () => {
    for (const bad of ['10/8', 'ff/8', 'abcd/64', 'x::1/64', ' ::1/64', 'g::/8', '::g/8'])
      expect(outcomeOf(() => P.checkCidr('w', 'cidr', bad))).toBe(refusal(bad));
    for (const good of ['::/0', '::1/128', 'fd00::/8', 'fd00:0:0:0:0:0:0:1/64', 'FD00::/8']) expect(P.checkCidr('w', 'cidr', good)).toBe(good);
  });

  test('one :: at most', () => {
    expect(outcomeOf(() => P.checkCidr('w', 'cidr', 'fd00::1::/64'))).toBe(refusal('fd00::1::/64'));
    expect(outcomeOf(() => P.checkCidr('w', 'cidr', '::::/64'))).toBe(refusal('::::/64'));
  });

  test('the prefix length: digits only, from the start; 32 for IPv4, 128 for IPv6', () => {
    for (const bad of ['10.0.0.0/x8', '10.0.0.0/8x', '10.0.0.0/0008', '10.0.0.0/ 8', '10.0.0.0/', '10.0.0.0', '10.0.0.0/33', 'fd00::/129', '10.0.0.0/8/8']) {
      expect(outcomeOf(() => P.checkCidr('w', 'cidr', bad))).toBe(refusal(bad));
    }
    expect(P.checkCidr('w', 'cidr', '10.0.0.0/32')).toBe('10.0.0.0/32');
    expect(P.checkCidr('w', 'cidr', 'fd00::/128')).toBe('fd00::/128');
  });

  test("IPv6 by Node's parser: groups of 1-4 hex digits, at most 8 of them, no zone id; IPv4-mapped addresses pass", () => {
    for (const bad of ['fd00:::/64', '12345::/8', '1:2:3:4:5:6:7:8:9/64', ':/8', '1:/8', 'fe80::1%eth0/64', '010.0.0.0/8', 'x/0', 'x/1'])
      expect(outcomeOf(() => P.checkCidr('w', 'cidr', bad))).toBe(refusal(bad));
    for (const good of ['::ffff:10.0.0.0/104', '1:2:3:4:5:6:7:8/128']) expect(P.checkCidr('w', 'cidr', good)).toBe(good);
  });

  test('non-strings, even ones that stringify to a CIDR, are refused', () => {
    for (const bad of [undefined, null, 8, ['10.0.0.0/8'], { toString: () => '10.0.0.0/8' }])
      expect(outcomeOf(() => P.checkCidr('w', 'cidr', bad))).toBe(
        `w: invalid cidr ${bad === undefined ? '(missing)' : JSON.stringify(bad)}: must be a CIDR such as '10.0.0.0/8' or 'fd00::/8'`,
      );
  });
});

describe('checkImage', () => {
  const GRAMMAR = "must be an image reference such as 'registry:5000/team/app:1.0' (lower-case repository path, optional tag and digest)";

  test('at most 1024 characters are parsed; a longer reference is refused as a whole', () => {
    const at1024 = `a/${'b'.repeat(1022)}`;
    const at1025 = `a/${'b'.repeat(1023)}`;
    expect(outcomeOf(() => P.checkImage('w', 'p', at1024))).toBe(
      `w: invalid p "${at1024.slice(0, 199)}... (1026 chars): must have a repository name (registry and path) of at most 255 characters; this one has 1024`,
    );
    expect(outcomeOf(() => P.checkImage('w', 'p', at1025))).toBe(`w: invalid p "${at1025.slice(0, 199)}... (1027 chars): ${GRAMMAR}`);
  });

  test('the registry port is the one before the first /, also after an IPv6 address', () => {
    expect(outcomeOf(() => P.checkImage('w', 'p', '[::1]:0/app'))).toBe('w: invalid p "[::1]:0/app": must have a registry port from 1 to 65535, not 0');
    expect(outcomeOf(() => P.checkImage('w', 'p', '[::1]:65536/app:1'))).toBe(
      'w: invalid p "[::1]:65536/app:1": must have a registry port from 1 to 65535, not 65536',
    );
    for (const good of ['[::1]:5000/app', '[::1]/app:1', 'r:1/a', 'r:65535/a:2', 'localhost/app:1', 'app:1', 'app'])
      expect(P.checkImage('w', 'p', good)).toBe(good);
  });

  test('a digest with an upper-case hex digit is refused, wherever it is', () => {
    const digest = `sha256:A${'a'.repeat(63)}`;
    const allowed =
      "a digest of a known algorithm with its exact length in lower-case hex: sha256 (64), sha384 (96), sha512 (128), e.g. 'sha256:' and 64 hex digits";
    expect(outcomeOf(() => P.checkDigest('w', 'imageDigest', digest))).toBe(`w: invalid imageDigest "${digest}": must be ${allowed}`);
    expect(outcomeOf(() => P.checkImage('w', 'p', `app@${digest}`))).toBe(`w: invalid p "app@${digest}": must have ${allowed}`);
    expect(outcomeOf(() => P.checkDigest('w', 'imageDigest', `md5:${'a'.repeat(32)}`))).toBe(
      `w: invalid imageDigest "md5:${'a'.repeat(32)}": must be ${allowed}`,
    );
    expect(outcomeOf(() => P.checkDigest('w', 'imageDigest', 'constructor:a'))).toBe(`w: invalid imageDigest "constructor:a": must be ${allowed}`);
  });
});

describe('isEnvValue', () => {
  /** An instance of a class that carries jsii's type info with this fqn, as cdk8s-plus's classes do. */
  const ofFqn = (fqn: unknown): object => {
    class Fake {}
    Object.assign(Fake, { [Symbol.for('jsii.rtti')]: { fqn } });
    return new Fake();
  };

  test('an EnvValue of any cdk8s-plus-N, by its class', () => {
    expect([EnvValue.fromValue('info'), ofFqn('cdk8s-plus-28.EnvValue'), ofFqn('cdk8s-plus-31.EnvValue')].map(P.isEnvValue)).toEqual([true, true, true]);
  });

  test('not null, undefined, a primitive, an object without a constructor, a plain { value } or a function', () => {
    const values = [null, undefined, 'info', 7, Object.create(null), { value: 'info' }, () => 'info'];
    expect(values.map(P.isEnvValue)).toEqual(values.map(() => false));
  });

  test('not a class of another name, even one that contains it', () => {
    const fqns = ['my-cdk8s-plus-28.EnvValue', 'cdk8s-plus-28.EnvValueFrom', 'cdk8s-plus-28.EnvValue.X', 'cdk8s-plus-.EnvValue', 'cdk8s-plus-28.Env', 28];
    expect(fqns.map((fqn) => P.isEnvValue(ofFqn(fqn)))).toEqual(fqns.map(() => false));
  });
});

describe('prop shapes: quantities and durations', () => {
  const base = { basename: 'app', release: ErlangRelease.relx(), image: 'app:1', cookie: ErlangCookie.fromSecretName('c') };
  const props = (extra: object) => outcomeOf(() => checkShape('w', 'props', { ...base, ...extra }, ERLANG_STATEFUL_CLUSTER_PROPS));
  const CPU = 'must be a cdk8s-plus Cpu, e.g. Cpu.millis(250) or Cpu.units(2)';
  const SIZE = 'must be a cdk8s Size, e.g. Size.mebibytes(512)';

  test('resources: a cdk8s-plus Cpu per CPU request and limit, a cdk8s Size per memory and ephemeral-storage one', () => {
    const bytes = { request: Size.mebibytes(512), limit: Size.gibibytes(1) };
    expect(props({ resources: { cpu: { request: Cpu.millis(500), limit: Cpu.units(1) }, memory: bytes, ephemeralStorage: bytes } })).toBe('ok');
  });

  test('null, a quantity string, a k8s.Quantity, a Cpu for bytes and a Size for CPU are refused', () => {
    expect(props({ resources: { cpu: { limit: null } } })).toBe(
      `w: invalid props.resources.cpu.limit null: ${CPU}; null is not allowed (leave the prop out for its default)`,
    );
    expect(props({ resources: { cpu: { request: '500m' } } })).toBe(`w: invalid props.resources.cpu.request "500m": ${CPU}, not a string`);
    expect(props({ resources: { cpu: { request: k8s.Quantity.fromString('1') } } })).toBe(
      `w: invalid props.resources.cpu.request {"value":"1"}: ${CPU}, not an object`,
    );
    expect(props({ resources: { cpu: { request: Size.gibibytes(1) } } })).toMatch(/^w: invalid props\.resources\.cpu\.request .*: must be a cdk8s-plus Cpu/);
    expect(props({ resources: { memory: { limit: Cpu.units(1) } } })).toBe(`w: invalid props.resources.memory.limit {"amount":"1"}: ${SIZE}, not an object`);
    expect(props({ resources: { ephemeralStorage: { request: 1024 } } })).toBe(
      `w: invalid props.resources.ephemeralStorage.request 1024: ${SIZE}, not a number`,
    );
    expect(props({ resources: { cpu: { request: Object.assign(() => 0, { amount: '250m' }) } } })).toBe(
      `w: invalid props.resources.cpu.request () => 0: ${CPU}, not a function`,
    );
  });

  test('terminationGracePeriod: a Duration, not a number (the old spelling) or a function that has toSeconds', () => {
    expect(props({ terminationGracePeriod: Duration.seconds(30) })).toBe('ok');
    expect(props({ terminationGracePeriod: 30 })).toBe(
      'w: invalid props.terminationGracePeriod 30: must be a cdk8s Duration, e.g. Duration.seconds(30), not a number',
    );
    expect(props({ terminationGracePeriod: Object.assign(() => 0, { toSeconds: () => 30 }) })).toBe(
      'w: invalid props.terminationGracePeriod () => 0: must be a cdk8s Duration, e.g. Duration.seconds(30), not a function',
    );
    expect(props({ minReady: null })).toBe(
      'w: invalid props.minReady null: must be a cdk8s Duration, e.g. Duration.seconds(30); null is not allowed (leave the prop out for its default)',
    );
  });

  test('a port by number or name: a k8s.IntOrString of either, not a bare value (the old spelling) or an object without one', () => {
    const port = (targetPort: unknown) => outcomeOf(() => checkShape('w', 'port', { name: 'http', port: 80, targetPort }, SERVICE_PORT));
    const INT_OR_STRING = "must be a k8s.IntOrString, e.g. IntOrString.fromNumber(4000) or IntOrString.fromString('http')";
    expect([port(k8s.IntOrString.fromNumber(8080)), port(k8s.IntOrString.fromString('http'))]).toEqual(['ok', 'ok']);
    expect(port('http')).toBe(`w: invalid port.targetPort "http": ${INT_OR_STRING}, not a string`);
    expect(port(8080)).toBe(`w: invalid port.targetPort 8080: ${INT_OR_STRING}, not a number`);
    expect(port({ value: true })).toBe(`w: invalid port.targetPort {"value":true}: ${INT_OR_STRING}, not an object`);
    expect(port(null)).toBe(`w: invalid port.targetPort null: ${INT_OR_STRING}; null is not allowed (leave the prop out for its default)`);
    expect(port(Object.assign(() => 0, { value: 8080 }))).toBe(`w: invalid port.targetPort () => 0: ${INT_OR_STRING}, not a function`);
  });

  test('the old spellings of a size and a scrape interval, strings, are refused; a Size and a Duration pass', () => {
    expect(props({ storage: { mountPath: '/data', size: Size.gibibytes(10) }, metrics: { podMonitor: { interval: Duration.seconds(30) } } })).toBe('ok');
    expect(props({ storage: { mountPath: '/data', size: '10Gi' } })).toBe(
      'w: invalid props.storage.size "10Gi": must be a cdk8s Size, e.g. Size.gibibytes(10), not a string',
    );
    expect(props({ metrics: { podMonitor: { interval: '30s' } } })).toBe(
      'w: invalid props.metrics.podMonitor.interval "30s": must be a cdk8s Duration, e.g. Duration.seconds(30), not a string',
    );
  });

  test('a storage class: an object with a name, not null or a function (which has a name too, e.g. StorageClass.fromName uncalled)', () => {
    const allowed = "must be an IStorageClass: StorageClass.fromName('fast-ssd') for a class the cluster has, or a LocalStorageClass";
    const storageClass = (v: unknown) => props({ storage: { mountPath: '/data', storageClass: v } });
    expect(storageClass({ name: 'fast-ssd' })).toBe('ok');
    expect(storageClass(null)).toBe(`w: invalid props.storage.storageClass null: ${allowed}; null is not allowed (leave the prop out for its default)`);
    const fromName = (name: string) => ({ name });
    expect(fromName.name).toBe('fromName');
    expect(storageClass(fromName)).toBe(`w: invalid props.storage.storageClass ${String(fromName)}: ${allowed}, not a function`);
  });
});
