// What every service receives: the database (or a transaction), the clock, and who is acting.
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.ts';
import type { Db } from './db.ts';

export type Channel =
  | 'web'
  | 'api'
  | 'email'
  | 'portal'
  | 'web_form'
  | 'phone'
  | 'chat'
  | 'social'
  | 'import'
  | 'system';

/** Tickets reached through owners, owning groups and departments (ids). */
export interface TicketSets {
  owners: readonly string[];
  groups: readonly string[];
  departments: readonly string[];
}

/**
 * What an agent may see and do, worked out from their role, profiles, groups, departments and the
 * sharing rules when their credential is resolved (access/grant.ts). Plain data, so every module
 * can carry it; the access module turns it into SQL and answers.
 */
export interface ActorAccess {
  roleId: string;
  /** The widest ticket reach of the role's profiles. */
  reach: 'all' | 'departments' | 'rules';
  /** Tickets the agent may see; `write` those they may also act on (a subset). */
  read: TicketSets;
  write: TicketSets;
  /** What the sharing rules alone reach ("Shared with me"). */
  shared: TicketSets;
  /** Agents in the roles below the agent's own. */
  subordinates: readonly string[];
  /** The agent's departments: member or head (with sub-departments when heads see them). */
  departments: readonly string[];
  groups: readonly string[];
  /** Per module, the allowed actions (union of the role's profiles). */
  modules: Readonly<Record<string, readonly string[]>>;
  /** Ticket fields the agent may not change or not see; absent means editable. */
  fields: Readonly<Record<string, 'hidden' | 'read_only'>>;
}

export type Actor =
  | {
      type: 'agent';
      id: string;
      name: string;
      admin: boolean;
      language: string;
      timeZone: string;
      access: ActorAccess;
    }
  | { type: 'system'; name: string };

export interface Ctx {
  db: Db;
  clock: Clock;
  actor: Actor;
  /** The channel the change arrived through, recorded on events. */
  channel: Channel;
  log?: FastifyBaseLogger;
}

export const systemActor = (name = 'Caseway'): Actor => ({ type: 'system', name });
