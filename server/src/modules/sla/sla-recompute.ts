// After a policy or calendar changes, every open ticket's policy and due times are worked out
// again (and tickets without an SLA row get one from their history) in the background (a job): batches of tickets in id order, each batch one transaction
// (policy chosen again, clocks re-computed, rows written in one statement), progress kept where
// administrators can see it. A job run handles a slice and queues the next, so it never holds a
// worker long; a newer change restarts the run from the first ticket.
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import { systemActor } from '../../platform/context.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import { enqueue, type JobHandler } from '../../platform/outbox.ts';
import { appSettings } from '../../platform/schema.ts';
import { type TicketCtx, tickets } from '../tickets/index.ts';
import type { SlaConfigCache } from './policy-matching.ts';
import { writeSlaRows } from './sla-rebuild.ts';

export const SLA_RECOMPUTE_TOPIC = 'sla.recompute';
const PROGRESS_KEY = 'sla_recompute';
const BATCH = 500;
const BATCHES_PER_RUN = 20;

export interface RecomputeProgress {
  state: 'idle' | 'running' | 'done';
  /** Tickets to re-compute when the run started (open ones, and those without an SLA row). */
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

/** Open tickets, and tickets that have no SLA row yet (seeded, imported, older than the module). */
const TO_RECOMPUTE = sql`(${tickets.isOpen} OR NOT EXISTS (SELECT 1 FROM ticket_sla s WHERE s.ticket_id = ${tickets.id}))`;

/**
 * Re-computes one batch of tickets after `after` (an id): open ones keep their facts and get their
 * policy and due times again; those without a row get theirs from their history. Returns the last
 * id, or null at the end.
 */
export async function recomputeBatch(
  ctx: TicketCtx,
  config: SlaConfigCache,
  after: string | null,
  limit = BATCH,
): Promise<{ last: string | null; count: number }> {
  const rows = await ctx.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(TO_RECOMPUTE, after ? gt(tickets.id, after) : undefined))
    .orderBy(asc(tickets.id))
    .limit(limit);
  if (!rows.length) return { last: null, count: 0 };
  await writeSlaRows(
    ctx,
    config,
    rows.map((r) => r.id),
    'missing',
  );
  return { last: rows.length < limit ? null : rows[rows.length - 1]!.id, count: rows.length };
}

/** One batch in a transaction of its own, run as the system. */
function recomputeBatchAlone(db: Db, clock: Clock, config: SlaConfigCache, after: string | null) {
  return db.transaction(async (tx) =>
    recomputeBatch(
      { db: tx as unknown as Db, clock, actor: systemActor('SLA'), channel: 'system', depth: 0 },
      config,
      after,
    ),
  );
}

/** Every batch at once, one after another (tests and tools; the job spreads them over runs). */
export async function recomputeAll(db: Db, clock: Clock, config: SlaConfigCache): Promise<void> {
  let after: string | null = null;
  do after = (await recomputeBatchAlone(db, clock, config, after)).last;
  while (after !== null);
}

/** The job: a slice of batches, then the next slice queued; progress saved as it goes. */
export function recomputeHandler(config: SlaConfigCache): JobHandler {
  return async (job, { db, clock }) => {
    let after = (job.payload as { after?: string | null }).after ?? null;
    let progress = await recomputeProgress(db);
    if (after === null) {
      const [count] = await queryRows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM tickets t
              WHERE t.is_open OR NOT EXISTS (SELECT 1 FROM ticket_sla s WHERE s.ticket_id = t.id)`,
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
      const { last, count } = await recomputeBatchAlone(db, clock, config, after);
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
