// What every ticket command shares (DESIGN idea 2): lock the row, check the version, append
// events and announce them on commit, and run the same-transaction subscribers.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { ticketScope } from '../access/index.ts';
import { type FieldChange, ticketEvents, tickets } from './schema.ts';
import type { TicketConfigCache } from './ticket-config.ts';
import { type TicketRow, toTicketDto } from './ticket-record.ts';

export type TicketEventRow = typeof ticketEvents.$inferSelect;

export interface TicketChange {
  before: TicketRow | null;
  after: TicketRow;
  events: TicketEventRow[];
}

/**
 * A module reacting to ticket changes inside the same transaction (routing, SLA, workflow rules).
 * It may change the ticket further through commands; nesting is limited by MAX_DEPTH.
 */
export type InTransactionSubscriber = (ctx: TicketCtx, change: TicketChange) => Promise<void>;

export interface TicketHooks {
  inTransaction: InTransactionSubscriber[];
}

export interface TicketCtx extends Ctx {
  hooks?: TicketHooks;
  /** The node's cache of picklists and custom fields (absent: read from the database). */
  config?: TicketConfigCache;
  /** How deep in subscriber-triggered commands we are. */
  depth?: number;
}

const MAX_DEPTH = 5;
export const TICKET_EVENTS_CHANNEL = 'caseway_ticket_events';

/** Runs `fn` in a transaction (or the one already open) with the ctx pointing at it. */
export async function inTransaction<T>(ctx: TicketCtx, fn: (tx: TicketCtx) => Promise<T>): Promise<T> {
  if (ctx.depth !== undefined) return fn(ctx);
  return ctx.db.transaction(async (tx) => fn({ ...ctx, db: tx as unknown as Db, depth: 0 }));
}

/**
 * Like inTransaction, but without a transaction when no in-transaction subscriber will join in:
 * for commands whose whole write is one statement (appendEvents with its `writes`), which is
 * atomic on its own. Saves the BEGIN and COMMIT round trips on the busiest command, create.
 */
export async function inTransactionIfSubscribed<T>(
  ctx: TicketCtx,
  fn: (tx: TicketCtx) => Promise<T>,
): Promise<T> {
  if (ctx.depth !== undefined || ctx.hooks?.inTransaction.length) return inTransaction(ctx, fn);
  return fn(ctx);
}

/** Locks a ticket the actor may see; a ticket outside their scope does not exist for them. */
export async function lockTicket(ctx: Ctx, id: string): Promise<TicketRow> {
  const [row] = await ctx.db
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, id), ticketScope(ctx.actor)))
    .for('update');
  if (!row) throw notFound('Ticket');
  return row;
}

export function assertVersion(row: TicketRow, version: number | undefined): void {
  if (version !== undefined && version !== row.version) {
    throw new AppError(
      'conflict',
      `The ticket is at version ${row.version}; you edited version ${version}. Reload and apply your change again.`,
      [],
      {
        current: toTicketDto(row),
      },
    );
  }
}

export interface NewEvent {
  kind: string;
  changes?: FieldChange[];
  data?: Record<string, unknown>;
  messageId?: string | null;
}

/**
 * Appends events to a ticket and announces them, in one statement: the events' INSERT, the
 * ticket's own write (`writes`: Drizzle INSERT/UPDATE builders, run as data-modifying CTEs) and
 * the NOTIFY (delivered on commit). Returns the events as stored.
 */
export async function appendEvents(
  ctx: Ctx,
  ticketId: string,
  events: NewEvent[],
  writes: Array<{ getSQL(): SQL }> = [],
): Promise<TicketEventRow[]> {
  if (!events.length) {
    for (const write of writes) await queryRows(ctx.db, write.getSQL());
    return [];
  }
  const now = ctx.clock.now();
  const actor = ctx.actor;
  const rows = events.map((e) => ({
    ticketId,
    kind: e.kind,
    changes: e.changes ?? [],
    data: e.data ?? {},
    messageId: e.messageId ?? null,
    actorType: actor.type,
    actorId: actor.type === 'agent' ? actor.id : null,
    actorName: actor.name,
    channel: ctx.channel,
    createdAt: now,
  }));
  const kinds = JSON.stringify([...new Set(events.map((e) => e.kind))]);
  const ctes = writes.map((write, i) => sql`${sql.raw(`w${i}`)} AS (${write.getSQL()}), `);
  const insert = ctx.db.insert(ticketEvents).values(rows).returning({ id: ticketEvents.id });
  const [result] = await queryRows<{ ids: Array<string | number> }>(
    ctx.db,
    sql`WITH ${sql.join(ctes)}e AS (${insert.getSQL()}),
      ids AS (SELECT json_agg(id ORDER BY id) AS ids FROM e)
      SELECT ids.ids, pg_notify(${TICKET_EVENTS_CHANNEL}, json_build_object(
        'ticketId', ${ticketId}::text, 'eventIds', ids.ids, 'kinds', ${kinds}::json)::text)
      FROM ids`,
  );
  return rows.map((row, i) => ({ ...row, id: Number(result!.ids[i]) }));
}

/** After a command applied its change and events (announced by appendEvents): the subscribers. */
export async function afterChange(ctx: TicketCtx, change: TicketChange): Promise<void> {
  const depth = ctx.depth ?? 0;
  if (ctx.hooks && depth < MAX_DEPTH) {
    for (const subscriber of ctx.hooks.inTransaction) await subscriber({ ...ctx, depth: depth + 1 }, change);
  }
}
