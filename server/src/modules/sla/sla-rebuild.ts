// SLA rows worked out in bulk (S3): for tickets whose SLA state was never kept (seeded, imported,
// older than the SLA module) their facts come from their own history (ticket events, read in one
// query per batch); for the others, from their row. Used by the seed, by imports and by the
// re-computation after a policy or calendar change.
import { getTableColumns, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows, uuidArray } from '../../platform/db.ts';
import {
  appendTicketEvents,
  type TicketCtx,
  type TicketRow,
  ticketRegistry,
  tickets,
  withRelated,
} from '../tickets/index.ts';
import { choosePolicy, type SlaConfigCache } from './policy-matching.ts';
import { ticketSla } from './schema.ts';
import { historyFactsOf, loadSlaHistory } from './sla-history-load.ts';
import { factsOf, pastNotices, slaRowOf, type TicketSlaRow } from './ticket-sla.ts';

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const BATCH = 500;

const { searchVector: _sv, ...ticketColumns } = getTableColumns(tickets);

/**
 * Works out and writes the SLA rows of some tickets (at most a batch; the caller holds the
 * transaction). `fromHistory`: 'all' rebuilds every row from the ticket's history; 'missing' only
 * the tickets without a row, the others keeping their facts (a policy or calendar changed).
 */
export async function writeSlaRows(
  ctx: TicketCtx,
  config: SlaConfigCache,
  ids: readonly string[],
  fromHistory: 'all' | 'missing',
): Promise<number> {
  if (!ids.length) return 0;
  const rows = await ctx.db
    .select(ticketColumns)
    .from(tickets)
    .where(inArray(tickets.id, [...ids]));
  const existing = new Map(
    (
      await ctx.db
        .select()
        .from(ticketSla)
        .where(inArray(ticketSla.ticketId, [...ids]))
        .for('update')
    ).map((r) => [r.ticketId, r]),
  );
  const related = new Map(
    (
      await queryRows<{ id: string; tier: string | null; vip: boolean | null }>(
        ctx.db,
        sql`SELECT t.id, o.tier, c.vip FROM tickets t
              LEFT JOIN organizations o ON o.id = t.organization_id
              LEFT JOIN contacts c ON c.id = t.contact_id
             WHERE t.id = ANY(${uuidArray(ids)})`,
      )
    ).map((r) => [r.id, r]),
  );
  const needHistory = rows.filter((r) => fromHistory === 'all' || !existing.has(r.id)).map((r) => r.id);
  const history = await loadSlaHistory(ctx.db, needHistory);
  const policies = await config.get(ctx.db);
  const registry = await ticketRegistry(ctx, { viewer: false });
  const now = seconds(ctx.clock.now());
  const updated: TicketSlaRow[] = [];
  for (const raw of rows) {
    const ticket: TicketRow = { ...raw, searchVector: null };
    const before = existing.get(ticket.id);
    const policy = choosePolicy(policies, withRelated(ticket, related.get(ticket.id)), registry);
    const items = history.get(ticket.id);
    const facts = items ? historyFactsOf(ticket, items) : factsOf(before!);
    // Rebuilt facts: what is already past counts as given (its breach shows, nobody is alerted).
    const fired = items
      ? [...new Set([...(before?.fired ?? []), ...pastNotices(policy, ticket.priority, facts, now)])]
      : before!.fired;
    updated.push(slaRowOf(ticket.id, policy, ticket.priority, facts, fired, now));
    if (before && before.policyId !== (policy?.id ?? null)) {
      await appendTicketEvents(ctx, ticket.id, [
        {
          kind: 'sla_policy_changed',
          data: {
            policyId: policy?.id ?? null,
            policyName: policy?.name ?? null,
            previousPolicyId: before.policyId,
          },
        },
      ]);
    }
  }
  if (!updated.length) return 0;
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  await ctx.db
    .insert(ticketSla)
    .values(updated)
    .onConflictDoUpdate({
      target: ticketSla.ticketId,
      set: Object.fromEntries(
        Object.entries(getTableColumns(ticketSla))
          .filter(([key]) => key !== 'ticketId')
          .map(([key, column]) => [key, excluded(column.name)]),
      ),
    });
  return updated.length;
}

/**
 * Rebuilds the SLA rows of these tickets from their own history (after a seed or an import that
 * wrote tickets without their SLA state), in batches, each in its own transaction.
 */
export async function rebuildTicketSlas(
  ctx: TicketCtx,
  config: SlaConfigCache,
  ticketIds: readonly string[],
): Promise<number> {
  let written = 0;
  for (let i = 0; i < ticketIds.length; i += BATCH) {
    const slice = ticketIds.slice(i, i + BATCH);
    written += await ctx.db.transaction(async (tx) =>
      writeSlaRows({ ...ctx, db: tx as unknown as Db }, config, slice, 'all'),
    );
  }
  return written;
}
