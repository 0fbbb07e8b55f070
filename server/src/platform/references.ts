// Checks that the records a saved definition names by id exist (and, where a table says so, are
// active), in one round trip, each problem reported at every JSON path that names the record.
// Used by the rules and SLA policies; the tickets module has its own, shaped for its hot path.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from './db.ts';
import type { FieldError } from './errors.ts';

export interface RecordCheck {
  /** The table, e.g. sql`groups`. */
  table: SQL;
  /** Lower-case id → the paths that name it. */
  ids: Map<string, string[]>;
  /** The message when the record does not exist: 'is not a group'. */
  missing: string;
  /** When set, the table has an `active` column and this is the message for an inactive record. */
  inactive?: string;
  /** Lock the found rows FOR SHARE, so they cannot be deleted before the caller's commit. */
  lock?: boolean;
}

/** Adds a path naming `id` to a map of references. */
export function refer(map: Map<string, string[]>, id: string, path: string): void {
  const key = id.toLowerCase();
  const paths = map.get(key);
  if (paths) paths.push(path);
  else map.set(key, [path]);
}

const MAX_ERRORS = 50;

export async function missingRecords(db: Db, checks: readonly RecordCheck[]): Promise<FieldError[]> {
  const used = checks.filter((c) => c.ids.size > 0);
  if (!used.length) return [];
  const ctes = used.map((c, i) => {
    const list = sql.join(
      [...c.ids.keys()].map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const active = c.inactive ? sql`active` : sql`true`;
    return sql`${sql.identifier(`r${i}`)} AS (SELECT id, ${active} AS active FROM ${c.table} WHERE id IN (${list})${
      c.lock ? sql` FOR SHARE` : sql``
    })`;
  });
  const columns = used.map(
    (_, i) =>
      sql`(SELECT coalesce(json_agg(json_build_object('id', id, 'active', active)), '[]'::json) FROM ${sql.identifier(`r${i}`)}) AS ${sql.identifier(`r${i}`)}`,
  );
  const [row] = await queryRows<Record<string, Array<{ id: string; active: boolean }>>>(
    db,
    sql`WITH ${sql.join(ctes, sql`, `)} SELECT ${sql.join(columns, sql`, `)}`,
  );
  const errors: FieldError[] = [];
  used.forEach((check, i) => {
    const found = new Map((row?.[`r${i}`] ?? []).map((r) => [r.id, r.active]));
    for (const [id, paths] of check.ids) {
      const active = found.get(id);
      const message = active === undefined ? check.missing : !active ? check.inactive : undefined;
      if (message) for (const field of paths) errors.push({ field, message });
    }
  });
  return errors.slice(0, MAX_ERRORS);
}
