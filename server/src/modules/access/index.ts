// Who may see and do what. Visibility is one SQL predicate (DESIGN idea 6) applied to every ticket
// query; action permissions are checked inside commands. Grows into roles, profiles and sharing.
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * The tickets an actor may see, as a condition on the `tickets` table.
 * Administrators see everything, voided tickets included; other agents every ticket not voided.
 */
export function ticketScope(actor: Actor, table: SQL = sql`tickets`): SQL {
  if (actor.type === 'system') return sql`TRUE`;
  if (actor.admin) return sql`TRUE`;
  return sql`${table}.voided_at IS NULL`;
}

/**
 * Actors with the same key see the same tickets, so a live push checks visibility once per key.
 * Grows with ticketScope.
 */
export function ticketScopeKey(actor: Actor): string {
  if (actor.type === 'system' || actor.admin) return 'all';
  return 'not-voided';
}

export type TicketAction =
  | 'view'
  | 'create'
  | 'edit'
  | 'reply'
  | 'assign'
  | 'merge'
  | 'void'
  | 'restore'
  | 'delete'
  | 'bulk';

const ADMIN_ONLY: ReadonlySet<TicketAction> = new Set(['delete', 'restore']);

export function canOnTickets(actor: Actor, action: TicketAction): boolean {
  if (actor.type === 'system') return true;
  if (ADMIN_ONLY.has(action)) return actor.admin;
  return true;
}

export function assertCanOnTickets(actor: Actor, action: TicketAction): void {
  if (!canOnTickets(actor, action)) throw new AppError('forbidden', `You may not ${action} tickets`);
}

export type SettingsArea = 'agents' | 'picklists' | 'custom_fields' | 'settings' | 'customers' | 'products';

export function assertAdmin(actor: Actor, area: SettingsArea): void {
  if (actor.type === 'system') return;
  if (!actor.admin)
    throw new AppError('forbidden', `Only administrators may change ${area.replace('_', ' ')}`);
}
