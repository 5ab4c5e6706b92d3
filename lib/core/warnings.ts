/**
 * Warnings about valid but risky input. They go to stderr at construct time,
 * naming the construct path, and never stop the synth.
 */
export function warn(where: string, message: string): void {
  process.stderr.write(`warning: ${where}: ${message}\n`);
}
