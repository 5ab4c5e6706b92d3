/**
 * User metadata (labels and annotations) in cdk8s-plus's style, merged onto
 * what a construct writes itself. One checker for every construct: the four
 * small ones use {@link ResourceMetadata}; a pod template's `podMetadata`
 * can use {@link LabelsAndAnnotations} with the same {@link mergeMetadata}.
 */
import { ConfigError } from '../core/errors';
import { checkAnnotations, checkLabels } from '../checks';

/** Labels and annotations, as cdk8s' `ApiObjectMetadata` spells them. */
export interface LabelsAndAnnotations {
  /**
   * Labels added to those the construct sets. A label the construct sets (a
   * selector label) may be repeated with the same value, never changed.
   * @default - only the construct's own labels
   */
  readonly labels?: Record<string, string>;
  /**
   * Annotations: keys like label keys, string values, at most 256 KiB in all.
   * @default - no annotations
   */
  readonly annotations?: Record<string, string>;
}

/**
 * An object's metadata, shaped like cdk8s' `ApiObjectMetadata` so that one can
 * be passed as is. `name` and `namespace` are set by the construct's own props:
 * here they may only repeat those values (a different one is an error, never
 * an override).
 */
export interface ResourceMetadata extends LabelsAndAnnotations {
  /**
   * Must equal the construct's `name` prop.
   * @default - the `name` prop
   */
  readonly name?: string;
  /**
   * Must equal the object's namespace (the `namespace` prop, else the chart's,
   * else 'default'); a cluster-scoped object (StorageClass, PersistentVolume)
   * takes none.
   * @default - the object's namespace
   */
  readonly namespace?: string;
}

/** What the construct writes itself, which user metadata adds to but never changes. */
export interface MetadataContext {
  /** The object's name: `metadata.name` may only repeat it. */
  readonly name?: string;
  /** The object's namespace: `metadata.namespace` may only repeat it. */
  readonly namespace?: string;
  /** For a cluster-scoped object, its kind ('PersistentVolume'): `metadata.namespace` is refused. */
  readonly clusterScopedKind?: string;
  /** The labels the construct writes on the object. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Selector labels the construct relies on to select its pods: never changed, even when not written on this object. */
  readonly selector?: Readonly<Record<string, string>>;
  /** The annotations the construct writes on the object. */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** The labels and annotations to render; a key is absent when there are none, so nothing changes without user metadata. */
export interface MergedMetadata {
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/** A user value may repeat one the construct sets, not change it. */
function checkKept(
  where: string,
  prop: string,
  user: Readonly<Record<string, string>>,
  own: Readonly<Record<string, string>> | undefined,
  what: (k: string, v: string) => string,
): void {
  if (own === undefined) return;
  for (const [k, v] of Object.entries(user)) {
    // Own keys only: a user key such as 'constructor' is no key of the construct's.
    const mine = Object.prototype.hasOwnProperty.call(own, k) ? own[k] : undefined;
    if (mine !== undefined && mine !== v) throw new ConfigError(where, `${prop}.${k}`, v, `${what(k, mine)}; leave it out or repeat the same value`);
  }
}

/**
 * Checks user metadata (`prop`, e.g. 'metadata' or 'podMetadata') against what
 * the construct writes, and returns the labels and annotations to render:
 * the construct's own first, then the user's. Throws a one-line ConfigError
 * for a bad key or value, annotations over 256 KiB, a changed selector,
 * construct label or annotation, or a name/namespace other than the object's.
 */
export function mergeMetadata(where: string, prop: string, user: ResourceMetadata | undefined, ctx: MetadataContext): MergedMetadata {
  const own: MergedMetadata = {
    ...(ctx.labels !== undefined ? { labels: { ...ctx.labels } } : {}),
    ...(ctx.annotations !== undefined ? { annotations: { ...ctx.annotations } } : {}),
  };
  if (user === undefined) return own;
  if (user.name !== undefined && user.name !== ctx.name) {
    throw new ConfigError(where, `${prop}.name`, user.name, `must equal the name prop ('${ctx.name}') or be left out: the name prop names the object`);
  }
  if (user.namespace !== undefined && ctx.clusterScopedKind !== undefined) {
    throw new ConfigError(where, `${prop}.namespace`, user.namespace, `must be left out: a ${ctx.clusterScopedKind} is cluster-scoped and has no namespace`);
  }
  if (user.namespace !== undefined && user.namespace !== ctx.namespace) {
    throw new ConfigError(
      where,
      `${prop}.namespace`,
      user.namespace,
      `must equal the object's namespace ('${ctx.namespace}', from the namespace prop or the chart) or be left out: set it with the namespace prop`,
    );
  }
  const labels = user.labels === undefined ? {} : checkLabels(where, `${prop}.labels`, user.labels);
  checkKept(
    where,
    `${prop}.labels`,
    labels,
    ctx.selector,
    (k, v) => `must not change the selector label ${k}=${v} that this construct relies on to select its pods`,
  );
  checkKept(where, `${prop}.labels`, labels, ctx.labels, (k, v) => `must not change the label ${k}=${v} set by the construct`);
  const annotations = user.annotations === undefined ? {} : checkAnnotations(where, `${prop}.annotations`, user.annotations);
  checkKept(where, `${prop}.annotations`, annotations, ctx.annotations, (k, v) => `must not change the annotation ${k}=${v} set by the construct`);
  const mergedLabels = { ...own.labels, ...labels };
  const mergedAnnotations = { ...own.annotations, ...annotations };
  // The 256 KiB limit is on the object's annotations, the construct's included.
  checkAnnotations(where, `${prop}.annotations`, mergedAnnotations);
  return {
    ...(Object.keys(mergedLabels).length > 0 || own.labels !== undefined ? { labels: mergedLabels } : {}),
    ...(Object.keys(mergedAnnotations).length > 0 || own.annotations !== undefined ? { annotations: mergedAnnotations } : {}),
  };
}
