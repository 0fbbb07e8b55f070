// Time-based rules with an injected clock: "close resolved tickets inactive for 72 business hours"
// fires once, at the right business time, and not after the customer wrote again; a calendar-time
// rule; two workers scanning at once fire once; a time rule's condition takes no change operators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { systemActor } from '../../platform/context.ts';
import { addMessage } from '../tickets/index.ts';
import { scanRuleTimers } from './timers.ts';

let t: TestApp;
let calendarId: string;

const LA_WEEKDAYS = {
  timezone: 'America/Los_Angeles',
  week: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
    sat: [],
    sun: [],
  },
  holidays: [],
};

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  // biome-ignore lint/suspicious/noExplicitAny: the tests read the answers freely
  t.call<any>(method, url, payload);

const scan = () =>
  scanRuleTimers({
    db: t.database.db,
    clock: t.clock,
    cache: t.services.rulesCache,
    hooks: t.services.ticketHooks,
  });

async function ticketAt(subject: string, extra: Record<string, unknown> = {}) {
  const res = await api('POST', '/api/v1/tickets', { subject, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

beforeAll(async () => {
  // Monday 9 March 2026, 10:00 in Los Angeles (PDT, UTC−7).
  t = await createTestApp({ start: '2026-03-09T17:00:00Z' });
  const cal = await api('POST', '/api/v1/sla/calendars', { name: 'LA weekdays', definition: LA_WEEKDAYS });
  expect(cal.status).toBe(201);
  calendarId = cal.body.id;
});
afterAll(async () => t?.close());

describe('time-based rules', () => {
  it('closes a resolved ticket after 72 business hours of inactivity, once, and not one the customer wrote on', async () => {
    const rule = await api('POST', '/api/v1/rules', {
      name: 'Close resolved tickets inactive for 72 hours',
      trigger: { type: 'time', after: 'inactive', amount: 72, unit: 'hours', calendarId },
      condition: { field: 'statusCategory', op: 'eq', value: 'resolved' },
      actions: [{ type: 'set_field', field: 'status', value: 'closed' }],
      active: true,
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const contact = await api('POST', '/api/v1/contacts', { name: 'Mei Chen', emails: ['mei@example.com'] });
    expect(contact.status, JSON.stringify(contact.body)).toBe(201);
    const quiet = await ticketAt('Refund question');
    const talkative = await ticketAt('Printer jam', { contactId: contact.body.id });
    for (const tk of [quiet, talkative])
      expect(
        (await api('PATCH', `/api/v1/tickets/${tk.id}`, { version: tk.version, status: 'resolved' })).status,
      ).toBe(200);

    // Tuesday 10:00: the customer writes on the second one, which reopens it.
    t.clock.set('2026-03-10T17:00:00Z');
    await addMessage(
      {
        db: t.database.db,
        clock: t.clock,
        actor: systemActor('Email'),
        channel: 'email',
        hooks: t.services.ticketHooks,
      },
      talkative.id,
      { kind: 'customer', body: 'Still jammed, sorry!', authorContactId: contact.body.id },
    );

    // 72 business hours (9 days of 8 hours) from Monday 10:00 end on Friday 20 March, 10:00.
    t.clock.set('2026-03-20T16:59:00Z');
    expect(await scan()).toBe(0);
    expect((await api('GET', `/api/v1/tickets/${quiet.id}`)).body.status).toBe('resolved');
    t.clock.set('2026-03-20T17:00:00Z');
    expect(await scan()).toBe(1);
    expect((await api('GET', `/api/v1/tickets/${quiet.id}`)).body.status).toBe('closed');
    expect((await api('GET', `/api/v1/tickets/${talkative.id}`)).body.status).toBe('open');
    t.clock.set('2026-03-23T17:00:00Z');
    expect(await scan()).toBe(0);
    const runs = (await api('GET', `/api/v1/rules/runs?ruleId=${rule.body.id}`)).body.items;
    expect(
      runs.map((r: { ticketId: string; trigger: string; matched: boolean }) => [
        r.ticketId,
        r.trigger,
        r.matched,
      ]),
    ).toEqual([[quiet.id, 'time', true]]);
    await api('DELETE', `/api/v1/rules/${rule.body.id}`);
  });

  it('fires a calendar-time rule two hours after creation, once even with two workers scanning', async () => {
    const rule = await api('POST', '/api/v1/rules', {
      name: 'High priority unassigned for 2 hours',
      trigger: { type: 'time', after: 'created', amount: 2, unit: 'hours' },
      condition: {
        all: [
          { field: 'priority', op: 'eq', value: 'high' },
          { field: 'ownerAgentId', op: 'is_empty' },
        ],
      },
      actions: [{ type: 'add_tags', tags: ['waiting-2h'] }],
      active: true,
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    t.clock.set('2026-04-01T08:00:00Z');
    const waiting = await ticketAt('Nobody took it', { priority: 'high' });
    const taken = await ticketAt('Taken', { priority: 'high', ownerAgentId: t.agent.id });
    t.clock.set('2026-04-01T09:59:00Z');
    expect(await scan()).toBe(0);
    t.clock.set('2026-04-01T10:00:00Z');
    const fired = await Promise.all([scan(), scan()]);
    expect(fired[0]! + fired[1]!).toBe(1);
    expect((await api('GET', `/api/v1/tickets/${waiting.id}`)).body.tags).toEqual(['waiting-2h']);
    expect((await api('GET', `/api/v1/tickets/${taken.id}`)).body.tags).toEqual([]);
    await api('DELETE', `/api/v1/rules/${rule.body.id}`);
  });

  it('refuses a time trigger without its parts, and change operators in a time rule’s condition', async () => {
    const base = { name: 'Bad timer', actions: [{ type: 'add_tags', tags: ['x'] }] };
    const noUnit = await api('POST', '/api/v1/rules', {
      ...base,
      trigger: { type: 'time', after: 'created', amount: 2 },
    });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.errors.map((e: { field: string }) => e.field)).toContain('body/trigger/unit');
    const noStatus = await api('POST', '/api/v1/rules', {
      ...base,
      trigger: { type: 'time', after: 'status_entered', amount: 2, unit: 'days' },
    });
    expect(noStatus.body.errors.map((e: { field: string }) => e.field)).toContain('body/trigger/status');
    const changeOp = await api('POST', '/api/v1/rules', {
      ...base,
      trigger: { type: 'time', after: 'created', amount: 2, unit: 'hours' },
      condition: { field: 'priority', op: 'changed' },
    });
    expect(changeOp.status).toBe(400);
    expect(changeOp.body.errors.map((e: { field: string }) => e.field)).toContain('body/condition/op');
    const badCalendar = await api('POST', '/api/v1/rules', {
      ...base,
      trigger: {
        type: 'time',
        after: 'created',
        amount: 2,
        unit: 'hours',
        calendarId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(badCalendar.body.errors.map((e: { field: string }) => e.field)).toContain(
      'body/trigger/calendarId',
    );
  });
});
