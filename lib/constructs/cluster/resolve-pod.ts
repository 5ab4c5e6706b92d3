/** The pod template's settings, the security profile and the storage, resolved. */
import { Duration, Size } from 'cdk8s';
import { ImagePullPolicy, PersistentVolumeAccessMode } from 'cdk8s-plus-28';
import * as k8s from '../../../imports/k8s';
import { dnsLabelOf } from '../../erlang/names';
import { checkGraceCoversLeave } from '../../erlang/leave-hook';
import { ConfigError } from '../../core/errors';
import {
  checkAbsolutePath,
  checkDigest,
  checkDnsLabel,
  checkDnsSubdomain,
  checkImage,
  checkInteger,
  checkLabels,
  checkOneOf,
  checkOneOfInstances,
  checkByteQuantity,
  checkSizeQuantity,
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
import { defined } from '../../kubernetes/defined';
import type { ClusterIdentity, PodSpec, PortSpec, ProbeSpec, StorageSpec } from './spec';

/** The defaults of the pod's props, in one place. */
export const POD_DEFAULTS = {
  terminationGracePeriodSeconds: 60,
  enableServiceLinks: false,
  resourcesPreset: ResourcesPreset.SMALL,
  storageSize: Size.gibibytes(1),
  accessMode: PersistentVolumeAccessMode.READ_WRITE_ONCE,
} as const;

/** The pod template's settings; `appPorts` for the default readiness probe. */
export function resolvePod(where: string, props: ErlangStatefulClusterProps, identity: ClusterIdentity, appPorts: readonly PortSpec[]): PodSpec {
  const selector = identity.selectorLabels;
  const image = resolveImage(where, props.image, props.imageDigest);
  const resources = resolveResources(where, props.resourcesPreset ?? POD_DEFAULTS.resourcesPreset, props.resources);
  const grace = checkInteger(where, 'terminationGracePeriod', seconds(props.terminationGracePeriod) ?? POD_DEFAULTS.terminationGracePeriodSeconds, 0);
  checkGraceCoversLeave(where, props.leaveHook, grace);
  // What the apiserver refuses in fields passed through as they are.
  props.tolerations?.forEach((t, i) => throwFirst(where, `tolerations[${i}]`, tolerationProblems(t)));
  props.extraVolumes?.forEach((v, i) => throwFirst(where, `extraVolumes[${i}]`, volumeProblems(v)));
  return {
    // The selector labels, then podMetadata's, which may not change them.
    metadata: mergeMetadata(where, 'podMetadata', props.podMetadata, { labels: { ...selector }, selector }),
    containerName: props.containerName === undefined ? dnsLabelOf(identity.basename) : checkDnsLabel(where, 'containerName', props.containerName),
    image,
    imagePullPolicy:
      props.imagePullPolicy === undefined
        ? isMovingImage(image)
          ? ImagePullPolicy.ALWAYS
          : ImagePullPolicy.IF_NOT_PRESENT
        : checkOneOf(where, 'imagePullPolicy', props.imagePullPolicy, Object.values(ImagePullPolicy)),
    imagePullSecrets: (props.imagePullSecrets ?? []).map((s, i) => checkDnsSubdomain(where, `imagePullSecrets[${i}]`, s)),
    resources,
    schedulers: schedulerCounts(where, props.schedulers ?? Schedulers.fromCpu(), resources),
    probes: props.probes ?? defaultProbes(appPorts),
    preStopCommand: props.leaveHook?._commandFor(props.release),
    terminationGracePeriodSeconds: grace,
    enableServiceLinks: props.enableServiceLinks ?? POD_DEFAULTS.enableServiceLinks,
    nodeSelector: props.nodeSelector === undefined ? undefined : checkLabels(where, 'nodeSelector', props.nodeSelector),
    tolerations: props.tolerations,
    extraEnv: envVarsOf(props.envVariables),
    extraVolumes: props.extraVolumes ?? [],
    extraVolumeMounts: props.extraVolumeMounts ?? [],
    initContainers: props.initContainers ?? [],
    sidecars: props.sidecars ?? [],
  };
}

/**
 * cdk8s-plus `envVariables` as container env, in the map's order: each EnvValue
 * through its public `value` and `valueFrom`, as cdk8s-plus renders a container's env.
 */
function envVarsOf(variables: ErlangStatefulClusterProps['envVariables']): k8s.EnvVar[] {
  return Object.entries(variables ?? {}).map(([name, v]) =>
    defined({ name, value: v.value as string | undefined, valueFrom: v.valueFrom as k8s.EnvVarSource | undefined }),
  );
}

/** The seconds of a cdk8s Duration (fractions stay, for checkInteger to refuse). */
export function seconds(value: Duration | undefined): number | undefined {
  return value === undefined ? undefined : value.toMilliseconds({ integral: false }) / 1000;
}

/** The claim's size, as a positive whole number of bytes. */
function checkStorageSize(where: string, size: Size): Size {
  checkByteQuantity(where, 'storage.size', checkSizeQuantity(where, 'storage.size', size));
  return size;
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
  return checkOneOfInstances(where, 'securityProfile', profile, SecurityProfile.ALL, SecurityProfile.isSecurityProfile);
}

/** The claim template's name, mount, size, access mode and class. */
export function resolveStorage(where: string, s: ClusterStorageOptions, basename: string): StorageSpec {
  const local = LocalStorageClass.isLocalStorageClass(s.storageClass) ? s.storageClass : undefined;
  const storageClassName = s.storageClass?.name;
  return {
    name: checkDnsLabel(where, 'storage.name', s.name ?? `${dnsLabelOf(basename)}-volume`),
    mountPath: checkAbsolutePath(where, 'storage.mountPath', s.mountPath),
    size: checkStorageSize(where, s.size ?? POD_DEFAULTS.storageSize),
    accessMode: checkOneOf(where, 'storage.accessMode', s.accessMode ?? POD_DEFAULTS.accessMode, Object.values(PersistentVolumeAccessMode)),
    storageClassName: storageClassName === undefined ? undefined : checkDnsSubdomain(where, 'storage.storageClass.name', storageClassName),
    localClass: local,
  };
}
