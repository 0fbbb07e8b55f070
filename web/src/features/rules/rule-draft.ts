// The rule editor's form values and the API body they make; the server's problem paths
// (`body/actions/0/tags`, `body/rule/trigger/amount`) turned into the form's field paths.

import { type ActionDraft, actionErrorPath, actionOf, draftOf } from '../automation/action-draft.ts';
import type { Condition } from '../tickets-list/built-in-views.ts';
import {
  fromCondition,
  type GroupNode,
  nodeOfErrorPath,
  toCondition,
} from '../tickets-list/condition-tree.ts';
import {
  type EventTrigger,
  isTimeTrigger,
  type Rule,
  type RuleAction,
  type RuleTrigger,
  type TimeAnchor,
  type TimeUnit,
} from './rules-data.ts';

export const CALENDAR_TIME = 'calendar-time';
export const ALL_DEPARTMENTS = 'all';

export interface TriggerDraft {
  kind: 'event' | 'time';
  event: EventTrigger;
  fields: string[];
  after: TimeAnchor;
  amount: number | string;
  unit: TimeUnit;
  /** An SLA calendar's id, or CALENDAR_TIME. */
  calendarId: string;
  status: string | null;
}

export interface RuleValues {
  name: string;
  description: string;
  /** A department's id, or ALL_DEPARTMENTS. */
  departmentId: string;
  active: boolean;
  trigger: TriggerDraft;
  tree: GroupNode;
  actions: ActionDraft[];
}

export function valuesOf(rule: Rule | null): RuleValues {
  const trigger = (rule?.trigger ?? { type: 'created' }) as unknown as RuleTrigger;
  const timed = isTimeTrigger(trigger) ? trigger : null;
  return {
    name: rule?.name ?? '',
    description: rule?.description ?? '',
    departmentId: rule?.departmentId ?? ALL_DEPARTMENTS,
    active: rule?.active ?? false,
    trigger: {
      kind: timed ? 'time' : 'event',
      event: timed ? 'created' : (trigger as { type: EventTrigger }).type,
      fields: timed ? [] : ((trigger as { fields?: string[] }).fields ?? []),
      after: timed?.after ?? 'updated',
      amount: timed?.amount ?? 1,
      unit: timed?.unit ?? 'hours',
      calendarId: timed?.calendarId ?? CALENDAR_TIME,
      status: timed?.status ?? null,
    },
    tree: fromCondition((rule?.condition ?? undefined) as Condition | undefined),
    actions: (rule?.actions ?? []).map((a) => draftOf(a as unknown as RuleAction)),
  };
}

function triggerOf(d: TriggerDraft): RuleTrigger {
  if (d.kind === 'event')
    return d.event === 'field_changed' ? { type: 'field_changed', fields: d.fields } : { type: d.event };
  return {
    type: 'time',
    after: d.after,
    amount: typeof d.amount === 'number' ? d.amount : Number(d.amount),
    unit: d.unit,
    calendarId: d.calendarId === CALENDAR_TIME ? null : d.calendarId,
    ...(d.after === 'status_entered' ? { status: d.status ?? '' } : {}),
  };
}

/** The rule as POST /api/v1/rules takes it, and where each condition node lands in it. */
export function bodyOf(v: RuleValues) {
  const { condition, paths } = toCondition(v.tree, 'condition');
  const body = {
    name: v.name.trim(),
    description: v.description.trim(),
    departmentId: v.departmentId === ALL_DEPARTMENTS ? null : v.departmentId,
    trigger: triggerOf(v.trigger) as unknown as Record<string, never>,
    condition: (v.tree.children.length ? condition : null) as Record<string, never> | null,
    actions: v.actions.map(actionOf) as unknown as Array<Record<string, never>>,
  };
  return { body, paths };
}

/** The form path of a server path (`trigger/type` → `trigger.event`); null for the condition. */
function formPath(path: string): string | null {
  if (path.startsWith('condition')) return null;
  const parts = path.split('/');
  if (parts[0] === 'trigger') {
    if (parts[1] === 'type' || parts.length === 1) return 'trigger.event';
    if (parts[1] === 'fields') return 'trigger.fields';
    return `trigger.${parts[1]}`;
  }
  if (parts[0] === 'actions' && parts[1] !== undefined)
    return `actions.${actionErrorPath(parts.slice(1).join('/'))}`;
  if (parts[0] === 'actions') return 'actions';
  return parts[0] ?? null;
}

export interface PlacedErrors {
  /** Form errors by the form's paths (`actions.0.tags`). */
  form: Record<string, string>;
  /** Condition node id → message. */
  condition: Map<string, string>;
  /** Problems no input shows. */
  rest: string[];
}

/**
 * The server's problems placed at their inputs; `prefix` is what the server put before the rule's
 * own paths (`body/` on a save, `body/rule/` on a dry run).
 */
export function placeErrors(
  errors: ReadonlyArray<{ field: string; message: string }>,
  paths: Map<string, string>,
  prefix: RegExp,
): PlacedErrors {
  const out: PlacedErrors = { form: {}, condition: new Map(), rest: [] };
  for (const e of errors) {
    const path = e.field.replace(/^\/+/, '').replace(prefix, '');
    if (path.startsWith('condition')) {
      const node = nodeOfErrorPath(paths, path);
      if (node && !out.condition.has(node)) out.condition.set(node, e.message);
      else if (!node) out.rest.push(e.message);
      continue;
    }
    const at = formPath(path);
    if (at && ['name', 'description', 'departmentId', 'actions'].includes(at.split('.')[0]!)) {
      out.form[at] ??= e.message;
    } else if (at?.startsWith('trigger.')) out.form[at] ??= e.message;
    else out.rest.push(`${path}: ${e.message}`);
  }
  return out;
}
