// What a rule stores besides its condition: the trigger and the ordered actions. Checked here shape
// by shape, every problem named by its JSON path; whether the records they name exist is checked
// afterwards in one query (rule-references.ts).
import type { Fail } from '../../platform/errors.ts';
import { refer } from '../../platform/references.ts';

/** Events a rule can run on. Time-based triggers come with the outbox timers of a later step. */
export const EVENT_TRIGGERS = [
  'created',
  'updated',
  'field_changed',
  'customer_replied',
  'agent_replied',
  'note_added',
  'sla_warning',
  'sla_breached',
] as const;
export type EventTrigger = (typeof EVENT_TRIGGERS)[number];

export interface EventRuleTrigger {
  type: EventTrigger;
  /** For `field_changed`: the ticket fields whose change fires the rule. */
  fields?: string[];
}

/**
 * What a time-based rule counts from: the ticket's creation, its last change (`updated`, and
 * `inactive`: nothing happened to it since, no reply nor note either), the customer's last
 * message, or when it entered `status`.
 */
export const TIME_ANCHORS = [
  'created',
  'updated',
  'inactive',
  'last_customer_reply',
  'status_entered',
] as const;
export type TimeAnchor = (typeof TIME_ANCHORS)[number];
export const TIME_UNITS = { minutes: 60, hours: 3600, days: 86_400 } as const;
export type TimeUnit = keyof typeof TIME_UNITS;
const MAX_TIME_SECONDS = 366 * 86_400;

/** N minutes, hours or days after the anchor, in business hours of `calendarId` or calendar time. */
export interface TimeRuleTrigger {
  type: 'time';
  after: TimeAnchor;
  amount: number;
  unit: TimeUnit;
  /** An SLA calendar whose business hours count; null: calendar time. */
  calendarId: string | null;
  /** For `status_entered`: the status (key). */
  status?: string;
}

export type RuleTrigger = EventRuleTrigger | TimeRuleTrigger;

export const isTimeTrigger = (t: RuleTrigger): t is TimeRuleTrigger => t.type === 'time';

/** The trigger's delay in seconds (business seconds when it has a calendar). */
export const delaySeconds = (t: TimeRuleTrigger): number => t.amount * TIME_UNITS[t.unit];

export const NOTIFY_RECIPIENTS = ['owner', 'group', 'agent', 'supervisor', 'account_manager'] as const;
export type NotifyRecipient = (typeof NOTIFY_RECIPIENTS)[number];

/** Ticket fields a `set_field` action may set (custom fields as `custom.<key>`). */
export const SETTABLE_FIELDS = [
  'status',
  'priority',
  'severity',
  'category',
  'type',
  'departmentId',
  'productId',
] as const;
export type SettableField = (typeof SETTABLE_FIELDS)[number];

export type RuleAction =
  | { type: 'set_field'; field: string; value: string | number | boolean | string[] | null }
  | { type: 'assign'; agentId?: string | null; groupId?: string | null }
  | { type: 'add_tags'; tags: string[] }
  | { type: 'remove_tags'; tags: string[] }
  | { type: 'add_team_member'; agentId: string; access: 'read' | 'read_write' }
  | { type: 'add_note'; body: string }
  /** Macros only: a public reply (template). */
  | { type: 'reply'; body: string }
  | { type: 'notify'; recipient: NotifyRecipient; agentId?: string }
  | { type: 'webhook'; webhookId: string }
  | { type: 'stop' };
export type RuleActionType = RuleAction['type'];

/** The actions a rule may take. */
export const ACTION_TYPES: readonly RuleActionType[] = [
  'set_field',
  'assign',
  'add_tags',
  'remove_tags',
  'add_team_member',
  'add_note',
  'notify',
  'webhook',
  'stop',
];

/** The actions a macro may take: an agent's own changes, a note or a reply (no alerts, no stop). */
export const MACRO_ACTION_TYPES: readonly RuleActionType[] = [
  'set_field',
  'assign',
  'add_tags',
  'remove_tags',
  'add_team_member',
  'add_note',
  'reply',
];

export const MAX_ACTIONS = 20;
export const MAX_NOTE_LENGTH = 10_000;
const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 64;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Records a rule points at, by id, with the paths that name them. */
export interface RuleReferences {
  calendars: Map<string, string[]>;
  agents: Map<string, string[]>;
  groups: Map<string, string[]>;
  departments: Map<string, string[]>;
  products: Map<string, string[]>;
}

export function emptyReferences(): RuleReferences {
  return {
    calendars: new Map(),
    agents: new Map(),
    groups: new Map(),
    departments: new Map(),
    products: new Map(),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function uuidAt(value: unknown, path: string, fail: Fail): value is string {
  if (typeof value === 'string' && UUID_RE.test(value)) return true;
  fail(path, 'must be an id (uuid)');
  return false;
}

function onlyKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
  fail: Fail,
): void {
  for (const key of Object.keys(value))
    if (!allowed.includes(key)) fail(`${path}/${key}`, `is not a property of this ${String(value.type)}`);
}

function checkTimeTrigger(
  input: Record<string, unknown>,
  path: string,
  refs: RuleReferences,
  isStatus: (key: string) => boolean,
  fail: Fail,
): TimeRuleTrigger | null {
  onlyKeys(input, ['type', 'after', 'amount', 'unit', 'calendarId', 'status'], path, fail);
  const { after, amount, unit } = input;
  let ok = true;
  if (typeof after !== 'string' || !(TIME_ANCHORS as readonly string[]).includes(after)) {
    fail(`${path}/after`, `must be one of ${TIME_ANCHORS.join(', ')}`);
    ok = false;
  }
  if (typeof unit !== 'string' || !(unit in TIME_UNITS)) {
    fail(`${path}/unit`, `must be one of ${Object.keys(TIME_UNITS).join(', ')}`);
    ok = false;
  }
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1) {
    fail(`${path}/amount`, 'must be a whole number ≥ 1');
    ok = false;
  } else if (ok && amount * TIME_UNITS[unit as TimeUnit] > MAX_TIME_SECONDS) {
    fail(`${path}/amount`, 'must be at most a year');
    ok = false;
  }
  const calendarId = input.calendarId ?? null;
  if (calendarId !== null && uuidAt(calendarId, `${path}/calendarId`, fail))
    refer(refs.calendars, calendarId, `${path}/calendarId`);
  if (after === 'status_entered') {
    if (typeof input.status !== 'string' || !isStatus(input.status)) {
      fail(`${path}/status`, 'must be a status (key) for the status_entered trigger');
      ok = false;
    }
  } else if (input.status !== undefined) fail(`${path}/status`, 'is only for the status_entered trigger');
  if (!ok) return null;
  return {
    type: 'time',
    after: after as TimeAnchor,
    amount: amount as number,
    unit: unit as TimeUnit,
    calendarId: typeof calendarId === 'string' ? calendarId.toLowerCase() : null,
    ...(after === 'status_entered' ? { status: input.status as string } : {}),
  };
}

/**
 * The trigger, checked; `isField(name)` says whether a ticket field of that name exists,
 * `isStatus(key)` whether a status does.
 */
export function checkTrigger(
  input: unknown,
  path: string,
  refs: RuleReferences,
  isField: (name: string) => boolean,
  isStatus: (key: string) => boolean,
  fail: Fail,
): RuleTrigger | null {
  if (!isObject(input)) {
    fail(path, 'must be an object such as {"type": "created"}');
    return null;
  }
  const type = input.type;
  if (type === 'time') return checkTimeTrigger(input, path, refs, isStatus, fail);
  if (typeof type !== 'string' || !(EVENT_TRIGGERS as readonly string[]).includes(type)) {
    fail(`${path}/type`, `must be one of ${EVENT_TRIGGERS.join(', ')}, time`);
    return null;
  }
  onlyKeys(input, ['type', 'fields'], path, fail);
  if (type !== 'field_changed') {
    if (input.fields !== undefined) fail(`${path}/fields`, 'is only for the field_changed trigger');
    return { type: type as EventTrigger };
  }
  const fields = input.fields;
  if (!Array.isArray(fields) || fields.length === 0 || fields.length > 20) {
    fail(`${path}/fields`, 'must list 1 to 20 ticket fields');
    return null;
  }
  for (const [i, f] of fields.entries())
    if (typeof f !== 'string' || !isField(f)) fail(`${path}/fields/${i}`, 'is not a ticket field');
  return { type: 'field_changed', fields: [...new Set(fields as string[])] };
}

function checkTags(value: unknown, path: string, fail: Fail): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_TAGS) {
    fail(path, `must list 1 to ${MAX_TAGS} tags`);
    return [];
  }
  const tags: string[] = [];
  for (const [i, t] of value.entries()) {
    if (typeof t !== 'string' || !t.trim() || t.trim().length > MAX_TAG_LENGTH)
      fail(`${path}/${i}`, `must be a tag of 1 to ${MAX_TAG_LENGTH} characters`);
    else tags.push(t.trim());
  }
  return [...new Set(tags)];
}

/**
 * One action, checked for its shape; `checkValue(field, value, path)` checks a set_field value
 * against the field (picklist keys, custom field types) and returns the value to store.
 */
function checkAction(
  input: unknown,
  path: string,
  refs: RuleReferences,
  checkValue: (field: string, value: unknown, path: string) => RuleAction | null,
  allowed: readonly RuleActionType[],
  fail: Fail,
): RuleAction | null {
  if (!isObject(input)) {
    fail(path, 'must be an object such as {"type": "add_tags", "tags": ["vip"]}');
    return null;
  }
  const type = input.type;
  if (typeof type !== 'string' || !(allowed as readonly string[]).includes(type)) {
    fail(`${path}/type`, `must be one of ${allowed.join(', ')}`);
    return null;
  }
  switch (type) {
    case 'set_field': {
      onlyKeys(input, ['type', 'field', 'value'], path, fail);
      if (typeof input.field !== 'string') {
        fail(`${path}/field`, 'must name a ticket field');
        return null;
      }
      if (!('value' in input)) {
        fail(`${path}/value`, 'is required');
        return null;
      }
      return checkValue(input.field, input.value, path);
    }
    case 'assign': {
      onlyKeys(input, ['type', 'agentId', 'groupId'], path, fail);
      const out: RuleAction = { type: 'assign' };
      if (input.agentId === undefined && input.groupId === undefined) {
        fail(path, 'names an agent (agentId), a group (groupId) or both');
        return null;
      }
      for (const key of ['agentId', 'groupId'] as const) {
        const value = input[key];
        if (value === undefined) continue;
        if (value === null) out[key] = null;
        else if (uuidAt(value, `${path}/${key}`, fail)) {
          refer(key === 'agentId' ? refs.agents : refs.groups, value, `${path}/${key}`);
          out[key] = value.toLowerCase();
        }
      }
      return out;
    }
    case 'add_tags':
    case 'remove_tags':
      onlyKeys(input, ['type', 'tags'], path, fail);
      return { type, tags: checkTags(input.tags, `${path}/tags`, fail) };
    case 'add_team_member': {
      onlyKeys(input, ['type', 'agentId', 'access'], path, fail);
      const access = input.access ?? 'read';
      if (access !== 'read' && access !== 'read_write') fail(`${path}/access`, 'must be read or read_write');
      if (!uuidAt(input.agentId, `${path}/agentId`, fail)) return null;
      refer(refs.agents, input.agentId, `${path}/agentId`);
      return { type, agentId: input.agentId.toLowerCase(), access: access as 'read' | 'read_write' };
    }
    case 'add_note':
    case 'reply': {
      onlyKeys(input, ['type', 'body'], path, fail);
      const body = typeof input.body === 'string' ? input.body.trim() : '';
      if (!body) fail(`${path}/body`, 'must not be empty');
      else if (body.length > MAX_NOTE_LENGTH)
        fail(`${path}/body`, `must be at most ${MAX_NOTE_LENGTH} characters`);
      return { type, body };
    }
    case 'notify': {
      onlyKeys(input, ['type', 'recipient', 'agentId'], path, fail);
      const recipient = input.recipient;
      if (typeof recipient !== 'string' || !(NOTIFY_RECIPIENTS as readonly string[]).includes(recipient)) {
        fail(`${path}/recipient`, `must be one of ${NOTIFY_RECIPIENTS.join(', ')}`);
        return null;
      }
      if (recipient !== 'agent') {
        if (input.agentId !== undefined) fail(`${path}/agentId`, 'is only for the recipient agent');
        return { type, recipient: recipient as NotifyRecipient };
      }
      if (!uuidAt(input.agentId, `${path}/agentId`, fail)) return null;
      refer(refs.agents, input.agentId, `${path}/agentId`);
      return { type, recipient: 'agent', agentId: input.agentId.toLowerCase() };
    }
    case 'webhook':
      onlyKeys(input, ['type', 'webhookId'], path, fail);
      if (!uuidAt(input.webhookId, `${path}/webhookId`, fail)) return null;
      return { type, webhookId: input.webhookId.toLowerCase() };
    case 'stop':
      onlyKeys(input, ['type'], path, fail);
      return { type };
    default:
      fail(`${path}/type`, `must be one of ${allowed.join(', ')}`);
      return null;
  }
}

/** The ordered actions, checked (of the `allowed` types); `stop` may only come last. */
export function checkActions(
  input: unknown,
  path: string,
  refs: RuleReferences,
  checkValue: (field: string, value: unknown, path: string) => RuleAction | null,
  fail: Fail,
  allowed: readonly RuleActionType[] = ACTION_TYPES,
): RuleAction[] {
  if (!Array.isArray(input) || input.length === 0 || input.length > MAX_ACTIONS) {
    fail(path, `must list 1 to ${MAX_ACTIONS} actions`);
    return [];
  }
  const actions: RuleAction[] = [];
  for (const [i, item] of input.entries()) {
    const action = checkAction(item, `${path}/${i}`, refs, checkValue, allowed, fail);
    if (!action) continue;
    if (action.type === 'stop' && i !== input.length - 1)
      fail(`${path}/${i}`, 'stop must be the last action');
    actions.push(action);
  }
  return actions;
}
