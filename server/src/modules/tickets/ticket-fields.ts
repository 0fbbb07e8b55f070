// The ticket fields the condition language knows (filters, views, rules, policies), by API name.
import { type SQL, sql } from 'drizzle-orm';
import {
  createFieldRegistry,
  type FieldDef,
  type FieldRegistry,
  type FieldType,
  jsonbFieldDef,
} from '../conditions/index.ts';
import { ORGANIZATION_TIERS } from '../customers/index.ts';
import type { CustomFieldDef } from './custom-fields.ts';
import type { Picklists } from './picklists.ts';
import { CHANNELS, STATUS_CATEGORIES } from './schema.ts';

type Snapshot = Record<string, unknown>;

const column = (name: string, type: FieldType, expr: SQL, extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  type,
  sql: expr,
  read: (s: Snapshot) => s[name],
  ...extra,
});

function instantMs(value: unknown): number | null {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return Date.parse(value);
  return null;
}

const CUSTOM_TYPES: Record<CustomFieldDef['type'], FieldType> = {
  text: 'text',
  long_text: 'text',
  email: 'text',
  url: 'text',
  integer: 'number',
  decimal: 'number',
  date: 'date',
  datetime: 'datetime',
  checkbox: 'boolean',
  picklist: 'enum',
  multi_picklist: 'tags',
  user: 'id',
};

/** A uuid column: never '', so is_empty is IS NULL (index-friendly). */
const uuid: Partial<FieldDef> = { neverBlank: true };

/** Sort expressions by field: priority sorts by its picklist position, number by sequence. */
export const SORT_SQL: Record<string, SQL> = {
  priority: sql`tickets.priority_rank`,
  number: sql`tickets.seq`,
};

/**
 * Ticket fields other modules own (SLA due times, …): registered once by the composition root
 * (app.ts), then part of every registry like the ticket's own fields.
 */
const registered = new Map<string, FieldDef>();

export function registerTicketFields(fields: readonly FieldDef[]): void {
  for (const field of fields) registered.set(field.name, field);
  sharedRegistries = new WeakMap();
}

/** The registries without viewer fields, by the picklists and custom fields they were built from. */
let sharedRegistries = new WeakMap<Picklists, WeakMap<CustomFieldDef[], FieldRegistry>>();

/**
 * The registry of ticket fields without viewer fields (rules, policies, snapshots), built once
 * per loaded picklists and custom fields.
 */
export function sharedTicketRegistry(lists: Picklists, defs: CustomFieldDef[]): FieldRegistry {
  let byDefs = sharedRegistries.get(lists);
  if (!byDefs) {
    byDefs = new WeakMap();
    sharedRegistries.set(lists, byDefs);
  }
  let registry = byDefs.get(defs);
  if (!registry) {
    registry = ticketFieldRegistry(lists, defs);
    byDefs.set(defs, registry);
  }
  return registry;
}

/**
 * The registry of ticket fields; `viewer` adds fields answered for one agent (access.*), which
 * only lists, counts and views (always someone's) should have.
 */
export function ticketFieldRegistry(
  lists: Picklists,
  defs: CustomFieldDef[],
  viewer: readonly FieldDef[] = [],
): FieldRegistry {
  const keys = (name: keyof Picklists) => lists[name].map((v) => v.key);
  const fields: FieldDef[] = [
    column('number', 'text', sql`tickets.number`, { sortable: true }),
    column('subject', 'text', sql`tickets.subject`, { sortable: true }),
    column('description', 'text', sql`tickets.description`),
    column('status', 'enum', sql`tickets.status`, { values: keys('status'), sortable: true }),
    column('statusCategory', 'enum', sql`tickets.status_category`, { values: STATUS_CATEGORIES }),
    column('isOpen', 'boolean', sql`tickets.is_open`),
    column('priority', 'enum', sql`tickets.priority`, { values: keys('priority'), sortable: true }),
    column('severity', 'enum', sql`tickets.severity`, { values: keys('severity'), sortable: true }),
    column('category', 'enum', sql`tickets.category`, { values: keys('category'), sortable: true }),
    column('type', 'enum', sql`tickets.type`, { values: keys('type'), sortable: true }),
    column('channel', 'enum', sql`tickets.channel`, { values: CHANNELS, sortable: true }),
    column('departmentId', 'id', sql`tickets.department_id`, uuid),
    column('ownerAgentId', 'id', sql`tickets.owner_agent_id`, uuid),
    column('ownerGroupId', 'id', sql`tickets.owner_group_id`, uuid),
    column('contactId', 'id', sql`tickets.contact_id`, uuid),
    column('organizationId', 'id', sql`tickets.organization_id`, uuid),
    column('productId', 'id', sql`tickets.product_id`, uuid),
    column('mergedIntoId', 'id', sql`tickets.merged_into_id`, uuid),
    column('tags', 'tags', sql`tickets.tags`),
    column('reopenCount', 'number', sql`tickets.reopen_count`, { sortable: true }),
    column('messageCount', 'number', sql`tickets.message_count`, { sortable: true }),
    column('createdAt', 'datetime', sql`tickets.created_at`, { sortable: true }),
    column('updatedAt', 'datetime', sql`tickets.updated_at`, { sortable: true }),
    column('resolvedAt', 'datetime', sql`tickets.resolved_at`, { sortable: true }),
    column('closedAt', 'datetime', sql`tickets.closed_at`, { sortable: true }),
    column('voidedAt', 'datetime', sql`tickets.voided_at`),
    column('lastCustomerMessageAt', 'datetime', sql`tickets.last_customer_message_at`, { sortable: true }),
    column('lastAgentReplyAt', 'datetime', sql`tickets.last_agent_reply_at`, { sortable: true }),
    {
      // The customer wrote last: the ticket waits for an agent's reply.
      name: 'needsReply',
      type: 'boolean',
      sql: sql`(tickets.last_customer_message_at IS NOT NULL AND (tickets.last_agent_reply_at IS NULL OR tickets.last_customer_message_at > tickets.last_agent_reply_at))`,
      read: (s) => {
        const customer = instantMs(s.lastCustomerMessageAt);
        const agent = instantMs(s.lastAgentReplyAt);
        return customer !== null && (agent === null || customer > agent);
      },
    },
    {
      name: 'organization.tier',
      type: 'enum',
      values: ORGANIZATION_TIERS,
      sql: sql`(SELECT o.tier FROM organizations o WHERE o.id = tickets.organization_id)`,
      read: (s) => (s.organization as { tier?: string } | null | undefined)?.tier ?? null,
    },
    {
      name: 'contact.vip',
      type: 'boolean',
      sql: sql`(SELECT c.vip FROM contacts c WHERE c.id = tickets.contact_id)`,
      read: (s) => (s.contact as { vip?: boolean } | null | undefined)?.vip ?? null,
    },
    ...registered.values(),
    ...viewer,
  ];
  return createFieldRegistry(fields, (name) => {
    if (!name.startsWith('custom.')) return undefined;
    const key = name.slice('custom.'.length);
    const def = defs.find((d) => d.key === key);
    if (!def) return undefined;
    return jsonbFieldDef({
      name,
      type: CUSTOM_TYPES[def.type],
      column: sql`tickets.custom`,
      key,
      object: (s) => s.custom,
      ...(def.type === 'picklist' ? { values: def.options.map((o) => o.key) } : {}),
      sortable: def.type !== 'multi_picklist' && def.type !== 'long_text',
    });
  });
}
