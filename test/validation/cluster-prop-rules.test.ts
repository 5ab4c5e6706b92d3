/**
 * The cluster's cross-prop rules (lib/constructs/cluster/prop-rules.ts, CLUSTER_RULES): each has
 * props that trip it, with the exact one-line message, and a near miss that it lets through; the
 * suite fails for a rule without both, and when docs/validation.md lists other rules than
 * CLUSTER_RULES. Then, rule by rule, the full message of each way a rule trips (which index, which
 * prop it blames, what it lists), and next to each the props that differ only in what the rule
 * keys on and pass.
 */
import { EnvValue } from 'cdk8s-plus-28';
import * as fs from 'fs';
import { IntOrString } from '../../imports/k8s';
import * as path from 'path';
import { Capability } from 'cdk8s-plus-28';
import { ClusterDiscovery, CookieDelivery, ErlangStatefulClusterProps, ErlangProbes, PodSpread, SecurityProfile } from 'cdk8s-erlang-cluster';
import { CLUSTER_RULES } from '../../lib/constructs/cluster/prop-rules';
import { BASE_HTTP, buildCluster, errorMessageOf } from '../fixtures/constructs';

/** Builds cluster `test/c` from BASE_HTTP and `props`. */
const build = (props: Partial<ErlangStatefulClusterProps>) => buildCluster(props, BASE_HTTP);

interface RuleCases {
  /** Props that trip the rule, and the start of its message after `test/c: invalid `. */
  readonly trips: readonly (readonly [Partial<ErlangStatefulClusterProps>, string])[];
  /** Props next to a trip that the rule lets through. */
  readonly nearMisses: readonly Partial<ErlangStatefulClusterProps>[];
}

const LONG_DOMAIN: Partial<ErlangStatefulClusterProps> = {
  basename: 'a',
  name: 'x',
  headlessServiceName: 'h',
  clusterDomain: `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.local`,
  discovery: ClusterDiscovery.none(),
};

const CASES: Record<string, RuleCases> = {
  'dist-port-not-epmd': {
    trips: [[{ distribution: { port: 4369 } }, "distribution.port 4369: must differ from epmd's port 4369"]],
    nearMisses: [{ distribution: { port: 4369, epmdless: true } }, { distribution: { port: 4370 } }],
  },
  'ports-distinct': {
    trips: [
      [{ metrics: { port: 9100 } }, 'metrics.port 9100: clashes with the dist port'],
      [{ appPorts: [{ name: 'http', port: 4369 }] }, 'appPorts[0] {"name":"http","port":4369}: clashes with the epmd port 4369'],
      [{ appPorts: [{ name: 'metrics', port: 8080 }], metrics: {} }, 'appPorts[0] {"name":"metrics","port":8080}: clashes with the metrics port 9568'],
      [
        {
          appPorts: [
            { name: 'http', port: 8080 },
            { name: 'http', port: 8081 },
          ],
        },
        'appPorts[1] "http": port name is already used by appPorts[0]',
      ],
    ],
    nearMisses: [{ appPorts: [{ name: 'http', port: 4369 }], distribution: { epmdless: true } }, { metrics: { port: 9101 } }],
  },
  'identity-matches-profile': {
    trips: [
      [{ runAsUser: 2000 }, 'runAsUser 2000: is only used by SecurityProfile.HARDENED'],
      [{ securityProfile: SecurityProfile.HARDENED, runAsGroup: 0 }, 'runAsGroup 0: must be an integer'],
      [
        { securityProfile: SecurityProfile.HARDENED, addCapabilities: [Capability.CHOWN] },
        'addCapabilities ["CHOWN"]: is only allowed with SecurityProfile.ROOT_COMPATIBLE',
      ],
      [{ addCapabilities: [Capability.CHOWN, Capability.CHOWN] }, 'addCapabilities[1] "CHOWN": capability is already used by addCapabilities[0]'],
      [{ addCapabilities: [Capability.ALL] }, 'addCapabilities[0] "ALL": must name one capability: the profile drops ALL'],
    ],
    nearMisses: [{ securityProfile: SecurityProfile.HARDENED, runAsUser: 2000, runAsGroup: 1 }, { addCapabilities: [Capability.CHOWN, Capability.SETUID] }],
  },
  'user-env-contract': {
    trips: [[{ envVariables: { RELEASE_NODE: EnvValue.fromValue('x@y') } }, 'envVariables.RELEASE_NODE "RELEASE_NODE": is set by ErlangStatefulCluster']],
    nearMisses: [{ envVariables: { RELEASE_NODE_SUFFIX: EnvValue.fromValue('x') } }],
  },
  'egress-possible': {
    trips: [[{ egress: {}, networkPolicy: false }, 'egress {}: needs networkPolicy: true']],
    nearMisses: [{ egress: {} }],
  },
  'node-name-fits': {
    // 'x-2.h.<ns>.svc.<188 chars>': with a 54-character namespace the host has 253 characters and
    // 'a@<host>' 255, both at the limit; one more character is over.
    trips: [[{ ...LONG_DOMAIN, namespace: 'n'.repeat(55) }, `nodeNames "a@x-2.h.${'n'.repeat(55)}.svc.`]],
    nearMisses: [{ ...LONG_DOMAIN, namespace: 'n'.repeat(54) }],
  },
  'discovery-matches-domain': {
    trips: [
      [
        { clusterDomain: 'k8s.example.com', discovery: ClusterDiscovery.kubernetesApi() },
        'discovery "ClusterDiscovery.kubernetesApi()": cannot work with clusterDomain \'k8s.example.com\'',
      ],
    ],
    // libcluster's DNSSRV reads CLUSTER_DOMAIN, so any domain works with it.
    nearMisses: [
      { clusterDomain: 'k8s.example.com' },
      { clusterDomain: 'k8s.example.com', discovery: ClusterDiscovery.none() },
      { clusterDomain: 'corp.local', discovery: ClusterDiscovery.kubernetesApi() },
    ],
  },
  'placement-possible': {
    trips: [[{ spread: PodSpread.HARD, nodeSelector: { 'kubernetes.io/hostname': 'n1' } }, 'spread "hard": cannot place 3 replicas']],
    nearMisses: [
      { spread: PodSpread.HARD, nodeSelector: { 'kubernetes.io/hostname': 'n1' }, replicas: 1 },
      { spread: PodSpread.SOFT, nodeSelector: { 'kubernetes.io/hostname': 'n1' } },
    ],
  },
  'mount-paths-unique': {
    trips: [
      [
        { storage: { mountPath: '/data/' }, extraVolumes: [{ name: 'v', emptyDir: {} }], extraVolumeMounts: [{ name: 'v', mountPath: '/data' }] },
        'extraVolumeMounts[0].mountPath "/data": is also the mount path of storage.mountPath',
      ],
    ],
    nearMisses: [{ storage: { mountPath: '/data' }, extraVolumes: [{ name: 'v', emptyDir: {} }], extraVolumeMounts: [{ name: 'v', mountPath: '/data/logs' }] }],
  },
  'volume-names-unique': {
    trips: [
      [
        { storage: { mountPath: '/data', name: 'v' }, extraVolumes: [{ name: 'v', emptyDir: {} }] },
        'extraVolumes[0].name "v": is also the volume name of storage.name',
      ],
    ],
    nearMisses: [{ storage: { mountPath: '/data', name: 'w' }, extraVolumes: [{ name: 'v', emptyDir: {} }] }],
  },
  'probes-on-declared-ports': {
    trips: [
      [
        { probes: ErlangProbes.httpGet('/health', IntOrString.fromString('web')) },
        'probes.readiness.port "web": must be a port the container declares: epmd (4369), dist (9100), http (8080)',
      ],
    ],
    nearMisses: [{ probes: ErlangProbes.httpGet('/health', IntOrString.fromString('http')) }, { probes: ErlangProbes.tcpSocket(IntOrString.fromNumber(8080)) }],
  },
  'extra-containers-fit': {
    trips: [
      [{ sidecars: [{ name: 'proxy', image: 'envoy:1', ports: [{ containerPort: 8080 }] }] }, 'sidecars[0].ports 8080: is a port of the node container'],
      [{ initContainers: [{ name: 'app', image: 'busybox:1' }] }, 'initContainers[0].name "app": is also the container name of containerName'],
    ],
    nearMisses: [
      { sidecars: [{ name: 'proxy', image: 'envoy:1', ports: [{ containerPort: 15001 }] }] },
      { initContainers: [{ name: 'migrate', image: 'busybox:1', ports: [{ containerPort: 8080 }] }] },
    ],
  },
};

/** The construct's error message for `props` over BASE_HTTP, whole. */
const messageOf = (props: Partial<ErlangStatefulClusterProps>) => errorMessageOf(props, BASE_HTTP);

const HARDENED = { securityProfile: SecurityProfile.HARDENED };

const TLS: Partial<ErlangStatefulClusterProps> = { distribution: { tls: { secretName: 'dist-tls' } } };

const NODE_PORTS = 'epmd 4369, dist 9100, http 8080';

test('every rule of CLUSTER_RULES has cases that trip it and near misses, and no case names an unknown rule', () => {
  expect(Object.keys(CASES).sort()).toEqual(CLUSTER_RULES.map((r) => r.id).sort());
  for (const c of Object.values(CASES)) {
    expect(c.trips.length).toBeGreaterThan(0);
    expect(c.nearMisses.length).toBeGreaterThan(0);
  }
});

test('docs/validation.md lists exactly the rules of CLUSTER_RULES', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'validation.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### Rules across props'), doc.indexOf('## Strict schema'));
  expect([...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]).sort()).toEqual(CLUSTER_RULES.map((r) => r.id).sort());
});

for (const rule of CLUSTER_RULES) {
  describe(rule.id, () => {
    const cases = CASES[rule.id] ?? { trips: [], nearMisses: [] };
    test.each(cases.trips.map(([props, message]) => [message, props] as const))('trips: %s', (message, props) => {
      expect(() => build(props)).toThrow(`test/c: invalid ${message}`);
      // The rule alone lets the base props through: it is the props above that trip it.
      expect(() => rule.check(build({})._spec, BASE_HTTP)).not.toThrow();
    });
    test.each(cases.nearMisses.map((props) => [JSON.stringify(props), props] as const))('near miss: %s', (_name, props) => {
      expect(() => build(props)).not.toThrow();
    });
  });
}

describe('ports-distinct', () => {
  test('two app ports on one number, under different names, blame the second', () => {
    expect(
      messageOf({
        appPorts: [
          { name: 'http', port: 8080 },
          { name: 'web', port: 8080 },
        ],
      }),
    ).toBe('test/c: invalid appPorts[1] 8080: port number is already used by appPorts[0]; each must be unique');
  });
});

describe('identity-matches-profile', () => {
  test('an unknown capability (a JavaScript string) is named by its index, with the known ones: Capability but ALL', () => {
    const known = Object.values(Capability)
      .filter((c) => c !== 'ALL')
      .map((c) => `'${c}'`)
      .join(', ');
    const js = (c: string) => c as unknown as Capability;
    expect(messageOf({ addCapabilities: [Capability.CHOWN, js('BOGUS')] })).toBe(`test/c: invalid addCapabilities[1] "BOGUS": must be one of ${known}`);
    expect(messageOf({ addCapabilities: [js('chown')] })).toBe(`test/c: invalid addCapabilities[0] "chown": must be one of ${known}`);
    expect(known).toContain("'CHOWN'");
    expect(known).toContain("'WAKE_ALARM'");
  });
});

describe('user-env-contract', () => {
  test("the hardened profile's own env (RELX_OUT_FILE_PATH, RELEASE_TMP) is reserved with it, and free without it", () => {
    for (const name of ['RELX_OUT_FILE_PATH', 'RELEASE_TMP']) {
      expect(messageOf({ ...HARDENED, envVariables: { [name]: EnvValue.fromValue('/data/tmp') } })).toBe(
        `test/c: invalid envVariables.${name} "${name}": is set by ErlangStatefulCluster; use the matching prop instead`,
      );
      expect(() => build({ envVariables: { [name]: EnvValue.fromValue('/data/tmp') } })).not.toThrow();
    }
  });
});

describe('mount-paths-unique', () => {
  test("a mount on the hardened profile's /tmp blames the user's mount and names the profile", () => {
    const tmpMount = { extraVolumes: [{ name: 'v', emptyDir: {} }], extraVolumeMounts: [{ name: 'v', mountPath: '/tmp' }] };
    expect(messageOf({ ...HARDENED, ...tmpMount })).toBe(
      'test/c: invalid extraVolumeMounts[0].mountPath "/tmp": is also the mount path of securityProfile \'hardened\'; each must be unique in the pod',
    );
    expect(() => build(tmpMount)).not.toThrow();
  });

  test('a mount on the dist TLS mount path clashes only when distribution.tls is set', () => {
    const tlsMount = { extraVolumes: [{ name: 'v', emptyDir: {} }], extraVolumeMounts: [{ name: 'v', mountPath: '/etc/erlang-dist-tls' }] };
    expect(messageOf({ ...TLS, ...tlsMount })).toBe(
      'test/c: invalid extraVolumeMounts[0].mountPath "/etc/erlang-dist-tls": is also the mount path of distribution.tls.mountPath; each must be unique in the pod',
    );
    expect(() => build(tlsMount)).not.toThrow();
  });
});

describe('volume-names-unique', () => {
  test("a volume named as the hardened profile's (tmp) clashes only with that profile, and names it", () => {
    const tmp = { extraVolumes: [{ name: 'tmp', emptyDir: {} }] };
    expect(messageOf({ ...HARDENED, ...tmp })).toBe(
      'test/c: invalid extraVolumes[0].name "tmp": is also the volume name of securityProfile \'hardened\'; each must be unique in the pod',
    );
    expect(() => build(tmp)).not.toThrow();
  });

  test('a volume named as the dist TLS volume clashes only when distribution.tls is set', () => {
    const tlsVolume = { extraVolumes: [{ name: 'erlang-dist-tls', emptyDir: {} }] };
    expect(messageOf({ ...TLS, ...tlsVolume })).toBe(
      'test/c: invalid extraVolumes[0].name "erlang-dist-tls": is also the volume name of distribution.tls; each must be unique in the pod',
    );
    expect(() => build(tlsVolume)).not.toThrow();
  });

  test('without TLS and storage, a volume with no name (which the strict schema reports) clashes with nothing here', () => {
    expect(() => build({ extraVolumes: [{ emptyDir: {} } as never] })).not.toThrow();
  });
});

describe('extra-containers-fit', () => {
  test('an init container or sidecar with a bad name is named by its list and index', () => {
    const dns = "must be a DNS-1123 label of at most 63 characters: lower-case letters, digits and '-', starting and ending with a letter or digit";
    expect(messageOf({ initContainers: [{ name: 'Bad_Name', image: 'busybox:1' }] })).toBe(`test/c: invalid initContainers[0].name "Bad_Name": ${dns}`);
    expect(
      messageOf({
        sidecars: [
          { name: 'proxy', image: 'envoy:1' },
          { name: 'Bad_Name', image: 'busybox:1' },
        ],
      }),
    ).toBe(`test/c: invalid sidecars[1].name "Bad_Name": ${dns}`);
  });

  test("a container beside the node on one of its ports: the message lists the node's ports", () => {
    expect(messageOf({ sidecars: [{ name: 'proxy', image: 'envoy:1', ports: [{ containerPort: 15001 }, { containerPort: 4369 }] }] })).toBe(
      `test/c: invalid sidecars[0].ports 4369: is a port of the node container (${NODE_PORTS}); containers beside it share the pod's network, so each needs its own port`,
    );
    // A native sidecar: an init container that keeps running.
    expect(messageOf({ initContainers: [{ name: 'proxy', image: 'envoy:1', restartPolicy: 'Always', ports: [{ containerPort: 9100 }] }] })).toBe(
      `test/c: invalid initContainers[0].ports 9100: is a port of the node container (${NODE_PORTS}); containers beside it share the pod's network, so each needs its own port`,
    );
  });

  test('a sidecar that declares no ports, or ports the node does not use, fits', () => {
    expect(() => build({ sidecars: [{ name: 'proxy', image: 'envoy:1' }] })).not.toThrow();
    expect(() => build({ sidecars: [{ name: 'proxy', image: 'envoy:1', ports: [] }] })).not.toThrow();
  });
});

describe('extra-containers-fit: probes', () => {
  const probe = { tcpSocket: { port: IntOrString.fromNumber(15001) } };

  test('a sidecar and a native sidecar may carry probes; an init container that ends may not', () => {
    expect(() => build({ sidecars: [{ name: 'proxy', image: 'envoy:1', livenessProbe: probe, readinessProbe: probe }] })).not.toThrow();
    expect(() => build({ initContainers: [{ name: 'proxy', image: 'envoy:1', restartPolicy: 'Always', livenessProbe: probe }] })).not.toThrow();
    expect(messageOf({ initContainers: [{ name: 'migrate', image: 'busybox:1', livenessProbe: probe }] })).toBe(
      'test/c: invalid initContainers[0].livenessProbe {"tcpSocket":{"port":{"value":15001}}}: may not be set for init containers without restartPolicy=Always, as the Kubernetes apiserver requires',
    );
  });
});

describe('the cookie as a file owns a mount path and a container name', () => {
  test('a mount at its HOME, or an init container named like its copy step, is refused naming the delivery; under ENV both are free', () => {
    const mount = { extraVolumes: [{ name: 'x', emptyDir: {} }], extraVolumeMounts: [{ name: 'x', mountPath: '/var/run/erlang-home' }] };
    const init = { initContainers: [{ name: 'erlang-cookie', image: 'app:1.0' }] };
    expect(errorMessageOf({ cookieDelivery: CookieDelivery.FILE, ...mount }, BASE_HTTP)).toBe(
      'test/c: invalid extraVolumeMounts[0].mountPath "/var/run/erlang-home": is also the mount path of cookieDelivery \'file\'; each must be unique in the pod',
    );
    expect(errorMessageOf({ cookieDelivery: CookieDelivery.FILE, ...init }, BASE_HTTP)).toBe(
      'test/c: invalid initContainers[0].name "erlang-cookie": is also the container name of cookieDelivery \'file\'; each must be unique in the pod',
    );
    expect(() => build({ cookieDelivery: CookieDelivery.ENV, ...mount })).not.toThrow();
    expect(() => build({ cookieDelivery: CookieDelivery.ENV, ...init })).not.toThrow();
  });
});
