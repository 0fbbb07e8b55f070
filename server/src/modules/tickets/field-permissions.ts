// Profiles name ticket fields as people do (`owner`, `group`, `custom.warranty`); commands refuse
// a change to a field the actor's profile makes read-only or hidden (403 naming the field).
import type { Actor } from '../../platform/context.ts';
import { assertMayChangeTicketFields } from '../access/index.ts';
import type { CustomFieldDef } from './custom-fields.ts';
import type { FieldChange } from './schema.ts';

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
): Array<{ key: string; custom: boolean; label: string }> {
  return [
    ...STANDARD_FIELDS.map((f) => ({ ...f, custom: false })),
    ...defs.map((d) => ({ key: `custom.${d.key}`, custom: true, label: d.labels.en ?? d.key })),
  ];
}
