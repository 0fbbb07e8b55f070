// Checks that the records a ticket points at exist (and are usable) before a write — all in one
// round trip, since a ticket command runs this on every create and most updates.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';

export const REFERENCE_FIELDS = [
  'departmentId',
  'ownerAgentId',
  'ownerGroupId',
  'contactId',
  'organizationId',
  'productId',
] as const;
type ReferenceField = (typeof REFERENCE_FIELDS)[number];

export type TicketReferences = { [K in ReferenceField]?: string | null | undefined };

export interface CheckedReferences {
  /** The contact's organization, for filling organizationId when it is not given. */
  contactOrganizationId?: string | null;
}

/**
 * Per field: an expression that is NULL when the record is missing, otherwise a JSON object whose
 * `usable` says whether it may be chosen now (`org` carries a contact's organization).
 */
const LOOKUPS: Record<ReferenceField, { probe: (id: string) => SQL; missing: string }> = {
  ownerAgentId: {
    probe: (id) => sql`(SELECT json_build_object('usable', active) FROM agents WHERE id = ${id})`,
    missing: 'is not an agent',
  },
  ownerGroupId: {
    probe: (id) => sql`(SELECT json_build_object('usable', true) FROM groups WHERE id = ${id})`,
    missing: 'is not a group',
  },
  departmentId: {
    probe: (id) => sql`(SELECT json_build_object('usable', active) FROM departments WHERE id = ${id})`,
    missing: 'is not a department',
  },
  contactId: {
    probe: (id) =>
      sql`(SELECT json_build_object('usable', true, 'org', organization_id) FROM contacts WHERE id = ${id})`,
    missing: 'is not a contact',
  },
  organizationId: {
    probe: (id) => sql`(SELECT json_build_object('usable', true) FROM organizations WHERE id = ${id})`,
    missing: 'is not an organization',
  },
  productId: {
    probe: (id) => sql`(SELECT json_build_object('usable', true) FROM products WHERE id = ${id})`,
    missing: 'is not a product',
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const INACTIVE: Partial<Record<ReferenceField, string>> = {
  ownerAgentId: 'this agent is deactivated',
  departmentId: 'this department is deactivated',
};

/**
 * `extra` columns ride along in the same query (create asks for the next ticket number), and
 * their values come back in `extra`.
 */
export async function checkReferences(
  db: Db,
  refs: TicketReferences,
  extra: Record<string, SQL> = {},
): Promise<CheckedReferences & { extra: Record<string, unknown> }> {
  const malformed = REFERENCE_FIELDS.find((f) => refs[f] && !UUID.test(refs[f]!));
  if (malformed)
    throw new AppError('validation', `${malformed} is not an id`, [
      { field: malformed, message: 'is not an id' },
    ]);
  const given = REFERENCE_FIELDS.filter((f) => refs[f]);
  const extraNames = Object.keys(extra);
  if (!given.length && !extraNames.length) return { extra: {} };
  const columns = [
    ...given.map((f) => sql`${LOOKUPS[f].probe(refs[f]!)} AS ${sql.identifier(f)}`),
    ...extraNames.map((name) => sql`${extra[name]} AS ${sql.identifier(`extra:${name}`)}`),
  ];
  const [row] = await queryRows<Record<string, unknown>>(db, sql`SELECT ${sql.join(columns, sql`, `)}`);
  const errors: FieldError[] = [];
  const result: CheckedReferences & { extra: Record<string, unknown> } = {
    extra: Object.fromEntries(extraNames.map((name) => [name, row?.[`extra:${name}`]])),
  };
  for (const field of given) {
    const found = row?.[field] as { usable: boolean; org?: string | null } | null | undefined;
    if (!found) errors.push({ field, message: LOOKUPS[field].missing });
    else if (!found.usable) errors.push({ field, message: INACTIVE[field] ?? 'cannot be used' });
    else if (field === 'contactId') result.contactOrganizationId = found.org ?? null;
  }
  if (errors.length)
    throw new AppError('validation', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  return result;
}
