// How a snapshot's raw value is read for comparison, per field type. Each rule mirrors what the
// field's SQL expression yields, so the two back ends see the same value (see README in index.ts).

import { dateOfEpochMillis, microsOfEpochMillis, parseDate, parseLenientDatetime } from './iso-time.ts';
import type { FieldType } from './types.ts';

/** A comparable value: text folded later, numbers, booleans, datetimes as epoch microseconds, dates as 'YYYY-MM-DD'. */
export type Comparable = string | number | boolean | bigint;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMERIC_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

export function isUuid(s: string): boolean {
  return UUID.test(s);
}

function epochMillisOfDate(value: unknown): number | undefined {
  // Recognises a Date without naming the global (time must come from the clock in modules).
  if (Object.prototype.toString.call(value) !== '[object Date]') return undefined;
  return (value as { getTime(): number }).getTime();
}

/** Text: a missing or non-string value reads as '' (so null and '' are the same: empty). */
export function readText(raw: unknown): string {
  return typeof raw === 'string' ? raw : '';
}

/** Tags: an array (elements compared exactly); anything else is the empty set. */
export function readTags(raw: unknown): readonly unknown[] {
  return Array.isArray(raw) ? raw : [];
}

/** Every other type: the comparable value, or null when empty or unreadable. */
export function readScalar(type: Exclude<FieldType, 'text' | 'tags'>, raw: unknown): Comparable | null {
  switch (type) {
    case 'number':
      if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
      if (typeof raw === 'bigint') return Number(raw);
      // numeric columns come back from drivers as strings such as '12.50'
      if (typeof raw === 'string' && NUMERIC_TEXT.test(raw.trim())) return Number(raw);
      return null;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : null;
    case 'datetime': {
      if (typeof raw === 'string') return parseLenientDatetime(raw);
      const ms = epochMillisOfDate(raw);
      return ms === undefined ? null : microsOfEpochMillis(ms);
    }
    case 'date': {
      if (typeof raw === 'string') return parseDate(raw);
      const ms = epochMillisOfDate(raw);
      return ms === undefined ? null : dateOfEpochMillis(ms);
    }
    case 'enum':
      return typeof raw === 'string' && raw !== '' ? raw : null;
    case 'id':
      return typeof raw === 'string' && raw !== '' ? raw.toLowerCase() : null;
  }
}
