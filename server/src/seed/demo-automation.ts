// The demo's automation: the shipped rules, three of them switched on (the Vtiger warranty routing
// and the Zoho Desk phone routing finished with the demo's groups, the 72-hour close), the demo's
// own rules (VIP tier to the VIP desk, a breach escalation, a reminder after 3 business days
// waiting on the customer), and four fresh customer requests in four languages created through
// the rules, so the run log, the timelines ("rule … applied") and the notifications show them at
// work. A webhook to a CRM, switched off (its address is an example), shows the webhook screens.
import { randomBytes } from 'node:crypto';
import { createRule, ensureShippedRules, listRules, updateRule } from '../modules/rules/index.ts';
import { createTicket, type TicketCtx } from '../modules/tickets/index.ts';
import { webhooks } from '../modules/webhooks/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db.ts';
import type { Language } from '../platform/i18n.ts';
import { createServices } from '../services.ts';
import type { DemoCast } from './demo-model.ts';
import { customerActor } from './demo-tickets.ts';

/** How many tickets the automation showcase creates (part of the demo's ticket count). */
export const AUTOMATION_TICKETS = 4;

const REQUESTS: Array<{ language: Language; subject: string; description: string }> = [
  {
    language: 'zh-CN',
    subject: '我的保修卡丢了，还能保修吗？',
    description: '打印机买了八个月，保修卡找不到了，有发票。请问还能免费维修吗？',
  },
  {
    language: 'fr',
    subject: 'Mon téléphone ne se connecte plus au routeur',
    description: 'Depuis la mise à jour d’hier, le téléphone ne trouve plus le réseau Wi-Fi du routeur.',
  },
  {
    language: 'ru',
    subject: 'Гарантия на принтер: не печатает после ремонта',
    description: 'Принтер вернули из ремонта неделю назад, и он снова не печатает. Он ещё на гарантии.',
  },
  {
    language: 'en',
    subject: 'Phone app keeps logging me out',
    description: 'Since this morning the phone app logs me out every few minutes.',
  },
];

export interface DemoAutomation {
  rules: number;
  webhooks: number;
  ticketIds: string[];
}

export async function createDemoAutomation(
  database: Database,
  clock: Clock,
  cast: DemoCast,
  calendarId: string,
): Promise<DemoAutomation> {
  const db = database.db;
  const services = await createServices(database);
  await ensureShippedRules(db, clock);
  try {
    const admin = {
      db,
      clock,
      actor: cast.admin.actor,
      channel: 'web' as const,
      rulesCache: services.rulesCache,
    };
    const group = (key: Parameters<DemoCast['groups']['get']>[0]) => cast.groups.get(key)!.id;
    const existing = await listRules(admin);
    let added = 0;
    for (const rule of existing) {
      if (rule.active) continue;
      if (rule.shippedKey === 'warranty_routing')
        await updateRule(admin, rule.id, {
          version: rule.version,
          active: true,
          actions: [...rule.actions, { type: 'assign', groupId: group('repairs') }],
        });
      if (rule.shippedKey === 'phone_replacement')
        await updateRule(admin, rule.id, {
          version: rule.version,
          active: true,
          actions: [...rule.actions, { type: 'assign', groupId: group('l2') }],
        });
      if (rule.shippedKey === 'close_resolved_inactive')
        await updateRule(admin, rule.id, { version: rule.version, active: true });
    }
    const own = [
      {
        name: 'VIP customers to the VIP desk',
        description: 'Requests of VIP-tier organizations go to the VIP desk, tagged vip.',
        trigger: { type: 'created' },
        condition: { field: 'organization.tier', op: 'eq', value: 'vip' },
        actions: [
          { type: 'assign', groupId: group('vip') },
          { type: 'add_tags', tags: ['vip'] },
        ],
        active: true,
      },
      {
        name: 'Breach: tag and alert the supervisor',
        description:
          'When any SLA target is missed, the ticket is tagged and the owner’s supervisor alerted.',
        trigger: { type: 'sla_breached' },
        condition: null,
        actions: [
          { type: 'add_tags', tags: ['breached'] },
          { type: 'notify', recipient: 'supervisor' },
        ],
        active: true,
      },
      {
        name: 'Waiting on the customer for 3 business days: remind the owner',
        description: 'A note on the ticket and a notice to its owner.',
        trigger: {
          type: 'time',
          after: 'status_entered',
          status: 'waiting_customer',
          amount: 3,
          unit: 'days',
          calendarId,
        },
        condition: null,
        actions: [
          {
            type: 'add_note',
            body: '{{ticket.number}} has waited 3 business days on the customer ({{rule.name}}).',
          },
          { type: 'notify', recipient: 'owner' },
        ],
        active: true,
      },
    ];
    const names = new Set(existing.map((r) => r.name));
    for (const rule of own) {
      if (names.has(rule.name)) continue;
      await createRule(admin, rule);
      added += 1;
    }
    const ticketIds: string[] = [];
    for (const request of REQUESTS) {
      const contact =
        cast.contacts.find(
          (c) => c.language === request.language && !c.vip && c.organizationTier !== 'vip',
        ) ?? cast.contacts[0]!;
      const ctx: TicketCtx = {
        db,
        clock,
        actor: customerActor(contact),
        channel: 'portal',
        hooks: services.ticketHooks,
      };
      const ticket = await createTicket(ctx, {
        subject: request.subject,
        description: request.description,
        channel: 'portal',
        contactId: contact.id,
      });
      ticketIds.push(ticket.id);
    }
    const now = clock.now();
    const hooks = await db
      .insert(webhooks)
      .values({
        name: 'CRM sync (example)',
        url: 'https://crm.example.com/hooks/caseway',
        events: ['ticket.created', 'ticket.updated', 'ticket.replied'],
        secret: `whsec_${randomBytes(32).toString('base64url')}`,
        active: false,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: webhooks.id });
    return { rules: added, webhooks: hooks.length, ticketIds };
  } finally {
    await services.close();
  }
}
