// Command: create a ticket.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import { invalid } from '../../platform/errors.ts';
import { assertCanOnTickets } from '../access/index.ts';
import { afterChange, appendEvents, inTransaction, type TicketCtx } from './command-core.ts';
import { validateCustom } from './custom-fields.ts';
import { applyStatus, normalizeTags, rejectControlChars, ticketSearchVector } from './field-rules.ts';
import { findValue, firstStatusOf, requireActiveValue } from './picklists.ts';
import { checkReferences, type TicketReferences } from './references.ts';
import { type Channel, tickets } from './schema.ts';
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
  return inTransaction(ctx, async (tx) => {
    const { lists, defs } = await ticketConfig(tx);
    const priority = requireActiveValue(
      lists,
      'priority',
      input.priority ??
        (findValue(lists, 'priority', 'normal')?.active
          ? 'normal'
          : lists.priority.find((p) => p.active)!.key),
    );
    for (const name of ['severity', 'category', 'type'] as const) {
      const v = input[name];
      if (v) requireActiveValue(lists, name, v);
    }
    const refs = await checkReferences(tx.db, input);
    const custom = await validateCustom(tx.db, defs, input.custom, null);
    const tags = normalizeTags(input.tags ?? []);
    const now = tx.clock.now();
    const [numbering] = await queryRows<{ seq: string | number; prefix: unknown }>(
      tx.db,
      sql`SELECT nextval('ticket_seq') AS seq, (SELECT value FROM app_settings WHERE key = 'ticket_number_prefix') AS prefix`,
    );
    const seq = Number(numbering!.seq);
    const prefix = typeof numbering!.prefix === 'string' ? numbering!.prefix : DEFAULT_NUMBER_PREFIX;
    const initialStatus = firstStatusOf(lists, 'new');
    let draft: TicketRow = {
      id: '',
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
      channel: input.channel ?? (tx.channel === 'web' ? 'phone' : 'api'),
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
      createdBy: tx.actor.type === 'agent' ? tx.actor.id : null,
      searchVector: null,
      createdAt: now,
      updatedAt: now,
    };
    if (input.status && input.status !== initialStatus.key)
      draft = applyStatus(draft, input.status, lists, now);
    const { id: _id, isOpen: _isOpen, searchVector: _sv, ...values } = draft;
    const [row] = await tx.db
      .insert(tickets)
      .values({ ...values, searchVector: ticketSearchVector(draft) })
      .returning();
    const events = await appendEvents(tx, row!.id, [
      { kind: 'created', changes: diffTickets(null, row!), data: { number: row!.number } },
    ]);
    await afterChange(tx, { before: null, after: row!, events });
    return row!;
  });
}
