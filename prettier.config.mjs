// Prettier (`npm run format` writes, `npm test` checks). Options picked to match the
// existing code with the least churn: single quotes, semicolons, trailing commas
// everywhere, parenthesised arrow parameters, lines up to 160 characters.
/** @type {import('prettier').Config} */
export default {
  printWidth: 160,
  singleQuote: true,
  semi: true,
  trailingComma: 'all',
  arrowParens: 'always',
  quoteProps: 'as-needed',
  objectWrap: 'preserve',
};
