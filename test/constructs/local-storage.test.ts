/**
 * LocalStorageClass and LocalPersistentVolume: the exact objects they write, their
 * defaults, and the bindability check at its boundaries. Written to kill the mutants
 * StrykerJS found surviving (docs/mutation.md).
 */
import { App, Chart, Testing, Size } from 'cdk8s';
import {
  ErlangCookie,
  ErlangRelease,
  ErlangStatefulCluster,
  LocalPersistentVolume,
  LocalStorageClass,
  IStorageClass,
  StorageClass,
} from 'cdk8s-erlang-cluster';
import { PersistentVolumeAccessMode, PersistentVolumeReclaimPolicy } from 'cdk8s-plus-28';
import * as k8s from '../../imports/k8s';
import { configErrorOf, fields, synthError } from '../helpers';

describe('LocalStorageClass', () => {
  test('writes a no-provisioner, WaitForFirstConsumer class without a namespace; Retain by default', () => {
    const chart = Testing.chart();
    const sc = new LocalStorageClass(chart, 'sc', { name: 'local-ssd' });
    expect([sc.name, sc.reclaimPolicy, sc.volumes]).toEqual(['local-ssd', 'Retain', []]);
    expect(LocalStorageClass.isLocalStorageClass(sc)).toBe(true);
    expect(LocalStorageClass.isLocalStorageClass(chart)).toBe(false);
    expect(Testing.synth(chart)).toEqual([
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'local-ssd' },
        provisioner: 'kubernetes.io/no-provisioner',
        volumeBindingMode: 'WaitForFirstConsumer',
        reclaimPolicy: 'Retain',
      },
    ]);
  });

  test('in a chart with a namespace, the class and its volumes still have none; Delete is passed on to volumes', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'team' });
    const sc = new LocalStorageClass(chart, 'sc', { name: 'local', reclaimPolicy: PersistentVolumeReclaimPolicy.DELETE });
    const v = sc.addVolume('v0', {
      name: 'pv-0',
      nodeName: 'node-a',
      path: '/mnt/disks/d0/',
      size: Size.gibibytes(2),
      accessMode: PersistentVolumeAccessMode.READ_WRITE_ONCE_POD,
    });
    expect(LocalPersistentVolume.isLocalPersistentVolume(v)).toBe(true);
    expect(LocalPersistentVolume.isLocalPersistentVolume(sc)).toBe(false);
    expect(sc.volumes).toEqual([v]);
    expect([v.name, v.nodeName, v.path, v.size, v.accessMode]).toEqual(['pv-0', 'node-a', '/mnt/disks/d0/', '2Gi', 'ReadWriteOncePod']);
    expect(Testing.synth(chart)).toEqual([
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'local' },
        provisioner: 'kubernetes.io/no-provisioner',
        volumeBindingMode: 'WaitForFirstConsumer',
        reclaimPolicy: 'Delete',
      },
      {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'pv-0' },
        spec: {
          capacity: { storage: '2Gi' },
          accessModes: ['ReadWriteOncePod'],
          persistentVolumeReclaimPolicy: 'Delete',
          storageClassName: 'local',
          volumeMode: 'Filesystem',
          local: { path: '/mnt/disks/d0/' },
          nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-a'] }] }] } },
        },
      },
    ]);
  });

  test('names are checked and cluster-wide unique, in any chart of the app', () => {
    const app = Testing.app();
    new LocalStorageClass(new Chart(app, 'a'), 'sc', { name: 'local' });
    const e = configErrorOf(() => new LocalStorageClass(new Chart(app, 'b'), 'sc', { name: 'local' }));
    expect([e.where, e.prop, e.value, e.allowed]).toEqual([
      'b/sc',
      'name',
      'local',
      'is already used by a/sc; StorageClass names are cluster-wide and must be unique',
    ]);
    // Another app is another cluster.
    expect(() => new LocalStorageClass(new Chart(new App(), 'a'), 'sc', { name: 'local' })).not.toThrow();
    expect(configErrorOf(() => new LocalStorageClass(Testing.chart(), 'sc', { name: 'Local' })).prop).toBe('name');
    const p = configErrorOf(() => new LocalStorageClass(Testing.chart(), 'sc', { name: 'x', reclaimPolicy: 'Recycle' as PersistentVolumeReclaimPolicy }));
    expect([p.prop, p.allowed]).toEqual(['reclaimPolicy', "must be one of 'Retain', 'Delete'"]);
  });

  test('must be in a chart', () => {
    const e = configErrorOf(() => new LocalStorageClass(new App(), 'sc', { name: 'x' }));
    expect([e.where, e.prop, e.value]).toEqual(['sc', 'scope', '']);
  });
});

describe('binding: every claim needs a volume of its access mode and at least its size', () => {
  const setup = (sizes: Size[], mode = PersistentVolumeAccessMode.READ_WRITE_ONCE) => {
    const chart = Testing.chart();
    const sc = new LocalStorageClass(chart, 'sc', { name: 'local' });
    sizes.forEach((size, i) => sc.addVolume(`v${i}`, { name: `v${i}`, nodeName: `n${i}`, path: '/d', size, accessMode: mode }));
    return { chart, sc };
  };

  test('exactly enough volumes of exactly the size bind; a bigger one fits too', () => {
    const { chart, sc } = setup([Size.gibibytes(1), Size.mebibytes(1024), Size.gibibytes(2)]);
    sc._addClaims('app/c', 3, Size.gibibytes(1), PersistentVolumeAccessMode.READ_WRITE_ONCE);
    expect(Testing.synth(chart)).toHaveLength(4);
  });

  test('one volume too few: named, sized and counted', () => {
    const { chart, sc } = setup([Size.gibibytes(1), Size.gibibytes(1)]);
    sc._addClaims('app/c', 3, Size.gibibytes(1), PersistentVolumeAccessMode.READ_WRITE_ONCE);
    const e = synthError(chart);
    expect([e.where, e.prop, e.value, e.allowed]).toEqual([
      'test/sc',
      'volumes',
      ['v0 1Gi ReadWriteOnce', 'v1 1Gi ReadWriteOnce'],
      'must include at least 3 volumes of 1Gi or more with access mode ReadWriteOnce for the claims of app/c (one per replica); 2 fit, so 1 pods would stay Pending. Add them with addVolume()',
    ]);
  });

  test('a volume 1Ki too small, or of another access mode, does not fit', () => {
    const small = setup([Size.gibibytes(1), Size.kibibytes(1048575)]);
    small.sc._addClaims('app/c', 2, Size.gibibytes(1), PersistentVolumeAccessMode.READ_WRITE_ONCE);
    expect(synthError(small.chart).allowed).toContain('; 1 fit, so 1 pods would stay Pending');
    const mode = setup([Size.gibibytes(1), Size.gibibytes(1)], PersistentVolumeAccessMode.READ_WRITE_MANY);
    mode.sc._addClaims('app/c', 1, Size.gibibytes(1), PersistentVolumeAccessMode.READ_WRITE_ONCE);
    expect(synthError(mode.chart).allowed).toContain('; 0 fit, so 1 pods would stay Pending');
  });

  test('claims of several owners add up: each fits alone, together they are too many', () => {
    const { chart, sc } = setup([Size.gibibytes(1), Size.gibibytes(1), Size.gibibytes(1)]);
    sc._addClaims('app/a', 2, Size.gibibytes(1), PersistentVolumeAccessMode.READ_WRITE_ONCE);
    sc._addClaims('app/b', 2, Size.gibibytes(1), PersistentVolumeAccessMode.READ_WRITE_ONCE);
    const e = synthError(chart);
    expect([e.prop, e.value, e.allowed]).toEqual([
      'volumes',
      3,
      'must be at least the 4 claims made on this class (app/a: 2, app/b: 2); a volume binds one claim',
    ]);
    const ok = setup([Size.gibibytes(1), Size.gibibytes(1), Size.gibibytes(1), Size.gibibytes(1)]);
    ok.sc._addClaims('app/a', 2, Size.gibibytes(1), PersistentVolumeAccessMode.READ_WRITE_ONCE);
    ok.sc._addClaims('app/b', 2, Size.gibibytes(1), PersistentVolumeAccessMode.READ_WRITE_ONCE);
    expect(Testing.synth(ok.chart)).toHaveLength(5);
  });

  test('no claims, no check', () => {
    expect(Testing.synth(setup([]).chart)).toHaveLength(1);
  });
});

describe('LocalPersistentVolume', () => {
  test('defaults: ReadWriteOnce and Retain', () => {
    const chart = Testing.chart();
    const v = new LocalPersistentVolume(chart, 'v', { name: 'v', storageClassName: 'sc', nodeName: 'n', path: '/d', size: Size.gibibytes(1) });
    expect(v.accessMode).toBe('ReadWriteOnce');
    expect(Testing.synth(chart)[0].spec).toMatchObject({ accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'sc' });
  });

  test('each field is checked, naming its prop', () => {
    const base = { name: 'v', storageClassName: 'sc', nodeName: 'n', path: '/d', size: Size.gibibytes(1) };
    const bad: [string, Record<string, unknown>, string][] = [
      ['name', { name: 'V' }, "must be a DNS name (DNS-1123 subdomain) such as 'cluster.local'"],
      ['nodeName', { nodeName: 'N' }, "must be a DNS name (DNS-1123 subdomain) such as 'cluster.local'"],
      ['path', { path: 'd' }, "must be an absolute path such as '/var/lib/app', other than '/' and without '..'"],
      ['size', { size: Size.gibibytes(0) }, "must be a positive Kubernetes quantity such as '1Gi' or '500Mi'"],
      ['size', { size: '1Gi' }, 'must be a cdk8s Size, e.g. Size.gibibytes(10), not a string'],
      ['accessMode', { accessMode: 'RWO' }, "must be one of 'ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'"],
      ['reclaimPolicy', { reclaimPolicy: 'Recycle' }, "must be one of 'Retain', 'Delete'"],
      ['storageClassName', { storageClassName: 'SC' }, "must be a DNS name (DNS-1123 subdomain) such as 'cluster.local'"],
    ];
    for (const [prop, patch, allowed] of bad) {
      const e = configErrorOf(() => new LocalPersistentVolume(Testing.chart(), 'v', { ...base, ...patch } as never));
      expect([e.prop, e.allowed]).toEqual([prop, allowed]);
    }
  });

  test('names are unique cluster-wide; a directory once per node, in normal form; the same path on another node is fine', () => {
    const chart = Testing.chart();
    const base = { storageClassName: 'sc', size: Size.gibibytes(1) };
    new LocalPersistentVolume(chart, 'a', { ...base, name: 'a', nodeName: 'n1', path: '/srv/d' });
    new LocalPersistentVolume(chart, 'b', { ...base, name: 'b', nodeName: 'n2', path: '/srv/d' });
    const dup = configErrorOf(() => new LocalPersistentVolume(chart, 'c', { ...base, name: 'a', nodeName: 'n3', path: '/x' }));
    expect([dup.prop, dup.allowed]).toEqual(['name', 'is already used by test/a; PersistentVolume names are cluster-wide and must be unique']);
    const dir = configErrorOf(() => new LocalPersistentVolume(chart, 'd', { ...base, name: 'd', nodeName: 'n1', path: '/srv//d/' }));
    expect([dir.prop, dir.value, dir.allowed]).toEqual(['path', '/srv/d', 'is already used by test/a; each local volume needs its own directory']);
  });
});

describe('the names in messages and claims', () => {
  test('props that are not an object name the props interface and the construct path', () => {
    const chart = Testing.chart();
    expect(fields(configErrorOf(() => new LocalStorageClass(chart, 'sc', null as never)))).toEqual([
      'test/sc',
      'props',
      null,
      'must be an object (LocalStorageClassProps)',
    ]);
    const sc = new LocalStorageClass(chart, 'ok', { name: 'ok' });
    expect(fields(configErrorOf(() => sc.addVolume('v', 'x' as never)))).toEqual(['test/ok/v', 'props', 'x', 'must be an object (LocalVolumeOptions)']);
    expect(fields(configErrorOf(() => new LocalPersistentVolume(chart, 'pv', [] as never)))).toEqual([
      'test/pv',
      'props',
      [],
      'must be an object (LocalPersistentVolumeProps)',
    ]);
  });

  test('a StorageClass and a PersistentVolume may share a name: each kind has its own names', () => {
    const chart = Testing.chart();
    const sc = new LocalStorageClass(chart, 'sc', { name: 'local' });
    sc.addVolume('v', { name: 'local', nodeName: 'n', path: '/d', size: Size.gibibytes(1) });
    expect(Testing.synth(chart).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['StorageClass/local', 'PersistentVolume/local']);
  });
});

describe('storage.storageClass: an IStorageClass', () => {
  const claimClass = (storageClass: unknown, chart: Chart = Testing.chart()) => {
    new ErlangStatefulCluster(chart, 'c', {
      basename: 'app',
      release: ErlangRelease.mix(),
      image: 'app:1.0',
      cookie: ErlangCookie.fromSecretName('c'),
      replicas: 1,
      storage: { mountPath: '/data', storageClass: storageClass as IStorageClass },
    });
    return Testing.synth(chart).find((o) => o.kind === 'StatefulSet').spec.volumeClaimTemplates[0].spec.storageClassName;
  };

  test('StorageClass.fromName, a LocalStorageClass and a class of our own all write their name into the claims', () => {
    expect(claimClass(StorageClass.fromName('fast.ssd'))).toBe('fast.ssd');
    const chart = Testing.chart();
    const local = new LocalStorageClass(chart, 'sc', { name: 'local' });
    local.addVolume('v', { name: 'v', nodeName: 'n', path: '/d', size: Size.gibibytes(1) });
    expect(claimClass(local, chart)).toBe('local');
    expect(claimClass({ name: 'premium-rwo' })).toBe('premium-rwo');
  });

  test('only a LocalStorageClass counts the claims against its volumes', () => {
    const chart = Testing.chart();
    new LocalStorageClass(chart, 'sc', { name: 'local' });
    // A class of the same name known by name only is the cluster's: nothing to count.
    expect(claimClass(StorageClass.fromName('local'), chart)).toBe('local');
    const counted = Testing.chart();
    const local = new LocalStorageClass(counted, 'sc', { name: 'local' });
    expect(configErrorOf(() => claimClass(local, counted)).prop).toBe('volumes');
  });

  test('a name that is not a DNS subdomain is refused where it is given', () => {
    expect(fields(configErrorOf(() => StorageClass.fromName('Fast_SSD')))).toEqual([
      'StorageClass.fromName',
      'name',
      'Fast_SSD',
      "must be a DNS name (DNS-1123 subdomain) such as 'cluster.local'",
    ]);
    expect(fields(configErrorOf(() => claimClass({ name: 'Fast_SSD' }))).slice(0, 3)).toEqual(['test/c', 'storage.storageClass.name', 'Fast_SSD']);
  });

  test.each([
    ['a class name (the old spelling)', 'standard', 'a string'],
    ['an object without a name', { storageClassName: 'standard' }, 'an object'],
    ['a name that is not a string', { name: 7 }, 'an object'],
  ])('%s is refused, naming the spelling', (_, value, what) => {
    expect(fields(configErrorOf(() => claimClass(value)))).toEqual([
      'test/c',
      'storage.storageClass',
      value,
      `must be an IStorageClass: StorageClass.fromName('fast-ssd') for a class the cluster has, or a LocalStorageClass, not ${what}`,
    ]);
  });
});

describe('claims of no StorageClass', () => {
  /** The warnings that synthesizing a chart with one cluster whose storage is `storage` writes, after `more` adds to the chart. */
  function warningsOf(storage: Record<string, unknown>, more: (chart: Chart) => void = () => {}): string[] {
    const chart = Testing.chart();
    const lines: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      new ErlangStatefulCluster(chart, 'c', {
        basename: 'app',
        release: ErlangRelease.mix(),
        image: 'app:1.0',
        cookie: ErlangCookie.fromSecretName('c'),
        storage: { mountPath: '/data', ...storage },
      });
      more(chart);
      Testing.synth(chart);
    } finally {
      spy.mockRestore();
    }
    return lines;
  }
  const pv = (chart: Chart, storageClassName?: string) =>
    new k8s.KubePersistentVolume(chart, `pv-${storageClassName ?? 'none'}`, {
      metadata: { name: `pv-${storageClassName ?? 'none'}` },
      spec: { capacity: { storage: k8s.Quantity.fromString('1Gi') }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/srv' }, storageClassName },
    });

  test('warn at synth, naming the cluster and the fix, when nothing in the chart can hold them', () => {
    expect(warningsOf({})).toEqual([
      "warning: test/c: storage names no StorageClass and the chart declares no PersistentVolume without one, so the claims bind only on a cluster with a default StorageClass ('kubectl get storageclass' marks it '(default)'); " +
        'otherwise they stay Pending: set storage.storageClass to a class the cluster has (StorageClass.fromName), or to a LocalStorageClass with one volume per replica (addVolume)\n',
    ]);
    // A volume of another class cannot hold a claim of no class.
    expect(warningsOf({}, (chart) => pv(chart, 'fast'))).toHaveLength(1);
  });

  test('say nothing when the claims name a class, or the chart has a volume of no class', () => {
    expect(warningsOf({ storageClass: StorageClass.fromName('standard') })).toEqual([]);
    expect(warningsOf({}, (chart) => pv(chart))).toEqual([]);
    // A volume with no spec at all names no class either.
    expect(warningsOf({}, (chart) => new k8s.KubePersistentVolume(chart, 'bare', {}))).toEqual([]);
  });
});
