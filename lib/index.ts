// The public API (`cdk8s-erlang-cluster`): the constructs, the Erlang naming and env
// helpers, and the manifest validation. The fast synth engine is `cdk8s-erlang-cluster/synth`,
// the cdk8s validation plugin `cdk8s-erlang-cluster/plugin`.
export * from './constructs/cluster/discovery';
export * from './erlang/cookie';
export * from './constructs/cluster/egress';
export * from './erlang/distribution';
export * from './erlang/env';
export * from './erlang/flags';
export { LeaveHook } from './erlang/leave-hook';
export type { LeaveHookOptions } from './erlang/leave-hook';
export * from './constructs/cluster/probes';
export * from './constructs/erlang-stateful-cluster';
export * from './constructs/headless-service';
export * from './kubernetes/kubelet-env';
export * from './constructs/load-balanced-svc';
export * from './constructs/local-persistent-volume';
export * from './constructs/local-storage-class';
export * from './constructs/cluster/metrics';
export * from './erlang/names';
export * from './erlang/release';
export * from './constructs/cluster/resources';
export * from './constructs/cluster/security-profile';
export type { ServicePortSpec } from './constructs/resource-helpers';
export type { LabelsAndAnnotations, ResourceMetadata } from './constructs/metadata';
export * from './core/errors';
export { formatReport, isClean, validateManifests } from './validation/validate';
export type { ValidationReport } from './validation/validate';
export type { SchemaViolation } from './validation/schema';
export type { KubeObject, ManifestViolation } from './validation/manifests';
