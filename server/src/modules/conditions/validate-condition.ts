// Validation of a condition received from outside (an API body, an admin's rule) before it is stored or used.
import { type CheckOptions, checkCondition, toCondition } from './check-condition.ts';
import type { Condition, FieldRegistry } from './types.ts';

export type ValidateOptions = CheckOptions;

/**
 * Returns a clean copy of `input` as a typed condition, or throws AppError('validation') whose
 * `errors` point into it (e.g. `filter/all/1/value` with `{ path: 'filter' }`).
 */
export function validateCondition(
  input: unknown,
  registry: FieldRegistry,
  opts: ValidateOptions = {},
): Condition {
  return toCondition(checkCondition(input, registry, { ...opts, checkEnumValues: true }));
}
