/**
 * The run-time shapes (lib/validation/prop-shapes.ts) must list exactly the
 * props of the TypeScript interfaces they check: a prop added to an interface
 * but not to its shape would be refused as unknown, and a shape key with no
 * prop would accept a typo. Read from the sources with the TypeScript parser,
 * and the Kubernetes structs from cdk8s-plus-28's L1 and container declarations.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import * as shapes from '../../lib/validation/prop-shapes';
import { Shape } from '../../lib/validation/shapes';

const ROOT = path.join(__dirname, '..', '..');

/** interface name → its property names (own and inherited), from the given files. */
function interfaces(files: readonly string[]): Map<string, string[]> {
  const own = new Map<string, { props: string[]; bases: string[] }>();
  for (const file of files) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, false);
    source.forEachChild((node) => {
      if (!ts.isInterfaceDeclaration(node)) return;
      const props = node.members.filter(ts.isPropertySignature).map((m) => m.name.getText(source));
      const bases = (node.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText(source)));
      own.set(node.name.text, { props, bases });
    });
  }
  const all = (name: string): string[] => {
    const i = own.get(name);
    return i ? [...i.bases.flatMap(all), ...i.props] : [];
  };
  return new Map([...own.keys()].map((name) => [name, all(name)]));
}

/** Every object shape reachable from the exported shapes, by the interface name it checks. */
function objectShapes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (s: Shape): void => {
    if (s.kind === 'object') {
      found.set(s.name, [...s.keys]);
      Object.values(s.fields).forEach((f) => walk(f.shape));
    } else if (s.kind === 'array' || s.kind === 'map') {
      walk(s.of);
    } else if (s.kind === 'either') {
      s.shapes.forEach(walk);
    }
  };
  Object.values(shapes)
    .filter((v): v is Shape => typeof v === 'object' && v !== null && 'kind' in v)
    .forEach(walk);
  return found;
}

const libFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? libFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
const ours = interfaces(libFiles(path.join(ROOT, 'lib')));
const kube = interfaces([path.join(ROOT, 'node_modules', 'cdk8s-plus-28', 'lib', 'imports', 'k8s.d.ts')]);
// cdk8s-plus's own structs (ContainerResources); its L2 VolumeMount is not the L1 one.
const plus = interfaces([path.join(ROOT, 'node_modules', 'cdk8s-plus-28', 'lib', 'container.d.ts')]);
const checked = [...objectShapes()];

test('the shapes cover the props objects of every construct and their nested options', () => {
  expect(checked.map(([name]) => name)).toEqual(
    expect.arrayContaining([
      'ErlangStatefulClusterProps',
      'DistributionOptions',
      'TlsDistributionOptions',
      'ClusterStorageOptions',
      'MetricsOptions',
      'EgressOptions',
      'HeadlessServiceProps',
      'LoadBalancedServiceProps',
      'ServicePortSpec',
      'LocalStorageClassProps',
      'LocalVolumeOptions',
      'LocalPersistentVolumeProps',
      'ErlangProbesProps',
      'KubernetesApiDiscoveryOptions',
      'ClusterRollingUpdateOptions',
      'ResourceMetadata',
      'LabelsAndAnnotations',
      'VolumeMount',
      'Toleration',
      'ContainerResources',
      'CpuResources',
      'MemoryResources',
      'EphemeralStorageResources',
      'Volume',
      'Probe',
      'Container',
    ]),
  );
});

test.each(checked)('the shape of %s has exactly the props of its interface', (name, keys) => {
  const props = ours.get(name) ?? kube.get(name) ?? plus.get(name);
  expect(props).toBeDefined();
  expect([...keys].sort()).toEqual([...props!].sort());
});
