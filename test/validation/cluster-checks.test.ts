/**
 * lib/constructs/cluster/prop-checks.ts, check by check, called directly: a case that trips
 * each check (with its exact prop, value and message) and a near miss that must not.
 */
import { IntOrString } from '../../imports/k8s';
import { ClusterDiscovery } from '../../lib/constructs/cluster/discovery';
import { checkDiscoveryDomain, checkMountPaths, checkNoCollision, checkPlacement, checkProbes, checkUserEnv } from '../../lib/constructs/cluster/prop-checks';
import { outcomeOf } from '../helpers';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';

/** 'ok' or the ConfigError's `where | prop | value | allowed`. */
const outcome = (f: () => unknown) => outcomeOf(f, (e) => `${e.where} | ${e.prop} | ${JSON.stringify(e.value)} | ${e.allowed}`);

describe('checkUserEnv', () => {
  const env =
    (...vars: { name: string; value?: string; valueFrom?: object }[]) =>
    (reserved: string[] = ['POD_NAME']) =>
      outcome(() => checkUserEnv('w', vars as never, new Set(reserved)));

  test('ordinary env passes, including a cookie variable from a Secret and flags it does not own', () => {
    expect(
      env(
        { name: 'A', value: 'x' },
        { name: 'RELEASE_COOKIE', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
        { name: 'ERL_AFLAGS', value: '+S 2:2 -kernel logger_level info' },
      )(),
    ).toBe('ok');
    expect(env({ name: 'ERL_AFLAGS_X', value: '-sname x' })()).toBe('ok');
    expect(env()()).toBe('ok');
  });

  test('names: valid, not reserved, not RELX_NODE_NAME (unique as the keys of envVariables)', () => {
    expect(env({ name: 'A' }, { name: '1B' })()).toBe(
      'w | envVariables.1B | "1B" | must be an environment variable name: letters, digits and _, not starting with a digit',
    );
    expect(env({ name: 'POD_NAME', value: 'x' })()).toBe(
      'w | envVariables.POD_NAME | "POD_NAME" | is set by ErlangStatefulCluster; use the matching prop instead',
    );
    expect(env({ name: 'RELX_NODE_NAME', value: 'x' })([])).toBe(
      'w | envVariables.RELX_NODE_NAME | "RELX_NODE_NAME" | is set by ErlangStatefulCluster; use the matching prop instead',
    );
  });

  test('a literal cookie in any cookie variable is refused; -setcookie anywhere too', () => {
    for (const name of ['RELEASE_COOKIE', 'RELX_COOKIE', 'ERLANG_COOKIE', 'COOKIE']) {
      expect(env({ name, value: '' })([])).toBe(
        `w | envVariables.${name} | "${name}" | must not carry a literal cookie: it would land in dist/ and in git. Use the cookie prop with ErlangCookie.fromSecretName()`,
      );
    }
    expect(env({ name: 'X', value: 'a -setcookie s' })()).toBe(
      'w | envVariables.X | "X" | must not pass -setcookie: the cookie would land in dist/ and in git. Use the cookie prop with ErlangCookie.fromSecretName()',
    );
    expect(env({ name: 'X', value: 'a setcookie -setcookies' })()).toBe('ok');
  });

  test('ERL_EPMD_PORT is refused by name, whatever its value', () => {
    expect(env({ name: 'ERL_EPMD_PORT' })()).toBe(
      'w | envVariables.ERL_EPMD_PORT | "ERL_EPMD_PORT" | must not be set: it moves epmd away from port 4369, where the peers, the headless Service and the NetworkPolicy expect it; use distribution.epmdless for a single port',
    );
  });

  test('distribution flags in a flag variable are refused, all named; elsewhere they are only text', () => {
    for (const name of ['ERL_FLAGS', 'ERL_ZFLAGS', 'ERL_AFLAGS']) {
      expect(env({ name, value: '-name x -kernel inet_dist_listen_max 1' })([])).toBe(
        `w | envVariables.${name} | "-name x -kernel inet_dist_listen_max 1" | must not set -name, -kernel inet_dist_listen_max in ${name}: ErlangStatefulCluster sets the long node name, the cookie and the dist port (props distribution.port, distribution.epmdless, distribution.tls)`,
      );
    }
    expect(env({ name: 'OTHER', value: '-name x' })()).toBe('ok');
  });

  test('an env string over 128 KiB (NAME=value and its NUL) is refused; exactly 128 KiB passes', () => {
    const fits = 'x'.repeat(128 * 1024 - 'A='.length - 1);
    expect(env({ name: 'A', value: fits })()).toBe('ok');
    expect(env({ name: 'A', value: `${fits}y` })()).toBe(
      `w | envVariables.A | "${'x'.repeat(40)}..." | must fit the kernel's limit of 131072 bytes per env string (NAME=value); this one has 131073: the container would fail to start with E2BIG`,
    );
    // Bytes, not characters.
    expect(env({ name: 'A', value: 'é'.repeat(65536) })()).toContain('this one has 131075');
  });

  describe('the kernel limit on one NAME=value string', () => {
    // 131072 bytes: the name, '=', no value and the NUL.
    const fromSecret = (name: string): k8s.EnvVar => ({ name, valueFrom: { secretKeyRef: { name: 's', key: 'k' } } });

    test('an entry with valueFrom and no value counts as NAME= only', () => {
      expect(outcomeOf(() => checkUserEnv('w', [fromSecret('A'.repeat(131070))], new Set()))).toBe('ok');
      expect(outcomeOf(() => checkUserEnv('w', [fromSecret('A'.repeat(131071))], new Set()))).toBe(
        `w: invalid envVariables.${'A'.repeat(131071)} "...": must fit the kernel's limit of 131072 bytes per env string (NAME=value); this one has 131073: the container would fail to start with E2BIG`,
      );
    });
  });
});

describe('checkDiscoveryDomain', () => {
  test('DNS SRV works in any cluster domain (libcluster reads CLUSTER_DOMAIN)', () => {
    for (const domain of ['cluster.local', 'corp.local', 'corp.example']) {
      expect(outcome(() => checkDiscoveryDomain('w', ClusterDiscovery.dnsSrv(), domain))).toBe('ok');
    }
  });

  test('the Kubernetes API needs one label and .local', () => {
    for (const ok of ['cluster.local', 'corp.local', 'a.local', 'a-1.local'])
      expect(outcome(() => checkDiscoveryDomain('w', ClusterDiscovery.kubernetesApi(), ok))).toBe('ok');
    for (const bad of ['a.b.local', 'corp.example', 'local', '-a.local', 'a-.local', 'Corp.local', 'corp.localx', 'xcorp.local.x']) {
      expect(outcome(() => checkDiscoveryDomain('w', ClusterDiscovery.kubernetesApi(), bad))).toBe(
        `w | discovery | "ClusterDiscovery.kubernetesApi()" | cannot work with clusterDomain '${bad}': libcluster's Kubernetes strategy (mode :hostname) builds <pod>.<service>.<namespace>.svc.<kubernetes_cluster_name>.local, so the domain must be one label and '.local'; use ClusterDiscovery.none() with your own discovery`,
      );
    }
  });

  test('none works with any domain', () => {
    expect(outcome(() => checkDiscoveryDomain('w', ClusterDiscovery.none(), 'a.b.example'))).toBe('ok');
  });
});

describe('mounts and collisions', () => {
  test('checkNoCollision names the earlier prop', () => {
    expect(
      outcome(() =>
        checkNoCollision(
          'w',
          [
            { prop: 'a', key: 'x' },
            { prop: 'b', key: 'y' },
          ],
          'volume name',
        ),
      ),
    ).toBe('ok');
    expect(
      outcome(() =>
        checkNoCollision(
          'w',
          [
            { prop: 'a', key: 'x' },
            { prop: 'b', key: 'y' },
            { prop: 'c', key: 'x' },
          ],
          'volume name',
        ),
      ),
    ).toBe('w | c | "x" | is also the volume name of a; each must be unique in the pod');
  });

  test('checkMountPaths compares normal forms and checks subPaths', () => {
    expect(
      outcome(() =>
        checkMountPaths(
          'w',
          [
            { prop: 'storage.mountPath', key: '/data' },
            { prop: 'extraVolumeMounts[0].mountPath', key: '/data/' },
          ],
          [],
        ),
      ),
    ).toBe('w | extraVolumeMounts[0].mountPath | "/data" | is also the mount path of storage.mountPath; each must be unique in the pod');
    expect(
      outcome(() =>
        checkMountPaths(
          'w',
          [
            { prop: 'a', key: '/data' },
            { prop: 'b', key: '/data2' },
          ],
          [
            { name: 'v', mountPath: '/m', subPath: 'ok/x' },
            { name: 'w', mountPath: '/n' },
          ],
        ),
      ),
    ).toBe('ok');
    expect(
      outcome(() =>
        checkMountPaths(
          'w',
          [],
          [
            { name: 'v', mountPath: '/m' },
            { name: 'v', mountPath: '/m', subPath: '../x' },
          ],
        ),
      ),
    ).toBe(`w | extraVolumeMounts[1].subPath | "../x" | must be a relative path inside the volume, without '..'`);
  });
});

describe('checkProbes', () => {
  const ports = [
    { name: 'epmd', port: 4369 },
    { name: 'http', port: 8080 },
  ];
  const probe = (p: object) => outcome(() => checkProbes('w', { readiness: p as never, liveness: undefined }, ports));

  test('exactly one handler', () => {
    expect(probe({ exec: { command: ['true'] } })).toBe('ok');
    expect(probe({})).toBe('w | probes.readiness | [] | must have exactly one handler of exec, httpGet, tcpSocket, grpc');
    expect(probe({ exec: { command: ['true'] }, grpc: { port: 8080 } })).toBe(
      'w | probes.readiness | ["exec","grpc"] | must have exactly one handler of exec, httpGet, tcpSocket, grpc',
    );
  });

  test('numbers in range: 0 for the initial delay, 1 for the others', () => {
    expect(
      probe({
        exec: {},
        initialDelaySeconds: 0,
        periodSeconds: 1,
        timeoutSeconds: 1,
        successThreshold: 1,
        failureThreshold: 1,
      }),
    ).toBe('ok');
    // The apiserver allows a grace period on liveness and startup probes only.
    expect(outcome(() => checkProbes('w', { liveness: { exec: {}, terminationGracePeriodSeconds: 1 } as never }, ports))).toBe('ok');
    expect(probe({ exec: {}, initialDelaySeconds: -1 })).toBe('w | probes.readiness.initialDelaySeconds | -1 | must be an integer from 0 to 2147483647');
    for (const f of ['periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds']) {
      expect(probe({ exec: {}, [f]: 0 })).toBe(`w | probes.readiness.${f} | 0 | must be an integer from 1 to 2147483647`);
    }
    expect(probe({ exec: {}, periodSeconds: 2 ** 31 })).toBe('w | probes.readiness.periodSeconds | 2147483648 | must be an integer from 1 to 2147483647');
  });

  test("the apiserver's own probe rules: successThreshold 1 on liveness and startup, no grace period on readiness", () => {
    expect(probe({ exec: {}, successThreshold: 2 })).toBe('ok');
    expect(probe({ exec: {}, terminationGracePeriodSeconds: 1 })).toBe(
      'w | probes.readiness.terminationGracePeriodSeconds | 1 | must not be set for readinessProbes, as the Kubernetes apiserver requires',
    );
    for (const kind of ['liveness', 'startup']) {
      expect(outcome(() => checkProbes('w', { [kind]: { exec: {}, successThreshold: 2 } as never }, ports))).toBe(
        `w | probes.${kind}.successThreshold | 2 | must be 1, as the Kubernetes apiserver requires`,
      );
    }
  });

  test('the port of each handler kind must be declared, by name or number', () => {
    expect(probe({ httpGet: { port: IntOrString.fromString('http') } })).toBe('ok');
    expect(probe({ httpGet: { port: IntOrString.fromNumber(8080) } })).toBe('ok');
    expect(probe({ tcpSocket: { port: IntOrString.fromNumber(4369) } })).toBe('ok');
    expect(probe({ grpc: { port: 8080 } })).toBe('ok');
    expect(probe({ httpGet: { port: IntOrString.fromString('web') } })).toBe(
      'w | probes.readiness.port | "web" | must be a port the container declares: epmd (4369), http (8080)',
    );
    expect(probe({ tcpSocket: { port: IntOrString.fromNumber(9) } })).toBe(
      'w | probes.readiness.port | 9 | must be a port the container declares: epmd (4369), http (8080)',
    );
    expect(probe({ grpc: { port: 9 } })).toBe('w | probes.readiness.port | 9 | must be a port the container declares: epmd (4369), http (8080)');
    expect(outcome(() => checkProbes('w', { startup: { grpc: { port: 1 } } }, []))).toBe(
      'w | probes.startup.port | 1 | must be a port the container declares: none (add appPorts)',
    );
  });

  test('every probe is checked, by its own name', () => {
    expect(outcome(() => checkProbes('w', { readiness: { exec: {} }, liveness: {} as never }, ports))).toBe(
      'w | probes.liveness | [] | must have exactly one handler of exec, httpGet, tcpSocket, grpc',
    );
  });
});

describe('checkPlacement', () => {
  test('hard spread with every pod pinned to one host and more than one replica is refused', () => {
    expect(outcome(() => checkPlacement('w', true, { 'kubernetes.io/hostname': 'n1' }, 2))).toBe(
      'w | spread | "hard" | cannot place 2 replicas: hard spread needs a node per pod, but nodeSelector pins every pod to node \'n1\'; use PodSpread.SOFT or drop kubernetes.io/hostname from nodeSelector',
    );
    expect(outcome(() => checkPlacement('w', true, { 'kubernetes.io/hostname': 'n1' }, 1))).toBe('ok');
    expect(outcome(() => checkPlacement('w', false, { 'kubernetes.io/hostname': 'n1' }, 3))).toBe('ok');
    expect(outcome(() => checkPlacement('w', true, { zone: 'a' }, 3))).toBe('ok');
    expect(outcome(() => checkPlacement('w', true, undefined, 3))).toBe('ok');
  });
});
