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
