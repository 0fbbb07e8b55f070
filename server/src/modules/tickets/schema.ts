// Tickets, their immutable event history, messages, attachments, picklists and custom fields.
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
  smallint,
  text,
  timestamptz,
  tsvector,
  uniqueIndex,
  uuid,
} from '../../platform/schema-types.ts';
import { contacts, organizations, products } from '../customers/index.ts';
import { agents, departments, groups } from '../directory/index.ts';

export const PICKLISTS = ['status', 'priority', 'severity', 'category', 'type'] as const;
export type PicklistName = (typeof PICKLISTS)[number];
export const STATUS_CATEGORIES = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];
export const CHANNELS = ['email', 'portal', 'web_form', 'phone', 'chat', 'social', 'api', 'import'] as const;
export type Channel = (typeof CHANNELS)[number];
export const MESSAGE_KINDS = ['reply', 'note', 'customer'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export type Labels = Partial<Record<'en' | 'zh-CN' | 'zh-TW' | 'ru' | 'fr', string>>;

export const picklistValues = pgTable(
  'picklist_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    picklist: text('picklist', { enum: PICKLISTS }).notNull(),
    key: text('key').notNull(),
    labels: jsonb('labels').$type<Labels>().notNull(),
    position: integer('position').notNull(),
    active: boolean('active').notNull().default(true),
    /** Statuses only: the behaviour the status stands for. */
    category: text('category', { enum: STATUS_CATEGORIES }),
  },
  (t) => [
    uniqueIndex('picklist_values_key_idx').on(t.picklist, t.key),
    check('picklist_values_status_category', sql`(${t.picklist} = 'status') = (${t.category} IS NOT NULL)`),
  ],
);

export const CUSTOM_FIELD_TYPES = [
  'text',
  'long_text',
  'integer',
  'decimal',
  'date',
  'datetime',
  'checkbox',
  'picklist',
  'multi_picklist',
  'email',
  'url',
  'user',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export const customFieldDefs = pgTable(
  'custom_field_defs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entity: text('entity', { enum: ['ticket'] })
      .notNull()
      .default('ticket'),
    key: text('key').notNull(),
    type: text('type', { enum: CUSTOM_FIELD_TYPES }).notNull(),
    labels: jsonb('labels').$type<Labels>().notNull(),
    required: boolean('required').notNull().default(false),
    defaultValue: jsonb('default_value').$type<unknown>(),
    /** Picklist options: [{ key, labels }]. */
    options: jsonb('options').$type<Array<{ key: string; labels: Labels }>>().notNull().default([]),
    position: integer('position').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [uniqueIndex('custom_field_defs_key_idx').on(t.entity, t.key)],
);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Display number with the prefix in force at creation, e.g. TT-1001; never changes. */
    number: text('number').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull().default(''),
    status: text('status').notNull(),
    statusCategory: text('status_category', { enum: STATUS_CATEGORIES }).notNull(),
    isOpen: boolean('is_open')
      .notNull()
      .generatedAlwaysAs(sql`status_category IN ('new', 'open', 'pending')`),
    priority: text('priority').notNull(),
    /** The priority's position in its picklist, kept so "sort by priority" is an index scan. */
    priorityRank: smallint('priority_rank').notNull(),
    severity: text('severity'),
    category: text('category'),
    type: text('type'),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    ownerAgentId: uuid('owner_agent_id').references(() => agents.id),
    ownerGroupId: uuid('owner_group_id').references(() => groups.id),
    contactId: uuid('contact_id').references(() => contacts.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    productId: uuid('product_id').references(() => products.id),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    solution: text('solution').notNull().default(''),
    version: integer('version').notNull().default(1),
    mergedIntoId: uuid('merged_into_id'),
    splitFromId: uuid('split_from_id'),
    reopenCount: integer('reopen_count').notNull().default(0),
    messageCount: integer('message_count').notNull().default(0),
    lastCustomerMessageAt: timestamptz('last_customer_message_at'),
    lastAgentReplyAt: timestamptz('last_agent_reply_at'),
    resolvedAt: timestamptz('resolved_at'),
    closedAt: timestamptz('closed_at'),
    voidedAt: timestamptz('voided_at'),
    voidedBy: uuid('voided_by'),
    createdBy: uuid('created_by'),
    searchVector: tsvector('search_vector'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('tickets_number_idx').on(t.number),
    uniqueIndex('tickets_seq_idx').on(t.seq),
    check(
      'tickets_channel_check',
      sql`${t.channel} IN ('email','portal','web_form','phone','chat','social','api','import')`,
    ),
    check('tickets_not_merged_into_self', sql`${t.mergedIntoId} IS NULL OR ${t.mergedIntoId} <> ${t.id}`),
    index('tickets_group_open_idx').on(t.ownerGroupId, t.isOpen, t.priorityRank, t.updatedAt, t.id),
    index('tickets_agent_open_idx').on(t.ownerAgentId, t.isOpen, t.priorityRank, t.updatedAt, t.id),
    // "All open" by priority then last change, the console's default list (by last change alone the
    // planner walks tickets_updated_idx: open tickets are mostly recent ones).
    index('tickets_open_priority_idx').on(t.isOpen, t.priorityRank, t.updatedAt, t.id),
    index('tickets_updated_idx').on(t.updatedAt, t.id),
    index('tickets_created_idx').on(t.createdAt, t.id),
    index('tickets_status_idx').on(t.status),
    index('tickets_contact_idx').on(t.contactId, t.createdAt),
    index('tickets_org_idx').on(t.organizationId, t.createdAt),
    index('tickets_product_idx').on(t.productId),
    index('tickets_tags_idx').using('gin', t.tags),
    index('tickets_search_idx').using('gin', t.searchVector),
  ],
);

export const ticketMessages = pgTable(
  'ticket_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull(),
    /** Plain-text part: what search, notifications and plain mail use. */
    body: text('body').notNull(),
    /** Sanitized rich-text part (null for messages written as plain text). */
    bodyHtml: text('body_html'),
    /** Extra recipients of a public reply. */
    cc: text('cc').array().notNull().default(sql`'{}'::text[]`),
    bcc: text('bcc').array().notNull().default(sql`'{}'::text[]`),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    authorAgentId: uuid('author_agent_id').references(() => agents.id),
    authorContactId: uuid('author_contact_id').references(() => contacts.id),
    authorName: text('author_name').notNull(),
    /** Set when a merge moved this message here from another ticket. */
    movedFromTicketId: uuid('moved_from_ticket_id'),
    searchVector: tsvector('search_vector'),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    check('ticket_messages_kind_check', sql`${t.kind} IN ('reply','note','customer')`),
    index('ticket_messages_ticket_idx').on(t.ticketId, t.createdAt),
    index('ticket_messages_search_idx').using('gin', t.searchVector),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => ticketMessages.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [index('attachments_ticket_idx').on(t.ticketId), index('attachments_message_idx').on(t.messageId)],
);

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Immutable: rows are only ever inserted. */
/**
 * Related team members (相关团队成员): colleagues added to one ticket, who see it (read) or may also
 * act on it as the owner could (read_write). Read by ticketScope as `ticket_team`.
 */
export const ticketTeam = pgTable(
  'ticket_team',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id),
    access: text('access', { enum: ['read', 'read_write'] }).notNull(),
    addedBy: uuid('added_by'),
    addedAt: timestamptz('added_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.agentId] }),
    index('ticket_team_agent_idx').on(t.agentId, t.ticketId),
    check('ticket_team_access', sql`${t.access} IN ('read','read_write')`),
  ],
);

export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    changes: jsonb('changes').$type<FieldChange[]>().notNull().default([]),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    messageId: uuid('message_id'),
    actorType: text('actor_type', { enum: ['agent', 'contact', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    channel: text('channel').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    index('ticket_events_ticket_idx').on(t.ticketId, t.id),
    index('ticket_events_message_idx').on(t.messageId).where(sql`message_id IS NOT NULL`),
  ],
);

/** Deleted tickets leave this record behind (who deleted what, when). */
export const ticketDeletions = pgTable('ticket_deletions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  ticketId: uuid('ticket_id').notNull(),
  number: text('number').notNull(),
  subject: text('subject').notNull(),
  snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
  deletedBy: uuid('deleted_by').notNull(),
  deletedAt: timestamptz('deleted_at').notNull(),
});
