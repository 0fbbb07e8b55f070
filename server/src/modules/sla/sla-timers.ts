// SLA timers (S4): a job every minute finds the tickets whose next notice is due (one indexed
// range read of ticket_sla.next_check_at), and for each, in its own transaction with the row
// locked, re-computes the clocks from the current ticket and gives what is due now: a warning, the
// breach, escalation levels with their actions. A notice is recorded as given in the same
// transaction as its event, so it is given once, however many workers scan; a due time that moved
// or a pause means the re-check finds nothing due, and nothing stale is sent.
import { sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import { systemActor } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import {
  getTicket,
  loadPicklists,
  type NewEvent,
  recordTicketEvents,
  type TicketCtx,
  type TicketHooks,
  updateTicket,
} from '../tickets/index.ts';
import { formatInstant } from './clock/index.ts';
import type { SlaConfigCache, SlaPolicy } from './policy-matching.ts';
import { ticketSla } from './schema.ts';
import type { Notice } from './ticket-clock.ts';
import { factsOf, lockSlaRow, saveSlaWrite, slaAt, slaRowOf } from './ticket-sla.ts';

export const SLA_SCAN_TOPIC = 'sla.scan';
export const SLA_SCAN_EVERY_MS = 60_000;
const BATCH = 50;
const MAX_PASSES = 40;

export interface SlaTimerDeps {
  db: Db;
  clock: Clock;
  config: SlaConfigCache;
  hooks: TicketHooks;
}

const EVENT_KIND: Record<Notice['kind'], string> = {
  warning: 'sla_warning',
  breach: 'sla_breached',
  escalation: 'sla_escalated',
};

/** The next priority up (by the picklist's order), or null at the top. */
async function higherPriority(db: Db, current: string): Promise<string | null> {
  const { priority } = await loadPicklists(db);
  const active = priority.filter((p) => p.active).sort((a, b) => a.position - b.position);
  const at = active.findIndex((p) => p.key === current);
  return at >= 0 && at < active.length - 1 ? active[at + 1]!.key : null;
}

/**
 * Gives one ticket's due notices; the caller holds a transaction. Returns how many were given, or
 * null when the row is no longer due or another worker holds it.
 */
async function giveNotices(
  ctx: TicketCtx,
  ticketId: string,
  policies: readonly SlaPolicy[],
  dueBy: Date,
): Promise<number | null> {
  const row = await lockSlaRow(ctx, ticketId, { dueBy });
  if (!row) return null;
  const now = Math.floor(ctx.clock.now().getTime() / 1000);
  const policy = policies.find((p) => p.id === row.policyId) ?? null;
  const facts = factsOf(row);
  const { fire, skip } = slaAt(policy, row.priority, facts, row.fired, now);
  const events: NewEvent[] = fire.map((n) => ({
    kind: EVENT_KIND[n.kind],
    data: {
      metric: n.metric,
      dueAt: formatInstant(n.dueAt),
      ...(n.level !== undefined
        ? { level: n.level + 1, actions: policy?.escalations[n.level]?.actions ?? [] }
        : {}),
      policyId: policy?.id ?? null,
      policyName: policy?.name ?? null,
    },
  }));
  const fired = [...row.fired, ...fire.map((n) => n.key), ...skip.map((n) => n.key)];
  await recordTicketEvents(
    ctx,
    ticketId,
    events,
    saveSlaWrite(slaRowOf(ticketId, policy, row.priority, facts, fired, now)),
  );

  // Notifications of these events go out after commit (the notifications module subscribes);
  // here only the escalation actions that change the ticket.
  for (const notice of fire) {
    if (notice.kind !== 'escalation') continue;
    for (const action of policy?.escalations[notice.level!]?.actions ?? []) {
      if (action.type === 'reassign') {
        await updateTicket(ctx, ticketId, {
          ...(action.agentId ? { ownerAgentId: action.agentId } : {}),
          ...(action.groupId ? { ownerGroupId: action.groupId } : {}),
        });
      } else if (action.type === 'raise_priority') {
        const current = (await getTicket(ctx, ticketId)).priority;
        const higher = await higherPriority(ctx.db, current);
        if (higher) await updateTicket(ctx, ticketId, { priority: higher });
      }
    }
  }
  return fire.length;
}

/**
 * One pass of the timer scan: every ticket whose next check is due, a batch at a time, each
 * ticket in its own transaction (rows another worker holds are skipped). Returns notices given.
 */
export async function scanSlaTimers(deps: SlaTimerDeps): Promise<number> {
  const policies = await deps.config.get(deps.db);
  let given = 0;
  // Bounded, so a row that stays due for an unforeseen reason cannot hold the worker: the next
  // scan, a minute later, takes up what is left.
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const now = deps.clock.now();
    const due = await deps.db
      .select({ ticketId: ticketSla.ticketId })
      .from(ticketSla)
      .where(sql`${ticketSla.nextCheckAt} <= ${now}`)
      .orderBy(ticketSla.nextCheckAt)
      .limit(BATCH);
    if (!due.length) return given;
    let progressed = false;
    for (const { ticketId } of due) {
      const done = await deps.db.transaction(async (tx) => {
        const ctx: TicketCtx = {
          db: tx as unknown as Db,
          clock: deps.clock,
          actor: systemActor('SLA'),
          channel: 'system',
          hooks: deps.hooks,
          depth: 0,
        };
        return giveNotices(ctx, ticketId, policies, now);
      });
      if (done !== null) {
        progressed = true;
        given += done;
      }
    }
    if (!progressed) return given;
  }
  return given;
}
