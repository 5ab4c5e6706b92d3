/**
 * The cdk8s validation plugin: `cdk8s synth` runs the same strict schema and
 * cross-object checks as `npm run synth` on every manifest the app wrote, and
 * fails with a report. Wire it in cdk8s.yaml:
 *
 *   validations:
 *     - package: ./node_modules/cdk8s-erlang-cluster/plugin
 *       version: 0.1.0
 *       class: ErlangClusterValidation
 *
 * The CLI loads local plugins with `require`, so the package ships this module
 * compiled (plugin/index.js); it needs production dependencies only.
 */
import * as fs from 'fs';
import * as path from 'path';
import { KubeObject, objectId } from './manifests';
import { validateManifests } from './validate';

/** The part of the cdk8s CLI's plugin context that the plugin uses. */
export interface ValidationContext {
  readonly manifests: readonly string[];
  parseManifest(manifestPath: string): unknown[];
  readonly logger: { log(message: string): void };
  readonly report: {
    addViolation(violation: {
      ruleName: string;
      recommendation: string;
      fix: string;
      violatingResources: { resourceName: string; locations: string[]; manifestPath: string }[];
    }): void;
    submit(status: 'success' | 'failure'): void;
  };
}

const SCHEMA_FIX = 'Use only fields and types that Kubernetes 1.28 defines (the strict 1.28 schema, as kubeconform -strict).';
const PACKAGE_NAME = 'cdk8s-erlang-cluster';

/**
 * The `repository.url` of this package's own package.json (found upwards from
 * this file: lib/validation in the source tree, build/lib/validation in the
 * package), as a browsable https URL without `git+` and `.git`.
 */
function packageRepositoryUrl(): string | undefined {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; repository?: { url?: string } };
      if (pkg.name === PACKAGE_NAME) return pkg.repository?.url?.replace(/^git\+/, '').replace(/\.git$/, '');
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Where a cross-object rule is documented: an absolute link to docs/validation.md#<rule>, which an installed package can follow. */
function ruleFix(rule: string, repository: string | undefined): string {
  const doc = repository ? `${repository}/blob/main/docs/validation.md#${rule}` : `docs/validation.md (#${rule}) of ${PACKAGE_NAME}`;
  return `See ${doc} for the rule and how to satisfy it.`;
}

/** A cdk8s validation plugin; `properties` (from cdk8s.yaml) are accepted and unused. */
export class ErlangClusterValidation {
  constructor(public readonly properties: Record<string, unknown> = {}) {}

  public async validate(context: ValidationContext): Promise<void> {
    const objects: KubeObject[] = [];
    const manifestOf = new Map<string, string>();
    for (const manifest of context.manifests) {
      for (const doc of context.parseManifest(manifest)) {
        if (doc === null || typeof doc !== 'object') continue; // empty YAML documents
        const object = doc as KubeObject;
        objects.push(object);
        const id = objectId(object);
        if (!manifestOf.has(id)) manifestOf.set(id, manifest);
      }
    }
    const report = validateManifests(objects);
    const repository = packageRepositoryUrl();
    const resource = (id: string, location?: string) => ({
      resourceName: id,
      locations: location ? [location] : [],
      // Stryker disable next-line StringLiteral: unreachable, every reported object is one of `objects`, all in manifestOf.
      manifestPath: manifestOf.get(id) ?? '',
    });
    for (const v of report.schema) {
      context.report.addViolation({
        ruleName: 'k8s-1.28-strict-schema',
        recommendation: v.message,
        fix: SCHEMA_FIX,
        violatingResources: [resource(v.object, v.path)],
      });
    }
    for (const v of report.invariants) {
      context.report.addViolation({ ruleName: v.rule, recommendation: v.message, fix: ruleFix(v.rule, repository), violatingResources: [resource(v.object)] });
    }
    context.logger.log(`${objects.length} objects: ${report.schema.length} schema and ${report.invariants.length} cross-object violations`);
    context.report.submit(report.schema.length + report.invariants.length > 0 ? 'failure' : 'success');
  }
}
