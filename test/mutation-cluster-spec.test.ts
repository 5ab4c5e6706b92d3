/**
 * Props to ClusterSpec, where the other suites leave gaps: the container's
 * resources when only requests or only limits are given, the scheduler counts
 * without a CPU, the security profiles' pod parts, and the podLabels conflict
 * message. Written to kill the mutants StrykerJS found surviving in
 * lib/constructs/cluster/resolve*.ts, resources.ts and security-profile.ts.
 */
import { Chart, Testing } from 'cdk8s';
import { ErlangStatefulClusterProps, resolveResources, ResourcesPreset, schedulerCounts, Schedulers, SecurityProfile } from 'cdk8s-erlang-cluster';
import * as k8s from '../imports/k8s';
import { buildCluster } from './fixtures/constructs';
import { configErrorOf } from './helpers';

/** The synthesized node container of a cluster with `props`. */
function container(props: Partial<ErlangStatefulClusterProps>) {
  const c = buildCluster(props);
  const set = (Testing.synth(c.node.scope as Chart) as any[]).find((o) => o.kind === 'StatefulSet');
  return set.spec.template.spec.containers[0];
}
const aflags = (props: Partial<ErlangStatefulClusterProps>) => container(props).env.find((e: k8s.EnvVar) => e.name === 'ERL_AFLAGS')?.value;
const q = (s: string) => k8s.Quantity.fromString(s);

describe('resources', () => {
  test('only limits: no requests appear, and the schedulers come from the CPU limit', () => {
    const c = container({ resources: { limits: { cpu: q('1500m'), memory: q('1Gi') } } });
    expect(c.resources).toEqual({ limits: { cpu: '1500m', memory: '1Gi' } });
    expect(aflags({ resources: { limits: { cpu: q('1500m'), memory: q('1Gi') } } })).toBe('-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100 +S 2:2');
  });

  test('only a memory limit: no CPU, so no +S flag; only requests: no limits appear', () => {
    expect(container({ resources: { limits: { memory: q('1Gi') } } }).resources).toEqual({ limits: { memory: '1Gi' } });
    expect(aflags({ resources: { limits: { memory: q('1Gi') } } })).toBe('-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100');
    expect(container({ resources: { requests: { cpu: q('3') } } }).resources).toEqual({ requests: { cpu: '3' } });
  });

  test('a limit at or above its request, or with no request of its kind, is accepted as given', () => {
    const resources = { requests: { cpu: q('500m'), memory: q('1Gi') }, limits: { cpu: q('2'), memory: q('1Gi'), 'ephemeral-storage': q('2Gi') } };
    expect(container({ resources }).resources).toEqual({
      requests: { cpu: '500m', memory: '1Gi' },
      limits: { cpu: '2', memory: '1Gi', 'ephemeral-storage': '2Gi' },
    });
  });

  test('a missing quantity (null from YAML or JavaScript) is a ConfigError naming it, not a TypeError', () => {
    const bad = { requests: { cpu: null as unknown as k8s.Quantity } };
    expect(configErrorOf(() => resolveResources('w', ResourcesPreset.SMALL, bad)).message).toBe(
      `w: invalid resources.requests.cpu "null": must be a positive Kubernetes quantity such as '1Gi' or '500Mi'`,
    );
    // The construct's shape check refuses it before resolveResources sees it.
    expect(configErrorOf(() => buildCluster({ resources: bad })).message).toBe(
      "test/c: invalid resources.requests.cpu null: must be a string or a number or a k8s.Quantity, e.g. k8s.Quantity.fromString('512Mi'); null is not allowed (leave the prop out for its default)",
    );
  });

  test('resolveResources: the preset without resources; none for NONE', () => {
    const small = resolveResources('w', ResourcesPreset.SMALL, undefined)!;
    expect([small.requests?.cpu?.value, small.requests?.memory?.value, small.limits?.memory?.value, small.limits?.cpu]).toEqual([
      '250m',
      '512Mi',
      '512Mi',
      undefined,
    ]);
    expect(resolveResources('w', ResourcesPreset.NONE, undefined)).toBeUndefined();
  });
});

describe('schedulerCounts', () => {
  test('dirty I/O schedulers without a CPU: only +SDio', () => {
    expect(schedulerCounts('w', Schedulers.fromCpu({ dirtyIo: 4 }), undefined)).toEqual({ online: undefined, dirtyIo: 4 });
    expect(aflags({ resourcesPreset: ResourcesPreset.NONE, schedulers: Schedulers.fromCpu({ dirtyIo: 4 }) })).toBe(
      '-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100 +SDio 4',
    );
    expect(schedulerCounts('w', Schedulers.fromCpu(), undefined)).toBeUndefined();
  });

  test('a value that is not a Schedulers is a ConfigError', () => {
    expect(configErrorOf(() => schedulerCounts('w', 4 as unknown as Schedulers, undefined)).message).toBe(
      'w: invalid schedulers "4": must be a Schedulers, e.g. Schedulers.fromCpu()',
    );
  });
});

describe('security profiles', () => {
  const identity = (addCapabilities?: string[], uid?: number, gid?: number) => ({ ...buildCluster().spec, runAs: { uid, gid, addCapabilities } });

  test('print as their value', () => {
    expect([String(SecurityProfile.ROOT_COMPATIBLE), `${SecurityProfile.HARDENED}`]).toEqual(['root-compatible', 'hardened']);
  });

  test('root-compatible: the default seccomp profile, no escalation, all capabilities dropped but the added ones, volumes of group runAsGroup', () => {
    const parts = (add?: string[]) => SecurityProfile.ROOT_COMPATIBLE.podParts(identity(add));
    const none = {
      podSecurityContext: { fsGroup: 10001, fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' } },
      containerSecurityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      env: [],
      volumes: [],
      volumeMounts: [],
      rbacRules: [],
    };
    expect(parts()).toEqual(none);
    expect(parts([])).toEqual(none);
    expect(parts(['CHOWN', 'SETUID'])).toEqual({
      ...none,
      containerSecurityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['CHOWN', 'SETUID'] } },
    });
    // A non-root image (e.g. mix phx.gen.release's, as nobody) writes its volume through this group.
    expect(SecurityProfile.ROOT_COMPATIBLE.podParts(identity(undefined, undefined, 4000)).podSecurityContext).toEqual({
      fsGroup: 4000,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('hardened: non-root with the given or default UID/GID, read-only root, /tmp writable', () => {
    const podSecurityContext = (uid: number, gid: number) => ({
      runAsNonRoot: true,
      runAsUser: uid,
      runAsGroup: gid,
      fsGroup: gid,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    const rest = {
      containerSecurityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false, capabilities: { drop: ['ALL'] } },
      env: [
        { name: 'RELX_OUT_FILE_PATH', value: '/tmp' },
        { name: 'RELEASE_TMP', value: '/tmp' },
      ],
      volumes: [{ name: 'tmp', emptyDir: {} }],
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      rbacRules: [],
    };
    expect(SecurityProfile.HARDENED.podParts(identity())).toEqual({ podSecurityContext: podSecurityContext(10001, 10001), ...rest });
    expect(SecurityProfile.HARDENED.podParts(identity(undefined, 20000, 30000))).toEqual({ podSecurityContext: podSecurityContext(20000, 30000), ...rest });
  });
});

describe('the pod', () => {
  test('podMetadata may not change a label that podLabels set', () => {
    expect(configErrorOf(() => buildCluster({ podLabels: { tier: 'web' }, podMetadata: { labels: { tier: 'db' } } })).message).toBe(
      'test/c: invalid podMetadata.labels.tier "db": must not change the label tier=web set by the podLabels prop; leave it out or repeat the same value',
    );
  });

  test("storage.name must be a DNS label; it names the pod's volume", () => {
    expect(configErrorOf(() => buildCluster({ storage: { name: 'Data', mountPath: '/data' } })).message).toBe(
      `test/c: invalid storage.name "Data": must be a DNS-1123 label of at most 63 characters: lower-case letters, digits and '-', starting and ending with a letter or digit`,
    );
  });

  test('storage without a class: no storageClassName', () => {
    const s = buildCluster({ storage: { mountPath: '/data' } }).spec.storage;
    expect(s && { ...s, localClass: s.localClass ?? null }).toEqual({
      name: 'app-volume',
      mountPath: '/data',
      size: '1Gi',
      accessMode: 'ReadWriteOnce',
      storageClassName: undefined,
      localClass: null,
    });
  });
});
