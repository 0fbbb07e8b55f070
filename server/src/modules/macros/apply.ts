// Applying a macro (W3) to tickets, as the agent: each ticket in its own transaction, through the
// tickets module's commands (so every change is an event by the agent), all of the macro's actions
// or, on a failure, none of them on that ticket. A preview runs exactly the same commands and rolls
// the transaction back, so it shows what applying would change and writes nothing.
import { and, eq } from 'drizzle-orm';
import { notifyAfterCommit } from '../../platform/batched-notify.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, type FieldError, invalid, toAppError } from '../../platform/errors.ts';
import type { Language } from '../../platform/i18n.ts';
import { ERROR_TITLES } from '../../platform/i18n.ts';
import { ticketFieldAccess, ticketScope } from '../access/index.ts';
import { renderTemplate, updateOf } from '../rules/index.ts';
import {
  addMessage,
  addTeamMember,
  getTicket,
  TICKET_EVENTS_CHANNEL,
  type TicketCtx,
  tickets,
  updateTicket,
} from '../tickets/index.ts';
import { agentOf, countUse, type MacroRow, visibleMacro } from './macros.ts';

export const MAX_APPLY_TICKETS = 100;

export interface MacroChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** What the macro did (or would do) besides field changes: the reply and note texts, team members. */
export type MacroEffect =
  | { type: 'reply'; body: string }
  | { type: 'note'; body: string }
  | { type: 'team_member'; agentId: string; access: 'read' | 'read_write' };

export interface MacroTicketResult {
  ticketId: string;
  ok: boolean;
  /** The ticket's number and subject, when the agent may see it. */
  number?: string;
  subject?: string;
  changes: MacroChange[];
  effects: MacroEffect[];
  error?: { status: number; title: string; detail: string; errors?: FieldError[] };
}

export interface ApplyResult {
  macroId: string;
  preview: boolean;
  applied: number;
  failed: number;
  results: MacroTicketResult[];
}

type TicketState = Awaited<ReturnType<typeof getTicket>>;

const COMPARED = [
  'status',
  'priority',
  'severity',
  'category',
  'type',
  'departmentId',
  'productId',
  'ownerAgentId',
  'ownerGroupId',
  'tags',
] as const;
const PERMISSION_FIELD: Record<string, string> = { productId: 'product' };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sortedTags = (tags: readonly string[]) => [...tags].sort();

/** The fields that differ between two states of a ticket, leaving out those hidden from the actor. */
function changesBetween(ctx: TicketCtx, before: TicketState, after: TicketState): MacroChange[] {
  const changes: MacroChange[] = [];
  const visible = (field: string) =>
    ticketFieldAccess(ctx.actor, PERMISSION_FIELD[field] ?? field) !== 'hidden';
  for (const field of COMPARED) {
    const from = before[field];
    const to = after[field];
    const differs =
      field === 'tags' ? !same(sortedTags(before.tags), sortedTags(after.tags)) : !same(from, to);
    if (differs && visible(field)) changes.push({ field, from: from ?? null, to: to ?? null });
  }
  const custom = (t: TicketState) => (t.custom ?? {}) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(custom(before)), ...Object.keys(custom(after))])) {
    const field = `custom.${key}`;
    if (!same(custom(before)[key], custom(after)[key]) && visible(field))
      changes.push({ field, from: custom(before)[key] ?? null, to: custom(after)[key] ?? null });
  }
  return changes;
}

/** Raised to roll a preview back, carrying what it found. */
class PreviewDone extends Error {
  constructor(readonly result: Omit<MacroTicketResult, 'ticketId' | 'ok'>) {
    super('preview');
  }
}

/** Runs the macro's actions on one ticket inside `tx`; answers what changed. */
async function runActions(ctx: TicketCtx, macro: MacroRow, ticketId: string) {
  // Locked first, so the state compared is the one the commands change (a hidden ticket: 404).
  const [locked] = await ctx.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.id, ticketId), ticketScope(ctx.actor)))
    .for('update');
  if (!locked) throw new AppError('not_found', 'Ticket not found');
  const before = await getTicket(ctx, ticketId);
  if (macro.departmentId && before.departmentId !== macro.departmentId)
    throw invalid('departmentId', 'this macro is for tickets of another department');
  const effects: MacroEffect[] = [];
  const update = updateOf(macro.actions);
  if (update) await updateTicket(ctx, ticketId, update);
  for (const action of macro.actions) {
    if (action.type === 'add_team_member') {
      await addTeamMember(ctx, ticketId, { agentId: action.agentId, access: action.access });
      effects.push({ type: 'team_member', agentId: action.agentId, access: action.access });
    } else if (action.type === 'add_note' || action.type === 'reply') {
      const body = renderTemplate(action.body, await getTicket(ctx, ticketId), macro);
      await addMessage(ctx, ticketId, { kind: action.type === 'reply' ? 'reply' : 'note', body });
      effects.push({ type: action.type === 'reply' ? 'reply' : 'note', body });
    }
  }
  const after = await getTicket(ctx, ticketId);
  return {
    number: before.number,
    subject: before.subject,
    changes: changesBetween(ctx, before, after),
    effects,
  };
}

function failure(ticketId: string, err: unknown, language: Language, ctx: TicketCtx): MacroTicketResult {
  const e = toAppError(err);
  if (e.code === 'internal') ctx.log?.error({ err, ticketId }, 'applying a macro failed');
  return {
    ticketId,
    ok: false,
    changes: [],
    effects: [],
    error: {
      status: e.status,
      title: ERROR_TITLES[e.code][language],
      detail: e.code === 'internal' ? 'Internal error' : e.message,
      ...(e.errors.length ? { errors: e.errors } : {}),
    },
  };
}

/** One ticket: its own transaction, committed (apply) or rolled back (preview). */
async function applyToTicket(
  ctx: TicketCtx,
  macro: MacroRow,
  ticketId: string,
  preview: boolean,
  language: Language,
): Promise<MacroTicketResult> {
  const announcements: string[] = [];
  try {
    const done = await ctx.db.transaction(async (tx) => {
      const result = await runActions(
        { ...ctx, db: tx as unknown as Db, depth: 0, announcements },
        macro,
        ticketId,
      );
      if (preview) throw new PreviewDone(result);
      return result;
    });
    notifyAfterCommit(ctx.db, TICKET_EVENTS_CHANNEL, announcements, ctx.log);
    return { ticketId, ok: true, ...done };
  } catch (err) {
    if (err instanceof PreviewDone) return { ticketId, ok: true, ...err.result };
    return failure(ticketId, err, language, ctx);
  }
}

/**
 * Applies a macro the agent may see to each ticket (duplicates once, in the order given), or with
 * `preview` shows what it would do. A ticket the agent cannot see is reported as not found, a
 * refused change as that ticket's error; the other tickets are applied all the same.
 */
export async function applyMacro(
  ctx: TicketCtx,
  id: string,
  input: { ticketIds: string[]; preview?: boolean | undefined },
  language: Language = 'en',
): Promise<ApplyResult> {
  const actor = agentOf(ctx);
  const macro = await visibleMacro(ctx.db, actor, id);
  const ids = [...new Set(input.ticketIds.map((t) => t.toLowerCase()))];
  if (!ids.length || ids.length > MAX_APPLY_TICKETS)
    throw invalid('body/ticketIds', `must list 1 to ${MAX_APPLY_TICKETS} tickets`);
  const preview = input.preview ?? false;
  const results: MacroTicketResult[] = [];
  for (const ticketId of ids) results.push(await applyToTicket(ctx, macro, ticketId, preview, language));
  const applied = results.filter((r) => r.ok).length;
  if (!preview) await countUse(ctx.db, macro.id, applied, ctx.clock.now());
  return { macroId: macro.id, preview, applied, failed: results.length - applied, results };
}
