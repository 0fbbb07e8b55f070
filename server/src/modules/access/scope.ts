// Visibility as one SQL predicate (DESIGN idea 6): every ticket query goes through ticketScope.
import { type SQL, sql } from 'drizzle-orm';
import type { Actor, TicketSets } from '../../platform/context.ts';
import { uuidArray } from '../../platform/db.ts';

function reached(actorId: string, sets: TicketSets, table: SQL, teamAccess: SQL | null): SQL {
  const parts: SQL[] = [];
  if (sets.owners.length) parts.push(sql`${table}.owner_agent_id = ANY(${uuidArray(sets.owners)})`);
  if (sets.groups.length) parts.push(sql`${table}.owner_group_id = ANY(${uuidArray(sets.groups)})`);
  if (sets.departments.length) parts.push(sql`${table}.department_id = ANY(${uuidArray(sets.departments)})`);
  // Uncorrelated, so the planner hashes the agent's team tickets once per query instead of
  // probing ticket_team for every row the other arms of the OR let through.
  parts.push(
    sql`${table}.id IN (SELECT tt.ticket_id FROM ticket_team tt WHERE tt.agent_id = ${actorId}::uuid${
      teamAccess ?? sql``
    })`,
  );
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/**
 * The tickets an actor may see, as a condition on the `tickets` table. Administrators see
 * everything, voided tickets included; other agents what their role, profiles, groups,
 * departments, team memberships and the sharing rules reach, never a voided ticket.
 */
export function ticketScope(actor: Actor, table: SQL = sql`tickets`): SQL {
  if (actor.type === 'system' || actor.admin) return sql`TRUE`;
  if (actor.access.reach === 'all') return sql`${table}.voided_at IS NULL`;
  return sql`(${table}.voided_at IS NULL AND ${reached(actor.id, actor.access.read, table, null)})`;
}

/** The tickets an actor may act on (as the owner could, per profile): a subset of ticketScope. */
export function ticketWriteScope(actor: Actor, table: SQL = sql`tickets`): SQL {
  if (actor.type === 'system' || actor.admin) return sql`TRUE`;
  if (actor.access.reach === 'all') return sql`${table}.voided_at IS NULL`;
  return sql`(${table}.voided_at IS NULL AND ${reached(actor.id, actor.access.write, table, sql` AND tt.access = 'read_write'`)})`;
}

/**
 * Actors with the same key see the same tickets, so a live push checks visibility once per key.
 * Team membership is per agent, so agents reaching by rules each have their own key.
 */
export function ticketScopeKey(actor: Actor): string {
  if (actor.type === 'system' || actor.admin) return 'all';
  if (actor.access.reach === 'all') return 'not-voided';
  return `agent:${actor.id}`;
}
