// The policy editor's draft: targets typed as durations with a calendar each, the warning, and the
// escalation levels with their actions; turned into the API's shapes with the problems found on
// the way, keyed by the same paths the server uses (`targets/urgent/firstResponse/minutes`).
import type { TFunction } from 'i18next';
import { formatDuration, parseDuration } from './duration.ts';
import {
  type EscalationAction,
  type EscalationLevel,
  type Policy,
  type PolicyTargets,
  type PolicyWarning,
  SLA_METRICS,
  type SlaMetric,
} from './sla-data.ts';

export interface TargetCell {
  text: string;
  calendarId: string | null;
}
export type TargetsDraft = Record<string, Record<SlaMetric, TargetCell>>;

export type WarningMode = 'none' | 'minutes' | 'percent';
export interface WarningDraft {
  mode: WarningMode;
  minutesText: string;
  percent: number | string;
}

export const ACTION_KINDS = [
  'notify_owner',
  'notify_group',
  'notify_agent',
  'notify_account_manager',
  'reassign',
  'raise_priority',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export interface ActionDraft {
  key: string;
  kind: ActionKind;
  agentId: string | null;
  groupId: string | null;
}
export interface LevelDraft {
  key: string;
  afterText: string;
  /** Empty: every metric's breach starts the level. */
  metrics: SlaMetric[];
  actions: ActionDraft[];
}

let nextKey = 0;
export const newKey = (): string => `k${++nextKey}`;

const emptyCell = (): TargetCell => ({ text: '', calendarId: null });

export function targetsDraft(
  targets: PolicyTargets,
  priorities: readonly string[],
  t: TFunction<'slaAdmin'>,
): TargetsDraft {
  const out: TargetsDraft = {};
  for (const p of new Set([...priorities, ...Object.keys(targets)])) {
    const row = targets[p] ?? {};
    out[p] = {
      firstResponse: emptyCell(),
      nextResponse: emptyCell(),
      resolution: emptyCell(),
    };
    for (const m of SLA_METRICS) {
      const target = row[m];
      if (target) out[p]![m] = { text: formatDuration(target.minutes, t), calendarId: target.calendarId };
    }
  }
  return out;
}

export function warningDraft(w: PolicyWarning, t: TFunction<'slaAdmin'>): WarningDraft {
  if (w?.minutesBefore !== undefined)
    return { mode: 'minutes', minutesText: formatDuration(w.minutesBefore, t), percent: 80 };
  if (w?.percentUsed !== undefined) return { mode: 'percent', minutesText: '', percent: w.percentUsed };
  return { mode: 'none', minutesText: '', percent: 80 };
}

function actionKind(a: EscalationAction): ActionKind {
  if (a.type === 'notify') return `notify_${a.recipient ?? 'owner'}` as ActionKind;
  return a.type;
}

export const newAction = (): ActionDraft => ({
  key: newKey(),
  kind: 'notify_owner',
  agentId: null,
  groupId: null,
});

export function levelsDraft(levels: Policy['escalations'], t: TFunction<'slaAdmin'>): LevelDraft[] {
  return levels.map((l) => ({
    key: newKey(),
    afterText: l.afterMinutes === 0 ? '0' : formatDuration(l.afterMinutes, t),
    metrics: l.metrics ?? [],
    actions: l.actions.map((a) => ({
      key: newKey(),
      kind: actionKind(a),
      agentId: a.agentId ?? null,
      groupId: a.groupId ?? null,
    })),
  }));
}

export interface Built<T> {
  value: T;
  errors: Map<string, string>;
}

export function buildTargets(draft: TargetsDraft, t: TFunction<'slaAdmin'>): Built<PolicyTargets> {
  const errors = new Map<string, string>();
  const value: PolicyTargets = {};
  for (const [priority, row] of Object.entries(draft)) {
    const targets: PolicyTargets[string] = {};
    for (const m of SLA_METRICS) {
      const cell = row[m];
      const minutes = parseDuration(cell.text);
      if (minutes === undefined) continue;
      const at = `targets/${priority}/${m}`;
      if (minutes === null) errors.set(`${at}/minutes`, t('duration.invalid'));
      if (!cell.calendarId) errors.set(`${at}/calendarId`, t('targets.calendarRequired'));
      if (minutes !== null && cell.calendarId) targets[m] = { minutes, calendarId: cell.calendarId };
    }
    if (Object.keys(targets).length) value[priority] = targets;
  }
  return { value, errors };
}

export function buildWarning(draft: WarningDraft, t: TFunction<'slaAdmin'>): Built<PolicyWarning> {
  const errors = new Map<string, string>();
  if (draft.mode === 'none') return { value: null, errors };
  if (draft.mode === 'percent') {
    const percent = Number(draft.percent);
    if (draft.percent === '' || !Number.isInteger(percent))
      errors.set('warning/percentUsed', t('warning.percentInvalid'));
    return { value: { percentUsed: percent }, errors };
  }
  const minutes = parseDuration(draft.minutesText);
  if (minutes === undefined || minutes === null) errors.set('warning/minutesBefore', t('duration.invalid'));
  return { value: { minutesBefore: minutes ?? 0 }, errors };
}

function buildAction(a: ActionDraft): EscalationAction {
  switch (a.kind) {
    case 'notify_owner':
      return { type: 'notify', recipient: 'owner' };
    case 'notify_group':
      return { type: 'notify', recipient: 'group' };
    case 'notify_account_manager':
      return { type: 'notify', recipient: 'account_manager' };
    case 'notify_agent':
      return { type: 'notify', recipient: 'agent', ...(a.agentId ? { agentId: a.agentId } : {}) };
    case 'reassign':
      return {
        type: 'reassign',
        ...(a.agentId ? { agentId: a.agentId } : {}),
        ...(a.groupId ? { groupId: a.groupId } : {}),
      };
    case 'raise_priority':
      return { type: 'raise_priority' };
  }
}

export function buildEscalations(levels: LevelDraft[], t: TFunction<'slaAdmin'>): Built<EscalationLevel[]> {
  const errors = new Map<string, string>();
  const value = levels.map((l, i): EscalationLevel => {
    const after = parseDuration(l.afterText);
    if (after === undefined || after === null)
      errors.set(`escalations/${i}/afterMinutes`, t('duration.invalid'));
    return {
      afterMinutes: after ?? 0,
      ...(l.metrics.length ? { metrics: SLA_METRICS.filter((m) => l.metrics.includes(m)) } : {}),
      actions: l.actions.map(buildAction),
    };
  });
  return { value, errors };
}
