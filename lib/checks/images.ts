/** Checks of image references and digests (the distribution/reference grammar). */
import { ConfigError } from '../core/errors';

// The distribution/reference grammar used by Docker and containerd.
const IMAGE_REF = (() => {
  const alnum = '[a-z0-9]+';
  const separator = '(?:[._]|__|[-]+)';
  const pathComponent = `${alnum}(?:${separator}${alnum})*`;
  const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
  const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
  const tag = '[\\w][\\w.-]{0,127}';
  const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-zA-Z]+';
  return new RegExp(`^(?:${domain}/)?${pathComponent}(?:/${pathComponent})*(?::${tag})?(?:@${digest})?$`);
})();
/** An image name (registry and path) is at most 255 characters (distribution/reference). */
export const MAX_IMAGE_NAME = 255;
/** Digest algorithms that registries accept, and their hex lengths (opencontainers/go-digest). */
export const DIGEST_HEX_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

export function checkImage(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 1024 || !IMAGE_REF.test(value)) {
    throw new ConfigError(
      where,
      prop,
      value,
      "must be an image reference such as 'registry:5000/team/app:1.0' (lower-case repository path, optional tag and digest)",
    );
  }
  const { name, digest } = imageParts(value);
  // Only the registry (the first component, before a '/') can have a ':' in the name: its port, e.g. '[::1]:5000/app'.
  const port = /:(\d+)\//.exec(name)?.[1];
  // No port: Number(undefined) is NaN, in range by neither test.
  if (Number(port) < 1 || Number(port) > 65535) {
    throw new ConfigError(where, prop, value, `must have a registry port from 1 to 65535, not ${port}`);
  }
  if (name.length > MAX_IMAGE_NAME) {
    throw new ConfigError(
      where,
      prop,
      value,
      `must have a repository name (registry and path) of at most ${MAX_IMAGE_NAME} characters; this one has ${name.length}`,
    );
  }
  if (digest !== undefined && !isDigest(digest)) throw new ConfigError(where, prop, value, `must have ${DIGEST_ALLOWED}`);
  return value;
}

/** The repository name (registry and path), the tag (undefined when it has none) and the digest of an image reference. */
export function imageParts(image: string): { name: string; tag?: string | undefined; digest?: string | undefined } {
  const at = image.indexOf('@');
  const nameAndTag = at === -1 ? image : image.slice(0, at);
  const digest = at === -1 ? undefined : image.slice(at + 1);
  // A ':' after the last '/' starts the tag; one before it belongs to the registry's port.
  const colon = nameAndTag.lastIndexOf(':');
  const hasTag = colon > nameAndTag.lastIndexOf('/');
  return { name: hasTag ? nameAndTag.slice(0, colon) : nameAndTag, tag: hasTag ? nameAndTag.slice(colon + 1) : undefined, digest };
}

const DIGEST_ALLOWED = `a digest of a known algorithm with its exact length in lower-case hex: ${Object.entries(DIGEST_HEX_LENGTHS)
  .map(([a, n]) => `${a} (${n})`)
  .join(', ')}, e.g. 'sha256:' and 64 hex digits`;

/** `algorithm:hex` with a known algorithm and its exact number of lower-case hex digits (opencontainers/go-digest). */
function isDigest(digest: string): boolean {
  const [algorithm, hex, extra] = digest.split(':') as [string, string?, string?];
  // An unknown algorithm has no length (undefined), which no hex.length equals.
  return extra === undefined && hex !== undefined && hex.length === DIGEST_HEX_LENGTHS[algorithm] && /^[0-9a-f]+$/.test(hex);
}

/** An image digest as registries print it, e.g. `sha256:` and 64 lower-case hex digits. */
export function checkDigest(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || !isDigest(value)) throw new ConfigError(where, prop, value, `must be ${DIGEST_ALLOWED}`);
  return value;
}
