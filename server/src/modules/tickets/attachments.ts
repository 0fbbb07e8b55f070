// Attachment metadata and safe names; the bytes live in the blob store.
import { and, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { assertCanOnTickets, ticketScope } from '../access/index.ts';
import { attachments, tickets } from './schema.ts';

export interface AttachmentDto {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  messageId: string | null;
  createdAt: string;
}

export interface AttachmentInput {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** Keeps only the last path segment and printable characters: no traversal, no header injection. */
export function safeFilename(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f"<>:|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'attachment';
}

const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

export function safeContentType(value: string | undefined): string {
  const ct = (value ?? '').split(';')[0]!.trim().toLowerCase();
  return CONTENT_TYPE.test(ct) ? ct : 'application/octet-stream';
}

/** Image types a browser may show inline; everything else downloads. SVG can carry script: never inline. */
export const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function toAttachmentDto(row: typeof attachments.$inferSelect): AttachmentDto {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.contentType,
    size: row.size,
    messageId: row.messageId,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function attachmentsOfMessages(
  db: Db,
  messageIds: string[],
): Promise<Map<string, AttachmentDto[]>> {
  const map = new Map<string, AttachmentDto[]>();
  if (!messageIds.length) return map;
  const rows = await db.select().from(attachments).where(inArray(attachments.messageId, messageIds));
  for (const row of rows) {
    const list = map.get(row.messageId!) ?? [];
    list.push(toAttachmentDto(row));
    map.set(row.messageId!, list);
  }
  return map;
}

/** An attachment the actor may download: its ticket must be visible to them. */
export async function findVisibleAttachment(
  ctx: Ctx,
  ticketId: string,
  attachmentId: string,
): Promise<typeof attachments.$inferSelect> {
  const [row] = await ctx.db
    .select({ attachment: attachments })
    .from(attachments)
    .innerJoin(tickets, eq(tickets.id, attachments.ticketId))
    .where(and(eq(attachments.id, attachmentId), eq(attachments.ticketId, ticketId), ticketScope(ctx.actor)));
  if (!row) throw notFound('Attachment');
  return row.attachment;
}

export async function listTicketAttachments(ctx: Ctx, ticketId: string): Promise<AttachmentDto[]> {
  // An empty list would tell that the ticket exists.
  const [visible] = await ctx.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.id, ticketId), ticketScope(ctx.actor)));
  if (!visible) throw notFound('Ticket');
  const rows = await ctx.db
    .select({ attachment: attachments })
    .from(attachments)
    .innerJoin(tickets, eq(tickets.id, attachments.ticketId))
    .where(and(eq(attachments.ticketId, ticketId), ticketScope(ctx.actor)));
  return rows.map((r) => toAttachmentDto(r.attachment));
}

/**
 * An image uploaded while writing (pasted or dropped into the text): kept on the ticket without a
 * message until the message that shows it is sent, which then owns it.
 */
export async function addInlineImage(
  ctx: Ctx,
  ticketId: string,
  input: AttachmentInput,
): Promise<AttachmentDto> {
  assertCanOnTickets(ctx.actor, 'reply');
  if (!INLINE_TYPES.has(input.contentType)) throw invalid('file', 'must be a PNG, JPEG, GIF or WebP image');
  const [ticket] = await ctx.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.id, ticketId), ticketScope(ctx.actor)));
  if (!ticket) throw notFound('Ticket');
  const [row] = await ctx.db
    .insert(attachments)
    .values({
      ticketId,
      messageId: null,
      ...input,
      uploadedBy: ctx.actor.type === 'agent' ? ctx.actor.id : null,
      createdAt: ctx.clock.now(),
    })
    .returning();
  return toAttachmentDto(row!);
}

/**
 * Images pasted into a reply that was never sent: after `before` they go (the daily maintenance).
 * Answers the blobs no attachment refers to any more, for the caller to remove.
 */
export async function pruneUnsentImages(db: Db, before: Date): Promise<string[]> {
  const gone = await db
    .delete(attachments)
    .where(and(isNull(attachments.messageId), lt(attachments.createdAt, before)))
    .returning({ sha256: attachments.sha256 });
  if (!gone.length) return [];
  const shas = [...new Set(gone.map((g) => g.sha256))];
  const kept = await db
    .select({ sha256: attachments.sha256 })
    .from(attachments)
    .where(inArray(attachments.sha256, shas));
  const stillUsed = new Set(kept.map((k) => k.sha256));
  return shas.filter((sha) => !stillUsed.has(sha));
}

/** Which of these blobs an attachment still refers to (the daily sweep of files keeps those). */
export async function referencedBlobs(db: Db, sha256s: string[]): Promise<Set<string>> {
  if (!sha256s.length) return new Set();
  const rows = await db
    .selectDistinct({ sha256: attachments.sha256 })
    .from(attachments)
    .where(inArray(attachments.sha256, sha256s));
  return new Set(rows.map((r) => r.sha256));
}
