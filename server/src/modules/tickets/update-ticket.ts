// Commands: update fields (with the version the editor saw), assign, change tags.
import { eq, sql } from 'drizzle-orm';
import { driverValues, placeholders } from '../../platform/db.ts';
import { invalid } from '../../platform/errors.ts';
import {
  afterChange,
  alongsideOf,
  appendEvents,
  assertVersion,
  inTransaction,
  lockTicket,
  type NewEvent,
  type TicketCtx,
  type TicketWrite,
} from './command-core.ts';
import { validateCustom } from './custom-fields.ts';
import { assertFieldChangesAllowed } from './field-permissions.ts';
import { applyStatus, normalizeTags, rejectControlChars, ticketSearchText } from './field-rules.ts';
import { requireActiveValue } from './picklists.ts';
import {
  type CheckedReferences,
  checkReferences,
  REFERENCE_FIELDS,
  type TicketReferences,
} from './references.ts';
import { type FieldChange, tickets } from './schema.ts';
import { ticketConfig } from './ticket-config.ts';
import { diffTickets, type TicketRow } from './ticket-record.ts';

export interface UpdateTicketInput extends TicketReferences {
  version?: number | undefined;
  subject?: string | undefined;
  description?: string | undefined;
  status?: string | undefined;
  priority?: string | undefined;
  severity?: string | null | undefined;
  category?: string | null | undefined;
  type?: string | null | undefined;
  tags?: string[] | undefined;
  addTags?: string[] | undefined;
  removeTags?: string[] | undefined;
  custom?: Record<string, unknown> | undefined;
  solution?: string | undefined;
}

const OWNER_FIELDS = new Set(['ownerAgentId', 'ownerGroupId']);

/** Names the event after what changed, so timelines and triggers read naturally. */
export function eventKindFor(changes: FieldChange[]): string {
  const fields = changes.map((c) => c.field);
  if (fields.every((f) => OWNER_FIELDS.has(f))) return 'assigned';
  if (fields.every((f) => f === 'status')) return 'status_changed';
  if (fields.every((f) => f === 'tags')) return 'tags_changed';
  return 'updated';
}

/**
 * Computes the new row from the input; throws a validation error naming the field. The references
 * that change are checked by `check` (by default a query; a rule shaping a new ticket checks them
 * against what it read ahead).
 */
export async function applyUpdate(
  ctx: TicketCtx,
  row: TicketRow,
  input: UpdateTicketInput,
  check: (refs: TicketReferences) => Promise<CheckedReferences> = (refs) => checkReferences(ctx.db, refs),
): Promise<TicketRow> {
  const { lists, defs } = await ticketConfig(ctx);
  const now = ctx.clock.now();
  let next: TicketRow = { ...row };
  if (input.subject !== undefined) {
    const subject = input.subject.trim();
    if (!subject) throw invalid('subject', 'must not be empty');
    rejectControlChars('subject', subject);
    next.subject = subject;
  }
  if (input.description !== undefined) {
    rejectControlChars('description', input.description);
    next.description = input.description;
  }
  if (input.solution !== undefined) next.solution = input.solution;
  if (input.priority !== undefined) {
    const p = requireActiveValue(lists, 'priority', input.priority, row.priority);
    next.priority = p.key;
    next.priorityRank = p.position;
  }
  for (const name of ['severity', 'category', 'type'] as const) {
    const v = input[name];
    if (v === undefined) continue;
    if (v !== null) requireActiveValue(lists, name, v, row[name]);
    next[name] = v;
  }
  // Only references that change are checked (a deactivated agent may stay owner of old tickets).
  const changed = REFERENCE_FIELDS.filter((name) => input[name] !== undefined && input[name] !== row[name]);
  const refs = await check(Object.fromEntries(changed.map((name) => [name, input[name]])));
  for (const name of changed) next[name] = input[name] ?? null;
  if (
    input.contactId &&
    input.organizationId === undefined &&
    refs.contactOrganizationId !== undefined &&
    !row.organizationId
  ) {
    next.organizationId = refs.contactOrganizationId;
  }
  if (input.tags !== undefined) next.tags = normalizeTags(input.tags);
  if (input.addTags?.length || input.removeTags?.length) {
    const add = normalizeTags(input.addTags ?? [], 'addTags');
    const remove = new Set(normalizeTags(input.removeTags ?? [], 'removeTags'));
    next.tags = normalizeTags([...next.tags.filter((t) => !remove.has(t)), ...add]);
  }
  if (input.custom !== undefined) {
    next.custom = await validateCustom(ctx.db, defs, input.custom, row.custom);
  }
  if (input.status !== undefined) next = applyStatus(next, input.status, lists, now);
  return next;
}

/** The columns a command may change (the rest are set once, at creation). */
const UPDATED = [
  'subject',
  'description',
  'status',
  'statusCategory',
  'priority',
  'priorityRank',
  'severity',
  'category',
  'type',
  'channel',
  'departmentId',
  'ownerAgentId',
  'ownerGroupId',
  'contactId',
  'organizationId',
  'productId',
  'tags',
  'custom',
  'solution',
  'mergedIntoId',
  'reopenCount',
  'messageCount',
  'lastCustomerMessageAt',
  'lastAgentReplyAt',
  'resolvedAt',
  'closedAt',
  'voidedAt',
  'voidedBy',
  'version',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof TicketRow>;

/** The UPDATE of a ticket row; the search vector is recomputed only when its text changed. */
function updateTicketWrite(row: TicketRow, textChanged: boolean): TicketWrite {
  return {
    name: textChanged ? 'ticket_update_text' : 'ticket_update',
    build: (db, prefix) =>
      db
        .update(tickets)
        .set({
          ...placeholders(UPDATED, prefix),
          ...(textChanged
            ? { searchVector: sql`to_tsvector('simple', ${sql.placeholder(`${prefix}searchText`)})` }
            : {}),
        })
        .where(eq(tickets.id, sql`${sql.placeholder(`${prefix}id`)}`)),
    values: {
      ...driverValues(tickets, row, UPDATED),
      id: row.id,
      ...(textChanged ? { searchText: ticketSearchText(row) } : {}),
    },
  };
}

/** Writes `next` over `row` with its events, when anything changed. */
export async function saveTicketChange(
  ctx: TicketCtx,
  row: TicketRow,
  next: TicketRow,
  opts: {
    kind?: string;
    data?: Record<string, unknown>;
    messageId?: string;
    /** The field changes get their own event after the `kind` one (a reply that also sets a status). */
    changesApart?: boolean;
  } = {},
): Promise<TicketRow> {
  const changes = diffTickets(row, next);
  if (!changes.length && !opts.kind) return row;
  const textChanged = next.subject !== row.subject || next.description !== row.description;
  const saved: TicketRow = {
    ...next,
    searchVector: null, // not read back: only the database uses it
    version: changes.length ? row.version + 1 : row.version,
    updatedAt: ctx.clock.now(),
  };
  // The row (locked by the caller), its event, what modules alongside add (SLA) and the
  // announcement: one statement.
  const apart = Boolean(opts.changesApart && opts.kind && changes.length);
  const own: NewEvent[] = [
    {
      kind: opts.kind ?? eventKindFor(changes),
      changes: apart ? [] : changes,
      data: opts.data ?? {},
      messageId: opts.messageId ?? null,
    },
    ...(apart ? [{ kind: eventKindFor(changes), changes, data: {}, messageId: null }] : []),
  ];
  const extra = await alongsideOf(ctx, { before: row, after: saved, events: own });
  const events = await appendEvents(
    ctx,
    row.id,
    [...own, ...extra.events],
    [updateTicketWrite(saved, textChanged), ...extra.writes],
  );
  await afterChange(ctx, { before: row, after: saved, events });
  return saved;
}

export async function updateTicket(ctx: TicketCtx, id: string, input: UpdateTicketInput): Promise<TicketRow> {
  return inTransaction(ctx, async (tx) => {
    const row = await lockTicket(tx, id, 'edit');
    assertVersion(row, input.version, ctx.actor);
    if (row.mergedIntoId && input.status !== undefined)
      throw invalid('status', 'this ticket was merged; work on the ticket it was merged into');
    const next = await applyUpdate(tx, row, input);
    assertFieldChangesAllowed(tx.actor, { ...input }, diffTickets(row, next));
    return saveTicketChange(tx, row, next);
  });
}
