// Loads TypeScript like `-r sucrase/register/ts` (same transform, same output),
// from the transpile cache: sucrase itself is loaded only when a file changed.
//   node -r ./scripts/register-ts scripts/synth.ts
require('./transpile-cache').registerSucrase();
