// Webhooks (C5/Z3): administrators subscribe URLs to ticket events; each event becomes a signed JSON
// delivery, sent through the outbox (retried with backoff, in order per webhook and ticket), logged,
// re-sendable, and a webhook that keeps failing is switched off with a notice to administrators.
// Targets are checked against SSRF when saved and again when sent (target-guard.ts).
//
// Contract for the rules engine: a ticket event of kind `rule_applied` whose data is
//   { ruleId: string, ruleName: string, webhookIds: string[] }
// (written with the tickets module's recordTicketEvents) is delivered as the event `ticket.rule`,
// its payload carrying `rule: { id, name }`, to each listed webhook that exists and is switched on,
// whatever events it subscribes to. Other data members are ignored.

export {
  DELIVERY_MAX_ATTEMPTS,
  KEEP_DELIVERIES_MS,
  pruneDeliveries,
  WEBHOOK_DELIVER_TOPIC,
} from './deliveries.ts';
export { SWITCH_OFF_AFTER, webhookDeliveryHandler } from './delivery-job.ts';
export {
  isWebhookEvent,
  PING_EVENT,
  RULE_APPLIED_KIND,
  RULE_EVENT,
  WEBHOOK_EVENTS,
  type WebhookEvent,
} from './events.ts';
export { webhookRoutes } from './routes.ts';
export { webhookDeliveries, webhooks } from './schema.ts';
export { signatureOf } from './signed-post.ts';
export { webhookSubscriber } from './subscriber.ts';
export { addressProblem, vetTarget } from './target-guard.ts';
export { createWebhookCache, WEBHOOKS_CHANNEL, type WebhookCache } from './webhook-cache.ts';
