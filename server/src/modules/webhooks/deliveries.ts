// The delivery log: deliveries are written (one per webhook and ticket event, so a repeat of the
// same events adds none) with an outbox job each, listed newest first, sent again on request, and a
// "ping" sent at once to try a webhook.
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { enqueue } from '../../platform/outbox.ts';
import { assertAdmin } from '../access/index.ts';
import { recordAttempt, sendOnce } from './delivery-attempt.ts';
import { PING_EVENT } from './events.ts';
import { webhookDeliveries } from './schema.ts';
import { webhookRow } from './webhooks.ts';

export const WEBHOOK_DELIVER_TOPIC = 'webhooks.deliver';
/** The delivery log keeps finished deliveries this long (the daily maintenance removes older ones). */
export const KEEP_DELIVERIES_MS = 30 * 24 * 3600_000;
/** Attempts of one delivery (the outbox's backoff between them: about 10 s, 20 s, … 160 s). */
export const DELIVERY_MAX_ATTEMPTS = 6;
const MAX_PAGE = 100;

export interface DeliveryDto {
  id: string;
  event: string;
  ticketId: string | null;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  responseStatus: number | null;
  responseMs: number | null;
  responseExcerpt: string | null;
  error: string | null;
  resentFrom: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
}

function toDto(row: typeof webhookDeliveries.$inferSelect): DeliveryDto {
  return {
    id: String(row.id),
    event: row.event,
    ticketId: row.ticketId,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    responseMs: row.responseMs,
    responseExcerpt: row.responseExcerpt,
    error: row.error,
    resentFrom: row.resentFrom === null ? null : String(row.resentFrom),
    createdAt: row.createdAt.toISOString(),
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
  };
}

export interface NewDelivery {
  webhookId: string;
  event: string;
  /** The ticket event told of: at most one delivery per webhook and event. */
  eventId?: number | null;
  ticketId: string | null;
  /** The body; an `id` it has is kept (a resend), otherwise the new delivery's id is put in. */
  payload: Record<string, unknown>;
  resentFrom?: number | null;
}

/** Stores a delivery; its id, or null when this webhook already has one for the event. */
export async function insertDelivery(db: Db, clock: Clock, d: NewDelivery): Promise<number | null> {
  const rows = await queryRows<{ id: string | number }>(
    db,
    sql`WITH v AS (SELECT nextval(pg_get_serial_sequence('webhook_deliveries', 'id')) AS id)
        INSERT INTO webhook_deliveries (id, webhook_id, event, event_id, ticket_id, payload, resent_from, created_at)
        SELECT v.id, ${d.webhookId}::uuid, ${d.event}, ${d.eventId ?? null}::bigint, ${d.ticketId}::uuid,
               jsonb_build_object('id', v.id::text) || ${JSON.stringify(d.payload)}::jsonb,
               ${d.resentFrom ?? null}::bigint, ${clock.now()}
          FROM v
        ON CONFLICT (webhook_id, event_id) WHERE event_id IS NOT NULL DO NOTHING
        RETURNING id`,
  );
  return rows[0] ? Number(rows[0].id) : null;
}

/** Queues a stored delivery: in order per webhook and ticket, retried with backoff. */
export async function queueDelivery(
  db: Db,
  clock: Clock,
  deliveryId: number,
  webhookId: string,
  ticketId: string | null,
): Promise<void> {
  await enqueue(db, clock, {
    topic: WEBHOOK_DELIVER_TOPIC,
    payload: { deliveryId },
    orderingKey: `${webhookId}:${ticketId ?? '-'}`,
    maxAttempts: DELIVERY_MAX_ATTEMPTS,
  });
}

export async function listDeliveries(
  ctx: Ctx,
  webhookId: string,
  opts: { limit?: number | undefined; cursor?: string | undefined },
): Promise<{ items: DeliveryDto[]; nextCursor: string | null }> {
  assertAdmin(ctx.actor, 'settings');
  await webhookRow(ctx.db, webhookId);
  const limit = Math.min(opts.limit ?? 50, MAX_PAGE);
  const before = opts.cursor === undefined ? undefined : Number(opts.cursor);
  if (before !== undefined && !Number.isSafeInteger(before))
    throw new AppError('validation', 'cursor is not valid', [
      { field: 'query/cursor', message: 'is not valid' },
    ]);
  const rows = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.webhookId, webhookId),
        before !== undefined ? lt(webhookDeliveries.id, before) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map(toDto),
    nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
  };
}

async function deliveryRow(db: Db, webhookId: string, deliveryId: string) {
  const id = Number(deliveryId);
  const [row] = Number.isSafeInteger(id)
    ? await db
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.webhookId, webhookId)))
    : [];
  if (!row) throw notFound('Delivery');
  return row;
}

/**
 * Sends a delivery's payload again as a new delivery (signed anew, its own attempts); the body keeps
 * the first delivery's `id`, so a receiver can tell a repeat. The webhook must be switched on.
 */
export async function resendDelivery(ctx: Ctx, webhookId: string, deliveryId: string): Promise<DeliveryDto> {
  assertAdmin(ctx.actor, 'settings');
  const webhook = await webhookRow(ctx.db, webhookId);
  const original = await deliveryRow(ctx.db, webhookId, deliveryId);
  if (!webhook.active)
    throw new AppError('conflict', 'The webhook is switched off; switch it on before resending');
  const id = await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const created = await insertDelivery(db, ctx.clock, {
      webhookId,
      event: original.event,
      ticketId: original.ticketId,
      payload: original.payload,
      resentFrom: original.id,
    });
    await queueDelivery(db, ctx.clock, created!, webhookId, original.ticketId);
    return created!;
  });
  const [row] = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return toDto(row!);
}

/**
 * "Send test": a `ping` delivery sent now (once, within the timeout, whether or not the webhook is
 * switched on), logged like any other; answers how it went. It does not count towards switching off.
 */
export async function pingWebhook(ctx: Ctx, webhookId: string): Promise<DeliveryDto> {
  assertAdmin(ctx.actor, 'settings');
  const webhook = await webhookRow(ctx.db, webhookId);
  const id = (await insertDelivery(ctx.db, ctx.clock, {
    webhookId,
    event: PING_EVENT,
    ticketId: null,
    payload: {
      event: PING_EVENT,
      occurredAt: ctx.clock.now().toISOString(),
      webhook: { id: webhook.id, name: webhook.name, events: webhook.events },
    },
  }))!;
  const [stored] = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  const result = await sendOnce(ctx.db, ctx.clock, webhook, stored!);
  await recordAttempt(ctx.db, ctx.clock, id, result, result.succeeded ? 'succeeded' : 'failed');
  const [row] = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return toDto(row!);
}

/** Removes finished deliveries created before `olderThan` (pending ones stay); returns how many. */
export async function pruneDeliveries(db: Db, olderThan: Date): Promise<number> {
  const rows = await db
    .delete(webhookDeliveries)
    .where(and(sql`${webhookDeliveries.status} <> 'pending'`, lt(webhookDeliveries.createdAt, olderThan)))
    .returning({ id: webhookDeliveries.id });
  return rows.length;
}
