// Time-based rules ("N hours after created", "inactive for 72 business hours"): a job every minute
// asks, per time-based rule, which tickets may be due — one query, the rule's condition in SQL and
// the anchor at least the delay ago (business time never runs faster than calendar time) — then
// takes each in its own transaction with the ticket locked, works out the exact due time (in the
// business hours of the rule's calendar), re-checks the condition in memory and fires once per
// anchor: a ticket whose anchor moved (it was changed, the customer wrote) gets a new timer.
import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import { systemActor } from '../../platform/context.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import { toSql } from '../conditions/index.ts';
import { compiledCalendarOf, dueAt, slaCalendars } from '../sla/index.ts';
import {
  conditionSnapshot,
  type TicketCtx,
  type TicketHooks,
  ticketRegistry,
  tickets,
} from '../tickets/index.ts';
import { applyRule, conditionHolds, fieldsRead, type TicketState } from './engine.ts';
import { delaySeconds, isTimeTrigger, type TimeRuleTrigger } from './rule-shapes.ts';
import type { RuleRow, RulesCache } from './rules.ts';
import { ruleRuns, ruleTimers } from './schema.ts';

export const RULE_TIMERS_TOPIC = 'rules.timers';
export const RULE_TIMERS_EVERY_MS = 60_000;
const BATCH = 200;

export interface RuleTimerDeps {
  db: Db;
  clock: Clock;
  cache: RulesCache;
  hooks: TicketHooks;
}

type TimeRule = RuleRow & { trigger: TimeRuleTrigger };

/** The anchor of a trigger, as SQL on the tickets table. */
export function anchorSql(trigger: TimeRuleTrigger): SQL {
  switch (trigger.after) {
    case 'created':
      return sql`tickets.created_at`;
    case 'updated':
    case 'inactive':
      return sql`tickets.updated_at`;
    case 'last_customer_reply':
      return sql`tickets.last_customer_message_at`;
    case 'status_entered':
      return sql`coalesce((SELECT max(e.created_at) FROM ticket_events e
                  WHERE e.ticket_id = tickets.id AND e.changes @> '[{"field":"status"}]'::jsonb), tickets.created_at)`;
  }
}

/** When the ticket is due under the rule: seconds since the epoch, or null (the calendar never opens). */
export function dueOf(
  trigger: TimeRuleTrigger,
  anchor: Date,
  calendars: Map<string, ReturnType<typeof compiledCalendarOf>>,
): number | null {
  const start = Math.floor(anchor.getTime() / 1000);
  const calendar = trigger.calendarId ? calendars.get(trigger.calendarId) : undefined;
  if (trigger.calendarId && !calendar) return null;
  return calendar ? dueAt(calendar, start, delaySeconds(trigger), []) : start + delaySeconds(trigger);
}

/** One pass over the time-based rules; returns how many fired. */
export async function scanRuleTimers(deps: RuleTimerDeps): Promise<number> {
  const timed = (await deps.cache.get(deps.db)).filter((r): r is TimeRule => isTimeTrigger(r.trigger));
  if (!timed.length) return 0;
  const calendarIds = [
    ...new Set(timed.flatMap((r) => (r.trigger.calendarId ? [r.trigger.calendarId] : []))),
  ];
  const calendarRows = calendarIds.length
    ? await deps.db
        .select({ id: slaCalendars.id, version: slaCalendars.version, definition: slaCalendars.definition })
        .from(slaCalendars)
        .where(inArray(slaCalendars.id, calendarIds))
    : [];
  const calendars = new Map(calendarRows.map((c) => [c.id, compiledCalendarOf(c)]));
  const registry = await ticketRegistry(
    { db: deps.db, clock: deps.clock, actor: systemActor('Rules'), channel: 'system' },
    { viewer: false },
  );
  let fired = 0;
  for (const rule of timed) {
    const now = deps.clock.now();
    const anchor = anchorSql(rule.trigger);
    const cutoff = new Date(now.getTime() - delaySeconds(rule.trigger) * 1000);
    const due = await queryRows<{ id: string }>(
      deps.db,
      sql`SELECT tickets.id FROM tickets
           WHERE tickets.voided_at IS NULL AND tickets.merged_into_id IS NULL
             AND ${anchor} <= ${cutoff}
             ${rule.trigger.after === 'status_entered' ? sql`AND tickets.status = ${rule.trigger.status}` : sql``}
             ${rule.departmentId ? sql`AND tickets.department_id = ${rule.departmentId}` : sql``}
             ${rule.condition ? sql`AND ${toSql(rule.condition, registry)}` : sql``}
             AND NOT EXISTS (SELECT 1 FROM rule_timers rt
                              WHERE rt.rule_id = ${rule.id} AND rt.ticket_id = tickets.id AND rt.anchor_at = ${anchor}
                                AND (rt.fired_at IS NOT NULL OR rt.due_at > ${now}))
           ORDER BY ${anchor}
           LIMIT ${BATCH}`,
    );
    for (const { id } of due) {
      const done = await deps.db.transaction((tx) =>
        fireIfDue({ ...deps, db: tx as unknown as Db }, rule, id, calendars, registry),
      );
      if (done) fired += 1;
    }
  }
  return fired;
}

/** In the caller's transaction: lock the ticket, and fire the rule if it is due now. */
async function fireIfDue(
  deps: RuleTimerDeps,
  rule: TimeRule,
  ticketId: string,
  calendars: Map<string, ReturnType<typeof compiledCalendarOf>>,
  registry: Awaited<ReturnType<typeof ticketRegistry>>,
): Promise<boolean> {
  const { db, clock } = deps;
  const [row] = await db
    .select()
    .from(tickets)
    .where(eq(tickets.id, ticketId))
    .for('update', { skipLocked: true });
  if (!row) return false; // another worker has it
  const [anchorRow] = await queryRows<{ anchor: Date | string | null }>(
    db,
    sql`SELECT ${anchorSql(rule.trigger)} AS anchor FROM tickets WHERE tickets.id = ${ticketId}`,
  );
  if (!anchorRow?.anchor) return false;
  const anchor = new Date(anchorRow.anchor);
  const dueAtSeconds = dueOf(rule.trigger, anchor, calendars);
  if (dueAtSeconds === null) return false;
  const dueAtDate = new Date(dueAtSeconds * 1000);
  const now = clock.now();
  if (dueAtDate > now) {
    // Not yet: remember when, so the scan skips it until then.
    await db
      .insert(ruleTimers)
      .values({ ruleId: rule.id, ticketId, anchorAt: anchor, dueAt: dueAtDate })
      .onConflictDoUpdate({
        target: [ruleTimers.ruleId, ruleTimers.ticketId, ruleTimers.anchorAt],
        set: { dueAt: dueAtDate },
      });
    return false;
  }
  // Re-check the condition on the ticket as it is now.
  const ticket: TicketState = row;
  const snapshot = await conditionSnapshot(db, ticket, fieldsRead(rule), registry);
  if (!conditionHolds(rule, snapshot, undefined, registry)) return false;
  if (rule.trigger.after === 'status_entered' && row.status !== rule.trigger.status) return false;
  const claimed = await db
    .insert(ruleTimers)
    .values({ ruleId: rule.id, ticketId, anchorAt: anchor, dueAt: dueAtDate, firedAt: now })
    .onConflictDoUpdate({
      target: [ruleTimers.ruleId, ruleTimers.ticketId, ruleTimers.anchorAt],
      set: { firedAt: now },
      setWhere: sql`${ruleTimers.firedAt} IS NULL`,
    })
    .returning({ ruleId: ruleTimers.ruleId });
  if (!claimed.length) return false;
  const ctx: TicketCtx = {
    db,
    clock,
    actor: systemActor('Rules'),
    channel: 'system',
    hooks: deps.hooks,
    depth: 0,
  };
  const run = await applyRule(ctx, rule, ticketId, 'time');
  await db.insert(ruleRuns).values(run);
  return true;
}
