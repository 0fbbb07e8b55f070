// Commands that involve two tickets: merge, split a message off, duplicate.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { attachmentPathPrefix } from '../../platform/rich-text.ts';
import { afterChange, appendEvents, inTransaction, lockTicket, type TicketCtx } from './command-core.ts';
import { createTicket } from './create-ticket.ts';
import { applyStatus } from './field-rules.ts';
import { firstStatusOf } from './picklists.ts';
import { attachments, ticketMessages, tickets } from './schema.ts';
import { ticketConfig } from './ticket-config.ts';
import type { TicketRow } from './ticket-record.ts';
import { saveTicketChange } from './update-ticket.ts';

/** Locks two tickets in id order so two opposite merges cannot deadlock. */
async function lockPair(ctx: TicketCtx, a: string, b: string): Promise<[TicketRow, TicketRow]> {
  const [first, second] = a < b ? [a, b] : [b, a];
  const r1 = await lockTicket(ctx, first, 'merge');
  const r2 = await lockTicket(ctx, second, 'merge');
  return a < b ? [r1, r2] : [r2, r1];
}

/** A moved message's images follow their attachments to the other ticket. */
function imagesMoved(fromId: string, toId: string): SQL {
  return sql`replace(${ticketMessages.bodyHtml}, ${attachmentPathPrefix(fromId)}, ${attachmentPathPrefix(toId)})`;
}

/**
 * Merges `sourceId` into `targetId`: the conversation and attachments move to the target, the
 * source is closed and points at the survivor. Both histories record it.
 */
export async function mergeTicket(
  ctx: TicketCtx,
  sourceId: string,
  targetId: string,
): Promise<{ source: TicketRow; target: TicketRow }> {
  if (sourceId === targetId) throw invalid('targetId', 'a ticket cannot be merged into itself');
  return inTransaction(ctx, async (tx) => {
    const [source, target] = await lockPair(tx, sourceId, targetId);
    if (source.mergedIntoId)
      throw new AppError('conflict', `This ticket was already merged into another ticket`);
    if (target.mergedIntoId)
      throw invalid('targetId', 'that ticket was itself merged; merge into the surviving ticket');
    if (target.voidedAt) throw invalid('targetId', 'that ticket is voided');
    const moved = await tx.db
      .update(ticketMessages)
      .set({ ticketId: target.id, movedFromTicketId: source.id, bodyHtml: imagesMoved(source.id, target.id) })
      .where(eq(ticketMessages.ticketId, source.id))
      .returning({ id: ticketMessages.id });
    await tx.db.update(attachments).set({ ticketId: target.id }).where(eq(attachments.ticketId, source.id));

    const { lists } = await ticketConfig(tx);
    const now = tx.clock.now();
    const closedSource: TicketRow = {
      ...applyStatus(source, firstStatusOf(lists, 'closed').key, lists, now),
      mergedIntoId: target.id,
      messageCount: 0,
    };
    const savedSource = await saveTicketChange(tx, source, closedSource, {
      kind: 'merged_into',
      data: { targetId: target.id, targetNumber: target.number, movedMessages: moved.length },
    });
    const grownTarget: TicketRow = {
      ...target,
      messageCount: target.messageCount + moved.length,
      tags: [...new Set([...target.tags, ...source.tags])],
    };
    const savedTarget = await saveTicketChange(tx, target, grownTarget, {
      kind: 'merged_from',
      data: { sourceId: source.id, sourceNumber: source.number, movedMessages: moved.length },
    });
    return { source: savedSource, target: savedTarget };
  });
}

/** Moves one message into a new ticket that keeps the customer, product and priority. */
export async function splitMessage(
  ctx: TicketCtx,
  ticketId: string,
  messageId: string,
  input: { subject?: string | undefined },
): Promise<{ original: TicketRow; created: TicketRow }> {
  return inTransaction(ctx, async (tx) => {
    const original = await lockTicket(tx, ticketId, 'edit');
    const [message] = await tx.db
      .select()
      .from(ticketMessages)
      .where(and(eq(ticketMessages.id, messageId), eq(ticketMessages.ticketId, original.id)));
    if (!message) throw notFound('Message');
    const firstLine = message.body
      .split('\n')
      .find((line) => line.trim())
      ?.trim()
      .slice(0, 200);
    const created = await createTicket(tx, {
      subject: input.subject?.trim() || firstLine || original.subject,
      description: message.body,
      priority: original.priority,
      channel: original.channel,
      contactId: original.contactId,
      organizationId: original.organizationId,
      productId: original.productId,
      departmentId: original.departmentId,
      ownerGroupId: original.ownerGroupId,
      splitFromId: original.id,
    });
    await tx.db
      .update(ticketMessages)
      .set({
        ticketId: created.id,
        movedFromTicketId: original.id,
        bodyHtml: imagesMoved(original.id, created.id),
      })
      .where(eq(ticketMessages.id, message.id));
    await tx.db
      .update(attachments)
      .set({ ticketId: created.id })
      .where(eq(attachments.messageId, message.id));
    const [withMessage] = await tx.db
      .update(tickets)
      .set({ messageCount: created.messageCount + 1 })
      .where(eq(tickets.id, created.id))
      .returning();
    const splitEvents = await appendEvents(tx, created.id, [
      {
        kind: 'split_from',
        data: { sourceId: original.id, sourceNumber: original.number },
        messageId: message.id,
      },
    ]);
    await afterChange(tx, { before: created, after: withMessage!, events: splitEvents });
    const savedOriginal = await saveTicketChange(
      tx,
      original,
      { ...original, messageCount: Math.max(0, original.messageCount - 1) },
      {
        kind: 'split_to',
        data: { ticketId: created.id, ticketNumber: created.number },
        messageId: message.id,
      },
    );
    return { original: savedOriginal, created: withMessage! };
  });
}

/** Copies a ticket's fields (not its conversation) into a new ticket. */
export async function duplicateTicket(ctx: TicketCtx, ticketId: string): Promise<TicketRow> {
  return inTransaction(ctx, async (tx) => {
    // Reading the source is enough; the copy is a new ticket (createTicket checks that right).
    const source = await lockTicket(tx, ticketId, 'view');
    const copy = await createTicket(tx, {
      subject: source.subject,
      description: source.description,
      priority: source.priority,
      severity: source.severity,
      category: source.category,
      type: source.type,
      channel: source.channel,
      departmentId: source.departmentId,
      ownerAgentId: source.ownerAgentId,
      ownerGroupId: source.ownerGroupId,
      contactId: source.contactId,
      organizationId: source.organizationId,
      productId: source.productId,
      tags: source.tags,
      custom: source.custom,
    });
    const events = await appendEvents(tx, copy.id, [
      { kind: 'duplicated_from', data: { sourceId: source.id, sourceNumber: source.number } },
    ]);
    await afterChange(tx, { before: copy, after: copy, events });
    const sourceEvents = await appendEvents(tx, source.id, [
      { kind: 'duplicated_to', data: { ticketId: copy.id, ticketNumber: copy.number } },
    ]);
    await afterChange(tx, { before: source, after: source, events: sourceEvents });
    return copy;
  });
}
