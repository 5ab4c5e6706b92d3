// The public API: everything a chart needs to run a BEAM cluster.
export * from './cluster-discovery';
export * from './erlang-cookie';
export * from './erlang-distribution';
export * from './erlang-env';
export * from './erlang-probes';
export * from './erlang-stateful-cluster';
export * from './headless-service';
export * from './kubelet-env';
export { synthCharts } from './linear-synth';
export * from './load-balanced-svc';
export * from './local-persistent-volume';
export * from './local-storage-class';
export * from './names';
export * from './resources';
export * from './security-profile';
export type { ServicePortSpec } from './resource-helpers';
export * from './validation/errors';
