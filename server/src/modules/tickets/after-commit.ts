// Delivering committed ticket events to the after-commit subscribers (DESIGN ideas 3 and 4): the
// statement that appended the events added one outbox job per subscriber that wanted them, keyed by
// the ticket (so one ticket's jobs run in order); here each job reads its events back and hands
// them to its subscriber. A throw leaves the job to the outbox's retries.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { JobHandler } from '../../platform/outbox.ts';
import { afterCommitTopic, type TicketHooks } from './command-core.ts';
import { ticketEvents } from './schema.ts';

/** The outbox handlers of the after-commit subscribers, by topic. */
export function afterCommitHandlers(hooks: TicketHooks): Record<string, JobHandler> {
  return Object.fromEntries(
    (hooks.afterCommit ?? []).map((subscriber): [string, JobHandler] => [
      afterCommitTopic(subscriber.name),
      async (job, ctx) => {
        const { ticketId, eventIds } = job.payload as { ticketId?: unknown; eventIds?: unknown };
        if (typeof ticketId !== 'string' || !Array.isArray(eventIds))
          throw new Error(`Malformed ticket-events job ${job.id}`);
        const events = await ctx.db
          .select()
          .from(ticketEvents)
          .where(and(eq(ticketEvents.ticketId, ticketId), inArray(ticketEvents.id, eventIds.map(Number))))
          .orderBy(asc(ticketEvents.id));
        // A ticket deleted since (its events with it) has nothing left to tell.
        if (events.length) await subscriber.handle(events, ctx);
      },
    ]),
  );
}

/** Whether a live-event announcement says its change added outbox jobs (so workers should look). */
export function announcesJobs(payload: string): boolean {
  return payload.includes('"outbox":true');
}
