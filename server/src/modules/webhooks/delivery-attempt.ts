// One attempt of a delivery: the target checked again (private-target setting, DNS answer), the
// signed POST to the checked address, and what came back written to the delivery's log row.
import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { webhookDeliveries, type webhooks } from './schema.ts';
import { type PostOutcome, signedPost } from './signed-post.ts';
import { vetTarget } from './target-guard.ts';
import { loadWebhookSettings } from './webhook-settings.ts';

export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookRow = typeof webhooks.$inferSelect;

export interface AttemptResult extends PostOutcome {
  succeeded: boolean;
}

/** Sends the delivery once (not recorded). */
export async function sendOnce(
  db: Db,
  clock: Clock,
  webhook: Pick<WebhookRow, 'url' | 'secret'>,
  delivery: Pick<DeliveryRow, 'id' | 'event' | 'payload'>,
): Promise<AttemptResult> {
  const settings = await loadWebhookSettings(db);
  const vetted = await vetTarget(webhook.url, settings);
  if (!vetted.ok)
    return { succeeded: false, status: null, ms: 0, excerpt: null, error: `Not sent: ${vetted.reason}` };
  const outcome = await signedPost({
    url: vetted.url,
    address: vetted.address,
    secret: webhook.secret,
    event: delivery.event,
    deliveryId: String(delivery.id),
    timestamp: Math.floor(clock.now().getTime() / 1000),
    body: JSON.stringify(delivery.payload),
  });
  const succeeded =
    outcome.error === null && outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
  return { ...outcome, succeeded };
}

/** Writes an attempt into the log: the answer, and the status it leaves the delivery in. */
export async function recordAttempt(
  db: Db,
  clock: Clock,
  deliveryId: number,
  result: AttemptResult,
  status: DeliveryRow['status'],
): Promise<void> {
  const error =
    result.error ?? (result.succeeded ? null : `The receiver answered HTTP ${result.status ?? 'nothing'}`);
  await db
    .update(webhookDeliveries)
    .set({
      status,
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      responseStatus: result.status,
      responseMs: result.ms,
      responseExcerpt: result.excerpt,
      error,
      lastAttemptAt: clock.now(),
    })
    .where(eq(webhookDeliveries.id, deliveryId));
}
