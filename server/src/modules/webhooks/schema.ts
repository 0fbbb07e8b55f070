// Webhooks (C5/Z3): URLs administrators subscribe to ticket events, and the log of every delivery
// made to them (what was sent, each attempt's answer). Only this module writes these tables.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamptz,
  uniqueIndex,
  uuid,
} from '../../platform/schema-types.ts';

export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    /** The events subscribed to (WEBHOOK_EVENTS); rules may send others (ticket.rule). */
    events: text('events').array().notNull().default(sql`'{}'::text[]`),
    /** The signing key; shown to the administrator only when created or rotated. */
    secret: text('secret').notNull(),
    active: boolean('active').notNull().default(true),
    /** Deliveries that failed on every attempt since the last one that succeeded. */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    /** Set when Caseway switched the webhook off after repeated failure. */
    disabledAt: timestamptz('disabled_at'),
    disabledReason: text('disabled_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    check('webhooks_name_check', sql`length(${t.name}) BETWEEN 1 AND 100`),
    check('webhooks_url_check', sql`length(${t.url}) BETWEEN 1 AND 2000`),
    check('webhooks_version_check', sql`${t.version} >= 1`),
  ],
);

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    /** The ticket event it tells of (one delivery per webhook and event); null for pings and resends. */
    eventId: bigint('event_id', { mode: 'number' }),
    /** No foreign key: the log outlives a deleted ticket. */
    ticketId: uuid('ticket_id'),
    /** The JSON body sent (its `id` is the first delivery's of this payload). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    responseStatus: integer('response_status'),
    responseMs: integer('response_ms'),
    /** The first 1 KB of the last answer's body, as text. */
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
    /** The delivery this one sends again ("Resend"). */
    resentFrom: bigint('resent_from', { mode: 'number' }),
    createdAt: timestamptz('created_at').notNull(),
    lastAttemptAt: timestamptz('last_attempt_at'),
  },
  (t) => [
    check('webhook_deliveries_status_check', sql`${t.status} IN ('pending','succeeded','failed')`),
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.id.desc()),
    uniqueIndex('webhook_deliveries_event_idx')
      .on(t.webhookId, t.eventId)
      .where(sql`${t.eventId} IS NOT NULL`),
  ],
);
