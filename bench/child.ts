/**
 * One benchmark measurement, in its own process (started by bench/run.ts):
 * builds an app of N clusters, synthesizes it, and prints one JSON line with
 * the phases' times, the peak RSS, and a hash of the output.
 *
 *   node -r ./scripts/register-ts bench/child.ts \
 *     <project|plain> <one-chart|chart-per-cluster|namespaces> <n> <app-synth|synth-charts> <outdir>
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { AddCluster, Layout } from './apps/layout';

/** What a child reports. Times in ms; `totalMs` counts from process start, module loading included. */
export interface ChildResult {
  readonly loadMs: number;
  readonly buildMs: number;
  readonly synthMs: number;
  readonly totalMs: number;
  /** Peak resident set size, MiB. */
  readonly peakRssMb: number;
  readonly files: number;
  readonly bytes: number;
  /** sha256 of every output file's relative path and content. */
  readonly outputHash: string;
}

export type Flavour = 'project' | 'plain';
export type SynthMethod = 'app-synth' | 'synth-charts';

/** Hashes a folder's files (sorted relative paths and contents). */
function hashDir(dir: string): { hash: string; files: number; bytes: number } {
  const hash = crypto.createHash('sha256');
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
  let bytes = 0;
  for (const f of files) {
    const content = fs.readFileSync(path.join(dir, f));
    bytes += content.length;
    hash.update(f).update('\0').update(content).update('\0');
  }
  return { hash: hash.digest('hex').slice(0, 16), files: files.length, bytes };
}

function main(): void {
  const [flavour, layout, n, method, outdir] = process.argv.slice(2) as [Flavour, Layout, string, SynthMethod, string];
  // Only what this flavour needs is loaded, so that module loading counts fairly.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, so that module loading is timed
  const { buildClusters } = require('./apps/layout') as typeof import('./apps/layout');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: only this flavour's module
  const { addCluster } = require(flavour === 'project' ? './apps/project' : './apps/plain') as { addCluster: AddCluster };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: only when this method needs it
  const synth = method === 'synth-charts' ? (require('../lib/synth') as typeof import('../lib/synth')).synthCharts : undefined;
  const t0 = performance.now();
  const app = buildClusters(addCluster, layout, Number(n), outdir);
  const t1 = performance.now();
  if (synth) synth(app);
  else app.synth();
  const t2 = performance.now();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const out = hashDir(outdir); // after the timings: not part of the synth
  const result: ChildResult = {
    loadMs: t0,
    buildMs: t1 - t0,
    synthMs: t2 - t1,
    totalMs: t2,
    peakRssMb,
    files: out.files,
    bytes: out.bytes,
    outputHash: out.hash,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
