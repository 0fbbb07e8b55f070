// Checks that the records a ticket points at exist (and are usable) before a write.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { contacts, organizations, products } from '../customers/index.ts';
import { agents, departments, groups } from '../directory/index.ts';

export interface TicketReferences {
  departmentId?: string | null | undefined;
  ownerAgentId?: string | null | undefined;
  ownerGroupId?: string | null | undefined;
  contactId?: string | null | undefined;
  organizationId?: string | null | undefined;
  productId?: string | null | undefined;
}

export const REFERENCE_FIELDS = [
  'departmentId',
  'ownerAgentId',
  'ownerGroupId',
  'contactId',
  'organizationId',
  'productId',
] as const;

export interface CheckedReferences {
  /** The contact's organization, for filling organizationId when it is not given. */
  contactOrganizationId?: string | null;
}

/** Validates every non-null reference in one round of small indexed lookups. */
export async function checkReferences(db: Db, refs: TicketReferences): Promise<CheckedReferences> {
  const errors: FieldError[] = [];
  const result: CheckedReferences = {};
  const lookups: Array<() => Promise<void>> = [];
  if (refs.ownerAgentId) {
    const id = refs.ownerAgentId;
    lookups.push(() =>
      db
        .select({ active: agents.active })
        .from(agents)
        .where(eq(agents.id, id))
        .then(([row]) => {
          if (!row) errors.push({ field: 'ownerAgentId', message: 'is not an agent' });
          else if (!row.active) errors.push({ field: 'ownerAgentId', message: 'this agent is deactivated' });
        }),
    );
  }
  if (refs.ownerGroupId) {
    const id = refs.ownerGroupId;
    lookups.push(() =>
      db
        .select({ id: groups.id })
        .from(groups)
        .where(eq(groups.id, id))
        .then(([row]) => {
          if (!row) errors.push({ field: 'ownerGroupId', message: 'is not a group' });
        }),
    );
  }
  if (refs.departmentId) {
    const id = refs.departmentId;
    lookups.push(() =>
      db
        .select({ active: departments.active })
        .from(departments)
        .where(eq(departments.id, id))
        .then(([row]) => {
          if (!row) errors.push({ field: 'departmentId', message: 'is not a department' });
          else if (!row.active)
            errors.push({ field: 'departmentId', message: 'this department is deactivated' });
        }),
    );
  }
  if (refs.contactId) {
    const id = refs.contactId;
    lookups.push(() =>
      db
        .select({ organizationId: contacts.organizationId })
        .from(contacts)
        .where(eq(contacts.id, id))
        .then(([row]) => {
          if (!row) errors.push({ field: 'contactId', message: 'is not a contact' });
          else result.contactOrganizationId = row.organizationId;
        }),
    );
  }
  if (refs.organizationId) {
    const id = refs.organizationId;
    lookups.push(() =>
      db
        .select({ id: organizations.id })
        .from(organizations)
        .where(eq(organizations.id, id))
        .then(([row]) => {
          if (!row) errors.push({ field: 'organizationId', message: 'is not an organization' });
        }),
    );
  }
  if (refs.productId) {
    const id = refs.productId;
    lookups.push(() =>
      db
        .select({ active: products.active })
        .from(products)
        .where(eq(products.id, id))
        .then(([row]) => {
          if (!row) errors.push({ field: 'productId', message: 'is not a product' });
        }),
    );
  }
  // One after another: a transaction is one connection, and pg warns about overlapping queries.
  for (const lookup of lookups) await lookup();
  if (errors.length)
    throw new AppError('validation', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  return result;
}

export async function agentNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: agents.id, name: agents.name })
    .from(agents)
    .where(inArray(agents.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
