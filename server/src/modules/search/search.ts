// Global full-text search across tickets (subject, description, messages), contacts and
// organizations, in every language the text-search normalizer handles.
import { desc, type SQL, sql } from 'drizzle-orm';
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
import { type TicketDto, ticketDtoFor, tickets } from '../tickets/index.ts';
import { queryWords, snippetOf } from './snippet.ts';

/**
 * Common words are answered from the newest tickets: if this many of the newest visible tickets
 * already hold a full page of matches, those are exactly the newest matches overall.
 */
const RECENT_WINDOW = 5_000;

export interface SearchResult {
  tickets: TicketDto[];
  contacts: ContactDto[];
  organizations: OrganizationDto[];
  /** By ticket id: the words around the match in its description or a message, if any. */
  snippets: Record<string, string>;
}

export type SearchKind = 'tickets' | 'contacts' | 'organizations';

export async function search(
  ctx: Ctx,
  q: string,
  opts: { limit: number; kinds: SearchKind[] },
): Promise<SearchResult> {
  const query = searchQuery(q);
  const empty: SearchResult = { tickets: [], contacts: [], organizations: [], snippets: {} };
  if (!query) return empty;
  const result: SearchResult = { ...empty };
  if (opts.kinds.includes('tickets')) {
    result.tickets = await searchTickets(ctx, query, opts.limit);
    result.snippets = await ticketSnippets(ctx, query, q, result.tickets);
  }
  if (opts.kinds.includes('contacts')) result.contacts = await searchContacts(ctx.db, q, opts.limit);
  if (opts.kinds.includes('organizations'))
    result.organizations = await searchOrganizations(ctx.db, q, opts.limit);
  return result;
}

/**
 * For each found ticket, the words around the match: in its description, else in its newest
 * matching message (the tickets are already the caller's to see, and so are their messages).
 */
async function ticketSnippets(
  ctx: Ctx,
  query: string,
  q: string,
  found: TicketDto[],
): Promise<Record<string, string>> {
  const words = queryWords(q);
  const snippets: Record<string, string> = {};
  const rest: string[] = [];
  for (const t of found) {
    const s = snippetOf(t.description, words);
    if (s) snippets[t.id] = s;
    else rest.push(t.id);
  }
  if (rest.length === 0) return snippets;
  const bodies = await queryRows<{ ticket_id: string; body: string }>(
    ctx.db,
    sql`SELECT DISTINCT ON (m.ticket_id) m.ticket_id, left(m.body, 20000) AS body
          FROM ticket_messages m
         WHERE m.ticket_id IN ${rest} AND m.search_vector @@ to_tsquery('simple', ${query})
         ORDER BY m.ticket_id, m.created_at DESC`,
  );
  for (const b of bodies) {
    const s = snippetOf(b.body, words);
    if (s) snippets[b.ticket_id] = s;
  }
  return snippets;
}

/** The newest tickets whose subject, description or messages match, through ticketScope. */
async function searchTickets(ctx: Ctx, query: string, limit: number): Promise<TicketDto[]> {
  const q = sql`to_tsquery('simple', ${query})`;
  // The message check probes the walked ticket's few messages by ticket id. Written as EXISTS, the
  // planner may hash every message match of a common word; with a plain `@@` it may rebuild the
  // word's full-text bitmap for each row of a rarer one. `IS TRUE` keeps the full-text index out.
  const matches = (t: SQL) =>
    sql`(${t}.search_vector @@ ${q} OR (SELECT true FROM ticket_messages m WHERE m.ticket_id = ${t}.id AND (m.search_vector @@ ${q}) IS TRUE LIMIT 1) IS NOT NULL)`;
  // 1. Walk the newest tickets: a common word fills the page within the window.
  const recent = await queryRows<{ id: string }>(
    ctx.db,
    sql`SELECT recent.id FROM (
          SELECT tickets.id, tickets.updated_at, tickets.search_vector FROM tickets
           WHERE ${ticketScope(ctx.actor)}
           ORDER BY tickets.updated_at DESC, tickets.id DESC LIMIT ${RECENT_WINDOW}) recent
         WHERE ${matches(sql`recent`)}
         ORDER BY recent.updated_at DESC, recent.id DESC LIMIT ${limit}`,
  );
  // 2. Otherwise the word is rarer: collect every match through the full-text indexes.
  const where =
    recent.length >= limit
      ? sql`tickets.id IN ${recent.map((r) => r.id)}`
      : sql`tickets.id IN (SELECT id FROM tickets WHERE search_vector @@ ${q}
                           UNION SELECT ticket_id FROM ticket_messages WHERE search_vector @@ ${q})
            AND ${ticketScope(ctx.actor)}`;
  const rows = await ctx.db
    .select()
    .from(tickets)
    .where(where)
    .orderBy(desc(tickets.updatedAt), desc(tickets.id))
    .limit(limit);
  return rows.map((row) => ticketDtoFor(ctx.actor, row));
}
