/** The pod template's settings, the security profile and the storage, resolved. */
import type { Duration } from 'cdk8s';
import * as k8s from '../../../imports/k8s';
import { dnsLabelOf } from '../../erlang/names';
import { checkGraceCoversLeave } from '../../erlang/leave-hook';
import { ConfigError } from '../../core/errors';
import {
  ACCESS_MODES,
  DEFAULT_ACCESS_MODE,
  checkAbsolutePath,
  checkDigest,
  checkDnsLabel,
  checkDnsSubdomain,
  checkImage,
  checkInteger,
  checkLabels,
  checkOneOf,
  checkByteQuantity,
  checkSizeQuantity,
  IMAGE_PULL_POLICIES,
  imageParts,
  throwFirst,
  tolerationProblems,
  volumeProblems,
} from '../../checks';
import { LocalStorageClass } from '../local-storage-class';
import type { ClusterStorageOptions } from './options';
import { ErlangProbes } from './probes';
import type { ErlangStatefulClusterProps } from './props';
import { resolveResources, ResourcesPreset, schedulerCounts, Schedulers } from './resources';
import { SecurityProfile } from './security-profile';
import { mergeMetadata } from '../metadata';
import type { ClusterIdentity, PodSpec, PortSpec, ProbeSpec, StorageSpec } from './spec';

/** The defaults of the pod's props, in one place. */
export const POD_DEFAULTS = {
  terminationGracePeriodSeconds: 60,
  enableServiceLinks: false,
  resourcesPreset: ResourcesPreset.SMALL,
  storageSize: '1Gi',
  accessMode: DEFAULT_ACCESS_MODE,
} as const;

/** The pod template's settings; `appPorts` for the default readiness probe. */
export function resolvePod(where: string, props: ErlangStatefulClusterProps, identity: ClusterIdentity, appPorts: readonly PortSpec[]): PodSpec {
  const selector = identity.selectorLabels;
  const image = resolveImage(where, props.image, props.imageDigest);
  const resources = resolveResources(where, props.resourcesPreset ?? POD_DEFAULTS.resourcesPreset, props.resources);
  const grace = checkInteger(
    where,
    'terminationGracePeriodSeconds',
    seconds(props.terminationGracePeriodSeconds ?? POD_DEFAULTS.terminationGracePeriodSeconds),
    0,
  );
  checkGraceCoversLeave(where, props.leaveHook, grace);
  // What the apiserver refuses in fields passed through as they are.
  props.tolerations?.forEach((t, i) => throwFirst(where, `tolerations[${i}]`, tolerationProblems(t)));
  props.extraVolumes?.forEach((v, i) => throwFirst(where, `extraVolumes[${i}]`, volumeProblems(v)));
  return {
    // podLabels (the older prop) first, then podMetadata's; neither may change the selector.
    metadata: mergeMetadata(where, 'podMetadata', props.podMetadata, { labels: { ...props.podLabels, ...selector }, labelsFrom: 'podLabels prop', selector }),
    containerName: props.containerName === undefined ? dnsLabelOf(identity.basename) : checkDnsLabel(where, 'containerName', props.containerName),
    image,
    imagePullPolicy:
      props.imagePullPolicy === undefined
        ? isMovingImage(image)
          ? 'Always'
          : 'IfNotPresent'
        : checkOneOf(where, 'imagePullPolicy', props.imagePullPolicy, IMAGE_PULL_POLICIES),
    imagePullSecrets: (props.imagePullSecrets ?? []).map((s, i) => checkDnsSubdomain(where, `imagePullSecrets[${i}]`, s)),
    resources,
    schedulers: schedulerCounts(where, props.schedulers ?? Schedulers.fromCpu(), resources),
    probes: props.probes ?? defaultProbes(appPorts),
    preStopCommand: props.leaveHook?.commandFor(props.release),
    terminationGracePeriodSeconds: grace,
    enableServiceLinks: props.enableServiceLinks ?? POD_DEFAULTS.enableServiceLinks,
    nodeSelector: props.nodeSelector === undefined ? undefined : checkLabels(where, 'nodeSelector', props.nodeSelector),
    tolerations: props.tolerations,
    extraEnv: props.extraEnv ?? [],
    extraVolumes: props.extraVolumes ?? [],
    extraVolumeMounts: props.extraVolumeMounts ?? [],
    initContainers: props.initContainers ?? [],
    sidecars: props.sidecars ?? [],
  };
}

/** Seconds, from a number or a cdk8s Duration (fractions stay, for checkInteger to refuse). */
function seconds(value: number | Duration): number {
  return typeof value === 'number' ? value : value.toMilliseconds() / 1000;
}

/** A TCP readiness probe on the first app port; none without app ports. */
function defaultProbes(appPorts: readonly PortSpec[]): ProbeSpec {
  const first = appPorts[0];
  return first
    ? new ErlangProbes({
        readiness: { tcpSocket: { port: k8s.IntOrString.fromString(first.name) }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
      })
    : ErlangProbes.none();
}

/** The image, pinned to `digest` when given. */
function resolveImage(where: string, image: string, digest: string | undefined): string {
  checkImage(where, 'image', image);
  if (digest === undefined) return image;
  checkDigest(where, 'imageDigest', digest);
  if (imageParts(image).digest !== undefined) throw new ConfigError(where, 'imageDigest', digest, 'must be left out when image already has a digest');
  return `${image}@${digest}`;
}

/** ':latest' or no tag, and no digest: what the registry serves can change under the pods. */
function isMovingImage(image: string): boolean {
  const { tag, digest } = imageParts(image);
  return digest === undefined && (tag === undefined || tag === 'latest');
}

/** The warning for an image that can move under the pods, if it can. */
export function movingImageWarning(image: string): string | undefined {
  if (!isMovingImage(image)) return undefined;
  return `image '${image}' ${imageParts(image).tag === undefined ? 'has no tag (so :latest)' : 'uses :latest'}: pods may run different builds; pin a version tag or imageDigest`;
}

/** A SecurityProfile, or its value from a configuration file or a JavaScript caller. */
export function resolveSecurityProfile(where: string, profile: unknown): SecurityProfile {
  if (profile === undefined) return SecurityProfile.ROOT_COMPATIBLE;
  if (SecurityProfile.isSecurityProfile(profile)) return profile;
  const values = SecurityProfile.ALL.map((p) => p.value);
  return SecurityProfile.fromValue(checkOneOf(where, 'securityProfile', profile, values))!;
}

/** The claim template's name, mount, size, access mode and class. */
export function resolveStorage(where: string, s: ClusterStorageOptions, basename: string): StorageSpec {
  const local = LocalStorageClass.isLocalStorageClass(s.storageClass) ? s.storageClass : undefined;
  const storageClassName = local ? local.name : (s.storageClass as string | undefined);
  return {
    name: checkDnsLabel(where, 'storage.name', s.name ?? `${dnsLabelOf(basename)}-volume`),
    mountPath: checkAbsolutePath(where, 'storage.mountPath', s.mountPath),
    size: checkByteQuantity(where, 'storage.size', checkSizeQuantity(where, 'storage.size', s.size ?? POD_DEFAULTS.storageSize)),
    accessMode: checkOneOf(where, 'storage.accessMode', s.accessMode ?? POD_DEFAULTS.accessMode, ACCESS_MODES),
    storageClassName: storageClassName === undefined ? undefined : checkDnsSubdomain(where, 'storage.storageClass', storageClassName),
    localClass: local,
  };
}
