/**
 * The e2e sabotage table without root or Erlang: dist/ as committed passes
 * every static judgment, and each broken version fails its named check for
 * its named reason. `npm run e2e` runs the same table.
 */
import { runSabotage, SABOTAGE } from '../e2e/sabotage';
import { seedObjects } from '../e2e/scenarios';

describe('e2e sabotage table', () => {
  const verdicts = runSabotage(seedObjects());

  test('has at least 22 rows, with unique ids', () => {
    expect(SABOTAGE.length).toBeGreaterThanOrEqual(22);
    expect(new Set(SABOTAGE.map((s) => s.id)).size).toBe(SABOTAGE.length);
  });

  test.each(verdicts.map((v) => [v.sabotage.id, v]))('%s', (_id, v) => {
    // On failure the diff shows the judge's line: what failed instead, or what held.
    expect({ caught: v.caught, line: v.line }).toEqual({ caught: true, line: v.line });
  });
});
