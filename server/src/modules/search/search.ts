// Global full-text search across tickets (subject, description, messages), contacts and
// organizations, in every language the text-search normalizer handles.
import { and, desc, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { queryRows } from '../../platform/db.ts';
import { searchQuery } from '../../platform/text-search.ts';
import { ticketScope } from '../access/index.ts';
import {
  type ContactDto,
  type OrganizationDto,
  searchContacts,
  searchOrganizations,
} from '../customers/index.ts';
import { type TicketDto, tickets, toTicketDto } from '../tickets/index.ts';

/** Past this many matches in one branch, results come from a subset: the answer says so. */
const MAX_CANDIDATES = 20_000;

export interface SearchResult {
  tickets: TicketDto[];
  contacts: ContactDto[];
  organizations: OrganizationDto[];
  /** True when a very common query was answered from a subset of the matches. */
  approximate: boolean;
}

export type SearchKind = 'tickets' | 'contacts' | 'organizations';

export async function search(
  ctx: Ctx,
  q: string,
  opts: { limit: number; kinds: SearchKind[] },
): Promise<SearchResult> {
  const query = searchQuery(q);
  const empty: SearchResult = { tickets: [], contacts: [], organizations: [], approximate: false };
  if (!query) return empty;
  const result = { ...empty };
  if (opts.kinds.includes('tickets')) {
    const hits = await queryRows<{ id: string; capped: boolean }>(
      ctx.db,
      sql`WITH q AS (SELECT to_tsquery('simple', ${query}) AS q),
          direct AS (SELECT t.id FROM tickets t, q WHERE t.search_vector @@ q.q LIMIT ${MAX_CANDIDATES}),
          via_messages AS (SELECT m.ticket_id AS id FROM ticket_messages m, q WHERE m.search_vector @@ q.q LIMIT ${MAX_CANDIDATES}),
          hits AS (SELECT id FROM direct UNION SELECT id FROM via_messages)
          SELECT tickets.id,
                 ((SELECT count(*) FROM direct) >= ${MAX_CANDIDATES} OR (SELECT count(*) FROM via_messages) >= ${MAX_CANDIDATES}) AS capped
            FROM tickets JOIN hits ON hits.id = tickets.id
           WHERE ${ticketScope(ctx.actor)}
           ORDER BY tickets.updated_at DESC, tickets.id DESC
           LIMIT ${opts.limit}`,
    );
    if (hits.length) {
      const rows = await ctx.db
        .select()
        .from(tickets)
        .where(
          and(
            inArray(
              tickets.id,
              hits.map((h) => h.id),
            ),
            ticketScope(ctx.actor),
          ),
        )
        .orderBy(desc(tickets.updatedAt), desc(tickets.id));
      result.tickets = rows.map(toTicketDto);
      result.approximate = hits.some((h) => h.capped);
    }
  }
  if (opts.kinds.includes('contacts')) result.contacts = await searchContacts(ctx.db, q, opts.limit);
  if (opts.kinds.includes('organizations'))
    result.organizations = await searchOrganizations(ctx.db, q, opts.limit);
  return result;
}
