// After a policy or calendar changes, every open ticket's policy and due times are worked out
// again in the background (a job): batches of tickets in id order, each batch one transaction
// (policy chosen again, clocks re-computed, rows written in one statement), progress kept where
// administrators can see it. A job run handles a slice and queues the next, so it never holds a
// worker long; a newer change restarts the run from the first ticket.
import { and, asc, eq, getTableColumns, gt, inArray, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import { systemActor } from '../../platform/context.ts';
import { type Db, queryRows, uuidArray } from '../../platform/db.ts';
import { enqueue, type JobHandler } from '../../platform/outbox.ts';
import { appSettings } from '../../platform/schema.ts';
import {
  recordTicketEvents,
  type TicketCtx,
  type TicketRow,
  ticketRegistry,
  tickets,
} from '../tickets/index.ts';
import { choosePolicy, type SlaConfigCache, type SlaPolicy } from './policy-matching.ts';
import { ticketSla } from './schema.ts';
import type { SlaFacts } from './ticket-clock.ts';
import { factsOf, initialFactsOf, policySnapshot, slaAt, slaRowOf, type TicketSlaRow } from './ticket-sla.ts';

export const SLA_RECOMPUTE_TOPIC = 'sla.recompute';
const PROGRESS_KEY = 'sla_recompute';
const BATCH = 500;
const BATCHES_PER_RUN = 20;

export interface RecomputeProgress {
  state: 'idle' | 'running' | 'done';
  /** Open tickets when the run started. */
  total: number;
  done: number;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Queue a re-computation (call in the transaction that changed a policy or calendar). */
export async function queueRecompute(db: Db, clock: Clock): Promise<void> {
  await enqueue(db, clock, {
    topic: SLA_RECOMPUTE_TOPIC,
    payload: { after: null },
    // A burst of edits becomes one run.
    availableAt: new Date(clock.now().getTime() + 2_000),
    dedupeKey: SLA_RECOMPUTE_TOPIC,
  });
}

export async function recomputeProgress(db: Db): Promise<RecomputeProgress> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, PROGRESS_KEY));
  return (
    (row?.value as RecomputeProgress | undefined) ?? {
      state: 'idle',
      total: 0,
      done: 0,
      startedAt: null,
      finishedAt: null,
    }
  );
}

async function saveProgress(db: Db, progress: RecomputeProgress): Promise<void> {
  await db
    .insert(appSettings)
    .values({ key: PROGRESS_KEY, value: progress })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: progress } });
}

const { searchVector: _sv, ...ticketColumns } = getTableColumns(tickets);

function pastNotices(policy: SlaPolicy | null, priority: string, facts: SlaFacts, now: number): string[] {
  const { fire, skip } = slaAt(policy, priority, facts, [], now);
  return [...fire, ...skip].map((n) => n.key);
}

/** Re-computes one batch of open tickets after `after` (an id); returns the last id, or null at the end. */
export async function recomputeBatch(
  ctx: TicketCtx,
  config: SlaConfigCache,
  after: string | null,
  limit = BATCH,
): Promise<{ last: string | null; count: number }> {
  const rows = await ctx.db
    .select(ticketColumns)
    .from(tickets)
    .where(and(eq(tickets.isOpen, true), after ? gt(tickets.id, after) : undefined))
    .orderBy(asc(tickets.id))
    .limit(limit);
  if (!rows.length) return { last: null, count: 0 };
  const ids = rows.map((r) => r.id);
  const existing = new Map(
    (await ctx.db.select().from(ticketSla).where(inArray(ticketSla.ticketId, ids)).for('update')).map((r) => [
      r.ticketId,
      r,
    ]),
  );
  const related = new Map(
    (
      await queryRows<{ id: string; tier: string | null; vip: boolean | null }>(
        ctx.db,
        sql`SELECT t.id, o.tier, c.vip FROM tickets t
              LEFT JOIN organizations o ON o.id = t.organization_id
              LEFT JOIN contacts c ON c.id = t.contact_id
             WHERE t.id = ANY(${uuidArray(ids)})`,
      )
    ).map((r) => [r.id, r]),
  );
  const policies = await config.get(ctx.db);
  const registry = await ticketRegistry(ctx);
  const now = Math.floor(ctx.clock.now().getTime() / 1000);
  const updated: TicketSlaRow[] = [];
  for (const raw of rows) {
    const ticket: TicketRow = { ...raw, searchVector: null };
    const snapshot = policySnapshot(ticket, related.get(ticket.id));
    const before = existing.get(ticket.id);
    const policy = choosePolicy(policies, snapshot, registry);
    const facts = before ? factsOf(before) : initialFactsOf(ticket);
    // A ticket older than its SLA state (SLA just set up, or the ticket imported) starts with
    // what is already past counted as given: its breach shows, but nobody is alerted about history.
    const fired = before?.fired ?? pastNotices(policy, ticket.priority, facts, now);
    updated.push(slaRowOf(ticket.id, policy, ticket.priority, facts, fired, now));
    if (before && before.policyId !== (policy?.id ?? null)) {
      await recordTicketEvents(ctx, ticket.id, [
        {
          kind: 'sla_policy_changed',
          data: {
            policyId: policy?.id ?? null,
            policyName: policy?.name ?? null,
            previousPolicyId: before.policyId,
          },
        },
      ]);
    }
  }
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  await ctx.db
    .insert(ticketSla)
    .values(updated)
    .onConflictDoUpdate({
      target: ticketSla.ticketId,
      set: Object.fromEntries(
        Object.entries(getTableColumns(ticketSla))
          .filter(([key]) => key !== 'ticketId')
          .map(([key, column]) => [key, excluded(column.name)]),
      ),
    });
  return { last: rows.length < limit ? null : rows[rows.length - 1]!.id, count: rows.length };
}

/** The job: a slice of batches, then the next slice queued; progress saved as it goes. */
export function recomputeHandler(config: SlaConfigCache): JobHandler {
  return async (job, { db, clock }) => {
    let after = (job.payload as { after?: string | null }).after ?? null;
    let progress = await recomputeProgress(db);
    if (after === null) {
      const [count] = await queryRows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM tickets WHERE is_open`,
      );
      progress = {
        state: 'running',
        total: Number(count?.n ?? 0),
        done: 0,
        startedAt: clock.now().toISOString(),
        finishedAt: null,
      };
      await saveProgress(db, progress);
    }
    for (let i = 0; i < BATCHES_PER_RUN; i++) {
      const { last, count } = await db.transaction(async (tx) =>
        recomputeBatch(
          { db: tx as unknown as Db, clock, actor: systemActor('SLA'), channel: 'system', depth: 0 },
          config,
          after,
        ),
      );
      progress = { ...progress, done: Math.min(progress.total, progress.done + count) };
      if (last === null) {
        await saveProgress(db, {
          ...progress,
          state: 'done',
          done: progress.total,
          finishedAt: clock.now().toISOString(),
        });
        return;
      }
      after = last;
      await saveProgress(db, progress);
    }
    await enqueue(db, clock, {
      topic: SLA_RECOMPUTE_TOPIC,
      payload: { after },
      dedupeKey: SLA_RECOMPUTE_TOPIC,
    });
  };
}
