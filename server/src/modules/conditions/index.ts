// The one condition language: a JSON tree of all/any/not and field comparisons, shared by list
// filters, routing, SLA policies, workflow rules and reports. Two back ends that agree: evaluate()
// in memory, toSql() for queries; fields come from a registry filled by the modules that own them.
//
// Semantics both back ends share (the property test holds them to it):
// - Missing values: text reads NULL as '' (so is_empty is true for NULL and ''); for the other
//   types a NULL equals nothing and orders against nothing. Negative operators (ne, not_in,
//   not_contains, contains_none, has_none) are the exact complements of the positive ones, so
//   they are true for a NULL; every SQL leaf is TRUE or FALSE, never NULL.
// - Text comparisons (eq, in, contains, starts_with, …) ignore case by a per-code-point Unicode
//   fold, not by the database's lower(), which depends on its locale; no Unicode normalization.
// - enum and tags compare exactly; id compares uuids case-insensitively; datetimes to the
//   microsecond; dates as calendar dates; numbers as numbers (finite values only).

export { MAX_LIST_ITEMS, MAX_STRING_LENGTH } from './check-condition.ts';
export { type ToSqlOptions, toSql } from './condition-sql.ts';
export { type EvaluateOptions, evaluate } from './evaluate-condition.ts';
export { createFieldRegistry } from './field-registry.ts';
export { fieldsOf } from './fields-of.ts';
export { type JsonbFieldOptions, jsonbFieldDef, jsonbFieldSql, readJsonbValue } from './jsonb-field.ts';
export {
  type AllCondition,
  type AnyCondition,
  type Condition,
  type ConditionScalar,
  type ConditionValue,
  type FieldCondition,
  type FieldDef,
  type FieldRegistry,
  type FieldType,
  type NotCondition,
  OPS,
  OPS_BY_TYPE,
  type Op,
  VALUE_SHAPE,
  type ValueShape,
} from './types.ts';
export { type ValidateOptions, validateCondition } from './validate-condition.ts';
