// The public API (`cdk8s-erlang-cluster`): the constructs, the Erlang naming and env
// helpers, and the manifest validation. The fast synth engine is `cdk8s-erlang-cluster/synth`,
// the cdk8s validation plugin `cdk8s-erlang-cluster/plugin`.
export * from './cluster-discovery';
export * from './erlang-cookie';
export * from './egress';
export * from './erlang-distribution';
export * from './erlang-env';
export * from './erlang-flags';
export * from './erlang-probes';
export * from './erlang-stateful-cluster';
export * from './headless-service';
export * from './kubelet-env';
export * from './load-balanced-svc';
export * from './local-persistent-volume';
export * from './local-storage-class';
export * from './metrics';
export * from './names';
export * from './resources';
export * from './security-profile';
export type { ServicePortSpec } from './resource-helpers';
export * from './validation/errors';
export { formatReport, isClean, validateManifests } from './validation/validate';
export type { ValidationReport } from './validation/validate';
export type { SchemaViolation } from './validation/schema';
export type { KubeObject, ManifestViolation } from './validation/manifests';
