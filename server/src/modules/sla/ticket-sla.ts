// Each ticket's SLA state (S3), kept current in the ticket's own transaction: a subscriber of
// ticket changes picks the policy (at creation, and again when a field its conditions read
// changes), records the facts the clocks run on (stops while pending or resolved, the first public
// reply, the customer message waiting for an answer) and stores the due times, breaches and when
// the timer scan must look next. The timer scan (sla-timers.ts) gives warnings and escalations.
import { getTableColumns, sql } from 'drizzle-orm';
import { driverValues, placeholders } from '../../platform/db.ts';
import { type Condition, createFieldRegistry, type FieldRegistry, fieldsOf } from '../conditions/index.ts';
import {
  type AlongsideSubscriber,
  conditionSnapshot,
  type NewEvent,
  type PendingChange,
  type TicketCtx,
  type TicketRow,
  type TicketWrite,
  ticketRegistry,
} from '../tickets/index.ts';
import { formatInstant, parseInstant } from './clock/index.ts';
import { choosePolicy, type SlaConfigCache, type SlaPolicy, targetFor } from './policy-matching.ts';
import { SLA_METRICS } from './policy-shapes.ts';
import { type StoredPause, ticketSla } from './schema.ts';
import { stepFacts, stopOf } from './sla-history.ts';
import { historyFactsOf, loadSlaHistory } from './sla-history-load.ts';
import {
  dueNotices,
  type MetricState,
  type Notice,
  noticesOf,
  type SlaFacts,
  type SlaTargets,
  type TicketPause,
  ticketClocks,
} from './ticket-clock.ts';

export type TicketSlaRow = typeof ticketSla.$inferSelect;

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const instant = (s: number) => new Date(s * 1000);

function toPauses(stored: readonly StoredPause[]): TicketPause[] {
  return stored.map((p) => ({
    from: parseInstant(p.from) ?? 0,
    to: p.to === null ? null : (parseInstant(p.to) ?? 0),
    reason: p.reason,
  }));
}

function fromPauses(pauses: readonly TicketPause[]): StoredPause[] {
  return pauses.map((p) => ({
    from: formatInstant(p.from),
    to: p.to === null ? null : formatInstant(p.to),
    reason: p.reason,
  }));
}

export function factsOf(row: TicketSlaRow): SlaFacts {
  return {
    startedAt: seconds(row.startedAt),
    pauses: toPauses(row.pauses),
    firstResponseAt: row.firstResponseAt ? seconds(row.firstResponseAt) : null,
    waitingSince: row.waitingSince ? seconds(row.waitingSince) : null,
    resolvedAt: row.resolvedAt ? seconds(row.resolvedAt) : null,
  };
}

/** The facts of a ticket just created (its status may already be a stopping one). */
export function initialFactsOf(ticket: TicketRow): SlaFacts {
  const start = seconds(ticket.createdAt);
  const stop = stopOf(ticket.statusCategory);
  const stoppedAt =
    stop === 'resolved' && ticket.resolvedAt ? seconds(ticket.resolvedAt) : seconds(ticket.updatedAt);
  return {
    startedAt: start,
    pauses: stop ? [{ from: Math.max(start, stoppedAt), to: null, reason: stop }] : [],
    firstResponseAt: ticket.lastAgentReplyAt ? seconds(ticket.lastAgentReplyAt) : null,
    waitingSince: null,
    resolvedAt: stop === 'resolved' ? Math.max(start, stoppedAt) : null,
  };
}

/** What a change to the ticket does to the clocks' facts: the history steps it adds, at `now`. */
export function nextFacts(facts: SlaFacts, change: PendingChange, now: number): SlaFacts {
  let next = facts;
  for (const event of change.events) {
    if (event.kind !== 'message_added') continue;
    const kind = (event.data as { kind?: string }).kind;
    if (kind === 'reply' || kind === 'customer') next = stepFacts(next, { at: now, kind }, '');
  }
  const before = change.before?.statusCategory ?? 'new';
  return stepFacts(next, { at: now, kind: 'category', category: change.after.statusCategory }, before);
}

/** Every field a set of conditions reads, with the ticket fields behind related ones. */
function fieldsRead(conditions: readonly (Condition | null)[]): Set<string> {
  const out = fieldsOf(conditions);
  for (const f of out) {
    if (f.startsWith('organization.')) out.add('organizationId');
    if (f.startsWith('contact.')) out.add('contactId');
  }
  return out;
}

const readByPolicies = new WeakMap<readonly SlaPolicy[], Set<string>>();

/** The fields the policies' conditions read, worked out once per loaded set of policies. */
function fieldsReadBy(policies: readonly SlaPolicy[]): Set<string> {
  let read = readByPolicies.get(policies);
  if (!read) {
    read = fieldsRead(policies.map((p) => p.condition));
    readByPolicies.set(policies, read);
  }
  return read;
}

export function targetsOf(policy: SlaPolicy | null, priority: string): SlaTargets {
  const targets: SlaTargets = {};
  if (!policy) return targets;
  for (const metric of SLA_METRICS) {
    const t = targetFor(policy, priority, metric);
    if (t) targets[metric] = { seconds: t.minutes * 60, calendar: t.calendar };
  }
  return targets;
}

/** Every notice of the running clocks (warnings, breaches, escalation levels). */
function allNotices(policy: SlaPolicy | null, targets: SlaTargets, facts: SlaFacts, states: MetricState[]) {
  const notices: Notice[] = [];
  if (!policy) return notices;
  for (const state of states) {
    const target = targets[state.metric];
    if (!target) continue;
    notices.push(...noticesOf(state, target, facts.pauses, policy.warning, policy.escalations));
  }
  return notices;
}

/**
 * Where a ticket's clocks stand at `now`: their states, the notices due (to give, or to skip as
 * overtaken) and when the timer scan must look next.
 */
export function slaAt(
  policy: SlaPolicy | null,
  priority: string,
  facts: SlaFacts,
  fired: readonly string[],
  now: number,
) {
  const targets = targetsOf(policy, priority);
  const states = ticketClocks(targets, facts, now);
  return { states, ...dueNotices(allNotices(policy, targets, facts, states), new Set(fired), now) };
}

/** The stored row for a ticket's policy, facts and the clocks at `now`. */
export function slaRowOf(
  ticketId: string,
  policy: SlaPolicy | null,
  priority: string,
  facts: SlaFacts,
  fired: readonly string[],
  now: number,
): TicketSlaRow {
  const { states, fire, skip, nextCheckAt } = slaAt(policy, priority, facts, fired, now);
  const by = new Map(states.map((s) => [s.metric, s]));
  const due = (m: MetricState | undefined) => (m?.dueAt != null ? instant(m.dueAt) : null);
  const running = states.filter((s) => s.status === 'running' && s.dueAt !== null);
  // Notices already due are for the timer scan to give: it looks at once.
  const pending = fire.length + skip.length > 0;
  const openPause = facts.pauses.find((p) => p.to === null);
  return {
    ticketId,
    policyId: policy?.id ?? null,
    priority,
    startedAt: instant(facts.startedAt),
    pauses: fromPauses(facts.pauses),
    pausedSince: openPause ? instant(openPause.from) : null,
    firstResponseAt: facts.firstResponseAt === null ? null : instant(facts.firstResponseAt),
    waitingSince: facts.waitingSince === null ? null : instant(facts.waitingSince),
    resolvedAt: facts.resolvedAt === null ? null : instant(facts.resolvedAt),
    firstResponseDueAt: due(by.get('firstResponse')),
    nextResponseDueAt: due(by.get('nextResponse')),
    resolutionDueAt: due(by.get('resolution')),
    firstResponseBreached: by.get('firstResponse')?.breached ?? false,
    nextResponseBreached: by.get('nextResponse')?.breached ?? false,
    resolutionBreached: by.get('resolution')?.breached ?? false,
    resolutionSeconds: by.get('resolution')?.secondsUsed ?? 0,
    nextDueAt: running.length ? instant(Math.min(...running.map((s) => s.dueAt!))) : null,
    fired: [...fired],
    nextCheckAt: pending ? instant(now) : nextCheckAt === null ? null : instant(nextCheckAt),
    updatedAt: instant(now),
  };
}

/** Every column of the row, in a fixed order. */
const COLUMNS = Object.keys(getTableColumns(ticketSla)) as Array<keyof TicketSlaRow>;
/** An existing row takes every column but the key from the row offered (each value sent once). */
const REPLACE = Object.fromEntries(
  Object.entries(getTableColumns(ticketSla))
    .filter(([key]) => key !== 'ticketId')
    .map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]),
);

/** Insert or replace a ticket's SLA row: one prepared statement (with the ticket's events). */
export function saveSlaWrite(row: TicketSlaRow): TicketWrite {
  return {
    name: 'ticket_sla_upsert',
    build: (db, prefix) =>
      db
        .insert(ticketSla)
        .values(placeholders(COLUMNS, prefix))
        .onConflictDoUpdate({ target: ticketSla.ticketId, set: REPLACE }),
    values: driverValues(ticketSla, row, COLUMNS),
  };
}

/**
 * Reads and locks a ticket's SLA row. With `dueBy`, only a row due by then and not held by another
 * worker (the timer scan: whoever holds it gives its notices).
 */
export async function lockSlaRow(
  ctx: TicketCtx,
  ticketId: string,
  opts: { dueBy?: Date } = {},
): Promise<TicketSlaRow | null> {
  const query = ctx.db
    .select()
    .from(ticketSla)
    .where(
      opts.dueBy
        ? sql`${ticketSla.ticketId} = ${ticketId} AND ${ticketSla.nextCheckAt} <= ${opts.dueBy}`
        : sql`${ticketSla.ticketId} = ${ticketId}`,
    );
  const [row] = await (opts.dueBy ? query.for('update', { skipLocked: true }) : query.for('update'));
  return row ?? null;
}

/**
 * A ticket change's part in its SLA state: the row to write (and a policy-change event), which the
 * tickets module writes in the change's own statement.
 */
export async function slaPartOf(
  ctx: TicketCtx,
  change: PendingChange,
  config: SlaConfigCache,
): Promise<{ writes: TicketWrite[]; events: NewEvent[] }> {
  const now = seconds(ctx.clock.now());
  const ticket = change.after;
  // The ticket row is locked by the command; the SLA row is locked too, for the timer scan.
  const existing = change.before ? await lockSlaRow(ctx, ticket.id) : null;
  // A new ticket's facts come from the ticket; a ticket changed without a row yet (seeded,
  // imported, older than the SLA module) gets them from its own history first, so its earlier
  // replies count; this change (not among its events yet) is then applied as usual.
  const facts = existing
    ? nextFacts(factsOf(existing), change, now)
    : change.before
      ? nextFacts(await factsFromHistoryOf(ctx, change.before), change, now)
      : initialFactsOf(ticket);
  const policies = await config.get(ctx.db);
  const read = fieldsReadBy(policies);
  const changed = new Set(change.events.flatMap((e) => (e.changes ?? []).map((c) => c.field)));
  const rechoose = !existing || existing.policyId === null || [...changed].some((f) => read.has(f));
  let policy = existing ? (policies.find((p) => p.id === existing.policyId) ?? null) : null;
  const events: NewEvent[] = [];
  if (rechoose || !policy) {
    const registry = await registryFor(ctx, read);
    const snapshot = await conditionSnapshot(ctx.db, ticket, read, registry);
    const chosen = choosePolicy(policies, snapshot, registry);
    if (existing && chosen?.id !== existing.policyId) {
      events.push({
        kind: 'sla_policy_changed',
        data: {
          policyId: chosen?.id ?? null,
          policyName: chosen?.name ?? null,
          previousPolicyId: existing.policyId,
        },
      });
    }
    policy = chosen;
  }
  // A first row for an older ticket: what its history already passed counts as given.
  const fired = existing?.fired ?? (change.before ? pastNotices(policy, ticket.priority, facts, now) : []);
  const row = slaRowOf(ticket.id, policy, ticket.priority, facts, fired, now);
  return { writes: [saveSlaWrite(row)], events };
}

/** The facts a ticket's history (before the change being made) leads to. */
async function factsFromHistoryOf(ctx: TicketCtx, ticket: TicketRow): Promise<SlaFacts> {
  const history = await loadSlaHistory(ctx.db, [ticket.id]);
  return historyFactsOf(ticket, history.get(ticket.id) ?? []);
}

/** The notices already past at `now`: counted as given, so nobody is alerted about history. */
export function pastNotices(
  policy: SlaPolicy | null,
  priority: string,
  facts: SlaFacts,
  now: number,
): string[] {
  const { fire, skip } = slaAt(policy, priority, facts, [], now);
  return [...fire, ...skip].map((n) => n.key);
}

/** The registry, built only when some condition reads a field (the default policy reads none). */
async function registryFor(ctx: TicketCtx, read: Set<string>): Promise<FieldRegistry> {
  return read.size ? ticketRegistry(ctx, { viewer: false }) : EMPTY_REGISTRY;
}
const EMPTY_REGISTRY = createFieldRegistry([]);

/** The subscriber the composition root registers with the tickets module. */
export function slaSubscriber(config: SlaConfigCache): AlongsideSubscriber {
  return (ctx, change) => slaPartOf(ctx, change, config);
}
