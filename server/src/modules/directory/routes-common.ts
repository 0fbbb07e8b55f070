// What the directory's route files share: field schemas, and what app.ts hands them.
import { Type } from 'typebox';
import type { AppDeps } from '../../platform/http.ts';
import { type CredentialCache, credentialsChanged } from './credential-cache.ts';
import type { ReleaseGroupTickets } from './groups.ts';
import type { TicketFieldCatalog } from './profiles.ts';

/** Handed to every directory route file by app.ts (the tickets module's parts come from there). */
export interface DirectoryWiring {
  /** The node's credential cache (also holds the organisation, key 'org'). */
  credentials?: CredentialCache | undefined;
  /** The ticket fields profiles can name, custom fields included. */
  ticketFields: TicketFieldCatalog;
  /** Takes a deleted group off its tickets, through the tickets module's command. */
  releaseGroupTickets: ReleaseGroupTickets;
}

/**
 * Ends what every node remembers of sessions, tokens and the organisation (see credential-cache.ts),
 * so a changed role, profile, membership or rule applies from the next request.
 */
export function forgetter(deps: AppDeps, wiring: DirectoryWiring): () => Promise<void> {
  return () => credentialsChanged(deps.database.db, wiring.credentials);
}

export const Language = Type.Union([
  Type.Literal('en'),
  Type.Literal('zh-CN'),
  Type.Literal('zh-TW'),
  Type.Literal('ru'),
  Type.Literal('fr'),
]);
export const Name = Type.String({ minLength: 1, maxLength: 200 });
export const Email = Type.String({ format: 'email', maxLength: 320 });
export const TimeZone = Type.String({ minLength: 1, maxLength: 64 });
export const Password = Type.String({ minLength: 8, maxLength: 1024 });
export const Description = Type.String({ maxLength: 2000 });
/** Rich text (sanitized on save), put under public replies by the composer. */
export const Signature = Type.String({ maxLength: 10_000 });

export const strict = { additionalProperties: false } as const;
