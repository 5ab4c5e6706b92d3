/**
 * Issue 6: bad input never reaches the cluster. Every case builds something
 * wrong and must fail at construction with a ConfigError that names where (the
 * construct path), the prop, the bad value and what is allowed, on one line.
 * Mistakes that only show across objects (hand-written ApiObjects, selectors
 * that match nothing) are caught by the manifest checks that synth runs; they
 * are at the end.
 */
import { ApiObject, Chart, Testing } from 'cdk8s';
import {
  ClusterDiscovery,
  DiscoveryResource,
  DistPortPin,
  ErlangCookie,
  ErlangProbes,
  ErlangStatefulCluster,
  ErlangStatefulClusterProps,
  HeadlessService,
  LoadBalancedServiceType,
  LoadBalancedSvc,
  LocalReclaimPolicy,
  LocalStorageClass,
  PodManagement,
  PodSpread,
  ResourcesPreset,
  Schedulers,
  SecurityProfile,
  ErlangRelease,
} from 'cdk8s-erlang-cluster';
import * as k8s from '../imports/k8s';
import { checkManifests, KubeObject } from '../lib/validation/manifests';
import { validateManifests } from '../lib/validation/validate';
import { BadCase, configErrorOf, synthApp } from './helpers';

const cookie = ErlangCookie.fromSecret('app-cookie');
const BASE: ErlangStatefulClusterProps = {
  basename: 'app',
  release: ErlangRelease.relx(),
  image: 'registry:5000/team/app:1.0',
  cookie,
  appPorts: [{ name: 'http', port: 8080 }],
};

/** A chart named `test` in a fresh app, so construct paths are `test/<id>`. */
const chart = () => new Chart(Testing.app(), 'test');
/** A cluster `test/c` with BASE props overridden by `props`. */
const cluster = (props: Partial<ErlangStatefulClusterProps>, scope: Chart = chart()) => new ErlangStatefulCluster(scope, 'c', { ...BASE, ...props });
const svc = (props: Partial<ConstructorParameters<typeof LoadBalancedSvc>[2]>, scope: Chart = chart(), id = 'svc') =>
  new LoadBalancedSvc(scope, id, { name: 'app-svc', selector: { app: 'app' }, ports: [{ name: 'http', port: 8080 }], ...props });

const long = (n: number) => 'a'.repeat(n);
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
    name: 'LoadBalancedSvc name of 64 chars (over 63)',
    build: () => svc({ name: long(64) }),
    where: 'test/svc',
    prop: 'name',
    value: long(64),
    allowed: 'Service name (DNS-1035 label) of at most 63 characters',
  },
  {
    name: 'LoadBalancedSvc name ending in a hyphen',
    build: () => svc({ name: 'app-' }),
    where: 'test/svc',
    prop: 'name',
    value: 'app-',
    allowed: 'starting with a letter and ending with a letter or digit',
  },
  {
    name: 'LoadBalancedSvc name starting with a digit (the apiserver wants DNS-1035)',
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
    name: 'fractional terminationGracePeriodSeconds',
    build: () => cluster({ terminationGracePeriodSeconds: 0.5 }),
    where: 'test/c',
    prop: 'terminationGracePeriodSeconds',
    value: 0.5,
    allowed: 'must be an integer >= 0',
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
    name: 'a named targetPort that is not an IANA service name',
    build: () => svc({ ports: [{ name: 'http', port: 80, targetPort: 'http_port' }] }),
    where: 'test/svc',
    prop: 'ports[0].targetPort',
    value: 'http_port',
    allowed: 'IANA service name',
  },

  // Node ports
  {
    name: 'node port below 30000',
    build: () => svc({ type: LoadBalancedServiceType.NODE_PORT, ports: [{ name: 'http', port: 8080, nodePort: 8080 }] }),
    where: 'test/svc',
    prop: 'ports[0].nodePort',
    value: 8080,
    allowed: 'must be an integer from 30000 to 32767',
  },
  {
    name: 'node port above 32767',
    build: () => svc({ type: LoadBalancedServiceType.LOAD_BALANCER, ports: [{ name: 'http', port: 8080, nodePort: 32768 }] }),
    where: 'test/svc',
    prop: 'ports[0].nodePort',
    value: 32768,
    allowed: 'from 30000 to 32767',
  },
  {
    name: 'node port reused by a second Service in the same app',
    build: () => {
      const c = chart();
      svc({ name: 'a-svc', type: LoadBalancedServiceType.NODE_PORT, ports: [{ name: 'http', port: 8080, nodePort: 30080 }] }, c, 'svc-a');
      svc({ name: 'b-svc', type: LoadBalancedServiceType.NODE_PORT, ports: [{ name: 'ws', port: 9090, nodePort: 30080 }] }, c, 'svc-b');
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
      svc({ name: 'one-svc', type: LoadBalancedServiceType.NODE_PORT, ports: [{ name: 'http', port: 8080, nodePort: 30080 }] }, new Chart(app, 'one'));
      svc({ name: 'two-svc', type: LoadBalancedServiceType.NODE_PORT, ports: [{ name: 'http', port: 8080, nodePort: 30080 }] }, new Chart(app, 'two'));
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
    name: "storage size '1GB' is not a Kubernetes quantity",
    build: () => cluster({ storage: { mountPath: '/data', size: '1GB' } }),
    where: 'test/c',
    prop: 'storage.size',
    value: '1GB',
    allowed: 'positive Kubernetes quantity',
  },
  {
    name: 'storage size zero',
    build: () => cluster({ storage: { mountPath: '/data', size: '0Gi' } }),
    where: 'test/c',
    prop: 'storage.size',
    value: '0Gi',
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
    build: () => cluster({ storage: { mountPath: '/data', accessMode: 'ReadWriteSometimes' } }),
    where: 'test/c',
    prop: 'storage.accessMode',
    value: 'ReadWriteSometimes',
    allowed: "must be one of 'ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'",
  },
  {
    name: 'StorageClass name with upper case',
    build: () => cluster({ storage: { mountPath: '/data', storageClass: 'Fast_SSD' } }),
    where: 'test/c',
    prop: 'storage.storageClass',
    value: 'Fast_SSD',
    allowed: 'DNS name',
  },
  {
    name: 'local volume with a relative path',
    build: () => new LocalStorageClass(chart(), 'sc', { name: 'local' }).addVolume('v0', { name: 'v0', nodeName: 'w1', path: 'mnt/disk', size: '1Gi' }),
    where: 'test/sc/v0',
    prop: 'path',
    value: 'mnt/disk',
    allowed: 'absolute path',
  },
  {
    name: 'two local volumes on the same directory of one node',
    build: () => {
      const sc = new LocalStorageClass(chart(), 'sc', { name: 'local' });
      sc.addVolume('v0', { name: 'v0', nodeName: 'w1', path: '/mnt/disk', size: '1Gi' });
      sc.addVolume('v1', { name: 'v1', nodeName: 'w1', path: '/mnt/disk', size: '1Gi' });
    },
    where: 'test/sc/v1',
    prop: 'path',
    value: '/mnt/disk',
    allowed: 'is already used by test/sc/v0; each local volume needs its own directory',
  },

  // Cookie and peers
  {
    name: 'cookie Secret key that is empty',
    build: () => ErlangCookie.fromSecret('x', ''),
    where: 'ErlangCookie.fromSecret',
    prop: 'key',
    value: '',
    allowed: 'non-empty Secret key',
  },
  {
    name: 'cookie Secret name that is not a DNS name',
    build: () => ErlangCookie.fromSecret('My Secret'),
    where: 'ErlangCookie.fromSecret',
    prop: 'secretName',
    value: 'My Secret',
    allowed: 'DNS name',
  },
  {
    name: 'cookie that is a number',
    build: () => cluster({ cookie: 42 as unknown as ErlangCookie }),
    where: 'test/c',
    prop: 'cookie',
    value: 42,
    allowed: "must be an ErlangCookie, e.g. ErlangCookie.fromSecret('my-cookie'), a cdk8s-plus ISecret or a Secret name",
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
      const b = new ErlangStatefulCluster(c, 'b', { ...BASE, basename: 'b', cookie: ErlangCookie.fromSecret('other-cookie') });
      ErlangStatefulCluster.mesh(a, b);
    },
    where: 'test/a',
    prop: 'peer',
    value: 'test/b',
    allowed: 'uses cookie other-cookie/cookie but this cluster uses app-cookie/cookie',
  },
  {
    name: "extraEnv overriding the hardened profile's RELEASE_TMP",
    build: () => cluster({ securityProfile: SecurityProfile.HARDENED, extraEnv: [{ name: 'RELEASE_TMP', value: '/var/tmp' }] }),
    where: 'test/c',
    prop: 'extraEnv[0].name',
    value: 'RELEASE_TMP',
    allowed: 'is set by ErlangStatefulCluster',
  },
  {
    name: 'a service domain env named like an extraEnv entry',
    build: () => {
      const c = chart();
      const a = cluster({ extraEnv: [{ name: 'B_SERVICE_DOMAIN', value: 'x' }] }, c);
      a.addServiceDomain('B_SERVICE_DOMAIN', svc({}, c));
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
    name: 'literal cookie in extraEnv (ERLANG_COOKIE)',
    build: () => cluster({ extraEnv: [{ name: 'ERLANG_COOKIE', value: 's3cr3t' }] }),
    where: 'test/c',
    prop: 'extraEnv[0]',
    value: 'ERLANG_COOKIE',
    allowed: 'must not carry a literal cookie',
  },
  {
    name: 'literal cookie in extraEnv (RELEASE_COOKIE, which the construct owns)',
    build: () => cluster({ extraEnv: [{ name: 'RELEASE_COOKIE', value: 's3cr3t' }] }),
    where: 'test/c',
    prop: 'extraEnv[0].name',
    value: 'RELEASE_COOKIE',
    allowed: 'is set by ErlangStatefulCluster; use the matching prop instead',
  },
  {
    name: 'literal cookie in extraEnv (-setcookie in ERL_ZFLAGS)',
    build: () =>
      cluster({
        extraEnv: [
          { name: 'TZ', value: 'UTC' },
          { name: 'ERL_ZFLAGS', value: '-setcookie s3cr3t' },
        ],
      }),
    where: 'test/c',
    prop: 'extraEnv[1]',
    value: 'ERL_ZFLAGS',
    allowed: 'must not pass -setcookie',
  },
  {
    name: 'extraEnv redefining the node name',
    build: () => cluster({ extraEnv: [{ name: 'RELEASE_NODE', value: 'x@y' }] }),
    where: 'test/c',
    prop: 'extraEnv[0].name',
    value: 'RELEASE_NODE',
    allowed: 'is set by ErlangStatefulCluster',
  },
  {
    name: 'extraEnv name that is not a shell variable',
    build: () => cluster({ extraEnv: [{ name: '1X', value: 'y' }] }),
    where: 'test/c',
    prop: 'extraEnv[0].name',
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
    build: () => svc({ type: 'Foo' as unknown as LoadBalancedServiceType }),
    where: 'test/svc',
    prop: 'type',
    value: 'Foo',
    allowed: "must be one of 'ClusterIP', 'NodePort', 'LoadBalancer'",
  },
  {
    name: "podManagementPolicy 'Sometimes'",
    build: () => cluster({ podManagementPolicy: 'Sometimes' as unknown as PodManagement }),
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
    build: () => cluster({ imagePullPolicy: 'Sometimes' }),
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
    build: () => new LocalStorageClass(chart(), 'sc', { name: 'local', reclaimPolicy: 'Recycle' as unknown as LocalReclaimPolicy }),
    where: 'test/sc',
    prop: 'reclaimPolicy',
    value: 'Recycle',
    allowed: "must be one of 'Retain', 'Delete'",
  },

  // Labels and selectors
  {
    name: "podLabels overriding the selector label 'app'",
    build: () => cluster({ podLabels: { app: 'other' } }),
    where: 'test/c',
    prop: 'podLabels key',
    value: 'app',
    allowed: 'is set by the construct to select its pods',
  },
  {
    name: 'podLabels value with a space',
    build: () => cluster({ podLabels: { tier: 'back end' } }),
    where: 'test/c',
    prop: 'podLabels.tier',
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
    name: "a LoadBalancedSvc named like a cluster's headless Service",
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
    name: 'empty preStop command',
    build: () => cluster({ preStopCommand: [] }),
    where: 'test/c',
    prop: 'preStopCommand',
    value: [],
    allowed: 'must be a non-empty command',
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
  // Production defaults (issue 10)
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
    build: () => cluster({ resources: { requests: { memory: k8s.Quantity.fromString('1Gi') }, limits: { memory: k8s.Quantity.fromString('512Mi') } } }),
    where: 'test/c',
    prop: 'resources.limits.memory',
    value: '512Mi',
    allowed: 'must be at least the request 1Gi',
  },
  {
    name: 'a CPU request that is not a quantity',
    build: () => cluster({ resources: { requests: { cpu: k8s.Quantity.fromString('one') } } }),
    where: 'test/c',
    prop: 'resources.requests.cpu',
    value: 'one',
    allowed: 'positive Kubernetes quantity',
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
    build: () => cluster({ addCapabilities: ['CAP_NET_RAW'] }),
    where: 'test/c',
    prop: 'addCapabilities[0]',
    value: 'CAP_NET_RAW',
    allowed: "'NET_RAW'",
  },
  {
    name: 'capabilities added to the hardened profile',
    build: () => cluster({ securityProfile: SecurityProfile.HARDENED, addCapabilities: ['NET_BIND_SERVICE'] }),
    where: 'test/c',
    prop: 'addCapabilities',
    value: ['NET_BIND_SERVICE'],
    allowed: 'only allowed with SecurityProfile.ROOT_COMPATIBLE',
  },
  {
    name: 'unknown unhealthy-pod eviction policy',
    build: () => cluster({ unhealthyPodEvictionPolicy: 'Never' }),
    where: 'test/c',
    prop: 'unhealthyPodEvictionPolicy',
    value: 'Never',
    allowed: "'AlwaysAllow', 'IfHealthyBudget'",
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
    name: 'PodMonitor interval that is not a duration',
    build: () => cluster({ metrics: { podMonitor: { interval: '30 seconds' } } }),
    where: 'test/c',
    prop: 'metrics.podMonitor.interval',
    value: '30 seconds',
    allowed: 'Prometheus duration',
  },
  {
    name: 'cert-manager issuer of an unknown kind',
    build: () => cluster({ distribution: { tls: { secretName: 'dist-tls', issuer: { name: 'ca', kind: 'CAIssuer' } } } }),
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
    build: () => cluster({ egress: { to: [{ namespace: 'db', ports: [{ port: 53, protocol: 'ICMP' }] }] } }),
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
      cluster({}, c).addServiceDomain('B-SVC', svc({}, c));
    },
    where: 'test/c',
    prop: 'serviceDomain envName',
    value: 'B-SVC',
    allowed: 'environment variable name',
  },
];

/** The ConfigError that `build` throws; anything else fails the test. */

/** How a value is rendered in the message. */
const rendered = (v: unknown) => (typeof v === 'number' ? String(v) : JSON.stringify(v));

describe('bad input is a ConfigError at construction', () => {
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
    const err = configErrorOf(() => cluster({ extraEnv: [{ name: 'ERLANG_COOKIE', value: 's3cr3t' }] }));
    expect(err.message).toBe(
      'test/c: invalid extraEnv[0] "ERLANG_COOKIE": must not carry a literal cookie: it would land in dist/ and in git. ' +
        'Use the cookie prop with ErlangCookie.fromSecret()',
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
      storage: { mountPath: '/data', size: '500Mi', accessMode: 'ReadWriteOnce', storageClass: 'fast.ssd' },
      extraEnv: [
        { name: 'ERLANG_COOKIE_FILE', value: '/etc/cookie' },
        { name: 'RELEASE_COOKIE_PATH', value: '/x' },
      ],
      podLabels: { 'example.com/tier': 'back_end', empty: '' },
      nodeSelector: { 'kubernetes.io/arch': 'amd64' },
      image: 'registry.example.com:5000/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      imagePullPolicy: 'IfNotPresent',
    });
    // With epmd, peers may listen on different dist ports; epmd-less, 4369 is free for the dist port.
    const b = new ErlangStatefulCluster(c, 'b', { ...BASE, basename: 'b', distribution: { port: 9200 } });
    ErlangStatefulCluster.mesh(a, b);
    const e1 = new ErlangStatefulCluster(c, 'e1', { ...BASE, basename: 'e1', distribution: { port: 4369, epmdless: true } });
    const e2 = new ErlangStatefulCluster(c, 'e2', { ...BASE, basename: 'e2', distribution: { port: 4369, epmdless: true } });
    ErlangStatefulCluster.mesh(e1, e2);
    // Same names in another namespace, the same node port in another app.
    new ErlangStatefulCluster(c, 'a2', { ...BASE, basename: 'a_node', name: long(52), headlessServiceName: long(63), namespace: 'other' });
    svc({ type: LoadBalancedServiceType.NODE_PORT, ports: [{ name: 'http', port: 8080, nodePort: 30080 }] });
    svc({ type: LoadBalancedServiceType.NODE_PORT, ports: [{ name: 'http', port: 8080, nodePort: 30080 }] });
    const report = validateManifests(synthApp(c.node.root as any));
    expect(report).toEqual({ schema: [], invariants: [] });
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
    const objects = withCluster(() => undefined, { probes: ErlangProbes.tcpSocket('http') });
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
      name: 'a LoadBalancedSvc whose selector matches no cluster',
      objects: () => withCluster((c) => svc({ selector: { app: 'ap' } }, c)),
      rule: 'selector-matches-pods',
      object: 'Service/default/app-svc',
      message: 'selector {"app":"ap"} matches no pod template in namespace default',
    },
    {
      name: "a LoadBalancedSvc whose named targetPort is not one of the pods' ports",
      objects: () => withCluster((c) => svc({ ports: [{ name: 'http', port: 80, targetPort: 'htp' }] }, c)),
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
