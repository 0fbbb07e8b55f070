// Command: add a message (public reply, internal note, or a customer's message) with attachments.

import { sql } from 'drizzle-orm';
import { invalid } from '../../platform/errors.ts';
import { searchDocument } from '../../platform/text-search.ts';
import { assertCanOnTickets } from '../access/index.ts';
import type { AttachmentDto, AttachmentInput } from './attachments.ts';
import { toAttachmentDto } from './attachments.ts';
import { inTransaction, lockTicket, type TicketCtx } from './command-core.ts';
import { applyStatus, rejectControlChars } from './field-rules.ts';
import { firstStatusOf } from './picklists.ts';
import { attachments, CHANNELS, type Channel, type MessageKind, ticketMessages } from './schema.ts';
import { ticketConfig } from './ticket-config.ts';
import type { TicketRow } from './ticket-record.ts';
import { saveTicketChange } from './update-ticket.ts';

export interface MessageDto {
  id: string;
  ticketId: string;
  kind: MessageKind;
  body: string;
  channel: string;
  authorAgentId: string | null;
  authorContactId: string | null;
  authorName: string;
  movedFromTicketId: string | null;
  createdAt: string;
  attachments: AttachmentDto[];
}

export type MessageRow = typeof ticketMessages.$inferSelect;

export function toMessageDto(row: MessageRow, files: AttachmentDto[]): MessageDto {
  return {
    id: row.id,
    ticketId: row.ticketId,
    kind: row.kind,
    body: row.body,
    channel: row.channel,
    authorAgentId: row.authorAgentId,
    authorContactId: row.authorContactId,
    authorName: row.authorName,
    movedFromTicketId: row.movedFromTicketId,
    createdAt: row.createdAt.toISOString(),
    attachments: files,
  };
}

export const MAX_BODY = 200_000;

export interface AddMessageInput {
  kind: MessageKind;
  body: string;
  attachments?: AttachmentInput[] | undefined;
  /** For customer messages arriving through a channel (email, portal). */
  authorContactId?: string | undefined;
  authorName?: string | undefined;
}

export async function addMessage(
  ctx: TicketCtx,
  ticketId: string,
  input: AddMessageInput,
): Promise<{ ticket: TicketRow; message: MessageDto }> {
  assertCanOnTickets(ctx.actor, input.kind === 'note' ? 'edit' : 'reply');
  const files = input.attachments ?? [];
  if (!input.body.trim() && !files.length) throw invalid('body', 'write something or attach a file');
  if (input.body.length > MAX_BODY) throw invalid('body', `must be at most ${MAX_BODY} characters`);
  rejectControlChars('body', input.body);
  if (input.kind === 'customer' && ctx.actor.type === 'agent' && !input.authorContactId) {
    throw invalid('kind', 'agents write replies or notes');
  }
  return inTransaction(ctx, async (tx) => {
    const row = await lockTicket(tx, ticketId);
    if (row.mergedIntoId)
      throw invalid('ticketId', 'this ticket was merged; write on the ticket it was merged into');
    const now = tx.clock.now();
    // A message arrives through a ticket channel (email, portal…); from the console it follows the ticket's.
    const channel = (CHANNELS as readonly string[]).includes(tx.channel)
      ? (tx.channel as Channel)
      : row.channel;
    const [message] = await tx.db
      .insert(ticketMessages)
      .values({
        ticketId,
        kind: input.kind,
        body: input.body,
        channel,
        authorAgentId: tx.actor.type === 'agent' ? tx.actor.id : null,
        authorContactId: input.authorContactId ?? null,
        authorName: input.authorName ?? tx.actor.name,
        searchVector: sql`to_tsvector('simple', ${searchDocument(input.body)})`,
        createdAt: now,
      })
      .returning();
    const stored = files.length
      ? await tx.db
          .insert(attachments)
          .values(
            files.map((f) => ({
              ticketId,
              messageId: message!.id,
              filename: f.filename,
              contentType: f.contentType,
              size: f.size,
              sha256: f.sha256,
              uploadedBy: tx.actor.type === 'agent' ? tx.actor.id : null,
              createdAt: now,
            })),
          )
          .returning()
      : [];

    let next: TicketRow = { ...row, messageCount: row.messageCount + 1 };
    if (input.kind === 'reply') {
      next.lastAgentReplyAt = now;
      if (row.statusCategory === 'new') {
        const { lists } = await ticketConfig(tx);
        next = applyStatus(next, firstStatusOf(lists, 'open').key, lists, now);
      }
    }
    if (input.kind === 'customer') {
      next.lastCustomerMessageAt = now;
      // A customer writing on a resolved ticket reopens it (T8).
      if (row.statusCategory === 'resolved') {
        const { lists } = await ticketConfig(tx);
        next = applyStatus(next, firstStatusOf(lists, 'open').key, lists, now);
      }
    }
    const dto = toMessageDto(message!, stored.map(toAttachmentDto));
    const saved = await saveTicketChange(tx, row, next, {
      kind: 'message_added',
      data: { kind: input.kind, attachmentCount: stored.length },
      messageId: message!.id,
    });
    return { ticket: saved, message: dto };
  });
}
