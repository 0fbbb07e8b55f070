// The ticket fields an agent can filter, sort and show as columns, mirroring the server's field
// registry (server/src/modules/tickets/ticket-fields.ts): names, types and where values come from.
import type { TFunction } from 'i18next';
import type { CustomFieldDef } from './view-data.ts';

export type FieldType = 'text' | 'number' | 'boolean' | 'datetime' | 'date' | 'enum' | 'tags' | 'id';

export type ValueSource =
  | { kind: 'picklist'; name: 'status' | 'priority' | 'severity' | 'category' | 'type' }
  | { kind: 'fixed'; values: readonly string[]; labelPrefix: string }
  | { kind: 'options'; options: Array<{ key: string; labels: Record<string, unknown> }> }
  | { kind: 'agents' | 'groups' | 'products' | 'departments' | 'contacts' | 'organizations' };

export interface FieldInfo {
  name: string;
  type: FieldType;
  sortable: boolean;
  source?: ValueSource;
  /** Custom fields carry their definition (labels, type). */
  custom?: CustomFieldDef;
}

export const CHANNELS = ['email', 'portal', 'web_form', 'phone', 'chat', 'social', 'api', 'import'] as const;
const STATUS_CATEGORIES = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
const TIERS = ['vip', 'high_value', 'standard'] as const;

const f = (name: string, type: FieldType, sortable = false, source?: ValueSource): FieldInfo =>
  source ? { name, type, sortable, source } : { name, type, sortable };

export const STANDARD_FIELDS: FieldInfo[] = [
  f('number', 'text', true),
  f('subject', 'text', true),
  f('description', 'text'),
  f('status', 'enum', true, { kind: 'picklist', name: 'status' }),
  f('statusCategory', 'enum', false, {
    kind: 'fixed',
    values: STATUS_CATEGORIES,
    labelPrefix: 'statusCategory',
  }),
  f('isOpen', 'boolean'),
  f('needsReply', 'boolean'),
  f('priority', 'enum', true, { kind: 'picklist', name: 'priority' }),
  f('severity', 'enum', true, { kind: 'picklist', name: 'severity' }),
  f('category', 'enum', true, { kind: 'picklist', name: 'category' }),
  f('type', 'enum', true, { kind: 'picklist', name: 'type' }),
  f('channel', 'enum', true, { kind: 'fixed', values: CHANNELS, labelPrefix: 'channel' }),
  f('ownerAgentId', 'id', false, { kind: 'agents' }),
  f('ownerGroupId', 'id', false, { kind: 'groups' }),
  f('departmentId', 'id', false, { kind: 'departments' }),
  f('contactId', 'id', false, { kind: 'contacts' }),
  f('organizationId', 'id', false, { kind: 'organizations' }),
  f('productId', 'id', false, { kind: 'products' }),
  f('tags', 'tags'),
  f('reopenCount', 'number', true),
  f('messageCount', 'number', true),
  f('createdAt', 'datetime', true),
  f('updatedAt', 'datetime', true),
  f('lastCustomerMessageAt', 'datetime', true),
  f('lastAgentReplyAt', 'datetime', true),
  f('resolvedAt', 'datetime', true),
  f('closedAt', 'datetime', true),
  f('organization.tier', 'enum', false, { kind: 'fixed', values: TIERS, labelPrefix: 'tier' }),
  f('contact.vip', 'boolean'),
  // Answered for the agent looking (the preset views' fields): filters only, never columns.
  f('access.participant', 'boolean'),
  f('access.sharedWithMe', 'boolean'),
  f('access.myDepartments', 'boolean'),
  f('access.subordinateOwned', 'boolean'),
  f('access.subordinateParticipant', 'boolean'),
  f('sla.nextDueAt', 'datetime', true),
  f('sla.firstResponseDueAt', 'datetime', true),
  f('sla.nextResponseDueAt', 'datetime', true),
  f('sla.resolutionDueAt', 'datetime', true),
  f('sla.breached', 'boolean'),
  f('sla.paused', 'boolean'),
  f('sla.firstResponseMet', 'boolean'),
  f('sla.resolutionMet', 'boolean'),
  f('sla.resolutionSeconds', 'number', true),
];

const CUSTOM_TYPES: Record<string, FieldType> = {
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

export function customFieldInfo(def: CustomFieldDef): FieldInfo {
  const type = CUSTOM_TYPES[def.type] ?? 'text';
  const info: FieldInfo = {
    name: `custom.${def.key}`,
    type,
    sortable: def.type !== 'multi_picklist' && def.type !== 'long_text',
    custom: def,
  };
  if (def.type === 'picklist' || def.type === 'multi_picklist')
    info.source = { kind: 'options', options: def.options };
  if (def.type === 'user') info.source = { kind: 'agents' };
  return info;
}

/** Every field: the standard ones, then the active custom fields. */
export function fieldCatalog(defs: CustomFieldDef[] | undefined): FieldInfo[] {
  return [...STANDARD_FIELDS, ...(defs ?? []).filter((d) => d.active).map(customFieldInfo)];
}

export function findField(name: string, defs: CustomFieldDef[] | undefined): FieldInfo | undefined {
  const standard = STANDARD_FIELDS.find((x) => x.name === name);
  if (standard) return standard;
  const def = name.startsWith('custom.') ? defs?.find((d) => `custom.${d.key}` === name) : undefined;
  return def ? customFieldInfo(def) : undefined;
}

/** A label in the agent's language from a `{ en, fr, … }` object. */
export function localLabel(
  labels: Record<string, unknown> | undefined,
  language: string,
  fallback: string,
): string {
  const value = labels?.[language] ?? labels?.en;
  return typeof value === 'string' && value ? value : fallback;
}

export function fieldLabel(field: FieldInfo | string, t: TFunction<'ticketsList'>, language: string): string {
  const info = typeof field === 'string' ? undefined : field;
  const name = typeof field === 'string' ? field : field.name;
  if (info?.custom) return localLabel(info.custom.labels, language, info.custom.key);
  if (name.startsWith('custom.')) return name.slice('custom.'.length);
  return t(`field.${name}`, { defaultValue: name });
}

/** Operators per field type, as the server's condition language accepts them in filters. */
export const OPS_BY_TYPE: Record<FieldType, readonly string[]> = {
  text: [
    'contains',
    'not_contains',
    'eq',
    'ne',
    'starts_with',
    'ends_with',
    'contains_any',
    'contains_none',
    'in',
    'not_in',
    'is_empty',
    'is_not_empty',
  ],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'not_in', 'is_empty', 'is_not_empty'],
  datetime: ['gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty'],
  date: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty'],
  boolean: ['eq', 'ne'],
  enum: ['in', 'not_in', 'eq', 'ne', 'is_empty', 'is_not_empty'],
  id: ['in', 'not_in', 'eq', 'ne', 'is_empty', 'is_not_empty'],
  tags: ['has', 'has_any', 'has_all', 'has_none', 'is_empty', 'is_not_empty'],
};

/**
 * The change operators a rule's trigger condition may add (compared with the ticket before the
 * change); the server takes all three on every type but tags, which only know `changed`.
 */
export const CHANGE_OPS_BY_TYPE: Record<FieldType, readonly string[]> = {
  text: ['changed', 'changed_to', 'changed_from'],
  number: ['changed', 'changed_to', 'changed_from'],
  datetime: ['changed', 'changed_to', 'changed_from'],
  date: ['changed', 'changed_to', 'changed_from'],
  boolean: ['changed', 'changed_to', 'changed_from'],
  enum: ['changed', 'changed_to', 'changed_from'],
  id: ['changed', 'changed_to', 'changed_from'],
  tags: ['changed'],
};

export type ValueShape = 'none' | 'scalar' | 'list' | 'range';

export function valueShape(op: string): ValueShape {
  if (op === 'is_empty' || op === 'is_not_empty' || op === 'changed') return 'none';
  if (['in', 'not_in', 'contains_any', 'contains_none', 'has_any', 'has_all', 'has_none'].includes(op))
    return 'list';
  if (op === 'between') return 'range';
  return 'scalar';
}
