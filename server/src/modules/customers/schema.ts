// Contacts (customer people), organizations (customer companies) and products.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamptz,
  tsvector,
  uniqueIndex,
  uuid,
} from '../../platform/schema-types.ts';
import { agents } from '../directory/index.ts';

export const ORGANIZATION_TIERS = ['vip', 'high_value', 'standard'] as const;

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    tier: text('tier', { enum: ORGANIZATION_TIERS }).notNull().default('standard'),
    /** Lower-cased domains; mail from these domains belongs to this organization. */
    emailDomains: text('email_domains').array().notNull().default(sql`'{}'::text[]`),
    accountManagerId: uuid('account_manager_id').references(() => agents.id, { onDelete: 'set null' }),
    phone: text('phone'),
    website: text('website'),
    notes: text('notes').notNull().default(''),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    searchVector: tsvector('search_vector'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    check('organizations_tier_check', sql`${t.tier} IN ('vip','high_value','standard')`),
    uniqueIndex('organizations_name_idx').on(sql`lower(${t.name})`),
    index('organizations_search_idx').using('gin', t.searchVector),
    index('organizations_domains_idx').using('gin', t.emailDomains),
    index('organizations_name_trgm_idx').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    phones: text('phones').array().notNull().default(sql`'{}'::text[]`),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    language: text('language').notNull().default('en'),
    vip: boolean('vip').notNull().default(false),
    notes: text('notes').notNull().default(''),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    searchVector: tsvector('search_vector'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    index('contacts_org_idx').on(t.organizationId),
    index('contacts_search_idx').using('gin', t.searchVector),
    index('contacts_name_trgm_idx').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
  ],
);

/** One row per address: an email address belongs to one contact at most. */
export const contactEmails = pgTable(
  'contact_emails',
  {
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    /** Lower-cased. */
    email: text('email').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.contactId, t.email] }),
    uniqueIndex('contact_emails_email_idx').on(t.email),
  ],
);

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    code: text('code'),
    description: text('description').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('products_name_idx').on(sql`lower(${t.name})`),
    uniqueIndex('products_code_idx').on(t.code),
  ],
);
