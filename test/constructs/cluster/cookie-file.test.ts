/**
 * lib/constructs/cluster/cookie-file.ts: the cookieDelivery prop's default and values, and
 * what each delivery adds to the pod, whole.
 */
import * as k8s from '../../../imports/k8s';
import { CookieDelivery, ErlangCookie } from '../../../lib/erlang/cookie';
import { cookieParts, resolveCookieDelivery } from '../../../lib/constructs/cluster/cookie-file';
import { SecurityProfile } from '../../../lib/constructs/cluster/security-profile';
import { configErrorOf } from '../../helpers';

describe('resolveCookieDelivery', () => {
  test('left out: a file under the hardened profile, env under the root-compatible one', () => {
    expect(resolveCookieDelivery('w', undefined, SecurityProfile.HARDENED)).toBe(CookieDelivery.FILE);
    expect(resolveCookieDelivery('w', undefined, SecurityProfile.ROOT_COMPATIBLE)).toBe(CookieDelivery.ENV);
  });

  test('given, by instance or by value, whatever the profile', () => {
    expect(resolveCookieDelivery('w', CookieDelivery.ENV, SecurityProfile.HARDENED)).toBe(CookieDelivery.ENV);
    expect(resolveCookieDelivery('w', 'env', SecurityProfile.HARDENED)).toBe(CookieDelivery.ENV);
    expect(resolveCookieDelivery('w', 'file', SecurityProfile.ROOT_COMPATIBLE)).toBe(CookieDelivery.FILE);
  });

  test.each([
    ['FILE', '"FILE"'],
    [null, 'null'],
    [{ value: 'file' }, '{"value":"file"}'],
  ])('%j is refused, with the values allowed', (value, written) => {
    expect(configErrorOf(() => resolveCookieDelivery('w', value, SecurityProfile.HARDENED)).message).toBe(
      `w: invalid cookieDelivery ${written}: must be one of 'env', 'file'`,
    );
  });
});

describe('cookieParts', () => {
  const cookie = ErlangCookie.fromSecretName('c', 'k');

  test('env adds nothing to the pod', () => {
    expect(cookieParts(CookieDelivery.ENV, cookie)).toEqual({ env: [], volumes: [], volumeMounts: [], rbacRules: [] });
  });

  test("a file: HOME, the Secret's key as file 'cookie' readable by its owner, and a 1Mi in-memory HOME mounted read-only", () => {
    expect(cookieParts(CookieDelivery.FILE, cookie)).toEqual({
      env: [{ name: 'HOME', value: '/var/run/erlang-home' }],
      volumes: [
        { name: 'erlang-cookie-secret', secret: { secretName: 'c', items: [{ key: 'k', path: 'cookie' }], defaultMode: 0o400 } },
        { name: 'erlang-home', emptyDir: { medium: 'Memory', sizeLimit: k8s.Quantity.fromString('1Mi') } },
      ],
      volumeMounts: [{ name: 'erlang-home', mountPath: '/var/run/erlang-home', readOnly: true }],
      rbacRules: [],
    });
  });
});
