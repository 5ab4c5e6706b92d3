/**
 * The public API, as a list: the names lib/index.ts exports, and what the jsii assembly
 * (`.jsii`, written by `npm run build`) says about them. A name added to or dropped from the
 * index must be added to or dropped from EXPECTED_EXPORTS here, on purpose. The assembly is
 * what the Python, Java, Go and .NET bindings are generated from: no union type may reach it
 * (each language spells a union differently, most not at all), and `any` only where a value
 * really is anything (a manifest object, or the argument of an `is<Class>` type guard).
 * This test builds nothing: without a `.jsii` it skips the assembly checks, except in CI.
 */
import * as fs from 'fs';
// Imported at load time, not inside a test: StrykerJS counts code that runs at module load as
// static, and code first run inside a test as covered by that test.
import * as runtimeModule from '../../lib';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const ASSEMBLY = path.join(ROOT, '.jsii');
const PACKAGE = 'cdk8s-erlang-cluster';

/** Every name of `cdk8s-erlang-cluster`, sorted. */
const EXPECTED_EXPORTS = [
  'AppPortSpec',
  'CertificateIssuer',
  'ClusterDiscovery',
  'ClusterRollingUpdateOptions',
  'ClusterStorageOptions',
  'ClusterUpdateStrategy',
  'ClusterUpdateStrategyType',
  'ConfigError',
  'CookieDelivery',
  'DiscoveryResource',
  'DiscoveryStrategy',
  'DistPortPin',
  'DistributionOptions',
  'EgressDestination',
  'EgressDns',
  'EgressOptions',
  'EgressPort',
  'ErlangCookie',
  'ErlangProbes',
  'ErlangProbesProps',
  'ErlangRelease',
  'ErlangStatefulCluster',
  'ErlangStatefulClusterProps',
  'HeadlessService',
  'HeadlessServiceProps',
  'IStorageClass',
  'IssuerKind',
  'KubeObject',
  'KubernetesApiDiscoveryOptions',
  'LabelsAndAnnotations',
  'LeaveHook',
  'LeaveHookOptions',
  'LoadBalancedService',
  'LoadBalancedServiceProps',
  'LocalPersistentVolume',
  'LocalPersistentVolumeProps',
  'LocalStorageClass',
  'LocalStorageClassProps',
  'LocalVolumeOptions',
  'ManifestValidator',
  'ManifestViolation',
  'MetricsOptions',
  'MetricsScrapers',
  'PodMonitorOptions',
  'PodSpread',
  'ReleaseConfigLine',
  'ReleaseKind',
  'ResourceMetadata',
  'ResourcesPreset',
  'Schedulers',
  'SchedulersOptions',
  'SchemaViolation',
  'SecurityProfile',
  'ServicePortSpec',
  'StorageClass',
  'TlsDistributionOptions',
  'UnhealthyPodEvictionPolicy',
  'ValidationReport',
];

/** Exported for TypeScript/JavaScript only (`@jsii ignore`): not in the assembly (docs/library.md). */
const TYPESCRIPT_ONLY = ['ConfigError', 'KubeObject'];

/** `any` on purpose: the objects ManifestValidator validates are any manifest. */
const ANY_ALLOWED = ['ManifestValidator.validate(objects)'];

/** The names `export { ... } from` and `export type { ... } from` list in lib/index.ts. */
function indexExports(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/^export (?:type )?\{([^}]*)\} from '[^']+';$/gm)) {
    names.push(
      ...m[1]!
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== ''),
    );
  }
  return names.sort();
}

interface TypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: string; readonly elementtype: TypeRef };
  readonly union?: { readonly types: TypeRef[] };
}
interface Param {
  readonly name: string;
  readonly type: TypeRef;
  readonly docs?: Docs;
}
interface Callable {
  readonly name?: string;
  readonly static?: boolean;
  readonly parameters?: Param[];
  readonly returns?: { readonly type: TypeRef };
  readonly docs?: Docs;
}
interface JsiiType {
  readonly kind: 'class' | 'interface' | 'enum';
  readonly name: string;
  readonly assembly: string;
  readonly properties?: Param[];
  readonly initializer?: Callable;
  readonly methods?: Callable[];
  readonly members?: { readonly name: string; readonly docs?: Docs }[];
  readonly docs?: Docs;
}
interface Docs {
  readonly summary?: string;
}

const hasUnion = (t: TypeRef | undefined): boolean => t !== undefined && (t.union !== undefined || hasUnion(t.collection?.elementtype));
const hasAny = (t: TypeRef | undefined): boolean =>
  t !== undefined && (t.primitive === 'any' || hasAny(t.collection?.elementtype) || (t.union?.types.some(hasAny) ?? false));

/** Every typed place of the public API: `Type.prop`, `Type.method(param)`, `Type.method() returns`, `Type.<init>(param)`. */
function typedPlaces(types: JsiiType[]): { place: string; type: TypeRef; typeGuard: boolean }[] {
  const places: { place: string; type: TypeRef; typeGuard: boolean }[] = [];
  for (const t of types) {
    for (const p of t.properties ?? []) places.push({ place: `${t.name}.${p.name}`, type: p.type, typeGuard: false });
    const callables = [...(t.initializer ? [{ ...t.initializer, name: '<init>' }] : []), ...(t.methods ?? [])];
    for (const m of callables) {
      const typeGuard = m.static === true && m.name === `is${t.name}` && m.parameters?.length === 1;
      for (const p of m.parameters ?? []) places.push({ place: `${t.name}.${m.name}(${p.name})`, type: p.type, typeGuard });
      if (m.returns) places.push({ place: `${t.name}.${m.name}() returns`, type: m.returns.type, typeGuard: false });
    }
  }
  return places;
}

describe('the public surface', () => {
  const index = fs.readFileSync(path.join(ROOT, 'lib', 'index.ts'), 'utf8');

  test('lib/index.ts names each export: no `export *`', () => {
    expect(index).not.toMatch(/^export \*/m);
  });

  test('lib/index.ts exports exactly the expected names', () => {
    expect(indexExports(index)).toEqual(EXPECTED_EXPORTS);
  });

  test('the runtime module has a value for each exported class and enum, and nothing else', () => {
    const runtime = Object.keys(runtimeModule).sort();
    expect(runtime.every((n) => EXPECTED_EXPORTS.includes(n))).toBe(true);
  });
});

const haveAssembly = fs.existsSync(ASSEMBLY);
if (!haveAssembly && process.env.CI) {
  test('the jsii assembly exists (CI)', () => {
    throw new Error(`${ASSEMBLY} is missing: CI must run \`npm run build\` (jsii) before the tests`);
  });
}

(haveAssembly ? describe : describe.skip)(haveAssembly ? 'the jsii assembly' : 'the jsii assembly (skipped: no .jsii; `npm run build` writes it)', () => {
  const load = () => JSON.parse(fs.readFileSync(ASSEMBLY, 'utf8')) as { name: string; types: Record<string, JsiiType> };
  const ours = () => Object.values(load().types).filter((t) => t.assembly === PACKAGE);

  test('holds exactly the exported names, less the TypeScript-only ones (else: `npm run build`)', () => {
    expect(load().name).toBe(PACKAGE);
    const names = ours()
      .map((t) => t.name)
      .sort();
    expect(names).toEqual(EXPECTED_EXPORTS.filter((n) => !TYPESCRIPT_ONLY.includes(n)));
  });

  test('every type, property, method and enum member has a summary (what API.md and the bindings show)', () => {
    const undocumented = ours().flatMap((t) => [
      ...(t.docs?.summary ? [] : [t.name]),
      ...[...(t.properties ?? []), ...(t.methods ?? []), ...(t.members ?? [])].filter((m) => !m.docs?.summary).map((m) => `${t.name}.${m.name}`),
    ]);
    expect(undocumented).toEqual([]);
  });

  test('no union type in a property, parameter or return type', () => {
    const unions = typedPlaces(ours())
      .filter((p) => hasUnion(p.type))
      .map((p) => p.place);
    expect(unions.sort()).toEqual([]);
  });

  test('`any` only for manifest objects and the is<Class>(x) type guards', () => {
    const anys = typedPlaces(ours()).filter((p) => hasAny(p.type) && !p.typeGuard);
    expect(anys.map((p) => p.place).sort()).toEqual(ANY_ALLOWED);
  });
});
