/**
 * The cookie as a file (`CookieDelivery.FILE`): the pod parts, the copy step and
 * the prop's default. The VM reads `$HOME/.erlang.cookie` and refuses it when
 * group or others may read it (OTP's auth). A Secret volume's files cannot be
 * owner-only here: with an `fsGroup` (every profile sets one) the kubelet adds
 * group read to them (SetVolumeOwnership). So an init container, running as the
 * node container runs, copies the key with `umask 077` into an in-memory emptyDir
 * that becomes the node container's `HOME`.
 */
import * as k8s from '../../../imports/k8s';
import { checkOneOfInstances } from '../../checks';
import { defined } from '../../kubernetes/defined';
import { CookieDelivery, type ErlangCookie } from '../../erlang/cookie';
import { SecurityProfile } from './security-profile';
import type { ClusterSpec, PodParts } from './spec';

/** The Secret volume that holds the cookie key, mounted only in the copy step. */
export const COOKIE_SECRET_VOLUME = 'erlang-cookie-secret';
/** The in-memory volume that becomes the node container's `HOME`. */
export const COOKIE_HOME_VOLUME = 'erlang-home';
/** The init container that copies the cookie. */
export const COOKIE_COPY_CONTAINER = 'erlang-cookie';
const SECRET_FILE = 'cookie';

/** The prop, or its default: FILE under the hardened profile, ENV otherwise. */
export function resolveCookieDelivery(where: string, delivery: unknown, security: SecurityProfile): CookieDelivery {
  if (delivery === undefined) return security.value === SecurityProfile.HARDENED.value ? CookieDelivery.FILE : CookieDelivery.ENV;
  return checkOneOfInstances(where, 'cookieDelivery', delivery, CookieDelivery.ALL, CookieDelivery.isCookieDelivery);
}

/** What the delivery adds to the node container and the pod: `HOME` and the two volumes (none for ENV). */
export function cookieParts(delivery: CookieDelivery, cookie: ErlangCookie): PodParts {
  if (!delivery.isFile) return { env: [], volumes: [], volumeMounts: [], rbacRules: [] };
  return {
    env: [{ name: 'HOME', value: CookieDelivery.HOME_DIR }],
    volumes: [
      { name: COOKIE_SECRET_VOLUME, secret: { secretName: cookie.secretName, items: [{ key: cookie.key, path: SECRET_FILE }], defaultMode: 0o400 } },
      { name: COOKIE_HOME_VOLUME, emptyDir: { medium: 'Memory', sizeLimit: k8s.Quantity.fromString('1Mi') } },
    ],
    volumeMounts: [{ name: COOKIE_HOME_VOLUME, mountPath: CookieDelivery.HOME_DIR, readOnly: true }],
    rbacRules: [],
  };
}

/**
 * The copy step: the node's image, user, security context and resources (an init
 * container's requests do not add to the pod's), so the copy belongs to the VM's user.
 */
export function cookieCopyContainer(spec: ClusterSpec): k8s.Container | undefined {
  if (!spec.cookieDelivery.isFile) return undefined;
  const target = `${CookieDelivery.HOME_DIR}/${CookieDelivery.FILE_NAME}`;
  return defined({
    name: COOKIE_COPY_CONTAINER,
    image: spec.pod.image,
    imagePullPolicy: spec.pod.imagePullPolicy,
    command: ['sh', '-c', `umask 077 && rm -f ${target} && cat ${CookieDelivery.SECRET_DIR}/${SECRET_FILE} > ${target}`],
    volumeMounts: [
      { name: COOKIE_SECRET_VOLUME, mountPath: CookieDelivery.SECRET_DIR, readOnly: true },
      { name: COOKIE_HOME_VOLUME, mountPath: CookieDelivery.HOME_DIR },
    ],
    resources: spec.pod.resources,
    securityContext: spec.parts.security.containerSecurityContext,
  });
}
