// Profiles name ticket fields as people do (`owner`, `group`, `custom.warranty`); commands refuse
// a change to a field the actor's profile makes read-only or hidden (403 naming the field).
import type { Actor } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { assertMayChangeTicketFields, hiddenTicketFields } from '../access/index.ts';
import type { Condition } from '../conditions/index.ts';
import type { CustomFieldDef } from './custom-fields.ts';
import type { FieldChange } from './schema.ts';
import { type TicketDto, type TicketRow, toTicketDto } from './ticket-record.ts';

const PERMISSION_NAME: Record<string, string> = {
  departmentId: 'department',
  ownerAgentId: 'owner',
  ownerGroupId: 'group',
  contactId: 'contact',
  organizationId: 'organization',
  productId: 'product',
  addTags: 'tags',
  removeTags: 'tags',
};

/** The profile's name for a ticket column or input key. */
export function permissionFieldOf(key: string): string {
  return PERMISSION_NAME[key] ?? key;
}

/**
 * Refuses the change when a field the input names, and that really changes, is not editable for
 * the actor. Fields changed as a consequence (the organization following the contact) pass.
 */
export function assertFieldChangesAllowed(
  actor: Actor,
  input: Record<string, unknown>,
  changes: readonly FieldChange[],
): void {
  const named = new Set<string>();
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || key === 'version') continue;
    if (key === 'custom' && value && typeof value === 'object') {
      for (const k of Object.keys(value)) named.add(`custom.${k}`);
    } else named.add(permissionFieldOf(key));
  }
  const changed = changes.map((c) => permissionFieldOf(c.field)).filter((f) => named.has(f));
  assertMayChangeTicketFields(actor, new Set(changed));
}

/**
 * Standard ticket fields a profile may hide (every custom field may be hidden too). Subject,
 * status, owner, group, department and contact decide who works a ticket and are never hidden.
 */
export const HIDEABLE_TICKET_FIELDS = [
  'priority',
  'severity',
  'category',
  'type',
  'channel',
  'product',
  'organization',
  'tags',
] as const;

export function isHideableTicketField(field: string): boolean {
  return field.startsWith('custom.') || (HIDEABLE_TICKET_FIELDS as readonly string[]).includes(field);
}

/** The API keys of the ticket a profile field name stands for. */
const DTO_KEYS: Record<string, string> = { product: 'productId', organization: 'organizationId' };

/** The profile field a condition, sort or change field belongs to (`organization.tier` → organization). */
function permissionFieldOfPath(name: string): string {
  if (name.startsWith('custom.')) return name;
  return permissionFieldOf(name.split('.')[0]!);
}

/** The ticket as the actor may see it: hidden fields are absent. */
export function redactTicket<T extends Partial<TicketDto>>(actor: Actor, dto: T): T {
  const hidden = hiddenTicketFields(actor);
  if (hidden.length === 0) return dto;
  const out: Record<string, unknown> = { ...dto };
  for (const field of hidden) {
    if (field.startsWith('custom.')) {
      if (out.custom && typeof out.custom === 'object') {
        const { [field.slice(7)]: _gone, ...rest } = out.custom as Record<string, unknown>;
        out.custom = rest;
      }
    } else delete out[DTO_KEYS[field] ?? field];
  }
  return out as T;
}

/** Field changes (history, timeline) without those of hidden fields. */
export function visibleChanges<C extends { field: string }>(actor: Actor, changes: readonly C[]): C[] {
  const hidden = hiddenTicketFields(actor);
  if (hidden.length === 0) return [...changes];
  return changes.filter((c) => !hidden.includes(permissionFieldOfPath(c.field)));
}

function conditionFields(cond: Condition, out: string[] = []): string[] {
  if ('all' in cond) for (const c of cond.all) conditionFields(c, out);
  else if ('any' in cond) for (const c of cond.any) conditionFields(c, out);
  else if ('not' in cond) conditionFields(cond.not, out);
  else out.push(cond.field);
  return out;
}

/** A filter or sort on a field hidden from the actor is refused: 400 naming the field. */
export function assertFieldsVisible(
  actor: Actor,
  where: 'filter' | 'sort',
  what: { condition?: Condition | undefined; fields?: readonly string[] },
): void {
  const hidden = hiddenTicketFields(actor);
  if (hidden.length === 0) return;
  const names = [...(what.condition ? conditionFields(what.condition) : []), ...(what.fields ?? [])];
  const refused = names.find((n) => hidden.includes(permissionFieldOfPath(n)));
  if (refused) throw invalid(where, `field '${refused}' is hidden by your profile`);
}

/** A ticket row as the actor may see it. */
export function ticketDtoFor(actor: Actor, row: Omit<TicketRow, 'searchVector'>): TicketDto {
  return redactTicket(actor, toTicketDto(row));
}

/** The standard ticket fields a profile may hide or make read-only, by their profile names. */
const STANDARD_FIELDS: ReadonlyArray<{ key: string; label: string }> = [
  { key: 'subject', label: 'Subject' },
  { key: 'description', label: 'Description' },
  { key: 'status', label: 'Status' },
  { key: 'priority', label: 'Priority' },
  { key: 'severity', label: 'Severity' },
  { key: 'category', label: 'Category' },
  { key: 'type', label: 'Type' },
  { key: 'channel', label: 'Channel' },
  { key: 'owner', label: 'Owner' },
  { key: 'group', label: 'Group' },
  { key: 'department', label: 'Department' },
  { key: 'contact', label: 'Contact' },
  { key: 'organization', label: 'Organization' },
  { key: 'product', label: 'Product' },
  { key: 'tags', label: 'Tags' },
  { key: 'solution', label: 'Solution' },
];

/** Every field profiles can name: the standard ones, then `custom.<key>` per custom field. */
export function permissionFieldCatalog(
  defs: ReadonlyArray<Pick<CustomFieldDef, 'key' | 'labels'>>,
): Array<{ key: string; custom: boolean; label: string; hideable: boolean }> {
  return [
    ...STANDARD_FIELDS.map((f) => ({ ...f, custom: false, hideable: isHideableTicketField(f.key) })),
    ...defs.map((d) => ({
      key: `custom.${d.key}`,
      custom: true,
      label: d.labels.en ?? d.key,
      hideable: true,
    })),
  ];
}
