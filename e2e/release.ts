/**
 * Builds the example applications' releases once and caches them by content:
 * `node_modules/.cache/e2e-releases/<app>-<hash>/`, where the hash covers
 * every source file, the OTP release and the build tool's version. Sources are
 * copied first so that the build never writes into examples/.
 */
import { createHash } from 'crypto';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const CACHE = path.join(__dirname, '..', 'node_modules', '.cache', 'e2e-releases');
export const EXAMPLES = path.join(__dirname, '..', 'examples');

/** Every file under `dir` except build output, sorted. */
function sourceFiles(dir: string, skip: readonly string[]): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      if (skip.includes(e.name)) return [];
      const p = path.join(dir, e.name);
      return e.isDirectory() ? sourceFiles(p, skip) : [p];
    })
    .sort();
}

function run(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(cmd, [...args], { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, ...env } });
  if (r.error || r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} in ${cwd} failed: ${r.error?.message ?? `${r.stdout}\n${r.stderr}`.trim().slice(-2000)}`);
  return r.stdout;
}

/** A built release: where it is, its start script, and whether this run built it. */
export interface Release {
  readonly root: string;
  readonly bin: string;
  readonly built: boolean;
  readonly ms: number;
}

/**
 * Builds `examples/<app>` with `build` (run in a copy of the sources) unless a
 * release with the same inputs is cached; `output` is where the build leaves
 * the release, relative to the copy.
 */
function cachedBuild(app: string, toolVersion: string, build: (dir: string) => void, output: string, script: string, cacheName = app): Release {
  const t0 = Date.now();
  const src = path.join(EXAMPLES, app);
  const skip = ['_build', 'deps', 'rebar.lock', '.gitignore'];
  const hash = createHash('sha256');
  hash.update(`${toolVersion}\n`);
  for (const f of sourceFiles(src, skip)) hash.update(`${path.relative(src, f)}\n`).update(fs.readFileSync(f));
  const dir = path.join(CACHE, `${cacheName}-${hash.digest('hex').slice(0, 16)}`);
  const root = path.join(dir, output);
  const bin = path.join(root, 'bin', script);
  if (fs.existsSync(bin)) return { root, bin, built: false, ms: Date.now() - t0 };
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.cpSync(src, tmp, { recursive: true, filter: (s) => !skip.includes(path.basename(s)) });
  build(tmp);
  // Atomic: a concurrent run either sees the whole release or builds its own.
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
  // Releases of older sources are never used again.
  const stale = new RegExp(`^${cacheName}-[0-9a-f]{16}$`);
  fs.readdirSync(CACHE)
    .filter((d) => stale.test(d) && path.join(CACHE, d) !== dir)
    .forEach((d) => fs.rmSync(path.join(CACHE, d), { recursive: true, force: true }));
  return { root, bin, built: true, ms: Date.now() - t0 };
}

/** The version of examples/erlang-docker as committed, in its .app.src and its relx release. */
export const RELX_VSN = '0.1.0';
/** The version of the upgrade that the rolling-upgrade phase rolls out. */
export const RELX_UPGRADE_VSN = '0.2.0';

/**
 * The rebar3/relx release of examples/erlang-docker; with `vsn`, the same
 * sources with the application and the release at that version (the next
 * release of the app: `GET /status` tells them apart).
 */
export function relxRelease(vsn = RELX_VSN): Release {
  return relxReleases(vsn).relx;
}

/**
 * examples/erlang-docker's two releases at `vsn`, built together: `rebar3 release`, and
 * `rebar3 as cookie_file release` (no -setcookie in vm.args.src).
 */
export function relxReleases(vsn = RELX_VSN): { relx: Release; cookieFile: Release } {
  const version = run('rebar3', ['version'], EXAMPLES).trim();
  const otp = run('erl', ['-noshell', '-eval', 'io:put_chars(erlang:system_info(otp_release)), halt().'], EXAMPLES);
  const relx = cachedBuild(
    'erlang-docker',
    `${version} OTP ${otp} vsn ${vsn}`,
    (dir) => {
      if (vsn !== RELX_VSN) for (const f of ['rebar.config', path.join('src', 'erlang_docker.app.src')]) setVsn(path.join(dir, f), vsn);
      const env = { REBAR_CACHE_DIR: path.join(dir, '.rebar3-cache') };
      run('rebar3', ['release'], dir, env);
      run('rebar3', ['as', 'cookie_file', 'release'], dir, env);
    },
    path.join('_build', 'default', 'rel', 'erlang_docker'),
    'erlang_docker',
    vsn === RELX_VSN ? 'erlang-docker' : `erlang-docker-${vsn}`,
  );
  const root = path.join(relx.root, '..', '..', '..', 'cookie_file', 'rel', 'erlang_docker');
  return { relx, cookieFile: { ...relx, root: path.resolve(root), bin: path.join(path.resolve(root), 'bin', 'erlang_docker') } };
}

/** Rewrites the one quoted RELX_VSN of `file` (`{vsn, "..."}` or `{release, {erlang_docker, "..."}, ...}`); throws when it is not there once. */
function setVsn(file: string, vsn: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const quoted = `"${RELX_VSN}"`;
  if (text.split(quoted).length !== 2) throw new Error(`${file}: expected ${quoted} exactly once`);
  fs.writeFileSync(file, text.replace(quoted, `"${vsn}"`));
}

/** The mix releases of examples/chat, built together: `chat` (dist port pinned in rel/vm.args.eex), `chat_epmdless` (rel/epmdless) and `chat_cookie_file` (rel/cookie-file). */
export function chatReleases(): { chat: Release; epmdless: Release; cookieFile: Release } {
  const version = run('mix', ['--version'], EXAMPLES).trim().split('\n').slice(-1)[0];
  const chat = cachedBuild(
    'chat',
    version,
    (dir) => {
      const env = { MIX_ENV: 'prod', MIX_HOME: path.join(dir, '.mix') };
      run('mix', ['release', 'chat', '--quiet'], dir, env);
      run('mix', ['release', 'chat_epmdless', '--quiet'], dir, env);
      run('mix', ['release', 'chat_cookie_file', '--quiet'], dir, env);
    },
    path.join('_build', 'prod', 'rel', 'chat'),
    'chat',
  );
  const sibling = (name: string): Release => {
    const root = path.join(path.dirname(chat.root), name);
    return { ...chat, root, bin: path.join(root, 'bin', name) };
  };
  return { chat, epmdless: sibling('chat_epmdless'), cookieFile: sibling('chat_cookie_file') };
}
