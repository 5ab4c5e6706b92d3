import { brand, hasBrand } from '../constructs/brand';

/**
 * A configuration mistake found at synth time. The message names where
 * (construct path or file:line), what (the prop or key), the bad value and what
 * is allowed, so that it reads well without a stack trace.
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
  }
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
