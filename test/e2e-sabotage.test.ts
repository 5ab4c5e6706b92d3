/**
 * The e2e sabotage table without root or Erlang: the reference chart passes
 * every static judgment, and each broken version fails its named check for
 * its named reason. `npm run e2e` runs the same table on dist/.
 *
 * The table runs on the reference chart with the reference system's local
 * volumes declared (`localVolumeSeedObjects`): dist/ as committed declares
 * none, so its claims name no StorageClass and, on a cluster without a
 * default class, never bind; the `scheduling` judgment says so (pinned below).
 */
import { runSabotage, SABOTAGE } from '../e2e/sabotage';
import { localVolumeSeedObjects, seedInput, seedObjects } from '../e2e/scenarios';
import { SEED_DECLARATION, staticChecks } from '../e2e/static-checks';

describe('e2e sabotage table', () => {
  const verdicts = runSabotage(localVolumeSeedObjects());

  test('has at least 22 rows, with unique ids', () => {
    expect(SABOTAGE.length).toBeGreaterThanOrEqual(22);
    expect(new Set(SABOTAGE.map((s) => s.id)).size).toBe(SABOTAGE.length);
  });

  test.each(verdicts.map((v) => [v.sabotage.id, v]))('%s', (_id, v) => {
    // On failure the diff shows the judge's line: what failed instead, or what held.
    expect({ caught: v.caught, line: v.line }).toEqual({ caught: true, line: v.line });
  });
});

describe('dist/ as committed', () => {
  const checks = staticChecks(seedInput(seedObjects()), SEED_DECLARATION);

  test('passes every static judgment but scheduling', () => {
    expect(checks.filter((c) => !c.ok && c.name !== 'scheduling').map((c) => `${c.name}: ${c.problems[0]}`)).toEqual([]);
  });

  test('scheduling: no pod is placed, no claim binds (no PersistentVolume, no class, no default class)', () => {
    // When the chart declares its local volumes, this fails: then run the table above on seedObjects() again.
    const problems = checks.find((c) => c.name === 'scheduling')!.problems;
    expect(problems).toHaveLength(12);
    expect(problems.slice(0, 6)).toEqual(
      ['a', 'b'].flatMap((f) =>
        [0, 1, 2].map((i) => `erlang-docker-${f}-sfs-${i}: Pending: 0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims.`),
      ),
    );
    expect(problems.slice(6)).toEqual(
      ['a', 'b'].flatMap((f) =>
        [0, 1, 2].map(
          (i) =>
            `claim default/erlang-docker-${f}-volume-erlang-docker-${f}-sfs-${i}: Pending: no persistent volumes available for this claim and no storage class is set`,
        ),
      ),
    );
  });
});
