import { checkManifests, KubeObject, ManifestViolation } from './manifests';
import { KubernetesSchema, SchemaViolation } from './schema';

/** Everything wrong with a set of manifests. */
export interface ValidationReport {
  /** Fields the Kubernetes 1.28 (and CRD) schemas refuse. */
  readonly schema: SchemaViolation[];
  /** Manifest rules broken: what the apiserver, the kubelet or Erlang would refuse or get wrong. */
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

/**
 * The manifest validation, for every language: strict Kubernetes 1.28 schema validation
 * plus the cross-object checks, on manifest objects (plain JSON objects, e.g. from
 * `Chart.toJson()` or parsed YAML).
 */
export class ManifestValidator {
  /** Validates `objects`, each a manifest object (apiVersion, kind, metadata, ...). */
  public static validate(objects: unknown[]): ValidationReport {
    return validateManifests(objects as KubeObject[]);
  }

  /** True when `report` has no violation. */
  public static isClean(report: ValidationReport): boolean {
    return isClean(report);
  }

  /** A readable, multi-line rendering of `report`: one line per violation. */
  public static format(report: ValidationReport): string {
    return formatReport(report);
  }

  private constructor() {}
}
