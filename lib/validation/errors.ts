/**
 * A configuration mistake found at synth time. The message names where
 * (construct path or file:line), what (the prop or key), the bad value and what
 * is allowed, so that it reads well without a stack trace.
 */
export class ConfigError extends Error {
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
  }
}

function describe(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
