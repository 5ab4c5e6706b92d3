/**
 * Construct-time checks of user props. Each throws a ConfigError naming the
 * construct path, the prop, the value and what is allowed. Pure functions, so
 * that the bad-input table can test them one by one; one file per kind of value.
 */
export * from './images';
export * from './names';
export * from './paths';
export * from './pod-fields';
export * from './storage';
export * from './values';
