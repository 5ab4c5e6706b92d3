// The public API (`cdk8s-erlang-cluster`), name by name: the constructs, their props and
// options, and the manifest validation. Every name here is part of the jsii assembly (and so
// of the Python, Java, Go and .NET bindings), except ConfigError and KubeObject, which are
// TypeScript/JavaScript only (docs/library.md). Helpers that lib/ shares between modules stay
// exported from their own modules, not from here. The fast synth engine is
// `cdk8s-erlang-cluster/synth`, the cdk8s validation plugin `cdk8s-erlang-cluster/plugin`
// (both TypeScript/JavaScript only). test/package/public-surface.test.ts holds the list.

// The constructs
export { ErlangStatefulCluster } from './constructs/erlang-stateful-cluster';
export type { ErlangStatefulClusterProps } from './constructs/cluster/props';
export { HeadlessService } from './constructs/headless-service';
export type { HeadlessServiceProps } from './constructs/headless-service';
export { LoadBalancedService } from './constructs/load-balanced-service';
export type { LoadBalancedServiceProps } from './constructs/load-balanced-service';
export { LocalPersistentVolume } from './constructs/local-persistent-volume';
export type { LocalPersistentVolumeProps } from './constructs/local-persistent-volume';
export { LocalStorageClass } from './constructs/local-storage-class';
export type { LocalStorageClassProps, LocalVolumeOptions } from './constructs/local-storage-class';
export { StorageClass } from './constructs/storage-class';
export type { IStorageClass } from './constructs/storage-class';
export type { ServicePortSpec } from './constructs/resource-helpers';
export type { LabelsAndAnnotations, ResourceMetadata } from './constructs/metadata';

// The cluster's options
export { ClusterDiscovery, DiscoveryResource, DiscoveryStrategy } from './constructs/cluster/discovery';
export type { KubernetesApiDiscoveryOptions } from './constructs/cluster/discovery';
export type { EgressDestination, EgressDns, EgressOptions, EgressPort } from './constructs/cluster/egress';
export type { MetricsOptions, MetricsScrapers, PodMonitorOptions } from './constructs/cluster/metrics';
export { PodSpread, UnhealthyPodEvictionPolicy } from './constructs/cluster/options';
export type { AppPortSpec, ClusterStorageOptions } from './constructs/cluster/options';
export { ErlangProbes } from './constructs/cluster/probes';
export type { ErlangProbesProps } from './constructs/cluster/probes';
export { ResourcesPreset, Schedulers } from './constructs/cluster/resources';
export type { SchedulersOptions } from './constructs/cluster/resources';
export { SecurityProfile } from './constructs/cluster/security-profile';
export { ClusterUpdateStrategy, ClusterUpdateStrategyType } from './constructs/cluster/update-strategy';
export type { ClusterRollingUpdateOptions } from './constructs/cluster/update-strategy';

// Erlang: the cookie, the distribution and the release
export { CookieDelivery, ErlangCookie } from './erlang/cookie';
export { LeaveHook } from './erlang/leave-hook';
export type { LeaveHookOptions } from './erlang/leave-hook';
export { DistPortPin, IssuerKind } from './erlang/distribution';
export type { CertificateIssuer, DistributionOptions, TlsDistributionOptions } from './erlang/distribution';
export { ErlangRelease, ReleaseKind } from './erlang/release';
export type { ReleaseConfigLine } from './erlang/release';

// Errors and the manifest validation
export { ConfigError } from './core/errors';
export { ManifestValidator } from './validation/validate';
export type { ValidationReport } from './validation/validate';
export type { SchemaViolation } from './validation/schema';
export type { KubeObject, ManifestViolation } from './validation/manifests';
