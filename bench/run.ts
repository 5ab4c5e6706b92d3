/**
 * `npm run bench`: how fast synth is, next to its floors and baselines. Every
 * measurement is a fresh child process, timed from spawn to exit; the tables
 * show medians, and repetitions run round-robin so that a slow moment of the
 * machine hits every command alike. It is a benchmark, not a test: it exits
 * 0 whatever the numbers, and fails only when a command crashes.
 *
 *   npm run bench [-- options]
 *     --runs N       repetitions of each measurement (default 5; at most 3 from 3,000 clusters)
 *     --sizes LIST   cluster counts of the scale part (default 1,100,1000,3000)
 *     --quick        --runs 3 --sizes 1,100,1000 (about 1.5 minutes)
 *     --full         no caps (see below): every scenario at every size, N times; 20+ minutes
 *     --only latency|library|scale|checks
 *     --out FILE     write the report (markdown) to FILE; default docs/benchmark-results.md,
 *                    except with --only (a partial report must not replace the full one)
 *
 * Caps without --full, because App.synth() of one chart per cluster is
 * quadratic: from 1,000 clusters it runs once, and not at 3,000 (1-3
 * minutes per run; with --full, stopped after 240 s and shown as "> 240").
 * The default run takes about 5 minutes on 2 cores.
 *
 * Parts: (1) latency of the reference chart through `npm run synth` and `cdk8s
 * synth`, with their floors; (1b) the package as a consumer loads it: `require()`
 * alone, and the README example compiled to JavaScript; (2) N clusters built with this project vs plain
 * cdk8s-plus-28, in one chart or one chart per cluster, synthesized by cdk8s'
 * App.synth() or by lib/synth's synthCharts(); (3) checks that
 * synthCharts() and fast-yaml write the same bytes as cdk8s.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ChildResult, Flavour, SynthMethod } from './child';
import type { Layout } from './apps/layout';
import { Command, median, roundRobin, run } from './measure';
import { compilerOptions, precompileApp, transpileFile } from './precompile';

const ROOT = path.resolve(__dirname, '..');
/** How children load TypeScript: sucrase's transform from the transpile cache, the same for every app measured. */
const TS_LOADER = ['-r', './scripts/register-ts'];
/** The CLI's upgrade check fetches from npm on every synth when offline; it is the same for both sides of a ratio. */
const CLI_ENV = { CDK8S_CHECK_UPGRADE: 'false' };

interface Options {
  runs: number;
  sizes: number[];
  full: boolean;
  only?: 'latency' | 'library' | 'scale' | 'checks';
  out?: string;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { runs: 5, sizes: [1, 100, 1000, 3000], full: false };
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i] ?? '';
    switch (argv[i]) {
      case '--runs':
        options.runs = Math.max(1, Number(value()) || 1);
        break;
      case '--sizes':
        options.sizes = value()
          .split(',')
          .map(Number)
          .filter((n) => n > 0);
        break;
      case '--quick':
        options.runs = 3;
        options.sizes = [1, 100, 1000];
        break;
      case '--full':
        options.full = true;
        break;
      case '--only':
        options.only = value() as Options['only'];
        break;
      case '--out':
        options.out = value();
        break;
      default:
        throw new Error(`unknown option ${argv[i]}; see the top of bench/run.ts`);
    }
  }
  return options;
}

const fmtS = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const fmtX = (r: number) => `${r.toFixed(2)}×`;
const verdict = (ratio: number, target: number) => (ratio <= target ? `met (≤ ${target})` : `NOT met (≤ ${target})`);
const table = (header: string[], rows: string[][]) => [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');

// ---------------------------------------------------------------- latency

interface LatencyJob {
  readonly label: string;
  readonly command: Command;
}

/** `npm run synth` and `cdk8s synth` of the seed chart, and their floors. */
function latencyJobs(tmp: string, compiledMain: string) {
  const out = path.join(tmp, 'latency-out');
  const synthEnv = { CDK8S_OUTDIR: out };
  const cli = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');
  const cliJob = (label: string, extra: string[]): LatencyJob => ({ label, command: { file: cli, args: ['synth', '-o', out, ...extra], env: CLI_ENV } });
  const compiledApp = ['-a', `node ${compiledMain}`];
  return {
    floor: { label: '`node -e "require(\'cdk8s-plus-28\')"` (floor)', command: { file: 'node', args: ['-e', "require('cdk8s-plus-28')"] } },
    bare: {
      label: 'what `npm run synth` runs: `node -r ./scripts/register-ts scripts/synth.ts`',
      command: { file: 'node', args: ['-r', './scripts/register-ts', 'scripts/synth.ts'], env: synthEnv },
    },
    npm: { label: '`npm run synth`', command: { file: 'npm', args: ['run', 'synth'], env: synthEnv } },
    bareNoCache: {
      label: 'the same, caches off (`ERLANG_CLUSTER_CACHE=0`)',
      command: { file: 'node', args: ['-r', './scripts/register-ts', 'scripts/synth.ts'], env: { ...synthEnv, ERLANG_CLUSTER_CACHE: '0' } },
    },
    appCompiled: { label: 'app alone: `node main.js` (precompiled)', command: { file: 'node', args: [compiledMain], env: synthEnv } },
    appTsNode: {
      label: 'app alone: cdk8s.yaml `app:` (sucrase, transpile cache)',
      command: { file: 'node', args: ['-r', './scripts/register-ts', 'main.ts'], env: synthEnv },
    },
    cliCompiled: cliJob('`cdk8s synth -a "node main.js"` (precompiled) + plugin', compiledApp),
    cliTsNode: cliJob('`cdk8s synth` (cdk8s.yaml) + plugin', []),
    cliCompiledNoPlugin: cliJob('`cdk8s synth --no-validate -a "node main.js"`', ['--no-validate', ...compiledApp]),
    cliTsNodeNoPlugin: cliJob('`cdk8s synth --no-validate` (cdk8s.yaml)', ['--no-validate']),
  } satisfies Record<string, LatencyJob>;
}

function latencyReport(options: Options, tmp: string): string {
  const compiledMain = precompileApp(ROOT, path.join(ROOT, 'node_modules', '.cache', 'cdk8s-erlang-cluster', 'bench-app'));
  const jobs = latencyJobs(tmp, compiledMain);
  const list: LatencyJob[] = Object.values(jobs);
  list.forEach((j) => run(j.command, ROOT)); // warm-up: OS file cache, transpile and schema caches
  const runs = roundRobin(
    list,
    () => options.runs,
    (j) => run(j.command, ROOT).wallMs,
  );
  const t = (k: keyof typeof jobs) => median(runs.get(jobs[k])!);
  const npmOverhead = t('npm') - t('bare');
  const row = (k: keyof typeof jobs, base?: keyof typeof jobs, target?: number): string[] => {
    const ratio = base ? t(k) / t(base) : undefined;
    return [
      jobs[k].label,
      fmtS(t(k)),
      ratio === undefined ? '' : `${fmtX(ratio)} ${base === 'floor' ? 'floor' : 'precompiled'}`,
      ratio !== undefined && target !== undefined ? verdict(ratio, target) : '',
    ];
  };
  return [
    `### Synth latency of the seed chart (median of ${options.runs} runs, seconds)`,
    '',
    table(
      ['command', 'median s', 'ratio', 'target'],
      [
        row('floor'),
        row('bare', 'floor', 2),
        row('npm', 'floor', 2),
        row('bareNoCache', 'floor'),
        row('appCompiled'),
        row('appTsNode', 'appCompiled'),
        row('cliCompiled'),
        row('cliTsNode', 'cliCompiled', 1.3),
        row('cliCompiledNoPlugin'),
        row('cliTsNodeNoPlugin', 'cliCompiledNoPlugin', 1.3),
      ],
    ),
    '',
    `npm's own overhead (npm run synth − the bare command): ${fmtS(npmOverhead)} s. ` +
      `CLI runs use CDK8S_CHECK_UPGRADE=false (the upgrade check queries npm on every run when offline).`,
  ].join('\n');
}

// ---------------------------------------------------------------- library

/**
 * The package as a consumer loads it: the built JavaScript (`npm run build`),
 * resolved by name. Node resolves a package's own name from inside its folder
 * (self-reference through `exports`), so the compiled README example lives in
 * build/bench/, which is not shipped (package.json `files`).
 */
function libraryReport(options: Options, tmp: string): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const example = /<!-- example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- example:end -->/.exec(readme)?.[1];
  if (example === undefined) throw new Error('README.md has no example between <!-- example:start --> and <!-- example:end -->');
  // The package as it is now: build/ may be older than lib/.
  run({ file: 'node', args: [path.join(ROOT, 'scripts', 'build.js')] }, ROOT); // npm run build (jsii)
  const exampleJs = path.join(ROOT, 'build', 'bench', 'readme-example.js');
  transpileFile(compilerOptions(ROOT), example, 'readme-example.ts', exampleJs);
  const node = (label: string, args: string[], env?: Record<string, string>): LatencyJob => ({ label, command: { file: 'node', args, env } });
  const jobs = {
    floor: node('`node -e "require(\'cdk8s-plus-28\')"` (floor)', ['-e', "require('cdk8s-plus-28')"]),
    load: node('`node -e "require(\'cdk8s-erlang-cluster\')"`', ['-e', "require('cdk8s-erlang-cluster')"]),
    example: node('the README example, compiled: `node main.js`', [exampleJs], { CDK8S_OUTDIR: path.join(tmp, 'readme-out') }),
  } satisfies Record<string, LatencyJob>;
  const list: LatencyJob[] = Object.values(jobs);
  list.forEach((j) => run(j.command, ROOT)); // warm-up
  const runs = roundRobin(
    list,
    () => options.runs,
    (j) => run(j.command, ROOT).wallMs,
  );
  const t = (k: keyof typeof jobs) => median(runs.get(jobs[k])!);
  const row = (k: keyof typeof jobs, target?: number): string[] =>
    target === undefined
      ? [jobs[k].label, fmtS(t(k)), '', '']
      : [jobs[k].label, fmtS(t(k)), `${fmtX(t(k) / t('floor'))} floor`, verdict(t(k) / t('floor'), target)];
  return [
    `### The package as a consumer loads it (median of ${options.runs} runs, seconds)`,
    '',
    table(['command', 'median s', 'ratio', 'target'], [row('floor'), row('load', 1.2), row('example', 1.5)]),
  ].join('\n');
}

// ---------------------------------------------------------------- scale

interface Scenario {
  readonly flavour: Flavour;
  readonly layout: Layout;
  readonly method: SynthMethod;
  readonly label: string;
}

const SCENARIOS = {
  plainOne: { flavour: 'plain', layout: 'one-chart', method: 'app-synth', label: 'cdk8s-plus, one chart, App.synth()' },
  plainOneLinear: { flavour: 'plain', layout: 'one-chart', method: 'synth-charts', label: 'cdk8s-plus, one chart, synthCharts()' },
  plainPerChart: { flavour: 'plain', layout: 'chart-per-cluster', method: 'app-synth', label: 'cdk8s-plus, chart per cluster, App.synth()' },
  projectOne: { flavour: 'project', layout: 'one-chart', method: 'app-synth', label: 'project, one chart, App.synth()' },
  projectOneLinear: { flavour: 'project', layout: 'one-chart', method: 'synth-charts', label: 'project, one chart, synthCharts()' },
  projectNamespaces: { flavour: 'project', layout: 'namespaces', method: 'app-synth', label: 'project, one chart, a namespace per cluster, App.synth()' },
  projectPerChart: { flavour: 'project', layout: 'chart-per-cluster', method: 'app-synth', label: 'project, chart per cluster, App.synth()' },
  projectPerChartLinear: { flavour: 'project', layout: 'chart-per-cluster', method: 'synth-charts', label: 'project, chart per cluster, synthCharts()' },
} satisfies Record<string, Scenario>;
type ScenarioId = keyof typeof SCENARIOS;
const SCENARIO_IDS = Object.keys(SCENARIOS) as ScenarioId[];

/** A quadratic run stopped at this many seconds shows as "> CAP". */
const QUADRATIC_CAP_S = 240;

const isQuadratic = (s: Scenario) => s.layout === 'chart-per-cluster' && s.method === 'app-synth';

/**
 * Repetitions, and a time limit, of a scenario at size n. Unless --full: at
 * most 3 runs from 3,000 clusters, and App.synth() of one chart per cluster
 * (quadratic) once at 1,000, not beyond. Quadratic runs stop at QUADRATIC_CAP_S.
 */
function plan(options: Options, s: Scenario, n: number): { runs: number; timeoutMs?: number } {
  const timeoutMs = isQuadratic(s) ? QUADRATIC_CAP_S * 1000 : undefined;
  if (options.full) return { runs: options.runs, timeoutMs };
  const runs = n >= 3000 ? Math.min(options.runs, 3) : options.runs;
  if (!isQuadratic(s) || n < 1000) return { runs, timeoutMs };
  return { runs: n < 3000 ? 1 : 0, timeoutMs };
}

/** One child's measurement; `child` is missing when it was stopped at its time limit. */
interface Sample {
  readonly wallMs: number;
  readonly timedOut: boolean;
  readonly child?: ChildResult;
}

function measureChild(s: Scenario, n: number, tmp: string, timeoutMs?: number): Sample {
  const outdir = fs.mkdtempSync(path.join(tmp, 'scale-'));
  try {
    const args = [...TS_LOADER, 'bench/child.ts', s.flavour, s.layout, String(n), s.method, outdir];
    const { wallMs, stdout, timedOut } = run({ file: 'node', args }, ROOT, timeoutMs);
    return { wallMs, timedOut, child: timedOut ? undefined : (JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

type Results = Map<ScenarioId, Map<number, Sample[]>>;

function measureScale(options: Options, tmp: string): Results {
  SCENARIO_IDS.forEach((id) => measureChild(SCENARIOS[id], 1, tmp)); // warm-up: transpile cache, OS file cache
  const results: Results = new Map(SCENARIO_IDS.map((id) => [id, new Map()]));
  for (const n of options.sizes) {
    process.stderr.write(`bench: ${n.toLocaleString('en-US')} clusters...\n`);
    const byId = roundRobin(
      SCENARIO_IDS,
      (id) => plan(options, SCENARIOS[id], n).runs,
      (id) => measureChild(SCENARIOS[id], n, tmp, plan(options, SCENARIOS[id], n).timeoutMs),
    );
    for (const [id, samples] of byId) if (samples.length > 0) results.get(id)!.set(n, samples);
  }
  return results;
}

/** Median wall time, with whether it is only a lower bound (a run hit its time limit). */
interface Time {
  readonly ms: number;
  readonly atLeast: boolean;
}

/** Reads medians and ratios out of the results. */
class ScaleView {
  constructor(
    private readonly options: Options,
    private readonly results: Results,
  ) {}

  public samples(id: ScenarioId, n: number): Sample[] {
    return this.results.get(id)!.get(n) ?? [];
  }

  public time(id: ScenarioId, n: number): Time | undefined {
    const s = this.samples(id, n);
    return s.length === 0 ? undefined : { ms: median(s.map((x) => x.wallMs)), atLeast: s.some((x) => x.timedOut) };
  }

  public rss(id: ScenarioId, n: number): number | undefined {
    const s = this.samples(id, n).flatMap((x) => (x.child ? [x.child.peakRssMb] : []));
    return s.length === 0 ? undefined : median(s);
  }

  /** a/b at size n; a lower bound when a's time is. */
  public ratio(a: ScenarioId, b: ScenarioId, n: number, m = n): Time | undefined {
    const [x, y] = [this.time(a, n), this.time(b, m)];
    return x && y && !y.atLeast ? { ms: x.ms / y.ms, atLeast: x.atLeast } : undefined;
  }

  /** t(largest)/t(1,000): the growth of the time over the largest step of the sizes. */
  public growth(id: ScenarioId): Time | undefined {
    const [from, to] = this.growthSizes();
    return from === undefined || to === undefined ? undefined : this.ratio(id, id, to, from);
  }

  public growthSizes(): [number | undefined, number | undefined] {
    const big = this.options.sizes.filter((n) => n >= 1000);
    return big.length >= 2 ? [big[0], big[big.length - 1]] : [undefined, undefined];
  }
}

const fmtTime = (t: Time | undefined, fmt: (x: number) => string) => (t === undefined ? '—' : `${t.atLeast ? '> ' : ''}${fmt(t.ms)}`);

function timeTable(v: ScaleView, options: Options): string {
  const [from, to] = v.growthSizes();
  const runsNote = (id: ScenarioId, n: number) => {
    const k = v.samples(id, n).length;
    return k > 0 && k !== options.runs ? ` (×${k})` : '';
  };
  return table(
    ['app', ...options.sizes.map((n) => n.toLocaleString('en-US')), from ? `t(${to})/t(${from})` : 'growth'],
    SCENARIO_IDS.map((id) => [
      SCENARIOS[id].label,
      ...options.sizes.map((n) => `${fmtTime(v.time(id, n), fmtS)}${runsNote(id, n)}`),
      fmtTime(v.growth(id), fmtX),
    ]),
  );
}

function ratioTable(v: ScaleView, options: Options): string {
  const last = options.sizes[options.sizes.length - 1];
  const row = (label: string, a: ScenarioId, b: ScenarioId, target?: number) => {
    const atLast = v.ratio(a, b, last);
    return [
      label,
      ...options.sizes.map((n) => fmtTime(v.ratio(a, b, n), fmtX)),
      target === undefined || atLast === undefined ? '' : verdict(atLast.ms, target),
    ];
  };
  return table(
    ['', ...options.sizes.map((n) => n.toLocaleString('en-US')), `target (at ${last.toLocaleString('en-US')})`],
    [
      row('project + synthCharts() / cdk8s-plus + App.synth()', 'projectOneLinear', 'plainOne', 1.2),
      row('project / cdk8s-plus, both App.synth()', 'projectOne', 'plainOne', 1.2),
      row('project / cdk8s-plus, both synthCharts()', 'projectOneLinear', 'plainOneLinear', 1.2),
      row('chart per cluster: project + synthCharts() / cdk8s-plus + App.synth()', 'projectPerChartLinear', 'plainPerChart'),
    ],
  );
}

function growthTable(v: ScaleView): string {
  const [from, to] = v.growthSizes();
  if (from === undefined) return '';
  const linear: ScenarioId[] = ['plainOne', 'projectOne', 'projectOneLinear', 'projectNamespaces', 'projectPerChartLinear'];
  return table(
    ['', ...linear.map((id) => SCENARIOS[id].label)],
    [
      [
        `t(${to})/t(${from}) ≤ 3.3`,
        ...linear.map((id) => {
          const g = v.growth(id);
          return g ? `${fmtTime(g, fmtX)}: ${verdict(g.ms, 3.3)}` : '—';
        }),
      ],
    ],
  );
}

function memoryTable(v: ScaleView, options: Options): string {
  const steps = options.sizes.map((n, i) => [options.sizes[i - 1], n]).filter(([a]) => a !== undefined && a >= 100) as [number, number][];
  const perThousand = (id: ScenarioId) =>
    steps
      .map(([a, b]) => {
        const [x, y] = [v.rss(id, a), v.rss(id, b)];
        return x === undefined || y === undefined ? '—' : ((y - x) / ((b - a) / 1000)).toFixed(0);
      })
      .join(' / ');
  return table(
    ['app', ...options.sizes.map((n) => n.toLocaleString('en-US')), `MiB per 1,000 more clusters (${steps.map(([a, b]) => `${a}→${b}`).join(' / ')})`],
    SCENARIO_IDS.map((id) => [
      SCENARIOS[id].label,
      ...options.sizes.map((n) => {
        const r = v.rss(id, n);
        return r === undefined ? '—' : r.toFixed(0);
      }),
      perThousand(id),
    ]),
  );
}

function sameOutputTable(v: ScaleView, options: Options): string {
  const same = (a: ScenarioId, b: ScenarioId) =>
    options.sizes.map((n) => {
      const [x, y] = [v.samples(a, n).find((s) => s.child)?.child, v.samples(b, n).find((s) => s.child)?.child];
      if (!x || !y) return '—';
      return x.outputHash === y.outputHash ? `yes (${x.files} files)` : `**NO** (${x.outputHash} vs ${y.outputHash})`;
    });
  return table(
    ['synthCharts() writes the same bytes as App.synth()', ...options.sizes.map((n) => n.toLocaleString('en-US'))],
    [
      ['project, one chart', ...same('projectOne', 'projectOneLinear')],
      ['project, chart per cluster', ...same('projectPerChart', 'projectPerChartLinear')],
      ['cdk8s-plus, one chart', ...same('plainOne', 'plainOneLinear')],
    ],
  );
}

function scaleReport(options: Options, results: Results): string {
  const v = new ScaleView(options, results);
  return [
    `### Synth time at scale (seconds: median wall time of a fresh process, module loading included; (×k): k runs instead of ${options.runs}; ` +
      `> t: stopped at the ${QUADRATIC_CAP_S} s cap)`,
    '',
    timeTable(v, options),
    '',
    '### Ratios',
    '',
    ratioTable(v, options),
    '',
    growthTable(v),
    '',
    '### Peak memory (MiB: peak RSS of the process, median)',
    '',
    memoryTable(v, options),
    '',
    '### Same output',
    '',
    sameOutputTable(v, options),
  ].join('\n');
}

// ---------------------------------------------------------------- checks

function checksReport(): string {
  const { stdout } = run({ file: 'node', args: [...TS_LOADER, 'bench/verify-yaml.ts', '20000', String(Date.now() % 100000)] }, ROOT);
  return ['### Checks', '', `- ${stdout.trim()}`].join('\n');
}

// ---------------------------------------------------------------- main

const RESULTS_HEADER = '<!-- Written by `npm run bench` (bench/run.ts); do not edit by hand. What the figures mean: docs/benchmark.md. -->';

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-erlang-bench-'));
  const started = performance.now();
  try {
    const parts: string[] = [
      `## Benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'})`,
    ];
    const print = (part: string) => {
      parts.push(part);
      process.stdout.write(`\n${part}\n`);
    };
    process.stdout.write(`${parts[0]}\n`);
    if (!options.only || options.only === 'latency') print(latencyReport(options, tmp));
    if (!options.only || options.only === 'library') print(libraryReport(options, tmp));
    if (!options.only || options.only === 'scale') print(scaleReport(options, measureScale(options, tmp)));
    if (!options.only || options.only === 'checks') print(checksReport());
    const footer = `_Total bench time ${fmtS(performance.now() - started)} s; options: ${process.argv.slice(2).join(' ') || '(defaults)'}._`;
    print(footer);
    const out = options.out ?? (options.only ? undefined : path.join(ROOT, 'docs', 'benchmark-results.md'));
    if (out) {
      fs.writeFileSync(out, `${RESULTS_HEADER}\n\n${parts.join('\n\n')}\n`);
      process.stdout.write(`\nreport written to ${path.relative(ROOT, out)}\n`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
