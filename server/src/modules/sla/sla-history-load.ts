// A ticket's SLA history read from the database (S3): its public replies and customer messages
// (message_added events) and its changes of status category, for many tickets in one query; and
// the facts they lead to, the ticket's current status category having the last word.
import { sql } from 'drizzle-orm';
import { type Db, queryRows, uuidArray } from '../../platform/db.ts';
import type { TicketRow } from '../tickets/index.ts';
import { factsFromHistory, inHistoryOrder, type SlaHistoryItem, stopOf } from './sla-history.ts';
import type { SlaFacts } from './ticket-clock.ts';

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

interface HistoryRow {
  ticket_id: string;
  message_kind: string | null;
  category: string | null;
  created_at: Date | string;
}

/**
 * The SLA history of each ticket: its public replies and customer messages (message_added
 * events) and its changes of status category, in the order they happened.
 */
export async function loadSlaHistory(db: Db, ids: readonly string[]): Promise<Map<string, SlaHistoryItem[]>> {
  const out = new Map<string, SlaHistoryItem[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows = await queryRows<HistoryRow>(
    db,
    sql`SELECT e.ticket_id,
               CASE WHEN e.kind = 'message_added' THEN e.data->>'kind' END AS message_kind,
               (SELECT pv.category FROM picklist_values pv
                 WHERE pv.picklist = 'status'
                   AND pv.key = (SELECT c->>'to' FROM jsonb_array_elements(e.changes) c
                                  WHERE c->>'field' = 'status' LIMIT 1)) AS category,
               e.created_at
          FROM ticket_events e
         WHERE e.ticket_id = ANY(${uuidArray(ids)})
           AND (e.kind = 'message_added' OR e.changes @> '[{"field":"status"}]'::jsonb)
         ORDER BY e.ticket_id, e.id`,
  );
  for (const row of rows) {
    const at = seconds(new Date(row.created_at));
    const list = out.get(row.ticket_id)!;
    // One command's message comes before the status change it caused (a reply opening a new ticket).
    if (row.message_kind === 'reply' || row.message_kind === 'customer')
      list.push({ at, kind: row.message_kind });
    if (row.category) list.push({ at, kind: 'category', category: row.category });
  }
  return out;
}

/** The facts of a ticket from its history, its current status category having the last word. */
export function historyFactsOf(ticket: TicketRow, items: readonly SlaHistoryItem[]): SlaFacts {
  const ordered = inHistoryOrder(items);
  const last = [...ordered].reverse().find((i) => i.kind === 'category');
  const replayed = last?.kind === 'category' ? last.category : 'new';
  // A status whose category changed since, or a change that left no event: the row says where it is.
  if (stopOf(replayed) !== stopOf(ticket.statusCategory)) {
    const at = seconds(
      stopOf(ticket.statusCategory) === 'resolved' && ticket.resolvedAt
        ? ticket.resolvedAt
        : ticket.updatedAt,
    );
    ordered.push({ at, kind: 'category', category: ticket.statusCategory });
  }
  return factsFromHistory(seconds(ticket.createdAt), ordered);
}
