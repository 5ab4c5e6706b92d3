import * as k8s from '../../imports/k8s';

/** A port (or count) given by number or by name, as the L1 IntOrString. */
export function intOrString(value: number | string): k8s.IntOrString {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: fromNumber and fromString both keep the value as is; the branch is for the types
  return typeof value === 'number' ? k8s.IntOrString.fromNumber(value) : k8s.IntOrString.fromString(value);
}
