import { checkDnsSubdomain, checkSecretKey } from '../checks';
import { ConfigError } from '../core/errors';
import { brand, hasBrand } from '../core/brand';

/** The key of the cookie in its Secret, unless told otherwise. */
export const DEFAULT_COOKIE_KEY = 'cookie';

/** A Secret as cdk8s-plus's `ISecret` names it: all a cookie needs to reference it. */
export interface NamedSecret {
  readonly name: string;
}

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
   * Reference a Secret that already exists in the cluster's namespace.
   * Create it once, for example:
   * `kubectl create secret generic <name> --from-literal=cookie="$(openssl rand -hex 32)"`.
   *
   * @param secret the Secret, by name or as a cdk8s-plus `ISecret` (e.g. `Secret.fromSecretName(...)`)
   * @param key key inside the Secret @default 'cookie'
   */
  public static fromSecret(secret: string | NamedSecret, key: string = DEFAULT_COOKIE_KEY): ErlangCookie {
    const secretName = typeof secret === 'object' && secret !== null ? secret.name : secret;
    checkDnsSubdomain('ErlangCookie.fromSecret', 'secretName', secretName);
    checkSecretKey('ErlangCookie.fromSecret', 'key', key);
    return new ErlangCookie(secretName, key);
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
 * The cookie prop: an ErlangCookie, a cdk8s-plus `ISecret`, or a Secret name
 * (key {@link DEFAULT_COOKIE_KEY} for both).
 */
export function resolveCookie(where: string, cookie: unknown): ErlangCookie {
  if (ErlangCookie.isErlangCookie(cookie)) return cookie;
  const named = typeof cookie === 'object' && cookie !== null && typeof (cookie as NamedSecret).name === 'string';
  if (typeof cookie === 'string' || named) {
    const secretName = typeof cookie === 'string' ? cookie : (cookie as NamedSecret).name;
    checkDnsSubdomain(where, 'cookie', secretName);
    return ErlangCookie.fromSecret(secretName);
  }
  throw new ConfigError(where, 'cookie', cookie, "must be an ErlangCookie, e.g. ErlangCookie.fromSecret('my-cookie'), a cdk8s-plus ISecret or a Secret name");
}
