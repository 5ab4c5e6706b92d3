// @ts-check
/**
 * A disk cache for TypeScript require hooks, so that a synth transpiles only
 * the files that changed since the last one. Transpiling lib/, charts/ and
 * main.ts costs ~0.1 s with sucrase and ~0.5 s with ts-node: as much as the
 * synth itself.
 *
 * Loading this module puts the cache in front of the hook already registered:
 *   node -r ts-node/register/transpile-only -r ./scripts/transpile-cache app.ts
 *   node -r sucrase/register/ts -r ./scripts/transpile-cache app.ts
 * or as the first import of an entry point that sucrase loads (scripts/synth.ts).
 * With no hook registered (jest, precompiled JS) it does nothing.
 * `registerSucrase()` (scripts/register-ts.js) instead registers sucrase's
 * transform itself, and loads sucrase only when a file has changed.
 *
 * Each entry holds the hook's exact output (code and inline source map) for
 * one file, stamped with a hash of the source; the entry's name hashes the
 * file name and all else the output depends on (tool, version, options). A
 * stale, missing or unwritable entry only means transpiling as usual.
 * `ERLANG_CLUSTER_CACHE=0` turns the cache off.
 *
 * Plain JavaScript, so that it loads before any TypeScript hook is warm.
 */
'use strict';
const { createHash } = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');

const CACHE_DIR = path.join(__dirname, '..', 'node_modules', '.cache', 'cdk8s-erlang-cluster', 'ts');
const INSTALLED = Symbol.for('cdk8s-erlang-cluster.transpile-cache');
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/** @typedef {(mod: any, filename: string) => void} Loader */

/** Module._extensions: internal, but it is what require hooks (pirates, ts-node) replace. */
const extensions = /** @type {Record<string, Loader>} */ (/** @type {any} */ (Module)._extensions);

const cacheOff = () => process.env.ERLANG_CLUSTER_CACHE === '0';

/** @param {string[]} parts */
function digest(...parts) {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p).update('\0');
  return hash.digest('hex');
}

/**
 * The cached output for `source`, else `transpile()`'s, which is then stored.
 * @param {string} toolKey everything besides the file that the output depends on
 * @param {string} fileName
 * @param {string} source
 * @param {() => string} transpile
 * @returns {string}
 */
function memoize(toolKey, fileName, source, transpile) {
  if (cacheOff()) return transpile();
  const entry = path.join(CACHE_DIR, `${digest(toolKey, fileName).slice(0, 32)}.js`);
  const stamp = `//${digest(source)}\n`;
  try {
    const cached = fs.readFileSync(entry, 'utf8');
    if (cached.startsWith(stamp)) return cached.slice(stamp.length);
  } catch {
    // No entry yet.
  }
  const output = transpile();
  const tmp = `${entry}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    fs.writeFileSync(tmp, stamp + output);
    fs.renameSync(tmp, entry); // atomic: a concurrent reader sees the old entry or the new one
  } catch {
    fs.rmSync(tmp, { force: true });
  }
  return output;
}

/**
 * A `.ts` loader with sucrase/register/ts's exact output: its transforms
 * (merged with $SUCRASE_OPTIONS) and inline source map. sucrase is required
 * on the first cache miss only. Like sucrase's hook (pirates), it leaves
 * files under node_modules to `fallback`.
 * @param {Loader} fallback
 * @returns {Loader}
 */
function sucraseLoader(fallback) {
  const { version } = require('sucrase/package.json');
  const options = { transforms: ['imports', 'typescript'], ...JSON.parse(process.env.SUCRASE_OPTIONS || '{}') };
  const toolKey = `sucrase ${version} ${JSON.stringify(options)}`;
  /** @param {string} source @param {string} filePath */
  const transpile = (source, filePath) => {
    const { code, sourceMap } = require('sucrase').transform(source, { ...options, sourceMapOptions: { compiledFilename: filePath }, filePath });
    const map = Buffer.from(JSON.stringify(sourceMap)).toString('base64');
    return `${code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${map}`;
  };
  return function cachedSucraseLoader(mod, filename) {
    if (filename.includes(NODE_MODULES)) return fallback(mod, filename);
    const source = fs.readFileSync(filename, 'utf8');
    mod._compile(
      memoize(toolKey, filename, source, () => transpile(source, filename)),
      filename,
    );
  };
}

/**
 * Wraps a ts-node service's `compile`: ts-node stays the loader (ignore
 * rules, module type checks, diagnostics of files that fail to compile);
 * only the output of unchanged files comes from the cache.
 * @param {any} service the instance that ts-node's register() returned
 */
function cacheTsNode(service) {
  const compile = service.compile.bind(service);
  const { version } = require('ts-node/package.json');
  const toolKey = `ts-node ${version} typescript ${service.ts.version} ${JSON.stringify(service.config.options)} ${JSON.stringify(service.options)}`;
  /** @param {string} code @param {string} fileName @param {number} [lineOffset] */
  service.compile = (code, fileName, lineOffset = 0) =>
    lineOffset !== 0
      ? compile(code, fileName, lineOffset) // REPL/eval input: not a file
      : memoize(toolKey, fileName, code, () => compile(code, fileName));
}

/** @param {string} id */
function isLoaded(id) {
  try {
    return require.cache[require.resolve(id)] !== undefined;
  } catch {
    return false; // not installed
  }
}

/**
 * Puts the cache in front of the registered TypeScript hook (ts-node's, or
 * sucrase/register/ts's, which is replaced by the identical cached loader).
 * Returns whether such a hook is registered; does the work once per process.
 * @returns {boolean}
 */
function install() {
  const proc = /** @type {any} */ (process);
  if (proc[INSTALLED]) return true;
  const tsNode = proc[Symbol.for('ts-node.register.instance')];
  if (tsNode) {
    // Only transpile-only output depends on the file alone; type-checked output does not.
    if (!tsNode.options.transpileOnly) return true;
    cacheTsNode(tsNode);
  } else if (isLoaded('sucrase/dist/register') && extensions['.ts']) {
    extensions['.ts'] = sucraseLoader(extensions['.ts']);
  } else {
    return false;
  }
  proc[INSTALLED] = true;
  return true;
}

/**
 * Makes `.ts` files loadable: caches the registered hook if there is one,
 * else registers sucrase/register/ts's transform with the cache.
 */
function registerSucrase() {
  if (install()) return;
  extensions['.ts'] = sucraseLoader(extensions['.js']);
  /** @type {any} */ (process)[INSTALLED] = true;
}

install();

module.exports = { install, registerSucrase };
