// Reading tickets: one, a filtered and sorted page (keyset), a count, the timeline and the history.
// Every query is scoped by ticketScope(actor): nothing is filtered after fetching.
import { and, desc, eq, getTableColumns, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { parseInstant } from '../../platform/clock.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { queryRows } from '../../platform/db.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { ticketScope, viewerTicketFields } from '../access/index.ts';
import { type Condition, type FieldRegistry, toSql, validateCondition } from '../conditions/index.ts';
import { type MessageDto, type MessageRow, toMessageDto } from './add-message.ts';
import { type AttachmentDto, attachmentsOfMessages } from './attachments.ts';
import { assertFieldsVisible, redactTicket, visibleChanges } from './field-permissions.ts';
import { type FieldChange, ticketEvents, ticketMessages, tickets, ticketTeam } from './schema.ts';
import { type ConfigCtx, ticketConfig } from './ticket-config.ts';
import { SORT_SQL, sharedTicketRegistry, ticketFieldRegistry } from './ticket-fields.ts';
import type { TicketDto, TicketRow } from './ticket-record.ts';

const { searchVector: _omit, ...listColumns } = getTableColumns(tickets);
export type ListedTicket = Omit<TicketRow, 'searchVector'>;

export async function getTicket(ctx: Ctx, id: string): Promise<ListedTicket> {
  const [row] = await ctx.db
    .select(listColumns)
    .from(tickets)
    .where(and(eq(tickets.id, id), ticketScope(ctx.actor)));
  if (!row) throw notFound('Ticket');
  return row;
}

/**
 * The ticket fields for `ctx.actor`, the per-viewer ones (access.*) included; `viewer: false`
 * leaves them out, for rules that run for nobody in particular (SLA policies).
 */
export async function ticketRegistry(
  ctx: Ctx & ConfigCtx,
  opts: { viewer?: boolean } = {},
): Promise<FieldRegistry> {
  const { lists, defs } = await ticketConfig(ctx);
  if (opts.viewer === false) return sharedTicketRegistry(lists, defs);
  return ticketFieldRegistry(lists, defs, viewerTicketFields(ctx.actor));
}

/**
 * Tickets as the in-memory condition back end reads them: the row plus the agent ids of its
 * related team (`teamAgentIds`, for the access.* fields).
 */
export async function ticketSnapshots<T extends { id: string }>(
  ctx: Pick<Ctx, 'db'>,
  rows: readonly T[],
): Promise<Array<T & { teamAgentIds: string[] }>> {
  const ids = rows.map((r) => r.id);
  const team = ids.length
    ? await ctx.db
        .select({ ticketId: ticketTeam.ticketId, agentId: ticketTeam.agentId })
        .from(ticketTeam)
        .where(inArray(ticketTeam.ticketId, ids))
    : [];
  const byTicket = new Map<string, string[]>();
  for (const m of team) byTicket.set(m.ticketId, [...(byTicket.get(m.ticketId) ?? []), m.agentId]);
  return rows.map((r) => ({ ...r, teamAgentIds: (byTicket.get(r.id) ?? []).sort() }));
}

/** Parses the `filter` query parameter (condition JSON) into a checked condition. */
export function parseFilter(raw: string | undefined, registry: FieldRegistry): Condition | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length > 20_000) throw invalid('filter', 'is too long');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid('filter', 'is not valid JSON');
  }
  return validateCondition(parsed, registry, { path: 'filter' });
}

export interface SortKey {
  field: string;
  dir: 'asc' | 'desc';
  expr: SQL;
  type: string;
}

/** `-priority,updatedAt` → sort keys; the id is always the last tie-breaker. */
export function parseSort(raw: string | undefined, registry: FieldRegistry): SortKey[] {
  const parts = (raw || '-updatedAt')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > 4) throw invalid('sort', 'at most 4 sort fields');
  const keys: SortKey[] = [];
  for (const part of parts) {
    const dir = part.startsWith('-') ? 'desc' : 'asc';
    const field = part.replace(/^[-+]/, '');
    const def = registry.get(field);
    if (!def?.sortable) throw invalid('sort', `cannot sort by "${field.slice(0, 100)}"`);
    keys.push({ field, dir, expr: SORT_SQL[field] ?? def.sql, type: SORT_SQL[field] ? 'number' : def.type });
  }
  return keys;
}

type CursorValue = string | number | boolean | null;

function encodeCursor(values: CursorValue[], id: string): string {
  return Buffer.from(JSON.stringify([values, id])).toString('base64url');
}

function decodeCursor(cursor: string, keys: SortKey[]): { values: CursorValue[]; id: string } {
  try {
    const [values, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      CursorValue[],
      string,
    ];
    if (
      !Array.isArray(values) ||
      values.length !== keys.length ||
      typeof id !== 'string' ||
      !/^[0-9a-f-]{36}$/.test(id)
    )
      throw new Error();
    for (const v of values)
      if (v !== null && !['string', 'number', 'boolean'].includes(typeof v)) throw new Error();
    return { values, id };
  } catch {
    throw invalid('cursor', 'is not a cursor from this list (did the sort change?)');
  }
}

/** Sort fields whose column is NOT NULL, where a keyset can be a single row comparison. */
const NOT_NULL_SORTS = new Set([
  'priority',
  'number',
  'subject',
  'status',
  'channel',
  'createdAt',
  'updatedAt',
  'reopenCount',
  'messageCount',
]);

const CASTS: Record<string, SQL> = {
  datetime: sql`timestamptz`,
  date: sql`date`,
  number: sql`numeric`,
  boolean: sql`boolean`,
  id: sql`uuid`,
};

function param(key: SortKey, value: CursorValue): SQL {
  const cast = CASTS[key.type];
  return cast ? sql`CAST(${value} AS ${cast})` : sql`${value}::text`;
}

/**
 * Rows strictly after the cursor in the ORDER BY (each key NULLS LAST, then id). When all keys are
 * non-null and go the same way this is one row comparison, which an index can seek to.
 */
function afterCursor(keys: SortKey[], values: CursorValue[], id: string): SQL {
  const sameDir = keys.every((k) => k.dir === keys[0]!.dir);
  if (sameDir && keys.every((k) => NOT_NULL_SORTS.has(k.field)) && values.every((v) => v !== null)) {
    const lhs = sql.join([...keys.map((k) => k.expr), sql`tickets.id`], sql`, `);
    const rhs = sql.join([...keys.map((k, i) => param(k, values[i]!)), sql`${id}::uuid`], sql`, `);
    return keys[0]!.dir === 'desc' ? sql`(${lhs}) < (${rhs})` : sql`(${lhs}) > (${rhs})`;
  }
  const idCmp =
    (keys.at(-1)?.dir ?? 'asc') === 'desc' ? sql`tickets.id < ${id}::uuid` : sql`tickets.id > ${id}::uuid`;
  let acc: SQL = idCmp;
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i]!;
    const v = values[i]!;
    if (v === null) {
      acc = sql`(${k.expr} IS NULL AND ${acc})`;
    } else {
      const p = param(k, v);
      const beyond = k.dir === 'desc' ? sql`${k.expr} < ${p}` : sql`${k.expr} > ${p}`;
      acc = sql`(${beyond} OR ${k.expr} IS NULL OR (${k.expr} = ${p} AND ${acc}))`;
    }
  }
  return acc;
}

export interface ListOptions {
  filter?: string | undefined;
  condition?: Condition | undefined;
  sort?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listTickets(
  ctx: Ctx & ConfigCtx,
  opts: ListOptions,
): Promise<{ items: ListedTicket[]; nextCursor: string | null }> {
  const registry = await ticketRegistry(ctx);
  const filter = opts.condition ?? parseFilter(opts.filter, registry);
  const keys = parseSort(opts.sort, registry);
  assertFieldsVisible(ctx.actor, 'filter', { condition: opts.condition ? undefined : filter });
  assertFieldsVisible(ctx.actor, 'sort', { fields: keys.map((k) => k.field) });
  const where: SQL[] = [ticketScope(ctx.actor)];
  if (filter) where.push(toSql(filter, registry));
  if (opts.cursor) {
    const { values, id } = decodeCursor(opts.cursor, keys);
    where.push(afterCursor(keys, values, id));
  }
  // NOT NULL columns sort without NULLS LAST, so a backward index scan serves DESC (no sort step).
  const order = [
    ...keys.map((k) => {
      if (NOT_NULL_SORTS.has(k.field)) return k.dir === 'desc' ? sql`${k.expr} DESC` : sql`${k.expr} ASC`;
      return k.dir === 'desc' ? sql`${k.expr} DESC NULLS LAST` : sql`${k.expr} ASC NULLS LAST`;
    }),
    (keys.at(-1)?.dir ?? 'asc') === 'desc' ? sql`tickets.id DESC` : sql`tickets.id ASC`,
  ];
  const sortColumns = Object.fromEntries(
    keys.map((k, i) => [`sort${i}`, sql<CursorValue>`${k.expr}`.as(`sort${i}`)]),
  );
  const rows = await ctx.db
    .select({ ...listColumns, ...sortColumns })
    .from(tickets)
    .where(and(...where))
    .orderBy(...order)
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  const last = page.at(-1) as (ListedTicket & Record<string, unknown>) | undefined;
  const nextCursor =
    rows.length > opts.limit && last
      ? encodeCursor(
          keys.map((_k, i) => {
            const v = last[`sort${i}`];
            return v instanceof Date ? v.toISOString() : (v as CursorValue);
          }),
          last.id,
        )
      : null;
  const items = page.map((r) => {
    const { ...row } = r as ListedTicket & Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) delete row[`sort${i}`];
    return row as ListedTicket;
  });
  return { items, nextCursor };
}

export async function countTickets(
  ctx: Ctx & ConfigCtx,
  opts: { filter?: string | undefined; condition?: Condition | undefined },
): Promise<number> {
  const registry = await ticketRegistry(ctx);
  const filter = opts.condition ?? parseFilter(opts.filter, registry);
  assertFieldsVisible(ctx.actor, 'filter', { condition: opts.condition ? undefined : filter });
  const where: SQL[] = [ticketScope(ctx.actor)];
  if (filter) where.push(toSql(filter, registry));
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(and(...where));
  return row?.n ?? 0;
}

export interface TimelineEvent {
  id: string;
  kind: string;
  changes: Array<{ field: string; from: unknown; to: unknown }>;
  data: Record<string, unknown>;
  actorType: string;
  actorId: string | null;
  actorName: string;
  channel: string;
  createdAt: string;
}

export type TimelineItem =
  | { type: 'message'; at: string; message: MessageDto }
  | { type: 'event'; at: string; event: TimelineEvent };

/**
 * Messages and events in time order. A message's own "message_added" event is folded into the
 * message; messages moved in by a merge appear at the time they were written.
 */
export async function timeline(
  ctx: Ctx,
  ticketId: string,
  opts: { limit: number; cursor?: string | undefined; order: 'asc' | 'desc' },
): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
  let after: SQL = sql`TRUE`;
  if (opts.cursor) {
    const [at, key] = decodeTimelineCursor(opts.cursor);
    after =
      opts.order === 'asc'
        ? sql`(at, k) > (${at}::timestamptz, ${key}::text)`
        : sql`(at, k) < (${at}::timestamptz, ${key}::text)`;
  }
  const direction = opts.order === 'asc' ? sql`ASC` : sql`DESC`;
  // One round trip: the visibility check and both kinds of rows, each as JSON.
  const rows = await queryRows<{
    type: 'm' | 'e';
    at: Date | string;
    k: string;
    row: Record<string, unknown>;
  }>(
    ctx.db,
    sql`SELECT type, at, k, row FROM (
          SELECT 'm' AS type, m.created_at AS at,
                 lpad(coalesce((SELECT min(e.id) FROM ${ticketEvents} e WHERE e.message_id = m.id), 0)::text, 20, '0') || 'm' AS k,
                 to_jsonb(m) - 'search_vector' AS row
            FROM ${ticketMessages} m WHERE m.ticket_id = ${ticketId}
          UNION ALL
          SELECT 'e', e.created_at, lpad(e.id::text, 20, '0') || 'e', to_jsonb(e)
            FROM ${ticketEvents} e WHERE e.ticket_id = ${ticketId} AND e.kind <> 'message_added'
        ) t
        WHERE ${after} AND EXISTS (SELECT 1 FROM tickets WHERE tickets.id = ${ticketId} AND ${ticketScope(ctx.actor)})
        ORDER BY at ${direction}, k ${direction}
        LIMIT ${opts.limit + 1}`,
  );
  // Every ticket has at least its "created" event: nothing at all means not visible (or no such ticket).
  if (!rows.length && !opts.cursor) await getTicket(ctx, ticketId);
  const page = rows.slice(0, opts.limit);
  const messages = page.filter((r) => r.type === 'm').map((r) => messageFromJson(r.row));
  const files: Map<string, AttachmentDto[]> = await attachmentsOfMessages(
    ctx.db,
    messages.map((m) => m.id),
  );
  const items: TimelineItem[] = page.flatMap((r): TimelineItem[] => {
    if (r.type === 'm') {
      const m = messageFromJson(r.row);
      return [
        {
          type: 'message',
          at: m.createdAt.toISOString(),
          message: toMessageDto(m, files.get(m.id) ?? [], ctx.actor),
        },
      ];
    }
    const e = eventFromJson(r.row);
    const event = toTimelineEvent(e, ctx.actor);
    // An event that only changed fields hidden from the actor is not shown at all.
    if (e.changes.length > 0 && event.changes.length === 0 && e.kind !== 'created') return [];
    return [{ type: 'event', at: e.createdAt.toISOString(), event }];
  });
  const last = page.at(-1);
  const nextCursor =
    rows.length > opts.limit && last
      ? Buffer.from(JSON.stringify([instantText(last.at), last.k])).toString('base64url')
      : null;
  return { items, nextCursor };
}

function instant(value: unknown): Date {
  const parsed = typeof value === 'string' ? parseInstant(value) : undefined;
  if (!parsed) throw new Error(`not an instant: ${String(value)}`);
  return parsed;
}

/** A message row as to_jsonb() gives it (snake_case keys). */
function messageFromJson(j: Record<string, unknown>): MessageRow {
  return {
    id: j.id as string,
    ticketId: j.ticket_id as string,
    kind: j.kind as MessageRow['kind'],
    body: j.body as string,
    bodyHtml: (j.body_html as string | null) ?? null,
    cc: (j.cc as string[] | null) ?? [],
    bcc: (j.bcc as string[] | null) ?? [],
    channel: j.channel as MessageRow['channel'],
    authorAgentId: (j.author_agent_id as string | null) ?? null,
    authorContactId: (j.author_contact_id as string | null) ?? null,
    authorName: j.author_name as string,
    movedFromTicketId: (j.moved_from_ticket_id as string | null) ?? null,
    searchVector: null,
    createdAt: instant(j.created_at),
  };
}

function eventFromJson(j: Record<string, unknown>): typeof ticketEvents.$inferSelect {
  return {
    id: Number(j.id),
    ticketId: j.ticket_id as string,
    kind: j.kind as string,
    changes: (j.changes as FieldChange[]) ?? [],
    data: (j.data as Record<string, unknown>) ?? {},
    messageId: (j.message_id as string | null) ?? null,
    actorType: j.actor_type as 'agent' | 'contact' | 'system',
    actorId: (j.actor_id as string | null) ?? null,
    actorName: j.actor_name as string,
    channel: j.channel as string,
    createdAt: instant(j.created_at),
  };
}

function instantText(at: Date | string): string {
  return typeof at === 'string' ? at : at.toISOString();
}

function decodeTimelineCursor(cursor: string): [string, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      /^\d{4}-\d{2}-\d{2}[T ][\d:.]+(Z|[+-][\d:]+)$/.test(parsed[0]) &&
      typeof parsed[1] === 'string' &&
      /^\d{20}[me]$/.test(parsed[1])
    ) {
      return [parsed[0], parsed[1]];
    }
  } catch {
    // fall through
  }
  throw invalid('cursor', 'is not a timeline cursor');
}

function toTimelineEvent(e: typeof ticketEvents.$inferSelect, actor: Actor): TimelineEvent {
  const snapshot = e.data.snapshot;
  return {
    id: String(e.id),
    kind: e.kind,
    changes: visibleChanges(actor, e.changes),
    data:
      snapshot && typeof snapshot === 'object'
        ? { ...e.data, snapshot: redactTicket(actor, snapshot as Partial<TicketDto>) }
        : e.data,
    actorType: e.actorType,
    actorId: e.actorId,
    actorName: e.actorName,
    channel: e.channel,
    createdAt: e.createdAt.toISOString(),
  };
}

/** Field-level history: every event that changed fields, newest first. */
export async function history(
  ctx: Ctx,
  ticketId: string,
  opts: { limit: number; cursor?: string | undefined },
): Promise<{ items: TimelineEvent[]; nextCursor: string | null }> {
  await getTicket(ctx, ticketId);
  const before = opts.cursor ? Number(opts.cursor) : undefined;
  if (opts.cursor && (!Number.isSafeInteger(before) || before! <= 0))
    throw invalid('cursor', 'is not a history cursor');
  const rows = await ctx.db
    .select()
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.ticketId, ticketId),
        sql`jsonb_array_length(${ticketEvents.changes}) > 0`,
        before ? lt(ticketEvents.id, before) : undefined,
      ),
    )
    .orderBy(desc(ticketEvents.id))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  return {
    items: page.map((e) => toTimelineEvent(e, ctx.actor)).filter((e) => e.changes.length > 0),
    nextCursor: rows.length > opts.limit ? String(page.at(-1)!.id) : null,
  };
}
