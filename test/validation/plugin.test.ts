/**
 * lib/validation/plugin.ts: the cdk8s validation plugin, in process with a fake CLI context.
 * test/package/cdk8s-plugin.test.ts runs it through `cdk8s synth`.
 */
import { ErlangClusterValidation, ValidationContext } from '../../lib/validation/plugin';

describe('the cdk8s validation plugin, in process', () => {
  const service = (name: string, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'ns' },
    data: { k: 'v' },
    ...extra,
  });
  function context(docs: Record<string, unknown[]>) {
    const violations: unknown[] = [];
    const logs: string[] = [];
    const status: string[] = [];
    const ctx: ValidationContext = {
      manifests: Object.keys(docs),
      parseManifest: (m) => docs[m]!,
      logger: { log: (message) => logs.push(message) },
      report: { addViolation: (v) => violations.push(v), submit: (s) => status.push(s) },
    };
    return { ctx, violations, logs, status };
  }

  test('clean manifests: counted (empty documents skipped), success', async () => {
    const { ctx, violations, logs, status } = context({ 'a.yaml': [service('a'), null, 'text'], 'b.yaml': [] });
    await new ErlangClusterValidation().validate(ctx);
    expect([violations, logs, status]).toEqual([[], ['1 objects: 0 schema and 0 cross-object violations'], ['success']]);
  });

  test('a schema violation names the object, its path and its manifest; a rule violation its rule', async () => {
    const { ctx, violations, logs, status } = context({
      'a.yaml': [service('a')],
      'b.yaml': [service('b', { data: { k: 1 } }), service('a')],
    });
    await new ErlangClusterValidation({ ignored: true }).validate(ctx);
    expect(violations).toEqual([
      {
        ruleName: 'k8s-1.28-strict-schema',
        recommendation: 'must be string',
        fix: 'Use only fields and types that Kubernetes 1.28 defines (the strict 1.28 schema, as kubeconform -strict).',
        violatingResources: [{ resourceName: 'ConfigMap/ns/b', locations: ['/data/k'], manifestPath: 'b.yaml' }],
      },
      expect.objectContaining({
        ruleName: 'unique-names',
        recommendation: 'is defined twice',
        fix: 'See https://github.com/cdk8s-erlang-cluster/cdk8s-erlang-cluster/blob/main/docs/validation.md#unique-names for the rule and how to satisfy it.',
        // The first manifest that defines the object.
        violatingResources: [{ resourceName: 'ConfigMap/ns/a', locations: [], manifestPath: 'a.yaml' }],
      }),
    ]);
    expect(logs).toEqual(['3 objects: 1 schema and 1 cross-object violations']);
    expect(status).toEqual(['failure']);
  });

  test('a schema violation at the object root has no location; properties default to {}', async () => {
    const { ctx, violations } = context({ 'a.yaml': [service('a', { bogus: 1 })] });
    const plugin = new ErlangClusterValidation();
    expect(plugin.properties).toEqual({});
    await plugin.validate(ctx);
    expect(violations).toEqual([expect.objectContaining({ violatingResources: [{ resourceName: 'ConfigMap/ns/a', locations: [], manifestPath: 'a.yaml' }] })]);
  });
});
