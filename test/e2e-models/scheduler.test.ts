/**
 * The e2e's scheduler and volume binder model (e2e/scheduler.ts), on small
 * hand-written clusters and on the reference chart.
 */
import { KubeObject } from '../../e2e/kube';
import { seedObjects } from '../../e2e/scenarios';
import { fitError, nodeSelectorMatches, REFERENCE_TOPOLOGY, scheduleAll, Scheduler, Topology } from '../../e2e/scheduler';

const node = (name: string, labels: Record<string, string> = {}) => ({ name, labels: { 'kubernetes.io/hostname': name, ...labels } });
const TWO: Topology = { nodes: [node('n1', { zone: 'z1' }), node('n2', { zone: 'z2' })] };

function sts(name: string, replicas: number, claim: Record<string, unknown> | undefined, spec: Record<string, unknown> = {}): KubeObject {
  return {
    kind: 'StatefulSet',
    metadata: { name, namespace: 'ns' },
    spec: {
      replicas,
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c' }], ...spec } },
      volumeClaimTemplates: claim
        ? [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...claim } }]
        : [],
    },
  } as KubeObject;
}

function pv(name: string, size: string, spec: Record<string, unknown> = {}, onNode?: string): KubeObject {
  const nodeAffinity = onNode && {
    required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [onNode] }] }] },
  };
  return {
    kind: 'PersistentVolume',
    metadata: { name },
    spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], nodeAffinity, ...spec },
  } as KubeObject;
}

const local: KubeObject = {
  kind: 'StorageClass',
  metadata: { name: 'local' },
  provisioner: 'kubernetes.io/no-provisioner',
  volumeBindingMode: 'WaitForFirstConsumer',
} as KubeObject;
const dynamic: KubeObject = { kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'Immediate' } as KubeObject;

describe('volume binding', () => {
  test('a claim without a class, with no default class, binds only a PV without a class; else it and its pod stay Pending', () => {
    const { scheduler, placements } = scheduleAll([sts('s', 2, {}), pv('classless', '1Gi'), pv('classy', '1Gi', { storageClassName: 'local' })], TWO);
    expect(placements.get('s-0')).toEqual({ node: 'n1' });
    expect(scheduler.volumeOf('ns/data-s-0')).toBe('classless');
    expect(placements.get('s-1')).toEqual({ pending: '0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims.' });
    expect(scheduler.claimPending(scheduler.claims.get('ns/data-s-1')!)).toBe('no persistent volumes available for this claim and no storage class is set');
  });

  test('the default class is given to claims without storageClassName only', () => {
    const objects = [sts('s', 1, {}), sts('t', 1, { storageClassName: '' }), dynamic];
    const { placements } = scheduleAll(objects, { ...TWO, defaultStorageClass: 'fast' });
    expect(placements.get('s-0')).toEqual({ node: 'n1' });
    expect(placements.get('t-0')?.pending).toMatch(/unbound immediate/);
  });

  test('the smallest PV with enough capacity and every access mode wins; a no-provisioner class never provisions', () => {
    const objects = [
      sts('s', 1, { storageClassName: 'local', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } }),
      local,
      pv('big', '10Gi', { storageClassName: 'local' }),
      pv('small', '1Gi', { storageClassName: 'local' }),
      pv('fits', '2Gi', { storageClassName: 'local' }),
      pv('rox', '2Gi', { storageClassName: 'local', accessModes: ['ReadOnlyMany'] }),
    ];
    const { scheduler } = scheduleAll(objects, TWO);
    expect(scheduler.volumeOf('ns/data-s-0')).toBe('fits');
    const none = scheduleAll([sts('s', 1, { storageClassName: 'local' }), local], TWO);
    expect(none.placements.get('s-0')?.pending).toBe("0/2 nodes are available: 2 node(s) didn't find available persistent volumes to bind.");
  });

  test('WaitForFirstConsumer binds on the chosen node; a bound local PV pins the pod there (cordon: Pending, uncordon: back)', () => {
    const objects = [
      sts('s', 2, { storageClassName: 'local' }),
      local,
      pv('on-n2', '1Gi', { storageClassName: 'local' }, 'n2'),
      pv('on-n1', '1Gi', { storageClassName: 'local' }, 'n1'),
    ];
    const s = new Scheduler(objects, TWO);
    const pod = (i: number) => ({ name: `s-${i}`, namespace: 'ns', labels: { app: 's' }, statefulSet: 's' });
    expect(s.schedule(pod(0))).toEqual({ node: 'n1' });
    expect(s.volumeOf('ns/data-s-0')).toBe('on-n1');
    expect(s.schedule(pod(1))).toEqual({ node: 'n2' });
    s.cordon('n1');
    s.remove(pod(0));
    expect(s.schedule(pod(0))).toEqual({ pending: '0/2 nodes are available: 1 node(s) had volume node affinity conflict, 1 node(s) were unschedulable.' });
    s.cordon('n1', false);
    expect(s.schedule(pod(0))).toEqual({ node: 'n1' });
  });
});

describe('filters', () => {
  test('taints, tolerations and the nodeSelector', () => {
    const tainted: Topology = { nodes: [{ ...node('cp'), taints: [{ key: 'role', value: 'cp', effect: 'NoSchedule' }] }, node('w', { disk: 'hdd' })] };
    expect(scheduleAll([sts('s', 1, undefined, { nodeSelector: { disk: 'ssd' } })], tainted).placements.get('s-0')).toEqual({
      pending: "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {role: cp}.",
    });
    const tolerated = sts('s', 2, undefined, { tolerations: [{ key: 'role', operator: 'Exists', effect: 'NoSchedule' }] });
    expect([...scheduleAll([tolerated], tainted).placements.values()]).toEqual([{ node: 'cp' }, { node: 'w' }]);
  });

  test('DoNotSchedule spread: skew over the eligible domains; a node without the key fails with (missing required label)', () => {
    const spread = (key: string) => ({
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: key, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 's' } } }],
    });
    const byZone = scheduleAll([sts('s', 4, undefined, spread('zone'))], TWO).placements;
    expect([...byZone.values()].map((p) => p.node)).toEqual(['n1', 'n2', 'n1', 'n2']);
    const three: Topology = { nodes: [...TWO.nodes, node('n3')] };
    expect(scheduleAll([sts('s', 1, undefined, spread('zone'))], { nodes: [node('n3')] }).placements.get('s-0')).toEqual({
      pending: "0/1 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label).",
    });
    expect(scheduleAll([sts('s', 3, undefined, spread('zone'))], three).placements.get('s-2')).toEqual({ node: 'n1' });
  });

  test('node selector terms: ORed terms, ANDed requirements, Gt/Lt, matchFields, an empty term matches nothing', () => {
    const n = node('w1', { gen: '5' });
    expect(nodeSelectorMatches([{ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['4'] }] }], n)).toBe(true);
    expect(nodeSelectorMatches([{ matchExpressions: [{ key: 'gen', operator: 'Lt', values: ['4'] }] }], n)).toBe(false);
    expect(nodeSelectorMatches([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['w1'] }] }], n)).toBe(true);
    expect(nodeSelectorMatches([{}], n)).toBe(false);
    expect(nodeSelectorMatches([{}, { matchExpressions: [{ key: 'gen', operator: 'Exists' }] }], n)).toBe(true);
  });

  test('the FitError message: reasons counted and sorted', () => {
    expect(fitError(3, ['b', 'a', 'b'])).toBe('0/3 nodes are available: 1 a, 2 b.');
    expect(fitError(3, [], 'pre')).toBe('0/3 nodes are available: pre.');
  });
});

describe('dist/ on the reference system', () => {
  test('places a and b on worker1..3, one of each per worker, each claim on a volume of its node', () => {
    const { scheduler, placements } = scheduleAll(seedObjects(), REFERENCE_TOPOLOGY);
    expect([...placements].map(([p, v]) => `${p} ${v.node}`)).toEqual(
      ['a', 'b'].flatMap((f) => [1, 2, 3].map((w) => `erlang-docker-${f}-sfs-${w - 1} worker${w}`)),
    );
    for (const c of scheduler.claims.values())
      expect(c.pv).toMatch(new RegExp(`^erlang-docker-${scheduler.nodeOf({ namespace: 'default', name: c.key.split('-volume-')[1] })}-[01]$`));
  });
});

describe('scaling: volumes added, claims kept or deleted', () => {
  const pod = (i: number) => ({ name: `s-${i}`, namespace: 'ns', labels: { app: 's' }, statefulSet: 's' });

  test('a new ordinal is Pending until an administrator adds a volume for it; a removed ordinal keeps its claim and volume for its return', () => {
    const { scheduler } = scheduleAll([sts('s', 1, {}), pv('v0', '1Gi')], TWO);
    expect(scheduler.schedule(pod(1)).pending).toMatch(/unbound immediate/);
    scheduler.addVolume(pv('v1', '1Gi'));
    scheduler.remove(pod(1));
    expect(scheduler.schedule(pod(1)).node).toBeDefined();
    expect(scheduler.volumeOf('ns/data-s-1')).toBe('v1');
    scheduler.remove(pod(1));
    expect(scheduler.schedule(pod(1)).node).toBeDefined();
    expect(scheduler.volumeOf('ns/data-s-1')).toBe('v1');
  });

  test('a deleted claim releases its volume, which is never bound again: the next claim needs another volume', () => {
    const { scheduler } = scheduleAll([sts('s', 1, {}), pv('v0', '1Gi'), pv('v1', '1Gi')], TWO);
    expect(scheduler.volumeOf('ns/data-s-0')).toBe('v0');
    scheduler.remove(pod(0));
    scheduler.deleteClaim('ns/data-s-0');
    expect(scheduler.volumeOf('ns/data-s-0')).toBeUndefined();
    expect(scheduler.schedule(pod(0)).node).toBeDefined();
    expect(scheduler.volumeOf('ns/data-s-0')).toBe('v1');
    scheduler.remove(pod(0));
    scheduler.deleteClaim('ns/data-s-0');
    expect(scheduler.schedule(pod(0)).pending).toMatch(/unbound immediate/);
  });
});
