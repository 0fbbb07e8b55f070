// Profiles name ticket fields as people do (`owner`, `group`, `custom.warranty`); commands refuse
// a change to a field the actor's profile makes read-only or hidden (403 naming the field).
import type { Actor } from '../../platform/context.ts';
import { assertMayChangeTicketFields } from '../access/index.ts';
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
