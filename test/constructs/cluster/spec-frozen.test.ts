/**
 * The ClusterSpec is frozen all the way down: every plain object and array in it
 * refuses a change (strict mode: a TypeError), while the class instances it holds
 * (cookie, release, strategies, storage class, Durations) are left alone, the
 * caller's props stay the caller's to change, and the lazy lists still work.
 */
import { EnvValue } from 'cdk8s-plus-28';
import { Chart, Duration, Testing, Size } from 'cdk8s';
import { ErlangStatefulCluster, ErlangStatefulClusterProps, LocalStorageClass, SecurityProfile } from 'cdk8s-erlang-cluster';
import { freezeDeeply, frozenCopy } from '../../../lib/core/frozen';
import { BASE_HTTP } from '../../fixtures/constructs';

function fullProps(chart: Chart): ErlangStatefulClusterProps {
  return {
    ...BASE_HTTP,
    replicas: 2,
    securityProfile: SecurityProfile.HARDENED,
    metadata: { labels: { team: 'a' }, annotations: { note: 'x' } },
    metrics: { port: 9568, scrapers: { namespace: 'mon', podLabels: { app: 'prom' } }, podMonitor: { interval: Duration.seconds(30) } },
    egress: { dns: { namespace: 'kube-system' }, to: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'], ports: [{ port: 443 }] }] },
    distribution: { tls: { secretName: 'dist-tls' } },
    storage: { size: Size.gibibytes(1), mountPath: '/data', storageClass: new LocalStorageClass(chart, 'local', { name: 'local' }) },
    envVariables: { A: EnvValue.fromValue('1') },
    nodeSelector: { disk: 'ssd' },
    tolerations: [{ key: 'k', operator: 'Exists' }],
    sidecars: [{ name: 'side', image: 'busybox:1', command: ['sleep', '1d'] }],
  } as ErlangStatefulClusterProps;
}

/** Every plain object and array reachable from `root` through data properties, with its path. */
function plainData(root: object): [string, object][] {
  const out: [string, object][] = [];
  const walk = (value: unknown, at: string) => {
    if (typeof value !== 'object' || value === null) return;
    const proto: unknown = Object.getPrototypeOf(value);
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return; // a class instance
    out.push([at, value]);
    for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
      if ('value' in d) walk(d.value, `${at}.${k}`);
    }
  };
  walk(root, 'spec');
  return out;
}

describe('the frozen ClusterSpec', () => {
  const chart = new Chart(Testing.app(), 'test');
  const props = fullProps(chart);
  const c = new ErlangStatefulCluster(chart, 'c', props);
  const data = plainData(c.spec);

  test('reaches the nested data (not vacuous)', () => {
    const paths = data.map(([p]) => p);
    for (const p of [
      'spec.pod.sidecars.0.command',
      'spec.egress.to.0.except',
      'spec.metrics.scrapers.podLabels',
      'spec.parts.security.volumes.0',
      'spec.metadata.labels',
    ]) {
      expect(paths).toContain(p);
    }
    expect(data.length).toBeGreaterThan(40);
  });

  test('every nested plain object and array throws on a change, in strict mode', () => {
    const unfrozen = data.filter(([, o]) => !Object.isFrozen(o)).map(([p]) => p);
    expect(unfrozen).toEqual([]);
    const refuses = (o: object) => {
      try {
        if (Array.isArray(o)) (o as unknown[]).push(1);
        else Object.assign(o, { added: 1 });
        return false;
      } catch (e) {
        return e instanceof TypeError;
      }
    };
    expect(data.filter(([, o]) => !refuses(o)).map(([p]) => p)).toEqual([]);
    expect(() => ((c.spec.pod.sidecars[0]!.command as string[])[0] = 'rm')).toThrow(TypeError);
    expect(() => ((c.spec.egress!.dns as { namespace: string }).namespace = 'x')).toThrow(TypeError);
  });

  test('class instances are kept, not copied or frozen; the lazy lists still work', () => {
    expect(c.spec.cookie).toBe(props.cookie);
    expect(c.spec.release).toBe(props.release);
    expect(c.spec.security).toBe(props.securityProfile);
    expect(c.spec.storage?.localClass).toBe(props.storage?.storageClass);
    expect(Object.isFrozen(c.spec.storage?.localClass)).toBe(false);
    expect(c.spec.metrics?.podMonitor?.interval).toBe(props.metrics?.podMonitor?.interval);
    expect(c.spec.nodeNames).toEqual(['app@app-sfs-0.app-hl.default.svc.cluster.local', 'app@app-sfs-1.app-hl.default.svc.cluster.local']);
    expect(c.spec.podFqdns).toHaveLength(2);
  });

  test("the caller's props stay unfrozen and theirs", () => {
    expect(Object.isFrozen(props.egress)).toBe(false);
    expect(Object.isFrozen(props.sidecars)).toBe(false);
    expect(Object.isFrozen(props.sidecars![0]!.command)).toBe(false);
    expect(Object.isFrozen(props.metrics?.scrapers?.podLabels)).toBe(false);
  });
});

describe('frozenCopy', () => {
  test('copies plain data, keeps own keys such as __proto__, keeps a null prototype', () => {
    const labels = JSON.parse('{"__proto__": "x", "constructor": "y"}') as Record<string, string>;
    const bare = Object.assign(Object.create(null) as Record<string, string>, { a: '1' });
    const copy = frozenCopy({ labels, bare, list: [{ n: 1 }] });
    expect(Object.keys(copy.labels)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(copy.labels)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(copy.bare)).toBeNull();
    expect(Object.isFrozen(copy.list[0])).toBe(true);
    expect(Object.isFrozen(labels)).toBe(false);
  });

  test('a map without a prototype is copied and frozen too; null and undefined stay', () => {
    const bare = Object.assign(Object.create(null) as Record<string, string>, { a: '1' });
    const copy = frozenCopy({ bare, none: null, missing: undefined });
    expect(copy.bare).not.toBe(bare);
    expect(Object.isFrozen(copy.bare)).toBe(true);
    expect(Object.isFrozen(bare)).toBe(false);
    expect({ ...copy.bare }).toEqual({ a: '1' });
    expect([copy.none, copy.missing]).toEqual([null, undefined]);
    expect(frozenCopy(null)).toBeNull();
  });

  test('one object reached twice gives one copy; a cycle ends', () => {
    const shared = { port: 1 };
    const copy = frozenCopy({ a: shared, b: [shared] });
    expect(copy.b[0]).toBe(copy.a);
    expect(copy.a).not.toBe(shared);
    const loop: { self?: unknown } = {};
    loop.self = loop;
    const looped = frozenCopy(loop);
    expect(looped.self).toBe(looped);
  });
});

describe('freezeDeeply', () => {
  test('freezes the target with a frozen copy of each data property, and keeps its getters', () => {
    const labels = { a: '1' };
    let reads = 0;
    const target = {
      labels,
      list: [labels],
      get lazy() {
        reads++;
        return ['x'];
      },
    };
    const frozen = freezeDeeply(target);
    expect(frozen).toBe(target);
    expect(Object.isFrozen(target)).toBe(true);
    expect(frozen.labels).not.toBe(labels);
    expect(frozen.labels).toEqual({ a: '1' });
    expect(Object.isFrozen(frozen.labels)).toBe(true);
    expect(Object.isFrozen(frozen.list)).toBe(true);
    // One copies map for the whole target: the shared object stays shared.
    expect(frozen.list[0]).toBe(frozen.labels);
    expect(Object.isFrozen(labels)).toBe(false);
    expect(reads).toBe(0);
    expect(frozen.lazy).toEqual(['x']);
    expect(reads).toBe(1);
  });
});
