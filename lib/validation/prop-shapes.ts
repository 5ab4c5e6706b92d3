/**
 * The run-time shape of every props object of this package (see ./shapes.ts).
 * A new prop must be added here too, or constructing with it is an error; the
 * tests compare these keys with the TypeScript interfaces.
 */
import { any, arrayOf, bool, either, instanceOf, keysOf, mapOf, num, object, renamed, required, satisfying, Shape, str } from './shapes';
import { isSize } from '../checks';

/**
 * Keys of the Kubernetes structs that props pass through, as cdk8s-plus-28's L1
 * interfaces name them. The L1 serializer drops unknown keys silently, so a typo
 * (`vaule`) would vanish before the strict schema could see it.
 */
export const KUBE_STRUCT_KEYS = {
  EnvVar: ['name', 'value', 'valueFrom'],
  EnvVarSource: ['configMapKeyRef', 'fieldRef', 'resourceFieldRef', 'secretKeyRef'],
  VolumeMount: ['mountPath', 'mountPropagation', 'name', 'readOnly', 'subPath', 'subPathExpr'],
  Volume: [
    'awsElasticBlockStore',
    'azureDisk',
    'azureFile',
    'cephfs',
    'cinder',
    'configMap',
    'csi',
    'downwardApi',
    'emptyDir',
    'ephemeral',
    'fc',
    'flexVolume',
    'flocker',
    'gcePersistentDisk',
    'gitRepo',
    'glusterfs',
    'hostPath',
    'iscsi',
    'name',
    'nfs',
    'persistentVolumeClaim',
    'photonPersistentDisk',
    'portworxVolume',
    'projected',
    'quobyte',
    'rbd',
    'scaleIo',
    'secret',
    'storageos',
    'vsphereVolume',
  ],
  Toleration: ['effect', 'key', 'operator', 'tolerationSeconds', 'value'],
  Container: [
    'args',
    'command',
    'env',
    'envFrom',
    'image',
    'imagePullPolicy',
    'lifecycle',
    'livenessProbe',
    'name',
    'ports',
    'readinessProbe',
    'resizePolicy',
    'resources',
    'restartPolicy',
    'securityContext',
    'startupProbe',
    'stdin',
    'stdinOnce',
    'terminationMessagePath',
    'terminationMessagePolicy',
    'tty',
    'volumeDevices',
    'volumeMounts',
    'workingDir',
  ],
  ResourceRequirements: ['claims', 'limits', 'requests'],
  Probe: [
    'exec',
    'failureThreshold',
    'grpc',
    'httpGet',
    'initialDelaySeconds',
    'periodSeconds',
    'successThreshold',
    'tcpSocket',
    'terminationGracePeriodSeconds',
    'timeoutSeconds',
  ],
} as const;

const labels = mapOf(str);
const envVar = object('EnvVar', {
  name: required(str),
  value: str,
  valueFrom: keysOf('EnvVarSource', KUBE_STRUCT_KEYS.EnvVarSource),
});
const volumeMount = object('VolumeMount', {
  name: required(str),
  mountPath: required(str),
  mountPropagation: str,
  readOnly: bool,
  subPath: str,
  subPathExpr: str,
});
const volume = keysOf('Volume', KUBE_STRUCT_KEYS.Volume);
const toleration = object('Toleration', { effect: str, key: str, operator: str, tolerationSeconds: num, value: str });
/** A quantity: a string or number ('512Mi', 2), or a k8s.Quantity. */
const quantity = either(
  str,
  num,
  satisfying(
    (v) => v !== null && typeof v === 'object' && ['string', 'number'].includes(typeof (v as { value?: unknown }).value),
    "a k8s.Quantity, e.g. k8s.Quantity.fromString('512Mi')",
  ),
);
const resources = object('ResourceRequirements', { claims: arrayOf(any), limits: mapOf(quantity), requests: mapOf(quantity) });
const probe = keysOf('Probe', KUBE_STRUCT_KEYS.Probe);
const container = keysOf('Container', KUBE_STRUCT_KEYS.Container);
/** A cdk8s Duration (it has toSeconds()). */
const duration = satisfying(
  (v) => v !== null && typeof v === 'object' && typeof (v as { toSeconds?: unknown }).toSeconds === 'function',
  'a cdk8s Duration, e.g. Duration.seconds(30)',
);

/** A capacity: a quantity string ('10Gi') or a cdk8s Size. */
export const SIZE = either(str, satisfying(isSize, 'a cdk8s Size, e.g. Size.gibibytes(10)'));

/** A pod template's labels and annotations (cdk8s-plus's `podMetadata`). */
export const LABELS_AND_ANNOTATIONS: Shape = object('LabelsAndAnnotations', { labels, annotations: mapOf(str) });

/** An object's metadata (cdk8s-plus's `metadata`): labels, annotations, and a name and namespace that may only repeat the props'. */
export const RESOURCE_METADATA: Shape = object('ResourceMetadata', { labels, annotations: mapOf(str), name: str, namespace: str });

export const SERVICE_PORT = object('ServicePortSpec', {
  name: required(str),
  port: required(num),
  targetPort: either(num, str),
  nodePort: num,
});

const CLUSTER_PROPS: Shape = object('ErlangStatefulClusterProps', {
  basename: required(str),
  release: required(instanceOf('ErlangRelease', 'ErlangRelease.mix() for an Elixir mix release, or ErlangRelease.relx() for rebar3')),
  image: required(str),
  // An ErlangCookie, a cdk8s-plus ISecret or a Secret name: resolveCookie says which are allowed.
  cookie: required(any),
  cookieDelivery: either(str, instanceOf('CookieDelivery', 'a CookieDelivery, e.g. CookieDelivery.FILE')),
  name: str,
  headlessServiceName: str,
  namespace: str,
  replicas: num,
  appPorts: arrayOf(object('AppPortSpec', { name: required(str), port: required(num) })),
  clusterDomain: str,
  distribution: object('DistributionOptions', {
    port: num,
    pin: str,
    epmdless: bool,
    tls: object('TlsDistributionOptions', {
      secretName: required(str),
      mountPath: str,
      issuer: object('CertificateIssuer', { name: required(str), kind: str }),
    }),
  }),
  storage: object('ClusterStorageOptions', {
    mountPath: required(str),
    name: str,
    size: SIZE,
    accessMode: str,
    storageClass: either(str, instanceOf('LocalStorageClass', 'a LocalStorageClass')),
  }),
  podManagementPolicy: str,
  metrics: object('MetricsOptions', {
    port: num,
    path: str,
    scrapers: object('MetricsScrapers', { namespace: str, podLabels: labels }),
    podMonitor: object('PodMonitorOptions', { interval: either(str, duration), labels }),
  }),
  securityProfile: either(str, instanceOf('SecurityProfile', 'a SecurityProfile, e.g. SecurityProfile.HARDENED')),
  discovery: instanceOf('ClusterDiscovery', 'a ClusterDiscovery, e.g. ClusterDiscovery.dnsSrv()'),
  probes: instanceOf('ErlangProbes', "an ErlangProbes, e.g. ErlangProbes.httpGet('/health', 'http')"),
  maxUnavailable: num,
  networkPolicy: bool,
  egress: object('EgressOptions', {
    dns: object('EgressDns', { namespace: str, podLabels: labels, cidr: str }),
    to: arrayOf(
      object('EgressDestination', {
        cidr: str,
        except: arrayOf(str),
        namespace: str,
        podLabels: labels,
        ports: required(arrayOf(object('EgressPort', { port: required(num), protocol: str }))),
      }),
    ),
  }),
  terminationGracePeriodSeconds: either(num, duration),
  leaveHook: instanceOf('LeaveHook', "a LeaveHook, e.g. LeaveHook.releaseCommand('bin/app', 'App.leave()')"),
  spread: str,
  resourcesPreset: str,
  resources,
  schedulers: instanceOf('Schedulers', 'a Schedulers, e.g. Schedulers.fromCpu() or Schedulers.fixed(4)'),
  imageDigest: str,
  imagePullSecrets: arrayOf(str),
  imagePullPolicy: str,
  runAsUser: num,
  runAsGroup: num,
  addCapabilities: arrayOf(str),
  enableServiceLinks: bool,
  unhealthyPodEvictionPolicy: str,
  extraEnv: arrayOf(envVar),
  extraVolumes: arrayOf(volume),
  extraVolumeMounts: arrayOf(volumeMount),
  nodeSelector: labels,
  tolerations: arrayOf(toleration),
  podLabels: labels,
  containerName: str,
  initContainers: arrayOf(container),
  sidecars: arrayOf(container),
  metadata: RESOURCE_METADATA,
  podMetadata: LABELS_AND_ANNOTATIONS,
});

/** ErlangStatefulClusterProps; old spellings are refused with the new one. */
export const ERLANG_STATEFUL_CLUSTER_PROPS: Shape = renamed(CLUSTER_PROPS, {
  preStopCommand: "leaveHook, e.g. leaveHook: LeaveHook.command(['bin/app', 'stop'])",
});

export const HEADLESS_SERVICE_PROPS: Shape = object('HeadlessServiceProps', {
  name: required(str),
  namespace: str,
  selector: required(labels),
  ports: required(arrayOf(SERVICE_PORT)),
  publishNotReadyAddresses: bool,
  labels,
  metadata: RESOURCE_METADATA,
});

export const LOAD_BALANCED_SVC_PROPS: Shape = object('LoadBalancedSvcProps', {
  name: required(str),
  namespace: str,
  type: str,
  selector: required(labels),
  ports: required(arrayOf(SERVICE_PORT)),
  labels,
  allowDistributionPorts: bool,
  metadata: RESOURCE_METADATA,
});

export const LOCAL_STORAGE_CLASS_PROPS: Shape = object('LocalStorageClassProps', {
  name: required(str),
  reclaimPolicy: str,
  metadata: RESOURCE_METADATA,
});

export const LOCAL_VOLUME_OPTIONS: Shape = object('LocalVolumeOptions', {
  name: required(str),
  nodeName: required(str),
  path: required(str),
  size: required(SIZE),
  accessMode: str,
  metadata: RESOURCE_METADATA,
});

export const LOCAL_PERSISTENT_VOLUME_PROPS: Shape = object('LocalPersistentVolumeProps', {
  name: required(str),
  storageClassName: required(str),
  nodeName: required(str),
  path: required(str),
  size: required(SIZE),
  accessMode: str,
  reclaimPolicy: str,
  metadata: RESOURCE_METADATA,
});

export const ERLANG_PROBES_PROPS: Shape = object('ErlangProbesProps', { readiness: probe, liveness: probe, startup: probe });

export const KUBERNETES_API_DISCOVERY_OPTIONS: Shape = object('KubernetesApiDiscoveryOptions', { resource: str });
