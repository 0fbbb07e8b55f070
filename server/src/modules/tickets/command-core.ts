// What every ticket command shares (DESIGN idea 2): lock the row, check the version, append
// events and announce them on commit, and run the same-transaction subscribers.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { type Db, driverValues, type PreparedStatement, preparedStatement } from '../../platform/db.ts';
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
 * The ticket's own write that goes with its events (its INSERT or UPDATE): built once per `name`
 * with `sql.placeholder(...)` for its values, which `values` then fills.
 */
export interface TicketWrite {
  name: string;
  build(db: Db): { getSQL(): SQL };
  values: Record<string, unknown>;
}

/** What differs between the events of one statement, and what they all share. */
const EVENT_FIELDS = ['kind', 'changes', 'data', 'messageId'] as const;
const SHARED_EVENT_FIELDS = [
  'ticketId',
  'actorType',
  'actorId',
  'actorName',
  'channel',
  'createdAt',
] as const;

const eventStatements = new Map<string, PreparedStatement<{ ids: Array<string | number> }>>();

const writeStatements = new Map<string, PreparedStatement<unknown>>();

/** A ticket write alone (no events to go with it). */
function writeStatement(write: TicketWrite) {
  let statement = writeStatements.get(write.name);
  if (!statement) {
    statement = preparedStatement(`caseway_write_${write.name}`, (db) => write.build(db).getSQL());
    writeStatements.set(write.name, statement);
  }
  return statement;
}

/** Events, the ticket's write and the NOTIFY as one statement, with placeholders for the values. */
function eventsStatement(write: TicketWrite | undefined, count: number) {
  const name = `caseway_events_${write?.name ?? 'only'}_${count}`;
  let statement = eventStatements.get(name);
  if (!statement) {
    statement = preparedStatement(name, (db) => {
      // Event placeholders are named `event…`, apart from the ticket write's column names.
      const shared = Object.fromEntries(
        SHARED_EVENT_FIELDS.map((field) => [field, sql`${sql.placeholder(`event.${field}`)}`]),
      ) as Record<(typeof SHARED_EVENT_FIELDS)[number], SQL>;
      const rows = Array.from({ length: count }, (_, i) => ({
        ...shared,
        ...(Object.fromEntries(
          EVENT_FIELDS.map((field) => [field, sql`${sql.placeholder(`event${i}.${field}`)}`]),
        ) as Record<(typeof EVENT_FIELDS)[number], SQL>),
      }));
      const insert = db.insert(ticketEvents).values(rows).returning({ id: ticketEvents.id });
      const ownWrite = write ? sql`w AS (${write.build(db).getSQL()}), ` : sql``;
      return sql`WITH ${ownWrite}e AS (${insert.getSQL()}),
        ids AS (SELECT json_agg(id ORDER BY id) AS ids FROM e)
        SELECT ids.ids, pg_notify(${TICKET_EVENTS_CHANNEL}, json_build_object(
          'ticketId', ${sql.placeholder('event.ticketId')}::text, 'eventIds', ids.ids,
          'kinds', ${sql.placeholder('event.kinds')}::json)::text)
        FROM ids`;
    });
    eventStatements.set(name, statement);
  }
  return statement;
}

/**
 * Appends events to a ticket and announces them, in one statement: the events' INSERT, the
 * ticket's own write (run as a data-modifying CTE) and the NOTIFY (delivered on commit). A
 * command whose change is one row so needs one round trip. Returns the events as stored.
 */
export async function appendEvents(
  ctx: Ctx,
  ticketId: string,
  events: NewEvent[],
  write?: TicketWrite,
): Promise<TicketEventRow[]> {
  if (!events.length) {
    if (write) await writeStatement(write).run(ctx.db, write.values);
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
  const values: Record<string, unknown> = {
    ...write?.values,
    'event.kinds': JSON.stringify([...new Set(events.map((e) => e.kind))]),
  };
  for (const [field, value] of Object.entries(driverValues(ticketEvents, rows[0]!, SHARED_EVENT_FIELDS)))
    values[`event.${field}`] = value;
  for (const [i, row] of rows.entries()) {
    for (const [field, value] of Object.entries(driverValues(ticketEvents, row, EVENT_FIELDS)))
      values[`event${i}.${field}`] = value;
  }
  const [result] = await eventsStatement(write, events.length).run(ctx.db, values);
  return rows.map((row, i) => ({ ...row, id: Number(result!.ids[i]) }));
}

/** After a command applied its change and events (announced by appendEvents): the subscribers. */
export async function afterChange(ctx: TicketCtx, change: TicketChange): Promise<void> {
  const depth = ctx.depth ?? 0;
  if (ctx.hooks && depth < MAX_DEPTH) {
    for (const subscriber of ctx.hooks.inTransaction) await subscriber({ ...ctx, depth: depth + 1 }, change);
  }
}
