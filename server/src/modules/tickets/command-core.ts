// What every ticket command shares (DESIGN idea 2): lock the row, check the version, append
// events, run the same-transaction subscribers, and announce the change on commit.
import { and, eq, sql } from 'drizzle-orm';
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

export async function appendEvents(
  ctx: Ctx,
  ticketId: string,
  events: NewEvent[],
): Promise<TicketEventRow[]> {
  if (!events.length) return [];
  const now = ctx.clock.now();
  const actor = ctx.actor;
  return ctx.db
    .insert(ticketEvents)
    .values(
      events.map((e) => ({
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
      })),
    )
    .returning();
}

/** After a command applied its change and events: subscribers, then the commit-time announcement. */
export async function afterChange(ctx: TicketCtx, change: TicketChange): Promise<void> {
  const depth = ctx.depth ?? 0;
  if (ctx.hooks && depth < MAX_DEPTH) {
    for (const subscriber of ctx.hooks.inTransaction) await subscriber({ ...ctx, depth: depth + 1 }, change);
  }
  if (change.events.length) {
    const payload = JSON.stringify({
      ticketId: change.after.id,
      eventIds: change.events.map((e) => e.id),
      kinds: [...new Set(change.events.map((e) => e.kind))],
    });
    await queryRows(ctx.db, sql`SELECT pg_notify(${TICKET_EVENTS_CHANNEL}, ${payload})`);
  }
}
