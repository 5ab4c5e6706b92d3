/**
 * The manifests of README.md's example, as a user gets them: the code between
 * `<!-- example:start -->` and `<!-- example:end -->`, run as a program of its
 * own (`app.synth()` into CDK8S_OUTDIR) against this repository's lib/, then
 * read back from the YAML it wrote. Variants change the code as a user would
 * edit it (one more prop, another namespace), never the manifests.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { KubeObject, readManifestDir } from './kube';

const ROOT = path.join(__dirname, '..');
const PACKAGE = 'cdk8s-erlang-cluster';

/** Edits of the example's code. */
export interface ReadmeVariant {
  /** Added to the cluster's props, e.g. `clusterDomain: 'corp.example'`. */
  readonly props?: readonly string[];
  /** The chart's namespace instead of the example's. */
  readonly namespace?: string;
  /** Names added to the example's import from the package, e.g. `CookieDelivery`. */
  readonly imports?: readonly string[];
}

/** The example's TypeScript, as README.md prints it. */
export function readmeExample(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const m = /<!-- example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- example:end -->/.exec(readme);
  if (!m) throw new Error('README.md has no ```ts block between <!-- example:start --> and <!-- example:end -->');
  return m[1];
}

/** One unique edit of `code`, or an error naming what the README no longer has. */
function edit(code: string, find: RegExp, replace: string, what: string): string {
  const hits = code.match(new RegExp(find.source, 'g'))?.length ?? 0;
  if (hits !== 1) throw new Error(`README example: expected one ${what} (${find}), found ${hits}`);
  return code.replace(find, replace);
}

/** The example's code with the variant's edits, importing this repository's lib/. */
export function readmeProgram(variant: ReadmeVariant = {}): string {
  let code = edit(readmeExample(), new RegExp(`from '${PACKAGE}'`), `from ${JSON.stringify(path.join(ROOT, 'lib'))}`, `import from '${PACKAGE}'`);
  if (variant.imports?.length) code = edit(code, /import \{ ([^}]*) \} from "/, `import { $1, ${variant.imports.join(', ')} } from "`, 'import of the package');
  if (variant.namespace) code = edit(code, /namespace: '[^']*'/, `namespace: '${variant.namespace}'`, 'chart namespace');
  if (variant.props?.length)
    code = edit(code, /(new ErlangStatefulCluster\([^{]*\{\n)/, `$1  ${variant.props.join(',\n  ')},\n`, 'ErlangStatefulCluster props');
  return code;
}

/** Runs the (edited) example as its own program and returns what it synthesized. */
export function readmeObjects(workDir: string, variant: ReadmeVariant = {}): KubeObject[] {
  const dir = fs.mkdtempSync(path.join(workDir, 'readme-'));
  const main = path.join(dir, 'main.ts');
  const outdir = path.join(dir, 'dist');
  fs.writeFileSync(main, readmeProgram(variant));
  const r = spawnSync(process.execPath, ['-r', path.join(ROOT, 'scripts', 'register-ts'), main], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    // The user's project has cdk8s installed: resolve it from this repository's node_modules.
    env: { ...process.env, CDK8S_OUTDIR: outdir, NODE_PATH: path.join(ROOT, 'node_modules') },
  });
  if (r.status !== 0) throw new Error(`README example (${JSON.stringify(variant)}) failed: ${`${r.stdout}${r.stderr}`.trim().slice(-1500)}`);
  return readManifestDir(outdir);
}
