// Macros (W3): named sets of ticket actions an agent applies to one ticket or many, personal (the
// owner's only) or shared (the whole team). Only this module writes this table.
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
import { agents, departments } from '../directory/index.ts';
import type { RuleAction } from '../rules/index.ts';

export const macros = pgTable(
  'macros',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** The rule actions of MACRO_ACTION_TYPES, applied in order, together or not at all. */
    actions: jsonb('actions').$type<RuleAction[]>().notNull(),
    /** Shared: every agent sees and applies it (administrators keep it); personal: the owner only. */
    shared: boolean('shared').notNull().default(false),
    /** A personal macro's owner, the only agent who sees it; null for a shared one. */
    ownerAgentId: uuid('owner_agent_id').references(() => agents.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => agents.id, { onDelete: 'set null' }),
    /** Only for tickets of this department; null: every ticket. */
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'cascade' }),
    /** Tickets it was applied to, and when last. */
    usageCount: integer('usage_count').notNull().default(0),
    lastUsedAt: timestamptz('last_used_at'),
    version: integer('version').notNull().default(1),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    // Names are unique among the shared macros, and among each agent's personal ones.
    uniqueIndex('macros_shared_name_idx').on(sql`lower(${t.name})`).where(sql`${t.shared}`),
    uniqueIndex('macros_personal_name_idx')
      .on(t.ownerAgentId, sql`lower(${t.name})`)
      .where(sql`NOT ${t.shared}`),
    index('macros_owner_idx').on(t.ownerAgentId),
    check('macros_name_check', sql`length(${t.name}) BETWEEN 1 AND 100`),
    check('macros_version_check', sql`${t.version} >= 1`),
    check('macros_owner_check', sql`${t.shared} = (${t.ownerAgentId} IS NULL)`),
  ],
);
