// The webhook settings of the installation (app_settings key 'webhooks'): whether webhooks may send
// to private addresses (loopback, RFC 1918, fc00::/7, 100.64/10): off unless an administrator allows it.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { appSettings } from '../../platform/schema.ts';
import { assertAdmin } from '../access/index.ts';

const KEY = 'webhooks';

export interface WebhookSettings {
  allowPrivateTargets: boolean;
}

export async function loadWebhookSettings(db: Db): Promise<WebhookSettings> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, KEY));
  const value = (row?.value ?? {}) as Partial<WebhookSettings>;
  return { allowPrivateTargets: value.allowPrivateTargets === true };
}

export async function getWebhookSettings(ctx: Ctx): Promise<WebhookSettings> {
  assertAdmin(ctx.actor, 'settings');
  return loadWebhookSettings(ctx.db);
}

export async function saveWebhookSettings(ctx: Ctx, input: WebhookSettings): Promise<WebhookSettings> {
  assertAdmin(ctx.actor, 'settings');
  const value: WebhookSettings = { allowPrivateTargets: input.allowPrivateTargets };
  await ctx.db
    .insert(appSettings)
    .values({ key: KEY, value })
    .onConflictDoUpdate({ target: appSettings.key, set: { value } });
  return value;
}
