/**
 * lib/kubernetes/label-selector.ts: label selectors as the apiserver reads them.
 */
import { selectorMatches, formatSelector, isEmptySelector, serviceSelectorMatches } from '../../lib/kubernetes/label-selector';

describe('selectorMatches', () => {
  test('matchLabels against no labels at all selects nothing', () => {
    expect(selectorMatches({ matchLabels: { app: 'a' } }, undefined)).toBe(false);
    expect(selectorMatches({}, undefined)).toBe(true);
  });

  test('In needs the label with a listed value; without a values list nothing is listed', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['db', 'web'] }] }, { tier: 'web' })).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] }, { tier: 'web' })).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] }, undefined)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In' }] }, { tier: 'web' })).toBe(false);
  });

  test('NotIn holds without the label or with an unlisted value', () => {
    const notIn = { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] };
    expect([
      selectorMatches(notIn, { tier: 'db' }),
      selectorMatches(notIn, { tier: 'web' }),
      selectorMatches(notIn, {}),
      selectorMatches(notIn, undefined),
    ]).toEqual([false, true, true, true]);
  });

  test('an unknown operator makes the selector select nothing', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'Exist' }] }, { tier: 'web' })).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'Gt', values: ['1'] }] }, {})).toBe(false);
  });

  const pod = { app: 'app', tier: 'db' };
  test.each([
    ['In with the value', { key: 'app', operator: 'In', values: ['x', 'app'] }, true],
    ['In without the value', { key: 'app', operator: 'In', values: ['x'] }, false],
    ['In on a missing key', { key: 'zone', operator: 'In', values: ['a'] }, false],
    ['NotIn with the value', { key: 'app', operator: 'NotIn', values: ['app'] }, false],
    ['NotIn without the value', { key: 'app', operator: 'NotIn', values: ['x'] }, true],
    ['NotIn on a missing key', { key: 'zone', operator: 'NotIn', values: ['a'] }, true],
    ['Exists on a present key', { key: 'tier', operator: 'Exists' }, true],
    ['Exists on a missing key', { key: 'zone', operator: 'Exists' }, false],
    ['DoesNotExist on a present key', { key: 'tier', operator: 'DoesNotExist' }, false],
    ['DoesNotExist on a missing key', { key: 'zone', operator: 'DoesNotExist' }, true],
    ['an unknown operator (an invalid selector)', { key: 'app', operator: 'Equals', values: ['app'] }, false],
  ])('%s', (_what, expression, expected) => {
    expect(selectorMatches({ matchExpressions: [expression] }, pod)).toBe(expected);
  });

  test('matchLabels and matchExpressions must all hold', () => {
    expect(selectorMatches({ matchLabels: { app: 'app' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] }, pod)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'app' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] }, pod)).toBe(false);
    expect(selectorMatches({ matchLabels: { app: 'app', zone: 'a' } }, pod)).toBe(false);
  });

  test('{} selects everything, even an object without labels; NotIn and DoesNotExist select one too', () => {
    expect(selectorMatches({}, pod)).toBe(true);
    expect(selectorMatches({}, undefined)).toBe(true);
    expect(
      selectorMatches(
        {
          matchExpressions: [
            { key: 'app', operator: 'NotIn', values: ['app'] },
            { key: 'app', operator: 'DoesNotExist' },
          ],
        },
        undefined,
      ),
    ).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, undefined)).toBe(false);
    expect(isEmptySelector({})).toBe(true);
    expect(isEmptySelector({ matchLabels: {}, matchExpressions: [] })).toBe(true);
    expect(isEmptySelector({ matchExpressions: [{ key: 'app', operator: 'Exists' }] })).toBe(false);
    expect(isEmptySelector({ matchLabels: { app: 'app' } })).toBe(false);
  });

  test('a Service selector is a plain map; an empty or missing one selects no pod', () => {
    expect(serviceSelectorMatches({ app: 'app' }, pod)).toBe(true);
    expect(serviceSelectorMatches({ app: 'app', tier: 'web' }, pod)).toBe(false);
    expect(serviceSelectorMatches({}, pod)).toBe(false);
    expect(serviceSelectorMatches(undefined, pod)).toBe(false);
    expect(serviceSelectorMatches({ app: 'app' }, undefined)).toBe(false);
  });

  test("formatSelector writes libcluster's kubernetes_selector form", () => {
    expect(formatSelector({ app: 'app', 'example.com/tier': 'db' })).toBe('app=app,example.com/tier=db');
    expect(formatSelector({})).toBe('');
  });
});
