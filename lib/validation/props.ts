/**
 * Construct-time checks of user props. Each throws a ConfigError naming the
 * construct path, the prop, the value and what is allowed. Pure functions, so
 * that the bad-input table can test them one by one; one file per kind of value.
 */
export * from './checks/images';
export * from './checks/names';
export * from './checks/paths';
export * from './checks/pod-fields';
export * from './checks/storage';
export * from './checks/values';
