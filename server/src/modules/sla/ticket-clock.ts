// A ticket's three SLA clocks (S3), as a pure function of what happened to it: when it started,
// when it was paused (waiting on the customer or a third party) or resolved, when an agent first
// replied publicly, since when a customer message waits for a reply. No I/O, no ambient time:
// `now` is given, instants are epoch seconds.
//
// - First response: from creation to the first public agent reply.
// - Next response: from the oldest unanswered customer message to the next public agent reply.
// - Resolution: from creation until a status of category resolved; a reopen resumes it with the
//   time already used (the resolved spell counts as a pause).
// All three stop while the ticket is pending or resolved: every stop is a pause of every clock.
import { type CompiledCalendar, dueAt, elapsed, type Pause } from './clock/index.ts';
import { SLA_METRICS, type SlaMetric } from './policy-shapes.ts';

/** Why the clocks stood still: the ticket was pending, or resolved (until reopened). */
export type PauseReason = 'pending' | 'resolved';
export interface TicketPause extends Pause {
  reason: PauseReason;
}

export interface MetricTarget {
  seconds: number;
  calendar: CompiledCalendar;
}
export type SlaTargets = Partial<Record<SlaMetric, MetricTarget>>;

export interface SlaFacts {
  /** The ticket's creation. */
  startedAt: number;
  pauses: readonly TicketPause[];
  firstResponseAt: number | null;
  /** The oldest customer message still waiting for a public agent reply. */
  waitingSince: number | null;
  /** When the ticket was resolved, while it is resolved or closed. */
  resolvedAt: number | null;
}

export type MetricStatus = 'running' | 'paused' | 'met' | 'breached' | 'stopped';

export interface MetricState {
  metric: SlaMetric;
  targetSeconds: number;
  /** When the clock started (creation, or the waiting customer message). */
  startedAt: number;
  /** When the target is (was) reached; null while paused before reaching it. */
  dueAt: number | null;
  /** When it was met (the reply, the resolution), or null. */
  metAt: number | null;
  /** Business seconds used so far (until metAt when met). */
  secondsUsed: number;
  /** The due time passed without the target being met (also true once met late). */
  breached: boolean;
  status: MetricStatus;
}

function pausesAsClock(pauses: readonly TicketPause[]): Pause[] {
  return pauses.map((p) => ({ from: p.from, to: p.to }));
}

/** The state of one clock at `now`. */
export function metricState(
  metric: SlaMetric,
  target: MetricTarget,
  facts: SlaFacts,
  now: number,
): MetricState | null {
  const start = metric === 'nextResponse' ? facts.waitingSince : facts.startedAt;
  if (start === null) return null;
  const metAt =
    metric === 'firstResponse' ? facts.firstResponseAt : metric === 'resolution' ? facts.resolvedAt : null;
  const pauses = pausesAsClock(facts.pauses);
  const due = dueAt(target.calendar, start, target.seconds, pauses);
  const until = metAt ?? now;
  const secondsUsed = elapsed(target.calendar, start, Math.max(start, until), pauses);
  const breached = due !== null && until > due;
  const openPause = facts.pauses.find((p) => p.to === null);
  let status: MetricStatus;
  if (metAt !== null) status = breached ? 'breached' : 'met';
  else if (breached) status = 'breached';
  else if (openPause?.reason === 'resolved') status = 'stopped';
  else if (openPause) status = 'paused';
  else status = 'running';
  return {
    metric,
    targetSeconds: target.seconds,
    startedAt: start,
    dueAt: due,
    metAt,
    secondsUsed,
    breached,
    status,
  };
}

/** Every clock a policy sets a target for, at `now`. First response stops once resolved unanswered. */
export function ticketClocks(targets: SlaTargets, facts: SlaFacts, now: number): MetricState[] {
  const states: MetricState[] = [];
  for (const metric of SLA_METRICS) {
    const target = targets[metric];
    if (!target) continue;
    const state = metricState(metric, target, facts, now);
    if (state) states.push(state);
  }
  return states;
}

/** Records a stop or a restart of the clocks: opens or closes the pause of `reason`. */
export function withPause(
  pauses: readonly TicketPause[],
  reason: PauseReason | null,
  at: number,
): TicketPause[] {
  const open = pauses.find((p) => p.to === null);
  if (open?.reason === reason) return [...pauses];
  const closed = pauses.map((p) => (p.to === null ? { ...p, to: Math.max(p.from, at) } : p));
  return reason ? [...closed, { from: at, to: null, reason }] : closed;
}

/** A policy's warning: minutes before the due time, or once a share of the target is used. */
export type WarningRule = { minutesBefore: number } | { percentUsed: number };

/** Escalation: `afterMinutes` after the breach (0 = at it), for some clocks or all. */
export interface EscalationRule {
  afterMinutes: number;
  metrics?: SlaMetric[] | undefined;
}

export type NoticeKind = 'warning' | 'breach' | 'escalation';

/** Something to do once for one clock: warn, record the breach, escalate (level `level`). */
export interface Notice {
  /** Unique per clock run: the same notice is never fired twice for it. */
  key: string;
  metric: SlaMetric;
  kind: NoticeKind;
  level?: number;
  at: number;
  dueAt: number;
}

/** The notices of a clock that is still running (or breached and unmet), with their instants. */
export function noticesOf(
  state: MetricState,
  target: MetricTarget,
  pauses: readonly TicketPause[],
  warning: WarningRule | null,
  escalations: readonly EscalationRule[],
): Notice[] {
  if (state.metAt !== null || state.dueAt === null) return [];
  const due = state.dueAt;
  const run = `${state.metric}@${state.startedAt}`;
  const notices: Notice[] = [];
  if (warning) {
    const at =
      'minutesBefore' in warning
        ? due - warning.minutesBefore * 60
        : dueAt(
            target.calendar,
            state.startedAt,
            Math.floor((target.seconds * warning.percentUsed) / 100),
            pausesAsClock(pauses),
          );
    if (at !== null && at < due) {
      notices.push({ key: `${run}:warning`, metric: state.metric, kind: 'warning', at, dueAt: due });
    }
  }
  notices.push({ key: `${run}:breach`, metric: state.metric, kind: 'breach', at: due, dueAt: due });
  escalations.forEach((rule, level) => {
    if (rule.metrics && !rule.metrics.includes(state.metric)) return;
    notices.push({
      key: `${run}:escalation:${level}`,
      metric: state.metric,
      kind: 'escalation',
      level,
      at: due + rule.afterMinutes * 60,
      dueAt: due,
    });
  });
  return notices;
}

/**
 * Of all notices, those to give now (instant reached, not given yet), those to skip (a warning
 * overtaken by its breach, now or before: recorded as given so it never comes late), and when to
 * look again (the earliest instant still ahead; null when nothing is pending).
 */
export function dueNotices(
  notices: readonly Notice[],
  fired: ReadonlySet<string>,
  now: number,
): { fire: Notice[]; skip: Notice[]; nextCheckAt: number | null } {
  const due: Notice[] = [];
  let nextCheckAt: number | null = null;
  for (const n of notices) {
    if (fired.has(n.key)) continue;
    if (n.at <= now) due.push(n);
    else if (nextCheckAt === null || n.at < nextCheckAt) nextCheckAt = n.at;
  }
  const firing = new Set(due.map((n) => n.key));
  const overtaken = (n: Notice) => {
    const breach = n.key.replace(/:warning$/, ':breach');
    return n.kind === 'warning' && (fired.has(breach) || firing.has(breach));
  };
  return { fire: due.filter((n) => !overtaken(n)), skip: due.filter(overtaken), nextCheckAt };
}
