/**
 * Bad input never reaches the cluster. Every case builds something wrong and must fail at
 * construction (or at synth, when it needs the whole app) with a one-line ConfigError that
 * names where (the construct path), the prop, the bad value and what is allowed. The first
 * table is by prop; the second by the classes of docs/bad-input.md (`[n]`), each class with
 * valid neighbours that must still synthesize and validate clean. Classes 7 (YAML), 8 (config
 * file) and 10 (manifest rules) have their own sections; 9 (output folder) is in
 * ../scripts/synth.test.ts. Mistakes that only show across objects (hand-written ApiObjects,
 * selectors that match nothing) are caught by the manifest checks that synth runs; they are
 * at the end.
 */
import { ApiObject, Chart, Duration, Testing, App, Size } from 'cdk8s';
import { Capability, Cpu, EnvValue, ImagePullPolicy, PersistentVolumeAccessMode, Protocol, StatefulSetUpdateStrategy } from 'cdk8s-plus-28';
import {
  ClusterDiscovery,
  ClusterRollingUpdateOptions,
  ClusterUpdateStrategy,
  CookieDelivery,
  LeaveHook,
  DiscoveryResource,
  DistPortPin,
  ErlangCookie,
  ErlangProbes,
  ErlangStatefulCluster,
  ErlangStatefulClusterProps,
  HeadlessService,
  LoadBalancedService,
  LocalStorageClass,
  PodSpread,
  ResourcesPreset,
  Schedulers,
  SecurityProfile,
  StorageClass,
  ErlangRelease,
  IssuerKind,
  UnhealthyPodEvictionPolicy,
} from 'cdk8s-erlang-cluster';
import { PersistentVolumeReclaimPolicy, PodManagementPolicy, ServiceType } from 'cdk8s-plus-28';
import * as k8s from '../../imports/k8s';
import { checkManifests, KubeObject } from '../../lib/validation/manifests';
import { validateManifests } from '../../lib/validation/validate';
import { BASE_HTTP as BASE, cookie, buildCluster } from '../fixtures/constructs';
import { BadCase, configErrorOf, synthApp } from '../helpers';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { parseAllDocuments } from 'yaml';
import { synthCharts } from 'cdk8s-erlang-cluster/synth';
import { loadChartConfig, parseChartConfig, REGISTRY_ENV } from '../../charts/config';
import { readAsNumberByKubectl } from '../../lib/synth/fast-yaml';
import { ERLANG_STATEFUL_CLUSTER_PROPS } from '../../lib/validation/prop-shapes';
import { Shape } from '../../lib/validation/shapes';

/** A chart named `test` in a fresh app, so construct paths are `test/<id>`. */
const chart = () => new Chart(Testing.app(), 'test');

/** A cluster `test/c` with BASE props overridden by `props`. */
const cluster = (props: Partial<ErlangStatefulClusterProps>, scope: Chart = chart()) => buildCluster(props, BASE, scope);

const svc = (props: Partial<ConstructorParameters<typeof LoadBalancedService>[2]>, scope: Chart = chart(), id = 'svc') =>
  new LoadBalancedService(scope, id, { name: 'app-svc', selector: { app: 'app' }, ports: [{ name: 'http', port: 8080 }], ...props });

/** `n` times the character `c`. */
const long = (n: number, c = 'a') => c.repeat(n);

/** A valid cluster domain of four labels of `n` chars each. */
const domainOf = (n: number) => Array.from({ length: 4 }, (_, i) => String(i).repeat(n)).join('.');

const CASES: BadCase[] = [
  // Names
  {
    name: 'basename with a space is not an Erlang node-name part',
    build: () => cluster({ basename: 'my app' }),
    where: 'test/c',
    prop: 'basename',
    value: 'my app',
    allowed: "an Erlang node-name part (the text before '@')",
  },
  {
    name: "basename containing '@'",
    build: () => cluster({ basename: 'app@host' }),
    where: 'test/c',
    prop: 'basename',
    value: 'app@host',
    allowed: "letters, digits, '_' and '-'",
  },
  {
    name: 'StatefulSet name of 53 chars (over 52)',
    build: () => cluster({ name: long(53) }),
    where: 'test/c',
    prop: 'name',
    value: long(53),
    allowed: 'DNS-1123 label of at most 52 characters',
  },
  {
    name: 'StatefulSet name derived from a 50-char basename (54 chars)',
    build: () => cluster({ basename: long(50) }),
    where: 'test/c',
    prop: 'name',
    value: `${long(50)}-sfs`,
    allowed: 'at most 52 characters',
  },
  {
    name: 'StatefulSet name that is not a DNS-1123 label',
    build: () => cluster({ name: 'My_Cluster' }),
    where: 'test/c',
    prop: 'name',
    value: 'My_Cluster',
    allowed: "lower-case letters, digits and '-'",
  },
  {
    name: 'headless Service name of 64 chars (over 63)',
    build: () => cluster({ headlessServiceName: long(64) }),
    where: 'test/c',
    prop: 'headlessServiceName',
    value: long(64),
    allowed: 'at most 63 characters',
  },
  {
    name: 'LoadBalancedService name of 64 chars (over 63)',
    build: () => svc({ name: long(64) }),
    where: 'test/svc',
    prop: 'name',
    value: long(64),
    allowed: 'Service name (DNS-1035 label) of at most 63 characters',
  },
  {
    name: 'LoadBalancedService name ending in a hyphen',
    build: () => svc({ name: 'app-' }),
    where: 'test/svc',
    prop: 'name',
    value: 'app-',
    allowed: 'starting with a letter and ending with a letter or digit',
  },
  {
    name: 'LoadBalancedService name starting with a digit (the apiserver wants DNS-1035)',
    build: () => svc({ name: '1app-svc' }),
    where: 'test/svc',
    prop: 'name',
    value: '1app-svc',
    allowed: 'starting with a letter',
  },
  {
    name: 'a basename starting with a digit gives an invalid default headless Service name',
    build: () => cluster({ basename: '1app' }),
    where: 'test/c',
    prop: 'headlessServiceName',
    value: '1app-hl',
    allowed: 'Service name (DNS-1035 label)',
  },
  {
    name: 'namespace with upper case',
    build: () => cluster({ namespace: 'Prod' }),
    where: 'test/c',
    prop: 'namespace',
    value: 'Prod',
    allowed: 'DNS-1123 label',
  },
  {
    name: 'node name of 256 chars (over 255, an Erlang atom) from a long but valid cluster domain',
    build: () => cluster({ clusterDomain: domainOf(55) }),
    where: 'test/c',
    prop: 'nodeNames',
    value: `app@app-sfs-2.app-hl.default.svc.${domainOf(55)}`,
    allowed: 'at most 255 characters with a host part of at most 253 (this one: 256 and 252)',
  },
  {
    name: 'pod host name of 256 chars (over 253, a DNS name)',
    build: () => cluster({ basename: 'a', replicas: 10, namespace: 'production', clusterDomain: domainOf(56) }),
    where: 'test/c',
    prop: 'nodeNames',
    value: `a@a-sfs-9.a-hl.production.svc.${domainOf(56)}`,
    allowed: '(this one: 257 and 255); shorten basename, name, headlessServiceName, namespace or clusterDomain',
  },

  // Replicas and other integers
  {
    name: 'negative replicas',
    build: () => cluster({ replicas: -1 }),
    where: 'test/c',
    prop: 'replicas',
    value: -1,
    allowed: 'must be an integer from 0 to 2147483647',
  },
  {
    name: 'fractional replicas',
    build: () => cluster({ replicas: 1.5 }),
    where: 'test/c',
    prop: 'replicas',
    value: 1.5,
    allowed: 'must be an integer from 0 to 2147483647',
  },
  {
    name: 'NaN replicas',
    build: () => cluster({ replicas: NaN }),
    where: 'test/c',
    prop: 'replicas',
    value: NaN,
    allowed: 'must be an integer from 0 to 2147483647',
  },
  {
    name: 'replicas given as a string',
    build: () => cluster({ replicas: '3' as unknown as number }),
    where: 'test/c',
    prop: 'replicas',
    value: '3',
    allowed: 'must be a number, not a string',
  },
  {
    name: 'negative maxUnavailable',
    build: () => cluster({ maxUnavailable: -1 }),
    where: 'test/c',
    prop: 'maxUnavailable',
    value: -1,
    allowed: 'must be an integer from 0 to 2147483647',
  },
  {
    name: 'fractional terminationGracePeriod',
    build: () => cluster({ terminationGracePeriod: Duration.millis(500) }),
    where: 'test/c',
    prop: 'terminationGracePeriod',
    value: 0.5,
    allowed: 'must be an integer >= 0',
  },
  {
    name: 'a negative partition',
    build: () => cluster({ strategy: ClusterUpdateStrategy.rollingUpdate({ partition: -1 }) }),
    where: 'test/c',
    prop: 'strategy.partition',
    value: -1,
    allowed: 'must be an integer from 0 to 2147483647',
  },
  {
    name: 'a fractional partition',
    build: () => cluster({ strategy: ClusterUpdateStrategy.rollingUpdate({ partition: 1.5 }) }),
    where: 'test/c',
    prop: 'strategy.partition',
    value: 1.5,
    allowed: 'must be an integer from 0 to 2147483647',
  },
  {
    name: 'a partition given as a string (JavaScript)',
    build: () => cluster({ strategy: ClusterUpdateStrategy.rollingUpdate({ partition: '2' } as unknown as ClusterRollingUpdateOptions) }),
    where: 'ClusterUpdateStrategy.rollingUpdate',
    prop: 'partition',
    value: '2',
    allowed: 'must be a number, not a string',
  },
  {
    name: "cdk8s-plus's StatefulSetUpdateStrategy, which renders only through an internal method",
    build: () => cluster({ strategy: StatefulSetUpdateStrategy.onDelete() as unknown as ClusterUpdateStrategy }),
    where: 'test/c',
    prop: 'strategy',
    value: StatefulSetUpdateStrategy.onDelete(),
    allowed: 'must be a ClusterUpdateStrategy, e.g. ClusterUpdateStrategy.rollingUpdate({ partition: 2 })',
  },
  {
    name: 'minReady in plain seconds (the L1 spelling)',
    build: () => cluster({ minReady: 10 as unknown as Duration }),
    where: 'test/c',
    prop: 'minReady',
    value: 10,
    allowed: 'must be a cdk8s Duration, e.g. Duration.seconds(30), not a number',
  },
  {
    name: 'a minReady of a fraction of a second',
    build: () => cluster({ minReady: Duration.millis(1500) }),
    where: 'test/c',
    prop: 'minReady',
    value: 1.5,
    allowed: 'must be an integer from 0 to 2147483647',
  },
  {
    name: 'terminationGracePeriod in seconds, the old spelling',
    build: () => cluster({ terminationGracePeriod: js(60) }),
    where: 'test/c',
    prop: 'terminationGracePeriod',
    value: 60,
    allowed: 'must be a cdk8s Duration, e.g. Duration.seconds(30), not a number',
  },
  {
    name: 'terminationGracePeriodSeconds, the old prop name',
    build: () => cluster(js({ terminationGracePeriodSeconds: 60 })),
    where: 'test/c',
    prop: 'terminationGracePeriodSeconds',
    value: 60,
    allowed: "is not a prop of ErlangStatefulClusterProps; did you mean 'terminationGracePeriod'?",
  },

  // Ports
  {
    name: 'app port above 65535',
    build: () => cluster({ appPorts: [{ name: 'http', port: 70000 }] }),
    where: 'test/c',
    prop: 'appPorts[0].port',
    value: 70000,
    allowed: 'must be an integer from 1 to 65535',
  },
  {
    name: 'app port 0',
    build: () => cluster({ appPorts: [{ name: 'http', port: 0 }] }),
    where: 'test/c',
    prop: 'appPorts[0].port',
    value: 0,
    allowed: 'from 1 to 65535',
  },
  {
    name: "app port equal to epmd's 4369",
    build: () => cluster({ appPorts: [{ name: 'http', port: 4369 }] }),
    where: 'test/c',
    prop: 'appPorts[0]',
    value: { name: 'http', port: 4369 },
    allowed: 'clashes with the epmd port 4369',
  },
  {
    name: 'app port equal to the default dist port 9100',
    build: () => cluster({ appPorts: [{ name: 'ws', port: 9100 }] }),
    where: 'test/c',
    prop: 'appPorts[0]',
    value: { name: 'ws', port: 9100 },
    allowed: 'clashes with the dist port 9100',
  },
  {
    name: 'app port equal to a custom dist port',
    build: () =>
      cluster({
        distribution: { port: 9200 },
        appPorts: [
          { name: 'http', port: 8080 },
          { name: 'ws', port: 9200 },
        ],
      }),
    where: 'test/c',
    prop: 'appPorts[1]',
    value: { name: 'ws', port: 9200 },
    allowed: 'clashes with the dist port 9200',
  },
  {
    name: "app port named 'dist'",
    build: () => cluster({ appPorts: [{ name: 'dist', port: 8080 }] }),
    where: 'test/c',
    prop: 'appPorts[0]',
    value: { name: 'dist', port: 8080 },
    allowed: 'must differ from epmd and the distribution port in name and number',
  },
  {
    name: 'two app ports with the same name',
    build: () =>
      cluster({
        appPorts: [
          { name: 'http', port: 8080 },
          { name: 'http', port: 8081 },
        ],
      }),
    where: 'test/c',
    prop: 'appPorts[1]',
    value: 'http',
    allowed: 'port name is already used by appPorts[0]',
  },
  {
    name: 'two app ports with the same number',
    build: () =>
      cluster({
        appPorts: [
          { name: 'http', port: 8080 },
          { name: 'ws', port: 8080 },
        ],
      }),
    where: 'test/c',
    prop: 'appPorts[1]',
    value: 8080,
    allowed: 'port number is already used by appPorts[0]',
  },
  {
    name: 'app port name without a letter (not an IANA service name)',
    build: () => cluster({ appPorts: [{ name: '8080', port: 8080 }] }),
    where: 'test/c',
    prop: 'appPorts[0].name',
    value: '8080',
    allowed: 'IANA service name',
  },
  {
    name: 'app port name longer than 15 chars',
    build: () =>
      cluster({
        appPorts: [
          { name: 'http-management', port: 8080 },
          { name: 'http-management1', port: 8081 },
        ],
      }),
    where: 'test/c',
    prop: 'appPorts[1].name',
    value: 'http-management1',
    allowed: 'at most 15',
  },
  {
    name: "dist port equal to epmd's 4369 while epmd is used",
    build: () => cluster({ distribution: { port: 4369 } }),
    where: 'test/c',
    prop: 'distribution.port',
    value: 4369,
    allowed: "must differ from epmd's port 4369",
  },
  {
    name: 'dist port above 65535',
    build: () => cluster({ distribution: { port: 65536, epmdless: true } }),
    where: 'test/c',
    prop: 'distribution.port',
    value: 65536,
    allowed: 'from 1 to 65535',
  },
  {
    name: 'two Service ports with the same name',
    build: () =>
      svc({
        ports: [
          { name: 'http', port: 8080 },
          { name: 'http', port: 9090 },
        ],
      }),
    where: 'test/svc',
    prop: 'ports[1]',
    value: 'http',
    allowed: 'port name is already used by ports[0]',
  },
  {
    name: 'a Service without ports',
    build: () => svc({ ports: [] }),
    where: 'test/svc',
    prop: 'ports',
    value: [],
    allowed: 'must list at least one named port',
  },
  {
    name: 'a bare targetPort name, the old spelling',
    build: () => svc({ ports: [{ name: 'http', port: 80, targetPort: js('http') }] }),
    where: 'test/svc',
    prop: 'ports[0].targetPort',
    value: 'http',
    allowed: "must be a k8s.IntOrString, e.g. IntOrString.fromNumber(4000) or IntOrString.fromString('http'), not a string",
  },
  {
    name: 'a bare targetPort number, the old spelling',
    build: () => svc({ ports: [{ name: 'http', port: 80, targetPort: js(8080) }] }),
    where: 'test/svc',
    prop: 'ports[0].targetPort',
    value: 8080,
    allowed: "must be a k8s.IntOrString, e.g. IntOrString.fromNumber(4000) or IntOrString.fromString('http'), not a number",
  },
  {
    name: 'a named targetPort that is not an IANA service name',
    build: () => svc({ ports: [{ name: 'http', port: 80, targetPort: k8s.IntOrString.fromString('http_port') }] }),
    where: 'test/svc',
    prop: 'ports[0].targetPort',
    value: 'http_port',
    allowed: 'IANA service name',
  },

  // Node ports
  {
    name: 'node port below 30000',
    build: () => svc({ type: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 8080, nodePort: 8080 }] }),
    where: 'test/svc',
    prop: 'ports[0].nodePort',
    value: 8080,
    allowed: 'must be an integer from 30000 to 32767',
  },
  {
    name: 'node port above 32767',
    build: () => svc({ type: ServiceType.LOAD_BALANCER, ports: [{ name: 'http', port: 8080, nodePort: 32768 }] }),
    where: 'test/svc',
    prop: 'ports[0].nodePort',
    value: 32768,
    allowed: 'from 30000 to 32767',
  },
  {
    name: 'node port reused by a second Service in the same app',
    build: () => {
      const c = chart();
      svc({ name: 'a-svc', type: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 8080, nodePort: 30080 }] }, c, 'svc-a');
      svc({ name: 'b-svc', type: ServiceType.NODE_PORT, ports: [{ name: 'ws', port: 9090, nodePort: 30080 }] }, c, 'svc-b');
    },
    where: 'test/svc-b',
    prop: 'ports[0].nodePort',
    value: 30080,
    allowed: 'is already used by test/svc-a; node ports are cluster-wide',
  },
  {
    name: 'node port reused by a Service in another chart of the same app',
    build: () => {
      const app = Testing.app();
      svc({ name: 'one-svc', type: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 8080, nodePort: 30080 }] }, new Chart(app, 'one'));
      svc({ name: 'two-svc', type: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 8080, nodePort: 30080 }] }, new Chart(app, 'two'));
    },
    where: 'two/svc',
    prop: 'ports[0].nodePort',
    value: 30080,
    allowed: 'is already used by one/svc',
  },
  {
    name: 'node port on a ClusterIP Service',
    build: () => svc({ ports: [{ name: 'http', port: 8080, nodePort: 30080 }] }),
    where: 'test/svc',
    prop: 'ports[0].nodePort',
    value: 30080,
    allowed: "only allowed when type is 'NodePort' or 'LoadBalancer'",
  },

  // Storage
  {
    name: "storage size '10Gi', a quantity string: the old spelling",
    build: () => cluster({ storage: { mountPath: '/data', size: js('10Gi') } }),
    where: 'test/c',
    prop: 'storage.size',
    value: '10Gi',
    allowed: 'must be a cdk8s Size, e.g. Size.gibibytes(10), not a string',
  },
  {
    name: 'storage size zero',
    build: () => cluster({ storage: { mountPath: '/data', size: Size.gibibytes(0) } }),
    where: 'test/c',
    prop: 'storage.size',
    value: '0',
    allowed: 'positive Kubernetes quantity',
  },
  {
    name: 'relative mount path',
    build: () => cluster({ storage: { mountPath: 'data' } }),
    where: 'test/c',
    prop: 'storage.mountPath',
    value: 'data',
    allowed: 'must be an absolute path',
  },
  {
    name: "mount path with '..'",
    build: () => cluster({ storage: { mountPath: '/var/../etc' } }),
    where: 'test/c',
    prop: 'storage.mountPath',
    value: '/var/../etc',
    allowed: "without '..'",
  },
  {
    name: 'unknown access mode',
    build: () => cluster({ storage: { mountPath: '/data', accessMode: 'ReadWriteSometimes' as unknown as PersistentVolumeAccessMode } }),
    where: 'test/c',
    prop: 'storage.accessMode',
    value: 'ReadWriteSometimes',
    allowed: "must be one of 'ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'",
  },
  {
    name: 'StorageClass name with upper case',
    build: () => StorageClass.fromName('Fast_SSD'),
    where: 'StorageClass.fromName',
    prop: 'name',
    value: 'Fast_SSD',
    allowed: 'DNS name',
  },
  {
    name: 'StorageClass of our own making whose name has upper case',
    build: () => cluster({ storage: { mountPath: '/data', storageClass: { name: 'Fast_SSD' } } }),
    where: 'test/c',
    prop: 'storage.storageClass.name',
    value: 'Fast_SSD',
    allowed: 'DNS name',
  },
  {
    name: 'local volume with a relative path',
    build: () =>
      new LocalStorageClass(chart(), 'sc', { name: 'local' }).addVolume('v0', { name: 'v0', nodeName: 'w1', path: 'mnt/disk', size: Size.gibibytes(1) }),
    where: 'test/sc/v0',
    prop: 'path',
    value: 'mnt/disk',
    allowed: 'absolute path',
  },
  {
    name: 'two local volumes on the same directory of one node',
    build: () => {
      const sc = new LocalStorageClass(chart(), 'sc', { name: 'local' });
      sc.addVolume('v0', { name: 'v0', nodeName: 'w1', path: '/mnt/disk', size: Size.gibibytes(1) });
      sc.addVolume('v1', { name: 'v1', nodeName: 'w1', path: '/mnt/disk', size: Size.gibibytes(1) });
    },
    where: 'test/sc/v1',
    prop: 'path',
    value: '/mnt/disk',
    allowed: 'is already used by test/sc/v0; each local volume needs its own directory',
  },

  // Cookie and peers
  {
    name: 'cookie Secret key that is empty',
    build: () => ErlangCookie.fromSecretName('x', ''),
    where: 'ErlangCookie.fromSecretName',
    prop: 'key',
    value: '',
    allowed: 'non-empty Secret key',
  },
  {
    name: 'cookie Secret name that is not a DNS name',
    build: () => ErlangCookie.fromSecretName('My Secret'),
    where: 'ErlangCookie.fromSecretName',
    prop: 'name',
    value: 'My Secret',
    allowed: 'DNS name',
  },
  {
    name: 'cookie that is a number',
    build: () => cluster({ cookie: 42 as unknown as ErlangCookie }),
    where: 'test/c',
    prop: 'cookie',
    value: 42,
    allowed: "must be an ErlangCookie: ErlangCookie.fromSecretName('my-cookie'), or ErlangCookie.fromSecret(secret) for a cdk8s-plus ISecret, not a number",
  },
  {
    name: 'ErlangCookie.fromSecret given a Secret name',
    build: () => ErlangCookie.fromSecret('app-cookie' as never),
    where: 'ErlangCookie.fromSecret',
    prop: 'secret',
    value: 'app-cookie',
    allowed: "for a Secret name use ErlangCookie.fromSecretName('my-cookie')",
  },
  {
    name: 'a peer in another cdk8s App',
    build: () => {
      const a = new ErlangStatefulCluster(new Chart(Testing.app(), 'one'), 'a', BASE);
      const b = new ErlangStatefulCluster(new Chart(Testing.app(), 'two'), 'b', BASE);
      a.addPeer(b);
    },
    where: 'one/a',
    prop: 'peer',
    value: 'two/b',
    allowed: 'belongs to another cdk8s App',
  },
  {
    name: 'peers with different cookies',
    build: () => {
      const c = chart();
      const a = new ErlangStatefulCluster(c, 'a', { ...BASE, basename: 'a' });
      const b = new ErlangStatefulCluster(c, 'b', { ...BASE, basename: 'b', cookie: ErlangCookie.fromSecretName('other-cookie') });
      ErlangStatefulCluster.mesh(a, b);
    },
    where: 'test/a',
    prop: 'peer',
    value: 'test/b',
    allowed: 'uses cookie other-cookie/cookie but this cluster uses app-cookie/cookie',
  },
  {
    name: "envVariables overriding the hardened profile's RELEASE_TMP",
    build: () => cluster({ securityProfile: SecurityProfile.HARDENED, envVariables: { RELEASE_TMP: EnvValue.fromValue('/var/tmp') } }),
    where: 'test/c',
    prop: 'envVariables.RELEASE_TMP',
    value: 'RELEASE_TMP',
    allowed: 'is set by ErlangStatefulCluster',
  },
  {
    name: 'a service domain env named like an envVariables entry',
    build: () => {
      const c = chart();
      const a = cluster({ envVariables: { B_SERVICE_DOMAIN: EnvValue.fromValue('x') } }, c);
      const b = svc({}, c);
      a.addServiceDomain('B_SERVICE_DOMAIN', b.name, b.namespace);
    },
    where: 'test/c',
    prop: 'serviceDomain envName',
    value: 'B_SERVICE_DOMAIN',
    allowed: 'is already defined in this container',
  },
  {
    name: 'peers with different cluster domains',
    build: () => {
      const c = chart();
      const a = new ErlangStatefulCluster(c, 'a', { ...BASE, basename: 'a' });
      const b = new ErlangStatefulCluster(c, 'b', { ...BASE, basename: 'b', clusterDomain: 'corp.example', discovery: ClusterDiscovery.none() });
      a.addPeer(b);
    },
    where: 'test/a',
    prop: 'peer',
    value: 'test/b',
    allowed: "uses clusterDomain 'corp.example' but this cluster uses 'cluster.local'",
  },
  {
    name: 'an epmd-less peer of a cluster that uses epmd',
    build: () => {
      const c = chart();
      const a = new ErlangStatefulCluster(c, 'a', { ...BASE, basename: 'a' });
      a.addPeer(new ErlangStatefulCluster(c, 'b', { ...BASE, basename: 'b', distribution: { epmdless: true } }));
    },
    where: 'test/a',
    prop: 'peer',
    value: 'test/b',
    allowed: 'uses TCP distribution without epmd on port 9100 but this cluster uses TCP distribution with epmd; peers must speak the same distribution',
  },
  {
    name: 'epmd-less peers on different dist ports',
    build: () => {
      const c = chart();
      const a = new ErlangStatefulCluster(c, 'a', { ...BASE, basename: 'a', distribution: { epmdless: true, port: 9100 } });
      a.addPeer(new ErlangStatefulCluster(c, 'b', { ...BASE, basename: 'b', distribution: { epmdless: true, port: 9200 } }));
    },
    where: 'test/a',
    prop: 'peer',
    value: 'test/b',
    allowed: 'uses TCP distribution without epmd on port 9200 but this cluster uses TCP distribution without epmd on port 9100',
  },
  {
    name: 'a TLS peer of a plain-TCP cluster',
    build: () => {
      const c = chart();
      const a = new ErlangStatefulCluster(c, 'a', { ...BASE, basename: 'a' });
      a.addPeer(new ErlangStatefulCluster(c, 'b', { ...BASE, basename: 'b', distribution: { tls: { secretName: 'dist-tls' } } }));
    },
    where: 'test/a',
    prop: 'peer',
    value: 'test/b',
    allowed: 'uses TLS distribution with epmd but this cluster uses TCP distribution with epmd',
  },
  {
    name: 'a cluster as its own peer',
    build: () => {
      const c = cluster({});
      c.addPeer(c);
    },
    where: 'test/c',
    prop: 'peer',
    value: 'test/c',
    allowed: 'must be another cluster',
  },
  {
    name: 'literal cookie in envVariables (ERLANG_COOKIE)',
    build: () => cluster({ envVariables: { ERLANG_COOKIE: EnvValue.fromValue('s3cr3t') } }),
    where: 'test/c',
    prop: 'envVariables.ERLANG_COOKIE',
    value: 'ERLANG_COOKIE',
    allowed: 'must not carry a literal cookie',
  },
  {
    name: 'literal cookie in envVariables (RELEASE_COOKIE, which the construct owns)',
    build: () => cluster({ envVariables: { RELEASE_COOKIE: EnvValue.fromValue('s3cr3t') } }),
    where: 'test/c',
    prop: 'envVariables.RELEASE_COOKIE',
    value: 'RELEASE_COOKIE',
    allowed: 'is set by ErlangStatefulCluster; use the matching prop instead',
  },
  {
    name: 'literal cookie in envVariables (-setcookie in ERL_ZFLAGS)',
    build: () =>
      cluster({
        envVariables: { TZ: EnvValue.fromValue('UTC'), ERL_ZFLAGS: EnvValue.fromValue('-setcookie s3cr3t') },
      }),
    where: 'test/c',
    prop: 'envVariables.ERL_ZFLAGS',
    value: 'ERL_ZFLAGS',
    allowed: 'must not pass -setcookie',
  },
  {
    name: 'envVariables redefining the node name',
    build: () => cluster({ envVariables: { RELEASE_NODE: EnvValue.fromValue('x@y') } }),
    where: 'test/c',
    prop: 'envVariables.RELEASE_NODE',
    value: 'RELEASE_NODE',
    allowed: 'is set by ErlangStatefulCluster',
  },
  {
    name: 'envVariables name that is not a shell variable',
    build: () => cluster({ envVariables: { '1X': EnvValue.fromValue('y') } }),
    where: 'test/c',
    prop: 'envVariables.1X',
    value: '1X',
    allowed: 'environment variable name',
  },

  // DNS and images
  {
    name: 'cluster domain with an underscore',
    build: () => cluster({ clusterDomain: 'cluster_local' }),
    where: 'test/c',
    prop: 'clusterDomain',
    value: 'cluster_local',
    allowed: 'must be a DNS name',
  },
  {
    name: 'cluster domain starting with a dot',
    build: () => cluster({ clusterDomain: '.cluster.local' }),
    where: 'test/c',
    prop: 'clusterDomain',
    value: '.cluster.local',
    allowed: "such as 'cluster.local'",
  },
  { name: 'empty image reference', build: () => cluster({ image: '' }), where: 'test/c', prop: 'image', value: '', allowed: 'must be an image reference' },
  {
    name: 'image with an upper-case repository',
    build: () => cluster({ image: 'registry:5000/Team/App:1.0' }),
    where: 'test/c',
    prop: 'image',
    value: 'registry:5000/Team/App:1.0',
    allowed: 'lower-case repository path',
  },
  {
    name: 'image with two tags',
    build: () => cluster({ image: 'app:1.0:latest' }),
    where: 'test/c',
    prop: 'image',
    value: 'app:1.0:latest',
    allowed: "such as 'registry:5000/team/app:1.0'",
  },
  {
    name: 'image with a truncated digest',
    build: () => cluster({ image: 'app@sha256:abc' }),
    where: 'test/c',
    prop: 'image',
    value: 'app@sha256:abc',
    allowed: 'digest of a known algorithm with its exact length in lower-case hex',
  },
  {
    name: 'image pull secret with upper case',
    build: () => cluster({ imagePullSecrets: ['ok', 'Regcred'] }),
    where: 'test/c',
    prop: 'imagePullSecrets[1]',
    value: 'Regcred',
    allowed: 'DNS name',
  },

  // Unknown enum values
  {
    name: "Service type 'Foo'",
    build: () => svc({ type: 'Foo' as unknown as ServiceType }),
    where: 'test/svc',
    prop: 'type',
    value: 'Foo',
    allowed: "must be one of 'ClusterIP', 'NodePort', 'LoadBalancer'",
  },
  {
    name: "podManagementPolicy 'Sometimes'",
    build: () => cluster({ podManagementPolicy: 'Sometimes' as unknown as PodManagementPolicy }),
    where: 'test/c',
    prop: 'podManagementPolicy',
    value: 'Sometimes',
    allowed: "must be one of 'Parallel', 'OrderedReady'",
  },
  {
    name: "securityProfile 'paranoid'",
    build: () => cluster({ securityProfile: 'paranoid' as unknown as SecurityProfile }),
    where: 'test/c',
    prop: 'securityProfile',
    value: 'paranoid',
    allowed: "must be one of 'root-compatible', 'hardened'",
  },
  {
    name: "cookieDelivery 'files'",
    build: () => cluster({ cookieDelivery: 'files' as unknown as CookieDelivery }),
    where: 'test/c',
    prop: 'cookieDelivery',
    value: 'files',
    allowed: "must be one of 'env', 'file'",
  },
  {
    name: 'envVariables overriding HOME, where the VM reads the cookie file',
    build: () => cluster({ cookieDelivery: CookieDelivery.FILE, envVariables: { HOME: EnvValue.fromValue('/root') } }),
    where: 'test/c',
    prop: 'envVariables.HOME',
    value: 'HOME',
    allowed: 'is set by ErlangStatefulCluster',
  },
  {
    name: "an extra volume named like the cookie file's Secret volume",
    build: () => cluster({ cookieDelivery: CookieDelivery.FILE, extraVolumes: [{ name: 'erlang-cookie-secret', emptyDir: {} }] }),
    where: 'test/c',
    prop: 'extraVolumes[0].name',
    value: 'erlang-cookie-secret',
    allowed: "cookieDelivery 'file'",
  },
  {
    name: 'an init container named like the cookie copy step',
    build: () => cluster({ securityProfile: SecurityProfile.HARDENED, initContainers: [{ name: 'erlang-cookie', image: 'app:1.0' }] }),
    where: 'test/c',
    prop: 'initContainers[0].name',
    value: 'erlang-cookie',
    allowed: "cookieDelivery 'file'",
  },
  {
    name: "spread 'everywhere'",
    build: () => cluster({ spread: 'everywhere' as unknown as PodSpread }),
    where: 'test/c',
    prop: 'spread',
    value: 'everywhere',
    allowed: "must be one of 'soft', 'hard', 'none'",
  },
  {
    name: "distribution.pin 'vm-args'",
    build: () => cluster({ distribution: { pin: 'vm-args' as unknown as DistPortPin } }),
    where: 'test/c',
    prop: 'distribution.pin',
    value: 'vm-args',
    allowed: "must be one of 'erl-aflags', 'release'",
  },
  {
    name: "imagePullPolicy 'Sometimes'",
    build: () => cluster({ imagePullPolicy: 'Sometimes' as unknown as ImagePullPolicy }),
    where: 'test/c',
    prop: 'imagePullPolicy',
    value: 'Sometimes',
    allowed: "must be one of 'Always', 'IfNotPresent', 'Never'",
  },
  {
    name: "discovery resource 'services'",
    build: () => cluster({ discovery: ClusterDiscovery.kubernetesApi({ resource: 'services' as unknown as DiscoveryResource }) }),
    where: 'test/c',
    prop: 'discovery.resource',
    value: 'services',
    allowed: "must be one of 'endpoints', 'pods'",
  },
  {
    name: "StorageClass reclaimPolicy 'Recycle'",
    build: () => new LocalStorageClass(chart(), 'sc', { name: 'local', reclaimPolicy: 'Recycle' as unknown as PersistentVolumeReclaimPolicy }),
    where: 'test/sc',
    prop: 'reclaimPolicy',
    value: 'Recycle',
    allowed: "must be one of 'Retain', 'Delete'",
  },

  // Labels and selectors
  {
    name: "podMetadata.labels overriding the selector label 'app'",
    build: () => cluster({ podMetadata: { labels: { app: 'other' } } }),
    where: 'test/c',
    prop: 'podMetadata.labels.app',
    value: 'other',
    allowed: 'must not change the selector label app=',
  },
  {
    name: "a JavaScript caller's podLabels, which is gone",
    build: () => cluster({ podLabels: { tier: 'web' } } as unknown as Partial<ErlangStatefulClusterProps>),
    where: 'test/c',
    prop: 'podLabels',
    value: { tier: 'web' },
    allowed: "is no longer a prop of ErlangStatefulClusterProps: write the pods' labels as podMetadata.labels",
  },
  {
    name: 'podMetadata.labels value with a space',
    build: () => cluster({ podMetadata: { labels: { tier: 'back end' } } }),
    where: 'test/c',
    prop: 'podMetadata.labels.tier',
    value: 'back end',
    allowed: 'must be a label value',
  },
  {
    name: 'nodeSelector key with a space',
    build: () => cluster({ nodeSelector: { 'disk type': 'ssd' } }),
    where: 'test/c',
    prop: 'nodeSelector key',
    value: 'disk type',
    allowed: 'must be a label key',
  },
  {
    name: 'Service selector that is empty (selects no pods)',
    build: () => svc({ selector: {} }),
    where: 'test/svc',
    prop: 'selector',
    value: {},
    allowed: 'an empty selector selects no pods',
  },
  {
    name: 'HeadlessService selector value over 63 chars',
    build: () => new HeadlessService(chart(), 'hl', { name: 'hl', selector: { app: long(64) }, ports: [{ name: 'epmd', port: 4369 }] }),
    where: 'test/hl',
    prop: 'selector.app',
    value: long(64),
    allowed: 'at most 63',
  },

  // Uniqueness across the app
  {
    name: 'two clusters with the same basename in one namespace (their selectors would overlap)',
    build: () => {
      const c = chart();
      new ErlangStatefulCluster(c, 'a', { ...BASE, name: 'one' });
      new ErlangStatefulCluster(c, 'b', { ...BASE, name: 'two', headlessServiceName: 'two-hl' });
    },
    where: 'test/b',
    prop: 'basename',
    value: 'app',
    allowed: 'is already used by test/a',
  },
  {
    name: 'two clusters with the same StatefulSet name in one namespace',
    build: () => {
      const c = chart();
      new ErlangStatefulCluster(c, 'a', { ...BASE, basename: 'one', name: 'same' });
      new ErlangStatefulCluster(c, 'b', { ...BASE, basename: 'two', name: 'same' });
    },
    where: 'test/b',
    prop: 'name',
    value: 'same',
    allowed: 'StatefulSet names must be unique in namespace default',
  },
  {
    name: "a LoadBalancedService named like a cluster's headless Service",
    build: () => {
      const c = chart();
      cluster({}, c);
      svc({ name: 'app-hl' }, c);
    },
    where: 'test/svc',
    prop: 'name',
    value: 'app-hl',
    allowed: 'is already used by test/c/Headless',
  },

  // Volumes in one pod
  {
    name: "storage mounted at the hardened profile's /tmp",
    build: () => cluster({ securityProfile: SecurityProfile.HARDENED, storage: { mountPath: '/tmp' } }),
    where: 'test/c',
    prop: 'storage.mountPath',
    value: '/tmp',
    allowed: "is also the mount path of securityProfile 'hardened'",
  },
  {
    name: 'an extra volume mounted over the TLS certificates',
    build: () =>
      cluster({
        distribution: { tls: { secretName: 'dist-tls' } },
        extraVolumes: [{ name: 'conf', emptyDir: {} }],
        extraVolumeMounts: [{ name: 'conf', mountPath: '/etc/erlang-dist-tls' }],
      }),
    where: 'test/c',
    prop: 'extraVolumeMounts[0].mountPath',
    value: '/etc/erlang-dist-tls',
    allowed: 'is also the mount path of distribution.tls.mountPath',
  },
  {
    name: 'an extra volume named like the storage claim',
    build: () => cluster({ storage: { mountPath: '/data', name: 'data' }, extraVolumes: [{ name: 'data', emptyDir: {} }] }),
    where: 'test/c',
    prop: 'extraVolumes[0].name',
    value: 'data',
    allowed: 'is also the volume name of storage.name; each must be unique in the pod',
  },

  // Misc
  {
    name: 'the old spelling preStopCommand',
    build: () => cluster({ preStopCommand: ['bin/app', 'stop'] } as unknown as Partial<ErlangStatefulClusterProps>),
    where: 'test/c',
    prop: 'preStopCommand',
    value: ['bin/app', 'stop'],
    allowed: "is no longer a prop of ErlangStatefulClusterProps: write it as leaveHook, e.g. leaveHook: LeaveHook.command(['bin/app', 'stop'])",
  },
  {
    name: 'an empty leave hook command',
    build: () => cluster({ leaveHook: LeaveHook.command([]) }),
    where: 'test/c',
    prop: 'leaveHook',
    value: '',
    allowed: 'needs a non-empty command of non-empty strings',
  },
  {
    name: 'a leave hook with a blank expression',
    build: () => cluster({ leaveHook: LeaveHook.releaseCommand('bin/app', ' ') }),
    where: 'test/c',
    prop: 'leaveHook',
    value: 'bin/app  ',
    allowed: 'needs a non-empty expression',
  },
  {
    name: 'a grace period shorter than the leave hook and the stop',
    build: () => cluster({ leaveHook: LeaveHook.releaseCommand('bin/app', 'App.leave()'), terminationGracePeriod: Duration.seconds(29) }),
    where: 'test/c',
    prop: 'terminationGracePeriod',
    value: 29,
    allowed: "must cover the leave hook's timeout (20 s) and the VM's stop (10 s): at least 30",
  },
  {
    name: 'a leave hook with a timeout under a second',
    build: () => cluster({ leaveHook: LeaveHook.command(['bin/app', 'stop'], { timeout: Duration.millis(500) }) }),
    where: 'test/c',
    prop: 'leaveHook',
    value: 'bin/app stop',
    allowed: 'needs a timeout of whole seconds, at least 1, as a cdk8s Duration',
  },
  {
    name: 'a leave hook timeout in seconds, the old spelling (JavaScript)',
    build: () => cluster({ leaveHook: LeaveHook.command(['bin/app', 'stop'], { timeout: 20 as unknown as Duration }) }),
    where: 'test/c',
    prop: 'leaveHook',
    value: 'bin/app stop',
    allowed: 'needs a timeout of whole seconds, at least 1, as a cdk8s Duration',
  },
  {
    name: 'a leave hook that is not one (JavaScript)',
    build: () => cluster({ leaveHook: ['bin/app', 'stop'] as unknown as LeaveHook }),
    where: 'test/c',
    prop: 'leaveHook',
    value: ['bin/app', 'stop'],
    allowed: 'must be a LeaveHook',
  },
  {
    name: 'TLS Secret name with upper case',
    build: () => cluster({ distribution: { tls: { secretName: 'Dist_TLS' } } }),
    where: 'test/c',
    prop: 'distribution.tls.secretName',
    value: 'Dist_TLS',
    allowed: 'DNS name',
  },
  {
    name: 'relative TLS mount path',
    build: () => cluster({ distribution: { tls: { secretName: 'dist-tls', mountPath: 'certs' } } }),
    where: 'test/c',
    prop: 'distribution.tls.mountPath',
    value: 'certs',
    allowed: 'absolute path',
  },
  {
    name: 'container name with upper case',
    build: () => cluster({ containerName: 'Node' }),
    where: 'test/c',
    prop: 'containerName',
    value: 'Node',
    allowed: 'DNS-1123 label',
  },
  // Production defaults
  {
    name: 'unknown resources preset',
    build: () => cluster({ resourcesPreset: 'huge' as ResourcesPreset }),
    where: 'test/c',
    prop: 'resourcesPreset',
    value: 'huge',
    allowed: "must be one of 'none', 'small', 'medium', 'large'",
  },
  {
    name: 'memory limit below its request',
    build: () => cluster({ resources: { memory: { request: Size.gibibytes(1), limit: Size.mebibytes(512) } } }),
    where: 'test/c',
    prop: 'resources.memory.limit',
    value: '512Mi',
    allowed: 'must be at least the request 1Gi',
  },
  {
    name: 'a CPU request that is not a quantity',
    build: () => cluster({ resources: { cpu: { request: Cpu.units(NaN) } } }),
    where: 'test/c',
    prop: 'resources.cpu.request',
    value: 'NaN',
    allowed: 'positive Kubernetes quantity',
  },
  {
    name: 'resources in the L1 spelling (requests and limits of quantities)',
    build: () => cluster({ resources: { requests: { cpu: k8s.Quantity.fromString('250m') } } } as never),
    where: 'test/c',
    prop: 'resources.requests',
    value: { cpu: k8s.Quantity.fromString('250m') },
    allowed: 'is no longer a prop of ContainerResources: resources is a cdk8s-plus ContainerResources, e.g. { cpu: { request: Cpu.millis(250) }',
  },
  {
    name: 'a memory request as a quantity string, not a Size',
    build: () => cluster({ resources: { memory: { request: '512Mi' } } } as never),
    where: 'test/c',
    prop: 'resources.memory.request',
    value: '512Mi',
    allowed: 'must be a cdk8s Size, e.g. Size.mebibytes(512), not a string',
  },
  {
    name: 'zero schedulers',
    build: () => cluster({ schedulers: Schedulers.fixed(0) }),
    where: 'test/c',
    prop: 'schedulers.count',
    value: 0,
    allowed: 'integer from 1 to 1024',
  },
  {
    name: 'fractional dirty I/O schedulers',
    build: () => cluster({ schedulers: Schedulers.fromCpu({ dirtyIo: 2.5 }) }),
    where: 'test/c',
    prop: 'schedulers.dirtyIo',
    value: 2.5,
    allowed: 'integer from 1 to 1024',
  },
  {
    name: 'a digest that is not sha256',
    build: () => cluster({ imageDigest: 'md5:abc' }),
    where: 'test/c',
    prop: 'imageDigest',
    value: 'md5:abc',
    allowed: 'a digest of a known algorithm with its exact length in lower-case hex: sha256 (64), sha384 (96), sha512 (128)',
  },
  {
    name: 'a digest on an image that already has one',
    build: () => cluster({ image: `app@sha256:${'0'.repeat(64)}`, imageDigest: `sha256:${'1'.repeat(64)}` }),
    where: 'test/c',
    prop: 'imageDigest',
    value: `sha256:${'1'.repeat(64)}`,
    allowed: 'must be left out when image already has a digest',
  },
  {
    name: 'runAsUser with the root-compatible profile',
    build: () => cluster({ runAsUser: 10001 }),
    where: 'test/c',
    prop: 'runAsUser',
    value: 10001,
    allowed: 'is only used by SecurityProfile.HARDENED',
  },
  {
    name: 'hardened runAsUser 0 (root)',
    build: () => cluster({ securityProfile: SecurityProfile.HARDENED, runAsUser: 0 }),
    where: 'test/c',
    prop: 'runAsUser',
    value: 0,
    allowed: 'integer from 1 to 2147483647',
  },
  {
    name: 'a capability that does not exist',
    build: () => cluster({ addCapabilities: ['CAP_NET_RAW' as unknown as Capability] }),
    where: 'test/c',
    prop: 'addCapabilities[0]',
    value: 'CAP_NET_RAW',
    allowed: "'NET_RAW'",
  },
  {
    name: 'capabilities added to the hardened profile',
    build: () => cluster({ securityProfile: SecurityProfile.HARDENED, addCapabilities: [Capability.NET_BIND_SERVICE] }),
    where: 'test/c',
    prop: 'addCapabilities',
    value: ['NET_BIND_SERVICE'],
    allowed: 'only allowed with SecurityProfile.ROOT_COMPATIBLE',
  },
  {
    name: 'unknown unhealthy-pod eviction policy',
    build: () => cluster({ unhealthyPodEvictionPolicy: 'Never' as unknown as UnhealthyPodEvictionPolicy }),
    where: 'test/c',
    prop: 'unhealthyPodEvictionPolicy',
    value: 'Never',
    allowed: "'IfHealthyBudget', 'AlwaysAllow'",
  },
  {
    name: 'metrics port on the dist port',
    build: () => cluster({ metrics: { port: 9100 } }),
    where: 'test/c',
    prop: 'metrics.port',
    value: 9100,
    allowed: 'clashes with the dist port',
  },
  {
    name: 'an app port on the metrics port',
    build: () => cluster({ metrics: {}, appPorts: [{ name: 'prom', port: 9568 }] }),
    where: 'test/c',
    prop: 'appPorts[0]',
    value: { name: 'prom', port: 9568 },
    allowed: 'clashes with the metrics port 9568',
  },
  {
    name: 'metrics path without a leading slash',
    build: () => cluster({ metrics: { path: 'metrics' } }),
    where: 'test/c',
    prop: 'metrics.path',
    value: 'metrics',
    allowed: "starting with '/'",
  },
  {
    name: 'scraper namespace with upper case',
    build: () => cluster({ metrics: { scrapers: { namespace: 'Monitoring' } } }),
    where: 'test/c',
    prop: 'metrics.scrapers.namespace',
    value: 'Monitoring',
    allowed: 'DNS-1123 label',
  },
  {
    name: 'PodMonitor interval as a Prometheus duration string, the old spelling',
    build: () => cluster({ metrics: { podMonitor: { interval: js('30s') } } }),
    where: 'test/c',
    prop: 'metrics.podMonitor.interval',
    value: '30s',
    allowed: 'must be a cdk8s Duration, e.g. Duration.seconds(30), not a string',
  },
  {
    name: 'PodMonitor interval of a fraction of a millisecond',
    build: () => cluster({ metrics: { podMonitor: { interval: Duration.millis(0.5) } } }),
    where: 'test/c',
    prop: 'metrics.podMonitor.interval',
    value: '0.5ms',
    allowed: 'must be a whole number of milliseconds',
  },
  {
    name: 'cert-manager issuer of an unknown kind',
    build: () => cluster({ distribution: { tls: { secretName: 'dist-tls', issuer: { name: 'ca', kind: 'CAIssuer' as IssuerKind } } } }),
    where: 'test/c',
    prop: 'distribution.tls.issuer.kind',
    value: 'CAIssuer',
    allowed: "'Issuer', 'ClusterIssuer'",
  },
  {
    name: 'cert-manager issuer name with upper case',
    build: () => cluster({ distribution: { tls: { secretName: 'dist-tls', issuer: { name: 'My_CA' } } } }),
    where: 'test/c',
    prop: 'distribution.tls.issuer.name',
    value: 'My_CA',
    allowed: 'DNS name',
  },
  {
    name: 'egress without the NetworkPolicy',
    build: () => cluster({ networkPolicy: false, egress: {} }),
    where: 'test/c',
    prop: 'egress',
    value: {},
    allowed: 'needs networkPolicy: true',
  },
  {
    name: 'egress CIDR without a prefix length',
    build: () => cluster({ egress: { to: [{ cidr: '10.0.0.1', ports: [{ port: 443 }] }] } }),
    where: 'test/c',
    prop: 'egress.to[0].cidr',
    value: '10.0.0.1',
    allowed: "CIDR such as '10.0.0.0/8'",
  },
  {
    name: 'egress CIDR with an octet over 255',
    build: () => cluster({ egress: { to: [{ cidr: '10.0.300.0/24', ports: [{ port: 443 }] }] } }),
    where: 'test/c',
    prop: 'egress.to[0].cidr',
    value: '10.0.300.0/24',
    allowed: 'CIDR',
  },
  {
    name: 'egress destination with a CIDR and pod labels',
    build: () => cluster({ egress: { to: [{ cidr: '10.0.0.0/8', podLabels: { app: 'db' }, ports: [{ port: 5432 }] }] } }),
    where: 'test/c',
    prop: 'egress.to[0]',
    value: { cidr: '10.0.0.0/8', podLabels: { app: 'db' }, ports: [{ port: 5432 }] },
    allowed: 'either cidr or namespace and podLabels',
  },
  {
    name: 'egress destination without ports',
    build: () => cluster({ egress: { to: [{ namespace: 'db', ports: [] }] } }),
    where: 'test/c',
    prop: 'egress.to[0].ports',
    value: [],
    allowed: 'at least one port',
  },
  {
    name: 'egress port with an unknown protocol',
    build: () => cluster({ egress: { to: [{ namespace: 'db', ports: [{ port: 53, protocol: 'ICMP' as unknown as Protocol }] }] } }),
    where: 'test/c',
    prop: 'egress.to[0].ports[0].protocol',
    value: 'ICMP',
    allowed: "'TCP', 'UDP', 'SCTP'",
  },
  {
    name: 'egress for API discovery without the API server',
    build: () => cluster({ discovery: ClusterDiscovery.kubernetesApi(), egress: {} }),
    where: 'test/c',
    prop: 'egress.to',
    value: [],
    allowed: 'must include the API server for kubernetesApi discovery',
  },
  {
    name: 'service-domain env name that is not a shell variable',
    build: () => {
      const c = chart();
      cluster({}, c).addServiceDomain('B-SVC', svc({}, c).name);
    },
    where: 'test/c',
    prop: 'serviceDomain envName',
    value: 'B-SVC',
    allowed: 'environment variable name',
  },
  {
    name: 'service domain given a Service-like object (the old spelling)',
    build: () => cluster({}).addServiceDomain('B_SVC', { name: 'b-svc', namespace: 'default' } as never),
    where: 'test/c',
    prop: 'serviceDomain serviceName',
    value: { name: 'b-svc', namespace: 'default' },
    allowed: "must be the Service's name, and its namespace the next argument, e.g. addServiceDomain('WEB_DOMAIN', web.name, web.namespace)",
  },
  {
    name: 'service domain of a namespace that is not a DNS label',
    build: () => cluster({}).addServiceDomain('B_SVC', 'b-svc', 'Prod'),
    where: 'test/c',
    prop: 'serviceDomain namespace',
    value: 'Prod',
    allowed: 'must be a DNS-1123 label',
  },
];

/** How a value is rendered in the message. */
const rendered = (v: unknown) => (typeof v === 'number' ? String(v) : JSON.stringify(v));

/** Builds a cluster `test/c` from BASE and `props`, untyped as a JavaScript caller would, and synthesizes its app. */
const synthCluster = (props: Record<string, unknown>, scope: Chart = chart()) => {
  buildCluster(props as Partial<ErlangStatefulClusterProps>, BASE, scope);
  return synthApp(scope.node.root as any);
};

const js = <T>(v: unknown) => v as T;

const hex = (n: number) => '0123456789abcdef'.repeat(8).slice(0, n);

/** A bad-input case of class `cls` (the numbering of docs/bad-input.md). */
interface ClassCase extends BadCase {
  readonly cls: number;
}

const CLASS_CASES: ClassCase[] = [
  // 1. Wrong JavaScript types, unknown props, missing and null.
  {
    cls: 1,
    name: "'false' string for networkPolicy",
    build: () => synthCluster({ networkPolicy: 'false' }),
    where: 'test/c',
    prop: 'networkPolicy',
    value: 'false',
    allowed: 'must be a boolean (true or false), not a string',
  },
  {
    cls: 1,
    name: "'true' string for distribution.epmdless",
    build: () => synthCluster({ distribution: { epmdless: 'true' } }),
    where: 'test/c',
    prop: 'distribution.epmdless',
    value: 'true',
    allowed: 'must be a boolean',
  },
  {
    cls: 1,
    name: 'an object where appPorts (an array) belongs',
    build: () => synthCluster({ appPorts: { name: 'http', port: 8080 } }),
    where: 'test/c',
    prop: 'appPorts',
    value: { name: 'http', port: 8080 },
    allowed: 'must be an array whose items are each an object (AppPortSpec), not an object',
  },
  {
    cls: 1,
    name: 'a string where envVariables (a map) belongs',
    build: () => synthCluster({ envVariables: 'A=1' }),
    where: 'test/c',
    prop: 'envVariables',
    value: 'A=1',
    allowed: 'not a string',
  },
  {
    cls: 1,
    name: 'env in the L1 spelling (envVariables, an array of EnvVar)',
    build: () => synthCluster({ extraEnv: [{ name: 'A', value: '1' }] }),
    where: 'test/c',
    prop: 'extraEnv',
    value: [{ name: 'A', value: '1' }],
    allowed:
      "is no longer a prop of ErlangStatefulClusterProps: env is envVariables, a map of name to cdk8s-plus EnvValue, e.g. { LOG_LEVEL: EnvValue.fromValue('info') }",
  },
  {
    cls: 1,
    name: 'a plain string where an EnvValue belongs',
    build: () => synthCluster({ envVariables: { A: '1' } }),
    where: 'test/c',
    prop: 'envVariables.A',
    value: '1',
    allowed: "must be a cdk8s-plus EnvValue, e.g. EnvValue.fromValue('info') or EnvValue.fromSecretValue({ secret, key }), not a string",
  },
  {
    cls: 1,
    name: 'a number where image (a string) belongs',
    build: () => synthCluster({ image: 42 }),
    where: 'test/c',
    prop: 'image',
    value: 42,
    allowed: 'must be a string, not a number',
  },
  {
    cls: 1,
    name: 'a string where replicas (a number) belongs',
    build: () => synthCluster({ replicas: '5' }),
    where: 'test/c',
    prop: 'replicas',
    value: '5',
    allowed: 'must be a number, not a string',
  },
  {
    cls: 1,
    name: "typo 'replica'",
    build: () => synthCluster({ replica: 5 }),
    where: 'test/c',
    prop: 'replica',
    value: 5,
    allowed: "is not a prop of ErlangStatefulClusterProps; did you mean 'replicas'?",
  },
  {
    cls: 1,
    name: "typo 'storage.sise'",
    build: () => synthCluster({ storage: { mountPath: '/data', sise: '5Gi' } }),
    where: 'test/c',
    prop: 'storage.sise',
    value: '5Gi',
    allowed: "is not a prop of ClusterStorageOptions; did you mean 'size'?",
  },
  {
    cls: 1,
    name: "case slip 'imagepullpolicy'",
    build: () => synthCluster({ imagepullpolicy: 'Always' }),
    where: 'test/c',
    prop: 'imagepullpolicy',
    value: 'Always',
    allowed: "did you mean 'imagePullPolicy'?",
  },
  {
    cls: 1,
    name: "a plain object for an EnvValue, with a typo: 'vaule'",
    build: () => synthCluster({ envVariables: { A: { vaule: '1' } } }),
    where: 'test/c',
    prop: 'envVariables.A',
    value: { vaule: '1' },
    allowed: 'must be a cdk8s-plus EnvValue',
  },
  {
    cls: 1,
    name: "typo in a volume mount: 'mountpath'",
    build: () => synthCluster({ extraVolumeMounts: [{ name: 'v', mountpath: '/v' }] }),
    where: 'test/c',
    prop: 'extraVolumeMounts[0].mountpath',
    value: '/v',
    allowed: "did you mean 'mountPath'?",
  },
  {
    cls: 1,
    name: "typo in an app port: 'prot'",
    build: () => synthCluster({ appPorts: [{ name: 'http', prot: 8080 }] }),
    where: 'test/c',
    prop: 'appPorts[0].prot',
    value: 8080,
    allowed: "did you mean 'port'?",
  },
  {
    cls: 1,
    name: 'an unknown prop with no near match lists the known ones',
    build: () => synthCluster({ zzzzzz: 1 }),
    where: 'test/c',
    prop: 'zzzzzz',
    value: 1,
    allowed: 'known props: basename, release, image, cookie',
  },
  {
    cls: 1,
    name: 'image missing',
    build: () => synthCluster({ image: undefined }),
    where: 'test/c',
    prop: 'image',
    value: undefined,
    allowed: 'is required: a string',
  },
  {
    cls: 1,
    name: 'basename null',
    build: () => synthCluster({ basename: null }),
    where: 'test/c',
    prop: 'basename',
    value: null,
    allowed: 'null is not allowed',
  },
  {
    cls: 1,
    name: 'storage null',
    build: () => synthCluster({ storage: null }),
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
    name: 'a cookie given as a Secret name',
    build: () => synthCluster({ cookie: 'app-cookie' }),
    where: 'test/c',
    prop: 'cookie',
    value: 'app-cookie',
    allowed: "must be an ErlangCookie: ErlangCookie.fromSecretName('my-cookie')",
  },
  {
    cls: 1,
    name: 'a cookie given as a cdk8s-plus ISecret',
    build: () => synthCluster({ cookie: { name: 'app-cookie', metadata: {} } }),
    where: 'test/c',
    prop: 'cookie',
    value: { name: 'app-cookie', metadata: {} },
    allowed: 'or ErlangCookie.fromSecret(secret) for a cdk8s-plus ISecret, not an object',
  },
  {
    cls: 1,
    name: 'a cookie given as an object without a name',
    build: () => synthCluster({ cookie: { secretName: 'app-cookie' } }),
    where: 'test/c',
    prop: 'cookie',
    value: { secretName: 'app-cookie' },
    allowed: 'or ErlangCookie.fromSecret(secret) for a cdk8s-plus ISecret',
  },
  {
    cls: 1,
    name: 'discovery given as a string',
    build: () => synthCluster({ discovery: 'dnssrv' }),
    where: 'test/c',
    prop: 'discovery',
    value: 'dnssrv',
    allowed: 'a ClusterDiscovery, e.g. ClusterDiscovery.dnsSrv()',
  },
  {
    cls: 1,
    name: 'probes given as a plain probe object',
    build: () => synthCluster({ probes: { readiness: { tcpSocket: { port: 8080 } } } }),
    where: 'test/c',
    prop: 'probes',
    value: { readiness: { tcpSocket: { port: 8080 } } },
    allowed: 'an ErlangProbes',
  },
  {
    cls: 1,
    name: 'a storage class given as a name',
    build: () => synthCluster({ storage: { mountPath: '/d', storageClass: 'fast-ssd' } }),
    where: 'test/c',
    prop: 'storage.storageClass',
    value: 'fast-ssd',
    allowed: "must be an IStorageClass: StorageClass.fromName('fast-ssd') for a class the cluster has, or a LocalStorageClass, not a string",
  },
  {
    cls: 1,
    name: 'a storage class given as an object without a name',
    build: () => synthCluster({ storage: { mountPath: '/d', storageClass: { storageClassName: 'x' } } }),
    where: 'test/c',
    prop: 'storage.storageClass',
    value: { storageClassName: 'x' },
    allowed: "must be an IStorageClass: StorageClass.fromName('fast-ssd')",
  },
  {
    cls: 1,
    name: 'LoadBalancedService: typo "selctor"',
    build: () => new LoadBalancedService(chart(), 's', js({ name: 's', selctor: { app: 'a' }, ports: [{ name: 'http', port: 80 }] })),
    where: 'test/s',
    prop: 'selctor',
    value: { app: 'a' },
    allowed: "did you mean 'selector'?",
  },
  {
    cls: 1,
    name: 'ErlangProbes.httpGet: a bare port name, the old spelling',
    build: () => ErlangProbes.httpGet('/health', js('http')),
    where: 'ErlangProbes.httpGet',
    prop: 'port',
    value: 'http',
    allowed: "must be a k8s.IntOrString, e.g. IntOrString.fromNumber(4000) or IntOrString.fromString('http'), not a string",
  },
  {
    cls: 1,
    name: 'ErlangProbes.tcpSocket: a bare port number, the old spelling',
    build: () => ErlangProbes.tcpSocket(js(8080)),
    where: 'ErlangProbes.tcpSocket',
    prop: 'port',
    value: 8080,
    allowed: "must be a k8s.IntOrString, e.g. IntOrString.fromNumber(4000) or IntOrString.fromString('http'), not a number",
  },
  {
    cls: 1,
    name: 'LoadBalancedService: ports missing',
    build: () => new LoadBalancedService(chart(), 's', js({ name: 's', selector: { app: 'a' } })),
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
    build: () => synthCluster({ replicas: 2 ** 31 }),
    where: 'test/c',
    prop: 'replicas',
    value: 2 ** 31,
    allowed: 'from 0 to 2147483647',
  },
  {
    cls: 2,
    name: 'maxUnavailable over int32',
    build: () => synthCluster({ maxUnavailable: 2 ** 31 }),
    where: 'test/c',
    prop: 'maxUnavailable',
    value: 2 ** 31,
    allowed: 'from 0 to 2147483647',
  },
  {
    cls: 2,
    name: 'a probe period over int32',
    build: () => synthCluster({ probes: new ErlangProbes({ readiness: { tcpSocket: { port: k8s.IntOrString.fromString('http') }, periodSeconds: 2 ** 31 } }) }),
    where: 'test/c',
    prop: 'probes.readiness.periodSeconds',
    value: 2 ** 31,
    allowed: 'from 1 to 2147483647',
  },
  {
    cls: 2,
    name: 'a probe failureThreshold of 0',
    build: () => synthCluster({ probes: new ErlangProbes({ liveness: { tcpSocket: { port: k8s.IntOrString.fromString('http') }, failureThreshold: 0 } }) }),
    where: 'test/c',
    prop: 'probes.liveness.failureThreshold',
    value: 0,
    allowed: 'from 1 to 2147483647',
  },
  {
    cls: 2,
    name: 'a cluster-domain label of 64 characters',
    build: () => synthCluster({ clusterDomain: `${long(64)}.local`, discovery: ClusterDiscovery.none() }),
    where: 'test/c',
    prop: 'clusterDomain',
    value: `${long(64)}.local`,
    allowed: 'labels have at most 63 characters',
  },
  {
    cls: 2,
    name: 'an image repository name of 256 characters',
    build: () => synthCluster({ image: `registry.example.com/${long(235)}:1` }),
    where: 'test/c',
    prop: 'image',
    value: `registry.example.com/${long(235)}:1`,
    allowed: 'at most 255 characters; this one has 256',
  },
  {
    cls: 2,
    name: 'a sha256 digest with 63 hex digits',
    build: () => synthCluster({ image: `app@sha256:${hex(63)}` }),
    where: 'test/c',
    prop: 'image',
    value: `app@sha256:${hex(63)}`,
    allowed: 'sha256 (64)',
  },
  {
    cls: 2,
    name: 'a sha256 digest in upper-case hex',
    build: () => synthCluster({ image: `app@sha256:${hex(64).toUpperCase()}` }),
    where: 'test/c',
    prop: 'image',
    value: `app@sha256:${hex(64).toUpperCase()}`,
    allowed: 'lower-case hex',
  },
  {
    cls: 2,
    name: 'an unknown digest algorithm',
    build: () => synthCluster({ image: `app@md5:${hex(32)}` }),
    where: 'test/c',
    prop: 'image',
    value: `app@md5:${hex(32)}`,
    allowed: 'a known algorithm',
  },
  {
    cls: 2,
    name: 'a sha512 digest of sha256 length',
    build: () => synthCluster({ image: `app@sha512:${hex(64)}` }),
    where: 'test/c',
    prop: 'image',
    value: `app@sha512:${hex(64)}`,
    allowed: 'sha512 (128)',
  },
  {
    cls: 2,
    name: 'a registry port over 65535',
    build: () => synthCluster({ image: 'registry.example.com:70000/app:1' }),
    where: 'test/c',
    prop: 'image',
    value: 'registry.example.com:70000/app:1',
    allowed: 'registry port from 1 to 65535',
  },
  {
    cls: 2,
    name: 'an env value over the kernel limit of 128 KiB',
    build: () => synthCluster({ envVariables: { BIG: EnvValue.fromValue(long(131068)) } }),
    where: 'test/c',
    prop: 'envVariables.BIG',
    value: `${long(40)}...`,
    allowed: '131072 bytes per env string',
  },
  {
    cls: 2,
    name: 'a memory request over its limit',
    build: () => synthCluster({ resources: { memory: { request: Size.gibibytes(2), limit: Size.gibibytes(1) } } }),
    where: 'test/c',
    prop: 'resources.memory.limit',
    value: '1Gi',
    allowed: 'at least the request 2Gi',
  },
  {
    cls: 2,
    name: 'an ephemeral-storage request over its limit',
    build: () => synthCluster({ resources: { ephemeralStorage: { request: Size.gibibytes(2), limit: Size.mebibytes(1500) } } }),
    where: 'test/c',
    prop: 'resources.ephemeralStorage.limit',
    value: '1500Mi',
    allowed: 'at least the request 2Gi',
  },

  // 3. The Erlang runtime contract.
  {
    cls: 3,
    name: 'ERL_ZFLAGS re-pins the dist port',
    build: () => synthCluster({ envVariables: { ERL_ZFLAGS: EnvValue.fromValue('-kernel inet_dist_listen_min 9200 inet_dist_listen_max 9200') } }),
    where: 'test/c',
    prop: 'envVariables.ERL_ZFLAGS',
    value: '-kernel inet_dist_listen_min 9200 inet_dist_listen_max 9200',
    allowed: 'must not set -kernel inet_dist_listen_min, -kernel inet_dist_listen_max in ERL_ZFLAGS',
  },
  {
    cls: 3,
    name: 'ERL_FLAGS switches to -sname',
    build: () => synthCluster({ envVariables: { ERL_FLAGS: EnvValue.fromValue('+K true -sname app') } }),
    where: 'test/c',
    prop: 'envVariables.ERL_FLAGS',
    value: '+K true -sname app',
    allowed: 'must not set -sname in ERL_FLAGS',
  },
  {
    cls: 3,
    name: 'ERL_ZFLAGS moves epmd',
    build: () => synthCluster({ envVariables: { ERL_ZFLAGS: EnvValue.fromValue('-erl_epmd_port 4370') } }),
    where: 'test/c',
    prop: 'envVariables.ERL_ZFLAGS',
    value: '-erl_epmd_port 4370',
    allowed: 'must not set -erl_epmd_port',
  },
  {
    cls: 3,
    name: 'ERL_FLAGS switches the carrier',
    build: () => synthCluster({ envVariables: { ERL_FLAGS: EnvValue.fromValue('-proto_dist inet6_tcp') } }),
    where: 'test/c',
    prop: 'envVariables.ERL_FLAGS',
    value: '-proto_dist inet6_tcp',
    allowed: 'must not set -proto_dist',
  },
  {
    cls: 3,
    name: 'ERL_EPMD_PORT set by the user',
    build: () => synthCluster({ envVariables: { ERL_EPMD_PORT: EnvValue.fromValue('4370') } }),
    where: 'test/c',
    prop: 'envVariables.ERL_EPMD_PORT',
    value: 'ERL_EPMD_PORT',
    allowed: 'moves epmd away from port 4369',
  },
  {
    cls: 3,
    name: 'ERL_AFLAGS set by the user (the construct owns it)',
    build: () => synthCluster({ envVariables: { ERL_AFLAGS: EnvValue.fromValue('+S 2') } }),
    where: 'test/c',
    prop: 'envVariables.ERL_AFLAGS',
    value: 'ERL_AFLAGS',
    allowed: 'is set by ErlangStatefulCluster',
  },
  {
    cls: 3,
    name: 'ERL_DIST_PORT set by the user',
    build: () => synthCluster({ envVariables: { ERL_DIST_PORT: EnvValue.fromValue('9200') } }),
    where: 'test/c',
    prop: 'envVariables.ERL_DIST_PORT',
    value: 'ERL_DIST_PORT',
    allowed: 'is set by ErlangStatefulCluster',
  },
  {
    cls: 3,
    name: 'RELEASE_DISTRIBUTION=sname set by the user',
    build: () => synthCluster({ envVariables: { RELEASE_DISTRIBUTION: EnvValue.fromValue('sname') } }),
    where: 'test/c',
    prop: 'envVariables.RELEASE_DISTRIBUTION',
    value: 'RELEASE_DISTRIBUTION',
    allowed: 'is set by ErlangStatefulCluster',
  },
  {
    cls: 3,
    name: 'RELX_NODE_NAME set by the user',
    build: () => synthCluster({ envVariables: { RELX_NODE_NAME: EnvValue.fromValue('x@y') } }),
    where: 'test/c',
    prop: 'envVariables.RELX_NODE_NAME',
    value: 'RELX_NODE_NAME',
    allowed: 'is set by ErlangStatefulCluster',
  },
  {
    cls: 3,
    name: 'kubernetesApi() with a domain libcluster cannot build',
    build: () => synthCluster({ clusterDomain: 'k8s.example.test', discovery: ClusterDiscovery.kubernetesApi() }),
    where: 'test/c',
    prop: 'discovery',
    value: 'ClusterDiscovery.kubernetesApi()',
    allowed: "one label and '.local'",
  },
  {
    cls: 3,
    name: 'kubernetesApi() with a two-label name before .local',
    build: () => synthCluster({ clusterDomain: 'a.b.local', discovery: ClusterDiscovery.kubernetesApi() }),
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
      synthCluster({
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
      synthCluster({ storage: { mountPath: '/data' }, extraVolumes: [{ name: 'x', emptyDir: {} }], extraVolumeMounts: [{ name: 'x', mountPath: '//data/.' }] }),
    where: 'test/c',
    prop: 'extraVolumeMounts[0].mountPath',
    value: '/data',
    allowed: 'is also the mount path of storage.mountPath',
  },
  {
    cls: 4,
    name: 'a subPath with ..',
    build: () => synthCluster({ extraVolumes: [{ name: 'x', emptyDir: {} }], extraVolumeMounts: [{ name: 'x', mountPath: '/x', subPath: 'a/../../etc' }] }),
    where: 'test/c',
    prop: 'extraVolumeMounts[0].subPath',
    value: 'a/../../etc',
    allowed: "without '..'",
  },
  {
    cls: 4,
    name: 'an absolute subPath',
    build: () => synthCluster({ extraVolumes: [{ name: 'x', emptyDir: {} }], extraVolumeMounts: [{ name: 'x', mountPath: '/x', subPath: '/etc' }] }),
    where: 'test/c',
    prop: 'extraVolumeMounts[0].subPath',
    value: '/etc',
    allowed: 'a relative path',
  },
  {
    cls: 4,
    name: 'storage mounted at /',
    build: () => synthCluster({ storage: { mountPath: '/' } }),
    where: 'test/c',
    prop: 'storage.mountPath',
    value: '/',
    allowed: "other than '/'",
  },
  {
    cls: 4,
    name: 'storage mounted at /./ (still /)',
    build: () => synthCluster({ storage: { mountPath: '/./' } }),
    where: 'test/c',
    prop: 'storage.mountPath',
    value: '/./',
    allowed: "other than '/'",
  },
  {
    cls: 4,
    name: 'a local volume at /',
    build: () => new LocalStorageClass(chart(), 'l', { name: 'l' }).addVolume('v', { name: 'v', nodeName: 'n', path: '/', size: Size.gibibytes(1) }),
    where: 'test/l/v',
    prop: 'path',
    value: '/',
    allowed: "other than '/'",
  },
  {
    cls: 4,
    name: 'a local volume at //',
    build: () => new LocalStorageClass(chart(), 'l', { name: 'l' }).addVolume('v', { name: 'v', nodeName: 'n', path: '//', size: Size.gibibytes(1) }),
    where: 'test/l/v',
    prop: 'path',
    value: '//',
    allowed: "other than '/'",
  },
  {
    cls: 4,
    name: 'a TLS mount path with a space (ERL_AFLAGS splits on it)',
    build: () => synthCluster({ distribution: { tls: { secretName: 't', mountPath: '/etc/dist tls' } } }),
    where: 'test/c',
    prop: 'distribution.tls.mountPath',
    value: '/etc/dist tls',
    allowed: 'which erl splits on white space',
  },
  {
    cls: 4,
    name: 'a TLS mount path with a quote (the optfile is an Erlang string)',
    build: () => synthCluster({ distribution: { tls: { secretName: 't', mountPath: '/etc/"tls' } } }),
    where: 'test/c',
    prop: 'distribution.tls.mountPath',
    value: '/etc/"tls',
    allowed: 'as an Erlang string',
  },
  {
    cls: 4,
    name: 'a TLS mount path with a backslash',
    build: () => synthCluster({ distribution: { tls: { secretName: 't', mountPath: '/etc/tls\\x' } } }),
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
      l.addVolume('v0', { name: 'v0', nodeName: 'n0', path: '/d', size: Size.gibibytes(1) });
      return synthCluster({ storage: { mountPath: '/data', storageClass: l } }, c);
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
      [0, 1, 2].forEach((i) => l.addVolume(`v${i}`, { name: `v${i}`, nodeName: `n${i}`, path: '/d', size: Size.mebibytes(512) }));
      return synthCluster({ storage: { mountPath: '/data', storageClass: l } }, c);
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
      [0, 1, 2].forEach((i) => l.addVolume(`v${i}`, { name: `v${i}`, nodeName: `n${i}`, path: '/d', size: Size.gibibytes(1) }));
      return synthCluster({ storage: { mountPath: '/data', storageClass: l, accessMode: 'ReadWriteOncePod' } }, c);
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
      [0, 1, 2].forEach((i) => l.addVolume(`v${i}`, { name: `v${i}`, nodeName: `n${i}`, path: '/d', size: Size.gibibytes(1) }));
      new ErlangStatefulCluster(c, 'a', { ...BASE, basename: 'a', storage: { mountPath: '/data', storageClass: l } });
      return synthCluster({ storage: { mountPath: '/data', storageClass: l } }, c);
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
      l.addVolume('v0', { name: 'v0', nodeName: 'n', path: '/srv/d', size: Size.gibibytes(1) });
      l.addVolume('v1', { name: 'v1', nodeName: 'n', path: '/srv//d/', size: Size.gibibytes(1) });
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
      new LoadBalancedService(chart(), 's', {
        name: 's',
        type: ServiceType.LOAD_BALANCER,
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
    build: () =>
      new LoadBalancedService(chart(), 's', {
        name: 's',
        selector: { app: 'app' },
        ports: [{ name: 'x', port: 80, targetPort: k8s.IntOrString.fromString('dist') }],
      }),
    where: 'test/s',
    prop: 'ports[0]',
    value: { name: 'x', port: 80, targetPort: k8s.IntOrString.fromString('dist') },
    allowed: 'remote code execution',
  },
  {
    cls: 6,
    name: "a NodePort Service reaching a selected cluster's dist port by number",
    build: () => {
      const c = chart();
      new LoadBalancedService(c, 's', {
        name: 's',
        type: ServiceType.NODE_PORT,
        selector: { app: 'app' },
        ports: [{ name: 'x', port: 80, targetPort: k8s.IntOrString.fromNumber(9100) }],
      });
      return synthCluster({}, c);
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
      new LoadBalancedService(c, 's', {
        name: 's',
        selector: { app: 'app' },
        ports: [{ name: 'http', port: 80, targetPort: k8s.IntOrString.fromNumber(8081) }],
      });
      return synthCluster({}, c);
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
      new LoadBalancedService(c, 's', { name: 's', selector: { app: 'app' }, ports: [{ name: 'http', port: 80 }] });
      return synthCluster({}, c);
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
      return synthCluster({}, c);
    },
    where: 'test/h',
    prop: 'ports[0].targetPort',
    value: 7000,
    allowed: 'must be a container port',
  },
  {
    cls: 6,
    name: 'a probe on a port name the container does not declare',
    build: () => synthCluster({ probes: ErlangProbes.httpGet('/health', k8s.IntOrString.fromString('htp')) }),
    where: 'test/c',
    prop: 'probes.readiness.port',
    value: 'htp',
    allowed: 'must be a port the container declares: epmd (4369), dist (9100), http (8080)',
  },
  {
    cls: 6,
    name: 'a probe on port 0',
    build: () => synthCluster({ probes: ErlangProbes.tcpSocket(k8s.IntOrString.fromNumber(0)) }),
    where: 'test/c',
    prop: 'probes.readiness.port',
    value: 0,
    allowed: 'must be a port the container declares',
  },
  {
    cls: 6,
    name: 'a probe with no handler',
    build: () => synthCluster({ probes: new ErlangProbes({ readiness: { periodSeconds: 5 } }) }),
    where: 'test/c',
    prop: 'probes.readiness',
    value: [],
    allowed: 'must have exactly one handler of exec, httpGet, tcpSocket, grpc',
  },
  {
    cls: 6,
    name: 'a probe with two handlers',
    build: () =>
      synthCluster({ probes: new ErlangProbes({ readiness: { tcpSocket: { port: k8s.IntOrString.fromNumber(8080) }, exec: { command: ['true'] } } }) }),
    where: 'test/c',
    prop: 'probes.readiness',
    value: ['exec', 'tcpSocket'],
    allowed: 'exactly one handler',
  },

  // 11. Cluster-level impossibilities.
  {
    cls: 11,
    name: 'hard spread with every pod pinned to one host',
    build: () => synthCluster({ spread: PodSpread.HARD, nodeSelector: { 'kubernetes.io/hostname': 'node-1' } }),
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
    build: () => new LoadBalancedService(Testing.app(), 's', { name: 's', selector: { app: 'a' }, ports: [{ name: 'http', port: 80 }] }),
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
      new ErlangStatefulCluster(c, 'a', { ...BASE, basename: 'a', networkPolicy: false, distribution: { epmdless: false }, envVariables: {}, appPorts: [] });
      new ErlangStatefulCluster(c, 'b', { basename: 'b', release: ErlangRelease.relx(), image: 'b:1.0', cookie });
    },
  },
  {
    cls: 1,
    name: 'Cpu in millis and units, Size in binary units, a limit equal to its request',
    build: (c) => {
      new ErlangStatefulCluster(c, 'a', {
        ...BASE,
        resources: {
          cpu: { request: Cpu.millis(250), limit: Cpu.units(0.25) },
          memory: { request: Size.mebibytes(256), limit: Size.kibibytes(262144) },
          ephemeralStorage: { request: Size.gibibytes(1.5) },
        },
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
        envVariables: { BIG: EnvValue.fromValue(long(131066)) },
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
        envVariables: {
          ERL_ZFLAGS: EnvValue.fromValue('+S 2:2 +sbwt none -kernel shell_history enabled'),
          ERL_FLAGS: EnvValue.fromValue('+K true'),
          RELEASE_TMP: EnvValue.fromValue('/tmp'),
          RELX_REPLACE_OS_VARS: EnvValue.fromValue('true'),
          ERL_EPMD_ADDRESS_IS_OK: EnvValue.fromValue('x'),
        },
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
      [0, 1, 2].forEach((i) => l.addVolume(`v${i}`, { name: `v${i}`, nodeName: 'n', path: `/srv/d${i}`, size: Size.gibibytes(2) }));
      l.addVolume('v3', { name: 'v3', nodeName: 'other', path: '/srv/d0', size: Size.gibibytes(1) });
      new ErlangStatefulCluster(c, 'a', { ...BASE, storage: { mountPath: '/data', storageClass: l } });
    },
  },
  {
    cls: 6,
    name: 'Services on declared ports by name and number; an opted-in distribution Service; probes on declared ports',
    build: (c) => {
      const a = new ErlangStatefulCluster(c, 'a', { ...BASE, probes: ErlangProbes.httpGet('/health', k8s.IntOrString.fromNumber(8080)) });
      new LoadBalancedService(c, 's', {
        name: 's',
        type: ServiceType.NODE_PORT,
        selector: a.selectorLabels,
        ports: [
          { name: 'http', port: 80, targetPort: k8s.IntOrString.fromNumber(8080) },
          { name: 'alt', port: 81, targetPort: k8s.IntOrString.fromString('http') },
        ],
      });
      new LoadBalancedService(c, 'shell', {
        name: 'shell',
        selector: a.selectorLabels,
        ports: [{ name: 'dist', port: 9100, targetPort: k8s.IntOrString.fromString('dist') }],
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

describe('bad input is a one-line ConfigError at construction or synth', () => {
  test('the table is large enough and its names are distinct', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  test.each(CASES)('$name', ({ build, where, prop, value, allowed }) => {
    const err = configErrorOf(build);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('ConfigError');
    expect(err.where).toBe(where);
    expect(err.prop).toBe(prop);
    expect(err.value).toEqual(value);
    expect(err.allowed).toContain(allowed);
    // One readable line: where, prop, value, what is allowed; no stack trace or source positions.
    const shown = rendered(value);
    const expected = `${where}: invalid ${prop} ${shown.length > 200 ? `${shown.slice(0, 200)}... (${shown.length} chars)` : shown}: ${err.allowed}`;
    expect(err.message).toBe(expected);
    expect(err.message).not.toMatch(/\n|\bat .*\(.*:\d+:\d+\)|\.ts:\d+/);
  });

  test('the message of a literal cookie never repeats the secret', () => {
    const err = configErrorOf(() => cluster({ envVariables: { ERLANG_COOKIE: EnvValue.fromValue('s3cr3t') } }));
    expect(err.message).toBe(
      'test/c: invalid envVariables.ERLANG_COOKIE "ERLANG_COOKIE": must not carry a literal cookie: it would land in dist/ and in git. ' +
        'Use the cookie prop with ErlangCookie.fromSecretName()',
    );
    expect(err.message).not.toContain('s3cr3t');
  });

  test('a long bad value is cut short, so the message stays one readable line', () => {
    const err = configErrorOf(() => cluster({ image: `app:${'x'.repeat(5000)}` }));
    expect(err.message.length).toBeLessThan(500);
    expect(err.message).toContain('... (5006 chars)');
  });

  test('good neighbours of the bad cases construct fine (the checks are not over-eager)', () => {
    const c = chart();
    const a = new ErlangStatefulCluster(c, 'a', {
      ...BASE,
      basename: 'a_node',
      name: long(52),
      headlessServiceName: long(63),
      replicas: 0,
      appPorts: [
        { name: 'http', port: 4370 },
        { name: 'ws', port: 9101 },
      ],
      distribution: { port: 9100 },
      storage: {
        mountPath: '/data',
        size: Size.mebibytes(500),
        accessMode: PersistentVolumeAccessMode.READ_WRITE_ONCE,
        storageClass: StorageClass.fromName('fast.ssd'),
      },
      envVariables: { ERLANG_COOKIE_FILE: EnvValue.fromValue('/etc/cookie'), RELEASE_COOKIE_PATH: EnvValue.fromValue('/x') },
      podMetadata: { labels: { 'example.com/tier': 'back_end', empty: '' } },
      nodeSelector: { 'kubernetes.io/arch': 'amd64' },
      image: 'registry.example.com:5000/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
    });
    // With epmd, peers may listen on different dist ports; epmd-less, 4369 is free for the dist port.
    const b = new ErlangStatefulCluster(c, 'b', { ...BASE, basename: 'b', distribution: { port: 9200 } });
    ErlangStatefulCluster.mesh(a, b);
    const e1 = new ErlangStatefulCluster(c, 'e1', { ...BASE, basename: 'e1', distribution: { port: 4369, epmdless: true } });
    const e2 = new ErlangStatefulCluster(c, 'e2', { ...BASE, basename: 'e2', distribution: { port: 4369, epmdless: true } });
    ErlangStatefulCluster.mesh(e1, e2);
    // Same names in another namespace, the same node port in another app.
    new ErlangStatefulCluster(c, 'a2', { ...BASE, basename: 'a_node', name: long(52), headlessServiceName: long(63), namespace: 'other' });
    svc({ type: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 8080, nodePort: 30080 }] });
    svc({ type: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 8080, nodePort: 30080 }] });
    const report = validateManifests(synthApp(c.node.root as any));
    expect(report).toEqual({ schema: [], invariants: [] });
  });

  test.each(CLASS_CASES)('[$cls] $name', ({ build, where, prop, value, allowed }) => {
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
      expect(CLASS_CASES.filter((c) => c.cls === cls).length).toBeGreaterThanOrEqual(2);
      expect(NEIGHBOURS.filter((n) => n.cls === cls).length).toBeGreaterThanOrEqual(1);
    }
  });
});

/**
 * What no single construct can see. The construct always selects its peers'
 * pods (a peer is an ErlangStatefulCluster of the same app whose selector is its
 * own pod labels, and basenames are unique per namespace), so a NetworkPolicy
 * peer that selects nothing comes from hand-written objects: the manifest
 * checks that synth, the tests and the cdk8s plugin run catch it.
 */
describe('bad objects that only the manifest checks can see', () => {
  /** A valid cluster `app` in namespace default, plus `extra` objects added to its chart. */
  function withCluster(extra: (c: Chart) => void, props: Partial<ErlangStatefulClusterProps> = {}): KubeObject[] {
    const c = chart();
    cluster(props, c);
    extra(c);
    return synthApp(c.node.root as any);
  }
  /** Probes on a port name the container does not declare, as a hand-edited manifest would have (the construct refuses them). */
  function misnamedProbes(): KubeObject[] {
    const objects = withCluster(() => undefined, { probes: ErlangProbes.tcpSocket(k8s.IntOrString.fromString('http')) });
    const container = (objects.find((o) => o.kind === 'StatefulSet') as any).spec.template.spec.containers[0];
    for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) container[probe].tcpSocket.port = 'htp';
    return objects;
  }
  const networkPolicy = (c: Chart, spec: object) =>
    new ApiObject(c, 'np', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow-app', namespace: 'default' }, spec });

  const MANIFEST_CASES: { name: string; objects: () => KubeObject[]; rule: string; object: string; message: string }[] = [
    {
      name: 'a hand-written NetworkPolicy whose from.podSelector selects nothing (typo in the label)',
      objects: () =>
        withCluster((c) =>
          networkPolicy(c, {
            podSelector: { matchLabels: { app: 'app' } },
            ingress: [{ from: [{ podSelector: { matchLabels: { app: 'ap' } } }] }],
          }),
        ),
      rule: 'network-policy-peer-selects-pods',
      object: 'NetworkPolicy/default/allow-app',
      message: 'ingress peer {"matchLabels":{"app":"ap"}} selects no pods in namespace default',
    },
    {
      name: 'a NetworkPolicy peer whose matchExpressions select nothing',
      objects: () =>
        withCluster((c) =>
          networkPolicy(c, {
            podSelector: { matchLabels: { app: 'app' } },
            ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] } }] }],
          }),
        ),
      rule: 'network-policy-peer-selects-pods',
      object: 'NetworkPolicy/default/allow-app',
      message: 'ingress peer {"matchExpressions":[{"key":"app","operator":"In","values":["web","api"]}]} selects no pods in namespace default',
    },
    {
      name: 'a NetworkPolicy peer in a namespace without such pods',
      objects: () =>
        withCluster((c) =>
          networkPolicy(c, {
            podSelector: { matchLabels: { app: 'app' } },
            ingress: [
              { from: [{ podSelector: { matchLabels: { app: 'app' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'prod' } } }] },
            ],
          }),
        ),
      rule: 'network-policy-peer-selects-pods',
      object: 'NetworkPolicy/default/allow-app',
      message: 'ingress peer {"matchLabels":{"app":"app"}} selects no pods in namespace prod',
    },
    {
      name: 'a LoadBalancedService whose selector matches no cluster',
      objects: () => withCluster((c) => svc({ selector: { app: 'ap' } }, c)),
      rule: 'selector-matches-pods',
      object: 'Service/default/app-svc',
      message: 'selector {"app":"ap"} matches no pod template in namespace default',
    },
    {
      name: "a LoadBalancedService whose named targetPort is not one of the pods' ports",
      objects: () => withCluster((c) => svc({ ports: [{ name: 'http', port: 80, targetPort: k8s.IntOrString.fromString('htp') }] }, c)),
      rule: 'service-target-port-exists',
      object: 'Service/default/app-svc',
      message: 'targetPort htp is not a container port name of StatefulSet/default/app-sfs; the Service gets no endpoints there',
    },
    {
      name: 'probes on a port name the container does not declare',
      objects: misnamedProbes,
      rule: 'probe-port-declared',
      object: 'StatefulSet/default/app-sfs',
      message: 'container app: readinessProbe uses port htp, which the container does not declare; the probe can never succeed',
    },
    {
      name: "a hand-written Deployment whose pods carry the cluster's app label",
      objects: () =>
        withCluster(
          (c) =>
            new ApiObject(c, 'dep', {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              metadata: { name: 'sidecar', namespace: 'default' },
              spec: {
                selector: { matchLabels: { role: 'sidecar' } },
                template: { metadata: { labels: { app: 'app', role: 'sidecar' } }, spec: { containers: [{ name: 's', image: 'busybox' }] } },
              },
            }),
        ),
      rule: 'selector-overlap',
      object: 'StatefulSet/default/app-sfs',
      message: 'selector {"matchLabels":{"app":"app"}} also selects the pods of Deployment/default/sidecar; the controllers would fight over them',
    },
    {
      name: 'a hand-edited StatefulSet mounting two volumes at one path',
      objects: () =>
        withCluster(() => undefined, { storage: { mountPath: '/data' }, securityProfile: SecurityProfile.HARDENED }).map((o: any) => {
          if (o.kind === 'StatefulSet') o.spec.template.spec.containers[0].volumeMounts[0].mountPath = '/tmp';
          return o;
        }),
      rule: 'mount-path-unique',
      object: 'StatefulSet/default/app-sfs',
      message: 'container app mounts both app-volume and tmp at /tmp; the apiserver refuses that',
    },
  ];

  test.each(MANIFEST_CASES)('$name', ({ objects, rule, object, message }) => {
    const violations = checkManifests(objects()).filter((v) => v.rule === rule);
    expect(violations).toContainEqual({ rule, object, message });
  });

  test('the probe case is reported once per probe, and nothing else is wrong with it', () => {
    const objects = misnamedProbes();
    expect(checkManifests(objects).map((v) => `${v.rule} ${v.message.split(' uses ')[0]}`)).toEqual([
      'probe-port-declared container app: readinessProbe',
      'probe-port-declared container app: livenessProbe',
      'probe-port-declared container app: startupProbe',
    ]);
  });

  test('a default-deny NetworkPolicy (empty podSelector) and an allow-all-in-namespace peer are not false alarms', () => {
    const objects = withCluster((c) => {
      new ApiObject(c, 'deny', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'default-deny', namespace: 'default' },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      });
      networkPolicy(c, { podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, ingress: [{ from: [{ podSelector: {} }] }] });
    });
    expect(validateManifests(objects)).toEqual({ schema: [], invariants: [] });
  });
});

describe('valid neighbours still construct, synthesize and validate clean', () => {
  test.each(NEIGHBOURS)('[$cls] $name', ({ build }) => {
    const c = chart();
    build(c);
    expect(validateManifests(synthApp(c.node.root as any))).toEqual({ schema: [], invariants: [] });
  });
});

// ---------------------------------------------------------------------------
// 7. What readers of the YAML see.

describe('[7] strings a YAML 1.1 reader or kubectl would read as numbers, booleans or null are quoted', () => {
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
    const envVariables = Object.fromEntries(RISKY.map((value, i) => [`V${i}`, EnvValue.fromValue(value)]));
    if (multiline) envVariables.MULTI = EnvValue.fromValue('line 1\nline 2');
    new ErlangStatefulCluster(c, 'c', { ...BASE, envVariables, podMetadata: { labels: { umask: '0o022', hex: '0X1F' } } });
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
    const text = fs.readFileSync(path.join(__dirname, '..', '..', 'dist', 'erlang-docker.k8s.yaml'), 'utf8');
    const as11 = parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJSON());
    const as12 = parseAllDocuments(text, { version: '1.2' }).map((d) => d.toJSON());
    expect(as11).toEqual(as12);
    expect(as11.length).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------
// 8. The config file and the environment.

describe('[8] the config file and ERLANG_DOCKER_REGISTRY', () => {
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

describe('[10] node identity rules on the written objects', () => {
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
// Properties across the classes (seeded; FC_SEED and FC_SCALE as in ../constructs/properties.test.ts).

describe('properties across the classes', () => {
  const SEED = process.env.FC_SEED === undefined ? 20241130 : Number(process.env.FC_SEED);
  const SCALE = Number(process.env.FC_SCALE ?? 1);
  const runs = (n: number) => ({ seed: SEED, numRuns: Math.round(n * SCALE) });
  const KEYS = [...(ERLANG_STATEFUL_CLUSTER_PROPS as Extract<Shape, { kind: 'object' }>).keys];

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
      imagePullSecrets: 'array',
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
          expect(configErrorOf(() => synthCluster(props)).allowed).toContain('is also the mount path of storage.mountPath');
        } else {
          expect(() => synthCluster(props)).not.toThrow();
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
        if (ok) expect(() => synthCluster({ image })).not.toThrow();
        else expect(configErrorOf(() => synthCluster({ image })).prop).toBe('image');
      }),
      runs(50),
    );
  });
});
