// Checks that the records a ticket points at exist (and are usable) before a write — all in one
// round trip, since a ticket command runs this on every create and most updates.

import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, type PreparedStatement, preparedStatement } from '../../platform/db.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';

export const REFERENCE_FIELDS = [
  'departmentId',
  'ownerAgentId',
  'ownerGroupId',
  'contactId',
  'organizationId',
  'productId',
] as const;
export type ReferenceField = (typeof REFERENCE_FIELDS)[number];

export type TicketReferences = { [K in ReferenceField]?: string | null | undefined };

export interface CheckedReferences {
  /** The contact's organization, for filling organizationId when it is not given. */
  contactOrganizationId?: string | null;
}

/**
 * Per field: the table, and what it says of a record: a JSON object whose `usable` says whether it
 * may be chosen now (`org` carries a contact's organization).
 */
const LOOKUPS: Record<ReferenceField, { table: string; found: string; missing: string }> = {
  ownerAgentId: { table: 'agents', found: `json_build_object('usable', active)`, missing: 'is not an agent' },
  ownerGroupId: { table: 'groups', found: `json_build_object('usable', true)`, missing: 'is not a group' },
  departmentId: {
    table: 'departments',
    found: `json_build_object('usable', active)`,
    missing: 'is not a department',
  },
  contactId: {
    table: 'contacts',
    found: `json_build_object('usable', true, 'org', organization_id)`,
    missing: 'is not a contact',
  },
  organizationId: {
    table: 'organizations',
    found: `json_build_object('usable', true)`,
    missing: 'is not an organization',
  },
  productId: { table: 'products', found: `json_build_object('usable', true)`, missing: 'is not a product' },
};

/** An expression that is NULL when the record is missing, otherwise what LOOKUPS says of it. */
function probe(field: ReferenceField, id: SQL): SQL {
  const { table, found } = LOOKUPS[field];
  return sql`(SELECT ${sql.raw(found)} FROM ${sql.identifier(table)} WHERE id = ${id}::uuid)`;
}

/**
 * A column read along with the references: its SQL, whose values are placeholders (`p(key)`), and
 * those values. The same name must always build the same SQL: the query is prepared once per
 * shape (the references given, the columns' names).
 */
export interface ReadAhead {
  column(p: (key: string) => SQL): SQL;
  values?: Record<string, unknown>;
}

const checkStatements = new Map<string, PreparedStatement<Record<string, unknown>>>();

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
  extra: Record<string, ReadAhead> = {},
): Promise<CheckedReferences & { extra: Record<string, unknown> }> {
  const given = givenReferences(refs);
  const extraNames = Object.keys(extra);
  if (!given.length && !extraNames.length) return { extra: {} };
  const shape = `${given.join(',')}|${extraNames.join(',')}`;
  let statement = checkStatements.get(shape);
  if (!statement) {
    const name = `caseway_refs_${createHash('sha1').update(shape).digest('hex').slice(0, 24)}`;
    statement = preparedStatement(name, () => {
      const columns = [
        ...given.map((f) => sql`${probe(f, sql`${sql.placeholder(`ref:${f}`)}`)} AS ${sql.identifier(f)}`),
        ...extraNames.map(
          (n) =>
            sql`${extra[n]!.column((key) => sql`${sql.placeholder(`extra:${n}:${key}`)}`)} AS ${sql.identifier(`extra:${n}`)}`,
        ),
      ];
      return sql`SELECT ${sql.join(columns, sql`, `)}`;
    });
    checkStatements.set(shape, statement);
  }
  const values: Record<string, unknown> = {};
  for (const f of given) values[`ref:${f}`] = refs[f];
  for (const n of extraNames)
    for (const [key, value] of Object.entries(extra[n]!.values ?? {})) values[`extra:${n}:${key}`] = value;
  const [row] = await statement.run(db, values);
  return {
    ...judgeReferences(given, (field) => row?.[field]),
    extra: Object.fromEntries(extraNames.map((name) => [name, row?.[`extra:${name}`]])),
  };
}

/** The references given (not null), each checked to be a well-formed id. */
function givenReferences(refs: TicketReferences): ReferenceField[] {
  const malformed = REFERENCE_FIELDS.find((f) => refs[f] && !UUID.test(refs[f]!));
  if (malformed)
    throw new AppError('validation', `${malformed} is not an id`, [
      { field: malformed, message: 'is not an id' },
    ]);
  return REFERENCE_FIELDS.filter((f) => refs[f]);
}

/** Throws a validation error naming every missing or unusable reference; `found` gives each probe. */
function judgeReferences(given: readonly ReferenceField[], found: (field: ReferenceField) => unknown) {
  const errors: FieldError[] = [];
  const result: CheckedReferences = {};
  for (const field of given) {
    const hit = found(field) as { usable: boolean; org?: string | null } | null | undefined;
    if (!hit) errors.push({ field, message: LOOKUPS[field].missing });
    else if (!hit.usable) errors.push({ field, message: INACTIVE[field] ?? 'cannot be used' });
    else if (field === 'contactId') result.contactOrganizationId = hit.org ?? null;
  }
  if (errors.length)
    throw new AppError('validation', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  return result;
}

/**
 * References read ahead, in another query (the targets of the routing rules, in the create's first
 * query): the records of many ids as one column per field, then references checked against them.
 */
export const referencesAhead = {
  /** The column reading `ids` of a field: the ids asked for, and what LOOKUPS says of those found. */
  column(field: ReferenceField, ids: readonly string[]): ReadAhead {
    const { table, found } = LOOKUPS[field];
    return {
      column: (p) => sql`json_build_object('asked', ${p('asked')}::uuid[], 'found',
        (SELECT json_object_agg(id, ${sql.raw(found)}) FROM ${sql.identifier(table)} WHERE id = ANY(${p('asked')}::uuid[])))`,
      values: { asked: `{${ids.filter((id) => UUID.test(id)).join(',')}}` },
    };
  },
  /** Whether every well-formed reference given was asked for (`read[field]`: the column's value). */
  covers(refs: TicketReferences, read: Partial<Record<ReferenceField, unknown>>): boolean {
    return REFERENCE_FIELDS.every((field) => {
      const id = refs[field];
      if (!id || !UUID.test(id)) return true;
      const asked = (read[field] as { asked?: string[] } | undefined)?.asked ?? [];
      return asked.includes(id.toLowerCase());
    });
  },
  /** Checks references against what was read (refusing a malformed id as checkReferences does). */
  check(refs: TicketReferences, read: Partial<Record<ReferenceField, unknown>>): CheckedReferences {
    return judgeReferences(givenReferences(refs), (field) => {
      const records = (read[field] as { found?: Record<string, unknown> | null } | undefined)?.found;
      return records?.[refs[field]!.toLowerCase()];
    });
  },
};
