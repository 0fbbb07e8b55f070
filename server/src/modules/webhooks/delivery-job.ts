// The outbox job that sends one delivery. A 2xx answer succeeds (and forgives the webhook's earlier
// failures); anything else is logged and thrown, so the outbox tries again with its backoff. After
// the last attempt the delivery is failed; ten failed deliveries in a row switch the webhook off and
// tell every active administrator. The last attempt does not throw: the delivery log, with its
// "Resend", is where an administrator sees and repeats it (not the failed-jobs list).
import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import type { JobHandler } from '../../platform/outbox.ts';
import { notifyAgents } from '../notifications/index.ts';
import { DELIVERY_MAX_ATTEMPTS } from './deliveries.ts';
import { recordAttempt, sendOnce } from './delivery-attempt.ts';
import { webhookDeliveries, webhooks } from './schema.ts';
import { announceWebhookChange } from './webhook-cache.ts';

/** Failed deliveries in a row after which Caseway switches a webhook off. */
export const SWITCH_OFF_AFTER = 10;

export function webhookDeliveryHandler(): JobHandler {
  return async (job, { db, clock }) => {
    const deliveryId = Number(job.payload.deliveryId);
    if (!Number.isSafeInteger(deliveryId)) throw new Error(`Malformed webhook delivery job ${job.id}`);
    const [found] = await db
      .select({ delivery: webhookDeliveries, webhook: webhooks })
      .from(webhookDeliveries)
      .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
      .where(eq(webhookDeliveries.id, deliveryId));
    // Gone with its webhook, or already done by an earlier run of this job.
    if (found?.delivery.status !== 'pending') return;
    const { delivery, webhook } = found;
    if (!webhook.active) {
      await db
        .update(webhookDeliveries)
        .set({ status: 'failed', error: 'Not sent: the webhook was switched off' })
        .where(eq(webhookDeliveries.id, deliveryId));
      return;
    }
    const result = await sendOnce(db, clock, webhook, delivery);
    if (result.succeeded) {
      await recordAttempt(db, clock, deliveryId, result, 'succeeded');
      await db
        .update(webhooks)
        .set({ consecutiveFailures: 0 })
        .where(sql`${webhooks.id} = ${webhook.id} AND ${webhooks.consecutiveFailures} <> 0`);
      return;
    }
    if (job.attempts < DELIVERY_MAX_ATTEMPTS) {
      await recordAttempt(db, clock, deliveryId, result, 'pending');
      throw new Error(`Webhook delivery ${deliveryId} failed: ${result.error ?? `HTTP ${result.status}`}`);
    }
    await db.transaction(async (tx) => {
      await recordAttempt(tx as unknown as Db, clock, deliveryId, result, 'failed');
      await countFailure(tx as unknown as Db, clock, webhook.id);
    });
  };
}

/** One more failed delivery; the tenth in a row switches the webhook off and tells the administrators. */
async function countFailure(db: Db, clock: Clock, webhookId: string): Promise<void> {
  const [counted] = await db
    .update(webhooks)
    .set({ consecutiveFailures: sql`${webhooks.consecutiveFailures} + 1` })
    .where(eq(webhooks.id, webhookId))
    .returning();
  if (!counted?.active || counted.consecutiveFailures < SWITCH_OFF_AFTER) return;
  const now = clock.now();
  await db
    .update(webhooks)
    .set({
      active: false,
      disabledAt: now,
      disabledReason: `Switched off after ${counted.consecutiveFailures} deliveries in a row failed`,
      version: sql`${webhooks.version} + 1`,
      updatedAt: now,
    })
    .where(eq(webhooks.id, webhookId));
  await announceWebhookChange(db);
  const admins = await queryRows<{ id: string }>(db, sql`SELECT id FROM agents WHERE admin AND active`);
  await notifyAgents(
    db,
    clock,
    admins.map((a) => a.id),
    { kind: 'webhook_disabled', data: { webhookId, name: counted.name, url: counted.url } },
  );
}
