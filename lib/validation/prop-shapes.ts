/**
 * The run-time shape of every props object of this package (see ./shapes.ts).
 * A new prop must be added here too, or constructing with it is an error; the
 * tests compare these keys with the TypeScript interfaces.
 */
import { arrayOf, bool, either, gone, instanceOf, keysOf, mapOf, num, object, required, satisfying, Shape, str } from './shapes';
import { isCpu, isEnvValue } from '../checks';
import { isSize } from '../kubernetes/size-quantity';

/**
 * Keys of the Kubernetes structs that props pass through, as cdk8s-plus-28's L1
 * interfaces name them. The L1 serializer drops unknown keys silently, so a typo
 * (`vaule`) would vanish before the strict schema could see it.
 */
export const KUBE_STRUCT_KEYS = {
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
const envValue = satisfying(isEnvValue, "a cdk8s-plus EnvValue, e.g. EnvValue.fromValue('info') or EnvValue.fromSecretValue({ secret, key })");
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
/** An L1 value class (k8s.Quantity, k8s.IntOrString): an object whose `value` is a string or a number. */
const hasScalarValue = (v: unknown): boolean => v !== null && typeof v === 'object' && ['string', 'number'].includes(typeof (v as { value?: unknown }).value);
/** A port by number or by name (a bare number or string is the old spelling). */
export const INT_OR_STRING = satisfying(hasScalarValue, "a k8s.IntOrString, e.g. IntOrString.fromNumber(4000) or IntOrString.fromString('http')");
const RESOURCES_NOW =
  'resources is a cdk8s-plus ContainerResources, e.g. { cpu: { request: Cpu.millis(250) }, memory: { request: Size.mebibytes(512), limit: Size.mebibytes(512) } }';
const cpu = satisfying(isCpu, 'a cdk8s-plus Cpu, e.g. Cpu.millis(250) or Cpu.units(2)');
const bytes = satisfying(isSize, 'a cdk8s Size, e.g. Size.mebibytes(512)');
const resources = object('ContainerResources', {
  cpu: object('CpuResources', { request: cpu, limit: cpu }),
  memory: object('MemoryResources', { request: bytes, limit: bytes }),
  ephemeralStorage: object('EphemeralStorageResources', { request: bytes, limit: bytes }),
  requests: gone(RESOURCES_NOW),
  limits: gone(RESOURCES_NOW),
});
const probe = keysOf('Probe', KUBE_STRUCT_KEYS.Probe);
const container = keysOf('Container', KUBE_STRUCT_KEYS.Container);
/** A cdk8s Duration (it has toSeconds()). */
const duration = satisfying(
  (v) => v !== null && typeof v === 'object' && typeof (v as { toSeconds?: unknown }).toSeconds === 'function',
  'a cdk8s Duration, e.g. Duration.seconds(30)',
);

/** A capacity: a cdk8s Size (a quantity string such as '10Gi' is the old spelling). */
export const SIZE = satisfying(isSize, 'a cdk8s Size, e.g. Size.gibibytes(10)');

/** An IStorageClass: anything with a string `name`, as a JavaScript caller may implement it too. */
const STORAGE_CLASS = satisfying(
  (v) => v !== null && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string',
  "an IStorageClass: StorageClass.fromName('fast-ssd') for a class the cluster has, or a LocalStorageClass",
);

/** A pod template's labels and annotations (cdk8s-plus's `podMetadata`). */
export const LABELS_AND_ANNOTATIONS: Shape = object('LabelsAndAnnotations', { labels, annotations: mapOf(str) });

/** An object's metadata (cdk8s-plus's `metadata`): labels, annotations, and a name and namespace that may only repeat the props'. */
export const RESOURCE_METADATA: Shape = object('ResourceMetadata', { labels, annotations: mapOf(str), name: str, namespace: str });

export const SERVICE_PORT = object('ServicePortSpec', {
  name: required(str),
  port: required(num),
  targetPort: INT_OR_STRING,
  nodePort: num,
});

export const ERLANG_STATEFUL_CLUSTER_PROPS: Shape = object('ErlangStatefulClusterProps', {
  basename: required(str),
  release: required(instanceOf('ErlangRelease', 'ErlangRelease.mix() for an Elixir mix release, or ErlangRelease.relx() for rebar3')),
  image: required(str),
  cookie: required(
    instanceOf('ErlangCookie', "an ErlangCookie: ErlangCookie.fromSecretName('my-cookie'), or ErlangCookie.fromSecret(secret) for a cdk8s-plus ISecret"),
  ),
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
    storageClass: STORAGE_CLASS,
  }),
  podManagementPolicy: str,
  strategy: instanceOf('ClusterUpdateStrategy', 'a ClusterUpdateStrategy, e.g. ClusterUpdateStrategy.rollingUpdate({ partition: 2 })'),
  minReady: duration,
  metrics: object('MetricsOptions', {
    port: num,
    path: str,
    scrapers: object('MetricsScrapers', { namespace: str, podLabels: labels }),
    podMonitor: object('PodMonitorOptions', { interval: duration, labels }),
  }),
  securityProfile: either(str, instanceOf('SecurityProfile', 'a SecurityProfile, e.g. SecurityProfile.HARDENED')),
  discovery: instanceOf('ClusterDiscovery', 'a ClusterDiscovery, e.g. ClusterDiscovery.dnsSrv()'),
  probes: instanceOf('ErlangProbes', "an ErlangProbes, e.g. ErlangProbes.httpGet('/health', IntOrString.fromString('http'))"),
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
  terminationGracePeriod: duration,
  leaveHook: instanceOf('LeaveHook', "a LeaveHook, e.g. LeaveHook.releaseCommand('bin/app', 'App.leave()')"),
  preStopCommand: gone("write it as leaveHook, e.g. leaveHook: LeaveHook.command(['bin/app', 'stop'])"),
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
  envVariables: mapOf(envValue),
  extraEnv: gone("env is envVariables, a map of name to cdk8s-plus EnvValue, e.g. { LOG_LEVEL: EnvValue.fromValue('info') }"),
  extraVolumes: arrayOf(volume),
  extraVolumeMounts: arrayOf(volumeMount),
  nodeSelector: labels,
  tolerations: arrayOf(toleration),
  podLabels: gone("write the pods' labels as podMetadata.labels"),
  containerName: str,
  initContainers: arrayOf(container),
  sidecars: arrayOf(container),
  metadata: RESOURCE_METADATA,
  podMetadata: LABELS_AND_ANNOTATIONS,
});

/** The Services' `labels` prop is gone: their selector labels are always on them, and metadata.labels adds to those. */
const SERVICE_LABELS_GONE = gone("write the Service's labels as metadata.labels");

export const HEADLESS_SERVICE_PROPS: Shape = object('HeadlessServiceProps', {
  name: required(str),
  namespace: str,
  selector: required(labels),
  ports: required(arrayOf(SERVICE_PORT)),
  publishNotReadyAddresses: bool,
  labels: SERVICE_LABELS_GONE,
  metadata: RESOURCE_METADATA,
});

export const LOAD_BALANCED_SERVICE_PROPS: Shape = object('LoadBalancedServiceProps', {
  name: required(str),
  namespace: str,
  type: str,
  selector: required(labels),
  ports: required(arrayOf(SERVICE_PORT)),
  labels: SERVICE_LABELS_GONE,
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

export const ROLLING_UPDATE_OPTIONS: Shape = object('ClusterRollingUpdateOptions', { partition: num });
