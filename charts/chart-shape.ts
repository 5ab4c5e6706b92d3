/**
 * The reference chart's fixed shape (flavours, replicas, names, claims), and
 * whether a config fits it. Both the chart and its config file read these, so
 * that what the chart's constructs would refuse is reported on the config
 * file's line, in its keys, with the constructs' own checks.
 */
import { Size } from 'cdk8s';
import { PersistentVolumeAccessMode } from 'cdk8s-plus-28';
import { podFqdn } from '../lib/erlang/names';
import { ConfigError } from '../lib/core/errors';
import { bindShortfall, ClaimDemand, fitsClaim, nodeNameTooLong } from '../lib/checks';
import { sizeQuantity } from '../lib/kubernetes/size-quantity';

/** The two builds of the one release. */
export const FLAVOURS = ['a', 'b'] as const;
export type Flavour = (typeof FLAVOURS)[number];
/** Pods per flavour. */
export const REPLICAS = 3;
/** What each pod claims; the reference system's claims are ReadWriteOncePod. */
export const CLAIM_SIZE = Size.gibibytes(1);
export const CLAIM_ACCESS_MODE = PersistentVolumeAccessMode.READ_WRITE_ONCE_POD;

/** The names of a flavour's objects: the reference system's own, because its scripts and Erlang code use them. */
export function flavourNames(flavour: Flavour): { basename: string; name: string; headlessServiceName: string } {
  const basename = `erlang-docker-${flavour}`;
  return { basename, name: `${basename}-sfs`, headlessServiceName: `${basename}-hl` };
}

/** The config values that the shape constrains. */
export interface ShapedConfig {
  readonly namespace: string;
  readonly clusterDomain: string;
  readonly localVolumes: readonly { readonly size: Size }[];
}

/** `file:line` of a key path, e.g. `['localVolumes', 2, 'size']`. */
export type ConfigLocator = (path: readonly (string | number)[]) => string;

/** Throws a ConfigError on the file's line for what the chart's constructs would refuse. */
export function checkConfigFitsChart(config: ShapedConfig, at: ConfigLocator): void {
  checkNodeNames(config, at);
  checkVolumes(config, at);
}

function checkNodeNames(config: ShapedConfig, at: ConfigLocator): void {
  for (const flavour of FLAVOURS) {
    const names = flavourNames(flavour);
    const host = podFqdn(names.name, REPLICAS - 1, names.headlessServiceName, config.namespace, config.clusterDomain);
    const problem = nodeNameTooLong(names.basename, host);
    if (problem === undefined) continue;
    // Too long only with a clusterDomain of over 130 characters (a namespace has at most 63): that key is at fault.
    const key = 'clusterDomain';
    throw new ConfigError(
      at([key]),
      key,
      config[key],
      `makes the node name '${names.basename}@${host}' too long: it ${problem}; shorten namespace or clusterDomain`,
    );
  }
}

function checkVolumes(config: ShapedConfig, at: ConfigLocator): void {
  const volumes = config.localVolumes.map((v) => ({ size: sizeQuantity(v.size), accessMode: CLAIM_ACCESS_MODE }));
  if (volumes.length === 0) return; // the claims use the cluster's default StorageClass
  const demands: ClaimDemand[] = FLAVOURS.map((f) => ({
    owner: flavourNames(f).basename,
    claims: REPLICAS,
    size: sizeQuantity(CLAIM_SIZE),
    accessMode: CLAIM_ACCESS_MODE,
  }));
  const shortfall = bindShortfall(volumes, demands);
  if (shortfall?.demand) {
    const i = volumes.findIndex((v) => !fitsClaim(v, shortfall.demand!));
    throw new ConfigError(
      at(['localVolumes', i, 'size']),
      `localVolumes[${i}].size`,
      volumes[i]!.size,
      `must be at least ${sizeQuantity(CLAIM_SIZE)}, what each pod claims: ${shortfall.fitting} of the ${volumes.length} volumes are, and the ${REPLICAS} pods of ${shortfall.demand.owner} need ${REPLICAS}; raise size, or add entries under localVolumes`,
    );
  }
  if (shortfall) {
    throw new ConfigError(
      at(['localVolumes']),
      'localVolumes',
      volumes.length,
      `must list at least ${shortfall.claims} volumes, one per pod (${REPLICAS} of each of ${demands.map((d) => d.owner).join(' and ')}): add ${shortfall.claims - volumes.length} more, or write 'localVolumes: []' so that the claims use the cluster's default StorageClass`,
    );
  }
}
