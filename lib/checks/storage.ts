/** Whether local volumes can bind the claims made on their class: one volume per claim, big enough, with the claim's access mode. */
import { quantityValue } from './values';

/** A volume as a claim sees it. */
export interface OfferedVolume {
  /** A Kubernetes quantity. */
  readonly size: string;
  readonly accessMode: string;
}

/** The claims of one owner (a cluster's volumeClaimTemplate: one per replica). */
export interface ClaimDemand {
  readonly owner: string;
  readonly claims: number;
  /** A Kubernetes quantity. */
  readonly size: string;
  readonly accessMode: string;
}

/** Why some claims stay Pending: too few volumes fit one owner's claims, or too few volumes for all the claims. */
export interface BindShortfall {
  /** The owner whose claims too few volumes fit; undefined when each owner's fit but the volumes are fewer than all the claims. */
  readonly demand?: ClaimDemand;
  /** How many volumes fit `demand`. */
  readonly fitting: number;
  /** The claims of every owner. */
  readonly claims: number;
}

/** Whether `volume` can bind a claim of `demand`. */
export function fitsClaim(volume: OfferedVolume, demand: ClaimDemand): boolean {
  return volume.accessMode === demand.accessMode && quantityValue(volume.size) >= quantityValue(demand.size);
}

/** The first shortfall of `volumes` for `demands`, or undefined when every claim can bind. */
export function bindShortfall(volumes: readonly OfferedVolume[], demands: readonly ClaimDemand[]): BindShortfall | undefined {
  const claims = demands.reduce((n, d) => n + d.claims, 0);
  for (const demand of demands) {
    const fitting = volumes.filter((v) => fitsClaim(v, demand)).length;
    if (fitting < demand.claims) return { demand, fitting, claims };
  }
  return volumes.length < claims ? { fitting: volumes.length, claims } : undefined;
}
