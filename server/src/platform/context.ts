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

export type Actor =
  | { type: 'agent'; id: string; name: string; admin: boolean; language: string; timeZone: string }
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
