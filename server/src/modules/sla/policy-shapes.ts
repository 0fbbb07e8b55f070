// The JSON a policy stores besides its condition: per-priority targets on calendars, the warning
// before a breach and the escalation levels. Checked here shape by shape, every problem named by its
// path; whether the calendars, agents and groups exist is checked in one query afterwards.

import type { Fail } from '../../platform/errors.ts';
import { refer } from '../../platform/references.ts';

export const SLA_METRICS = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/** One year, in minutes: the longest target (and warning lead time). */
export const MAX_TARGET_MINUTES = 525_600;
/** Thirty days, in minutes: the latest escalation level after a breach. */
export const MAX_ESCALATION_MINUTES = 43_200;
export const MAX_ESCALATION_LEVELS = 5;
export const MAX_ESCALATION_ACTIONS = 10;

export interface SlaTarget {
  minutes: number;
  calendarId: string;
}

export type PriorityTargets = Partial<Record<SlaMetric, SlaTarget>>;

/** Keyed by priority key; a priority without an entry has no SLA under the policy. */
export type PolicyTargets = Record<string, PriorityTargets>;

export type SlaWarning = { minutesBefore: number } | { percentUsed: number };

export const NOTIFY_RECIPIENTS = ['owner', 'group', 'agent', 'account_manager'] as const;
export type NotifyRecipient = (typeof NOTIFY_RECIPIENTS)[number];

export const ESCALATION_ACTION_TYPES = ['notify', 'reassign', 'raise_priority'] as const;

export type EscalationAction =
  | { type: 'notify'; recipient: NotifyRecipient; agentId?: string }
  | { type: 'reassign'; agentId?: string; groupId?: string }
  | { type: 'raise_priority' };

export interface EscalationLevel {
  /** Minutes after the breach; 0 = at the breach. */
  afterMinutes: number;
  /** The metrics whose breach starts this level; all of them when absent. */
  metrics?: SlaMetric[];
  actions: EscalationAction[];
}

/** The records a policy points at, to be checked against the database. */
export interface PolicyReferences {
  calendars: Map<string, string[]>;
  agents: Map<string, string[]>;
  groups: Map<string, string[]>;
}

export function emptyReferences(): PolicyReferences {
  return { calendars: new Map(), agents: new Map(), groups: new Map() };
}

export { type Fail, fieldErrors } from '../../platform/errors.ts';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

function unknownKeys(obj: Record<string, unknown>, known: readonly string[], path: string, fail: Fail) {
  for (const key of Object.keys(obj))
    if (!known.includes(key)) fail(`${path}/${key}`, 'is not an allowed field');
}

/**
 * Per-priority targets: keys must be priority keys of the picklist, each metric a whole number of
 * minutes on a calendar.
 */
export function checkTargets(
  input: unknown,
  priorityKeys: readonly string[],
  path: string,
  refs: PolicyReferences,
  fail: Fail,
): PolicyTargets {
  const out: PolicyTargets = {};
  if (!isObject(input)) {
    fail(path, 'must be an object keyed by priority');
    return out;
  }
  for (const [priority, metrics] of Object.entries(input)) {
    const at = `${path}/${priority.slice(0, 100)}`;
    if (!priorityKeys.includes(priority)) {
      fail(at, `is not a priority; priorities: ${priorityKeys.join(', ')}`);
      continue;
    }
    if (!isObject(metrics)) {
      fail(at, 'must be an object with firstResponse, nextResponse and/or resolution');
      continue;
    }
    unknownKeys(metrics, SLA_METRICS, at, fail);
    const targets: PriorityTargets = {};
    for (const metric of SLA_METRICS) {
      const target = metrics[metric];
      if (target === undefined) continue;
      const tp = `${at}/${metric}`;
      if (!isObject(target)) {
        fail(tp, 'must be an object { minutes, calendarId }');
        continue;
      }
      unknownKeys(target, ['minutes', 'calendarId'], tp, fail);
      if (!isInt(target.minutes, 0, MAX_TARGET_MINUTES))
        fail(`${tp}/minutes`, `must be a whole number of minutes from 0 to ${MAX_TARGET_MINUTES}`);
      if (!isUuid(target.calendarId)) fail(`${tp}/calendarId`, 'must be a calendar id');
      else refer(refs.calendars, target.calendarId, `${tp}/calendarId`);
      if (isInt(target.minutes, 0, MAX_TARGET_MINUTES) && isUuid(target.calendarId))
        targets[metric] = { minutes: target.minutes, calendarId: target.calendarId.toLowerCase() };
    }
    out[priority] = targets;
  }
  return out;
}

/** The warning before a breach: minutes before it, or a share of the target used; or none. */
export function checkWarning(input: unknown, path: string, fail: Fail): SlaWarning | null {
  if (input === null || input === undefined) return null;
  if (!isObject(input)) {
    fail(path, 'must be { minutesBefore } or { percentUsed }, or null');
    return null;
  }
  unknownKeys(input, ['minutesBefore', 'percentUsed'], path, fail);
  const hasMinutes = input.minutesBefore !== undefined;
  const hasPercent = input.percentUsed !== undefined;
  if (hasMinutes === hasPercent) {
    fail(path, 'give exactly one of minutesBefore and percentUsed');
    return null;
  }
  if (hasMinutes) {
    if (!isInt(input.minutesBefore, 1, MAX_TARGET_MINUTES)) {
      fail(`${path}/minutesBefore`, `must be a whole number of minutes from 1 to ${MAX_TARGET_MINUTES}`);
      return null;
    }
    return { minutesBefore: input.minutesBefore };
  }
  if (!isInt(input.percentUsed, 1, 99)) {
    fail(`${path}/percentUsed`, 'must be a whole percentage from 1 to 99');
    return null;
  }
  return { percentUsed: input.percentUsed };
}

function checkAction(
  input: unknown,
  path: string,
  refs: PolicyReferences,
  fail: Fail,
): EscalationAction | undefined {
  if (!isObject(input)) {
    fail(path, 'must be an action object');
    return undefined;
  }
  const agentId = (field: string, required: boolean): string | undefined => {
    const v = input[field];
    if (v === undefined) {
      if (required) fail(`${path}/${field}`, 'is required');
      return undefined;
    }
    if (!isUuid(v)) {
      fail(`${path}/${field}`, 'must be an id');
      return undefined;
    }
    refer(field === 'groupId' ? refs.groups : refs.agents, v, `${path}/${field}`);
    return v.toLowerCase();
  };
  switch (input.type) {
    case 'notify': {
      unknownKeys(input, ['type', 'recipient', 'agentId'], path, fail);
      const recipient = input.recipient;
      if (!NOTIFY_RECIPIENTS.includes(recipient as NotifyRecipient)) {
        fail(`${path}/recipient`, `must be one of ${NOTIFY_RECIPIENTS.join(', ')}`);
        return undefined;
      }
      if (recipient !== 'agent') {
        if (input.agentId !== undefined) fail(`${path}/agentId`, 'is only for the recipient agent');
        return { type: 'notify', recipient: recipient as NotifyRecipient };
      }
      const id = agentId('agentId', true);
      return id ? { type: 'notify', recipient: 'agent', agentId: id } : undefined;
    }
    case 'reassign': {
      unknownKeys(input, ['type', 'agentId', 'groupId'], path, fail);
      if (input.agentId === undefined && input.groupId === undefined) {
        fail(path, 'a reassignment needs an agentId, a groupId or both');
        return undefined;
      }
      const a = agentId('agentId', false);
      const g = agentId('groupId', false);
      return { type: 'reassign', ...(a ? { agentId: a } : {}), ...(g ? { groupId: g } : {}) };
    }
    case 'raise_priority':
      unknownKeys(input, ['type'], path, fail);
      return { type: 'raise_priority' };
    default:
      fail(`${path}/type`, `must be one of ${ESCALATION_ACTION_TYPES.join(', ')}`);
      return undefined;
  }
}

/** Escalation levels: at most five, later levels strictly later, each with one to ten actions. */
export function checkEscalations(
  input: unknown,
  path: string,
  refs: PolicyReferences,
  fail: Fail,
): EscalationLevel[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) {
    fail(path, 'must be a list of escalation levels');
    return [];
  }
  if (input.length > MAX_ESCALATION_LEVELS) {
    fail(path, `must have at most ${MAX_ESCALATION_LEVELS} levels`);
    return [];
  }
  const levels: EscalationLevel[] = [];
  let previous: number | undefined;
  for (const [i, level] of (input as unknown[]).entries()) {
    const at = `${path}/${i}`;
    if (!isObject(level)) {
      fail(at, 'must be an object { afterMinutes, metrics?, actions }');
      previous = undefined;
      continue;
    }
    unknownKeys(level, ['afterMinutes', 'metrics', 'actions'], at, fail);
    const after = level.afterMinutes;
    if (!isInt(after, 0, MAX_ESCALATION_MINUTES)) {
      fail(`${at}/afterMinutes`, `must be a whole number of minutes from 0 to ${MAX_ESCALATION_MINUTES}`);
      previous = undefined;
    } else {
      if (previous !== undefined && after <= previous)
        fail(`${at}/afterMinutes`, "must be greater than the previous level's");
      previous = after;
    }
    let metrics: SlaMetric[] | undefined;
    if (level.metrics !== undefined) {
      const given = level.metrics;
      if (
        !Array.isArray(given) ||
        given.length === 0 ||
        !given.every((m) => SLA_METRICS.includes(m as SlaMetric))
      ) {
        fail(`${at}/metrics`, `must be a non-empty list of ${SLA_METRICS.join(', ')}`);
      } else if (new Set(given).size !== given.length) {
        fail(`${at}/metrics`, 'must not name a metric twice');
      } else {
        metrics = SLA_METRICS.filter((m) => given.includes(m));
      }
    }
    const actions: EscalationAction[] = [];
    if (
      !Array.isArray(level.actions) ||
      level.actions.length === 0 ||
      level.actions.length > MAX_ESCALATION_ACTIONS
    ) {
      fail(`${at}/actions`, `must be a list of 1 to ${MAX_ESCALATION_ACTIONS} actions`);
    } else {
      for (const [j, action] of (level.actions as unknown[]).entries()) {
        const checked = checkAction(action, `${at}/actions/${j}`, refs, fail);
        if (checked) actions.push(checked);
      }
    }
    if (isInt(after, 0, MAX_ESCALATION_MINUTES))
      levels.push({ afterMinutes: after, ...(metrics ? { metrics } : {}), actions });
  }
  return levels;
}

/** The calendar ids a policy's targets use. */
export function calendarIdsOf(targets: PolicyTargets): Set<string> {
  const ids = new Set<string>();
  for (const metrics of Object.values(targets))
    for (const target of Object.values(metrics)) if (target) ids.add(target.calendarId);
  return ids;
}

/** Collects field errors; `throwIfAny` reports them all in one 400. */
