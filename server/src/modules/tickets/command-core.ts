// What every ticket command shares (DESIGN idea 2): lock the row, check the version, append
// events and announce them on commit, and run the same-transaction subscribers.
import { createHash } from 'node:crypto';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { notifyAfterCommit } from '../../platform/batched-notify.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor, Channel, Ctx } from '../../platform/context.ts';
import { type Db, driverValues, type PreparedStatement, preparedStatement } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertCanOnTickets, type TicketAction, ticketScope, ticketWriteScope } from '../access/index.ts';
import { ticketDtoFor } from './field-permissions.ts';
import type { ReadAhead } from './references.ts';
import { type FieldChange, ticketEvents, tickets } from './schema.ts';
import type { TicketConfigCache } from './ticket-config.ts';
import type { TicketRow } from './ticket-record.ts';

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
export type InTransactionSubscriber = ((ctx: TicketCtx, change: TicketChange) => Promise<void>) & {
  /**
   * Whether it may act on a change with these event kinds. Asked before a create, which then needs
   * no transaction of its own when no subscriber may act (absent: it may always act).
   */
  wants?: (kinds: readonly string[]) => boolean;
};

/** A change about to be written: the ticket before and after, and its events (not yet stored). */
export interface PendingChange {
  before: TicketRow | null;
  after: TicketRow;
  events: readonly NewEvent[];
}

/**
 * A module whose part of a ticket change is its own rows (the SLA state): it sees the change just
 * before it is written, may read, and returns its writes and events, which go into the command's
 * one statement. So it costs no round trip and needs no transaction of its own.
 */
export type AlongsideSubscriber = (
  ctx: TicketCtx,
  change: PendingChange,
) => Promise<{ writes: TicketWrite[]; events: NewEvent[] }>;

/**
 * A module reacting to committed ticket changes (notifications, webhooks, time-based rules, …).
 * The statement that appends the events also adds an outbox job for each subscriber that wants
 * them, so delivery is at least once, in order per ticket, shared by every node's workers and
 * retried with backoff; a job that runs out of attempts is listed for administrators.
 */
export interface AfterCommitSubscriber {
  /** Names its outbox topic (`ticket-events.<name>`). */
  name: string;
  /**
   * Whether it wants a change with these event kinds (`events`: the events themselves, for a
   * closer look); a change nobody wants adds no job.
   */
  wants(kinds: readonly string[], events: readonly Pick<NewEvent, 'kind' | 'data'>[]): boolean;
  /** The committed events of one change, in order. It may be called again with the same events. */
  handle(events: TicketEventRow[], ctx: { db: Db; clock: Clock }): Promise<void>;
}

/** The outbox topic of an after-commit subscriber. */
export const afterCommitTopic = (name: string): string => `ticket-events.${name}`;

/**
 * A module that shapes a new ticket before it is written (routing rules), so that what it does
 * costs the create no round trip: it names what it must read (`reads`, columns that ride along in
 * the create's first query), then changes the pending row and adds its events and writes to the
 * create's one statement (`shape`). What it cannot do before the insert it leaves to its
 * in-transaction subscriber: `handOver` asks for a transaction, and `chain` marks what it already
 * did (see TicketCtx.chain).
 */
export interface BeforeCreateSubscriber {
  reads(
    ctx: TicketCtx,
    refs: Pick<TicketRow, 'contactId' | 'organizationId'>,
  ): Promise<Record<string, ReadAhead>>;
  shape(ctx: TicketCtx, row: TicketRow, read: Record<string, unknown>): Promise<CreateShaping>;
}

export interface CreateShaping {
  row: TicketRow;
  events: NewEvent[];
  writes: TicketWrite[];
  chain: string[];
  handOver: boolean;
}

export interface TicketHooks {
  inTransaction: InTransactionSubscriber[];
  beforeCreate?: BeforeCreateSubscriber[];
  alongside?: AlongsideSubscriber[];
  afterCommit?: AfterCommitSubscriber[];
}

/** What the alongside subscribers add to a change: their writes and events. */
export async function alongsideOf(
  ctx: TicketCtx,
  change: PendingChange,
): Promise<{ writes: TicketWrite[]; events: NewEvent[] }> {
  const writes: TicketWrite[] = [];
  const events: NewEvent[] = [];
  for (const subscriber of ctx.hooks?.alongside ?? []) {
    const part = await subscriber(ctx, change);
    writes.push(...part.writes);
    events.push(...part.events);
  }
  return { writes, events };
}

export interface TicketCtx extends Ctx {
  hooks?: TicketHooks;
  /** The node's cache of picklists and custom fields (absent: read from the database). */
  config?: TicketConfigCache;
  /** How deep in subscriber-triggered commands we are. */
  depth?: number;
  /**
   * What subscribers have done along this chain of commands (e.g. the rules already applied), so
   * none acts twice on the changes it caused itself.
   */
  chain?: readonly string[];
  /**
   * The live-event payloads of the command's transaction, sent when it has committed (see
   * batched-notify.ts). Absent when a caller runs commands in a transaction of its own: then each
   * statement carries its NOTIFY, delivered at that transaction's commit.
   */
  announcements?: string[];
}

const MAX_DEPTH = 5;
export const TICKET_EVENTS_CHANNEL = 'caseway_ticket_events';

/**
 * Runs `fn` in a transaction (or the one already open) with the ctx pointing at it; the live
 * events are announced once it has committed.
 */
export async function inTransaction<T>(ctx: TicketCtx, fn: (tx: TicketCtx) => Promise<T>): Promise<T> {
  if (ctx.depth !== undefined) return fn(ctx);
  const announcements: string[] = [];
  const result = await ctx.db.transaction(async (tx) =>
    fn({ ...ctx, db: tx as unknown as Db, depth: 0, announcements }),
  );
  notifyAfterCommit(ctx.db, TICKET_EVENTS_CHANNEL, announcements, ctx.log);
  return result;
}

/**
 * Like inTransaction (for create), but without a transaction when no in-transaction subscriber may
 * act on a new ticket:
 * for commands whose whole write is one statement (appendEvents with its `writes`), which is
 * atomic on its own. Saves the BEGIN and COMMIT round trips on the busiest command, create.
 */
export async function inTransactionIfSubscribed<T>(
  ctx: TicketCtx,
  fn: (tx: TicketCtx) => Promise<T>,
  handedOver = false,
): Promise<T> {
  const subscribed =
    handedOver || (ctx.hooks?.inTransaction ?? []).some((s) => !s.wants || s.wants(['created']));
  if (ctx.depth !== undefined || subscribed) return inTransaction(ctx, fn);
  const announcements: string[] = [];
  const result = await fn({ ...ctx, announcements });
  notifyAfterCommit(ctx.db, TICKET_EVENTS_CHANNEL, announcements, ctx.log);
  return result;
}

/**
 * Locks a ticket for `action`. A ticket outside the actor's scope does not exist for them (404);
 * on a visible one, an action their profile forbids is a 403, and so is anything but an internal
 * note on a ticket they only read (a read-only share or team membership).
 */
export async function lockTicket(ctx: Ctx, id: string, action: TicketAction = 'edit'): Promise<TicketRow> {
  const [hit] = await ctx.db
    .select({ row: tickets, writable: sql<boolean>`(${ticketWriteScope(ctx.actor)})` })
    .from(tickets)
    .where(and(eq(tickets.id, id), ticketScope(ctx.actor)))
    .for('update');
  if (!hit) throw notFound('Ticket');
  assertCanOnTickets(ctx.actor, action);
  if (action !== 'note' && action !== 'view' && !hit.writable)
    throw new AppError('forbidden', 'You may see this ticket and add internal notes, but not change it');
  return hit.row;
}

export function assertVersion(row: TicketRow, version: number | undefined, actor: Actor): void {
  if (version !== undefined && version !== row.version) {
    throw new AppError(
      'conflict',
      `The ticket is at version ${row.version}; you edited version ${version}. Reload and apply your change again.`,
      [],
      {
        current: ticketDtoFor(actor, row),
      },
    );
  }
}

export interface NewEvent {
  kind: string;
  changes?: FieldChange[];
  data?: Record<string, unknown>;
  messageId?: string | null;
  /** Who did it, when not the command's actor (a rule acting within the command). */
  by?: { actor: Actor; channel: Channel };
}

/**
 * The ticket's own write that goes with its events (its INSERT or UPDATE): built once per `name`
 * with `sql.placeholder(...)` for its values, which `values` then fills.
 */
export interface TicketWrite {
  name: string;
  /** The statement, its placeholders named `${prefix}${value name}`. */
  build(db: Db, prefix: string): { getSQL(): SQL };
  values: Record<string, unknown>;
}

/** What differs between the events of one statement, and what they all share. */
const EVENT_FIELDS = [
  'kind',
  'changes',
  'data',
  'messageId',
  'actorType',
  'actorId',
  'actorName',
  'channel',
] as const;
const SHARED_EVENT_FIELDS = ['ticketId', 'createdAt'] as const;

const eventStatements = new Map<string, PreparedStatement<{ ids: Array<string | number> }>>();
const writeStatements = new Map<string, PreparedStatement<unknown>>();

/** The writes of one statement as CTEs w0, w1, … (no trailing comma); write i's values are named `w{i}.…`. */
function writeCtes(db: Db, writes: readonly TicketWrite[]): SQL {
  return sql.join(
    writes.map((write, i) => sql`${sql.raw(`w${i}`)} AS (${write.build(db, `w${i}.`).getSQL()})`),
    sql`, `,
  );
}

/** Statement names by their full form (hashed once). */
const shortNames = new Map<string, string>();

function statementName(kind: string, writes: readonly TicketWrite[], count: number): string {
  const name = `caseway_${kind}_${writes.map((w) => w.name).join('_')}_${count}`;
  if (name.length <= 63) return name;
  // PostgreSQL keeps 63 bytes of a name; a longer one is shortened to a stable hash.
  let short = shortNames.get(name);
  if (!short) {
    short = `caseway_${kind}_${createHash('sha1').update(name).digest('hex').slice(0, 24)}`;
    shortNames.set(name, short);
  }
  return short;
}

/** Ticket writes alone (no events to go with them), one statement. */
function writesStatement(writes: readonly TicketWrite[]) {
  const name = statementName('writes', writes, 0);
  let statement = writeStatements.get(name);
  if (!statement) {
    statement = preparedStatement(name, (db) => sql`WITH ${writeCtes(db, writes)} SELECT 1`);
    writeStatements.set(name, statement);
  }
  return statement;
}

/**
 * Events and the writes as one statement, with placeholders for the values; with `jobs`, the
 * after-commit subscribers' outbox jobs (one per topic in `outbox.topics`); with `notify`, the
 * NOTIFY too (for a caller's own transaction, where it is delivered at commit).
 */
function eventsStatement(writes: readonly TicketWrite[], count: number, notify: boolean, jobs: boolean) {
  const name = statementName(`${notify ? 'events' : 'ev'}${jobs ? 'j' : ''}`, writes, count);
  let statement = eventStatements.get(name);
  if (!statement) {
    statement = preparedStatement(name, (db) => {
      // Event placeholders are named `event…`, apart from the writes' (`w0.…`).
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
      const ctes = writes.length ? sql`${writeCtes(db, writes)}, ` : sql``;
      const ticketId = sql`${sql.placeholder('event.ticketId')}::text`;
      const outboxJobs = jobs
        ? sql`, o AS (INSERT INTO outbox (topic, payload, available_at, created_at, ordering_key)
            SELECT topic, jsonb_build_object('ticketId', ${ticketId}, 'eventIds', ids.ids),
                   ${sql.placeholder('event.createdAt')}::timestamptz, ${sql.placeholder('event.createdAt')}::timestamptz, ${ticketId}
              FROM json_array_elements_text(${sql.placeholder('outbox.topics')}::json) AS topic, ids)`
        : sql``;
      const select = notify
        ? sql`SELECT ids.ids, pg_notify(${TICKET_EVENTS_CHANNEL}, json_build_object(
            'ticketId', ${ticketId}, 'eventIds', ids.ids,
            'kinds', ${sql.placeholder('event.kinds')}::json${jobs ? sql`, 'outbox', true` : sql``})::text)
          FROM ids`
        : sql`SELECT ids.ids FROM ids`;
      return sql`WITH ${ctes}e AS (${insert.getSQL()}),
        ids AS (SELECT json_agg(id ORDER BY id) AS ids FROM e)${outboxJobs}
        ${select}`;
    });
    eventStatements.set(name, statement);
  }
  return statement;
}

/** The topics of the after-commit subscribers that want a change with these kinds. */
function afterCommitTopics(ctx: TicketCtx, kinds: readonly string[], events: readonly NewEvent[]): string[] {
  return (ctx.hooks?.afterCommit ?? [])
    .filter((s) => s.wants(kinds, events))
    .map((s) => afterCommitTopic(s.name));
}

function writeValues(writes: readonly TicketWrite[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  writes.forEach((write, i) => {
    for (const [key, value] of Object.entries(write.values)) values[`w${i}.${key}`] = value;
  });
  return values;
}

/**
 * Appends events to a ticket and announces them, in one statement: the events' INSERT and the
 * ticket's own write (run as a data-modifying CTE). A command whose change is one row so needs one
 * round trip. The announcement is sent after commit (ctx.announcements), or, in a caller's own
 * transaction, is a NOTIFY in the statement. Returns the events as stored.
 */
export async function appendEvents(
  ctx: TicketCtx,
  ticketId: string,
  events: NewEvent[],
  writes: TicketWrite | readonly TicketWrite[] = [],
): Promise<TicketEventRow[]> {
  const all = Array.isArray(writes) ? writes : [writes as TicketWrite];
  if (!events.length) {
    if (all.length) await writesStatement(all).run(ctx.db, writeValues(all));
    return [];
  }
  const now = ctx.clock.now();
  const rows = events.map((e) => {
    const actor = e.by?.actor ?? ctx.actor;
    return {
      ticketId,
      kind: e.kind,
      changes: e.changes ?? [],
      data: e.data ?? {},
      messageId: e.messageId ?? null,
      actorType: actor.type,
      actorId: actor.type === 'agent' ? actor.id : null,
      actorName: actor.name,
      channel: e.by?.channel ?? ctx.channel,
      createdAt: now,
    };
  });
  const kinds = [...new Set(events.map((e) => e.kind))];
  const values: Record<string, unknown> = { ...writeValues(all), 'event.kinds': JSON.stringify(kinds) };
  for (const [field, value] of Object.entries(driverValues(ticketEvents, rows[0]!, SHARED_EVENT_FIELDS)))
    values[`event.${field}`] = value;
  for (const [i, row] of rows.entries()) {
    for (const [field, value] of Object.entries(driverValues(ticketEvents, row, EVENT_FIELDS)))
      values[`event${i}.${field}`] = value;
  }
  const topics = afterCommitTopics(ctx, kinds, events);
  if (topics.length) values['outbox.topics'] = JSON.stringify(topics);
  const notify = !ctx.announcements;
  const [result] = await eventsStatement(all, events.length, notify, topics.length > 0).run(ctx.db, values);
  const eventIds = result!.ids.map(Number);
  ctx.announcements?.push(
    JSON.stringify({ ticketId, eventIds, kinds, ...(topics.length ? { outbox: true } : {}) }),
  );
  return rows.map((row, i) => ({ ...row, id: eventIds[i]! }));
}

/**
 * Events about a ticket that change no field of it (an SLA warning or breach), with the writes that
 * go with them, as a change the in-transaction subscribers see (rules on SLA events); call it in
 * a transaction (the ticket row is read, unlocked, for them).
 */
export async function recordTicketEvents(
  ctx: TicketCtx,
  ticketId: string,
  events: NewEvent[],
  writes: TicketWrite | readonly TicketWrite[] = [],
): Promise<TicketEventRow[]> {
  const stored = await appendEvents(ctx, ticketId, events, writes);
  if (stored.length && ctx.hooks?.inTransaction.length) {
    const [row] = await ctx.db.select().from(tickets).where(eq(tickets.id, ticketId));
    if (row) await afterChange(ctx, { before: row, after: row, events: stored });
  }
  return stored;
}

/** After a command applied its change and events (announced by appendEvents): the subscribers. */
export async function afterChange(ctx: TicketCtx, change: TicketChange): Promise<void> {
  const depth = ctx.depth ?? 0;
  if (ctx.hooks && depth < MAX_DEPTH) {
    for (const subscriber of ctx.hooks.inTransaction) await subscriber({ ...ctx, depth: depth + 1 }, change);
  }
}
