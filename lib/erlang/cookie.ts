import type { ISecret } from 'cdk8s-plus-28';
import { checkDnsSubdomain, checkSecretKey } from '../checks';
import { ConfigError } from '../core/errors';
import { brand, hasBrand } from '../core/brand';

/** The key of the cookie in its Secret, unless told otherwise. */
const DEFAULT_COOKIE_KEY = 'cookie';

/**
 * Where the Erlang distribution cookie comes from.
 *
 * A changed cookie splits a running cluster (the nodes reject each other as
 * "disallowed"), so the cookie lives in a Secret that is created once, outside
 * the synthesized manifests, and is only referenced from them.
 */
export class ErlangCookie {
  /** Whether `x` is an ErlangCookie, from this or any other copy of this package. */
  public static isErlangCookie(x: unknown): x is ErlangCookie {
    return hasBrand(x, 'ErlangCookie');
  }

  /**
   * Reference a Secret, by name, that already exists in the cluster's namespace.
   * Create it once, for example:
   * `kubectl create secret generic <name> --from-literal=cookie="$(openssl rand -hex 32)"`.
   *
   * @param name the Secret's name
   * @param key key inside the Secret @default 'cookie'
   */
  public static fromSecretName(name: string, key: string = DEFAULT_COOKIE_KEY): ErlangCookie {
    return ErlangCookie.of('ErlangCookie.fromSecretName', 'name', name, key);
  }

  /**
   * Reference a cdk8s-plus Secret, e.g. `Secret.fromSecretName(scope, 'Cookie', 'chat-cookie')`,
   * or one this chart defines (then its value lands in the manifests: prefer a Secret made outside them).
   *
   * @param secret the Secret
   * @param key key inside the Secret @default 'cookie'
   */
  public static fromSecret(secret: ISecret, key: string = DEFAULT_COOKIE_KEY): ErlangCookie {
    const where = 'ErlangCookie.fromSecret';
    // JavaScript callers have no type checker: a Secret name is the other factory's.
    if (secret === null || typeof secret !== 'object' || typeof secret.name !== 'string') {
      throw new ConfigError(
        where,
        'secret',
        secret,
        "must be a cdk8s-plus ISecret, e.g. Secret.fromSecretName(scope, 'Cookie', 'my-cookie'); for a Secret name use ErlangCookie.fromSecretName('my-cookie')",
      );
    }
    return ErlangCookie.of(where, 'secret.name', secret.name, key);
  }

  private static of(where: string, nameProp: string, name: unknown, key: unknown): ErlangCookie {
    return new ErlangCookie(checkDnsSubdomain(where, nameProp, name), checkSecretKey(where, 'key', key));
  }

  private constructor(
    /** Name of the Secret that holds the cookie. */
    public readonly secretName: string,
    /** Key of the cookie inside the Secret. */
    public readonly key: string,
  ) {
    brand(this, 'ErlangCookie');
  }

  /** True when both refer to the same Secret key, i.e. the nodes can talk. */
  public sameAs(other: ErlangCookie): boolean {
    return this.secretName === other.secretName && this.key === other.key;
  }

  /** `secret/key`, for messages. */
  public toString(): string {
    return `${this.secretName}/${this.key}`;
  }
}

/** Throws unless every cluster of a mesh uses the same cookie. */
export function checkSameCookie(where: string, mine: ErlangCookie, theirs: ErlangCookie, peer: string): void {
  if (!mine.sameAs(theirs)) {
    throw new ConfigError(
      where,
      'peer',
      peer,
      `uses cookie ${theirs} but this cluster uses ${mine}; clusters with different cookies cannot connect ("disallowed node"). Share one ErlangCookie, or do not make them peers`,
    );
  }
}

/**
 * How the cookie reaches the VM. A strategy, like `SecurityProfile`: one of
 * {@link CookieDelivery.ENV} and {@link CookieDelivery.FILE}.
 */
export class CookieDelivery {
  /**
   * `RELEASE_COOKIE` (and, for relx, `RELX_COOKIE`) from the Secret through
   * `secretKeyRef`. Every process of the container inherits it, and it can be read
   * from `/proc/<pid>/environ` (Checkov CKV_K8S_35).
   */
  public static readonly ENV = new CookieDelivery('env');
  /**
   * No env var carries the cookie. An init container copies the Secret's key into
   * `$HOME/.erlang.cookie` on an in-memory emptyDir, readable by its owner only (the VM
   * refuses a cookie file that group or others can read, and the kubelet makes a Secret
   * volume's files group-readable whenever the pod has an `fsGroup`), and the node
   * container's `HOME` points there. The release must not pass the cookie itself: see
   * `releaseConfiguration`.
   */
  public static readonly FILE = new CookieDelivery('file');
  /** Every delivery, in the order messages list them. */
  public static readonly ALL: CookieDelivery[] = [CookieDelivery.ENV, CookieDelivery.FILE];
  /** Under FILE: where the Secret's cookie key is mounted, read only by the copy step. */
  public static readonly SECRET_DIR = '/var/run/secrets/erlang-cookie';
  /** Under FILE: the node container's `HOME`, where the VM reads `.erlang.cookie`. */
  public static readonly HOME_DIR = '/var/run/erlang-home';
  /** The file that the VM, relx's start script and erl_call read in `$HOME`. */
  public static readonly FILE_NAME = '.erlang.cookie';

  /** Whether `x` is a CookieDelivery, from this or any other copy of this package. */
  public static isCookieDelivery(x: unknown): x is CookieDelivery {
    return hasBrand(x, 'CookieDelivery');
  }

  /** The delivery called `value` ('env' or 'file'), as configuration files and JavaScript callers name it. */
  public static fromValue(value: string): CookieDelivery | undefined {
    return CookieDelivery.ALL.find((d) => d.value === value);
  }

  private constructor(
    /** The delivery's name, as messages and configuration files spell it. */
    public readonly value: string,
  ) {
    brand(this, 'CookieDelivery');
  }

  /** Whether the cookie reaches the node as a file rather than through env. */
  public get isFile(): boolean {
    return this.value === 'file';
  }

  /** The delivery's name, e.g. 'file'. */
  public toString(): string {
    return this.value;
  }
}
