// Many ticket counts in one query (V3): the side bar asks for every view's count at once. Each
// count goes through ticketScope like any other ticket query; one table scan serves them all.
import { and, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { ticketScope } from '../access/index.ts';
import { toSql, validateCondition } from '../conditions/index.ts';
import { ticketRegistry, tickets } from '../tickets/index.ts';

export const MAX_COUNTS = 50;

export async function countMany(ctx: Ctx, filters: Record<string, unknown>): Promise<Record<string, number>> {
  const keys = Object.keys(filters);
  if (keys.length === 0) return {};
  const registry = await ticketRegistry(ctx);
  const columns: Record<string, SQL<number>> = {};
  keys.forEach((key, i) => {
    const condition = validateCondition(filters[key], registry, { path: `body/filters/${key}` });
    columns[`c${i}`] = sql<number>`(count(*) FILTER (WHERE ${toSql(condition, registry)}))::int`;
  });
  const [row] = await ctx.db
    .select(columns)
    .from(tickets)
    .where(and(ticketScope(ctx.actor)));
  return Object.fromEntries(keys.map((key, i) => [key, Number(row?.[`c${i}`] ?? 0)]));
}
