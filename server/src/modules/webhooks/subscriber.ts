// The after-commit subscriber: committed ticket events become deliveries (one per webhook that
// subscribes to the event, or that a rule names) with an outbox job each, written in the batch's
// transaction. A repeat of the same events adds nothing (one delivery per webhook and event).
import type { AfterCommitSubscriber, TicketEventRow } from '../tickets/index.ts';
import { insertDelivery, queueDelivery } from './deliveries.ts';
import { possibleEvents, RULE_EVENT, ruleDeliveryOf, webhookEventOf } from './events.ts';
import { eventPayload, ticketForPayload } from './payload.ts';
import { activeWebhooks, type WebhookCache } from './webhook-cache.ts';

interface Planned {
  event: TicketEventRow;
  name: string;
  webhookIds: string[];
  rule?: { id: string | null; name: string | null };
}

export function webhookSubscriber(cache: WebhookCache): AfterCommitSubscriber {
  return {
    name: 'webhooks',
    wants(kinds, changeEvents) {
      const events = possibleEvents(kinds);
      // A rule's event only when the rule asks for a delivery.
      const ruled = changeEvents.some((e) => !!ruleDeliveryOf(e)?.webhookIds.length);
      if (!events.length && !ruled) return false;
      const known = cache.current();
      if (!known) return true;
      return (ruled && known.anyActive) || events.some((e) => known.events.has(e));
    },
    async handle(events, { db, clock }) {
      const hooks = await activeWebhooks(db);
      if (!hooks.length) return;
      const planned: Planned[] = [];
      for (const event of events) {
        const rule = ruleDeliveryOf(event);
        if (rule) {
          const webhookIds = hooks.filter((h) => rule.webhookIds.includes(h.id)).map((h) => h.id);
          if (webhookIds.length)
            planned.push({
              event,
              name: RULE_EVENT,
              webhookIds,
              rule: { id: rule.ruleId, name: rule.ruleName },
            });
          continue;
        }
        const name = webhookEventOf(event);
        if (!name) continue;
        const webhookIds = hooks.filter((h) => h.events.includes(name)).map((h) => h.id);
        if (webhookIds.length) planned.push({ event, name, webhookIds });
      }
      if (!planned.length) return;
      const ticketId = planned[0]!.event.ticketId;
      const ticket = await ticketForPayload(db, clock, ticketId);
      if (!ticket) return; // deleted since: nothing left to tell
      for (const p of planned) {
        const payload = await eventPayload(db, p.name, p.event, ticket, p.rule);
        for (const webhookId of p.webhookIds) {
          const id = await insertDelivery(db, clock, {
            webhookId,
            event: p.name,
            eventId: p.event.id,
            ticketId,
            payload,
          });
          if (id !== null) await queueDelivery(db, clock, id, webhookId, ticketId);
        }
      }
    },
  };
}
