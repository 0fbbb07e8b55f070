// Delivering committed ticket events to the after-commit subscribers (DESIGN ideas 3 and 4): the
// statement that appended the events added one outbox job per subscriber that wanted them, keyed by
// the ticket (so one ticket's jobs run in order). Workers take these jobs in batches: the events of
// a whole batch are read in one query, each subscriber handles its jobs' events inside the batch's
// transaction, and the jobs are removed in it, so a subscriber's writes happen once per change. A
// throw rolls the batch back; the outbox then runs each job alone, with retries and backoff.
import { asc, inArray } from 'drizzle-orm';
import type { BatchJobHandler } from '../../platform/outbox.ts';
import { afterCommitTopic, type TicketEventRow, type TicketHooks } from './command-core.ts';
import { ticketEvents } from './schema.ts';

function eventIdsOf(payload: Record<string, unknown>, jobId: number): number[] {
  const { ticketId, eventIds } = payload as { ticketId?: unknown; eventIds?: unknown };
  if (typeof ticketId !== 'string' || !Array.isArray(eventIds) || !eventIds.every(Number.isSafeInteger))
    throw new Error(`Malformed ticket-events job ${jobId}`);
  return eventIds as number[];
}

/** The outbox batch handlers of the after-commit subscribers, by topic. */
export function afterCommitHandlers(hooks: TicketHooks): Record<string, BatchJobHandler> {
  return Object.fromEntries(
    (hooks.afterCommit ?? []).map((subscriber): [string, BatchJobHandler] => [
      afterCommitTopic(subscriber.name),
      async (jobs, ctx) => {
        const wanted = jobs.map((job) => eventIdsOf(job.payload, job.id));
        const rows = await ctx.db
          .select()
          .from(ticketEvents)
          .where(inArray(ticketEvents.id, wanted.flat()))
          .orderBy(asc(ticketEvents.id));
        const byId = new Map<number, TicketEventRow>(rows.map((r) => [r.id, r]));
        for (const ids of wanted) {
          // A ticket deleted since (its events with it) has nothing left to tell.
          const events = ids.flatMap((id) => byId.get(id) ?? []);
          if (events.length) await subscriber.handle(events, ctx);
        }
      },
    ]),
  );
}

/** Whether a live-event announcement says its change added outbox jobs (so workers should look). */
export function announcesJobs(payload: string): boolean {
  return payload.includes('"outbox":true');
}
