// Administering webhooks: create (the secret shown once), list, change (with the version edited),
// delete, rotate the secret. Every change tells every node's cache (webhook-cache.ts).
import { randomBytes } from 'node:crypto';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, type FieldError, notFound } from '../../platform/errors.ts';
import { assertAdmin } from '../access/index.ts';
import { isWebhookEvent, WEBHOOK_EVENTS } from './events.ts';
import { type WebhookDeliveryStatus, webhookDeliveries, webhooks } from './schema.ts';
import { vetTarget } from './target-guard.ts';
import { announceWebhookChange, type WebhookCacheInvalidator } from './webhook-cache.ts';
import { loadWebhookSettings } from './webhook-settings.ts';

/** What the webhook services receive: the context, and the node's cache to drop after a change. */
export type WebhookAdminCtx = Ctx & { webhooks?: WebhookCacheInvalidator | undefined };

type WebhookRow = typeof webhooks.$inferSelect;

export interface WebhookDto {
  id: string;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
  /** The last delivery made (a test ping too): its status and answer. */
  lastDelivery: {
    id: string;
    status: WebhookDeliveryStatus;
    responseStatus: number | null;
    at: string;
  } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookInput {
  name?: string | undefined;
  url?: string | undefined;
  events?: string[] | undefined;
  active?: boolean | undefined;
}

/** A new signing secret: 32 random bytes. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

function toDto(row: WebhookRow, last: WebhookDto['lastDelivery'] = null): WebhookDto {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: row.events,
    active: row.active,
    consecutiveFailures: row.consecutiveFailures,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    lastDelivery: last,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function lastDeliveries(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, WebhookDto['lastDelivery']>> {
  const out = new Map<string, WebhookDto['lastDelivery']>();
  for (const id of ids) {
    const [row] = await db
      .select({
        id: webhookDeliveries.id,
        status: webhookDeliveries.status,
        responseStatus: webhookDeliveries.responseStatus,
        at: sql<Date>`coalesce(${webhookDeliveries.lastAttemptAt}, ${webhookDeliveries.createdAt})`.mapWith(
          webhookDeliveries.createdAt,
        ),
      })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, id))
      .orderBy(desc(webhookDeliveries.id))
      .limit(1);
    out.set(
      id,
      row
        ? {
            id: String(row.id),
            status: row.status,
            responseStatus: row.responseStatus,
            at: row.at.toISOString(),
          }
        : null,
    );
  }
  return out;
}

/** The checks of a name, URL and events, naming each bad field; the URL's host is resolved. */
async function checkInput(ctx: Ctx, input: WebhookInput): Promise<WebhookInput> {
  const errors: FieldError[] = [];
  const out: WebhookInput = { ...input };
  if (input.name !== undefined) {
    out.name = input.name.trim();
    if (!out.name) errors.push({ field: 'body/name', message: 'must not be empty' });
  }
  if (input.events !== undefined) {
    input.events.forEach((event, i) => {
      if (!isWebhookEvent(event))
        errors.push({
          field: `body/events/${i}`,
          message: `is not an event (one of ${WEBHOOK_EVENTS.join(', ')})`,
        });
    });
    out.events = WEBHOOK_EVENTS.filter((e) => input.events!.includes(e));
    if (!errors.length && !out.events.length)
      errors.push({ field: 'body/events', message: 'must name at least one event' });
  }
  if (input.url !== undefined) {
    out.url = input.url.trim();
    const settings = await loadWebhookSettings(ctx.db);
    const vetted = await vetTarget(out.url, settings);
    if (!vetted.ok) errors.push({ field: 'body/url', message: vetted.reason });
    else out.url = vetted.url.toString();
  }
  if (errors.length)
    throw new AppError('validation', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  return out;
}

export async function listWebhooks(ctx: Ctx): Promise<WebhookDto[]> {
  assertAdmin(ctx.actor, 'settings');
  const rows = await ctx.db
    .select()
    .from(webhooks)
    .orderBy(asc(sql`lower(${webhooks.name})`), asc(webhooks.id));
  const last = await lastDeliveries(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toDto(r, last.get(r.id)));
}

export async function getWebhook(ctx: Ctx, id: string): Promise<WebhookDto> {
  assertAdmin(ctx.actor, 'settings');
  const [row] = await ctx.db.select().from(webhooks).where(eq(webhooks.id, id));
  if (!row) throw notFound('Webhook');
  return toDto(row, (await lastDeliveries(ctx.db, [id])).get(id));
}

/** The webhook row (for the delivery services), or 404. */
export async function webhookRow(db: Db, id: string): Promise<WebhookRow> {
  const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id));
  if (!row) throw notFound('Webhook');
  return row;
}

export async function createWebhook(
  ctx: WebhookAdminCtx,
  input: { name: string; url: string; events: string[]; active?: boolean | undefined },
): Promise<{ webhook: WebhookDto; secret: string }> {
  assertAdmin(ctx.actor, 'settings');
  const checked = await checkInput(ctx, input);
  const now = ctx.clock.now();
  const secret = newSecret();
  const row = await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(webhooks)
      .values({
        name: checked.name!,
        url: checked.url!,
        events: checked.events!,
        secret,
        active: input.active ?? true,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await announceWebhookChange(tx as unknown as Db);
    return created!;
  });
  ctx.webhooks?.invalidate();
  return { webhook: toDto(row), secret };
}

async function lockedRow(db: Db, id: string): Promise<WebhookRow> {
  const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id)).for('update');
  if (!row) throw notFound('Webhook');
  return row;
}

function assertVersion(row: WebhookRow, version: number): void {
  if (row.version !== version)
    throw new AppError(
      'conflict',
      `The webhook is at version ${row.version}; you edited version ${version}. Reload and apply your change again.`,
      [],
      { current: toDto(row) },
    );
}

export async function updateWebhook(
  ctx: WebhookAdminCtx,
  id: string,
  input: WebhookInput & { version: number },
): Promise<WebhookDto> {
  assertAdmin(ctx.actor, 'settings');
  await webhookRow(ctx.db, id); // an unknown webhook is 404 before its fields are judged
  const checked = await checkInput(ctx, input);
  const row = await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const current = await lockedRow(db, id);
    assertVersion(current, input.version);
    // Switched back on: its failures are forgiven and the switch-off notice goes.
    const reactivated = checked.active === true && !current.active;
    const [updated] = await db
      .update(webhooks)
      .set({
        ...(checked.name !== undefined ? { name: checked.name } : {}),
        ...(checked.url !== undefined ? { url: checked.url } : {}),
        ...(checked.events !== undefined ? { events: checked.events } : {}),
        ...(checked.active !== undefined ? { active: checked.active } : {}),
        ...(reactivated ? { consecutiveFailures: 0, disabledAt: null, disabledReason: null } : {}),
        version: current.version + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(webhooks.id, id))
      .returning();
    await announceWebhookChange(db);
    return updated!;
  });
  ctx.webhooks?.invalidate();
  return toDto(row, (await lastDeliveries(ctx.db, [id])).get(id));
}

export async function deleteWebhook(ctx: WebhookAdminCtx, id: string): Promise<void> {
  assertAdmin(ctx.actor, 'settings');
  await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const deleted = await db.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id });
    if (!deleted.length) throw notFound('Webhook');
    await announceWebhookChange(db);
  });
  ctx.webhooks?.invalidate();
}

/** A new secret, answered once; deliveries from now on are signed with it. */
export async function rotateSecret(
  ctx: WebhookAdminCtx,
  id: string,
): Promise<{ webhook: WebhookDto; secret: string }> {
  assertAdmin(ctx.actor, 'settings');
  const secret = newSecret();
  const [row] = await ctx.db
    .update(webhooks)
    .set({ secret, version: sql`${webhooks.version} + 1`, updatedAt: ctx.clock.now() })
    .where(eq(webhooks.id, id))
    .returning();
  if (!row) throw notFound('Webhook');
  return { webhook: toDto(row, (await lastDeliveries(ctx.db, [id])).get(id)), secret };
}
