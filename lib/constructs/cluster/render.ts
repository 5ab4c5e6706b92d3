/**
 * What a cluster does to its app: its app-wide claims and index entries, and
 * its objects, each from its builder.
 */
import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../../../imports/k8s';
import { PodMonitor } from '../../../imports/monitoring.coreos.com';
import { defined } from '../../kubernetes/defined';
import { HeadlessService } from '../headless-service';
import { claimUnique } from '../resource-helpers';
import { warn } from '../../core/warnings';
import { indexWorkload } from '../workload-index';
import { discoveryRbacProps } from './builders/discovery-rbac';
import { podDisruptionBudgetProps } from './builders/disruption-budget';
import { headlessServiceProps } from './builders/headless-service';
import { networkPolicySpec } from './builders/network-policy';
import { objectMeta } from './builders/object-meta';
import { podMonitorProps } from './builders/pod-monitor';
import { statefulSetSpec } from './builders/stateful-set';
import { tlsDistConfigProps } from './builders/tls-config';
import { MeshMember, useDistCertificate } from './dist-certificate';
import { movingImageWarning } from './resolve-pod';
import type { ClusterSpec } from './spec';
import { newApiObject } from '../any-keys';

/** Warns of a moving image, claims the StatefulSet name and the app label, indexes the pods, and books the local volumes. */
export function registerCluster(owner: Construct, spec: ClusterSpec): void {
  const moving = movingImageWarning(spec.pod.image);
  if (moving) warn(spec.path, moving);
  claimUnique(owner, `StatefulSet/${spec.namespace}`, spec.name, 'name', `StatefulSet names must be unique in namespace ${spec.namespace}`);
  claimUnique(
    owner,
    `app label/${spec.namespace}`,
    spec.basename,
    'basename',
    `the basename is the pods' app label, which must select one cluster only in namespace ${spec.namespace}`,
  );
  indexWorkload(owner, {
    path: spec.path,
    namespace: spec.namespace,
    podLabels: { ...spec.pod.metadata.labels },
    ports: spec.declaredPorts,
    distributionPorts: spec.erlangPorts.map((p) => p.port),
  });
  spec.storage?.localClass?._addClaims(spec.path, spec.replicas, spec.storage.size, spec.storage.accessMode);
  if (spec.storage && spec.storage.storageClassName === undefined) classlessClaimsOf(Chart.of(owner)).push(spec.path);
}

const CLASSLESS_CLAIMS = Symbol('classless claims');

/**
 * The paths of the chart's clusters whose claims name no class. The first one
 * adds one validation to the chart, which looks at the chart's volumes once at
 * synth, when the whole chart is known: claims of no class bind to a volume of
 * no class, or through a default class.
 */
function classlessClaimsOf(chart: Chart): string[] {
  const holder = chart as Chart & { [CLASSLESS_CLAIMS]?: string[] };
  let paths = holder[CLASSLESS_CLAIMS];
  if (paths === undefined) {
    const list: string[] = [];
    paths = list;
    holder[CLASSLESS_CLAIMS] = list;
    chart.node.addValidation({
      validate: () => {
        if (!hasClasslessVolume(chart)) list.forEach((path) => warn(path, CLASSLESS_CLAIMS_WARNING));
        return [];
      },
    });
  }
  return paths;
}

/** What a user is told when the claims name no class and nothing in the chart can hold them. */
export const CLASSLESS_CLAIMS_WARNING =
  "storage names no StorageClass and the chart declares no PersistentVolume without one, so the claims bind only on a cluster with a default StorageClass ('kubectl get storageclass' marks it '(default)'); " +
  'otherwise they stay Pending: set storage.storageClass to a class the cluster has (StorageClass.fromName), or to a LocalStorageClass with one volume per replica (addVolume)';

/** Whether `chart` declares a PersistentVolume of no class, which a claim of no class may bind. */
function hasClasslessVolume(chart: Chart): boolean {
  return chart.node
    .findAll()
    .some(
      (c) =>
        ApiObject.isApiObject(c) &&
        c.kind === 'PersistentVolume' &&
        (c.toJson() as { spec?: { storageClassName?: string } }).spec?.storageClassName === undefined,
    );
}

/** The objects a cluster keeps a handle on. */
export interface RenderedCluster {
  readonly headlessService: HeadlessService;
  readonly resource: k8s.KubeStatefulSet;
  readonly pdb?: k8s.KubePodDisruptionBudget | undefined;
  readonly networkPolicy?: k8s.KubeNetworkPolicy | undefined;
  readonly serviceAccount?: k8s.KubeServiceAccount | undefined;
}

/** What may still change after construction (addServiceDomain, addPeer), read at synth time. */
export interface LateInputs {
  readonly serviceDomains: () => readonly k8s.EnvVar[];
  readonly peers: () => readonly ClusterSpec[];
}

/** Creates the cluster's objects under `owner`, in the order dist/ lists them. */
export function renderCluster(owner: Construct & MeshMember, spec: ClusterSpec, late: LateInputs): RenderedCluster {
  const headlessService = new HeadlessService(owner, 'Headless', headlessServiceProps(spec));
  const rbac = discoveryRbacProps(spec);
  let serviceAccount: k8s.KubeServiceAccount | undefined;
  if (rbac) {
    serviceAccount = newApiObject(k8s.KubeServiceAccount, owner, 'ServiceAccount', rbac.serviceAccount);
    newApiObject(k8s.KubeRole, owner, 'DiscoveryRole', rbac.role);
    newApiObject(k8s.KubeRoleBinding, owner, 'DiscoveryRoleBinding', rbac.roleBinding);
  }
  const tlsConfig = tlsDistConfigProps(spec);
  if (tlsConfig) newApiObject(k8s.KubeConfigMap, owner, 'TlsDistConfig', tlsConfig);
  const tls = spec.distribution.tls;
  if (tls?.issuer) useDistCertificate(owner, tls.secretName, tls.issuer);
  const resource = newApiObject(k8s.KubeStatefulSet, owner, 'Resource', {
    metadata: { ...objectMeta(spec), ...defined(spec.metadata) },
    spec: Lazy.any({ produce: () => statefulSetSpec(spec, late.serviceDomains()) }),
  });
  const pdbProps = podDisruptionBudgetProps(spec);
  const pdb = pdbProps && newApiObject(k8s.KubePodDisruptionBudget, owner, 'DisruptionBudget', pdbProps);
  const podMonitor = podMonitorProps(spec);
  if (podMonitor) newApiObject(PodMonitor, owner, 'PodMonitor', podMonitor);
  const networkPolicy = spec.networkPolicy
    ? newApiObject(k8s.KubeNetworkPolicy, owner, 'NetworkPolicy', {
        metadata: objectMeta(spec),
        spec: Lazy.any({ produce: () => networkPolicySpec(spec, late.peers()) }),
      })
    : undefined;
  return { headlessService, resource, pdb, networkPolicy, serviceAccount };
}
