// Ticket fields that answer for the agent looking (the FxiaoKe preset views, A7): whether they are a
// related team member, whether a sharing rule reaches the ticket, whether it is in one of their
// departments, whether a subordinate owns it or is on its team. Boolean fields, never NULL in SQL,
// so `eq false` means the same in both back ends. They depend on the viewer, so rules that run
// for nobody in particular (SLA policies) refuse them.
import { type SQL, sql } from 'drizzle-orm';
import type { Actor, TicketSets } from '../../platform/context.ts';
import { uuidArray } from '../../platform/db.ts';
import type { FieldDef } from '../conditions/index.ts';

/** Every per-viewer field's name starts with this. */
export const VIEWER_FIELD_PREFIX = 'access.';

export const VIEWER_FIELDS = [
  'access.participant',
  'access.sharedWithMe',
  'access.myDepartments',
  'access.subordinateOwned',
  'access.subordinateParticipant',
] as const;
export type ViewerField = (typeof VIEWER_FIELDS)[number];

/**
 * The ticket as the in-memory back end reads these fields: its owner, group and department (as
 * the ticket row has them) and the agent ids of its related team (`teamAgentIds`).
 */
export interface ViewerTicketFacts {
  ownerAgentId?: unknown;
  ownerGroupId?: unknown;
  departmentId?: unknown;
  teamAgentIds?: unknown;
}

const lower = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v.toLowerCase() : null);

function idIn(value: unknown, ids: ReadonlySet<string>): boolean {
  const id = lower(value);
  return id !== null && ids.has(id);
}

function teamOf(snapshot: ViewerTicketFacts): string[] {
  const team = snapshot.teamAgentIds;
  return Array.isArray(team) ? team.flatMap((a) => lower(a) ?? []) : [];
}

const setOf = (ids: readonly string[]) => new Set(ids.map((id) => id.toLowerCase()));

/** `column = ANY(ids)`, FALSE (never NULL) for a NULL column or no ids. */
function anyOf(column: SQL, ids: readonly string[]): SQL {
  if (ids.length === 0) return sql`FALSE`;
  return sql`(${column} IS NOT NULL AND ${column} = ANY(${uuidArray(ids)}))`;
}

function teamHasAny(ids: readonly string[]): SQL {
  if (ids.length === 0) return sql`FALSE`;
  return sql`EXISTS (SELECT 1 FROM ticket_team tt WHERE tt.ticket_id = tickets.id AND tt.agent_id = ANY(${uuidArray(ids)}))`;
}

function sharedSql(sets: TicketSets): SQL {
  return sql`(${anyOf(sql`tickets.owner_agent_id`, sets.owners)} OR ${anyOf(sql`tickets.owner_group_id`, sets.groups)} OR ${anyOf(sql`tickets.department_id`, sets.departments)})`;
}

function field(name: ViewerField, expr: SQL, read: (s: ViewerTicketFacts) => boolean): FieldDef {
  return { name, type: 'boolean', sql: expr, neverNull: true, read: (s) => read(s as ViewerTicketFacts) };
}

/** The per-viewer ticket fields for `actor`; for the system actor (nobody) they are all false. */
export function viewerTicketFields(actor: Actor): FieldDef[] {
  if (actor.type !== 'agent') return VIEWER_FIELDS.map((name) => field(name, sql`FALSE`, () => false));
  const me = actor.id.toLowerCase();
  const { shared, subordinates, departments } = actor.access;
  const sharedOwners = setOf(shared.owners);
  const sharedGroups = setOf(shared.groups);
  const sharedDepartments = setOf(shared.departments);
  const mine = setOf(departments);
  const below = setOf(subordinates);
  return [
    field('access.participant', teamHasAny([actor.id]), (s) => teamOf(s).includes(me)),
    field(
      'access.sharedWithMe',
      sharedSql(shared),
      (s) =>
        idIn(s.ownerAgentId, sharedOwners) ||
        idIn(s.ownerGroupId, sharedGroups) ||
        idIn(s.departmentId, sharedDepartments),
    ),
    field('access.myDepartments', anyOf(sql`tickets.department_id`, departments), (s) =>
      idIn(s.departmentId, mine),
    ),
    field('access.subordinateOwned', anyOf(sql`tickets.owner_agent_id`, subordinates), (s) =>
      idIn(s.ownerAgentId, below),
    ),
    field('access.subordinateParticipant', teamHasAny(subordinates), (s) =>
      teamOf(s).some((id) => below.has(id)),
    ),
  ];
}

/** Whether a field name is one of the per-viewer fields (or claims to be). */
export function isViewerField(name: string): boolean {
  return name.startsWith(VIEWER_FIELD_PREFIX);
}

/**
 * Where a condition names a per-viewer field: the JSON path of each such leaf's `field`
 * (`body/condition/all/0/field`) and the field, for rules that may not depend on the viewer.
 */
export function viewerFieldsIn(condition: unknown, path: string): Array<{ path: string; field: string }> {
  const found: Array<{ path: string; field: string }> = [];
  const walk = (node: unknown, at: string, depth: number): void => {
    if (depth > 64 || node === null || typeof node !== 'object' || Array.isArray(node)) return;
    const n = node as Record<string, unknown>;
    if (typeof n.field === 'string' && isViewerField(n.field))
      found.push({ path: `${at}/field`, field: n.field });
    for (const key of ['all', 'any'] as const) {
      const list = n[key];
      if (!Array.isArray(list)) continue;
      for (const [i, child] of list.entries()) walk(child, `${at}/${key}/${i}`, depth + 1);
    }
    if (n.not !== undefined) walk(n.not, `${at}/not`, depth + 1);
  };
  walk(condition, path, 0);
  return found;
}
