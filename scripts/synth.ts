/**
 * `npm run synth`: synthesizes into a temporary folder next to the output,
 * validates the result (strict 1.28 schema + cross-object checks), and only
 * then swaps it into place. A failed synth or validation leaves the previous
 * output untouched. The output is `$CDK8S_OUTDIR`, else `dist`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { buildApp } from '../main';
import { synthCharts } from '../lib/synth';
import { KubeObject } from '../lib/validation/manifests';
import { reportAndExit } from './report';
import { formatReport, isClean, validateManifests } from '../lib/validation/validate';

/** Reads every object of every YAML file in `dir`. */
export function readManifests(dir: string): KubeObject[] {
  return fs.readdirSync(dir).sort()
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8'), { version: '1.1' }).map((d) => d.toJSON() as KubeObject))
    .filter((o) => o !== null);
}

/** Replaces `target` with `staged` by renames; the old tree is removed last. */
function swap(staged: string, target: string): void {
  const old = `${target}.old-${process.pid}`;
  const hadTarget = fs.existsSync(target);
  if (hadTarget) fs.renameSync(target, old);
  try {
    fs.renameSync(staged, target);
  } catch (e) {
    if (hadTarget) fs.renameSync(old, target); // put the previous output back
    throw e;
  }
  if (hadTarget) fs.rmSync(old, { recursive: true, force: true });
}

/** What a synth wrote. */
export interface SynthSummary {
  readonly files: number;
  readonly objects: number;
}

export function synthToDir(target: string, build = buildApp): SynthSummary {
  const parent = path.dirname(path.resolve(target));
  fs.mkdirSync(parent, { recursive: true });
  const staged = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.staging-`));
  fs.chmodSync(staged, 0o755); // mkdtemp makes it 0700; dist/ must stay readable to others
  try {
    // The objects just written: the tests check that dist/ parses back to exactly these.
    const objects = synthCharts(build({ outdir: staged })) as KubeObject[];
    const report = validateManifests(objects);
    if (!isClean(report)) {
      throw new Error(`validation failed; ${target}/ was left as it was:\n${formatReport(report)}`);
    }
    const files = fs.readdirSync(staged).length;
    swap(staged, target);
    return { files, objects: objects.length };
  } finally {
    fs.rmSync(staged, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    const target = process.env.CDK8S_OUTDIR ?? 'dist';
    const { files, objects } = synthToDir(target);
    process.stdout.write(`synth: ${target}/ holds ${files} file${files === 1 ? '' : 's'} with ${objects} objects; `
      + `all passed the strict Kubernetes 1.28 schema and the cross-object checks\n`);
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('validation failed')) {
      process.stderr.write(`synth failed: ${e.message}\n`);
      process.exit(1);
    }
    reportAndExit(e);
  }
}
