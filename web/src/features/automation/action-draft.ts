// The action language of rules and macros (server/src/modules/rules/rule-shapes.ts) as the action
// builder edits it: one flat draft per action, turned back into the API's shape, and the server's
// problem paths under the actions (`body/actions/1/tags`) turned into the builder's (`1.tags`).
import { newId } from '../tickets-list/condition-tree.ts';

export const NOTIFY_RECIPIENTS = ['owner', 'group', 'agent', 'supervisor', 'account_manager'] as const;
export type NotifyRecipient = (typeof NOTIFY_RECIPIENTS)[number];

/** Ticket fields a set_field action may set, besides the custom fields (`custom.<key>`). */
export const SETTABLE_FIELDS = [
  'status',
  'priority',
  'severity',
  'category',
  'type',
  'departmentId',
  'productId',
] as const;

/** The placeholders a note's or reply's template may use (the engine's renderTemplate). */
export const TEMPLATE_PLACEHOLDERS = [
  'ticket.number',
  'ticket.subject',
  'ticket.status',
  'ticket.priority',
  'rule.name',
] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

/** One action as the API takes it: a rule's, or a macro's (which may also reply). */
export type AutomationAction =
  | { type: 'set_field'; field: string; value: unknown }
  | { type: 'assign'; agentId?: string | null; groupId?: string | null }
  | { type: 'add_tags'; tags: string[] }
  | { type: 'remove_tags'; tags: string[] }
  | { type: 'add_team_member'; agentId: string; access: 'read' | 'read_write' }
  | { type: 'add_note'; body: string }
  | { type: 'reply'; body: string }
  | { type: 'notify'; recipient: NotifyRecipient; agentId?: string }
  | { type: 'webhook'; webhookId: string }
  | { type: 'stop' };
export type ActionType = AutomationAction['type'];

/** One action being edited: every type's inputs in one flat record, with a stable key. */
export interface ActionDraft {
  key: string;
  type: ActionType;
  field: string | null;
  value: unknown;
  agentId: string | null;
  groupId: string | null;
  tags: string[];
  access: 'read' | 'read_write';
  body: string;
  recipient: NotifyRecipient;
  webhookId: string | null;
}

export function emptyAction(type: ActionType = 'set_field'): ActionDraft {
  return {
    key: newId(),
    type,
    field: null,
    value: null,
    agentId: null,
    groupId: null,
    tags: [],
    access: 'read',
    body: '',
    recipient: 'owner',
    webhookId: null,
  };
}

/** The draft of an action the API returned. */
export function draftOf(a: AutomationAction): ActionDraft {
  const d = emptyAction(a.type);
  switch (a.type) {
    case 'set_field':
      return { ...d, field: a.field, value: a.value };
    case 'assign':
      return { ...d, agentId: a.agentId ?? null, groupId: a.groupId ?? null };
    case 'add_tags':
    case 'remove_tags':
      return { ...d, tags: a.tags };
    case 'add_team_member':
      return { ...d, agentId: a.agentId, access: a.access };
    case 'add_note':
    case 'reply':
      return { ...d, body: a.body };
    case 'notify':
      return { ...d, recipient: a.recipient, agentId: a.agentId ?? null };
    case 'webhook':
      return { ...d, webhookId: a.webhookId };
    default:
      return d;
  }
}

/** The action to send: empty parts left out (an unchosen owner means "leave as is"). */
export function actionOf(d: ActionDraft): AutomationAction {
  switch (d.type) {
    case 'set_field':
      return { type: 'set_field', field: d.field ?? '', value: d.value ?? null };
    case 'assign':
      return {
        type: 'assign',
        ...(d.agentId ? { agentId: d.agentId } : {}),
        ...(d.groupId ? { groupId: d.groupId } : {}),
      };
    case 'add_tags':
    case 'remove_tags':
      return { type: d.type, tags: d.tags };
    case 'add_team_member':
      return { type: 'add_team_member', agentId: d.agentId ?? '', access: d.access };
    case 'add_note':
    case 'reply':
      return { type: d.type, body: d.body };
    case 'notify':
      return {
        type: 'notify',
        recipient: d.recipient,
        ...(d.recipient === 'agent' ? { agentId: d.agentId ?? '' } : {}),
      };
    case 'webhook':
      return { type: 'webhook', webhookId: d.webhookId ?? '' };
    default:
      return { type: 'stop' };
  }
}

/**
 * The builder's path of a server path under the actions (`1/tags` → `1.tags`, `1` → `1.type`);
 * null for the list itself.
 */
export function actionErrorPath(path: string): string | null {
  const [index, part] = path.split('/');
  if (index === undefined || index === '') return null;
  return `${index}.${part ?? 'type'}`;
}
