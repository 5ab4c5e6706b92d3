/**
 * Props to ClusterSpec, once: each prop is checked and defaulted where it is read
 * (the cluster's own defaults from CLUSTER_DEFAULTS), the rules that span several
 * props run on the result, and the result is frozen all the way down.
 */
import { Construct } from 'constructs';
import { DEFAULT_DIST_PORT, DEFAULT_TLS_MOUNT_PATH, DIST_PORT_NAME, DistPortPin, EPMD_PORT, EPMD_PORT_NAME, erlAflags } from '../../erlang/distribution';
import { ErlangRelease, ReleaseKind } from '../../erlang/release';
import { ConfigError } from '../../core/errors';
import { freezeDeeply } from '../../core/frozen';
import { clusterNodeNames, DEFAULT_CLUSTER_DOMAIN, dnsLabelOf, podFqdn } from '../../erlang/names';
import { CLUSTER_RULES } from './prop-rules';
import {
  checkDnsLabel,
  checkDnsName,
  checkDnsSubdomain,
  checkErlangBasename,
  checkFlagSafePath,
  checkInteger,
  checkOneOf,
  checkPort,
  checkPortName,
  checkServiceName,
  MAX_INT32,
  MAX_STATEFUL_SET_NAME,
} from '../../checks';
import { ERLANG_STATEFUL_CLUSTER_PROPS } from '../../validation/prop-shapes';
import { checkProps } from '../../validation/shapes';
import { mergeMetadata } from '../metadata';
import { resolveNamespace } from '../resource-helpers';
import { ClusterDiscovery, DiscoveryResource } from './discovery';
import { checkMetrics, DEFAULT_METRICS_PATH, METRICS_PORT_NAME } from './metrics';
import { PodManagementPolicy } from 'cdk8s-plus-28';
import { PodSpread, UnhealthyPodEvictionPolicy } from './options';
import type { ErlangStatefulClusterProps } from './props';
import { resolvePod, resolveSecurityProfile, resolveStorage } from './resolve-pod';
import { cookieParts, resolveCookieDelivery } from './cookie-file';
import type { ClusterIdentity, ClusterSpec, DistributionSpec, PortSpec } from './spec';
import { resolveUpdate } from './resolve-update';

/** The defaults of the cluster's own props, in one place. */
export const CLUSTER_DEFAULTS = {
  replicas: 3,
  podManagementPolicy: PodManagementPolicy.PARALLEL,
  spread: PodSpread.SOFT,
  maxUnavailable: 1,
  unhealthyPodEvictionPolicy: UnhealthyPodEvictionPolicy.ALWAYS_ALLOW,
  networkPolicy: true,
  clusterDomain: DEFAULT_CLUSTER_DOMAIN,
  distributionPort: DEFAULT_DIST_PORT,
  epmdless: false,
  tlsMountPath: DEFAULT_TLS_MOUNT_PATH,
  metricsPath: DEFAULT_METRICS_PATH,
} as const;

/** Resolves and checks `props` for the cluster at `scope`; throws a one-line ConfigError on bad input. */
export function resolveClusterSpec(scope: Construct, props: ErlangStatefulClusterProps): ClusterSpec {
  const where = scope.node.path;
  checkProps(where, 'ErlangStatefulClusterProps', props, ERLANG_STATEFUL_CLUSTER_PROPS);
  const basename = checkErlangBasename(where, 'basename', props.basename);
  const name = checkDnsLabel(where, 'name', props.name ?? `${dnsLabelOf(basename)}-sfs`, MAX_STATEFUL_SET_NAME);
  const headlessServiceName = checkServiceName(where, 'headlessServiceName', props.headlessServiceName ?? `${dnsLabelOf(basename)}-hl`);
  const namespace = resolveNamespace(scope, props.namespace);
  const replicas = checkInteger(where, 'replicas', props.replicas ?? CLUSTER_DEFAULTS.replicas, 0, MAX_INT32);
  const clusterDomain = checkDnsName(where, 'clusterDomain', props.clusterDomain ?? CLUSTER_DEFAULTS.clusterDomain);
  const identity: ClusterIdentity = {
    basename,
    name,
    headlessServiceName,
    namespace,
    clusterDomain,
    selectorLabels: { app: basename },
    runAs: { uid: props.runAsUser, gid: props.runAsGroup, addCapabilities: props.addCapabilities },
  };
  const metrics = props.metrics && { ...props.metrics, port: checkMetrics(where, props.metrics), path: props.metrics.path ?? CLUSTER_DEFAULTS.metricsPath };
  const appPorts = (props.appPorts ?? []).map((p, i) => ({
    name: checkPortName(where, `appPorts[${i}].name`, p.name),
    port: checkPort(where, `appPorts[${i}].port`, p.port),
  }));
  const pod = resolvePod(where, props, identity, appPorts);
  const release = props.release;
  const distribution = resolveDistribution(where, props, release, name, pod.schedulers);
  const erlangPorts = erlangPortsOf(distribution);
  const security = resolveSecurityProfile(where, props.securityProfile);
  const cookieDelivery = resolveCookieDelivery(where, props.cookieDelivery, security);
  const discovery = props.discovery ?? ClusterDiscovery.dnsSrv();
  const update = resolveUpdate(where, props.strategy, props.minReady);
  if (discovery._needsApiAccess) checkOneOf(where, 'discovery.resource', discovery.resource, Object.values(DiscoveryResource));
  // Fields listed, not spread from identity: V8 makes an object literal that starts with a
  // spread and goes on with many fields about 50 times slower to create (Node 20).
  const spec: ClusterSpec = {
    basename,
    name,
    headlessServiceName,
    namespace,
    clusterDomain,
    selectorLabels: identity.selectorLabels,
    runAs: identity.runAs,
    path: where,
    replicas,
    cookie: props.cookie,
    cookieDelivery,
    release,
    releaseConfiguration: release._configLines({ ...distribution, cookieFile: cookieDelivery.isFile }),
    get podFqdns() {
      return Array.from({ length: replicas }, (_, i) => podFqdn(name, i, headlessServiceName, namespace, clusterDomain));
    },
    get nodeNames() {
      return clusterNodeNames(basename, name, replicas, headlessServiceName, namespace, clusterDomain);
    },
    distribution,
    erlangPorts,
    appPorts,
    metrics,
    declaredPorts: [...erlangPorts, ...appPorts, ...(metrics ? [{ name: METRICS_PORT_NAME, port: metrics.port }] : [])],
    storage: props.storage && resolveStorage(where, props.storage, basename),
    security,
    discovery,
    parts: { security: security._podParts(identity), discovery: discovery._podParts(identity), cookie: cookieParts(cookieDelivery, props.cookie) },
    serviceAccountName: discovery._needsApiAccess ? `${name}-discovery` : undefined,
    metadata: mergeMetadata(where, 'metadata', props.metadata, {
      name,
      namespace,
      // These labels are the selector: its own check speaks first.
      labels: identity.selectorLabels,
      selector: identity.selectorLabels,
    }),
    pod,
    podManagementPolicy: checkOneOf(where, 'podManagementPolicy', props.podManagementPolicy ?? CLUSTER_DEFAULTS.podManagementPolicy, [
      PodManagementPolicy.PARALLEL,
      PodManagementPolicy.ORDERED_READY,
    ]),
    updateStrategy: update.updateStrategy,
    minReadySeconds: update.minReadySeconds,
    spread: checkOneOf(where, 'spread', props.spread ?? CLUSTER_DEFAULTS.spread, Object.values(PodSpread)),
    maxUnavailable: checkInteger(where, 'maxUnavailable', props.maxUnavailable ?? CLUSTER_DEFAULTS.maxUnavailable, 0, MAX_INT32),
    unhealthyPodEvictionPolicy: checkOneOf(
      where,
      'unhealthyPodEvictionPolicy',
      props.unhealthyPodEvictionPolicy ?? CLUSTER_DEFAULTS.unhealthyPodEvictionPolicy,
      Object.values(UnhealthyPodEvictionPolicy),
    ),
    networkPolicy: props.networkPolicy ?? CLUSTER_DEFAULTS.networkPolicy,
    egress: props.egress,
  };
  for (const rule of CLUSTER_RULES) rule.check(spec, props);
  return freezeDeeply(spec);
}

/** The port, the pin, TLS's paths and the ERL_AFLAGS they make. */
function resolveDistribution(
  where: string,
  props: ErlangStatefulClusterProps,
  release: ErlangRelease,
  name: string,
  schedulers: ClusterSpec['pod']['schedulers'],
): DistributionSpec {
  const d = props.distribution ?? {};
  const port = checkPort(where, 'distribution.port', d.port ?? CLUSTER_DEFAULTS.distributionPort);
  const epmdless = d.epmdless ?? CLUSTER_DEFAULTS.epmdless;
  const pin = checkOneOf(where, 'distribution.pin', d.pin ?? release._defaultPin, Object.values(DistPortPin));
  if (release.kind === ReleaseKind.MIX && pin === DistPortPin.ERL_AFLAGS && !epmdless) {
    throw new ConfigError(
      where,
      'distribution.pin',
      pin,
      "must be DistPortPin.RELEASE with ErlangRelease.mix(): mix's rpc, remote, stop and pid start a second VM that reads ERL_AFLAGS and fails with eaddrinuse",
    );
  }
  const tls = d.tls && {
    secretName: checkDnsSubdomain(where, 'distribution.tls.secretName', d.tls.secretName),
    mountPath: checkFlagSafePath(where, 'distribution.tls.mountPath', d.tls.mountPath ?? CLUSTER_DEFAULTS.tlsMountPath),
    configMapName: `${name}-ssl-dist`,
    issuer: d.tls.issuer,
  };
  return { port, epmdless, pin, tls, erlAflags: erlAflags({ port, pin, epmdless, tlsMountPath: tls?.mountPath, schedulers }) };
}

/** epmd (unless epmd-less) and dist. */
function erlangPortsOf(d: DistributionSpec): PortSpec[] {
  const dist = { name: DIST_PORT_NAME, port: d.port };
  return d.epmdless ? [dist] : [{ name: EPMD_PORT_NAME, port: EPMD_PORT }, dist];
}
