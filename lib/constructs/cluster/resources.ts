/**
 * CPU and memory of the node container, and how many schedulers the VM runs.
 *
 * Memory: the limit equals the request, so the pod is never OOM-killed for using
 * memory it was promised, and a node under memory pressure evicts it last among
 * pods of its request. CPU: a request and no limit. A CFS limit throttles the
 * whole VM for the rest of a 100 ms period once the quota is spent; a throttled
 * VM misses net_tick and its peers declare it down (a false netsplit), so a
 * limit costs availability, not only speed.
 *
 * Schedulers: the VM starts one scheduler per core it can see. OTP 23+ lowers
 * the online schedulers to a CFS quota (cgroup v1; v2 from OTP 24), but without
 * a CPU limit there is no quota: a pod requesting 250m on a 64-core node starts
 * 64 busy-waiting schedulers. So by default the construct passes `+S N:N`, with
 * N the CPU limit or else the request, rounded up.
 */
import * as k8s from '../../../imports/k8s';
import { ConfigError } from '../../core/errors';
import type { Size } from 'cdk8s';
import type { ContainerResources } from 'cdk8s-plus-28';
import { checkByteQuantity, checkInteger, checkOneOf, checkQuantity, checkSizeQuantity, isCpu, quantityValue } from '../../checks';
import { defined } from '../../kubernetes/defined';
import { brand, hasBrand } from '../../core/brand';

/** Requests in the spirit of Bitnami's `resourcesPreset`; memory limit = request, no CPU limit. */
export enum ResourcesPreset {
  /** No requests or limits (BestEffort: first evicted, CKV_K8S_10-13 fail). */
  NONE = 'none',
  /** 250m CPU, 512Mi: a small service, one scheduler. */
  SMALL = 'small',
  /** 1 CPU, 2Gi (the RabbitMQ operator's request). */
  MEDIUM = 'medium',
  /** 2 CPU, 4Gi. */
  LARGE = 'large',
}

/** CPU request and memory (request = limit) of each preset. */
export const RESOURCES_PRESETS: Readonly<Record<Exclude<ResourcesPreset, ResourcesPreset.NONE>, { readonly cpu: string; readonly memory: string }>> = {
  [ResourcesPreset.SMALL]: { cpu: '250m', memory: '512Mi' },
  [ResourcesPreset.MEDIUM]: { cpu: '1', memory: '2Gi' },
  [ResourcesPreset.LARGE]: { cpu: '2', memory: '4Gi' },
};

/** Options of {@link Schedulers}. */
export interface SchedulersOptions {
  /**
   * Dirty I/O schedulers (`+SDio N`): threads for file and other blocking I/O.
   * @default - the VM's default (10)
   */
  readonly dirtyIo?: number;
}

/** How many normal schedulers the VM runs (`+S N:N` in ERL_AFLAGS). */
export class Schedulers {
  /** Whether `x` is a Schedulers, from this or any other copy of this package. */
  public static isSchedulers(x: unknown): x is Schedulers {
    return hasBrand(x, 'Schedulers');
  }

  /** One per CPU of the limit, else of the request, rounded up; no flag without either. */
  public static fromCpu(options: SchedulersOptions = {}): Schedulers {
    return new Schedulers(undefined, options);
  }

  /** Exactly `count`. */
  public static fixed(count: number, options: SchedulersOptions = {}): Schedulers {
    return new Schedulers(count, options);
  }

  /** No flag: one scheduler per visible core, or per CFS quota where OTP detects one. */
  public static vmDefault(): Schedulers {
    return new Schedulers(undefined, {}, true);
  }

  /**
   * The count; undefined: from the CPU.
   * @internal
   */
  public readonly _count: number | undefined;
  /** @internal */
  public readonly _options: SchedulersOptions;
  /**
   * Leave the VM's choice alone.
   * @internal
   */
  public readonly _vmDefault: boolean;

  private constructor(count: number | undefined, options: SchedulersOptions, vmDefault = false) {
    this._count = count;
    this._options = options;
    this._vmDefault = vmDefault;
    brand(this, 'Schedulers');
  }
}

/** What the VM is told: online schedulers and dirty I/O schedulers, when set. */
export interface SchedulerCounts {
  readonly online?: number | undefined;
  readonly dirtyIo?: number | undefined;
}

/**
 * The container's resources: `resources` when given (checked), else the preset's.
 * Throws a ConfigError for a bad preset, quantity, or a limit below its request.
 */
export function resolveResources(where: string, preset: unknown, resources: ContainerResources | undefined): k8s.ResourceRequirements | undefined {
  if (resources !== undefined) return checkResources(where, resources);
  const p = checkOneOf(where, 'resourcesPreset', preset, Object.values(ResourcesPreset));
  if (p === ResourcesPreset.NONE) return undefined;
  const { cpu, memory } = RESOURCES_PRESETS[p];
  return {
    requests: { cpu: k8s.Quantity.fromString(cpu), memory: k8s.Quantity.fromString(memory) },
    limits: { memory: k8s.Quantity.fromString(memory) },
  };
}

/** The prop of each Kubernetes resource name in cdk8s-plus's ContainerResources. */
const RESOURCE_PROPS = { cpu: 'cpu', memory: 'memory', 'ephemeral-storage': 'ephemeralStorage' } as const;

/**
 * cdk8s-plus ContainerResources as Kubernetes quantities: a Cpu as its `amount`
 * ('250m', '1.5'), a Size in the largest binary unit that holds it whole
 * (`Size.mebibytes(512)` is '512Mi'; see sizeQuantity). cdk8s-plus itself converts
 * sizes to whole Mi (memory) and Gi (ephemeral storage), which refuses
 * `Size.mebibytes(1536)` as ephemeral storage; the apiserver reads any quantity.
 */
function checkResources(where: string, r: ContainerResources): k8s.ResourceRequirements {
  const quantities = (kind: 'request' | 'limit'): Record<string, k8s.Quantity> | undefined => {
    const out: Record<string, k8s.Quantity> = {};
    for (const [name, prop] of Object.entries(RESOURCE_PROPS)) {
      const given: unknown = r[prop]?.[kind];
      if (given === undefined) continue;
      const at = `resources.${prop}.${kind}`;
      // Memory and ephemeral storage count bytes: a fraction of a byte is only a warning to the apiserver.
      const text =
        name === 'cpu'
          ? checkQuantity(where, at, isCpu(given) ? given.amount : given)
          : checkByteQuantity(where, at, checkSizeQuantity(where, at, given as Size));
      out[name] = k8s.Quantity.fromString(text);
    }
    return Object.keys(out).length === 0 ? undefined : out;
  };
  const requests = quantities('request');
  const limits = quantities('limit');
  for (const [name, limit] of Object.entries(limits ?? {})) {
    const request = requests?.[name];
    if (request !== undefined && quantityValue(String(limit.value)) < quantityValue(String(request.value))) {
      throw new ConfigError(
        where,
        `resources.${RESOURCE_PROPS[name as keyof typeof RESOURCE_PROPS]}.limit`,
        String(limit.value),
        `must be at least the request ${String(request.value)}; the apiserver refuses a limit below its request`,
      );
    }
  }
  return defined({ requests, limits });
}

/** The online schedulers and dirty I/O schedulers to pass, or undefined to pass none. */
export function schedulerCounts(where: string, schedulers: Schedulers, resources: k8s.ResourceRequirements | undefined): SchedulerCounts | undefined {
  if (!Schedulers.isSchedulers(schedulers)) {
    throw new ConfigError(where, 'schedulers', String(schedulers), 'must be a Schedulers, e.g. Schedulers.fromCpu()');
  }
  if (schedulers._vmDefault) return undefined;
  const dirtyIo = schedulers._options.dirtyIo === undefined ? undefined : checkInteger(where, 'schedulers.dirtyIo', schedulers._options.dirtyIo, 1, 1024);
  let online = schedulers._count === undefined ? undefined : checkInteger(where, 'schedulers.count', schedulers._count, 1, 1024);
  if (online === undefined) {
    const cpu = resources?.limits?.cpu ?? resources?.requests?.cpu;
    if (cpu !== undefined) online = Math.max(1, Math.ceil(quantityValue(String(cpu.value))));
  }
  return online === undefined && dirtyIo === undefined ? undefined : { online, dirtyIo };
}
