import { checkManifests, KubeObject, ManifestViolation } from './manifests';
import { KubernetesSchema, SchemaViolation } from './schema';

/** Everything wrong with a set of manifests. */
export interface ValidationReport {
  readonly schema: SchemaViolation[];
  readonly invariants: ManifestViolation[];
}

let shared: KubernetesSchema | undefined;

/** Strict 1.28 schema validation plus the cross-object checks. */
export function validateManifests(objects: readonly KubeObject[], schema: KubernetesSchema = (shared ??= new KubernetesSchema())): ValidationReport {
  return { schema: schema.validate(objects), invariants: checkManifests(objects) };
}

/** True when the report has no violation. */
export function isClean(report: ValidationReport): boolean {
  return report.schema.length === 0 && report.invariants.length === 0;
}

/** A readable, multi-line rendering of a report. */
export function formatReport(report: ValidationReport): string {
  const lines = [
    ...report.schema.map((v) => `  schema     ${v.object}${v.path ? ` at ${v.path}` : ''}: ${v.message}`),
    ...report.invariants.map((v) => `  ${v.rule.padEnd(10)} ${v.object}: ${v.message}`),
  ];
  return lines.join('\n');
}
