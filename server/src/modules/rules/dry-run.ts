// Dry run (W5): a rule, saved or being edited, tried against the tickets of the last N days (or of
// a view) without writing: which tickets it would match and what each action would change; for a
// time-based rule, when it fires (or would have fired). A page at a time, with the number of
// tickets in range, so a console can show progress.
import { and, desc, eq, gte, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { assertAdmin } from '../access/index.ts';
import { toSql } from '../conditions/index.ts';
import { type CompiledCalendar, compiledCalendarOf, slaCalendars } from '../sla/index.ts';
import { conditionSnapshot, ticketRegistry, tickets } from '../tickets/index.ts';
import { getView } from '../views/index.ts';
import { conditionHolds, fieldsRead, renderTemplate, type TicketState, updateOf } from './engine.ts';
import { isTimeTrigger, type RuleAction, type TimeRuleTrigger } from './rule-shapes.ts';
import { checkRule, type RuleRow } from './rules.ts';
import { rules } from './schema.ts';
import { anchorSql, dueOf } from './timers.ts';

export interface DryRunInput {
  ruleId?: string;
  rule?: Record<string, unknown>;
  days?: number;
  viewId?: string;
  cursor?: string;
  limit?: number;
}

export interface DryRunChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface DryRunMatch {
  ticketId: string;
  number: string;
  subject: string;
  /** Field changes the actions would make (only those that change something). */
  changes: DryRunChange[];
  /** What else the actions would do: a note's text, a team member, who is notified, a webhook. */
  effects: Array<Record<string, unknown>>;
  /** Time-based rules: when it fires for this ticket (past: it would have fired by now). */
  firesAt?: string | null;
}

export interface DryRunResult {
  /** Tickets in range (the last N days, or the view). */
  total: number;
  /** Tickets tried so far, this page included. */
  scanned: number;
  matches: DryRunMatch[];
  nextCursor: string | null;
}

const DEFAULT_DAYS = 30;
const DEFAULT_LIMIT = 100;

/** What the rule's actions would change on this ticket, without writing. */
export function previewActions(actions: readonly RuleAction[], ticket: TicketState, ruleName: string) {
  const changes: DryRunChange[] = [];
  const effects: Array<Record<string, unknown>> = [];
  const update = updateOf(actions);
  const current = ticket as unknown as Record<string, unknown>;
  if (update) {
    for (const [field, to] of Object.entries(update)) {
      if (field === 'addTags' || field === 'removeTags' || field === 'custom') continue;
      if (current[field] !== to) changes.push({ field, from: current[field] ?? null, to });
    }
    if (update.custom) {
      const custom = (current.custom ?? {}) as Record<string, unknown>;
      for (const [key, to] of Object.entries(update.custom))
        if (JSON.stringify(custom[key] ?? null) !== JSON.stringify(to))
          changes.push({ field: `custom.${key}`, from: custom[key] ?? null, to });
    }
    if (update.addTags || update.removeTags) {
      const from = ticket.tags;
      const removed = new Set(update.removeTags ?? []);
      const to = [...new Set([...from.filter((t) => !removed.has(t)), ...(update.addTags ?? [])])];
      if (JSON.stringify([...from].sort()) !== JSON.stringify([...to].sort()))
        changes.push({ field: 'tags', from, to });
    }
  }
  for (const action of actions) {
    if (action.type === 'reply')
      effects.push({ type: 'reply', body: renderTemplate(action.body, ticket, { name: ruleName }) });
    else if (action.type === 'add_note')
      effects.push({ type: 'note', body: renderTemplate(action.body, ticket, { name: ruleName }) });
    else if (action.type === 'add_team_member')
      effects.push({ type: 'team_member', agentId: action.agentId, access: action.access });
    else if (action.type === 'notify')
      effects.push({
        type: 'notify',
        recipient: action.recipient,
        ...(action.agentId ? { agentId: action.agentId } : {}),
      });
    else if (action.type === 'webhook') effects.push({ type: 'webhook', webhookId: action.webhookId });
  }
  return { changes, effects };
}

async function ruleToTry(
  ctx: Ctx,
  input: DryRunInput,
): Promise<Pick<RuleRow, 'name' | 'trigger' | 'condition' | 'actions' | 'departmentId'>> {
  if (input.ruleId && input.rule)
    throw invalid('body/rule', 'give a saved rule (ruleId) or a rule, not both');
  if (input.ruleId) {
    const [row] = await ctx.db.select().from(rules).where(eq(rules.id, input.ruleId));
    if (!row) throw notFound('Rule');
    return row;
  }
  if (!input.rule) throw invalid('body/ruleId', 'give a saved rule (ruleId) or a rule being edited (rule)');
  const given = input.rule;
  const checked = await checkRule(
    ctx,
    ctx.db,
    {
      name: typeof given.name === 'string' ? given.name : 'Rule being edited',
      trigger: given.trigger,
      condition: given.condition ?? null,
      actions: given.actions,
      ...(given.departmentId !== undefined ? { departmentId: given.departmentId as string | null } : {}),
    },
    undefined,
    'body/rule',
  );
  if (!checked.trigger) throw invalid('body/rule/trigger', 'is required');
  if (!checked.actions) throw invalid('body/rule/actions', 'is required');
  return {
    name: checked.name ?? 'Rule being edited',
    trigger: checked.trigger,
    condition: checked.condition ?? null,
    actions: checked.actions,
    departmentId: checked.departmentId ?? null,
  };
}

/** The rule's calendar, compiled, by id (empty when it has none or it is gone). */
async function calendarsOf(db: Db, trigger: TimeRuleTrigger) {
  if (!trigger.calendarId) return new Map();
  const rows = await db
    .select({ id: slaCalendars.id, version: slaCalendars.version, definition: slaCalendars.definition })
    .from(slaCalendars)
    .where(eq(slaCalendars.id, trigger.calendarId));
  return new Map(rows.map((c) => [c.id, compiledCalendarOf(c)]));
}

function firesAtOf(
  trigger: TimeRuleTrigger,
  anchor: unknown,
  calendars: Map<string, CompiledCalendar>,
): string | null {
  if (anchor === null || anchor === undefined) return null;
  const due = dueOf(trigger, new Date(anchor as string | Date), calendars);
  return due === null ? null : new Date(due * 1000).toISOString();
}

/** Tries a rule on a page of tickets, newest first; nothing is written. */
export async function dryRun(ctx: Ctx, input: DryRunInput): Promise<DryRunResult> {
  assertAdmin(ctx.actor, 'settings');
  const rule = await ruleToTry(ctx, input);
  const limit = Math.min(Math.max(input.limit ?? DEFAULT_LIMIT, 1), 200);
  const days = input.days ?? DEFAULT_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 366) throw invalid('body/days', 'must be 1 to 366');
  let range: SQL;
  if (input.viewId) {
    const view = await getView(ctx, input.viewId);
    range = view.condition ? toSql(view.condition as never, await ticketRegistry(ctx)) : sql`TRUE`;
  } else range = gte(tickets.createdAt, new Date(ctx.clock.now().getTime() - days * 86_400_000))!;
  const inRange = and(range, sql`${tickets.voidedAt} IS NULL`)!;
  let after: SQL | undefined;
  let scannedBefore = 0;
  let total: number;
  if (input.cursor) {
    // The cursor carries what was scanned and the first page's total: later pages count nothing.
    const m = /^(\d+)\|(\d+)\|([^|]+)\|([0-9a-f-]{36})$/i.exec(input.cursor);
    if (!m) throw invalid('body/cursor', 'is not a cursor this endpoint gave');
    scannedBefore = Number(m[1]);
    total = Number(m[2]);
    const at = new Date(m[3]!);
    if (Number.isNaN(at.getTime())) throw invalid('body/cursor', 'is not a cursor this endpoint gave');
    after = or(lt(tickets.createdAt, at), and(eq(tickets.createdAt, at), lt(tickets.id, m[4]!)));
  } else {
    const [counted] = await ctx.db.select({ total: sql<number>`count(*)::int` }).from(tickets).where(inRange);
    total = counted?.total ?? 0;
  }
  const timed = isTimeTrigger(rule.trigger) ? rule.trigger : null;
  const page = await ctx.db
    .select({ ticket: tickets, anchor: timed ? anchorSql(timed) : sql`NULL` })
    .from(tickets)
    .where(and(inRange, after))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(limit);
  const registry = await ticketRegistry(ctx, { viewer: false });
  const reads = fieldsRead(rule);
  const calendars = timed ? await calendarsOf(ctx.db, timed) : new Map();
  const matches: DryRunMatch[] = [];
  for (const { ticket, anchor } of page) {
    if (rule.departmentId && rule.departmentId !== ticket.departmentId) continue;
    if (
      isTimeTrigger(rule.trigger) &&
      rule.trigger.after === 'status_entered' &&
      ticket.status !== rule.trigger.status
    )
      continue;
    if (!conditionHolds(rule, await conditionSnapshot(ctx.db, ticket, reads, registry), undefined, registry))
      continue;
    matches.push({
      ticketId: ticket.id,
      number: ticket.number,
      subject: ticket.subject,
      ...previewActions(rule.actions, ticket, rule.name),
      ...(timed ? { firesAt: firesAtOf(timed, anchor, calendars) } : {}),
    });
  }
  const last = page[page.length - 1]?.ticket;
  const scanned = scannedBefore + page.length;
  return {
    total,
    scanned,
    matches,
    nextCursor:
      page.length === limit && last ? `${scanned}|${total}|${last.createdAt.toISOString()}|${last.id}` : null,
  };
}
