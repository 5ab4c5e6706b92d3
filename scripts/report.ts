import { ConfigError } from '../lib/core/errors';

/**
 * Ends a failed synth: a ConfigError is the user's to fix, so it is printed as
 * one line without a stack trace; anything else is a bug and keeps its stack.
 */
export function reportAndExit(error: unknown): never {
  if (ConfigError.isConfigError(error)) {
    process.stderr.write(`synth failed: ${error.message}\n`);
  } else {
    process.stderr.write(`synth failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(1);
}
