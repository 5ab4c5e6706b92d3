// A cdk8s validation plugin (cdk8s.yaml `validations:`) that runs the same strict
// Kubernetes 1.28 schema validation and cross-object checks as `npm run synth`
// and the tests, so that `cdk8s synth` fails with a readable report too.
// Plain JS because the cdk8s CLI loads plugins with `require`.
// TypeScript as `-r sucrase/register/ts` would load it, from the transpile cache
// (scripts/transpile-cache.js): sucrase itself loads only when a file changed.
require('../../scripts/register-ts');
const { validateManifests } = require('../../lib/validation/validate.ts');
const { objectId } = require('../../lib/validation/manifests.ts');

class ErlangClusterValidation {
  constructor(properties = {}) {
    this.properties = properties;
  }

  async validate(context) {
    const objects = [];
    const manifestOf = new Map();
    for (const manifest of context.manifests) {
      for (const object of context.parseManifest(manifest)) {
        if (!object) continue;
        objects.push(object);
        manifestOf.set(object, manifest);
      }
    }
    const report = validateManifests(objects);
    const byId = new Map(objects.map((o) => [objectId(o), o]));
    const resource = (id, location) => ({
      resourceName: id,
      locations: location ? [location] : [],
      manifestPath: manifestOf.get(byId.get(id)) ?? context.manifests[0],
    });
    for (const v of report.schema) {
      context.report.addViolation({
        ruleName: 'k8s-1.28-strict-schema',
        recommendation: v.message,
        fix: 'Use only fields and types that Kubernetes 1.28 defines (imports/k8s-v1.28.0.definitions.json).',
        violatingResources: [resource(v.object, v.path)],
      });
    }
    for (const v of report.invariants) {
      context.report.addViolation({
        ruleName: v.rule,
        recommendation: v.message,
        fix: 'See README "Checks that synth runs".',
        violatingResources: [resource(v.object)],
      });
    }
    const failed = report.schema.length + report.invariants.length > 0;
    context.logger.log(`${objects.length} objects: ${report.schema.length} schema and ${report.invariants.length} cross-object violations`);
    context.report.submit(failed ? 'failure' : 'success');
  }
}

module.exports = { ErlangClusterValidation };
