/**
 * Strict validation of synthesized objects against the Kubernetes 1.28 OpenAPI
 * definitions (imports/k8s-v1.28.0.definitions.json), with Ajv. As with
 * `kubeconform -strict`, every object schema that does not say otherwise gets
 * `additionalProperties: false`, so a misspelled field is an error instead of
 * being ignored by the apiserver.
 */
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import * as path from 'path';

type JsonSchema = { [key: string]: unknown };

/** One schema error of one object. */
export interface SchemaViolation {
  /** `Kind/namespace/name`. */
  readonly object: string;
  /** JSON pointer of the offending value, e.g. `/spec/template/spec/containers/0/ports/0`. */
  readonly path: string;
  readonly message: string;
}

const DEFINITIONS_FILE = path.join(__dirname, '..', '..', 'imports', 'k8s-v1.28.0.definitions.json');
const SCHEMA_ID = 'k8s-1.28.0';

/** Makes every object schema closed, like kubeconform -strict. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema as JsonSchema)) {
    // `properties` maps names to schemas; recurse into the schemas only.
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as JsonSchema).map(([n, s]) => [n, strict(s)])) : strict(v);
  }
  if (out.properties !== undefined && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

function gvkKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

/** A strict validator for every kind in the definitions; compiles each kind on first use. */
export class KubernetesSchema {
  private readonly ajv: Ajv;
  private readonly definitionByGvk = new Map<string, string>();
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(definitionsFile: string = DEFINITIONS_FILE) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const raw = require(definitionsFile) as { definitions: Record<string, JsonSchema> };
    for (const [name, def] of Object.entries(raw.definitions)) {
      const gvks = (def['x-kubernetes-group-version-kind'] ?? []) as { group: string; version: string; kind: string }[];
      for (const g of gvks) {
        this.definitionByGvk.set(gvkKey(g.group ? `${g.group}/${g.version}` : g.version, g.kind), name);
      }
    }
    // Formats (int32, date-time, ...) are not checked, as kubeconform; types and fields are.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    this.ajv.addSchema({ $id: SCHEMA_ID, definitions: strict(raw.definitions) as JsonSchema });
  }

  /** Whether the definitions know this apiVersion/kind. */
  public knows(apiVersion: string, kind: string): boolean {
    return this.definitionByGvk.has(gvkKey(apiVersion, kind));
  }

  /** All schema violations of `objects`. An unknown apiVersion/kind is a violation too. */
  public validate(objects: readonly unknown[]): SchemaViolation[] {
    const violations: SchemaViolation[] = [];
    for (const o of objects) {
      const obj = (o ?? {}) as { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } };
      const id = `${obj.kind ?? '?'}/${obj.metadata?.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata?.name ?? '?'}`;
      const validate = this.validatorFor(String(obj.apiVersion), String(obj.kind));
      if (!validate) {
        violations.push({ object: id, path: '', message: `unknown apiVersion/kind ${obj.apiVersion}/${obj.kind} in Kubernetes 1.28` });
        continue;
      }
      if (!validate(obj)) {
        for (const e of validate.errors ?? []) violations.push({ object: id, path: e.instancePath, message: describe(e) });
      }
    }
    return violations;
  }

  private validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined {
    const key = gvkKey(apiVersion, kind);
    let validate = this.validators.get(key);
    if (!validate) {
      const def = this.definitionByGvk.get(key);
      if (!def) return undefined;
      validate = this.ajv.compile({ $ref: `${SCHEMA_ID}#/definitions/${def}` });
      this.validators.set(key, validate);
    }
    return validate;
  }
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') {
    return `unknown field '${(e.params as { additionalProperty: string }).additionalProperty}'`;
  }
  return e.message ?? e.keyword;
}
