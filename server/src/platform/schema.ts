// Tables the platform owns: the outbox (jobs and timers) and installation settings.
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamptz } from './schema-types.ts';

export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    /** A job never runs before this instant: timers are jobs with a future value. */
    availableAt: timestamptz('available_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    status: text('status', { enum: ['pending', 'done', 'failed'] })
      .notNull()
      .default('pending'),
    lockedBy: text('locked_by'),
    lockedUntil: timestamptz('locked_until'),
    lastError: text('last_error'),
    /** Optional idempotency key: one pending job per key. */
    dedupeKey: text('dedupe_key'),
    /**
     * Jobs of one topic with the same key run one at a time, in id order: a job waits while an
     * earlier one with its key is pending (also while it waits for a retry). Ticket events use the
     * ticket id, so each after-commit subscriber gets a ticket's changes in order.
     */
    orderingKey: text('ordering_key'),
    createdAt: timestamptz('created_at').notNull(),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    index('outbox_due_idx').on(t.availableAt).where(sql`status = 'pending'`),
    index('outbox_dedupe_idx').on(t.dedupeKey).where(sql`status = 'pending' AND dedupe_key IS NOT NULL`),
    index('outbox_ordering_idx')
      .on(t.orderingKey, t.topic, t.id)
      .where(sql`status = 'pending' AND ordering_key IS NOT NULL`),
  ],
);

export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
});
