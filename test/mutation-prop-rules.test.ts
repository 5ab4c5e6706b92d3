/**
 * The cluster's cross-prop rules (lib/constructs/cluster/prop-rules.ts) beyond
 * test/cluster-prop-rules.test.ts: the full one-line message of each way a rule trips
 * (which index, which prop it blames, what it lists), and next to each the props that
 * differ only in what the rule keys on and pass.
 */
import { ErlangStatefulClusterProps, LINUX_CAPABILITIES, SecurityProfile } from 'cdk8s-erlang-cluster';
import { BASE_HTTP, buildCluster, errorMessageOf } from './fixtures/constructs';

/** Builds cluster `test/c` from BASE_HTTP and `props`. */
const build = (props: Partial<ErlangStatefulClusterProps>) => buildCluster(props, BASE_HTTP);
/** The construct's error message for `props` over BASE_HTTP, whole. */
const messageOf = (props: Partial<ErlangStatefulClusterProps>) => errorMessageOf(props, BASE_HTTP);

const HARDENED = { securityProfile: SecurityProfile.HARDENED };
const TLS: Partial<ErlangStatefulClusterProps> = { distribution: { tls: { secretName: 'dist-tls' } } };
const NODE_PORTS = 'epmd 4369, dist 9100, http 8080';

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
  test('an unknown capability is named by its index, with the known ones', () => {
    const known = LINUX_CAPABILITIES.map((c) => `'${c}'`).join(', ');
    expect(messageOf({ addCapabilities: ['CHOWN', 'BOGUS'] })).toBe(`test/c: invalid addCapabilities[1] "BOGUS": must be one of ${known}`);
    expect(messageOf({ addCapabilities: ['chown'] })).toBe(`test/c: invalid addCapabilities[0] "chown": must be one of ${known}`);
  });
});

describe('user-env-contract', () => {
  test("the hardened profile's own env (RELX_OUT_FILE_PATH, RELEASE_TMP) is reserved with it, and free without it", () => {
    for (const name of ['RELX_OUT_FILE_PATH', 'RELEASE_TMP']) {
      expect(messageOf({ ...HARDENED, extraEnv: [{ name, value: '/data/tmp' }] })).toBe(
        `test/c: invalid extraEnv[0].name "${name}": is set by ErlangStatefulCluster; use the matching prop instead`,
      );
      expect(() => build({ extraEnv: [{ name, value: '/data/tmp' }] })).not.toThrow();
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
