// ESLint 9 flat config (`npm run lint`; `npm test` runs it with --max-warnings 0).
// typescript-eslint's recommended rules, without type information: the type-aware set
// (no-floating-promises & co.) costs ~12 s more CPU per run for a TypeScript program
// that `tsc --noEmit` already builds, and found nothing here. Formatting is Prettier's.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'build/',
      'dist/',
      '.dist.staging-*/',
      'dist.old-*/',
      'scratch/',
      'secrets/',
      'reports/',
      'coverage/',
      '.stryker-tmp/',
      'examples/**/_build/',
      'examples/**/deps/',
    ],
  },
  // An eslint-disable comment that disables nothing is an error: each one must mean something.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `==` only against null (x == null covers undefined too).
      eqeqeq: ['error', 'smart'],
      // '${X}' in a plain string is a template literal that lost its backticks (kubelet's `$(X)` is fine).
      'no-template-curly-in-string': 'error',
      'array-callback-return': 'error',
      'no-self-compare': 'error',
      'no-unmodified-loop-condition': 'error',
      'no-unreachable-loop': 'error',
      'no-promise-executor-return': 'error',
      // `const { a: _a, ...rest } = x` is how a copy without `a` is written.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // Library code reports through exceptions and cdk8s annotations; it never ends the consumer's process.
    files: ['lib/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'exit', message: 'library code throws; only scripts/ and e2e/ exit the process' }],
    },
  },
  {
    // Tests and their helpers read synthesized manifests as plain JSON: `any` is the honest type there.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The CommonJS entry points and scripts (plugin/, plugins/, scripts/*.js).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
