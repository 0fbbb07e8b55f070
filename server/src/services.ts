// What the HTTP app and the background workers of one process share: the caches that NOTIFY keeps
// current on every node, and the subscribers the tickets module calls inside each ticket change
// (DESIGN idea 3). Wired by hand: read this file to see which module reacts to tickets.
import { ticketNoticeSubscriber } from './modules/notifications/index.ts';
import {
  createRulesCache,
  RULES_CHANNEL,
  type RulesCache,
  ruleShaper,
  ruleSubscriber,
} from './modules/rules/index.ts';
import {
  createSlaConfigCache,
  SLA_CONFIG_CHANNEL,
  SLA_TICKET_FIELDS,
  type SlaConfigCache,
  slaSubscriber,
} from './modules/sla/index.ts';
import {
  createTicketConfigCache,
  registerTicketFields,
  TICKET_CONFIG_CHANNEL,
  type TicketConfigCache,
  type TicketHooks,
} from './modules/tickets/index.ts';
import {
  createWebhookCache,
  WEBHOOKS_CHANNEL,
  type WebhookCache,
  webhookSubscriber,
} from './modules/webhooks/index.ts';
import type { Database } from './platform/db.ts';

export interface Services {
  ticketConfig: TicketConfigCache;
  slaConfig: SlaConfigCache;
  rulesCache: RulesCache;
  ticketHooks: TicketHooks;
  webhooks: WebhookCache;
  close(): Promise<void>;
}

export async function createServices(database: Database): Promise<Services> {
  // Fields other modules own, known to the condition language everywhere.
  registerTicketFields(SLA_TICKET_FIELDS);
  // Every node drops its cached picklists, custom fields and SLA policies when any node changes them.
  const ticketConfig = createTicketConfigCache();
  const slaConfig = createSlaConfigCache();
  const rulesCache = createRulesCache();
  const webhooks = createWebhookCache(database.db);
  const unlisten = [
    await database.listen(TICKET_CONFIG_CHANNEL, () => ticketConfig.invalidate()),
    await database.listen(SLA_CONFIG_CHANNEL, () => slaConfig.invalidate()),
    await database.listen(RULES_CHANNEL, () => rulesCache.invalidate()),
    await database.listen(WEBHOOKS_CHANNEL, () => webhooks.invalidate()),
  ];
  await webhooks.load();
  // The three kinds of ticket subscribers (DESIGN idea 3): in the command's transaction, alongside in
  // its statement, and after commit through the outbox (handlers in workers.ts).
  const ticketHooks: TicketHooks = {
    inTransaction: [ruleSubscriber(rulesCache)],
    beforeCreate: [ruleShaper(rulesCache)],
    alongside: [slaSubscriber(slaConfig)],
    afterCommit: [ticketNoticeSubscriber(), webhookSubscriber(webhooks)],
  };
  return {
    ticketConfig,
    slaConfig,
    rulesCache,
    ticketHooks,
    webhooks,
    close: async () => {
      for (const stop of unlisten) await stop();
    },
  };
}
