// Fields stored under a key of a jsonb column (custom fields). The SQL reads the key with the cast
// its type needs and yields NULL where the JSON value has the wrong kind; the snapshot reader
// applies the same rule, so a malformed value is "empty" on both sides.
import { type SQL, sql } from 'drizzle-orm';
import { isUuid } from './field-values.ts';
import { DATE_SOURCE, LENIENT_DATETIME_SOURCE } from './iso-time.ts';
import type { FieldDef, FieldType } from './types.ts';

const UUID_SOURCE = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const DATE_PATTERN = new RegExp(DATE_SOURCE);
const DATETIME_PATTERN = new RegExp(LENIENT_DATETIME_SOURCE);

/** SQL reading `column -> key` as the given field type (NULL when missing or of the wrong JSON kind). */
export function jsonbFieldSql(column: SQL, key: string, type: FieldType): SQL {
  const json = sql`(${column} -> ${key}::text)`;
  const text = sql`(${column} ->> ${key}::text)`;
  const isString = sql`jsonb_typeof(${json}) = 'string'`;
  switch (type) {
    case 'text':
    case 'enum':
      return sql`(CASE WHEN ${isString} THEN ${text} END)`;
    case 'id':
      return sql`(CASE WHEN ${isString} AND ${text} ~ ${UUID_SOURCE} THEN ${text}::uuid END)`;
    case 'number':
      return sql`(CASE WHEN jsonb_typeof(${json}) = 'number' THEN ${text}::numeric END)`;
    case 'boolean':
      return sql`(CASE WHEN jsonb_typeof(${json}) = 'boolean' THEN ${text}::boolean END)`;
    // The patterns keep other strings away from the cast; a well-formed but impossible date
    // (2024-02-30) still fails the cast, so the owner validates values on write.
    case 'date':
      return sql`(CASE WHEN ${isString} AND ${text} ~ ${DATE_SOURCE} THEN ${text}::date END)`;
    case 'datetime':
      return sql`(CASE WHEN ${isString} AND ${text} ~ ${LENIENT_DATETIME_SOURCE} THEN ${text}::timestamptz END)`;
    case 'tags':
      return sql`(CASE WHEN jsonb_typeof(${json}) = 'array' THEN ARRAY(SELECT cond_tag #>> '{}' FROM jsonb_array_elements(${json}) AS cond_tag WHERE jsonb_typeof(cond_tag) = 'string') END)`;
  }
}

/** The snapshot value under `key`, kept only when its JSON kind matches what `jsonbFieldSql` accepts. */
export function readJsonbValue(object: unknown, key: string, type: FieldType): unknown {
  if (typeof object !== 'object' || object === null || Array.isArray(object) || !Object.hasOwn(object, key))
    return null;
  const v: unknown = (object as Record<string, unknown>)[key];
  switch (type) {
    case 'text':
    case 'enum':
      return typeof v === 'string' ? v : null;
    case 'id':
      return typeof v === 'string' && isUuid(v) ? v : null;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    case 'boolean':
      return typeof v === 'boolean' ? v : null;
    case 'date':
      return typeof v === 'string' && DATE_PATTERN.test(v) ? v : null;
    case 'datetime':
      return typeof v === 'string' && DATETIME_PATTERN.test(v) ? v : null;
    case 'tags':
      return Array.isArray(v) ? v.filter((t) => typeof t === 'string') : null;
  }
}

export interface JsonbFieldOptions {
  name: string;
  type: FieldType;
  /** The jsonb column in SQL, e.g. sql`tickets.custom`. */
  column: SQL;
  key: string;
  /** Reads the jsonb object from a snapshot, e.g. (t) => t.custom. */
  object: (subject: Record<string, unknown>) => unknown;
  values?: readonly string[];
  sortable?: boolean;
}

/** A field definition for a key of a jsonb column, with SQL and snapshot reader that agree. */
export function jsonbFieldDef(opts: JsonbFieldOptions): FieldDef {
  const { name, type, column, key, object, values, sortable } = opts;
  return {
    name,
    type,
    sql: jsonbFieldSql(column, key, type),
    read: (subject) => readJsonbValue(object(subject), key, type),
    ...(values ? { values } : {}),
    ...(sortable === undefined ? {} : { sortable }),
  };
}
