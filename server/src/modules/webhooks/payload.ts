// What a delivery says about a ticket event: the event, when it happened, who did it, the ticket as
// an administrator's API answer, and what the event adds (field changes, the message, the SLA
// target, the merge, the rule). The delivery's `id` is added when it is stored (deliveries.ts).
import { eq } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import { systemActor } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import {
  getTicket,
  type TicketDto,
  type TicketEventRow,
  ticketDtoFor,
  ticketMessages,
} from '../tickets/index.ts';

/** The ticket as an administrator reads it from the API, or null when it is gone. */
export async function ticketForPayload(db: Db, clock: Clock, ticketId: string): Promise<TicketDto | null> {
  const actor = systemActor();
  try {
    return ticketDtoFor(actor, await getTicket({ db, clock, actor, channel: 'system' }, ticketId));
  } catch {
    return null;
  }
}

async function messageOf(db: Db, event: TicketEventRow): Promise<Record<string, unknown> | null> {
  if (!event.messageId) return null;
  const [m] = await db.select().from(ticketMessages).where(eq(ticketMessages.id, event.messageId));
  if (!m) return null;
  return {
    id: m.id,
    kind: m.kind,
    bodyText: m.body,
    bodyHtml: m.bodyHtml,
    author: m.authorAgentId
      ? { type: 'agent', id: m.authorAgentId, name: m.authorName }
      : m.authorContactId
        ? { type: 'contact', id: m.authorContactId, name: m.authorName }
        : { type: 'system', id: null, name: m.authorName },
    cc: m.cc,
    attachmentCount: typeof event.data.attachmentCount === 'number' ? event.data.attachmentCount : 0,
    createdAt: m.createdAt.toISOString(),
  };
}

/** The body of a delivery of `name` about a ticket event (without its `id`). */
export async function eventPayload(
  db: Db,
  name: string,
  event: TicketEventRow,
  ticket: TicketDto,
  rule?: { id: string | null; name: string | null },
): Promise<Record<string, unknown>> {
  const d = event.data;
  const payload: Record<string, unknown> = {
    event: name,
    occurredAt: event.createdAt.toISOString(),
    actor: { type: event.actorType, id: event.actorId, name: event.actorName },
    ticket,
  };
  if (event.kind !== 'created' && event.changes.length) payload.changes = event.changes;
  const message = await messageOf(db, event);
  if (message) payload.message = message;
  if (event.kind.startsWith('sla_') && typeof d.metric === 'string')
    payload.sla = {
      metric: d.metric,
      dueAt: d.dueAt ?? null,
      level: typeof d.level === 'number' ? d.level : null,
    };
  if (event.kind === 'merged_into')
    payload.merge = { intoTicketId: d.targetId ?? null, intoTicketNumber: d.targetNumber ?? null };
  if (event.kind === 'voided') payload.reason = typeof d.reason === 'string' ? d.reason : null;
  if (rule) payload.rule = rule;
  return payload;
}
