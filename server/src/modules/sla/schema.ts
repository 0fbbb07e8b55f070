// Business-hours calendars and SLA policies. The built-in 24×7 calendar and the default policy are
// seeded by the migration with fixed ids, so every installation and test database has them.
import { sql } from 'drizzle-orm';
import {
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
import type { Condition } from '../conditions/index.ts';
import { tickets } from '../tickets/index.ts';
import type { CalendarJson } from './clock/index.ts';
import type { EscalationLevel, PolicyTargets, SlaWarning } from './policy-shapes.ts';

/** The built-in calendar: open around the clock in UTC. It cannot be changed or deleted. */
export const ALWAYS_OPEN_CALENDAR_ID = '00000000-0000-4000-8000-000000000247';
/** The default policy: applies when no other active policy matches. It cannot be deleted. */
export const DEFAULT_POLICY_ID = '00000000-0000-4000-8000-0000000000d1';

export const slaCalendars = pgTable(
  'sla_calendars',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Validated and normalized by the clock's validateCalendar (holidays sorted, no duplicates). */
    definition: jsonb('definition').$type<CalendarJson>().notNull(),
    builtIn: boolean('built_in').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    check('sla_calendars_name_check', sql`length(${t.name}) BETWEEN 1 AND 100`),
    check('sla_calendars_version_check', sql`${t.version} >= 1`),
    uniqueIndex('sla_calendars_name_idx').on(sql`lower(${t.name})`),
  ],
);

export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Order of evaluation among the non-default policies; the default is always evaluated last. */
    position: integer('position').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    active: boolean('active').notNull().default(true),
    /** A condition of the condition language; null exactly for the default policy. */
    condition: jsonb('condition').$type<Condition | null>(),
    targets: jsonb('targets').$type<PolicyTargets>().notNull(),
    warning: jsonb('warning').$type<SlaWarning | null>(),
    escalations: jsonb('escalations').$type<EscalationLevel[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    check('sla_policies_name_check', sql`length(${t.name}) BETWEEN 1 AND 100`),
    check('sla_policies_version_check', sql`${t.version} >= 1`),
    check('sla_policies_position_check', sql`${t.position} >= 0`),
    check(
      'sla_policies_default_check',
      sql`(${t.isDefault} AND ${t.condition} IS NULL AND ${t.active}) OR (NOT ${t.isDefault} AND ${t.condition} IS NOT NULL)`,
    ),
    check('sla_policies_targets_check', sql`jsonb_typeof(${t.targets}) = 'object'`),
    check('sla_policies_escalations_check', sql`jsonb_typeof(${t.escalations}) = 'array'`),
    uniqueIndex('sla_policies_name_idx').on(sql`lower(${t.name})`),
    uniqueIndex('sla_policies_one_default_idx').on(t.isDefault).where(sql`${t.isDefault}`),
  ],
);

/** A stop of a ticket's clocks as stored: instants as ISO text, `to` null while it lasts. */
export interface StoredPause {
  from: string;
  to: string | null;
  reason: 'pending' | 'resolved';
}

/**
 * A ticket's SLA state (S3): its policy, the facts its clocks run on (start, stops, first reply,
 * the customer message waiting for a reply, resolution) and what follows from them, kept current
 * by the subscriber on every ticket change and by the timer scan. One row per ticket with a policy.
 */
export const ticketSla = pgTable(
  'ticket_sla',
  {
    ticketId: uuid('ticket_id')
      .primaryKey()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    policyId: uuid('policy_id').references(() => slaPolicies.id, { onDelete: 'set null' }),
    /** The priority the targets were read for. */
    priority: text('priority').notNull(),
    startedAt: timestamptz('started_at').notNull(),
    pauses: jsonb('pauses').$type<StoredPause[]>().notNull().default([]),
    /** Start of the current stop while the ticket is pending or resolved; null while running. */
    pausedSince: timestamptz('paused_since'),
    firstResponseAt: timestamptz('first_response_at'),
    waitingSince: timestamptz('waiting_since'),
    resolvedAt: timestamptz('resolved_at'),
    firstResponseDueAt: timestamptz('first_response_due_at'),
    nextResponseDueAt: timestamptz('next_response_due_at'),
    resolutionDueAt: timestamptz('resolution_due_at'),
    firstResponseBreached: boolean('first_response_breached').notNull().default(false),
    nextResponseBreached: boolean('next_response_breached').notNull().default(false),
    resolutionBreached: boolean('resolution_breached').notNull().default(false),
    /** Business seconds used, as of `updated_at` (when last computed). */
    resolutionSeconds: integer('resolution_seconds').notNull().default(0),
    /** The earliest due time among the clocks still running (the "due soon" views sort by it). */
    nextDueAt: timestamptz('next_due_at'),
    /** Notices already given (warning, breach, escalation levels), each once per clock run. */
    fired: jsonb('fired').$type<string[]>().notNull().default([]),
    /** When the timer scan must look at this ticket next; null when nothing is pending. */
    nextCheckAt: timestamptz('next_check_at'),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    index('ticket_sla_next_check_idx').on(t.nextCheckAt).where(sql`${t.nextCheckAt} IS NOT NULL`),
    index('ticket_sla_next_due_idx').on(t.nextDueAt).where(sql`${t.nextDueAt} IS NOT NULL`),
    index('ticket_sla_policy_idx').on(t.policyId),
  ],
);
