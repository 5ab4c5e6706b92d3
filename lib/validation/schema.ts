/**
 * Strict validation of synthesized objects against the Kubernetes 1.28 OpenAPI
 * definitions (imports/k8s-v1.28.0.definitions.json), with Ajv. As with
 * `kubeconform -strict`, every object schema that does not say otherwise gets
 * `additionalProperties: false`, so a misspelled field is an error instead of
 * being ignored by the apiserver. The custom resources we emit (PodMonitor,
 * Certificate) are covered by imports/crd-definitions.json, which describes
 * the fields we emit, in the same format and just as strictly.
 *
 * Compiling a kind's schema costs up to ~250 ms (StatefulSet), more than the
 * rest of a synth. So each kind's compiled validator is kept as Ajv standalone
 * code in the app's `node_modules/.cache/cdk8s-erlang-cluster/schema/<key>/`, where the
 * key hashes the definitions file, the Ajv version and this module's source:
 * any change to one of them compiles afresh. The cache only saves time: a
 * missing, unwritable or corrupt cache falls back to compiling, and
 * `ERLANG_CLUSTER_CACHE=0` turns it off.
 */
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { KubeObject, objectId } from './manifests';

type JsonSchema = { [key: string]: unknown };
type Definitions = Record<string, JsonSchema>;

/** One schema error of one object. */
export interface SchemaViolation {
  /** `Kind/namespace/name`. */
  readonly object: string;
  /** JSON pointer of the offending value, e.g. `/spec/template/spec/containers/0/ports/0`. */
  readonly path: string;
  /** What the schema says is wrong there. */
  readonly message: string;
}

const DEFINITIONS_FILE = path.join(__dirname, '..', '..', 'imports', 'k8s-v1.28.0.definitions.json');
const CRD_DEFINITIONS_FILE = path.join(__dirname, '..', '..', 'imports', 'crd-definitions.json');
const SCHEMA_ID = 'k8s-1.28.0';
const INDEX_FILE = 'gvk-index.json';

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

/** `apiVersion/kind` → definition name, for every kind the definitions declare. */
function indexDefinitions(definitions: Definitions): Record<string, string> {
  const index: Record<string, string> = {};
  for (const [name, def] of Object.entries(definitions)) {
    const gvks = (def['x-kubernetes-group-version-kind'] ?? []) as { group: string; version: string; kind: string }[];
    for (const g of gvks) index[gvkKey(g.group ? `${g.group}/${g.version}` : g.version, g.kind)] = name;
  }
  return index;
}

/** The cache folder for these definitions, or undefined when caching is off. */
function cacheDirFor(definitions: readonly Buffer[]): string | undefined {
  if (process.env.ERLANG_CLUSTER_CACHE === '0') return undefined;
  // As find-cache-dir: the app's node_modules/.cache, never the installed package's folder.
  const nodeModules = path.join(process.cwd(), 'node_modules');
  if (!fs.existsSync(nodeModules)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON file, part of the cache key
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  let ownSource: Buffer;
  try {
    // Under ts-node/sucrase/jest __filename is this .ts file; hashing it invalidates the cache on any edit.
    ownSource = fs.readFileSync(__filename);
  } catch {
    return undefined;
  }
  const hash = crypto.createHash('sha256');
  // Each part by its own digest: fixed-length, so no two lists of parts hash alike.
  for (const part of [...definitions, ajvVersion, ownSource]) hash.update(crypto.createHash('sha256').update(part).digest());
  const key = hash.digest('hex').slice(0, 24);
  return path.join(nodeModules, '.cache', 'cdk8s-erlang-cluster', 'schema', key);
}

/** Writes through a temporary file and a rename, so concurrent readers never see half a file. Best effort. */
function writeCached(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } catch {
    try {
      fs.rmSync(tmp);
    } catch {
      // Not there: the folder is unusable (say, a file stands where it should be), so nothing was written.
    }
  }
}

/** Evaluates Ajv standalone code (CommonJS) into its validate function; undefined when it exports none. */
function loadStandalone(code: string): ValidateFunction | undefined {
  const mod: { exports?: unknown } = {};
  // The code requires only ajv's runtime helpers, which this module's `require` resolves.
  new Function('require', 'module', code)(require, mod);
  return typeof mod.exports === 'function' ? (mod.exports as ValidateFunction) : undefined;
}

/** A strict validator for every kind in the definitions; compiles each kind on first use. */
export class KubernetesSchema {
  private readonly definitionFiles: readonly string[];
  private readonly cacheDir: string | undefined;
  private readonly definitionByGvk: Map<string, string>;
  private readonly validators = new Map<string, ValidateFunction>();
  private parsed?: Definitions;
  private compiler?: Ajv;

  /** `definitionsFile` and then `extraFiles` (later definitions of one name win). */
  constructor(definitionsFile: string = DEFINITIONS_FILE, extraFiles: readonly string[] = [CRD_DEFINITIONS_FILE]) {
    this.definitionFiles = [definitionsFile, ...extraFiles];
    const bytes = this.definitionFiles.map((f) => fs.readFileSync(f));
    this.cacheDir = cacheDirFor(bytes);
    this.definitionByGvk = new Map(Object.entries(this.loadIndex(bytes)));
  }

  /** Whether the definitions know this apiVersion/kind. */
  public knows(apiVersion: string, kind: string): boolean {
    return this.definitionByGvk.has(gvkKey(apiVersion, kind));
  }

  /** All schema violations of `objects`. An unknown apiVersion/kind is a violation too. */
  public validate(objects: readonly unknown[]): SchemaViolation[] {
    const violations: SchemaViolation[] = [];
    for (const o of objects) {
      const obj = (o ?? {}) as KubeObject;
      const id = objectId(obj);
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

  /** The gvk index, from the cache when present, else from the definitions (and then cached). */
  private loadIndex(bytes: readonly Buffer[]): Record<string, string> {
    if (this.cacheDir !== undefined) {
      const file = path.join(this.cacheDir, INDEX_FILE);
      try {
        return JSON.parse(fs.readFileSync(file).toString()) as Record<string, string>;
      } catch {
        // Missing or corrupt: built and written below.
      }
    }
    this.parsed = mergeDefinitions(bytes);
    const index = indexDefinitions(this.parsed);
    if (this.cacheDir !== undefined) writeCached(path.join(this.cacheDir, INDEX_FILE), JSON.stringify(index));
    return index;
  }

  private validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined {
    const key = gvkKey(apiVersion, kind);
    let validate = this.validators.get(key);
    if (!validate) {
      const def = this.definitionByGvk.get(key);
      if (!def) return undefined;
      validate = this.cachedValidator(def) ?? this.compileValidator(def);
      this.validators.set(key, validate);
    }
    return validate;
  }

  private cachedValidator(definition: string): ValidateFunction | undefined {
    if (this.cacheDir === undefined) return undefined;
    const file = path.join(this.cacheDir, `${definition}.js`);
    try {
      return loadStandalone(fs.readFileSync(file).toString());
    } catch {
      // Missing or corrupt: the caller compiles it and rewrites the entry.
    }
    return undefined;
  }

  private compileValidator(definition: string): ValidateFunction {
    const ajv = this.ajv();
    const validate = ajv.compile({ $ref: `${SCHEMA_ID}#/definitions/${definition}` });
    if (this.cacheDir) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- only on a cache miss
      const standaloneCode = require('ajv/dist/standalone') as typeof import('ajv/dist/standalone').default;
      writeCached(path.join(this.cacheDir, `${definition}.js`), standaloneCode(ajv, validate));
    }
    return validate;
  }

  /** The Ajv instance holding the strict definitions, built on the first cache miss only. */
  private ajv(): Ajv {
    if (!this.compiler) {
      // Loaded lazily: with a warm cache, only ajv's small runtime helpers are needed.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- only on a cache miss
      const AjvClass = (require('ajv') as typeof import('ajv')).default;
      this.parsed ??= mergeDefinitions(this.definitionFiles.map((f) => fs.readFileSync(f)));
      // Formats (int32, date-time, ...) are not checked, as kubeconform; types and fields are.
      // `code.source` keeps the generated code, for the standalone cache; it does not change validation.
      this.compiler = new AjvClass({ strict: false, allErrors: true, validateFormats: false, code: { source: true } });
      this.compiler.addSchema({ $id: SCHEMA_ID, definitions: strict(this.parsed) as JsonSchema });
    }
    return this.compiler;
  }
}

/** The definitions of several files as one set; they may refer to each other. */
function mergeDefinitions(files: readonly Buffer[]): Definitions {
  return Object.assign({}, ...files.map((b) => (JSON.parse(b.toString('utf8')) as { definitions: Definitions }).definitions));
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') {
    return `unknown field '${(e.params as { additionalProperty: string }).additionalProperty}'`;
  }
  return e.message ?? e.keyword;
}
