// Command: create a ticket.
import { randomUUID } from 'node:crypto';
import { getTableColumns, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import { driverValues, placeholders } from '../../platform/db.ts';
import { invalid } from '../../platform/errors.ts';
import { assertCanOnTickets } from '../access/index.ts';
import {
  afterChange,
  alongsideOf,
  appendEvents,
  inTransactionIfSubscribed,
  type NewEvent,
  type TicketCtx,
  type TicketWrite,
} from './command-core.ts';
import { validateCustom } from './custom-fields.ts';
import { assertFieldChangesAllowed } from './field-permissions.ts';
import { applyStatus, normalizeTags, rejectControlChars, ticketSearchText } from './field-rules.ts';
import { findValue, firstStatusOf, requireActiveValue } from './picklists.ts';
import { checkReferences, type ReadAhead, type TicketReferences } from './references.ts';
import { type Channel, tickets, ticketTeam } from './schema.ts';
import { ticketConfig } from './ticket-config.ts';
import { diffTickets, type TicketRow } from './ticket-record.ts';

export interface CreateTicketInput extends TicketReferences {
  subject: string;
  description?: string | undefined;
  status?: string | undefined;
  priority?: string | undefined;
  severity?: string | null | undefined;
  category?: string | null | undefined;
  type?: string | null | undefined;
  channel?: Channel | undefined;
  tags?: string[] | undefined;
  custom?: Record<string, unknown> | undefined;
  solution?: string | undefined;
  splitFromId?: string | undefined;
}

export const DEFAULT_NUMBER_PREFIX = 'TT-';

export async function createTicket(ctx: TicketCtx, input: CreateTicketInput): Promise<TicketRow> {
  assertCanOnTickets(ctx.actor, 'create');
  const subject = input.subject.trim();
  if (!subject) throw invalid('subject', 'must not be empty');
  rejectControlChars('subject', subject);
  rejectControlChars('description', input.description ?? '');
  const { lists, defs } = await ticketConfig(ctx);
  const priority = requireActiveValue(
    lists,
    'priority',
    input.priority ??
      (findValue(lists, 'priority', 'normal')?.active ? 'normal' : lists.priority.find((p) => p.active)!.key),
  );
  for (const name of ['severity', 'category', 'type'] as const) {
    const v = input[name];
    if (v) requireActiveValue(lists, name, v);
  }
  const custom = await validateCustom(ctx.db, defs, input.custom, null);
  const tags = normalizeTags(input.tags ?? []);
  // One round trip: the references are checked and the number drawn together. A refused create
  // leaves a gap in the numbers, as a rolled-back one always has.
  // What the modules shaping a new ticket read (a rule's targets) rides along too.
  const shapers = ctx.hooks?.beforeCreate ?? [];
  const reads: Record<string, ReadAhead> = {};
  const related = { contactId: input.contactId ?? null, organizationId: input.organizationId ?? null };
  for (const [i, shaper] of shapers.entries())
    for (const [name, column] of Object.entries(await shaper.reads(ctx, related)))
      reads[`b${i}:${name}`] = column;
  const refs = await checkReferences(ctx.db, input, {
    seq: { column: () => sql`nextval('ticket_seq')` },
    prefix: { column: () => sql`(SELECT value FROM app_settings WHERE key = 'ticket_number_prefix')` },
    ...reads,
  });
  const seq = Number(refs.extra.seq);
  const prefix = typeof refs.extra.prefix === 'string' ? refs.extra.prefix : DEFAULT_NUMBER_PREFIX;
  const now = ctx.clock.now();
  const initialStatus = firstStatusOf(lists, 'new');
  let row: TicketRow = {
    id: randomUUID(),
    number: `${prefix}${seq}`,
    seq,
    subject,
    description: input.description ?? '',
    status: initialStatus.key,
    statusCategory: 'new',
    isOpen: true,
    priority: priority.key,
    priorityRank: priority.position,
    severity: input.severity ?? null,
    category: input.category ?? null,
    type: input.type ?? null,
    channel: input.channel ?? (ctx.channel === 'web' ? 'phone' : 'api'),
    departmentId: input.departmentId ?? null,
    ownerAgentId: input.ownerAgentId ?? null,
    ownerGroupId: input.ownerGroupId ?? null,
    contactId: input.contactId ?? null,
    organizationId: input.organizationId ?? refs.contactOrganizationId ?? null,
    productId: input.productId ?? null,
    tags,
    custom,
    solution: input.solution ?? '',
    version: 1,
    mergedIntoId: null,
    splitFromId: input.splitFromId ?? null,
    reopenCount: 0,
    messageCount: 0,
    lastCustomerMessageAt: null,
    lastAgentReplyAt: null,
    resolvedAt: null,
    closedAt: null,
    voidedAt: null,
    voidedBy: null,
    createdBy: ctx.actor.type === 'agent' ? ctx.actor.id : null,
    searchVector: null,
    createdAt: now,
    updatedAt: now,
  };
  if (input.status && input.status !== initialStatus.key) row = applyStatus(row, input.status, lists, now);
  const { subject: _subject, description: _description, channel: _channel, ...chosen } = input;
  assertFieldChangesAllowed(ctx.actor, chosen, diffTickets(null, row));
  // The `created` event records the ticket as asked for; the shapers' events (a routing rule's
  // assignment) follow it, under their own names.
  const own: NewEvent[] = [
    { kind: 'created', changes: diffTickets(null, row), data: { number: row.number } },
  ];
  const shaped = { writes: [] as TicketWrite[], chain: [...(ctx.chain ?? [])], handOver: false };
  for (const [i, shaper] of shapers.entries()) {
    const prefix = `b${i}:`;
    const read = Object.fromEntries(
      Object.entries(refs.extra).flatMap(([k, v]) =>
        k.startsWith(prefix) ? [[k.slice(prefix.length), v]] : [],
      ),
    );
    const part = await shaper.shape({ ...ctx, chain: shaped.chain }, row, read);
    row = part.row;
    own.push(...part.events);
    shaped.writes.push(...part.writes);
    shaped.chain.push(...part.chain);
    shaped.handOver ||= part.handOver;
  }
  const created = row;
  return inTransactionIfSubscribed(
    { ...ctx, chain: shaped.chain },
    async (tx) => {
      // The ticket, its events, what modules alongside add (SLA) and the announcement: one statement.
      const creator = creatorOutOfReach(tx.actor, created);
      if (creator)
        own.push({
          kind: 'team_member_added',
          data: { agentId: creator, access: 'read_write', creator: true },
        });
      const extra = await alongsideOf(tx, { before: null, after: created, events: own });
      const events = await appendEvents(
        tx,
        created.id,
        [...own, ...extra.events],
        [
          insertTicketWrite(created),
          ...(creator ? [creatorTeamWrite(created, creator)] : []),
          ...shaped.writes,
          ...extra.writes,
        ],
      );
      await afterChange(tx, { before: null, after: created, events });
      return created;
    },
    shaped.handOver,
  );
}

/**
 * An agent who creates a ticket that their role, groups and departments do not reach (no owner
 * yet, another group's queue) joins its related team, so it does not vanish from their sight.
 */
function creatorOutOfReach(actor: Actor, row: TicketRow): string | null {
  if (actor.type !== 'agent' || actor.admin || actor.access.reach === 'all') return null;
  const { owners, groups, departments } = actor.access.write;
  const reached =
    (row.ownerAgentId !== null && owners.includes(row.ownerAgentId)) ||
    (row.ownerGroupId !== null && groups.includes(row.ownerGroupId)) ||
    (row.departmentId !== null && departments.includes(row.departmentId));
  return reached ? null : actor.id;
}

function creatorTeamWrite(row: TicketRow, agentId: string): TicketWrite {
  const keys = ['ticketId', 'agentId', 'access', 'addedBy', 'addedAt'] as const;
  return {
    name: 'ticket_team_creator',
    build: (db, prefix) => db.insert(ticketTeam).values(placeholders(keys, prefix)),
    values: driverValues(
      ticketTeam,
      { ticketId: row.id, agentId, access: 'read_write', addedBy: agentId, addedAt: row.createdAt },
      keys,
    ),
  };
}

/** Every stored column of a new ticket, in a fixed order (is_open is generated). */
const INSERTED = Object.keys(getTableColumns(tickets)).filter(
  (key) => key !== 'isOpen' && key !== 'searchVector',
) as Array<Exclude<keyof TicketRow, 'isOpen' | 'searchVector'>>;

function insertTicketWrite(row: TicketRow): TicketWrite {
  return {
    name: 'ticket_insert',
    build: (db, prefix) =>
      db.insert(tickets).values({
        ...placeholders(INSERTED, prefix),
        searchVector: sql`to_tsvector('simple', ${sql.placeholder(`${prefix}searchText`)})`,
      }),
    values: { ...driverValues(tickets, row, INSERTED), searchText: ticketSearchText(row) },
  };
}
