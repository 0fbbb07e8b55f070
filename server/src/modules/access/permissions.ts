// Action and field permissions (A3), checked inside commands, never in routes.
import type { Actor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Action } from './org.ts';

/** The modules a profile grants actions on; later modules add theirs through registerModule. */
const MODULES: string[] = [
  'tickets',
  'contacts',
  'organizations',
  'products',
  'knowledge_base',
  'reports',
  'settings',
];

export function registerModule(name: string): void {
  if (!MODULES.includes(name)) MODULES.push(name);
}

export function permissionModules(): readonly string[] {
  return MODULES;
}

/** Whether the actor's profiles allow `action` on `module`. Administrators may do everything. */
export function can(actor: Actor, module: string, action: Action): boolean {
  if (actor.type === 'system' || actor.admin) return true;
  return actor.access.modules[module]?.includes(action) ?? false;
}

export function assertCan(actor: Actor, module: string, action: Action): void {
  if (!can(actor, module, action))
    throw new AppError('forbidden', `Your profile does not allow ${action} on ${module.replace('_', ' ')}`);
}

export type TicketAction =
  | 'view'
  | 'create'
  | 'edit'
  | 'reply'
  | 'note'
  | 'assign'
  | 'merge'
  | 'void'
  | 'restore'
  | 'delete'
  | 'bulk';

/** What each ticket action needs of the profile; restore and permanent delete are for administrators. */
const TICKET_ACTION: Record<TicketAction, Action | 'admin'> = {
  view: 'view',
  create: 'create',
  edit: 'edit',
  reply: 'edit',
  note: 'edit',
  assign: 'edit',
  merge: 'edit',
  bulk: 'edit',
  void: 'delete',
  restore: 'admin',
  delete: 'admin',
};

export function canOnTickets(actor: Actor, action: TicketAction): boolean {
  if (actor.type === 'system') return true;
  const needs = TICKET_ACTION[action];
  if (needs === 'admin') return actor.admin;
  return can(actor, 'tickets', needs);
}

export function assertCanOnTickets(actor: Actor, action: TicketAction): void {
  if (!canOnTickets(actor, action)) throw new AppError('forbidden', `You may not ${action} tickets`);
}

export type FieldAccessLevel = 'hidden' | 'read_only' | 'editable';

/** A ticket field's access for the actor: `priority`, `owner`, `custom.warranty`, … */
export function ticketFieldAccess(actor: Actor, field: string): FieldAccessLevel {
  if (actor.type === 'system' || actor.admin) return 'editable';
  return actor.access.fields[field] ?? 'editable';
}

/** Ticket fields the actor may not see. */
export function hiddenTicketFields(actor: Actor): string[] {
  if (actor.type === 'system' || actor.admin) return [];
  return Object.entries(actor.access.fields)
    .filter(([, a]) => a === 'hidden')
    .map(([f]) => f);
}

/** Refuses a change to a field the actor may not edit: 403 naming the field. */
export function assertMayChangeTicketFields(actor: Actor, fields: Iterable<string>): void {
  const refused = [...fields].filter((f) => ticketFieldAccess(actor, f) !== 'editable');
  if (refused.length)
    throw new AppError(
      'forbidden',
      `Your profile does not allow changing ${refused.join(', ')}`,
      refused.map((field) => ({ field, message: 'is read-only for you' })),
    );
}

export type SettingsArea = 'agents' | 'picklists' | 'custom_fields' | 'settings' | 'customers' | 'products';

/** Team administration and settings need the administrator flag. */
export function assertAdmin(actor: Actor, area: SettingsArea): void {
  if (actor.type === 'system') return;
  if (!actor.admin)
    throw new AppError('forbidden', `Only administrators may change ${area.replace('_', ' ')}`);
}
