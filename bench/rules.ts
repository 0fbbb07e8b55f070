// The automation a busy desk runs while the benchmark creates tickets: 100 active rules, 20 of them
// time-based (bench/README.md). Also measured on their own:
// - rule checks per second in memory, on one core: what the rules engine does for each rule a ticket
//   change fires (the condition, in the condition language, on the ticket's snapshot);
// - webhook deliveries per second to a receiver on loopback, through the outbox worker.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { conditionHolds } from '../server/src/modules/rules/engine.ts';
import { createRule, type RulesCache } from '../server/src/modules/rules/index.ts';
import { createTicket, type TicketHooks, ticketRegistry } from '../server/src/modules/tickets/index.ts';
import type { BlobStore } from '../server/src/platform/blobs.ts';
import { systemClock } from '../server/src/platform/clock.ts';
import { type Actor, systemActor } from '../server/src/platform/context.ts';
import { type Database, queryRows } from '../server/src/platform/db.ts';
import { createOutboxWorker } from '../server/src/platform/outbox.ts';
import type { Services } from '../server/src/services.ts';
import { outboxHandlers } from '../server/src/workers.ts';
import type { CreatePool } from './new-ticket.ts';
import { newTicket } from './new-ticket.ts';
import { Rng } from './random.ts';

export const RULE_CHECKS_TARGET = 50_000;

const WORDS = [
  ['warranty', '保修', 'гарантия', 'garantie'],
  ['refund', '退款', 'возврат', 'remboursement'],
  ['invoice', '发票', 'счёт', 'facture'],
  ['password', '密码', 'пароль', 'mot de passe'],
  ['printer', '打印机', 'принтер', 'imprimante'],
  ['router', '路由器', 'роутер', 'routeur'],
  ['delivery', '快递', 'доставка', 'livraison'],
  ['license', '许可证', 'лицензия', 'licence'],
  ['crash', '崩溃', 'сбой', 'plantage'],
  ['urgent', '紧急', 'срочно', 'urgent'],
];
const EVENT_TRIGGERS = [
  'updated',
  'customer_replied',
  'agent_replied',
  'note_added',
  'sla_warning',
  'sla_breached',
];

/** 100 rules: 40 routing rules on `created`, 40 on other events, 20 time-based. */
export function benchRuleInputs(groupIds: string[], count = 100, timed = 20): Array<Record<string, unknown>> {
  const rng = new Rng(7);
  const out: Array<Record<string, unknown>> = [];
  const created = Math.round((count - timed) / 2);
  for (let i = 0; i < created; i++) {
    const words = WORDS[i % WORDS.length]!;
    const condition =
      i % 4 === 3
        ? {
            all: [
              { field: 'priority', op: 'eq', value: 'urgent' },
              { field: 'channel', op: 'in', value: ['email', 'phone'] },
              { field: 'organization.tier', op: 'eq', value: 'vip' },
            ],
          }
        : {
            any: [
              { field: 'subject', op: 'contains_any', value: words },
              { field: 'description', op: 'contains_any', value: words.slice(0, 2) },
            ],
          };
    out.push({
      name: `Bench routing ${i + 1}`,
      trigger: { type: 'created' },
      condition,
      // As routing rule sets go, the first that matches decides (stop).
      actions: [
        { type: 'assign', groupId: rng.pick(groupIds) },
        { type: 'add_tags', tags: [`routed-${i % WORDS.length}`] },
        { type: 'stop' },
      ],
      active: true,
    });
  }
  // Workflow rules as teams write them: on a change (the change operators), a reply or an SLA event.
  const onChange = [
    { field: 'status', op: 'changed_to', value: 'resolved' },
    { field: 'priority', op: 'changed_to', value: 'urgent' },
    { field: 'ownerAgentId', op: 'changed' },
    { field: 'status', op: 'changed_from', value: 'waiting_customer' },
  ];
  for (let i = 0; i < count - timed - created; i++) {
    const trigger = EVENT_TRIGGERS[i % EVENT_TRIGGERS.length]!;
    out.push({
      name: `Bench workflow ${i + 1}`,
      trigger: { type: trigger },
      condition:
        trigger === 'updated'
          ? onChange[i % onChange.length]
          : { field: 'priority', op: 'in', value: ['high', 'urgent'] },
      actions:
        trigger === 'updated'
          ? [{ type: 'notify', recipient: 'owner' }]
          : [
              { type: 'add_tags', tags: ['escalated'] },
              { type: 'notify', recipient: 'supervisor' },
            ],
      active: true,
    });
  }
  const anchors = ['created', 'updated', 'inactive', 'last_customer_reply'];
  for (let i = 0; i < timed; i++)
    out.push({
      name: `Bench timer ${i + 1}`,
      trigger: {
        type: 'time',
        after: anchors[i % anchors.length],
        amount: 24 + i,
        unit: 'hours',
        calendarId: null,
      },
      condition: {
        all: [
          { field: 'isOpen', op: 'eq', value: true },
          { field: 'priority', op: 'eq', value: i % 2 ? 'high' : 'urgent' },
        ],
      },
      actions: [{ type: 'notify', recipient: 'owner' }],
      active: true,
    });
  return out;
}

/**
 * A kept database (BENCH_KEEP_DIR) holds an earlier run's rules, webhook and the after-commit jobs
 * it left undelivered (its timer scan fired thousands of rules): start the create run without them.
 */
export async function forgetEarlierAutomation(database: Database, rulesCache: RulesCache): Promise<void> {
  await queryRows(database.db, sql`DELETE FROM rules WHERE name LIKE 'Bench %'`);
  // Their run log goes with them, as deleting a rule in the app does (otherwise the log of every
  // earlier run piles up in a kept database and slows its inserts).
  await queryRows(
    database.db,
    sql`DELETE FROM rule_runs r WHERE NOT EXISTS (SELECT 1 FROM rules WHERE rules.id = r.rule_id)`,
  );
  await queryRows(
    database.db,
    sql`DELETE FROM rule_checks c
         WHERE NOT EXISTS (SELECT 1 FROM rules WHERE rules.id = ANY (c.rule_ids))`,
  );
  await queryRows(database.db, sql`DELETE FROM webhooks WHERE name = 'bench receiver'`);
  await queryRows(
    database.db,
    sql`DELETE FROM outbox WHERE status = 'pending' AND topic LIKE 'ticket-events.%'`,
  );
  await queryRows(database.db, sql`DELETE FROM outbox WHERE topic = 'webhooks.deliver'`);
  await queryRows(database.db, sql`DELETE FROM outbox WHERE status <> 'pending'`);
  await queryRows(database.db, sql`VACUUM ANALYZE rule_runs, rule_checks, outbox`);
  rulesCache.invalidate();
}

/** Creates the rules (switched on), as an administrator would. */
export async function installBenchRules(
  database: Database,
  rulesCache: RulesCache,
  groupIds: string[],
): Promise<number> {
  const ctx = {
    db: database.db,
    clock: systemClock,
    actor: systemActor('Bench'),
    channel: 'api' as const,
    rulesCache,
  };
  const inputs = benchRuleInputs(groupIds);
  for (const input of inputs) await createRule(ctx, input as unknown as Parameters<typeof createRule>[1]);
  return inputs.length;
}

export interface RuleCheckFigures {
  rules: number;
  checks: number;
  seconds: number;
  perSecond: number;
  matchedShare: number;
  target: number;
  met: boolean;
}

/** Rule checks per second in memory: each event rule's condition on ticket snapshots, one core. */
export async function measureRuleChecks(
  database: Database,
  actor: Actor,
  pool: CreatePool,
  seconds = 3,
): Promise<RuleCheckFigures> {
  const registry = await ticketRegistry(
    { db: database.db, clock: systemClock, actor, channel: 'api' },
    { viewer: false },
  );
  const rules = benchRuleInputs(pool.groupIds).filter(
    (r) => (r.trigger as { type: string }).type !== 'time',
  ) as Array<{ condition: never }>;
  const rng = new Rng(11);
  const snapshots = Array.from({ length: 500 }, () => {
    const t = newTicket(rng, pool);
    return {
      ...t,
      statusCategory: 'new',
      isOpen: true,
      organization: t.organizationId ? { tier: rng.pick(['vip', 'standard', 'high_value']) } : null,
    };
  });
  let checks = 0;
  let matched = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until) {
    for (const snapshot of snapshots)
      for (const rule of rules) {
        if (conditionHolds(rule, snapshot, undefined, registry)) matched += 1;
        checks += 1;
      }
  }
  const elapsed = (performance.now() - started) / 1000;
  const perSecond = checks / elapsed;
  return {
    rules: rules.length,
    checks,
    seconds: Math.round(elapsed * 10) / 10,
    perSecond: Math.round(perSecond),
    matchedShare: Math.round((matched / checks) * 1000) / 1000,
    target: RULE_CHECKS_TARGET,
    met: perSecond >= RULE_CHECKS_TARGET,
  };
}

export interface WebhookFigures {
  deliveries: number;
  seconds: number;
  perSecond: number;
  failed: number;
}

/**
 * Webhook deliveries per second: a webhook on `ticket.created` to a receiver on loopback, `count`
 * tickets created (their deliveries queued after commit), then one outbox worker sends them all.
 */
export async function measureWebhookDeliveries(
  database: Database,
  actor: Actor,
  services: Services,
  pool: CreatePool,
  blobs: BlobStore,
  count = 2000,
): Promise<WebhookFigures> {
  const db = database.db;
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as { port: number }).port;
  try {
    await queryRows(
      db,
      sql`INSERT INTO app_settings (key, value) VALUES ('webhooks', '{"allowPrivateTargets":true}')
           ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
    const now = new Date();
    await queryRows(
      db,
      sql`INSERT INTO webhooks (name, url, events, secret, active, created_at, updated_at)
           VALUES ('bench receiver', ${`http://127.0.0.1:${port}/hook`}, '{ticket.created}', 'whsec_bench', true, ${now}, ${now})`,
    );
    await services.webhooks.load();
    // Create the tickets, then deliver their after-commit jobs (which queue the deliveries).
    const hooks: TicketHooks = services.ticketHooks;
    const rng = new Rng(23);
    for (let i = 0; i < count; i++) {
      const t = newTicket(rng, pool);
      await createTicket(
        { db, clock: systemClock, actor, channel: 'api', hooks },
        {
          subject: t.subject,
          description: t.description,
          priority: t.priority,
          contactId: t.contactId,
          ownerGroupId: t.ownerGroupId,
        },
      );
    }
    const pending = async () => {
      const rows = await queryRows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`,
      );
      return rows[0]?.n ?? 0;
    };
    const handlers = outboxHandlers(services, blobs);
    // First the after-commit batches only (they write the deliveries and queue their jobs), then a
    // worker as `npm start` runs it, timed until every delivery was sent.
    const batchesLeft = async () => {
      const [row] = await queryRows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending' AND topic LIKE 'ticket-events.%'`,
      );
      return row?.n ?? 0;
    };
    const queueing = createOutboxWorker({
      database,
      clock: systemClock,
      handlers: {},
      batchHandlers: handlers.batchHandlers,
      batchSize: 0,
      pollIntervalMs: 50,
    });
    queueing.start();
    const waitUntil = async (done: () => Promise<boolean>, ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end && !(await done())) await new Promise((r) => setTimeout(r, 100));
    };
    await waitUntil(async () => (await batchesLeft()) === 0, 300_000);
    await queueing.stop();
    const queued = await pending();
    const sender = createOutboxWorker({ database, clock: systemClock, ...handlers, pollIntervalMs: 50 });
    const started = performance.now();
    sender.start();
    await waitUntil(async () => (await pending()) === 0, 300_000);
    const elapsed = (performance.now() - started) / 1000;
    await sender.stop();
    const [failed] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'failed'`,
    );
    return {
      deliveries: queued,
      seconds: Math.round(elapsed * 10) / 10,
      perSecond: Math.round(queued / elapsed),
      failed: failed?.n ?? 0,
    };
  } finally {
    receiver.close();
  }
}
