/**
 * The seed app compiled to plain JavaScript ahead of time, for the baseline
 * of `cdk8s synth`: the same CLI and validation plugin with `app: node
 * main.js`, so that the difference is only the TypeScript loader.
 * Compiled with TypeScript's transpileModule and the project's compiler
 * options, as ts-node's transpile-only mode does.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const SOURCES = ['main.ts', 'scripts/report.ts', 'lib', 'charts', 'imports'];

/** Every .ts and .json file of the app, relative to `root`. */
function appFiles(root: string): string[] {
  return SOURCES.flatMap((s) => {
    const full = path.join(root, s);
    if (!fs.statSync(full).isDirectory()) return [s];
    return (fs.readdirSync(full, { recursive: true }) as string[]).map((f) => path.join(s, f));
  }).filter((f) => (f.endsWith('.ts') && !f.endsWith('.d.ts')) || f.endsWith('.json'));
}

export function compilerOptions(root: string): ts.CompilerOptions {
  const configFile = path.join(root, 'tsconfig.json');
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configFile);
  return { ...options, noEmit: false, module: ts.ModuleKind.CommonJS };
}

/** Transpiles one TypeScript source (named `fileName`, for messages) to `target`. */
export function transpileFile(options: ts.CompilerOptions, source: string, fileName: string, target: string): void {
  const { outputText } = ts.transpileModule(source, { fileName, compilerOptions: options });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, outputText);
}

/** Compiles the app under `root` into `outDir`; returns the path of main.js. */
export function precompileApp(root: string, outDir: string): string {
  fs.rmSync(outDir, { recursive: true, force: true });
  const options = compilerOptions(root);
  for (const file of appFiles(root)) {
    const source = path.join(root, file);
    const target = path.join(outDir, file.replace(/\.ts$/, '.js'));
    if (file.endsWith('.json')) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(source, target);
    } else {
      transpileFile(options, fs.readFileSync(source, 'utf8'), source, target);
    }
  }
  return path.join(outDir, 'main.js');
}
