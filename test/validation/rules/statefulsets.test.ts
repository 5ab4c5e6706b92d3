/**
 * lib/validation/rules/statefulsets.ts: the governing Service rules, on the edges the case
 * table of manifest-rules.test.ts leaves open.
 */
import { cluster, STS, violations } from '../../fixtures/manifests';

const GOVERNING_RULES = ['governing-service-exists', 'governing-service-headless', 'governing-service-selects-pods', 'governing-service-publishes-not-ready'];

describe('the governing Service rules (statefulsets.ts)', () => {
  test('a StatefulSet without spec names no Service; the rules that need one say nothing more', () => {
    const objects = cluster((sts) => {
      delete sts.spec;
    });
    expect(violations(objects, ...GOVERNING_RULES, 'service-account-exists')).toEqual([
      `${STS}: serviceName undefined names no Service in namespace prod; pods get no DNS names`,
    ]);
  });

  test('a governing Service without spec is not headless, selects nothing and does not publish unready pods', () => {
    const objects = cluster((_sts, svc) => {
      delete svc.spec;
    });
    expect(violations(objects, ...GOVERNING_RULES)).toEqual([
      `${STS}: governing Service app-hl is not headless (clusterIP: None); pods get no per-pod DNS names`,
      `${STS}: governing Service app-hl does not select this StatefulSet's pods`,
      `${STS}: governing Service app-hl lacks publishNotReadyAddresses: true; peers cannot resolve each other before Ready`,
    ]);
  });

  test('service-account-exists: no template, or no pod spec, names no ServiceAccount', () => {
    expect(
      violations(
        cluster((sts) => {
          delete sts.spec.template;
        }),
        'service-account-exists',
      ),
    ).toEqual([]);
    expect(
      violations(
        cluster((sts) => {
          delete sts.spec.template.spec;
        }),
        'service-account-exists',
      ),
    ).toEqual([]);
  });
});
