import { checkDnsSubdomain, checkSecretKey } from '../validation/props';
import { ConfigError } from '../validation/errors';
import { brand, hasBrand } from '../constructs/brand';

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
   * @param secretName name of the Secret
   * @param key key inside the Secret @default 'cookie'
   */
  public static fromSecret(secretName: string, key: string = 'cookie'): ErlangCookie {
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
    throw new ConfigError(where, 'peer', peer,
      `uses cookie ${theirs} but this cluster uses ${mine}; clusters with different cookies cannot connect ("disallowed node"). Share one ErlangCookie, or do not make them peers`);
  }
}
