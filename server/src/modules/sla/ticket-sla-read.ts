// A ticket's SLA as agents see it (S5): the policy, each clock's target, due time, time used and
// state at this moment, and the history of stops. Worked out at request time from the stored
// facts, so "time left" is exact whenever it is asked. Only for tickets the agent may see.
import { and, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { ticketScope } from '../access/index.ts';
import { getTicket, tickets } from '../tickets/index.ts';
import { formatInstant } from './clock/index.ts';
import type { SlaConfigCache } from './policy-matching.ts';
import type { SlaMetric } from './policy-shapes.ts';
import { type StoredPause, ticketSla } from './schema.ts';
import { type MetricStatus, ticketClocks } from './ticket-clock.ts';
import { factsOf, type TicketSlaRow, targetsOf } from './ticket-sla.ts';

export const MAX_SLA_IDS = 200;

export interface SlaClockDto {
  metric: SlaMetric;
  targetMinutes: number;
  startedAt: string;
  dueAt: string | null;
  metAt: string | null;
  status: MetricStatus;
  breached: boolean;
  secondsUsed: number;
  /** Business seconds until the target (negative once overdue, in business time). */
  secondsLeft: number;
}

export interface TicketSlaDto {
  ticketId: string;
  policy: { id: string; name: string } | null;
  paused: boolean;
  clocks: SlaClockDto[];
  pauses: StoredPause[];
}

function toDto(
  row: TicketSlaRow,
  config: Awaited<ReturnType<SlaConfigCache['get']>>,
  now: number,
): TicketSlaDto {
  const policy = config.find((p) => p.id === row.policyId) ?? null;
  const facts = factsOf(row);
  const targets = targetsOf(policy, row.priority);
  const clocks = ticketClocks(targets, facts, now).map((s) => ({
    metric: s.metric,
    targetMinutes: Math.round(s.targetSeconds / 60),
    startedAt: formatInstant(s.startedAt),
    dueAt: s.dueAt === null ? null : formatInstant(s.dueAt),
    metAt: s.metAt === null ? null : formatInstant(s.metAt),
    status: s.status,
    breached: s.breached,
    secondsUsed: s.secondsUsed,
    secondsLeft: s.targetSeconds - s.secondsUsed,
  }));
  return {
    ticketId: row.ticketId,
    policy: policy ? { id: policy.id, name: policy.name } : null,
    paused: row.pausedSince !== null && row.resolvedAt === null,
    clocks,
    pauses: row.pauses,
  };
}

/** One ticket's SLA; 404 when the ticket is hidden; `policy: null` and no clocks without one. */
export async function ticketSlaOf(ctx: Ctx, config: SlaConfigCache, ticketId: string): Promise<TicketSlaDto> {
  await getTicket(ctx, ticketId);
  const [row] = await ctx.db.select().from(ticketSla).where(sql`${ticketSla.ticketId} = ${ticketId}`);
  if (!row) return { ticketId, policy: null, paused: false, clocks: [], pauses: [] };
  return toDto(row, await config.get(ctx.db), Math.floor(ctx.clock.now().getTime() / 1000));
}

/** The SLA of many tickets at once (a list's visible rows); hidden or unknown ids are left out. */
export async function ticketSlas(
  ctx: Ctx,
  config: SlaConfigCache,
  ids: readonly string[],
): Promise<TicketSlaDto[]> {
  if (!ids.length) return [];
  const rows = await ctx.db
    .select({ sla: ticketSla })
    .from(ticketSla)
    .innerJoin(tickets, sql`${tickets.id} = ${ticketSla.ticketId}`)
    .where(and(inArray(ticketSla.ticketId, [...new Set(ids)]), ticketScope(ctx.actor)));
  const policies = await config.get(ctx.db);
  const now = Math.floor(ctx.clock.now().getTime() / 1000);
  return rows.map((r) => toDto(r.sla, policies, now));
}
