// Cursor pagination for lists sorted by name: the cursor names the last row shown (its lower-cased
// name and id), so pages stay stable while rows are added or removed.
import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { invalid } from '../../platform/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NamePosition {
  /** `lower(name)` as the database computed it (JS lower-casing differs for a few letters). */
  sortKey: string;
  id: string;
}

export function encodeNameCursor(position: NamePosition): string {
  return Buffer.from(JSON.stringify([position.sortKey, position.id]), 'utf8').toString('base64url');
}

export function decodeNameCursor(cursor: string): NamePosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [sortKey, id] = value as unknown[];
      if (typeof sortKey === 'string' && typeof id === 'string' && UUID.test(id)) return { sortKey, id };
    }
  } catch {
    // Reported below.
  }
  throw invalid('cursor', 'is not a cursor from a previous page');
}

/** Rows after the cursor, in `ORDER BY lower(name), id` order. */
export function afterNameCursor(name: AnyPgColumn, id: AnyPgColumn, cursor: string): SQL {
  const position = decodeNameCursor(cursor);
  return sql`(lower(${name}), ${id}) > (${position.sortKey}, ${position.id}::uuid)`;
}

export const sortKeyOf = (name: AnyPgColumn): SQL<string> => sql<string>`lower(${name})`;

export const byName = (name: AnyPgColumn, id: AnyPgColumn): SQL[] => [sql`lower(${name})`, sql`${id}`];

/** A page of `limit` rows from `limit + 1` fetched, with the cursor for the next page. */
export function pageOf<R extends NamePosition, D>(
  rows: R[],
  limit: number,
  toDto: (row: R) => D,
): { items: D[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { items: shown.map(toDto), nextCursor: rows.length > limit && last ? encodeNameCursor(last) : null };
}

/** `%text%` for LIKE, with LIKE's own characters escaped. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
