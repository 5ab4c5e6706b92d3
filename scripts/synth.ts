/**
 * `npm run synth`: synthesizes into a temporary folder next to the output,
 * validates the result (strict 1.28 schema + cross-object checks), and only
 * then swaps it into place. A failed synth or validation leaves the previous
 * output untouched. The output is `$CDK8S_OUTDIR`, else `dist`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { buildApp } from '../main';
import { synthCharts } from '../lib/synth';
import { KubeObject } from '../lib/validation/manifests';
import { ConfigError } from '../lib/core/errors';
import { reportAndExit } from './report';

/** The project this script belongs to: an output folder must never be it, nor hold it. */
const PROJECT_ROOT = path.resolve(__dirname, '..');
/** What an earlier synth leaves in its output folder, besides folders of manifests. */
const SYNTH_FILE = /\.ya?ml$/;
const SYNTH_EXTRAS = new Set(['construct-metadata.json']);

/** The first entry under `dir` (a relative path) that no synth writes, if any. */
function foreignEntry(dir: string, prefix = ''): string | undefined {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) {
      const inner = foreignEntry(path.join(dir, entry.name), rel);
      if (inner !== undefined) return inner;
    } else if (!entry.isFile() || !(SYNTH_FILE.test(entry.name) || SYNTH_EXTRAS.has(entry.name))) {
      return rel;
    }
  }
  return undefined;
}

/**
 * Refuses an output folder that the swap would destroy wrongly: the project, a
 * folder that contains it, '/', the home folder, or a folder holding anything an
 * earlier synth did not write. Checked before anything is created or moved.
 */
export function checkOutputFolder(target: string, projectRoot = PROJECT_ROOT): void {
  // Through links too: a link to the project is the project.
  const real = (p: string) => {
    const abs = path.resolve(p);
    return fs.existsSync(abs) ? fs.realpathSync(abs) : abs;
  };
  const resolved = real(target);
  const refuse = (allowed: string) => {
    throw new ConfigError('npm run synth', 'output folder (CDK8S_OUTDIR)', target, allowed);
  };
  const contains = (outer: string, inner: string) => inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : outer + path.sep);
  if (resolved === path.parse(resolved).root || resolved === real(os.homedir())) {
    refuse("must not be '/' or the home folder: the synth replaces the whole output folder");
  }
  if (contains(resolved, real(projectRoot))) {
    refuse(`must not be the project folder (${projectRoot}) or a folder that contains it: the synth replaces the whole output folder`);
  }
  if (!fs.existsSync(resolved)) return;
  if (!fs.statSync(resolved).isDirectory()) refuse('must be a folder (or not exist yet), not a file');
  const foreign = foreignEntry(resolved);
  if (foreign !== undefined) {
    refuse(
      `must hold only manifests (.yaml) from an earlier synth, but holds ${foreign}; the synth replaces the whole folder, so move that away or choose another folder`,
    );
  }
}
import { formatReport, isClean, validateManifests } from '../lib/validation/validate';

/** Reads every object of every YAML file in `dir`. */
export function readManifests(dir: string): KubeObject[] {
  return fs
    .readdirSync(dir)
    .sort()
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
  checkOutputFolder(target);
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
    process.stdout.write(
      `synth: ${target}/ holds ${files} file${files === 1 ? '' : 's'} with ${objects} objects; ` +
        `all passed the strict Kubernetes 1.28 schema and the cross-object checks\n`,
    );
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('validation failed')) {
      process.stderr.write(`synth failed: ${e.message}\n`);
      process.exit(1);
    }
    reportAndExit(e);
  }
}
