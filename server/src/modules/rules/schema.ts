// Workflow and routing rules (W1, R1): when something happens to a ticket and a condition holds,
// ordered actions run; every run is logged.
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
  primaryKey,
  text,
  timestamptz,
  uniqueIndex,
  uuid,
} from '../../platform/schema-types.ts';
import type { Condition } from '../conditions/index.ts';
import { agents, departments } from '../directory/index.ts';
import { tickets } from '../tickets/index.ts';
import type { RuleAction, RuleTrigger } from './rule-shapes.ts';

export const rules = pgTable(
  'rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Only tickets of this department; null: every ticket. */
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'cascade' }),
    trigger: jsonb('trigger').$type<RuleTrigger>().notNull(),
    /** Null: every ticket the trigger fires for. */
    condition: jsonb('condition').$type<Condition | null>(),
    actions: jsonb('actions').$type<RuleAction[]>().notNull(),
    active: boolean('active').notNull().default(false),
    /** Rules run in this order (ties by creation). */
    position: integer('position').notNull().default(0),
    version: integer('version').notNull().default(1),
    /** A rule Caseway installed switched off (shipped-rules.ts): its key, for the translated name. */
    shippedKey: text('shipped_key'),
    createdBy: uuid('created_by').references(() => agents.id, { onDelete: 'set null' }),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    index('rules_order_idx').on(t.position, t.createdAt, t.id),
    uniqueIndex('rules_shipped_key_idx').on(t.shippedKey),
    check('rules_version_check', sql`${t.version} >= 1`),
  ],
);

/**
 * One rule that matched a ticket change: what it did, what failed (`matched` is always true; the
 * rules a change checked without a match are one rule_checks row).
 */
export const ruleRuns = pgTable(
  'rule_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // No foreign key: every create would lock each rule it checked (FOR KEY SHARE on the same few
    // rows from every connection). deleteRule removes a rule's runs; a run a create was logging
    // as the rule went is left to the 30-day pruning.
    ruleId: uuid('rule_id').notNull(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    trigger: text('trigger').notNull(),
    matched: boolean('matched').notNull(),
    /** What each action did: `[{ type, … }]`. */
    actions: jsonb('actions').$type<Array<Record<string, unknown>>>().notNull().default([]),
    error: text('error'),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    index('rule_runs_rule_idx').on(t.ruleId, t.id),
    index('rule_runs_ticket_idx').on(t.ticketId, t.id),
    // The daily maintenance forgets old runs by time; the log only grows, so a small BRIN serves.
    index('rule_runs_created_brin').using('brin', t.createdAt),
  ],
);

/**
 * The rules checked on one ticket change (one trigger) that did not match, as one row: a create
 * checks every routing rule, and a row per rule would cost more than the ticket. Its id comes from
 * rule_runs' sequence, so the two make one log in order. No foreign key to rules (see ruleRuns).
 */
export const ruleChecks = pgTable(
  'rule_checks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().default(sql`nextval('rule_runs_id_seq')`),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    trigger: text('trigger').notNull(),
    ruleIds: uuid('rule_ids').array().notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    index('rule_checks_ticket_idx').on(t.ticketId, t.id),
    index('rule_checks_created_brin').using('brin', t.createdAt),
  ],
);

/**
 * A time-based rule's timer for one ticket and one anchor instant (the creation, last change, …
 * it counts from): when it is due, and when it fired. A ticket whose anchor moves gets a new timer;
 * one that fired never fires again for the same anchor.
 */
export const ruleTimers = pgTable(
  'rule_timers',
  {
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => rules.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    anchorAt: timestamptz('anchor_at').notNull(),
    dueAt: timestamptz('due_at').notNull(),
    firedAt: timestamptz('fired_at'),
  },
  (t) => [
    primaryKey({ columns: [t.ruleId, t.ticketId, t.anchorAt] }),
    index('rule_timers_ticket_idx').on(t.ticketId),
  ],
);
