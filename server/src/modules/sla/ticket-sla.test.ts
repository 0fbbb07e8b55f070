// Tickets' SLA clocks through the API, with an injected clock: policy at creation, due times in
// business hours, pauses, first/next response, breach and escalation once with two workers, and
// re-computation after a policy edit.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { systemActor } from '../../platform/context.ts';
import { queryRows } from '../../platform/db.ts';
import { createOutboxWorker } from '../../platform/outbox.ts';
import { outboxHandlers } from '../../workers.ts';
import { addMessage } from '../tickets/index.ts';
import { recomputeAll } from './sla-recompute.ts';
import { scanSlaTimers } from './sla-timers.ts';

let t: TestApp;
let calendarId: string;
let policyId: string;

const weekdays = { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']] };
const LA = {
  timezone: 'America/Los_Angeles',
  week: { ...weekdays, thu: [['09:00', '17:00']], fri: [['09:00', '17:00']], sat: [], sun: [] },
  holidays: [],
};

beforeAll(async () => {
  t = await createTestApp({ start: '2026-03-06T20:00:00Z' });
  const cal = await t.as(t.admin, {
    method: 'POST',
    url: '/api/v1/sla/calendars',
    payload: { name: 'Los Angeles office', definition: LA },
  });
  expect(cal.statusCode, cal.body).toBe(201);
  calendarId = cal.json().id;
  const target = (minutes: number) => ({ minutes, calendarId });
  const policy = await t.as(t.admin, {
    method: 'POST',
    url: '/api/v1/sla/policies',
    payload: {
      name: 'High priority, LA hours',
      condition: { field: 'priority', op: 'eq', value: 'high' },
      targets: { high: { firstResponse: target(60), nextResponse: target(120), resolution: target(240) } },
      warning: { percentUsed: 50 },
      escalations: [
        {
          afterMinutes: 0,
          metrics: ['firstResponse'],
          actions: [{ type: 'notify', recipient: 'agent', agentId: t.admin.id }, { type: 'raise_priority' }],
        },
      ],
    },
  });
  expect(policy.statusCode, policy.body).toBe(201);
  policyId = policy.json().id;
});
afterAll(async () => t?.close());

const createTicket = async (body: Record<string, unknown>) => {
  const res = await t.as(t.agent, { method: 'POST', url: '/api/v1/tickets', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
};
const slaOf = async (id: string) => {
  const res = await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${id}/sla` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const clock = (sla: { clocks: Array<{ metric: string }> }, metric: string) =>
  sla.clocks.find((c) => c.metric === metric) as Record<string, unknown>;
const patch = async (id: string, body: Record<string, unknown>) => {
  const res = await t.as(t.agent, { method: 'PATCH', url: `/api/v1/tickets/${id}`, payload: body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const eventsOf = async (id: string, kind: string) =>
  queryRows<{ data: Record<string, unknown> }>(
    t.database.db,
    sql`SELECT data FROM ticket_events WHERE ticket_id = ${id} AND kind = ${kind} ORDER BY id`,
  );
const timers = () =>
  scanSlaTimers({
    db: t.database.db,
    clock: t.clock,
    config: t.services.slaConfig,
    hooks: t.services.ticketHooks,
  });

describe('a ticket’s SLA clocks', () => {
  it('is due Monday 12:00 when created Friday 16:00 in Los Angeles with 4 business hours to resolve', async () => {
    t.clock.set('2026-03-07T00:00:00Z'); // Friday 16:00 PST
    const ticket = await createTicket({ subject: 'Printer on fire', priority: 'high' });
    const sla = await slaOf(ticket.id);
    expect(sla.policy).toEqual({ id: policyId, name: 'High priority, LA hours' });
    // Monday after the switch to daylight time: 12:00 PDT.
    expect(clock(sla, 'resolution')).toMatchObject({ dueAt: '2026-03-09T19:00:00Z', status: 'running' });
    expect(clock(sla, 'firstResponse')).toMatchObject({ dueAt: '2026-03-07T01:00:00Z' });
    // The due time is a ticket field: filterable and sortable.
    const filter = encodeURIComponent(
      JSON.stringify({ field: 'sla.resolutionDueAt', op: 'eq', value: '2026-03-09T19:00:00Z' }),
    );
    const listed = await t.as(t.agent, {
      method: 'GET',
      url: `/api/v1/tickets?filter=${filter}&sort=sla.resolutionDueAt`,
    });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().items.map((i: { id: string }) => i.id)).toContain(ticket.id);
    // A normal ticket gets the default policy (24×7).
    const normal = await createTicket({ subject: 'Question', priority: 'normal' });
    expect((await slaOf(normal.id)).policy.name).toBe('Default');
  });

  it('moves the due time by the business time spent waiting for the customer, and keeps the pauses', async () => {
    t.clock.set('2026-03-07T00:00:00Z'); // Friday 16:00 PST
    const ticket = await createTicket({ subject: 'Waiting on logs', priority: 'high' });
    t.clock.set('2026-03-07T00:30:00Z'); // 16:30: asked the customer for logs
    const waiting = await patch(ticket.id, { version: 1, status: 'waiting_customer' });
    const paused = await slaOf(ticket.id);
    expect(paused.paused).toBe(true);
    expect(clock(paused, 'resolution')).toMatchObject({ status: 'paused', dueAt: null, secondsUsed: 1800 });
    // The customer answers over the weekend; the agent picks it up Monday 10:00 PDT.
    t.clock.set('2026-03-09T17:00:00Z');
    await patch(ticket.id, { version: waiting.version, status: 'open' });
    const resumed = await slaOf(ticket.id);
    expect(resumed.paused).toBe(false);
    // 30 minutes used on Friday, 210 left from Monday 10:00 → 13:30 PDT.
    expect(clock(resumed, 'resolution')).toMatchObject({ dueAt: '2026-03-09T20:30:00Z', status: 'running' });
    expect(resumed.pauses).toEqual([
      { from: '2026-03-07T00:30:00Z', to: '2026-03-09T17:00:00Z', reason: 'pending' },
    ]);
  });

  it('meets first response with the first public reply, and runs next response from the customer’s message', async () => {
    t.clock.set('2026-03-09T16:00:00Z'); // Monday 09:00 PDT
    const ticket = await createTicket({ subject: 'VPN drops', priority: 'high' });
    t.clock.set('2026-03-09T16:20:00Z');
    const note = await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      payload: { kind: 'note', body: 'Internal: checking logs' },
    });
    expect(note.statusCode).toBe(201);
    expect(clock(await slaOf(ticket.id), 'firstResponse')).toMatchObject({ status: 'running', metAt: null });
    t.clock.set('2026-03-09T16:30:00Z');
    const reply = await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      payload: { kind: 'reply', body: 'Which client version?' },
    });
    expect(reply.statusCode).toBe(201);
    const afterReply = await slaOf(ticket.id);
    expect(clock(afterReply, 'firstResponse')).toMatchObject({
      status: 'met',
      metAt: '2026-03-09T16:30:00Z',
    });
    expect(clock(afterReply, 'nextResponse')).toBeUndefined();
    // The customer writes back at 10:00; the next reply is due two business hours later.
    t.clock.set('2026-03-09T17:00:00Z');
    const contact = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { name: 'Val Customer', emails: ['val@sla.example'] },
    });
    await addMessage(
      {
        db: t.database.db,
        clock: t.clock,
        actor: systemActor('Email'),
        channel: 'email',
        hooks: t.services.ticketHooks,
      },
      ticket.id,
      { kind: 'customer', body: 'Version 4.2', authorContactId: contact.json().id },
    );
    expect(clock(await slaOf(ticket.id), 'nextResponse')).toMatchObject({
      startedAt: '2026-03-09T17:00:00Z',
      dueAt: '2026-03-09T19:00:00Z',
      status: 'running',
    });
    t.clock.set('2026-03-09T17:45:00Z');
    await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      payload: { kind: 'reply', body: 'Please update to 4.3' },
    });
    expect(clock(await slaOf(ticket.id), 'nextResponse')).toBeUndefined();
  });

  it('stops at resolution and resumes on reopen with the time already used', async () => {
    t.clock.set('2026-03-10T16:00:00Z'); // Tuesday 09:00 PDT
    const ticket = await createTicket({ subject: 'Reset password', priority: 'high' });
    t.clock.set('2026-03-10T17:00:00Z'); // one business hour later: solved
    const solved = await patch(ticket.id, { version: 1, status: 'resolved' });
    expect(clock(await slaOf(ticket.id), 'resolution')).toMatchObject({
      status: 'met',
      metAt: '2026-03-10T17:00:00Z',
      secondsUsed: 3600,
    });
    const met = encodeURIComponent(
      JSON.stringify({
        all: [
          { field: 'sla.resolutionMet', op: 'eq', value: true },
          { field: 'subject', op: 'eq', value: 'Reset password' },
        ],
      }),
    );
    expect(
      (await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets?filter=${met}` })).json().items,
    ).toHaveLength(1);
    t.clock.set('2026-03-11T16:00:00Z'); // Wednesday 09:00: the customer says it is not fixed
    await patch(ticket.id, { version: solved.version, status: 'open' });
    // 60 minutes used, 180 left from Wednesday 09:00 → 12:00 PDT.
    expect(clock(await slaOf(ticket.id), 'resolution')).toMatchObject({
      status: 'running',
      dueAt: '2026-03-11T19:00:00Z',
      secondsUsed: 3600,
    });
  });

  it('warns at 50 %, then at the breach escalates once (notify, raise priority), even with two workers', async () => {
    t.clock.set('2026-03-12T16:00:00Z'); // Thursday 09:00 PDT, first response due 10:00
    const ticket = await createTicket({ subject: 'Site down', priority: 'high', ownerAgentId: t.agent.id });
    t.clock.set('2026-03-12T16:31:00Z');
    await Promise.all([timers(), timers()]);
    expect(await eventsOf(ticket.id, 'sla_warning')).toHaveLength(1);
    t.clock.set('2026-03-12T17:01:00Z');
    await Promise.all([timers(), timers()]);
    await timers();
    const breached = await eventsOf(ticket.id, 'sla_breached');
    expect(breached.map((e) => e.data.metric)).toEqual(['firstResponse']);
    const escalated = await eventsOf(ticket.id, 'sla_escalated');
    expect(escalated).toHaveLength(1);
    expect(escalated[0]!.data).toMatchObject({ metric: 'firstResponse', level: 1 });
    // Raised once: high → urgent (not twice).
    const now = (await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${ticket.id}` })).json();
    expect(now.priority).toBe('urgent');
    // The owner heard of the warning and the breach; the chosen agent of the escalation: after
    // commit, through the outbox, once however often it is delivered.
    // Each job delivered twice (as after a worker's crash): still one notification each.
    await t.database.db.execute(
      sql`INSERT INTO outbox (topic, payload, available_at, created_at, ordering_key)
          SELECT topic, payload, available_at, created_at, ordering_key FROM outbox
           WHERE topic = 'ticket-events.notifications'`,
    );
    expect(await t.runOutbox()).toBeGreaterThan(1);
    const mine = (await t.as(t.agent, { method: 'GET', url: '/api/v1/me/notifications' })).json();
    expect(
      mine.items
        .filter((n: { ticketId: string }) => n.ticketId === ticket.id)
        .map((n: { kind: string }) => n.kind)
        .sort(),
    ).toEqual(['sla_breached', 'sla_warning']);
    const admins = (await t.as(t.admin, { method: 'GET', url: '/api/v1/me/notifications' })).json();
    expect(
      admins.items.filter(
        (n: { ticketId: string; kind: string }) => n.ticketId === ticket.id && n.kind === 'sla_escalated',
      ),
    ).toHaveLength(1);
    // Breached tickets are a view.
    const filter = encodeURIComponent(JSON.stringify({ field: 'sla.breached', op: 'eq', value: true }));
    const listed = (await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets?filter=${filter}` })).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toContain(ticket.id);
  });

  it('does not warn about a ticket whose clock was paused before the warning came due', async () => {
    t.clock.set('2026-03-13T16:00:00Z'); // Friday 09:00 PDT
    const ticket = await createTicket({ subject: 'Need a quote', priority: 'high' });
    t.clock.set('2026-03-13T16:10:00Z');
    await patch(ticket.id, { version: 1, status: 'waiting_customer' });
    t.clock.set('2026-03-13T18:00:00Z');
    await timers();
    expect(await eventsOf(ticket.id, 'sla_warning')).toHaveLength(0);
    expect(await eventsOf(ticket.id, 'sla_breached')).toHaveLength(0);
  });

  it('re-computes open tickets in the background after a policy edit, with progress for administrators', async () => {
    t.clock.set('2026-03-16T16:00:00Z');
    const ticket = await createTicket({ subject: 'Invoice copy', priority: 'low' });
    const before = clock(await slaOf(ticket.id), 'resolution');
    expect(before.targetMinutes).toBe(5760);
    const policy = (await t.as(t.admin, { method: 'GET', url: `/api/v1/sla/policies/${policyId}` })).json();
    const edited = await t.as(t.admin, {
      method: 'PATCH',
      url: `/api/v1/sla/policies/${policyId}`,
      payload: {
        version: policy.version,
        condition: { field: 'priority', op: 'in', value: ['high', 'low'] },
        targets: { ...policy.targets, low: { resolution: { minutes: 120, calendarId } } },
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    t.clock.advance(5_000);
    const worker = createOutboxWorker({
      database: t.database,
      clock: t.clock,
      ...outboxHandlers(t.services, t.blobs),
    });
    while ((await worker.runOnce()) > 0) {}
    const progress = (await t.as(t.admin, { method: 'GET', url: '/api/v1/sla/recompute' })).json();
    expect(progress).toMatchObject({ state: 'done' });
    expect(progress.total).toBeGreaterThan(0);
    expect(progress.done).toBe(progress.total);
    const after = await slaOf(ticket.id);
    expect(after.policy.id).toBe(policyId);
    // Monday 09:00 PDT + 2 business hours.
    expect(clock(after, 'resolution')).toMatchObject({ targetMinutes: 120, dueAt: '2026-03-16T18:00:00Z' });
    expect((await eventsOf(ticket.id, 'sla_policy_changed')).map((e) => e.data.policyId)).toEqual([policyId]);
    expect((await t.as(t.agent, { method: 'GET', url: '/api/v1/sla/recompute' })).statusCode).toBe(403);
  });

  it('filters on SLA fields the way the condition language reads a missing value', async () => {
    t.clock.set('2026-03-17T16:00:00Z');
    const running = await createTicket({ subject: 'Filter: running', priority: 'high' });
    const paused = await createTicket({ subject: 'Filter: paused', priority: 'high' });
    await patch(paused.id, { version: 1, status: 'waiting_customer' });
    const without = await createTicket({ subject: 'Filter: no SLA row', priority: 'high' });
    await t.database.db.execute(sql`DELETE FROM ticket_sla WHERE ticket_id = ${without.id}`);
    const ids = async (condition: Record<string, unknown>) => {
      const filter = encodeURIComponent(
        JSON.stringify({ all: [{ field: 'subject', op: 'starts_with', value: 'Filter:' }, condition] }),
      );
      const res = await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets?filter=${filter}` });
      expect(res.statusCode, res.body).toBe(200);
      return res
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort();
    };
    const sorted = (...xs: string[]) => xs.sort();
    expect(await ids({ field: 'sla.paused', op: 'eq', value: true })).toEqual([paused.id]);
    // A ticket without an SLA row reads as empty: "not paused" and "no due time" hold for it.
    expect(await ids({ field: 'sla.paused', op: 'ne', value: true })).toEqual(sorted(running.id, without.id));
    expect(await ids({ field: 'sla.resolutionDueAt', op: 'is_empty' })).toEqual(
      sorted(paused.id, without.id),
    );
    expect(await ids({ field: 'sla.resolutionDueAt', op: 'is_not_empty' })).toEqual([running.id]);
    expect(await ids({ field: 'sla.resolutionDueAt', op: 'gt', value: '2026-03-17T16:00:00Z' })).toEqual([
      running.id,
    ]);
    expect(
      await ids({ not: { field: 'sla.resolutionDueAt', op: 'gt', value: '2026-03-17T16:00:00Z' } }),
    ).toEqual(sorted(paused.id, without.id));
  });

  it('takes up a ticket older than its SLA state without alerting about its past', async () => {
    t.clock.set('2026-03-18T16:00:00Z');
    const old = await createTicket({ subject: 'From before the SLA', priority: 'normal' });
    await t.database.db.execute(sql`DELETE FROM ticket_sla WHERE ticket_id = ${old.id}`);
    // A week later (the default's normal resolution is two days, 24×7) the SLA state is built.
    t.clock.set('2026-03-25T16:00:00Z');
    await recomputeAll(t.database.db, t.clock, t.services.slaConfig);
    expect(clock(await slaOf(old.id), 'resolution')).toMatchObject({ status: 'breached', breached: true });
    await timers();
    expect(await eventsOf(old.id, 'sla_breached')).toHaveLength(0);
  });

  it('answers 404 for a ticket the agent may not see', async () => {
    const res = await t.as(t.agent, {
      method: 'GET',
      url: '/api/v1/tickets/00000000-0000-4000-8000-000000000001/sla',
    });
    expect(res.statusCode).toBe(404);
  });
});
