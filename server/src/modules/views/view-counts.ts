// Many ticket counts in one query (V3): the side bar asks for every view's count at once. Each
// count goes through ticketScope like any other ticket query. Counts are exact up to a cap
// (10,000 by default): each one stops at cap + 1 rows, through whatever index serves its filter,
// so a view of a million tickets costs what a view of ten thousand does. The side bar shows
// "10,000+"; an exact total of a big set is GET /api/v1/tickets/count.
import { and, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { queryRows } from '../../platform/db.ts';
import { invalid } from '../../platform/errors.ts';
import { ticketScope } from '../access/index.ts';
import { toSql, validateCondition } from '../conditions/index.ts';
import { ticketRegistry, tickets } from '../tickets/index.ts';
import { presetFilters } from './preset-views.ts';

export const MAX_COUNTS = 50;
export const DEFAULT_COUNT_CAP = 10_000;
export const MAX_COUNT_CAP = 100_000;

export interface ManyCounts {
  counts: Record<string, number>;
  /** Keys whose count reached the cap: there are more tickets than the number given. */
  capped: string[];
}

export async function countMany(
  ctx: Ctx,
  filters: Record<string, unknown>,
  cap: number = DEFAULT_COUNT_CAP,
): Promise<ManyCounts> {
  const keys = Object.keys(filters);
  if (keys.length === 0) return { counts: {}, capped: [] };
  const registry = await ticketRegistry(ctx);
  const columns: SQL[] = keys.map((key, i) => {
    const condition = validateCondition(filters[key], registry, { path: `body/filters/${key}` });
    const where = and(ticketScope(ctx.actor), toSql(condition, registry));
    return sql`(SELECT count(*)::int FROM (SELECT 1 FROM ${tickets} WHERE ${where} LIMIT ${cap + 1}) AS hits) AS ${sql.identifier(`c${i}`)}`;
  });
  const [row] = await queryRows<Record<string, number>>(ctx.db, sql`SELECT ${sql.join(columns, sql`, `)}`);
  const counts: Record<string, number> = {};
  const capped: string[] = [];
  keys.forEach((key, i) => {
    const n = Number(row?.[`c${i}`] ?? 0);
    counts[key] = Math.min(n, cap);
    if (n > cap) capped.push(key);
  });
  return { counts, capped };
}

/**
 * The side bar's counts: the preset views named in `presets` (counted under their ids, defined
 * on the server for the acting agent) and the conditions in `filters`, in one query.
 */
export async function countViews(
  ctx: Ctx,
  input: { filters?: Record<string, unknown> | undefined; presets?: readonly string[] | undefined },
  cap: number = DEFAULT_COUNT_CAP,
): Promise<ManyCounts> {
  const filters = input.filters ?? {};
  const presets = [...new Set(input.presets ?? [])];
  presets.forEach((id, i) => {
    if (Object.hasOwn(filters, id)) throw invalid(`body/presets/${i}`, `'${id}' is also a key of filters`);
  });
  if (presets.length + Object.keys(filters).length > MAX_COUNTS)
    throw invalid('body', `at most ${MAX_COUNTS} counts at once (filters and presets together)`);
  return countMany(ctx, { ...presetFilters(ctx.actor, presets), ...filters }, cap);
}
