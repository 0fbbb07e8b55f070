// Which webhook event a ticket event is. Pure: the subscriber, the cache and the API share it.
import type { TicketEventRow } from '../tickets/index.ts';

/** The events an administrator can subscribe a webhook to. */
export const WEBHOOK_EVENTS = [
  'ticket.created',
  'ticket.updated',
  'ticket.replied',
  'ticket.customer_replied',
  'ticket.note_added',
  'ticket.sla_warning',
  'ticket.sla_breached',
  'ticket.sla_escalated',
  'ticket.merged',
  'ticket.voided',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Sent to the webhooks a rule names (ticket events of kind `rule_applied`), whatever they subscribe to. */
export const RULE_EVENT = 'ticket.rule';
/** Sent by "Send test". */
export const PING_EVENT = 'ping';
/** The ticket event kind the rules engine writes when a rule's action sends to webhooks. */
export const RULE_APPLIED_KIND = 'rule_applied';

/** Ticket event kinds and the webhook events they can be (a message's kind is in its data). */
const BY_KIND: Readonly<Record<string, readonly WebhookEvent[]>> = {
  created: ['ticket.created'],
  // Field changes are named after what changed (update-ticket.ts eventKindFor).
  updated: ['ticket.updated'],
  assigned: ['ticket.updated'],
  status_changed: ['ticket.updated'],
  tags_changed: ['ticket.updated'],
  message_added: ['ticket.replied', 'ticket.customer_replied', 'ticket.note_added'],
  sla_warning: ['ticket.sla_warning'],
  sla_breached: ['ticket.sla_breached'],
  sla_escalated: ['ticket.sla_escalated'],
  merged_into: ['ticket.merged'],
  voided: ['ticket.voided'],
};

const BY_MESSAGE_KIND: Readonly<Record<string, WebhookEvent>> = {
  reply: 'ticket.replied',
  customer: 'ticket.customer_replied',
  note: 'ticket.note_added',
};

export function isWebhookEvent(value: string): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/** The webhook events a change with these ticket event kinds may give. */
export function possibleEvents(kinds: readonly string[]): WebhookEvent[] {
  return [...new Set(kinds.flatMap((k) => BY_KIND[k] ?? []))];
}

/** The webhook event one stored ticket event is, or null when webhooks are not told of it. */
export function webhookEventOf(event: Pick<TicketEventRow, 'kind' | 'data'>): WebhookEvent | null {
  if (event.kind === 'message_added') {
    const kind = event.data.kind;
    return typeof kind === 'string' ? (BY_MESSAGE_KIND[kind] ?? null) : null;
  }
  return BY_KIND[event.kind]?.[0] ?? null;
}

/** What a `rule_applied` event asks: the rule, and the webhooks to send to (see index.ts). */
export function ruleDeliveryOf(event: {
  kind: string;
  data?: Record<string, unknown>;
}): { ruleId: string | null; ruleName: string | null; webhookIds: string[] } | null {
  if (event.kind !== RULE_APPLIED_KIND || !event.data) return null;
  const { webhookIds, ruleId, ruleName } = event.data;
  if (!Array.isArray(webhookIds) || !webhookIds.every((id) => typeof id === 'string')) return null;
  return {
    ruleId: typeof ruleId === 'string' ? ruleId : null,
    ruleName: typeof ruleName === 'string' ? ruleName : null,
    webhookIds: webhookIds as string[],
  };
}
