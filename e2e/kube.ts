/**
 * The slice of the Kubernetes API that the e2e check reads, in wire form (the
 * field names of YAML in dist/, e.g. `clusterIP`), plus the lookups it needs.
 * Label selectors are matched with lib/kubernetes/label-selector.ts. Pure.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import type * as k8s from '../imports/k8s';

import type { Labels, LabelSelector } from '../lib/kubernetes/label-selector';
import { NAMESPACE_NAME_LABEL } from '../lib/kubernetes/network-policy';

// The selector types are the library's: one module owns label-selector semantics.
export type { Labels, LabelSelector };

export interface ObjectMeta {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Labels;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol?: string;
}

export interface VolumeMount {
  readonly name: string;
  readonly mountPath: string;
  readonly readOnly?: boolean;
}

/** An HTTP header of an httpGet probe. */
export interface HttpHeader {
  readonly name: string;
  readonly value: string;
}

/** A probe as the kubelet runs it: an HTTP GET, a TCP connect or a command in the container, with its timing. */
export interface Probe {
  readonly httpGet?: {
    readonly path?: string;
    readonly port: number | string;
    readonly scheme?: string;
    readonly host?: string;
    readonly httpHeaders?: readonly HttpHeader[];
  };
  readonly tcpSocket?: { readonly port: number | string; readonly host?: string };
  readonly exec?: { readonly command?: readonly string[] };
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly failureThreshold?: number;
  readonly successThreshold?: number;
  readonly initialDelaySeconds?: number;
  /** Overrides the pod's grace period when this probe's failure kills the container. */
  readonly terminationGracePeriodSeconds?: number;
}

export interface Container {
  readonly name: string;
  readonly env?: readonly k8s.EnvVar[];
  readonly ports?: readonly ContainerPort[];
  readonly readinessProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly startupProbe?: Probe;
  readonly volumeMounts?: readonly VolumeMount[];
  /** Init containers' command (the live kubelet runs it before the node's). */
  readonly command?: readonly string[];
  /** Only `preStop` with `exec` is run (the reference chart has none; a `bin/app stop` hook is the usual one). */
  readonly lifecycle?: { readonly preStop?: { readonly exec?: { readonly command?: readonly string[] } } };
}

/** `spec.dnsConfig` of a pod. */
export interface PodDnsConfig {
  readonly nameservers?: readonly string[];
  readonly searches?: readonly string[];
  readonly options?: readonly { readonly name: string; readonly value?: string }[];
}

/** The pod-level fields the kubelet reads for DNS and termination. */
export interface PodRuntimeSpec {
  /** `ClusterFirst` (the API default), `ClusterFirstWithHostNet`, `Default` or `None`. */
  readonly dnsPolicy?: string;
  readonly dnsConfig?: PodDnsConfig;
  readonly hostNetwork?: boolean;
  /** The API default is 30. */
  readonly terminationGracePeriodSeconds?: number;
  /** Run in order before the pod's containers; each must exit 0. */
  readonly initContainers?: readonly Container[];
  /** `fsGroup`: the kubelet gives the pod's volumes to this group (e2e/kubelet-volumes.ts). */
  readonly securityContext?: { readonly fsGroup?: number };
}

/** `items` of a Secret or ConfigMap volume source: which keys, under which file names. */
export type KeyToPath = readonly { readonly key: string; readonly path: string; readonly mode?: number }[];

/** A Secret or ConfigMap as a volume (source). */
export interface ObjectVolumeSource {
  /** `secretName` in a `secret` volume, `name` in a projected source and in a `configMap` volume. */
  readonly name?: string;
  readonly secretName?: string;
  readonly items?: KeyToPath;
  readonly optional?: boolean;
  /** The files' mode; the API default is 0644. */
  readonly defaultMode?: number;
}

/** The volume kinds that carry API data: the kubelet writes their files itself. */
export interface Volume {
  readonly name: string;
  readonly secret?: ObjectVolumeSource;
  readonly configMap?: ObjectVolumeSource;
  readonly projected?: { readonly sources?: readonly { readonly secret?: ObjectVolumeSource; readonly configMap?: ObjectVolumeSource }[] };
  readonly emptyDir?: { readonly medium?: string; readonly sizeLimit?: string };
}

/** A PersistentVolumeClaim's spec (and a volumeClaimTemplate's). */
export interface ClaimSpec {
  readonly accessModes?: readonly string[];
  readonly resources?: { readonly requests?: { readonly storage?: string } };
  /** Absent: the default StorageClass, if the cluster has one; `""`: no class. */
  readonly storageClassName?: string;
  readonly selector?: LabelSelector;
  readonly volumeMode?: string;
}

/** `key operator values` of a node selector term (In, NotIn, Exists, DoesNotExist, Gt, Lt). */
export interface NodeSelectorTerm {
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] }[];
  readonly matchFields?: readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] }[];
}

/** What the scheduler reads of a pod spec. */
export interface SchedulingSpec {
  readonly nodeSelector?: Labels;
  readonly affinity?: {
    readonly nodeAffinity?: { readonly requiredDuringSchedulingIgnoredDuringExecution?: { readonly nodeSelectorTerms: readonly NodeSelectorTerm[] } };
  };
  readonly tolerations?: readonly { readonly key?: string; readonly operator?: string; readonly value?: string; readonly effect?: string }[];
  readonly topologySpreadConstraints?: readonly {
    readonly maxSkew: number;
    readonly topologyKey: string;
    readonly whenUnsatisfiable: string;
    readonly labelSelector?: LabelSelector;
  }[];
}

export interface StatefulSetSpec {
  readonly serviceName?: string;
  readonly replicas?: number;
  /** `OrderedReady` (the API default) or `Parallel`. */
  readonly podManagementPolicy?: string;
  /** What the controller does with the claims of removed ordinals (`whenScaled`) and of a deleted set (`whenDeleted`): `Retain` (the default) or `Delete`. */
  readonly persistentVolumeClaimRetentionPolicy?: { readonly whenScaled?: string; readonly whenDeleted?: string };
  readonly volumeClaimTemplates?: readonly { readonly metadata?: ObjectMeta; readonly spec?: ClaimSpec }[];
  readonly template: {
    readonly metadata?: { readonly labels?: Labels };
    readonly spec: PodRuntimeSpec & { readonly containers: readonly Container[]; readonly volumes?: readonly Volume[] } & SchedulingSpec;
  };
}

export interface ServicePort {
  readonly name?: string;
  readonly port: number;
  readonly nodePort?: number;
  readonly targetPort?: number | string;
  readonly protocol?: string;
}

export interface ServiceSpec {
  /** `ClusterIP` (the default), `NodePort`, `LoadBalancer`. */
  readonly type?: string;
  readonly clusterIP?: string;
  readonly publishNotReadyAddresses?: boolean;
  readonly selector?: Labels;
  readonly ports?: readonly ServicePort[];
}

export interface NetworkPolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}

export interface NetworkPolicyPort {
  readonly protocol?: string;
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface NetworkPolicySpec {
  readonly podSelector?: LabelSelector;
  readonly policyTypes?: readonly string[];
  readonly ingress?: readonly { readonly from?: readonly NetworkPolicyPeer[]; readonly ports?: readonly NetworkPolicyPort[] }[];
  readonly egress?: readonly { readonly to?: readonly NetworkPolicyPeer[]; readonly ports?: readonly NetworkPolicyPort[] }[];
}

/** A manifest object. `spec` is typed by the accessors below, per kind. */
export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: ObjectMeta;
  readonly spec?: unknown;
  /** ConfigMaps (and Secrets, in manifests that carry them). */
  readonly data?: Readonly<Record<string, string>>;
}

/** An object of a known kind with its typed spec. */
export interface Typed<S> {
  readonly name: string;
  readonly namespace: string;
  readonly object: KubeObject;
  readonly spec: S;
}

/** Every object of every `*.yaml` file in `dir`, in file order. */
export function readManifestDir(dir: string): KubeObject[] {
  return fs
    .readdirSync(dir)
    .sort()
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJSON() as KubeObject))
    .filter((o) => o !== null && typeof o === 'object');
}

/** A deep copy, so that a negative case can mutate manifests without touching the originals. */
export function cloneObjects(objects: readonly KubeObject[]): KubeObject[] {
  return JSON.parse(JSON.stringify(objects)) as KubeObject[];
}

/** Objects of `kind`, with their namespace defaulted as the API server does. */
export function ofKind<S>(objects: readonly KubeObject[], kind: string): Typed<S>[] {
  return objects
    .filter((o) => o.kind === kind)
    .map((o) => ({ name: o.metadata?.name ?? '', namespace: o.metadata?.namespace ?? 'default', object: o, spec: (o.spec ?? {}) as S }));
}

export const statefulSets = (objects: readonly KubeObject[]) => ofKind<StatefulSetSpec>(objects, 'StatefulSet');
export const services = (objects: readonly KubeObject[]) => ofKind<ServiceSpec>(objects, 'Service');
export const networkPolicies = (objects: readonly KubeObject[]) => ofKind<NetworkPolicySpec>(objects, 'NetworkPolicy');
export const configMaps = (objects: readonly KubeObject[]) => ofKind<unknown>(objects, 'ConfigMap');

/** The Service named `name` in `namespace`, if any. */
export function findService(objects: readonly KubeObject[], namespace: string, name: string): Typed<ServiceSpec> | undefined {
  return services(objects).find((s) => s.namespace === namespace && s.name === name);
}

/** Whether the Service is headless, i.e. gets per-pod DNS records instead of a virtual IP. */
export function isHeadless(service: Typed<ServiceSpec>): boolean {
  return service.spec.clusterIP === 'None';
}

/** The labels every namespace carries since Kubernetes 1.21; NetworkPolicy namespaceSelectors match them. */
export function namespaceLabels(namespace: string): Labels {
  return { [NAMESPACE_NAME_LABEL]: namespace };
}

/** The number a Service `targetPort` (or NetworkPolicy port) names on a container: by number, or by port name. */
export function resolvePort(port: number | string | undefined, container: Container | undefined): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  return container?.ports?.find((p) => p.name === port)?.containerPort;
}
