/**
 * lib/validation/rules/selectors.ts on the edges the case table of manifest-rules.test.ts
 * leaves open: a missing selector, overlapping selectors.
 */
import { KubeObject } from '../../../lib/validation/manifests';
import { cluster, deployment, networkPolicy, obj, STS, violations } from '../../fixtures/manifests';

describe('selector-matches-pods with the selector missing: it selects nothing', () => {
  const selectorRule = (objects: readonly KubeObject[]) => violations(objects, 'selector-matches-pods');

  test('a PodDisruptionBudget without spec, or without selector', () => {
    const missing = ['PodDisruptionBudget/prod/pdb: selector undefined matches no pod template'];
    expect(selectorRule(cluster(undefined, obj('PodDisruptionBudget', 'pdb', {}, 'policy/v1')))).toEqual(missing);
    expect(selectorRule(cluster(undefined, obj('PodDisruptionBudget', 'pdb', { spec: { maxUnavailable: 1 } }, 'policy/v1')))).toEqual(missing);
  });

  test('a NetworkPolicy without spec, or without podSelector', () => {
    const missing = ['NetworkPolicy/prod/np: podSelector undefined matches no pod template'];
    expect(selectorRule(cluster(undefined, networkPolicy(undefined)))).toEqual(missing);
    expect(selectorRule(cluster(undefined, networkPolicy({ policyTypes: ['Ingress'] })))).toEqual(missing);
  });

  test('a PodMonitor without spec, or without selector', () => {
    const missing = ['PodMonitor/prod/pm: selector undefined matches no pod template in namespace prod'];
    expect(selectorRule(cluster(undefined, obj('PodMonitor', 'pm', {}, 'monitoring.coreos.com/v1')))).toEqual(missing);
    expect(selectorRule(cluster(undefined, obj('PodMonitor', 'pm', { spec: { podMetricsEndpoints: [] } }, 'monitoring.coreos.com/v1')))).toEqual(missing);
  });

  test('a StatefulSet without spec: its selector and its Service match nothing', () => {
    const objects = cluster((sts) => {
      delete sts.spec;
    });
    expect(selectorRule(objects)).toEqual([
      'Service/prod/app-hl: selector {"app":"app"} matches no pod template in namespace prod',
      `${STS}: selector undefined does not match its pod template labels {}`,
    ]);
  });
});

describe('selector-overlap', () => {
  const overlap = (objects: readonly KubeObject[]) => violations(objects, 'selector-overlap');
  const side = deployment('side', { app: 'app', role: 'side' });

  test('a StatefulSet without spec, without selector, or with {} selects no pods, so overlaps none', () => {
    expect(
      overlap(
        cluster((sts) => {
          delete sts.spec;
        }, side),
      ),
    ).toEqual([]);
    expect(
      overlap(
        cluster((sts) => {
          delete sts.spec.selector;
        }, side),
      ),
    ).toEqual([]);
    expect(
      overlap(
        cluster((sts) => {
          sts.spec.selector = {};
        }, side),
      ),
    ).toEqual([]);
  });

  test('by expression, the overlap is found in the namespace only', () => {
    const objects = cluster(
      (sts) => {
        sts.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['app'] }] };
      },
      deployment('side', { app: 'app' }, 'dev'),
      side,
    );
    expect(overlap(objects)).toEqual([
      `${STS}: selector {"matchExpressions":[{"key":"app","operator":"In","values":["app"]}]} also selects the pods of Deployment/prod/side; the controllers would fight over them`,
    ]);
  });
});
