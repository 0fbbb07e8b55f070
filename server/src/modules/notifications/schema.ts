// Notifications for agents (N1): what happened that an agent should know about, until read.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  jsonb,
  pgTable,
  text,
  timestamptz,
  uniqueIndex,
  uuid,
} from '../../platform/schema-types.ts';
import { agents } from '../directory/index.ts';
import { tickets } from '../tickets/index.ts';

export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    /** What happened: sla_warning, sla_breached, sla_escalated, … (the UI words it per language). */
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** The ticket event it tells of: given once per agent and event, however often it is delivered. */
    eventId: bigint('event_id', { mode: 'number' }),
    createdAt: timestamptz('created_at').notNull(),
    readAt: timestamptz('read_at'),
  },
  (t) => [
    index('notifications_agent_idx').on(t.agentId, t.id),
    index('notifications_unread_idx').on(t.agentId).where(sql`${t.readAt} IS NULL`),
    uniqueIndex('notifications_event_idx').on(t.agentId, t.eventId).where(sql`${t.eventId} IS NOT NULL`),
  ],
);
