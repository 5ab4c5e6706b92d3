/**
 * How a cluster reaches out (lib/constructs/cluster/{egress,peers,discovery}.ts): the egress
 * options (their exact errors, the rules they become, and opt-in egress on a whole chart), peers
 * (what two clusters must agree on to mesh), service domains, and the discovery strategies' pod parts.
 */
import { EnvValue } from 'cdk8s-plus-28';
import { Chart, Testing } from 'cdk8s';
import { Protocol } from 'cdk8s-plus-28';
import {
  ClusterDiscovery,
  DiscoveryResource,
  DiscoveryStrategy,
  EgressOptions,
  ErlangStatefulCluster,
  ErlangStatefulClusterProps,
  ErlangRelease,
} from 'cdk8s-erlang-cluster';
import { egressRules } from '../../../lib/constructs/cluster/egress';
import { IntOrString } from '../../../imports/k8s';
import { BASE, buildError, buildCluster, cookie } from '../../fixtures/constructs';
import { checkManifests, KubeObject } from '../../../lib/validation/manifests';
import { find, outcomeOf, thrownConfigError, synthValid } from '../../helpers';

describe('egress options', () => {
  const egress = (e: unknown, more: Partial<ErlangStatefulClusterProps> = {}) => buildError({ networkPolicy: true, egress: e as EgressOptions, ...more });
  const EITHER = 'takes either cidr or namespace and podLabels, not both';
  const LABEL = "must be a DNS-1123 label of at most 63 characters: lower-case letters, digits and '-', starting and ending with a letter or digit";
  const NON_EMPTY = 'must name at least one label; an empty selector selects no pods';

  test('the DNS target: a CIDR alone, or a namespace and pod labels, each checked', () => {
    expect(egress({ dns: { cidr: '169.254.20.10/32' } })).toBe('ok');
    expect(egress({ dns: { namespace: 'dns', podLabels: { app: 'dns' } } })).toBe('ok');
    expect(egress({ dns: { cidr: '10.0.0.10/32', namespace: 'x' } })).toBe(`test/c: invalid egress.dns {"cidr":"10.0.0.10/32","namespace":"x"}: ${EITHER}`);
    expect(egress({ dns: { cidr: '10.0.0.10/32', podLabels: { a: 'b' } } })).toBe(
      `test/c: invalid egress.dns {"cidr":"10.0.0.10/32","podLabels":{"a":"b"}}: ${EITHER}`,
    );
    expect(egress({ dns: { cidr: 'nope' } })).toBe("test/c: invalid egress.dns.cidr \"nope\": must be a CIDR such as '10.0.0.0/8' or 'fd00::/8'");
    expect(egress({ dns: { namespace: 'Kube_System' } })).toBe(`test/c: invalid egress.dns.namespace "Kube_System": ${LABEL}`);
    expect(egress({ dns: { podLabels: {} } })).toBe(`test/c: invalid egress.dns.podLabels {}: ${NON_EMPTY}`);
  });

  test('each destination: target, except only with a CIDR, at least one valid port', () => {
    const to = (...d: unknown[]) => egress({ to: d });
    expect(to({ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'], ports: [{ port: 5432, protocol: 'TCP' }] }, { namespace: 'db', ports: [{ port: 5432 }] })).toBe(
      'ok',
    );
    expect(to({ namespace: 'db', ports: [{ port: 1 }] }, { cidr: '10.0.0.0/8', namespace: 'db', ports: [{ port: 1 }] })).toBe(
      `test/c: invalid egress.to[1] {"cidr":"10.0.0.0/8","namespace":"db","ports":[{"port":1}]}: ${EITHER}`,
    );
    expect(to({ namespace: 'DB', ports: [{ port: 1 }] })).toBe(`test/c: invalid egress.to[0].namespace "DB": ${LABEL}`);
    expect(to({ podLabels: {}, ports: [{ port: 1 }] })).toBe(`test/c: invalid egress.to[0].podLabels {}: ${NON_EMPTY}`);
    expect(to({ namespace: 'db', except: ['10.0.0.1/32'], ports: [{ port: 1 }] })).toBe(
      'test/c: invalid egress.to[0].except ["10.0.0.1/32"]: is only allowed with cidr',
    );
    expect(to({ cidr: '10.0.0.0/8', except: ['x'], ports: [{ port: 1 }] })).toBe(
      "test/c: invalid egress.to[0].except[0] \"x\": must be a CIDR such as '10.0.0.0/8' or 'fd00::/8'",
    );
    expect(to({ namespace: 'db', ports: [] })).toBe('test/c: invalid egress.to[0].ports []: must list at least one port');
    expect(to({ namespace: 'db', ports: [{ port: 0 }] })).toBe('test/c: invalid egress.to[0].ports[0].port 0: must be an integer from 1 to 65535');
  });

  test('kubernetesApi discovery needs a CIDR destination (the API server); any one of them will do', () => {
    const api = (e: EgressOptions) => egress(e, { discovery: ClusterDiscovery.kubernetesApi() });
    const MESSAGE =
      "must include the API server for kubernetesApi discovery, e.g. { cidr: '10.96.0.1/32', ports: [{ port: 443 }] } and its endpoints' addresses on 6443";
    expect(api({})).toBe(`test/c: invalid egress.to []: ${MESSAGE}`);
    expect(api({ to: [{ namespace: 'db', ports: [{ port: 5432 }] }] })).toBe(
      `test/c: invalid egress.to [{"namespace":"db","ports":[{"port":5432}]}]: ${MESSAGE}`,
    );
    expect(
      api({
        to: [
          { namespace: 'db', ports: [{ port: 5432 }] },
          { cidr: '10.96.0.1/32', ports: [{ port: 443 }] },
        ],
      }),
    ).toBe('ok');
    expect(
      api({
        to: [
          { cidr: '10.96.0.1/32', ports: [{ port: 443 }] },
          { namespace: 'db', ports: [{ port: 5432 }] },
        ],
      }),
    ).toBe('ok');
    // DNS SRV discovery reads no API: no destination needed.
    expect(egress({})).toBe('ok');
  });
});

describe('egressRules', () => {
  const tcp = (port: number) => ({ port: IntOrString.fromNumber(port), protocol: 'TCP' });
  const dnsRule = {
    to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
    ports: [{ port: IntOrString.fromNumber(53), protocol: 'UDP' }, tcp(53)],
  };

  test('mesh members share a rule only when their ports are the same list', () => {
    // With ports joined without a separator, [4369, 1] and [43691] would read as one list.
    const mesh = [
      { namespace: 'prod', selectorLabels: { app: 'a' }, ports: [4369, 1] },
      { namespace: 'prod', selectorLabels: { app: 'b' }, ports: [43691] },
      { namespace: 'dev', selectorLabels: { app: 'c' }, ports: [4369, 1] },
    ];
    expect(egressRules({}, mesh, 'prod')).toEqual([
      dnsRule,
      {
        to: [
          { podSelector: { matchLabels: { app: 'a' } } },
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dev' } }, podSelector: { matchLabels: { app: 'c' } } },
        ],
        ports: [tcp(4369), tcp(1)],
      },
      { to: [{ podSelector: { matchLabels: { app: 'b' } } }], ports: [tcp(43691)] },
    ]);
  });
});

describe('peers', () => {
  /** Two clusters in one app; the error of a.addPeer(b), or 'ok'. */
  const peerError = (a: Partial<ErlangStatefulClusterProps>, b: Partial<ErlangStatefulClusterProps>): string => {
    const chart = new Chart(Testing.app(), 'test');
    const x = new ErlangStatefulCluster(chart, 'A', { ...BASE, ...a });
    const y = new ErlangStatefulCluster(chart, 'B', { ...BASE, basename: 'b', ...b });
    return outcomeOf(() => x.addPeer(y));
  };
  const tls = { secretName: 'dist-tls' };
  const SAME = 'peers must speak the same distribution to connect';

  test('one DNS domain', () => {
    expect(peerError({}, { clusterDomain: 'other.local', discovery: ClusterDiscovery.none() })).toBe(
      "test/A: invalid peer \"test/B\": uses clusterDomain 'other.local' but this cluster uses 'cluster.local'; peers in one Kubernetes cluster share its DNS domain",
    );
  });

  test('one distribution: TLS or TCP, with epmd or without it on one port', () => {
    expect(peerError({}, {})).toBe('ok');
    expect(peerError({ distribution: { tls } }, { distribution: { tls } })).toBe('ok');
    expect(peerError({ distribution: { epmdless: true } }, { distribution: { epmdless: true } })).toBe('ok');
    // With epmd, each cluster may listen on its own dist port.
    expect(peerError({ distribution: { port: 9100 } }, { distribution: { port: 9200 } })).toBe('ok');
    expect(peerError({ distribution: { tls } }, {})).toBe(
      `test/A: invalid peer "test/B": uses TCP distribution with epmd but this cluster uses TLS distribution with epmd; ${SAME}`,
    );
    expect(peerError({}, { distribution: { epmdless: true } })).toBe(
      `test/A: invalid peer "test/B": uses TCP distribution without epmd on port 9100 but this cluster uses TCP distribution with epmd; ${SAME}`,
    );
    expect(peerError({ distribution: { epmdless: true, tls } }, { distribution: { epmdless: true, port: 9200, tls } })).toBe(
      `test/A: invalid peer "test/B": uses TLS distribution without epmd on port 9200 but this cluster uses TLS distribution without epmd on port 9100; ${SAME}`,
    );
  });
});

describe('addServiceDomain', () => {
  const domainEnv = (props: Partial<ErlangStatefulClusterProps>, f: (c: ErlangStatefulCluster) => void): unknown => {
    const chart = new Chart(Testing.app(), 'test');
    const c = buildCluster({ namespace: 'prod', ...props }, BASE, chart);
    const thrown = thrownConfigError(() => f(c));
    if (thrown) return thrown.message;
    const sts = Testing.synth(chart).find((o) => o.kind === 'StatefulSet');
    return sts.spec.template.spec.containers[0].env.filter(
      (e: { name: string }) => e.name.endsWith('_DOMAIN') && !['ERLANG_CLUSTER_DOMAIN', 'CLUSTER_DOMAIN'].includes(e.name),
    );
  };
  const SERVICE = "must be the Service's name, and its namespace the next argument, e.g. addServiceDomain('WEB_DOMAIN', web.name, web.namespace)";
  const SERVICE_NAME =
    "must be a Service name (DNS-1035 label) of at most 63 characters: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit";
  const TAKEN = 'is already defined in this container; choose another name';

  test("the namespace: given, else the cluster's own", () => {
    expect(
      domainEnv({}, (c) => {
        c.addServiceDomain('PLAIN_DOMAIN', 'plain');
        c.addServiceDomain('SAME_DOMAIN', 'same', 'prod');
        c.addServiceDomain('OTHER_DOMAIN', 'other', 'dev');
      }),
    ).toEqual([
      { name: 'PLAIN_DOMAIN', value: 'plain' },
      { name: 'SAME_DOMAIN', value: 'same' },
      { name: 'OTHER_DOMAIN', value: 'other.dev.svc.cluster.local' },
    ]);
  });

  test('the env name: valid, and not one the container already has or the construct may set', () => {
    expect(domainEnv({}, (c) => c.addServiceDomain('1_DOMAIN', 's'))).toBe(
      'test/c: invalid serviceDomain envName "1_DOMAIN": must be an environment variable name: letters, digits and _, not starting with a digit',
    );
    expect(domainEnv({ envVariables: { MY_DOMAIN: EnvValue.fromValue('x') } }, (c) => c.addServiceDomain('MY_DOMAIN', 's'))).toBe(
      `test/c: invalid serviceDomain envName "MY_DOMAIN": ${TAKEN}`,
    );
    expect(
      domainEnv({}, (c) => {
        c.addServiceDomain('S_DOMAIN', 's');
        c.addServiceDomain('S_DOMAIN', 't');
      }),
    ).toBe(`test/c: invalid serviceDomain envName "S_DOMAIN": ${TAKEN}`);
    // Set only with kubernetesApi discovery, yet reserved for every cluster.
    expect(domainEnv({}, (c) => c.addServiceDomain('ERLANG_CLUSTER_SELECTOR', 's'))).toBe(
      `test/c: invalid serviceDomain envName "ERLANG_CLUSTER_SELECTOR": ${TAKEN}`,
    );
  });

  test('a JavaScript caller passing no name, a Service object (the old spelling) or a bad name gets the ConfigError', () => {
    const add = (service: unknown, namespace?: unknown) => domainEnv({}, (c) => c.addServiceDomain('X_DOMAIN', service as never, namespace as never));
    expect(add(undefined)).toBe(`test/c: invalid serviceDomain serviceName (missing): ${SERVICE}`);
    expect(add(null)).toBe(`test/c: invalid serviceDomain serviceName null: ${SERVICE}`);
    expect(add({ name: 's', namespace: 'prod' })).toBe(`test/c: invalid serviceDomain serviceName {"name":"s","namespace":"prod"}: ${SERVICE}`);
    expect(add('')).toBe(`test/c: invalid serviceDomain serviceName "": ${SERVICE_NAME}`);
    expect(add('1-svc')).toBe(`test/c: invalid serviceDomain serviceName "1-svc": ${SERVICE_NAME}`);
    expect(add('s', 'Dev')).toMatch(/^test\/c: invalid serviceDomain namespace "Dev": must be a DNS-1123 label/);
    expect(add('s', 5)).toMatch(/^test\/c: invalid serviceDomain namespace 5: must be a DNS-1123 label/);
    // A near miss: a Service name of 63 characters in a namespace of 63.
    expect(add(`s${'v'.repeat(62)}`, 'n'.repeat(63))).toEqual([{ name: 'X_DOMAIN', value: `s${'v'.repeat(62)}.${'n'.repeat(63)}.svc.cluster.local` }]);
  });
});

describe('ClusterDiscovery', () => {
  const identity = {
    basename: 'app',
    name: 'app-sfs',
    headlessServiceName: 'app-hl',
    namespace: 'prod',
    clusterDomain: 'cluster.local',
    selectorLabels: { app: 'app', tier: 'db' },
    runAs: {},
  };
  const env = (strategy: string) => [
    { name: 'ERLANG_CLUSTER_DISCOVERY', value: strategy },
    { name: 'ERLANG_NODE_BASENAME', value: 'app' },
    { name: 'ERLANG_CLUSTER_SERVICE', value: 'app-hl' },
    { name: 'ERLANG_CLUSTER_DOMAIN', value: 'cluster.local' },
  ];

  test("each strategy's env, volumes, mounts and Role rules, exactly", () => {
    expect(ClusterDiscovery.none()._podParts(identity)).toEqual({ env: [], volumes: [], volumeMounts: [], rbacRules: [] });
    // libcluster's DNSSRV reads CLUSTER_DOMAIN, in its own absolute form.
    expect(ClusterDiscovery.dnsSrv()._podParts(identity)).toEqual({
      env: [...env('dnssrv'), { name: 'CLUSTER_DOMAIN', value: 'cluster.local.' }],
      volumes: [],
      volumeMounts: [],
      rbacRules: [],
    });
    expect(ClusterDiscovery.kubernetesApi({ resource: DiscoveryResource.ENDPOINTS })._podParts(identity)).toEqual({
      env: [...env('kubernetes'), { name: 'ERLANG_CLUSTER_SELECTOR', value: 'app=app,tier=db' }],
      volumes: [],
      volumeMounts: [],
      rbacRules: [{ apiGroups: [''], resources: ['endpoints'], verbs: ['get', 'list', 'watch'] }],
    });
    expect(
      [ClusterDiscovery.none(), ClusterDiscovery.dnsSrv(), ClusterDiscovery.kubernetesApi()].map((d) => [d.strategy, d.resource, d._needsApiAccess]),
    ).toEqual([
      [DiscoveryStrategy.NONE, undefined, false],
      [DiscoveryStrategy.DNS_SRV, undefined, false],
      [DiscoveryStrategy.KUBERNETES_API, DiscoveryResource.PODS, true],
    ]);
  });

  test('isClusterDiscovery, and unknown options refused', () => {
    expect([ClusterDiscovery.dnsSrv(), {}, null, 'dnssrv'].map((x) => ClusterDiscovery.isClusterDiscovery(x))).toEqual([true, false, false, false]);
    expect(() => ClusterDiscovery.kubernetesApi({ resources: 'pods' } as never)).toThrow(
      `ClusterDiscovery.kubernetesApi: invalid resources "pods": is not a prop of KubernetesApiDiscoveryOptions; did you mean 'resource'?`,
    );
    expect(() => ClusterDiscovery.kubernetesApi(null as never)).toThrow(
      'ClusterDiscovery.kubernetesApi: invalid props null: must be an object (KubernetesApiDiscoveryOptions)',
    );
  });
});

describe('egress (opt-in)', () => {
  let objects: KubeObject[] = [];
  let np: any;
  beforeEach(() => {
    objects = build();
    np = find(objects, 'NetworkPolicy', 'a-sfs');
  });
  const build = () =>
    synthValid((chart) => {
      const a = new ErlangStatefulCluster(chart, 'A', {
        basename: 'a',
        release: ErlangRelease.relx(),
        image: 'a:1',
        cookie,
        egress: {
          to: [
            { cidr: '10.20.0.0/16', except: ['10.20.1.0/24'], ports: [{ port: 5432 }] },
            { namespace: 'b-ns', ports: [{ port: 8080 }, { port: 8125, protocol: Protocol.UDP }] },
          ],
        },
      });
      const b = new ErlangStatefulCluster(chart, 'B', {
        basename: 'b',
        release: ErlangRelease.relx(),
        image: 'b:1',
        cookie,
        namespace: 'b-ns',
        distribution: { port: 9200 },
      });
      ErlangStatefulCluster.mesh(a, b);
    });

  test('policyTypes gains Egress; other clusters keep ingress only', () => {
    expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(find(objects, 'NetworkPolicy', 'b-sfs').spec.policyTypes).toEqual(['Ingress']);
    expect(find(objects, 'NetworkPolicy', 'b-sfs').spec.egress).toBeUndefined();
  });

  test('DNS to kube-dns on UDP and TCP 53, each member on its own epmd and dist ports, then the declared destinations', () => {
    expect(np.spec.egress).toEqual([
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
      {
        to: [{ podSelector: { matchLabels: { app: 'a' } } }],
        ports: [
          { protocol: 'TCP', port: 4369 },
          { protocol: 'TCP', port: 9100 },
        ],
      },
      {
        to: [{ podSelector: { matchLabels: { app: 'b' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b-ns' } } }],
        ports: [
          { protocol: 'TCP', port: 4369 },
          { protocol: 'TCP', port: 9200 },
        ],
      },
      { to: [{ ipBlock: { cidr: '10.20.0.0/16', except: ['10.20.1.0/24'] } }], ports: [{ protocol: 'TCP', port: 5432 }] },
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b-ns' } } }],
        ports: [
          { protocol: 'TCP', port: 8080 },
          { protocol: 'UDP', port: 8125 },
        ],
      },
    ]);
  });

  test('other DNS pods by namespace and labels synthesize clean', () => {
    const o = synthValid(
      (chart) =>
        new ErlangStatefulCluster(chart, 'A', {
          basename: 'a',
          release: ErlangRelease.relx(),
          image: 'a:1',
          cookie,
          egress: { dns: { namespace: 'openshift-dns', podLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } } },
        }),
    );
    expect(find(o, 'NetworkPolicy', 'a-sfs').spec.egress[0].to).toEqual([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-dns' } },
        podSelector: { matchLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } },
      },
    ]);
  });

  test('peers with the same ports share one rule; NodeLocal DNSCache by CIDR', () => {
    const o = synthValid((chart) => {
      const a = new ErlangStatefulCluster(chart, 'A', {
        basename: 'a',
        release: ErlangRelease.relx(),
        image: 'a:1',
        cookie,
        egress: { dns: { cidr: '169.254.20.10/32' } },
      });
      ErlangStatefulCluster.mesh(a, new ErlangStatefulCluster(chart, 'B', { basename: 'b', release: ErlangRelease.relx(), image: 'b:1', cookie }));
    });
    expect(find(o, 'NetworkPolicy', 'a-sfs').spec.egress).toEqual([
      {
        to: [{ ipBlock: { cidr: '169.254.20.10/32' } }],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
      {
        to: [{ podSelector: { matchLabels: { app: 'a' } } }, { podSelector: { matchLabels: { app: 'b' } } }],
        ports: [
          { protocol: 'TCP', port: 4369 },
          { protocol: 'TCP', port: 9100 },
        ],
      },
    ]);
  });

  test('the cross-object checks: restricted egress must still allow DNS and the own epmd and dist ports', () => {
    const edit = (f: (egress: any[]) => any[]) =>
      objects.map((o) =>
        o.kind === 'NetworkPolicy' && o.metadata?.name === 'a-sfs' ? { ...o, spec: { ...(o as any).spec, egress: f((o as any).spec.egress) } } : o,
      );
    expect(checkManifests(edit((e) => e.slice(1))).map((v) => `${v.rule} ${v.object}: ${v.message}`)).toEqual([
      'egress-allows-dns StatefulSet/default/a-sfs: NetworkPolicy a-sfs restricts egress without UDP port 53; the nodes cannot resolve their peers',
    ]);
    expect(checkManifests(edit((e) => [e[0], ...e.slice(2)])).map((v) => `${v.rule} ${v.message}`)).toEqual([
      'egress-allows-mesh egress is restricted but TCP port 4369 (epmd) to its own pods is not allowed; the nodes cannot connect to each other',
      'egress-allows-mesh egress is restricted but TCP port 9100 (dist) to its own pods is not allowed; the nodes cannot connect to each other',
    ]);
    // DNS pods in a namespace the app does not deploy to cannot be seen, so they are not checked
    // (other DNS labels, e.g. OpenShift's, must stay usable); DNS peers in the app's namespaces are.
    const dnsTo = (to: any) => edit((e) => [{ ...e[0], to: [to] }, ...e.slice(1)]);
    expect(
      checkManifests(
        dnsTo({
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-dns' } },
          podSelector: { matchLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } },
        }),
      ),
    ).toEqual([]);
    expect(checkManifests(dnsTo({ podSelector: { matchLabels: { app: 'dnsmasq' } } })).map((v) => `${v.rule} ${v.message}`)).toEqual([
      'network-policy-peer-selects-pods egress peer {"matchLabels":{"app":"dnsmasq"}} selects no pods in namespace default',
    ]);
  });
});
