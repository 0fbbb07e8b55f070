// Command: add a message (public reply, internal note, or a customer's message) with attachments.

import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { inlineAttachmentIds, richTextToPlain, sanitizeRichText } from '../../platform/rich-text.ts';
import { searchDocument } from '../../platform/text-search.ts';
import { assertMayChangeTicketFields } from '../access/index.ts';
import type { AttachmentDto, AttachmentInput } from './attachments.ts';
import { toAttachmentDto } from './attachments.ts';
import { inTransaction, lockTicket, type TicketCtx } from './command-core.ts';
import { applyStatus, rejectControlChars } from './field-rules.ts';
import { firstStatusOf } from './picklists.ts';
import { checkRecipients } from './recipients.ts';
import { attachments, CHANNELS, type Channel, type MessageKind, ticketMessages } from './schema.ts';
import { ticketConfig } from './ticket-config.ts';
import type { TicketRow } from './ticket-record.ts';
import { saveTicketChange } from './update-ticket.ts';

export interface MessageDto {
  id: string;
  ticketId: string;
  kind: MessageKind;
  body: string;
  /** Sanitized rich text; null for messages written as plain text. */
  bodyHtml: string | null;
  cc: string[];
  /** Only agents see Bcc: a customer-facing view never carries it. */
  bcc: string[];
  channel: string;
  authorAgentId: string | null;
  authorContactId: string | null;
  authorName: string;
  movedFromTicketId: string | null;
  createdAt: string;
  attachments: AttachmentDto[];
}

export type MessageRow = typeof ticketMessages.$inferSelect;

export function toMessageDto(row: MessageRow, files: AttachmentDto[], viewer: Actor): MessageDto {
  return {
    id: row.id,
    ticketId: row.ticketId,
    kind: row.kind,
    body: row.body,
    bodyHtml: row.bodyHtml,
    cc: row.cc,
    bcc: viewer.type === 'agent' ? row.bcc : [],
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
  /** Plain text; replaced by the text of `bodyHtml` when that is given. */
  body: string;
  /** Rich text from the composer: sanitized here, its plain text derived here. */
  bodyHtml?: string | undefined;
  cc?: string[] | undefined;
  bcc?: string[] | undefined;
  /** A status (key) set in the same step ("Send and set Resolved"). */
  status?: string | undefined;
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
  const files = input.attachments ?? [];
  if (input.bodyHtml !== undefined && input.bodyHtml.length > MAX_BODY)
    throw invalid('bodyHtml', `must be at most ${MAX_BODY} characters`);
  const bodyHtml =
    input.bodyHtml !== undefined ? sanitizeRichText(input.bodyHtml, { ticketId }) || null : null;
  const body = input.bodyHtml !== undefined ? (bodyHtml ? richTextToPlain(bodyHtml) : '') : input.body;
  const inline = bodyHtml ? inlineAttachmentIds(bodyHtml) : [];
  if (!body.trim() && !files.length && !inline.length)
    throw invalid('body', 'write something or attach a file');
  if (body.length > MAX_BODY) throw invalid('body', `must be at most ${MAX_BODY} characters`);
  rejectControlChars('body', body);
  if (input.kind === 'customer' && ctx.actor.type === 'agent' && !input.authorContactId) {
    throw invalid('kind', 'agents write replies or notes');
  }
  if (input.kind === 'note' && (input.cc?.length || input.bcc?.length))
    throw invalid(input.cc?.length ? 'cc' : 'bcc', 'only public replies have Cc and Bcc');
  const cc = checkRecipients('cc', input.cc);
  const bcc = checkRecipients('bcc', input.bcc);
  return inTransaction(ctx, async (tx) => {
    const action = input.status !== undefined ? 'edit' : input.kind === 'note' ? 'note' : 'reply';
    const row = await lockTicket(tx, ticketId, action);
    if (row.mergedIntoId)
      throw invalid('ticketId', 'this ticket was merged; write on the ticket it was merged into');
    if (input.status !== undefined && input.status !== row.status)
      assertMayChangeTicketFields(tx.actor, ['status']);
    const now = tx.clock.now();
    // The ticket's next state first: an invalid status writes nothing.
    let next: TicketRow = { ...row, messageCount: row.messageCount + 1 };
    if (input.kind === 'reply') next.lastAgentReplyAt = now;
    if (input.kind === 'customer') next.lastCustomerMessageAt = now;
    if (input.status !== undefined) {
      const { lists } = await ticketConfig(tx);
      next = applyStatus(next, input.status, lists, now);
    } else if (
      // A first reply opens a new ticket; a customer writing on a resolved ticket reopens it (T8).
      (input.kind === 'reply' && row.statusCategory === 'new') ||
      (input.kind === 'customer' && row.statusCategory === 'resolved')
    ) {
      const { lists } = await ticketConfig(tx);
      next = applyStatus(next, firstStatusOf(lists, 'open').key, lists, now);
    }
    // A message arrives through a ticket channel (email, portal…); from the console it follows the ticket's.
    const channel = (CHANNELS as readonly string[]).includes(tx.channel)
      ? (tx.channel as Channel)
      : row.channel;
    const [message] = await tx.db
      .insert(ticketMessages)
      .values({
        ticketId,
        kind: input.kind,
        body,
        bodyHtml,
        cc,
        bcc,
        channel,
        authorAgentId: tx.actor.type === 'agent' ? tx.actor.id : null,
        authorContactId: input.authorContactId ?? null,
        authorName: input.authorName ?? tx.actor.name,
        searchVector: sql`to_tsvector('simple', ${searchDocument(body)})`,
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
    // Images pasted into the text were uploaded beforehand; they now belong to this message.
    const shown = inline.length
      ? await tx.db
          .update(attachments)
          .set({ messageId: message!.id })
          .where(
            and(
              inArray(attachments.id, inline),
              eq(attachments.ticketId, ticketId),
              isNull(attachments.messageId),
            ),
          )
          .returning()
      : [];
    const all = [...stored, ...shown];
    const dto = toMessageDto(message!, all.map(toAttachmentDto), tx.actor);
    const saved = await saveTicketChange(tx, row, next, {
      kind: 'message_added',
      data: {
        kind: input.kind,
        attachmentCount: all.length,
        ...(cc.length ? { ccCount: cc.length } : {}),
        ...(bcc.length ? { bccCount: bcc.length } : {}),
      },
      messageId: message!.id,
      changesApart: input.status !== undefined,
    });
    return { ticket: saved, message: dto };
  });
}
