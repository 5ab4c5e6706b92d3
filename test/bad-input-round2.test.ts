/**
 * Bad input, round 2 (issue 11): mistakes that got past the first table, by
 * class. Each case must fail at construction or synth with a one-line
 * ConfigError naming the construct path, the prop, the value and what is
 * allowed; each class also has valid neighbours that must still pass and
 * validate clean. Classes 7 (YAML), 8 (config file), 9 (output folder) and 10
 * (manifest rules) have their own sections below or in their own suites.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { parseAllDocuments } from 'yaml';
import {
  ClusterDiscovery,
  DistPortPin,
  ErlangCookie,
  ErlangProbes,
  ErlangStatefulCluster,
  ErlangStatefulClusterProps,
  HeadlessService,
  LoadBalancedServiceType,
  LoadBalancedSvc,
  LocalStorageClass,
  PodSpread,
  SecurityProfile,
  validateManifests,
  ErlangRelease,
} from 'cdk8s-erlang-cluster';
import { synthCharts } from 'cdk8s-erlang-cluster/synth';
import * as k8s from '../imports/k8s';
import { loadChartConfig, parseChartConfig, REGISTRY_ENV } from '../charts/config';
import { readAsNumberByKubectl } from '../lib/synth/fast-yaml';
import { checkManifests } from '../lib/validation/manifests';
import { ERLANG_STATEFUL_CLUSTER_PROPS } from '../lib/validation/prop-shapes';
import { Shape } from '../lib/validation/shapes';
import { BadCase, configErrorOf, synthApp } from './helpers';

const cookie = ErlangCookie.fromSecret('app-cookie');
const BASE: ErlangStatefulClusterProps = {
  basename: 'app',
  release: ErlangRelease.relx(),
  image: 'registry:5000/team/app:1.0',
  cookie,
  appPorts: [{ name: 'http', port: 8080 }],
};
const chart = () => new Chart(Testing.app(), 'test');
/** Builds a cluster `test/c` from BASE and `props`, untyped as a JavaScript caller would, and synthesizes its app. */
const cluster = (props: Record<string, unknown>, scope: Chart = chart()) => {
  new ErlangStatefulCluster(scope, 'c', { ...BASE, ...props } as ErlangStatefulClusterProps);
  return synthApp(scope.node.root as any);
};
const js = <T>(v: unknown) => v as T;
const long = (n: number, c = 'a') => c.repeat(n);
const hex = (n: number) => '0123456789abcdef'.repeat(8).slice(0, n);

/** A bad-input case of class `cls` (the numbering). */
interface ClassCase extends BadCase {
  readonly cls: number;
}

const CASES: ClassCase[] = [
  // 1. Wrong JavaScript types, unknown props, missing and null.
  {
    cls: 1,
    name: "'false' string for networkPolicy",
    build: () => cluster({ networkPolicy: 'false' }),
    where: 'test/c',
    prop: 'networkPolicy',
    value: 'false',
    allowed: 'must be a boolean (true or false), not a string',
  },
  {
    cls: 1,
    name: "'true' string for distribution.epmdless",
    build: () => cluster({ distribution: { epmdless: 'true' } }),
    where: 'test/c',
    prop: 'distribution.epmdless',
    value: 'true',
    allowed: 'must be a boolean',
  },
  {
    cls: 1,
    name: 'an object where appPorts (an array) belongs',
    build: () => cluster({ appPorts: { name: 'http', port: 8080 } }),
    where: 'test/c',
    prop: 'appPorts',
    value: { name: 'http', port: 8080 },
    allowed: 'must be an array whose items are each an object (AppPortSpec), not an object',
  },
  {
    cls: 1,
    name: 'a string where extraEnv (an array) belongs',
    build: () => cluster({ extraEnv: 'A=1' }),
    where: 'test/c',
    prop: 'extraEnv',
    value: 'A=1',
    allowed: 'not a string',
  },
  {
    cls: 1,
    name: 'a number where image (a string) belongs',
    build: () => cluster({ image: 42 }),
    where: 'test/c',
    prop: 'image',
    value: 42,
    allowed: 'must be a string, not a number',
  },
  {
    cls: 1,
    name: 'a string where replicas (a number) belongs',
    build: () => cluster({ replicas: '5' }),
    where: 'test/c',
    prop: 'replicas',
    value: '5',
    allowed: 'must be a number, not a string',
  },
  {
    cls: 1,
    name: "typo 'replica'",
    build: () => cluster({ replica: 5 }),
    where: 'test/c',
    prop: 'replica',
    value: 5,
    allowed: "is not a prop of ErlangStatefulClusterProps; did you mean 'replicas'?",
  },
  {
    cls: 1,
    name: "typo 'storage.sise'",
    build: () => cluster({ storage: { mountPath: '/data', sise: '5Gi' } }),
    where: 'test/c',
    prop: 'storage.sise',
    value: '5Gi',
    allowed: "is not a prop of ClusterStorageOptions; did you mean 'size'?",
  },
  {
    cls: 1,
    name: "case slip 'imagepullpolicy'",
    build: () => cluster({ imagepullpolicy: 'Always' }),
    where: 'test/c',
    prop: 'imagepullpolicy',
    value: 'Always',
    allowed: "did you mean 'imagePullPolicy'?",
  },
  {
    cls: 1,
    name: "typo in an env var: 'vaule'",
    build: () => cluster({ extraEnv: [{ name: 'A', vaule: '1' }] }),
    where: 'test/c',
    prop: 'extraEnv[0].vaule',
    value: '1',
    allowed: "is not a prop of EnvVar; did you mean 'value'?",
  },
  {
    cls: 1,
    name: "typo in a volume mount: 'mountpath'",
    build: () => cluster({ extraVolumeMounts: [{ name: 'v', mountpath: '/v' }] }),
    where: 'test/c',
    prop: 'extraVolumeMounts[0].mountpath',
    value: '/v',
    allowed: "did you mean 'mountPath'?",
  },
  {
    cls: 1,
    name: "typo in an app port: 'prot'",
    build: () => cluster({ appPorts: [{ name: 'http', prot: 8080 }] }),
    where: 'test/c',
    prop: 'appPorts[0].prot',
    value: 8080,
    allowed: "did you mean 'port'?",
  },
  {
    cls: 1,
    name: 'an unknown prop with no near match lists the known ones',
    build: () => cluster({ zzzzzz: 1 }),
    where: 'test/c',
    prop: 'zzzzzz',
    value: 1,
    allowed: 'known props: basename, release, image, cookie',
  },
  {
    cls: 1,
    name: 'image missing',
    build: () => cluster({ image: undefined }),
    where: 'test/c',
    prop: 'image',
    value: undefined,
    allowed: 'is required: a string',
  },
  { cls: 1, name: 'basename null', build: () => cluster({ basename: null }), where: 'test/c', prop: 'basename', value: null, allowed: 'null is not allowed' },
  {
    cls: 1,
    name: 'storage null',
    build: () => cluster({ storage: null }),
    where: 'test/c',
    prop: 'storage',
    value: null,
    allowed: 'must be an object (ClusterStorageOptions); null is not allowed',
  },
  {
    cls: 1,
    name: 'props missing altogether',
    build: () => new ErlangStatefulCluster(chart(), 'c', js(undefined)),
    where: 'test/c',
    prop: 'props',
    value: undefined,
    allowed: 'must be an object (ErlangStatefulClusterProps)',
  },
  {
    cls: 1,
    name: 'a cookie given as a Secret name that is not a DNS subdomain',
    build: () => cluster({ cookie: 'App_Cookie' }),
    where: 'test/c',
    prop: 'cookie',
    value: 'App_Cookie',
    allowed: 'DNS-1123 subdomain',
  },
  {
    cls: 1,
    name: 'a cookie given as an object without a name',
    build: () => cluster({ cookie: { secretName: 'app-cookie' } }),
    where: 'test/c',
    prop: 'cookie',
    value: { secretName: 'app-cookie' },
    allowed: 'a cdk8s-plus ISecret or a Secret name',
  },
  {
    cls: 1,
    name: 'discovery given as a string',
    build: () => cluster({ discovery: 'dnssrv' }),
    where: 'test/c',
    prop: 'discovery',
    value: 'dnssrv',
    allowed: 'a ClusterDiscovery, e.g. ClusterDiscovery.dnsSrv()',
  },
  {
    cls: 1,
    name: 'probes given as a plain probe object',
    build: () => cluster({ probes: { readiness: { tcpSocket: { port: 8080 } } } }),
    where: 'test/c',
    prop: 'probes',
    value: { readiness: { tcpSocket: { port: 8080 } } },
    allowed: 'an ErlangProbes',
  },
  {
    cls: 1,
    name: 'a storage class that is neither a name nor a LocalStorageClass',
    build: () => cluster({ storage: { mountPath: '/d', storageClass: { name: 'x' } } }),
    where: 'test/c',
    prop: 'storage.storageClass',
    value: { name: 'x' },
    allowed: 'a string or a LocalStorageClass',
  },
  {
    cls: 1,
    name: 'LoadBalancedSvc: typo "selctor"',
    build: () => new LoadBalancedSvc(chart(), 's', js({ name: 's', selctor: { app: 'a' }, ports: [{ name: 'http', port: 80 }] })),
    where: 'test/s',
    prop: 'selctor',
    value: { app: 'a' },
    allowed: "did you mean 'selector'?",
  },
  {
    cls: 1,
    name: 'LoadBalancedSvc: ports missing',
    build: () => new LoadBalancedSvc(chart(), 's', js({ name: 's', selector: { app: 'a' } })),
    where: 'test/s',
    prop: 'ports',
    value: undefined,
    allowed: 'is required',
  },
  {
    cls: 1,
    name: 'HeadlessService: a port number as a string',
    build: () => new HeadlessService(chart(), 'h', js({ name: 'h', selector: { app: 'a' }, ports: [{ name: 'x', port: '80' }] })),
    where: 'test/h',
    prop: 'ports[0].port',
    value: '80',
    allowed: 'must be a number, not a string',
  },
  {
    cls: 1,
    name: 'LocalStorageClass: typo "reclaimpolicy"',
    build: () => new LocalStorageClass(chart(), 'l', js({ name: 'l', reclaimpolicy: 'Retain' })),
    where: 'test/l',
    prop: 'reclaimpolicy',
    value: 'Retain',
    allowed: "did you mean 'reclaimPolicy'?",
  },
  {
    cls: 1,
    name: 'addVolume: size missing',
    build: () => new LocalStorageClass(chart(), 'l', { name: 'l' }).addVolume('v', js({ name: 'v', nodeName: 'n', path: '/p' })),
    where: 'test/l/v',
    prop: 'size',
    value: undefined,
    allowed: 'is required',
  },
  {
    cls: 1,
    name: 'ErlangProbes: typo "readyness"',
    build: () => new ErlangProbes(js({ readyness: {} })),
    where: 'ErlangProbes',
    prop: 'readyness',
    value: {},
    allowed: "did you mean 'readiness'?",
  },
  {
    cls: 1,
    name: 'kubernetesApi options: typo "resorce"',
    build: () => ClusterDiscovery.kubernetesApi(js({ resorce: 'pods' })),
    where: 'ClusterDiscovery.kubernetesApi',
    prop: 'resorce',
    value: 'pods',
    allowed: "did you mean 'resource'?",
  },

  // 2. Limits that only show after composition.
  {
    cls: 2,
    name: 'replicas over int32',
    build: () => cluster({ replicas: 2 ** 31 }),
    where: 'test/c',
    prop: 'replicas',
    value: 2 ** 31,
    allowed: 'from 0 to 2147483647',
  },
  {
    cls: 2,
    name: 'maxUnavailable over int32',
    build: () => cluster({ maxUnavailable: 2 ** 31 }),
    where: 'test/c',
    prop: 'maxUnavailable',
    value: 2 ** 31,
    allowed: 'from 0 to 2147483647',
  },
  {
    cls: 2,
    name: 'a probe period over int32',
    build: () => cluster({ probes: new ErlangProbes({ readiness: { tcpSocket: { port: k8s.IntOrString.fromString('http') }, periodSeconds: 2 ** 31 } }) }),
    where: 'test/c',
    prop: 'probes.readiness.periodSeconds',
    value: 2 ** 31,
    allowed: 'from 1 to 2147483647',
  },
  {
    cls: 2,
    name: 'a probe failureThreshold of 0',
    build: () => cluster({ probes: new ErlangProbes({ liveness: { tcpSocket: { port: k8s.IntOrString.fromString('http') }, failureThreshold: 0 } }) }),
    where: 'test/c',
    prop: 'probes.liveness.failureThreshold',
    value: 0,
    allowed: 'from 1 to 2147483647',
  },
  {
    cls: 2,
    name: 'a cluster-domain label of 64 characters',
    build: () => cluster({ clusterDomain: `${long(64)}.local`, discovery: ClusterDiscovery.none() }),
    where: 'test/c',
    prop: 'clusterDomain',
    value: `${long(64)}.local`,
    allowed: 'labels have at most 63 characters',
  },
  {
    cls: 2,
    name: 'an image repository name of 256 characters',
    build: () => cluster({ image: `registry.example.com/${long(235)}:1` }),
    where: 'test/c',
    prop: 'image',
    value: `registry.example.com/${long(235)}:1`,
    allowed: 'at most 255 characters; this one has 256',
  },
  {
    cls: 2,
    name: 'a sha256 digest with 63 hex digits',
    build: () => cluster({ image: `app@sha256:${hex(63)}` }),
    where: 'test/c',
    prop: 'image',
    value: `app@sha256:${hex(63)}`,
    allowed: 'sha256 (64)',
  },
  {
    cls: 2,
    name: 'a sha256 digest in upper-case hex',
    build: () => cluster({ image: `app@sha256:${hex(64).toUpperCase()}` }),
    where: 'test/c',
    prop: 'image',
    value: `app@sha256:${hex(64).toUpperCase()}`,
    allowed: 'lower-case hex',
  },
  {
    cls: 2,
    name: 'an unknown digest algorithm',
    build: () => cluster({ image: `app@md5:${hex(32)}` }),
    where: 'test/c',
    prop: 'image',
    value: `app@md5:${hex(32)}`,
    allowed: 'a known algorithm',
  },
  {
    cls: 2,
    name: 'a sha512 digest of sha256 length',
    build: () => cluster({ image: `app@sha512:${hex(64)}` }),
    where: 'test/c',
    prop: 'image',
    value: `app@sha512:${hex(64)}`,
    allowed: 'sha512 (128)',
  },
  {
    cls: 2,
    name: 'a registry port over 65535',
    build: () => cluster({ image: 'registry.example.com:70000/app:1' }),
    where: 'test/c',
    prop: 'image',
    value: 'registry.example.com:70000/app:1',
    allowed: 'registry port from 1 to 65535',
  },
  {
    cls: 2,
    name: 'an env value over the kernel limit of 128 KiB',
    build: () => cluster({ extraEnv: [{ name: 'BIG', value: long(131068) }] }),
    where: 'test/c',
    prop: 'extraEnv[0].value',
    value: `${long(40)}...`,
    allowed: '131072 bytes per env string',
  },
  {
    cls: 2,
    name: 'a memory request over its limit',
    build: () => cluster({ resources: { requests: { memory: k8s.Quantity.fromString('2Gi') }, limits: { memory: k8s.Quantity.fromString('1Gi') } } }),
    where: 'test/c',
    prop: 'resources.limits.memory',
    value: '1Gi',
    allowed: 'at least the request 2Gi',
  },
  {
    cls: 2,
    name: 'an ephemeral-storage request over its limit',
    build: () => cluster({ resources: { requests: { 'ephemeral-storage': '2Gi' }, limits: { 'ephemeral-storage': '1500Mi' } } }),
    where: 'test/c',
    prop: 'resources.limits.ephemeral-storage',
    value: '1500Mi',
    allowed: 'at least the request 2Gi',
  },

  // 3. The Erlang runtime contract.
  {
    cls: 3,
    name: 'ERL_ZFLAGS re-pins the dist port',
    build: () => cluster({ extraEnv: [{ name: 'ERL_ZFLAGS', value: '-kernel inet_dist_listen_min 9200 inet_dist_listen_max 9200' }] }),
    where: 'test/c',
    prop: 'extraEnv[0].value',
    value: '-kernel inet_dist_listen_min 9200 inet_dist_listen_max 9200',
    allowed: 'must not set -kernel inet_dist_listen_min, -kernel inet_dist_listen_max in ERL_ZFLAGS',
  },
  {
    cls: 3,
    name: 'ERL_FLAGS switches to -sname',
    build: () => cluster({ extraEnv: [{ name: 'ERL_FLAGS', value: '+K true -sname app' }] }),
    where: 'test/c',
    prop: 'extraEnv[0].value',
    value: '+K true -sname app',
    allowed: 'must not set -sname in ERL_FLAGS',
  },
  {
    cls: 3,
    name: 'ERL_ZFLAGS moves epmd',
    build: () => cluster({ extraEnv: [{ name: 'ERL_ZFLAGS', value: '-erl_epmd_port 4370' }] }),
    where: 'test/c',
    prop: 'extraEnv[0].value',
    value: '-erl_epmd_port 4370',
    allowed: 'must not set -erl_epmd_port',
  },
  {
    cls: 3,
    name: 'ERL_FLAGS switches the carrier',
    build: () => cluster({ extraEnv: [{ name: 'ERL_FLAGS', value: '-proto_dist inet6_tcp' }] }),
    where: 'test/c',
    prop: 'extraEnv[0].value',
    value: '-proto_dist inet6_tcp',
    allowed: 'must not set -proto_dist',
  },
  {
    cls: 3,
    name: 'ERL_EPMD_PORT set by the user',
    build: () => cluster({ extraEnv: [{ name: 'ERL_EPMD_PORT', value: '4370' }] }),
    where: 'test/c',
    prop: 'extraEnv[0].name',
    value: 'ERL_EPMD_PORT',
    allowed: 'moves epmd away from port 4369',
  },
  {
    cls: 3,
    name: 'ERL_AFLAGS set by the user (the construct owns it)',
    build: () => cluster({ extraEnv: [{ name: 'ERL_AFLAGS', value: '+S 2' }] }),
    where: 'test/c',
    prop: 'extraEnv[0].name',
    value: 'ERL_AFLAGS',
    allowed: 'is set by ErlangStatefulCluster',
  },
  {
    cls: 3,
    name: 'ERL_DIST_PORT set by the user',
    build: () => cluster({ extraEnv: [{ name: 'ERL_DIST_PORT', value: '9200' }] }),
    where: 'test/c',
    prop: 'extraEnv[0].name',
    value: 'ERL_DIST_PORT',
    allowed: 'is set by ErlangStatefulCluster',
  },
  {
    cls: 3,
    name: 'RELEASE_DISTRIBUTION=sname set by the user',
    build: () => cluster({ extraEnv: [{ name: 'RELEASE_DISTRIBUTION', value: 'sname' }] }),
    where: 'test/c',
    prop: 'extraEnv[0].name',
    value: 'RELEASE_DISTRIBUTION',
    allowed: 'is set by ErlangStatefulCluster',
  },
  {
    cls: 3,
    name: 'RELX_NODE_NAME set by the user',
    build: () => cluster({ extraEnv: [{ name: 'RELX_NODE_NAME', value: 'x@y' }] }),
    where: 'test/c',
    prop: 'extraEnv[0].name',
    value: 'RELX_NODE_NAME',
    allowed: 'is set by ErlangStatefulCluster',
  },
  {
    cls: 3,
    name: 'kubernetesApi() with a domain libcluster cannot build',
    build: () => cluster({ clusterDomain: 'k8s.example.test', discovery: ClusterDiscovery.kubernetesApi() }),
    where: 'test/c',
    prop: 'discovery',
    value: 'ClusterDiscovery.kubernetesApi()',
    allowed: "one label and '.local'",
  },
  {
    cls: 3,
    name: 'kubernetesApi() with a two-label name before .local',
    build: () => cluster({ clusterDomain: 'a.b.local', discovery: ClusterDiscovery.kubernetesApi() }),
    where: 'test/c',
    prop: 'discovery',
    value: 'ClusterDiscovery.kubernetesApi()',
    allowed: "one label and '.local'",
  },

  // 4. Paths.
  {
    cls: 4,
    name: "two mounts on /tmp/ and the hardened profile's /tmp",
    build: () =>
      cluster({
        securityProfile: SecurityProfile.HARDENED,
        extraVolumes: [{ name: 'x', emptyDir: {} }],
        extraVolumeMounts: [{ name: 'x', mountPath: '/tmp/' }],
      }),
    where: 'test/c',
    prop: 'extraVolumeMounts[0].mountPath',
    value: '/tmp',
    allowed: 'is also the mount path of securityProfile',
  },
  {
    cls: 4,
    name: 'storage and an extra mount on one directory spelled with // and .',
    build: () =>
      cluster({ storage: { mountPath: '/data' }, extraVolumes: [{ name: 'x', emptyDir: {} }], extraVolumeMounts: [{ name: 'x', mountPath: '//data/.' }] }),
    where: 'test/c',
    prop: 'extraVolumeMounts[0].mountPath',
    value: '/data',
    allowed: 'is also the mount path of storage.mountPath',
  },
  {
    cls: 4,
    name: 'a subPath with ..',
    build: () => cluster({ extraVolumes: [{ name: 'x', emptyDir: {} }], extraVolumeMounts: [{ name: 'x', mountPath: '/x', subPath: 'a/../../etc' }] }),
    where: 'test/c',
    prop: 'extraVolumeMounts[0].subPath',
    value: 'a/../../etc',
    allowed: "without '..'",
  },
  {
    cls: 4,
    name: 'an absolute subPath',
    build: () => cluster({ extraVolumes: [{ name: 'x', emptyDir: {} }], extraVolumeMounts: [{ name: 'x', mountPath: '/x', subPath: '/etc' }] }),
    where: 'test/c',
    prop: 'extraVolumeMounts[0].subPath',
    value: '/etc',
    allowed: 'a relative path',
  },
  {
    cls: 4,
    name: 'storage mounted at /',
    build: () => cluster({ storage: { mountPath: '/' } }),
    where: 'test/c',
    prop: 'storage.mountPath',
    value: '/',
    allowed: "other than '/'",
  },
  {
    cls: 4,
    name: 'storage mounted at /./ (still /)',
    build: () => cluster({ storage: { mountPath: '/./' } }),
    where: 'test/c',
    prop: 'storage.mountPath',
    value: '/./',
    allowed: "other than '/'",
  },
  {
    cls: 4,
    name: 'a local volume at /',
    build: () => new LocalStorageClass(chart(), 'l', { name: 'l' }).addVolume('v', { name: 'v', nodeName: 'n', path: '/', size: '1Gi' }),
    where: 'test/l/v',
    prop: 'path',
    value: '/',
    allowed: "other than '/'",
  },
  {
    cls: 4,
    name: 'a local volume at //',
    build: () => new LocalStorageClass(chart(), 'l', { name: 'l' }).addVolume('v', { name: 'v', nodeName: 'n', path: '//', size: '1Gi' }),
    where: 'test/l/v',
    prop: 'path',
    value: '//',
    allowed: "other than '/'",
  },
  {
    cls: 4,
    name: 'a TLS mount path with a space (ERL_AFLAGS splits on it)',
    build: () => cluster({ distribution: { tls: { secretName: 't', mountPath: '/etc/dist tls' } } }),
    where: 'test/c',
    prop: 'distribution.tls.mountPath',
    value: '/etc/dist tls',
    allowed: 'which erl splits on white space',
  },
  {
    cls: 4,
    name: 'a TLS mount path with a quote (the optfile is an Erlang string)',
    build: () => cluster({ distribution: { tls: { secretName: 't', mountPath: '/etc/"tls' } } }),
    where: 'test/c',
    prop: 'distribution.tls.mountPath',
    value: '/etc/"tls',
    allowed: 'as an Erlang string',
  },
  {
    cls: 4,
    name: 'a TLS mount path with a backslash',
    build: () => cluster({ distribution: { tls: { secretName: 't', mountPath: '/etc/tls\\x' } } }),
    where: 'test/c',
    prop: 'distribution.tls.mountPath',
    value: '/etc/tls\\x',
    allowed: "letters, digits and '._/+@=,:-' only",
  },

  // 5. Storage that can never bind.
  {
    cls: 5,
    name: 'fewer local volumes than replicas',
    build: () => {
      const c = chart();
      const l = new LocalStorageClass(c, 'l', { name: 'l' });
      l.addVolume('v0', { name: 'v0', nodeName: 'n0', path: '/d', size: '1Gi' });
      return cluster({ storage: { mountPath: '/data', storageClass: l } }, c);
    },
    where: 'test/l',
    prop: 'volumes',
    value: ['v0 1Gi ReadWriteOnce'],
    allowed: 'must include at least 3 volumes of 1Gi or more with access mode ReadWriteOnce for the claims of test/c',
  },
  {
    cls: 5,
    name: 'local volumes smaller than the claim',
    build: () => {
      const c = chart();
      const l = new LocalStorageClass(c, 'l', { name: 'l' });
      [0, 1, 2].forEach((i) => l.addVolume(`v${i}`, { name: `v${i}`, nodeName: `n${i}`, path: '/d', size: '512Mi' }));
      return cluster({ storage: { mountPath: '/data', storageClass: l } }, c);
    },
    where: 'test/l',
    prop: 'volumes',
    value: ['v0 512Mi ReadWriteOnce', 'v1 512Mi ReadWriteOnce', 'v2 512Mi ReadWriteOnce'],
    allowed: '0 fit, so 3 pods would stay Pending',
  },
  {
    cls: 5,
    name: 'local volumes of another access mode',
    build: () => {
      const c = chart();
      const l = new LocalStorageClass(c, 'l', { name: 'l' });
      [0, 1, 2].forEach((i) => l.addVolume(`v${i}`, { name: `v${i}`, nodeName: `n${i}`, path: '/d', size: '1Gi' }));
      return cluster({ storage: { mountPath: '/data', storageClass: l, accessMode: 'ReadWriteOncePod' } }, c);
    },
    where: 'test/l',
    prop: 'volumes',
    value: ['v0 1Gi ReadWriteOnce', 'v1 1Gi ReadWriteOnce', 'v2 1Gi ReadWriteOnce'],
    allowed: 'with access mode ReadWriteOncePod',
  },
  {
    cls: 5,
    name: 'two clusters on one class with volumes for one',
    build: () => {
      const c = chart();
      const l = new LocalStorageClass(c, 'l', { name: 'l' });
      [0, 1, 2].forEach((i) => l.addVolume(`v${i}`, { name: `v${i}`, nodeName: `n${i}`, path: '/d', size: '1Gi' }));
      new ErlangStatefulCluster(c, 'a', { ...BASE, basename: 'a', storage: { mountPath: '/data', storageClass: l } });
      return cluster({ storage: { mountPath: '/data', storageClass: l } }, c);
    },
    where: 'test/l',
    prop: 'volumes',
    value: 3,
    allowed: 'must be at least the 6 claims made on this class (test/a: 3, test/c: 3)',
  },
  {
    cls: 5,
    name: 'two volumes on one directory of one node, spelled differently',
    build: () => {
      const l = new LocalStorageClass(chart(), 'l', { name: 'l' });
      l.addVolume('v0', { name: 'v0', nodeName: 'n', path: '/srv/d', size: '1Gi' });
      l.addVolume('v1', { name: 'v1', nodeName: 'n', path: '/srv//d/', size: '1Gi' });
    },
    where: 'test/l/v1',
    prop: 'path',
    value: '/srv/d',
    allowed: 'each local volume needs its own directory',
  },

  // 6. Services.
  {
    cls: 6,
    name: 'a LoadBalancer publishing epmd',
    build: () =>
      new LoadBalancedSvc(chart(), 's', {
        name: 's',
        type: LoadBalancedServiceType.LOAD_BALANCER,
        selector: { app: 'app' },
        ports: [{ name: 'epmd', port: 4369 }],
      }),
    where: 'test/s',
    prop: 'ports[0]',
    value: { name: 'epmd', port: 4369 },
    allowed: 'must not reach epmd or the distribution port',
  },
  {
    cls: 6,
    name: 'a ClusterIP Service targeting the port named dist',
    build: () => new LoadBalancedSvc(chart(), 's', { name: 's', selector: { app: 'app' }, ports: [{ name: 'x', port: 80, targetPort: 'dist' }] }),
    where: 'test/s',
    prop: 'ports[0]',
    value: { name: 'x', port: 80, targetPort: 'dist' },
    allowed: 'remote code execution',
  },
  {
    cls: 6,
    name: "a NodePort Service reaching a selected cluster's dist port by number",
    build: () => {
      const c = chart();
      new LoadBalancedSvc(c, 's', {
        name: 's',
        type: LoadBalancedServiceType.NODE_PORT,
        selector: { app: 'app' },
        ports: [{ name: 'x', port: 80, targetPort: 9100 }],
      });
      return cluster({}, c);
    },
    where: 'test/s',
    prop: 'ports[0].targetPort',
    value: 9100,
    allowed: 'reaches the epmd or distribution port of test/c',
  },
  {
    cls: 6,
    name: 'a number targetPort the selected pods do not declare',
    build: () => {
      const c = chart();
      new LoadBalancedSvc(c, 's', { name: 's', selector: { app: 'app' }, ports: [{ name: 'http', port: 80, targetPort: 8081 }] });
      return cluster({}, c);
    },
    where: 'test/s',
    prop: 'ports[0].targetPort',
    value: 8081,
    allowed: 'must be a container port of the pods it selects (test/c: epmd 4369, dist 9100, http 8080',
  },
  {
    cls: 6,
    name: 'the default targetPort (= port) the selected pods do not declare',
    build: () => {
      const c = chart();
      new LoadBalancedSvc(c, 's', { name: 's', selector: { app: 'app' }, ports: [{ name: 'http', port: 80 }] });
      return cluster({}, c);
    },
    where: 'test/s',
    prop: 'ports[0].targetPort',
    value: 80,
    allowed: 'the Service would have no endpoints there',
  },
  {
    cls: 6,
    name: 'a HeadlessService targeting an undeclared number',
    build: () => {
      const c = chart();
      new HeadlessService(c, 'h', { name: 'h', selector: { app: 'app' }, ports: [{ name: 'x', port: 7000 }] });
      return cluster({}, c);
    },
    where: 'test/h',
    prop: 'ports[0].targetPort',
    value: 7000,
    allowed: 'must be a container port',
  },
  {
    cls: 6,
    name: 'a probe on a port name the container does not declare',
    build: () => cluster({ probes: ErlangProbes.httpGet('/health', 'htp') }),
    where: 'test/c',
    prop: 'probes.readiness.port',
    value: 'htp',
    allowed: 'must be a port the container declares: epmd (4369), dist (9100), http (8080)',
  },
  {
    cls: 6,
    name: 'a probe on port 0',
    build: () => cluster({ probes: ErlangProbes.tcpSocket(0) }),
    where: 'test/c',
    prop: 'probes.readiness.port',
    value: 0,
    allowed: 'must be a port the container declares',
  },
  {
    cls: 6,
    name: 'a probe with no handler',
    build: () => cluster({ probes: new ErlangProbes({ readiness: { periodSeconds: 5 } }) }),
    where: 'test/c',
    prop: 'probes.readiness',
    value: [],
    allowed: 'must have exactly one handler of exec, httpGet, tcpSocket, grpc',
  },
  {
    cls: 6,
    name: 'a probe with two handlers',
    build: () => cluster({ probes: new ErlangProbes({ readiness: { tcpSocket: { port: k8s.IntOrString.fromNumber(8080) }, exec: { command: ['true'] } } }) }),
    where: 'test/c',
    prop: 'probes.readiness',
    value: ['exec', 'tcpSocket'],
    allowed: 'exactly one handler',
  },

  // 11. Cluster-level impossibilities.
  {
    cls: 11,
    name: 'hard spread with every pod pinned to one host',
    build: () => cluster({ spread: PodSpread.HARD, nodeSelector: { 'kubernetes.io/hostname': 'node-1' } }),
    where: 'test/c',
    prop: 'spread',
    value: 'hard',
    allowed: "nodeSelector pins every pod to node 'node-1'",
  },
  {
    cls: 11,
    name: 'a cluster outside any Chart',
    build: () => new ErlangStatefulCluster(Testing.app(), 'c', BASE),
    where: 'c',
    prop: 'scope',
    value: '',
    allowed: 'must be a Chart or inside one',
  },
  {
    cls: 11,
    name: 'a Service outside any Chart',
    build: () => new LoadBalancedSvc(Testing.app(), 's', { name: 's', selector: { app: 'a' }, ports: [{ name: 'http', port: 80 }] }),
    where: 's',
    prop: 'scope',
    value: '',
    allowed: 'must be a Chart or inside one',
  },
];

/** Valid neighbours of each class: they must construct, synthesize and validate clean. */
const NEIGHBOURS: { cls: number; name: string; build: (c: Chart) => void }[] = [
  {
    cls: 1,
    name: 'booleans, arrays and objects of the right type; every optional prop left out',
    build: (c) => {
      new ErlangStatefulCluster(c, 'a', { ...BASE, basename: 'a', networkPolicy: false, distribution: { epmdless: false }, extraEnv: [], appPorts: [] });
      new ErlangStatefulCluster(c, 'b', { basename: 'b', release: ErlangRelease.relx(), image: 'b:1.0', cookie });
    },
  },
  {
    cls: 1,
    name: 'k8s.Quantity, plain strings and numbers in resources',
    build: (c) => {
      new ErlangStatefulCluster(c, 'a', {
        ...BASE,
        resources: { requests: { cpu: js('250m'), memory: k8s.Quantity.fromString('256Mi') }, limits: { memory: js('256Mi') } },
      });
    },
  },
  {
    cls: 2,
    name: 'int32 maximum replicas and a 63-char cluster-domain label',
    build: (c) => {
      new ErlangStatefulCluster(c, 'a', { ...BASE, basename: 'a', replicas: 2 ** 31 - 1, maxUnavailable: 2 ** 31 - 1 });
      new ErlangStatefulCluster(c, 'b', { ...BASE, basename: 'b', clusterDomain: `${long(63)}.example`, discovery: ClusterDiscovery.none() });
    },
  },
  {
    cls: 2,
    name: 'a 255-char image name, sha256/sha512 digests, a registry on port 65535, an env value just under 128 KiB',
    build: (c) => {
      new ErlangStatefulCluster(c, 'a', { ...BASE, basename: 'a', image: `registry.example.com/${long(234)}:1` });
      new ErlangStatefulCluster(c, 'b', { ...BASE, basename: 'b', image: `app@sha256:${hex(64)}` });
      new ErlangStatefulCluster(c, 'd', { ...BASE, basename: 'd', image: `app@sha512:${hex(128)}` });
      new ErlangStatefulCluster(c, 'e', {
        ...BASE,
        basename: 'e',
        image: 'registry.example.com:65535/app:1',
        extraEnv: [{ name: 'BIG', value: long(131066) }],
      });
    },
  },
  {
    cls: 3,
    name: 'flags that do not touch distribution; mix env; kubernetesApi() with a <name>.local domain',
    build: (c) => {
      new ErlangStatefulCluster(c, 'a', {
        ...BASE,
        basename: 'a',
        extraEnv: [
          { name: 'ERL_ZFLAGS', value: '+S 2:2 +sbwt none -kernel shell_history enabled' },
          { name: 'ERL_FLAGS', value: '+K true' },
          { name: 'RELEASE_TMP', value: '/tmp' },
          { name: 'RELX_REPLACE_OS_VARS', value: 'true' },
          { name: 'ERL_EPMD_ADDRESS_IS_OK', value: 'x' },
        ],
      });
      new ErlangStatefulCluster(c, 'b', { ...BASE, basename: 'b', clusterDomain: 'corp.local', discovery: ClusterDiscovery.kubernetesApi() });
      new ErlangStatefulCluster(c, 'd', {
        ...BASE,
        basename: 'd',
        clusterDomain: 'k8s.example.test',
        discovery: ClusterDiscovery.none(),
        distribution: { pin: DistPortPin.RELEASE },
      });
    },
  },
  {
    cls: 4,
    name: 'distinct mounts, a nested one, a relative subPath, a TLS path with safe punctuation',
    build: (c) => {
      new ErlangStatefulCluster(c, 'a', {
        ...BASE,
        basename: 'a',
        storage: { mountPath: '/data/' },
        extraVolumes: [{ name: 'x', emptyDir: {} }],
        extraVolumeMounts: [{ name: 'x', mountPath: '/data/logs', subPath: 'app/logs' }],
        distribution: { tls: { secretName: 't', mountPath: '/etc/erlang_dist-tls.v2' } },
      });
    },
  },
  {
    cls: 5,
    name: 'enough local volumes, bigger than the claim, on distinct directories',
    build: (c) => {
      const l = new LocalStorageClass(c, 'l', { name: 'l' });
      [0, 1, 2].forEach((i) => l.addVolume(`v${i}`, { name: `v${i}`, nodeName: 'n', path: `/srv/d${i}`, size: '2Gi' }));
      l.addVolume('v3', { name: 'v3', nodeName: 'other', path: '/srv/d0', size: '1Gi' });
      new ErlangStatefulCluster(c, 'a', { ...BASE, storage: { mountPath: '/data', storageClass: l } });
    },
  },
  {
    cls: 6,
    name: 'Services on declared ports by name and number; an opted-in distribution Service; probes on declared ports',
    build: (c) => {
      const a = new ErlangStatefulCluster(c, 'a', { ...BASE, probes: ErlangProbes.httpGet('/health', 8080) });
      new LoadBalancedSvc(c, 's', {
        name: 's',
        type: LoadBalancedServiceType.NODE_PORT,
        selector: a.selectorLabels,
        ports: [
          { name: 'http', port: 80, targetPort: 8080 },
          { name: 'alt', port: 81, targetPort: 'http' },
        ],
      });
      new LoadBalancedSvc(c, 'shell', {
        name: 'shell',
        selector: a.selectorLabels,
        ports: [{ name: 'dist', port: 9100, targetPort: 'dist' }],
        allowDistributionPorts: true,
      });
      new HeadlessService(c, 'h', { name: 'h', selector: a.selectorLabels, ports: [{ name: 'dist', port: 9100 }] });
    },
  },
  {
    cls: 11,
    name: 'hard spread without a host pin; a host pin with one replica',
    build: (c) => {
      new ErlangStatefulCluster(c, 'a', { ...BASE, basename: 'a', spread: PodSpread.HARD, nodeSelector: { 'kubernetes.io/arch': 'amd64' } });
      new ErlangStatefulCluster(c, 'b', { ...BASE, basename: 'b', replicas: 1, spread: PodSpread.HARD, nodeSelector: { 'kubernetes.io/hostname': 'node-1' } });
    },
  },
];

describe('round 2: bad input is a one-line ConfigError at construction or synth', () => {
  test.each(CASES)('[$cls] $name', ({ build, where, prop, value, allowed }) => {
    const err = configErrorOf(build);
    expect(err.where).toBe(where);
    expect(err.prop).toBe(prop);
    expect(err.value).toEqual(value);
    expect(err.allowed).toContain(allowed);
    expect(err.message.startsWith(`${where}: invalid ${prop} `)).toBe(true);
    expect(err.message).not.toMatch(/\n|\.ts:\d+/);
  });

  test('every class has bad cases and valid neighbours', () => {
    const classes = [1, 2, 3, 4, 5, 6, 11];
    for (const cls of classes) {
      expect(CASES.filter((c) => c.cls === cls).length).toBeGreaterThanOrEqual(2);
      expect(NEIGHBOURS.filter((n) => n.cls === cls).length).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('round 2: valid neighbours still construct, synthesize and validate clean', () => {
  test.each(NEIGHBOURS)('[$cls] $name', ({ build }) => {
    const c = chart();
    build(c);
    expect(validateManifests(synthApp(c.node.root as any))).toEqual({ schema: [], invariants: [] });
  });
});

// ---------------------------------------------------------------------------
// 7. What readers of the YAML see.

describe('round 2 [7]: strings a YAML 1.1 reader or kubectl would read as numbers, booleans or null are quoted', () => {
  const RISKY = ['0o022', '0O22', '0X1F', '0x1F', '+0o7', '012', '1e3', '1_000', '.5', 'yes', 'on', 'No', 'y', '~', 'null', '.inf', '12:30', '2001-12-14'];

  test.each([
    ['0o022', true],
    ['0O22', true],
    ['0X1F', true],
    ['012', true],
    ['1_000', true],
    ['+1', true],
    ['-1.5', true],
    ['.5', true],
    ['1e3', true],
    ['0b101', true],
    ['0o8', false],
    ['0x1p-2', false],
    ['_1', false],
    ['1.5.2', false],
    ['v1', false],
    ['inf', false],
    ['0o', false],
    ['1e', false],
  ] as const)('readAsNumberByKubectl(%s) is %s (Go ParseInt base 0, after dropping _, or a YAML-style float)', (s, expected) => {
    expect(readAsNumberByKubectl(s)).toBe(expected);
  });

  /** A cluster whose env values are the risky strings; `multiline` adds a value that sends the document to the yaml library. */
  function synthRisky(multiline: boolean): { text: string; values: string[] } {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'yaml11-')) });
    const c = new Chart(app, 'yaml');
    const extraEnv = RISKY.map((value, i) => ({ name: `V${i}`, value }));
    if (multiline) extraEnv.push({ name: 'MULTI', value: 'line 1\nline 2' });
    new ErlangStatefulCluster(c, 'c', { ...BASE, extraEnv, podLabels: { umask: '0o022', hex: '0X1F' } });
    synthCharts(app);
    const text = fs.readFileSync(path.join(app.outdir, 'yaml.k8s.yaml'), 'utf8');
    fs.rmSync(app.outdir, { recursive: true, force: true });
    return { text, values: [...RISKY, '0o022', '0X1F'] };
  }

  test.each([false, true])(
    'in dist/ (a document with a multi-line value: %s) each is double-quoted and reads back as the same string in YAML 1.1',
    (multiline) => {
      const { text, values } = synthRisky(multiline);
      for (const v of values) expect(text).toContain(`"${v}"`);
      const sts = parseAllDocuments(text, { version: '1.1' })
        .map((d) => d.toJSON())
        .find((o) => o.kind === 'StatefulSet');
      const env = new Map<string, unknown>(sts.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
      RISKY.forEach((v, i) => expect(env.get(`V${i}`)).toBe(v));
      expect(sts.spec.template.metadata.labels).toMatchObject({ umask: '0o022', hex: '0X1F' });
    },
  );

  test('dist/ reads back identically with a YAML 1.1 and a YAML 1.2 reader', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', 'dist', 'erlang-docker.k8s.yaml'), 'utf8');
    const as11 = parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJSON());
    const as12 = parseAllDocuments(text, { version: '1.2' }).map((d) => d.toJSON());
    expect(as11).toEqual(as12);
    expect(as11.length).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------
// 8. The config file and the environment.

describe('round 2 [8]: the config file and ERLANG_DOCKER_REGISTRY', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const parse = (text: string) => () => parseChartConfig(text, 'c.yaml');

  test.each([
    ['two documents', parse('registry: a:5000\n---\nnamespace: x\n'), 'c.yaml:2', '(document)', '---', 'must be a single YAML document'],
    ['a flow mapping as a key', parse('{a: 1}: x\n'), 'c.yaml:1', '(key)', { a: 1 }, 'must be a plain string key'],
    ['a sequence as a key', parse('? [a, b]\n: x\n'), 'c.yaml:1', '(key)', ['a', 'b'], 'must be a plain string key'],
    ['an alias as a key', parse('tag: &k registry\n*k : a:5000\n'), 'c.yaml:2', '(key)', '*k', 'must be a plain string key'],
    ['a number as a key', parse('1: x\n'), 'c.yaml:1', '(key)', 1, 'must be a plain string key'],
    ['a registry on port 0', parse('registry: localhost:0\n'), 'c.yaml:1', 'registry', 'localhost:0', 'registry port from 1 to 65535, not 0'],
    ['a registry on port 70000', parse('registry: 10.0.0.1:70000/team\n'), 'c.yaml:1', 'registry', '10.0.0.1:70000/team', 'registry port from 1 to 65535'],
    ['a directory in place of the file', () => loadChartConfig(dir, {}), dir, '(file)', dir, 'must be a YAML file'],
    [
      'ERLANG_DOCKER_REGISTRY on port 99999',
      () => loadChartConfig(path.join(dir, 'absent.yaml'), { [REGISTRY_ENV]: 'localhost:99999' }),
      `environment variable ${REGISTRY_ENV}`,
      'registry',
      'localhost:99999',
      'registry port from 1 to 65535',
    ],
    [
      'two local volumes on one directory, spelled differently',
      parse('localVolumes:\n  - {name: a, nodeName: n, path: /srv/d, size: 1Gi}\n  - {name: b, nodeName: n, path: /srv/d/, size: 1Gi}\n'),
      'c.yaml:3',
      'localVolumes[1].path',
      '/srv/d/',
      'each local volume needs its own directory',
    ],
    [
      'a local volume at /',
      parse('localVolumes:\n  - {name: a, nodeName: n, path: /, size: 1Gi}\n'),
      'c.yaml:2',
      'localVolumes[0].path',
      '/',
      "other than '/'",
    ],
  ] as const)('%s', (_name, build, where, prop, value, allowed) => {
    const err = configErrorOf(build);
    expect([err.where, err.prop, err.value]).toEqual([where, prop, value]);
    expect(err.allowed).toContain(allowed);
    expect(err.message).not.toContain('\n');
  });

  test('valid neighbours: port 65535, anchors for values, a missing file, the same directory on two nodes', () => {
    expect(parseChartConfig('registry: &r localhost:65535\ntag: "1.0"\n', 'c.yaml').registry).toBe('localhost:65535');
    expect(loadChartConfig(path.join(dir, 'absent.yaml'), { [REGISTRY_ENV]: 'registry.example.com:1/team' }).registry).toBe('registry.example.com:1/team');
    // Six volumes: the chart's 6 pods need one each.
    const others = [3, 4, 5, 6].map((i) => `  - {name: v${i}, nodeName: n${i}, path: /srv/e, size: 1Gi}\n`).join('');
    expect(
      parseChartConfig(
        `localVolumes:\n  - {name: a, nodeName: n1, path: /srv/d, size: 1Gi}\n  - {name: b, nodeName: n2, path: /srv/d, size: 1Gi}\n${others}`,
        'c.yaml',
      ).localVolumes,
    ).toHaveLength(6);
  });
});

// ---------------------------------------------------------------------------
// 10. Manifest-level rules, on the written objects (the plugin runs them on consumers' charts).

describe('round 2 [10]: node identity rules on the written objects', () => {
  const objects = () => {
    const c = chart();
    new ErlangStatefulCluster(c, 'c', BASE);
    return synthApp(c.node.root as any);
  };
  const envOf = (objs: any[]) => objs.find((o) => o.kind === 'StatefulSet').spec.template.spec.containers[0].env as { name: string; value?: string }[];
  const set = (objs: any[], name: string, value: string) => {
    envOf(objs).find((e) => e.name === name)!.value = value;
    return objs;
  };
  const rules = (objs: any[]) => checkManifests(objs).map((v) => `${v.rule}: ${v.message}`);

  test('ERLANG_HOST_NAME under a Service other than the governing one', () => {
    expect(rules(set(objects(), 'ERLANG_HOST_NAME', '$(POD_NAME).app-svc.$(NAMESPACE).svc.cluster.local'))).toEqual([
      'host-name-governing-service: container app: ERLANG_HOST_NAME $(POD_NAME).app-svc.$(NAMESPACE).svc.cluster.local is under Service app-svc, but the governing Service is app-hl; only that one gives the pods DNS names',
    ]);
  });

  test('a RELEASE_NODE basename other than the one discovery looks for', () => {
    expect(rules(set(objects(), 'RELEASE_NODE', 'x@$(ERLANG_HOST_NAME)'))).toEqual([
      'node-basename-matches-discovery: container app: RELEASE_NODE x@$(ERLANG_HOST_NAME) has basename x, but discovery (ERLANG_NODE_BASENAME) looks for app; peers would never connect',
    ]);
  });

  test("near misses: the constructs' own output, a literal pod FQDN under the governing Service, no discovery env", () => {
    expect(rules(objects())).toEqual([]);
    expect(rules(set(objects(), 'ERLANG_HOST_NAME', 'app-sfs-0.app-hl.default.svc.cluster.local'))).toEqual([]);
    const none = objects();
    const env = envOf(none);
    env.splice(
      env.findIndex((e) => e.name === 'ERLANG_NODE_BASENAME'),
      1,
    );
    expect(rules(set(none, 'RELEASE_NODE', 'other@$(ERLANG_HOST_NAME)'))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Properties across the new classes (seeded; FC_SEED and FC_SCALE as in properties.test.ts).

describe('round 2: properties', () => {
  const SEED = process.env.FC_SEED === undefined ? 20241130 : Number(process.env.FC_SEED);
  const SCALE = Number(process.env.FC_SCALE ?? 1);
  const runs = (n: number) => ({ seed: SEED, numRuns: Math.round(n * SCALE) });
  const KEYS = Object.keys((ERLANG_STATEFUL_CLUSTER_PROPS as Extract<Shape, { kind: 'object' }>).fields);

  test('[1] a one-character slip in any prop name is refused, naming the slip and suggesting the prop (150 runs)', () => {
    const slip = fc
      .record({ key: fc.constantFrom(...KEYS), at: fc.nat(), edit: fc.constantFrom('drop', 'double', 'swap', 'case'), value: fc.anything() })
      .map(({ key, at, edit, value }) => {
        const i = at % key.length;
        const typo =
          edit === 'drop'
            ? key.slice(0, i) + key.slice(i + 1)
            : edit === 'double'
              ? key.slice(0, i) + key[i] + key.slice(i)
              : edit === 'swap' && i + 1 < key.length
                ? key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2)
                : key.slice(0, i) + (key[i] === key[i]!.toUpperCase() ? key[i]!.toLowerCase() : key[i]!.toUpperCase()) + key.slice(i + 1);
        return { key, typo, value };
      })
      .filter(({ typo }) => !KEYS.includes(typo) && typo !== '');
    fc.assert(
      fc.property(slip, ({ key, typo, value }) => {
        const err = configErrorOf(() => new ErlangStatefulCluster(chart(), 'c', { ...BASE, [typo]: value } as ErlangStatefulClusterProps));
        expect(err.prop).toBe(typo);
        expect(err.allowed).toMatch(/^is not a prop of ErlangStatefulClusterProps; did you mean '/);
        // The suggestion is the prop itself, or another one at least as close to the slip.
        const suggested = /did you mean '([^']+)'/.exec(err.allowed)![1]!;
        expect(KEYS).toContain(suggested);
        const closeness = (k: string) => (k.toLowerCase() === typo.toLowerCase() ? 0 : distance(typo, k));
        expect(closeness(suggested)).toBeLessThanOrEqual(closeness(key));
      }),
      runs(150),
    );
  });

  test('[1] a value of the wrong JavaScript type for any typed prop is refused, naming the prop (100 runs)', () => {
    const TYPED: Record<string, 'string' | 'number' | 'boolean' | 'array'> = {
      image: 'string',
      name: 'string',
      namespace: 'string',
      replicas: 'number',
      maxUnavailable: 'number',
      networkPolicy: 'boolean',
      enableServiceLinks: 'boolean',
      terminationGracePeriodSeconds: 'number',
      preStopCommand: 'array',
      imagePullSecrets: 'array',
      extraEnv: 'array',
      tolerations: 'array',
      containerName: 'string',
      clusterDomain: 'string',
    };
    const wrong = fc
      .record({
        prop: fc.constantFrom(...Object.keys(TYPED)),
        value: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.object(), fc.array(fc.integer(), { maxLength: 2 })),
      })
      .filter(({ prop, value }) => {
        const t = TYPED[prop];
        return value === null || (t === 'array' ? !Array.isArray(value) : typeof value !== t);
      });
    fc.assert(
      fc.property(wrong, ({ prop, value }) => {
        const err = configErrorOf(() => new ErlangStatefulCluster(chart(), 'c', { ...BASE, [prop]: value } as ErlangStatefulClusterProps));
        expect(err.prop).toBe(prop);
        expect(err.allowed).toMatch(/^must be /);
      }),
      runs(100),
    );
  });

  test('[4] any spelling of one directory collides with the storage mount; a different directory never does (50 runs)', () => {
    // '/data' with redundant pieces before it ('/', './') and after it ('/', '/.').
    const spelling = fc
      .tuple(fc.array(fc.constantFrom('/', './'), { maxLength: 3 }), fc.array(fc.constantFrom('/', '/.'), { maxLength: 3 }))
      .map(([before, after]) => `/${before.join('')}data${after.join('')}`);
    fc.assert(
      fc.property(spelling, fc.boolean(), (mountPath, same) => {
        const props = {
          storage: { mountPath: '/data' },
          extraVolumes: [{ name: 'x', emptyDir: {} }],
          extraVolumeMounts: [{ name: 'x', mountPath: same ? mountPath : `${mountPath}x` }],
        };
        if (same) {
          expect(configErrorOf(() => cluster(props)).allowed).toContain('is also the mount path of storage.mountPath');
        } else {
          expect(() => cluster(props)).not.toThrow();
        }
      }),
      runs(50),
    );
  });

  test('[2] a sha256 digest is accepted exactly at 64 lower-case hex digits (50 runs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 130 }), fc.boolean(), (n, upper) => {
        const digest = hex(Math.min(n, 128)).padEnd(n, '0');
        const image = `app@sha256:${upper ? digest.toUpperCase() : digest}`;
        const ok = n === 64 && (!upper || digest.toUpperCase() === digest);
        if (ok) expect(() => cluster({ image })).not.toThrow();
        else expect(configErrorOf(() => cluster({ image })).prop).toBe('image');
      }),
      runs(50),
    );
  });
});
