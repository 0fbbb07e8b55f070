// Webhooks through the API, with a real receiver on 127.0.0.1: ticket events arrive signed and in
// order, failures are retried with backoff and at last switch the webhook off (administrators are
// told), deliveries can be sent again, a test ping answers at once, and the target guard refuses
// internal addresses when a URL is saved and again when a delivery is sent.
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestAgent, type TestApp } from '../../../test/app.ts';
import { type Receiver, startReceiver, verifySignature } from '../../../test/webhook-receiver.ts';
import { systemActor } from '../../platform/context.ts';
import { queryRows } from '../../platform/db.ts';
import { createOutboxWorker, enqueue } from '../../platform/outbox.ts';
import { outboxHandlers } from '../../workers.ts';
import { appendTicketEvents, type TicketEventRow } from '../tickets/index.ts';
import { webhookSubscriber } from './subscriber.ts';

let t: TestApp;
let receiver: Receiver;
/** The SLA module's built-in 24×7 calendar (webhooks come before sla in the module order). */
const ALWAYS_OPEN_CALENDAR_ID = '00000000-0000-4000-8000-000000000247';

beforeAll(async () => {
  t = await createTestApp();
  receiver = await startReceiver();
  // The receiver is on 127.0.0.1: a private target, allowed unless a test says otherwise.
  const res = await t.as(t.admin, {
    method: 'PUT',
    url: '/api/v1/webhooks/settings',
    payload: { allowPrivateTargets: true },
  });
  expect(res.statusCode).toBe(200);
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

interface Webhook {
  id: string;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  version: number;
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
}
interface Delivery {
  id: string;
  event: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  responseMs: number | null;
  responseExcerpt: string | null;
  error: string | null;
  resentFrom: string | null;
  ticketId: string | null;
}

const api = (who: TestAgent, method: string, url: string, payload?: unknown) =>
  t.as(who, {
    method: method as 'GET',
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const setPrivateTargets = async (allow: boolean) => {
  const res = await api(t.admin, 'PUT', '/api/v1/webhooks/settings', { allowPrivateTargets: allow });
  expect(res.statusCode).toBe(200);
};

const createWebhook = async (events: string[], url = `${receiver.url}/hook`) => {
  const res = await api(t.admin, 'POST', '/api/v1/webhooks', {
    name: `Hook ${events.join(' ')}`,
    url,
    events,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { webhook: Webhook; secret: string };
};

const createTicket = async (subject: string) => {
  const res = await api(t.agent, 'POST', '/api/v1/tickets', { subject });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; number: string };
};

const addMessage = async (ticketId: string, kind: 'reply' | 'note', body: string) => {
  const res = await api(t.agent, 'POST', `/api/v1/tickets/${ticketId}/messages`, { kind, body });
  expect(res.statusCode).toBe(201);
  return res.json() as { message: { id: string } };
};

const deliveries = async (webhookId: string) => {
  const res = await api(t.admin, 'GET', `/api/v1/webhooks/${webhookId}/deliveries`);
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: Delivery[] }).items;
};

const nowSeconds = () => Math.floor(t.clock.now().getTime() / 1000);
const receivedFrom = (since: number) => receiver.received.slice(since);

afterEach(async () => {
  // Each test starts with no webhooks (and a receiver that says 200).
  const list = (await api(t.admin, 'GET', '/api/v1/webhooks')).json() as { items: Webhook[] };
  for (const w of list.items) await api(t.admin, 'DELETE', `/api/v1/webhooks/${w.id}`);
  receiver.always(200);
  await setPrivateTargets(true);
  await t.runOutbox();
});

describe('webhooks', () => {
  it('cost a desk without webhooks nothing: a ticket change adds no webhook job', async () => {
    const ticket = await createTicket('No webhooks here');
    await addMessage(ticket.id, 'reply', 'Hello');
    const [jobs] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM outbox WHERE topic = 'ticket-events.webhooks' AND ordering_key = ${ticket.id}`,
    );
    expect(jobs!.n).toBe(0);
  });

  it('deliver subscribed ticket events to the receiver, signed and in order, with the ticket and the message', async () => {
    await setPrivateTargets(true);
    const { webhook, secret } = await createWebhook(['ticket.created', 'ticket.replied']);
    expect(secret).toMatch(/^whsec_/);
    const since = receiver.received.length;
    const ticket = await createTicket('Printer on fire');
    const { message } = await addMessage(ticket.id, 'reply', 'A technician is on the way.');
    await addMessage(ticket.id, 'note', 'Not subscribed: never sent');
    expect(await t.runOutbox()).toBeGreaterThan(0);

    const got = receivedFrom(since);
    expect(got.map((r) => r.body.event)).toEqual(['ticket.created', 'ticket.replied']);
    for (const r of got) {
      expect(verifySignature(secret, r.headers, r.raw, nowSeconds())).toBe(true);
      expect(verifySignature('whsec_wrong', r.headers, r.raw, nowSeconds())).toBe(false);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['user-agent']).toBe('Caseway-Webhooks/1');
      expect(r.headers['x-caseway-event']).toBe(r.body.event);
      expect(r.headers['x-caseway-delivery']).toBe(r.body.id);
      expect(r.headers['x-caseway-timestamp']).toBe(String(nowSeconds()));
      expect(r.path).toBe('/hook');
      expect(r.body.ticket).toMatchObject({
        id: ticket.id,
        number: ticket.number,
        subject: 'Printer on fire',
      });
    }
    expect(got[0]!.body.occurredAt).toBe('2026-03-02T09:00:00.000Z');
    expect(got[1]!.body.message).toMatchObject({
      id: message.id,
      kind: 'reply',
      bodyText: 'A technician is on the way.',
      author: { type: 'agent', id: t.agent.id },
    });

    const log = await deliveries(webhook.id);
    expect(log.map((d) => [d.event, d.status, d.attempts, d.responseStatus])).toEqual([
      ['ticket.replied', 'succeeded', 1, 200],
      ['ticket.created', 'succeeded', 1, 200],
    ]);
    expect(log[0]!.responseExcerpt).toBe('ok');
    expect(log.map((d) => d.id)).toEqual([got[1]!.body.id, got[0]!.body.id]);
  });

  it('send field changes with ticket.updated', async () => {
    await createWebhook(['ticket.updated']);
    const since = receiver.received.length;
    const ticket = await createTicket('Change me');
    const res = await api(t.agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, priority: 'high' });
    expect(res.statusCode).toBe(200);
    await t.runOutbox();
    const got = receivedFrom(since);
    expect(got.map((r) => r.body.event)).toEqual(['ticket.updated']);
    expect(got[0]!.body.changes).toEqual([{ field: 'priority', from: 'normal', to: 'high' }]);
    expect(got[0]!.body.ticket).toMatchObject({ priority: 'high' });
  });

  it('retry a failed delivery with backoff, holding the ticket’s later events until it succeeds', async () => {
    const { webhook, secret } = await createWebhook(['ticket.created', 'ticket.replied']);
    const since = receiver.received.length;
    receiver.answer({ status: 500, body: 'database down' });
    const ticket = await createTicket('Flaky receiver');
    await addMessage(ticket.id, 'reply', 'First reply');
    await t.runOutbox();
    expect(receivedFrom(since).map((r) => r.body.event)).toEqual(['ticket.created']);
    let log = await deliveries(webhook.id);
    expect(log.map((d) => [d.event, d.status, d.attempts])).toEqual([
      ['ticket.replied', 'pending', 0],
      ['ticket.created', 'pending', 1],
    ]);
    expect(log[1]).toMatchObject({ responseStatus: 500, responseExcerpt: 'database down' });
    expect(log[1]!.error).toContain('HTTP 500');

    // Not yet due: the outbox waits about 10 s before the second attempt.
    t.clock.advance(5_000);
    await t.runOutbox();
    expect(receivedFrom(since)).toHaveLength(1);
    t.clock.advance(10_000);
    await t.runOutbox();
    const got = receivedFrom(since);
    expect(got.map((r) => r.body.event)).toEqual(['ticket.created', 'ticket.created', 'ticket.replied']);
    expect(got[0]!.body.id).toBe(got[1]!.body.id);
    for (const r of got) expect(verifySignature(secret, r.headers, r.raw, nowSeconds())).toBe(true);
    log = await deliveries(webhook.id);
    expect(log.map((d) => [d.event, d.status, d.attempts, d.responseStatus, d.error])).toEqual([
      ['ticket.replied', 'succeeded', 1, 200, null],
      ['ticket.created', 'succeeded', 2, 200, null],
    ]);
  });

  it('switch a webhook off after ten failed deliveries in a row and tell every administrator', async () => {
    const failing = await startReceiver();
    failing.always(503);
    try {
      const { webhook } = await createWebhook(['ticket.created'], `${failing.url}/down`);
      const other = await t.newAgent({ admin: true, name: 'Other Admin' });
      for (let i = 0; i < 10; i++) await createTicket(`Unheard ${i}`);
      // Six attempts each, the outbox's backoff in between (10 s, 20 s, … 160 s).
      for (let round = 0; round < 6; round++) {
        await t.runOutbox();
        t.clock.advance(200_000);
      }
      expect(failing.received).toHaveLength(60);
      const log = await deliveries(webhook.id);
      expect(log).toHaveLength(10);
      expect(log.every((d) => d.status === 'failed' && d.attempts === 6 && d.responseStatus === 503)).toBe(
        true,
      );

      const after = (await api(t.admin, 'GET', `/api/v1/webhooks/${webhook.id}`)).json() as Webhook;
      expect(after).toMatchObject({ active: false, consecutiveFailures: 10 });
      expect(after.disabledAt).not.toBeNull();
      expect(after.disabledReason).toContain('10 deliveries in a row failed');

      for (const admin of [t.admin, other]) {
        const mine = (await api(admin, 'GET', '/api/v1/me/notifications')).json() as {
          items: Array<{ kind: string; data: Record<string, unknown> }>;
        };
        expect(mine.items.find((n) => n.kind === 'webhook_disabled')?.data).toEqual({
          webhookId: webhook.id,
          name: webhook.name,
          url: webhook.url,
        });
      }
      const agents = (await api(t.agent, 'GET', '/api/v1/me/notifications')).json() as {
        items: Array<{ kind: string }>;
      };
      expect(agents.items.some((n) => n.kind === 'webhook_disabled')).toBe(false);

      // Switched off: new events are not delivered; switched back on, its failures are forgotten.
      await createTicket('After the switch-off');
      await t.runOutbox();
      expect(await deliveries(webhook.id)).toHaveLength(10);
      const on = await api(t.admin, 'PATCH', `/api/v1/webhooks/${webhook.id}`, {
        version: after.version,
        active: true,
      });
      expect(on.json()).toMatchObject({
        active: true,
        consecutiveFailures: 0,
        disabledAt: null,
        disabledReason: null,
      });
    } finally {
      await failing.close();
    }
  });

  it('resend a delivery as a new one with the same payload, signed again', async () => {
    const { webhook, secret } = await createWebhook(['ticket.created']);
    const since = receiver.received.length;
    await createTicket('Send me twice');
    await t.runOutbox();
    const [first] = await deliveries(webhook.id);
    t.clock.advance(3_600_000);
    const res = await api(t.admin, 'POST', `/api/v1/webhooks/${webhook.id}/deliveries/${first!.id}/resend`);
    expect(res.statusCode).toBe(201);
    const resent = res.json() as Delivery;
    expect(resent).toMatchObject({
      status: 'pending',
      attempts: 0,
      resentFrom: first!.id,
      event: 'ticket.created',
    });
    await t.runOutbox();
    const got = receivedFrom(since);
    expect(got).toHaveLength(2);
    expect(got[1]!.raw).toBe(got[0]!.raw);
    expect(got[1]!.headers['x-caseway-delivery']).toBe(resent.id);
    expect(got[1]!.headers['x-caseway-timestamp']).toBe(String(nowSeconds()));
    expect(got[1]!.headers['x-caseway-signature']).not.toBe(got[0]!.headers['x-caseway-signature']);
    expect(verifySignature(secret, got[1]!.headers, got[1]!.raw, nowSeconds())).toBe(true);
    expect((await deliveries(webhook.id))[0]).toMatchObject({
      id: resent.id,
      status: 'succeeded',
      attempts: 1,
    });

    const unknown = await api(t.admin, 'POST', `/api/v1/webhooks/${webhook.id}/deliveries/999999/resend`);
    expect(unknown.statusCode).toBe(404);
  });

  it('send a test ping at once and answer how it went, also when it fails', async () => {
    const { webhook, secret } = await createWebhook(['ticket.voided']);
    const since = receiver.received.length;
    const ok = await api(t.admin, 'POST', `/api/v1/webhooks/${webhook.id}/test`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ event: 'ping', status: 'succeeded', attempts: 1, responseStatus: 200 });
    const [ping] = receivedFrom(since);
    expect(ping!.body).toMatchObject({ event: 'ping', webhook: { id: webhook.id, name: webhook.name } });
    expect(verifySignature(secret, ping!.headers, ping!.raw, nowSeconds())).toBe(true);

    receiver.answer({ status: 502, body: 'x'.repeat(3000) });
    const bad = (await api(t.admin, 'POST', `/api/v1/webhooks/${webhook.id}/test`)).json() as Delivery;
    expect(bad).toMatchObject({ status: 'failed', attempts: 1, responseStatus: 502 });
    expect(bad.responseExcerpt).toHaveLength(1024);
    expect(bad.responseMs).toBeGreaterThanOrEqual(0);
    // A failed ping does not count towards switching the webhook off.
    expect((await api(t.admin, 'GET', `/api/v1/webhooks/${webhook.id}`)).json()).toMatchObject({
      consecutiveFailures: 0,
      active: true,
    });

    // A new secret signs from now on; the old one no longer verifies.
    const rotated = await api(t.admin, 'POST', `/api/v1/webhooks/${webhook.id}/rotate-secret`);
    const { secret: fresh } = rotated.json() as { secret: string };
    expect(fresh).not.toBe(secret);
    await api(t.admin, 'POST', `/api/v1/webhooks/${webhook.id}/test`);
    const last = receiver.received.at(-1)!;
    expect(verifySignature(fresh, last.headers, last.raw, nowSeconds())).toBe(true);
    expect(verifySignature(secret, last.headers, last.raw, nowSeconds())).toBe(false);
  });

  it('give up on a receiver that does not answer within 10 seconds', async () => {
    const { webhook } = await createWebhook(['ticket.created']);
    receiver.answer('hang');
    const started = performance.now();
    const res = await api(t.admin, 'POST', `/api/v1/webhooks/${webhook.id}/test`);
    const waited = performance.now() - started;
    expect(res.json()).toMatchObject({
      status: 'failed',
      responseStatus: null,
      error: 'No answer within 10 s',
    });
    expect(waited).toBeGreaterThanOrEqual(9_900);
    expect(waited).toBeLessThan(15_000);
  }, 30_000);

  it('refuse internal targets when a URL is saved, naming url, and change nothing', async () => {
    await setPrivateTargets(false);
    const refused = [
      `http://127.0.0.1:${receiver.port}/hook`,
      `http://localhost:${receiver.port}/hook`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://10.1.2.3/',
      'ftp://example.com/hook',
    ];
    for (const url of refused) {
      const res = await api(t.admin, 'POST', '/api/v1/webhooks', {
        name: 'Sneaky',
        url,
        events: ['ticket.created'],
      });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors).toEqual([{ field: 'body/url', message: expect.any(String) }]);
    }
    // The metadata address stays refused with private targets allowed.
    await setPrivateTargets(true);
    const metadata = await api(t.admin, 'POST', '/api/v1/webhooks', {
      name: 'Metadata',
      url: 'http://169.254.169.254/',
      events: ['ticket.created'],
    });
    expect(metadata.statusCode).toBe(400);
    const { webhook } = await createWebhook(['ticket.created']);
    const patch = await api(t.admin, 'PATCH', `/api/v1/webhooks/${webhook.id}`, {
      version: webhook.version,
      url: 'http://169.254.169.254/',
    });
    expect(patch.statusCode).toBe(400);
    const list = (await api(t.admin, 'GET', '/api/v1/webhooks')).json() as { items: Webhook[] };
    expect(list.items.map((w) => [w.id, w.url, w.version])).toEqual([[webhook.id, webhook.url, 1]]);
  });

  it('check the target again when sending: a target that became private is not sent to', async () => {
    const { webhook } = await createWebhook(['ticket.created']);
    await setPrivateTargets(false);
    const since = receiver.received.length;
    await createTicket('Not to loopback');
    await t.runOutbox();
    expect(receivedFrom(since)).toHaveLength(0);
    const [d] = await deliveries(webhook.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, responseStatus: null });
    expect(d!.error).toContain('Not sent: 127.0.0.1 is a loopback address');
  });

  it('are for administrators only: others get 403 before their body is read', async () => {
    const { webhook } = await createWebhook(['ticket.created']);
    for (const [method, url, payload] of [
      ['GET', '/api/v1/webhooks', undefined],
      ['POST', '/api/v1/webhooks', { nonsense: true }],
      ['GET', `/api/v1/webhooks/${webhook.id}`, undefined],
      ['PATCH', `/api/v1/webhooks/${webhook.id}`, { version: 1, active: false }],
      ['DELETE', `/api/v1/webhooks/${webhook.id}`, undefined],
      ['GET', `/api/v1/webhooks/${webhook.id}/deliveries`, undefined],
      ['POST', `/api/v1/webhooks/${webhook.id}/test`, undefined],
      ['POST', `/api/v1/webhooks/${webhook.id}/rotate-secret`, undefined],
      ['GET', '/api/v1/webhooks/settings', undefined],
      ['PUT', '/api/v1/webhooks/settings', { allowPrivateTargets: 'yes' }],
    ] as const) {
      const res = await api(t.agent, method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await api(t.admin, 'GET', `/api/v1/webhooks/${webhook.id}`)).json()).toMatchObject({
      active: true,
    });
  });

  it('refuse bad input naming the field, and a stale version with 409, changing nothing', async () => {
    const unknown = await api(t.admin, 'POST', '/api/v1/webhooks', {
      name: 'Typo',
      url: `${receiver.url}/hook`,
      events: ['ticket.created', 'ticket.exploded'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors.map((e: { field: string }) => e.field)).toContain('body/events/1');
    const empty = await api(t.admin, 'POST', '/api/v1/webhooks', {
      name: ' ',
      url: `${receiver.url}/`,
      events: [],
    });
    expect(empty.statusCode).toBe(400);
    expect((await api(t.admin, 'GET', '/api/v1/webhooks')).json().items).toEqual([]);

    const { webhook } = await createWebhook(['ticket.created']);
    const first = await api(t.admin, 'PATCH', `/api/v1/webhooks/${webhook.id}`, {
      version: 1,
      name: 'Renamed',
    });
    expect(first.json()).toMatchObject({ name: 'Renamed', version: 2 });
    const stale = await api(t.admin, 'PATCH', `/api/v1/webhooks/${webhook.id}`, { version: 1, name: 'Lost' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ name: 'Renamed', version: 2 });
    const badEvent = await api(t.admin, 'PATCH', `/api/v1/webhooks/${webhook.id}`, {
      version: 2,
      events: ['nope'],
    });
    expect(badEvent.statusCode).toBe(400);
    expect((await api(t.admin, 'GET', `/api/v1/webhooks/${webhook.id}`)).json()).toMatchObject({
      name: 'Renamed',
      events: ['ticket.created'],
      version: 2,
    });
  });

  it('deliver each delivery once when two workers run at the same time', async () => {
    const { webhook } = await createWebhook(['ticket.created', 'ticket.replied']);
    const since = receiver.received.length;
    const tickets = [];
    for (let i = 0; i < 6; i++) {
      const ticket = await createTicket(`Shared ${i}`);
      await addMessage(ticket.id, 'reply', `Reply ${i}`);
      tickets.push(ticket);
    }
    const worker = () =>
      createOutboxWorker({ database: t.database, clock: t.clock, ...outboxHandlers(t.services, t.blobs) });
    await Promise.all([worker().runOnce(), worker().runOnce()]);
    const got = receivedFrom(since);
    expect(got).toHaveLength(12);
    expect(new Set(got.map((r) => r.body.id)).size).toBe(12);
    for (const ticket of tickets) {
      const mine = got.filter((r) => (r.body.ticket as { id: string }).id === ticket.id);
      expect(mine.map((r) => r.body.event)).toEqual(['ticket.created', 'ticket.replied']);
    }
    expect((await deliveries(webhook.id)).every((d) => d.status === 'succeeded' && d.attempts === 1)).toBe(
      true,
    );
  });

  it('write one delivery per webhook and event however often the same events are handled', async () => {
    const { webhook } = await createWebhook(['ticket.created']);
    const ticket = await createTicket('Twice told');
    await t.runOutbox();
    const rows = await queryRows<Record<string, unknown>>(
      t.database.db,
      sql`SELECT id, ticket_id AS "ticketId", kind, changes, data, message_id AS "messageId", actor_type AS "actorType",
                 actor_id AS "actorId", actor_name AS "actorName", channel, created_at AS "createdAt"
            FROM ticket_events WHERE ticket_id = ${ticket.id} ORDER BY id`,
    );
    const stored = rows.map((r) => ({
      ...r,
      id: Number(r.id),
      createdAt: new Date(String(r.createdAt)),
    })) as TicketEventRow[];
    const jobs = async () =>
      (
        await queryRows<{ n: number }>(
          t.database.db,
          sql`SELECT count(*)::int AS n FROM outbox WHERE topic = 'webhooks.deliver' AND ordering_key LIKE ${`${webhook.id}:%`}`,
        )
      )[0]!.n;
    const before = await jobs();
    const subscriber = webhookSubscriber(t.services.webhooks);
    await subscriber.handle(stored, { db: t.database.db, clock: t.clock });
    await subscriber.handle(stored, { db: t.database.db, clock: t.clock });
    expect(await deliveries(webhook.id)).toHaveLength(1);
    expect(await jobs()).toBe(before);
  });

  it('send ticket.rule to the webhooks a rule_applied event names, whatever they subscribe to', async () => {
    const { webhook, secret } = await createWebhook(['ticket.voided']);
    const { webhook: unnamed } = await createWebhook(['ticket.voided']);
    const ticket = await createTicket('Rule fired');
    await t.runOutbox();
    const since = receiver.received.length;
    await appendTicketEvents(
      {
        db: t.database.db,
        clock: t.clock,
        actor: systemActor(),
        channel: 'system',
        hooks: t.services.ticketHooks,
      },
      ticket.id,
      [
        {
          kind: 'rule_applied',
          data: { ruleId: 'rule-7', ruleName: 'VIP escalation', webhookIds: [webhook.id] },
        },
      ],
    );
    await t.runOutbox();
    const got = receivedFrom(since);
    expect(got).toHaveLength(1);
    expect(got[0]!.body).toMatchObject({
      event: 'ticket.rule',
      rule: { id: 'rule-7', name: 'VIP escalation' },
      ticket: { id: ticket.id },
    });
    expect(verifySignature(secret, got[0]!.headers, got[0]!.raw, nowSeconds())).toBe(true);
    expect(await deliveries(unnamed.id)).toEqual([]);
  });

  it('send ticket.rule when a rule with a webhook action fires', async () => {
    const { webhook, secret } = await createWebhook(['ticket.voided']);
    const rule = await api(t.admin, 'POST', '/api/v1/rules', {
      name: 'VIP orders to the CRM',
      trigger: { type: 'created' },
      condition: { field: 'subject', op: 'contains_any', value: ['VIP'] },
      actions: [{ type: 'webhook', webhookId: webhook.id }],
      active: true,
    });
    expect(rule.statusCode, rule.body).toBe(201);
    try {
      const since = receiver.received.length;
      const ticket = await createTicket('VIP order stuck');
      await createTicket('Ordinary order');
      await t.runOutbox();
      const got = receivedFrom(since);
      expect(got.map((r) => r.body.event)).toEqual(['ticket.rule']);
      expect(got[0]!.body).toMatchObject({
        rule: { id: rule.json().id, name: 'VIP orders to the CRM' },
        ticket: { id: ticket.id },
      });
      expect(verifySignature(secret, got[0]!.headers, got[0]!.raw, nowSeconds())).toBe(true);
    } finally {
      await api(t.admin, 'DELETE', `/api/v1/rules/${rule.json().id}`);
    }
  });

  it('page the delivery log newest first with a cursor', async () => {
    const { webhook } = await createWebhook(['ticket.created']);
    for (let i = 0; i < 5; i++) await api(t.admin, 'POST', `/api/v1/webhooks/${webhook.id}/test`);
    const first = (await api(t.admin, 'GET', `/api/v1/webhooks/${webhook.id}/deliveries?limit=3`)).json() as {
      items: Delivery[];
      nextCursor: string;
    };
    expect(first.items).toHaveLength(3);
    const second = (
      await api(
        t.admin,
        'GET',
        `/api/v1/webhooks/${webhook.id}/deliveries?limit=3&cursor=${first.nextCursor}`,
      )
    ).json() as { items: Delivery[]; nextCursor: string | null };
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((d) => Number(d.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('tell of SLA warnings, breaches and escalations with the metric, due time and level', async () => {
    const policy = await api(t.admin, 'POST', '/api/v1/sla/policies', {
      name: 'Urgent around the clock',
      condition: { field: 'priority', op: 'eq', value: 'urgent' },
      targets: { urgent: { firstResponse: { minutes: 60, calendarId: ALWAYS_OPEN_CALENDAR_ID } } },
      warning: { percentUsed: 50 },
      escalations: [{ afterMinutes: 0, actions: [{ type: 'notify', recipient: 'owner' }] }],
    });
    expect(policy.statusCode, policy.body).toBe(201);
    await createWebhook(['ticket.sla_warning', 'ticket.sla_breached', 'ticket.sla_escalated']);
    const since = receiver.received.length;
    const res = await api(t.agent, 'POST', '/api/v1/tickets', { subject: 'Site down', priority: 'urgent' });
    const ticket = res.json() as { id: string; createdAt: string };
    const dueAt = new Date(new Date(ticket.createdAt).getTime() + 3600_000)
      .toISOString()
      .replace('.000Z', 'Z');
    // The SLA timer scan as the workers run it (its job, 'sla.scan'), then the deliveries.
    const timers = async () => {
      await enqueue(t.database.db, t.clock, { topic: 'sla.scan', dedupeKey: 'sla.scan' });
      await t.runOutbox();
    };
    t.clock.advance(31 * 60_000);
    await timers();
    t.clock.advance(30 * 60_000);
    await timers();
    await t.runOutbox();
    const got = receivedFrom(since);
    expect(got.map((r) => [r.body.event, r.body.sla])).toEqual([
      ['ticket.sla_warning', { metric: 'firstResponse', dueAt, level: null }],
      ['ticket.sla_breached', { metric: 'firstResponse', dueAt, level: null }],
      ['ticket.sla_escalated', { metric: 'firstResponse', dueAt, level: 1 }],
    ]);
    await api(t.admin, 'DELETE', `/api/v1/sla/policies/${policy.json().id}`);
  });

  it('tell of a merge (with the surviving ticket) and of a voided ticket (with the reason)', async () => {
    await createWebhook(['ticket.merged', 'ticket.voided']);
    const since = receiver.received.length;
    const source = await createTicket('Duplicate of the printer');
    const target = await createTicket('Printer');
    const merged = await api(t.agent, 'POST', `/api/v1/tickets/${source.id}/merge`, { targetId: target.id });
    expect(merged.statusCode, merged.body).toBe(200);
    const voided = await api(t.admin, 'POST', `/api/v1/tickets/${target.id}/void`, { reason: 'Spam' });
    expect(voided.statusCode, voided.body).toBe(200);
    await t.runOutbox();
    // Two tickets: each ticket's deliveries are in order, the two tickets' in any.
    const got = receivedFrom(since).sort((a, b) => a.body.event.localeCompare(b.body.event));
    expect(got.map((r) => r.body.event)).toEqual(['ticket.merged', 'ticket.voided']);
    expect(got[0]!.body).toMatchObject({
      ticket: { id: source.id },
      merge: { intoTicketId: target.id, intoTicketNumber: target.number },
    });
    expect(got[0]!.body.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'status' })]),
    );
    expect(got[1]!.body).toMatchObject({ ticket: { id: target.id }, reason: 'Spam' });
  });

  it('are known to every node: another node starts and stops adding webhook jobs as webhooks come and go', async () => {
    const other = await t.otherNode();
    try {
      const jobsOnOtherNode = async () => {
        const res = await other.inject({
          method: 'POST',
          url: '/api/v1/tickets',
          headers: { authorization: `Bearer ${t.agent.token}` },
          payload: { subject: 'Through the other node' },
        });
        expect(res.statusCode).toBe(201);
        const [row] = await queryRows<{ n: number }>(
          t.database.db,
          sql`SELECT count(*)::int AS n FROM outbox WHERE topic = 'ticket-events.webhooks' AND ordering_key = ${res.json().id}`,
        );
        return row!.n;
      };
      expect(await jobsOnOtherNode()).toBe(0);
      const { webhook } = await createWebhook(['ticket.created']);
      await expect.poll(jobsOnOtherNode, { timeout: 5_000, interval: 50 }).toBe(1);
      await api(t.admin, 'DELETE', `/api/v1/webhooks/${webhook.id}`);
      await expect.poll(jobsOnOtherNode, { timeout: 5_000, interval: 50 }).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('forget finished deliveries after 30 days in the daily maintenance', async () => {
    const { webhook } = await createWebhook(['ticket.created']);
    await api(t.admin, 'POST', `/api/v1/webhooks/${webhook.id}/test`);
    t.clock.advance(29 * 24 * 3600_000);
    await api(t.admin, 'POST', `/api/v1/webhooks/${webhook.id}/test`);
    t.clock.advance(2 * 24 * 3600_000);
    await t.runMaintenance();
    const left = await deliveries(webhook.id);
    expect(left).toHaveLength(1);
    expect((await api(t.admin, 'GET', `/api/v1/webhooks/${webhook.id}`)).json()).toMatchObject({
      lastDelivery: { id: left[0]!.id, status: 'succeeded' },
    });
  });
});
