// The condition tree, its operators and the field registry's shapes.
import type { SQL } from 'drizzle-orm';

export type FieldType = 'text' | 'number' | 'boolean' | 'datetime' | 'date' | 'enum' | 'tags' | 'id';

export interface FieldDef {
  /** e.g. 'priority', 'organization.tier', 'custom.caseType'. */
  name: string;
  /**
   * 'text' = free text; 'enum' = a key from a closed set; 'tags' = string array (multi-picklist
   * too); 'id' = uuid string.
   */
  type: FieldType;
  /**
   * A drizzle `sql` expression reading the field in a query, typed for the field type:
   * text → text; enum → text or a PostgreSQL enum; id → uuid (or text holding lowercase uuids);
   * number → any numeric type; boolean → boolean; datetime → timestamptz; date → date;
   * tags → text[] without NULL elements. `jsonbFieldDef` builds these for jsonb keys.
   */
  sql: SQL;
  /** Reads the value from an in-memory snapshot (a ticket as the service sees it). */
  read: (subject: Record<string, unknown>) => unknown;
  /** For enum: the allowed keys (checked by `validateCondition`). */
  values?: readonly string[];
  sortable?: boolean;
  /**
   * For a field kept in another table (one row per ticket at most; SLA state): how filters reach
   * it, so the planner can start from that table's indexes. `from` selects the rows of the
   * subject (`ticket_sla s WHERE s.ticket_id = tickets.id`), `column` reads the field there. Filters
   * become EXISTS / NOT EXISTS over it (a missing row reads as NULL, as `sql` gives). Not for text
   * or tags fields, whose positive operators can hold for NULL. `sql` stays for sorting.
   */
  row?: { from: SQL; column: SQL };
  /**
   * For boolean fields whose `sql` is never NULL (e.g. an EXISTS): `eq true` becomes the bare
   * expression and `eq false` its NOT, so the planner can turn an EXISTS into a semi-join
   * (an anti-join) instead of testing it row by row.
   */
  neverNull?: boolean;
  /**
   * For id and enum fields whose `sql` can never be '' (a uuid column): is_empty is a plain
   * IS NULL, which an index serves, instead of also testing for ''.
   */
  neverBlank?: boolean;
  /**
   * A value kept outside the ticket row (SLA state): in memory it is `snapshot[name]`, which the
   * tickets module's `conditionSnapshot` loads with `sql` for the fields a condition reads. Such
   * `sql` may refer to `tickets.id` only.
   */
  load?: true;
}

export interface FieldRegistry {
  get(name: string): FieldDef | undefined;
  /** The statically registered fields (dynamic ones such as `custom.*` are resolved on demand). */
  list(): FieldDef[];
}

export const OPS = [
  'eq',
  'ne',
  'in',
  'not_in',
  'is_empty',
  'is_not_empty',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'contains_any',
  'contains_none',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'has',
  'has_any',
  'has_all',
  'has_none',
  'changed',
  'changed_to',
  'changed_from',
] as const;
export type Op = (typeof OPS)[number];

export type ConditionScalar = string | number | boolean;
export type ConditionValue = ConditionScalar | ConditionScalar[];

export interface AllCondition {
  all: Condition[];
}
export interface AnyCondition {
  any: Condition[];
}
export interface NotCondition {
  not: Condition;
}
export interface FieldCondition {
  field: string;
  op: Op;
  value?: ConditionValue;
}
export type Condition = AllCondition | AnyCondition | NotCondition | FieldCondition;

/** What an operator expects as its value. */
export type ValueShape = 'none' | 'scalar' | 'list' | 'range';

export const VALUE_SHAPE: Record<Op, ValueShape> = {
  eq: 'scalar',
  ne: 'scalar',
  in: 'list',
  not_in: 'list',
  is_empty: 'none',
  is_not_empty: 'none',
  contains: 'scalar',
  not_contains: 'scalar',
  starts_with: 'scalar',
  ends_with: 'scalar',
  contains_any: 'list',
  contains_none: 'list',
  gt: 'scalar',
  gte: 'scalar',
  lt: 'scalar',
  lte: 'scalar',
  between: 'range',
  has: 'scalar',
  has_any: 'list',
  has_all: 'list',
  has_none: 'list',
  changed: 'none',
  changed_to: 'scalar',
  changed_from: 'scalar',
};

export const CHANGE_OPS: ReadonlySet<Op> = new Set<Op>(['changed', 'changed_to', 'changed_from']);

const COMMON: readonly Op[] = [
  'eq',
  'ne',
  'in',
  'not_in',
  'is_empty',
  'is_not_empty',
  'changed',
  'changed_to',
  'changed_from',
];
const ORDERED: readonly Op[] = [...COMMON, 'gt', 'gte', 'lt', 'lte', 'between'];

/** The operators each field type accepts. Tags use `has*` rather than `eq`/`in`, whose meaning on a set would be ambiguous. */
export const OPS_BY_TYPE: Record<FieldType, readonly Op[]> = {
  text: [...COMMON, 'contains', 'not_contains', 'starts_with', 'ends_with', 'contains_any', 'contains_none'],
  number: ORDERED,
  datetime: ORDERED,
  date: ORDERED,
  boolean: COMMON,
  enum: COMMON,
  id: COMMON,
  tags: ['has', 'has_any', 'has_all', 'has_none', 'is_empty', 'is_not_empty', 'changed'],
};
