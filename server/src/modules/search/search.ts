// Global full-text search across tickets (subject, description, messages), contacts and
// organizations, in every language the text-search normalizer handles.
import { and, desc, sql } from 'drizzle-orm';
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

/**
 * Up to this many matching tickets are collected through the full-text indexes and sorted by
 * recency; past it the word is common, and walking tickets newest-first finds the page sooner.
 */
const CANDIDATE_LIMIT = 2_000;

export interface SearchResult {
  tickets: TicketDto[];
  contacts: ContactDto[];
  organizations: OrganizationDto[];
  /** Whether the tickets are a sample of the matches; the current search is exact, so false. */
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
  const result: SearchResult = { ...empty };
  if (opts.kinds.includes('tickets')) result.tickets = await searchTickets(ctx, query, opts.limit);
  if (opts.kinds.includes('contacts')) result.contacts = await searchContacts(ctx.db, q, opts.limit);
  if (opts.kinds.includes('organizations'))
    result.organizations = await searchOrganizations(ctx.db, q, opts.limit);
  return result;
}

/** The newest tickets whose subject, description or messages match, through ticketScope. */
async function searchTickets(ctx: Ctx, query: string, limit: number): Promise<TicketDto[]> {
  const q = sql`to_tsquery('simple', ${query})`;
  const [counts] = await queryRows<{ direct: number; messages: number }>(
    ctx.db,
    sql`SELECT (SELECT count(*) FROM (SELECT 1 FROM tickets WHERE search_vector @@ ${q} LIMIT ${CANDIDATE_LIMIT}) d)::int AS direct,
               (SELECT count(*) FROM (SELECT 1 FROM ticket_messages WHERE search_vector @@ ${q} LIMIT ${CANDIDATE_LIMIT}) m)::int AS messages`,
  );
  const rare = (counts?.direct ?? 0) < CANDIDATE_LIMIT && (counts?.messages ?? 0) < CANDIDATE_LIMIT;
  const matches = rare
    ? sql`tickets.id IN (SELECT id FROM tickets WHERE search_vector @@ ${q}
                         UNION SELECT ticket_id FROM ticket_messages WHERE search_vector @@ ${q})`
    : sql`(tickets.search_vector @@ ${q}
           OR EXISTS (SELECT 1 FROM ticket_messages m WHERE m.ticket_id = tickets.id AND m.search_vector @@ ${q}))`;
  const rows = await ctx.db
    .select()
    .from(tickets)
    .where(and(matches, ticketScope(ctx.actor)))
    .orderBy(desc(tickets.updatedAt), desc(tickets.id))
    .limit(limit);
  return rows.map(toTicketDto);
}
