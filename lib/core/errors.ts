import * as path from 'path';
import { brand, hasBrand } from './brand';

/** This package's own source and build folders, whose frames say nothing to a user. */
const OWN_FOLDERS = ['lib', 'build', 'imports'].map((f) => path.join(__dirname, '..', '..', f) + path.sep);
/** In the built package this file is build/lib/core/errors.js, so one level more. */
const OWN_BUILD_FOLDERS = ['lib', 'imports'].map((f) => path.join(__dirname, '..', '..', '..', f) + path.sep);

/**
 * A configuration mistake found at synth time. The message names where
 * (construct path or file:line), what (the prop or key), the bad value and what
 * is allowed, so that it reads well without a stack trace.
 *
 * TypeScript/JavaScript only: jsii cannot model a subclass of `Error`. In the other
 * languages the jsii runtime raises its own exception type with the same one-line message
 * (docs/library.md).
 *
 * @jsii ignore
 */
export class ConfigError extends Error {
  /** Whether `x` is a ConfigError, from this or any other copy of this package. */
  public static isConfigError(x: unknown): x is ConfigError {
    return hasBrand(x, 'ConfigError');
  }

  constructor(
    /** The construct path, or `file:line` for configuration files. */
    public readonly where: string,
    /** The prop or key, e.g. `ports[1].nodePort`. */
    public readonly prop: string,
    /** The offending value. */
    public readonly value: unknown,
    /** What would have been accepted. */
    public readonly allowed: string,
  ) {
    super(`${where}: invalid ${prop} ${describe(value)}: ${allowed}`);
    this.name = 'ConfigError';
    brand(this, 'ConfigError');
    this.stack = callerStack(this.stack ?? '', `${this.name}: ${this.message}`);
    // The message says it all: an uncaught ConfigError prints no dump of these fields after it.
    for (const field of ['name', 'where', 'prop', 'value', 'allowed']) Object.defineProperty(this, field, { enumerable: false });
  }
}

/**
 * The message, then only the user's frames: not the library's internals (whose
 * source-mapped .ts paths the package does not ship), nor Node's, a loader's or
 * V8's frames without a place.
 */
function callerStack(stack: string, head: string): string {
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line) && !isOthersFrame(line));
  return [head, ...frames].join('\n');
}

function isOthersFrame(line: string): boolean {
  return (
    /\(node:|at node:|[\\/]node_modules[\\/]|\(<anonymous>\)$/.test(line) || [...OWN_FOLDERS, ...OWN_BUILD_FOLDERS].some((folder) => line.includes(folder))
  );
}

const MAX_VALUE_LENGTH = 200;

/** The value on one line: JSON where that is faithful, cut short when long. */
function describe(value: unknown): string {
  if (value === undefined) return '(missing)';
  let text: string;
  if (typeof value === 'number' || typeof value === 'bigint') {
    text = String(value); // JSON would print NaN and Infinity as null
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  text = text.replace(/\s*\n\s*/g, ' ');
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}... (${text.length} chars)` : text;
}
