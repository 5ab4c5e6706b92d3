/**
 * The e2e's Eviction API and PodDisruptionBudget model (e2e/eviction.ts).
 */
import { budgetsFor, evict } from '../../e2e/eviction';
import { KubeObject } from '../../e2e/kube';
import { seedObjects } from '../../e2e/scenarios';

const sts = (replicas: number): KubeObject => ({
  kind: 'StatefulSet',
  metadata: { name: 's', namespace: 'ns' },
  spec: { replicas, template: { metadata: { labels: { app: 's' } }, spec: { containers: [] } } },
});
const pdb = (spec: Record<string, unknown>, name = 'p'): KubeObject => ({
  kind: 'PodDisruptionBudget',
  metadata: { name, namespace: 'ns' },
  spec: { selector: { matchLabels: { app: 's' } }, ...spec },
});
const pods = (ready: boolean[]) => ready.map((r, i) => ({ name: `s-${i}`, namespace: 'ns', labels: { app: 's' }, ready: r }));

describe('disruptionsAllowed', () => {
  test.each([
    [{ maxUnavailable: 1 }, [true, true, true], 2, 1],
    [{ maxUnavailable: 1 }, [true, true], 2, 0],
    [{ maxUnavailable: '50%' }, [true, true, true, true], 2, 2],
    [{ maxUnavailable: '30%' }, [true, true, true], 2, 1],
    [{ minAvailable: 2 }, [true, true, true], 2, 1],
    [{ minAvailable: '50%' }, [true, true, true], 2, 1],
    [{ minAvailable: 3 }, [true, true, false], 3, 0],
  ])('%j with Ready %j: desired %d, allowed %d', (spec, ready, desired, allowed) => {
    const [b] = budgetsFor([sts(ready.length === 2 ? 3 : ready.length), pdb(spec)], pods(ready), 'ns', { app: 's' });
    expect([b.desiredHealthy, b.disruptionsAllowed]).toEqual([desired, allowed]);
  });
});

describe('evict', () => {
  test('a Ready pod goes while disruptions are allowed, else 429 with the numbers', () => {
    const objects = [sts(3), pdb({ maxUnavailable: 1 })];
    expect(evict(objects, pods([true, true, true]), 's-0', 'ns').code).toBe(201);
    expect(evict(objects, pods([true, true]), 's-0', 'ns')).toEqual({
      code: 429,
      message: "Cannot evict pod as it would violate the pod's disruption budget. The disruption budget p needs 2 healthy pods and has 2 currently",
    });
  });

  test('an unhealthy pod: AlwaysAllow lets it go; IfHealthyBudget only when the budget has its healthy pods', () => {
    const ready = pods([true, false, false]);
    expect(evict([sts(3), pdb({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' })], ready, 's-1', 'ns').code).toBe(201);
    expect(evict([sts(3), pdb({ maxUnavailable: 1 })], ready, 's-1', 'ns').code).toBe(429);
    expect(evict([sts(3), pdb({ maxUnavailable: 2 })], ready, 's-1', 'ns').code).toBe(201);
  });

  test('no budget: granted; two budgets: 500', () => {
    expect(evict([sts(3)], pods([true]), 's-0', 'ns').code).toBe(201);
    expect(evict([sts(3), pdb({ maxUnavailable: 1 }), pdb({ maxUnavailable: 1 }, 'q')], pods([true]), 's-0', 'ns').code).toBe(500);
  });

  test('the reference chart: one member of each StatefulSet may go, not two', () => {
    const objects = seedObjects();
    const all = ['a', 'b'].flatMap((f) =>
      [0, 1, 2].map((i) => ({ name: `erlang-docker-${f}-sfs-${i}`, namespace: 'default', labels: { app: `erlang-docker-${f}` }, ready: true })),
    );
    expect(evict(objects, all, 'erlang-docker-a-sfs-0').code).toBe(201);
    const without = all.filter((p) => p.name !== 'erlang-docker-a-sfs-0');
    expect(evict(objects, without, 'erlang-docker-a-sfs-1').code).toBe(429);
    expect(evict(objects, without, 'erlang-docker-b-sfs-0').code).toBe(201);
  });
});
