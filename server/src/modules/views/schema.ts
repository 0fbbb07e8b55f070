// Saved list views: a named condition over tickets with its columns and sort; personal (one
// agent's) or shared (everyone sees it; only administrators create or change shared views).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  text,
  timestamptz,
  uuid,
} from '../../platform/schema-types.ts';
import { agents } from '../directory/index.ts';

export const views = pgTable(
  'views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** A condition in the condition language, checked against the ticket field registry on save. */
    condition: jsonb('condition').$type<unknown>().notNull(),
    /** Ticket field names shown as columns, in order. */
    columns: text('columns').array().notNull().default(sql`'{}'::text[]`),
    /** The list's sort, as GET /api/v1/tickets takes it (e.g. `-priority,-updatedAt`). */
    sort: text('sort').notNull().default('-updatedAt'),
    ownerAgentId: uuid('owner_agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    shared: boolean('shared').notNull().default(false),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    check('views_name_check', sql`length(${t.name}) BETWEEN 1 AND 100`),
    index('views_owner_idx').on(t.ownerAgentId),
    index('views_shared_idx').on(t.shared).where(sql`${t.shared}`),
  ],
);
