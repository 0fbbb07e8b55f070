import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestAgent, type TestApp } from '../../../test/app.ts';
import type { Ctx } from '../../platform/context.ts';
import { systemActor } from '../../platform/context.ts';
import { ticketRegistry } from '../tickets/index.ts';
import { dueAt, formatInstant, parseInstant } from './clock/index.ts';
import { choosePolicy, createSlaConfigCache, loadPolicies, targetFor } from './policy-matching.ts';
import { ALWAYS_OPEN_CALENDAR_ID, DEFAULT_POLICY_ID } from './schema.ts';
import { SLA_CONFIG_CHANNEL } from './sla-config-change.ts';

let t: TestApp;
let losAngelesId: string;
beforeAll(async () => {
  t = await createTestApp();
  const nineToFive = [['09:00', '17:00']];
  const res = await t.as(t.admin, {
    method: 'POST',
    url: '/api/v1/sla/calendars',
    payload: {
      name: 'Los Angeles office',
      definition: {
        timezone: 'America/Los_Angeles',
        week: {
          mon: nineToFive,
          tue: nineToFive,
          wed: nineToFive,
          thu: nineToFive,
          fri: nineToFive,
          sat: [],
          sun: [],
        },
        holidays: [],
      },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  losAngelesId = res.json().id;
});
afterAll(async () => t?.close());

const send = (who: TestAgent, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.as(who, {
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

interface Policy {
  id: string;
  name: string;
  version: number;
  isDefault: boolean;
}

async function names(): Promise<string[]> {
  const res = await send(t.agent, 'GET', '/api/v1/sla/policies');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((p: Policy) => p.name);
}

async function create(body: Record<string, unknown>): Promise<Policy> {
  const res = await send(t.admin, 'POST', '/api/v1/sla/policies', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function errorsOf(method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) {
  const res = await send(t.admin, method, url, payload);
  expect(res.statusCode, res.body).toBe(400);
  return res.json().errors;
}

const vipUrgent = {
  all: [
    { field: 'organization.tier', op: 'eq', value: 'vip' },
    { field: 'priority', op: 'in', value: ['urgent', 'high'] },
  ],
};
const target = (minutes: number, calendarId: string) => ({ minutes, calendarId });

describe('SLA policies', () => {
  it('start with the default policy: 24×7 targets per priority and a warning at 80 %', async () => {
    const res = await send(t.agent, 'GET', '/api/v1/sla/policies');
    expect(res.json().items).toEqual([
      expect.objectContaining({
        id: DEFAULT_POLICY_ID,
        name: 'Default',
        isDefault: true,
        active: true,
        position: 0,
        condition: null,
        warning: { percentUsed: 80 },
        escalations: [],
        version: 1,
      }),
    ]);
    const targets = res.json().items[0].targets;
    expect(targets.urgent).toEqual({
      firstResponse: target(60, ALWAYS_OPEN_CALENDAR_ID),
      nextResponse: target(60, ALWAYS_OPEN_CALENDAR_ID),
      resolution: target(480, ALWAYS_OPEN_CALENDAR_ID),
    });
    expect(targets.low.resolution).toEqual(target(5760, ALWAYS_OPEN_CALENDAR_ID));
    expect(Object.keys(targets).sort()).toEqual(['high', 'low', 'normal', 'urgent']);
  });

  it('creates a policy with a condition, targets, a warning and escalations, tried before the default', async () => {
    const group = await send(t.admin, 'POST', '/api/v1/groups', { name: 'VIP desk' });
    expect(group.statusCode, group.body).toBe(201);
    const created = await send(t.admin, 'POST', '/api/v1/sla/policies', {
      name: '  VIP customers ',
      description: 'Our biggest accounts',
      condition: vipUrgent,
      targets: {
        urgent: { firstResponse: target(30, losAngelesId), resolution: target(240, losAngelesId) },
        high: { resolution: target(480, ALWAYS_OPEN_CALENDAR_ID) },
      },
      warning: { minutesBefore: 15 },
      escalations: [
        { afterMinutes: 0, actions: [{ type: 'notify', recipient: 'owner' }] },
        {
          afterMinutes: 60,
          metrics: ['resolution'],
          actions: [
            { type: 'notify', recipient: 'agent', agentId: t.admin.id },
            { type: 'reassign', groupId: group.json().id },
            { type: 'raise_priority' },
          ],
        },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const policy = created.json();
    expect(policy).toMatchObject({
      name: 'VIP customers',
      description: 'Our biggest accounts',
      isDefault: false,
      active: true,
      condition: vipUrgent,
      warning: { minutesBefore: 15 },
      version: 1,
    });
    expect(policy.targets.urgent.firstResponse).toEqual(target(30, losAngelesId));
    expect(policy.escalations[1].actions).toEqual([
      { type: 'notify', recipient: 'agent', agentId: t.admin.id },
      { type: 'reassign', groupId: group.json().id },
      { type: 'raise_priority' },
    ]);
    expect(await names()).toEqual(['VIP customers', 'Default']);
    expect((await send(t.agent, 'GET', `/api/v1/sla/policies/${policy.id}`)).json()).toEqual(policy);
  });

  it('refuses unknown priorities, missing calendars and bad conditions with 400 naming the field, storing nothing', async () => {
    const before = await names();
    expect(
      await errorsOf('POST', '/api/v1/sla/policies', {
        name: 'Bad',
        condition: vipUrgent,
        targets: { 'sky-high': { resolution: target(60, losAngelesId) } },
      }),
    ).toEqual([
      { field: 'body/targets/sky-high', message: 'is not a priority; priorities: low, normal, high, urgent' },
    ]);
    expect(
      await errorsOf('POST', '/api/v1/sla/policies', {
        name: 'Bad',
        condition: vipUrgent,
        targets: {
          high: { resolution: target(60, '00000000-0000-4000-8000-000000000999') },
          low: { firstResponse: target(60, '00000000-0000-4000-8000-000000000999') },
        },
      }),
    ).toEqual([
      { field: 'body/targets/high/resolution/calendarId', message: 'is not a calendar' },
      { field: 'body/targets/low/firstResponse/calendarId', message: 'is not a calendar' },
    ]);
    const condition = await errorsOf('POST', '/api/v1/sla/policies', {
      name: 'Bad',
      condition: { field: 'colour', op: 'eq', value: 'red' },
      targets: {},
    });
    expect(condition).toEqual([{ field: 'body/condition/field', message: "unknown field 'colour'" }]);
    const tooLong = await send(t.admin, 'POST', '/api/v1/sla/policies', {
      name: 'Bad',
      condition: vipUrgent,
      targets: { high: { resolution: target(525_601, losAngelesId) } },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].field).toBe('body/targets/high/resolution/minutes');
    expect(await names()).toEqual(before);
  });

  it('checks escalation levels: order, actions and the agents and groups they name', async () => {
    const level = (afterMinutes: number, actions: unknown[]) => ({ afterMinutes, actions });
    const post = (escalations: unknown[], warning: unknown = null) =>
      errorsOf('POST', '/api/v1/sla/policies', {
        name: 'Escalating',
        condition: vipUrgent,
        targets: {},
        warning,
        escalations,
      });
    const notifyOwner = { type: 'notify', recipient: 'owner' };
    expect(await post([level(60, [notifyOwner]), level(60, [notifyOwner])])).toEqual([
      { field: 'body/escalations/1/afterMinutes', message: "must be greater than the previous level's" },
    ]);
    expect(
      await post([
        level(0, [
          { type: 'notify', recipient: 'agent' },
          { type: 'reassign' },
          { type: 'notify', recipient: 'group', agentId: t.agent.id },
        ]),
      ]),
    ).toEqual([
      { field: 'body/escalations/0/actions/0/agentId', message: 'is required' },
      {
        field: 'body/escalations/0/actions/1',
        message: 'a reassignment needs an agentId, a groupId or both',
      },
      { field: 'body/escalations/0/actions/2/agentId', message: 'is only for the recipient agent' },
    ]);
    expect(
      await post([
        level(0, [
          { type: 'reassign', agentId: '00000000-0000-4000-8000-000000000998' },
          { type: 'reassign', groupId: '00000000-0000-4000-8000-000000000997' },
        ]),
      ]),
    ).toEqual([
      { field: 'body/escalations/0/actions/0/agentId', message: 'is not an agent' },
      { field: 'body/escalations/0/actions/1/groupId', message: 'is not a group' },
    ]);
    const leaver = await t.newAgent({ name: 'Lea Leaver' });
    const off = await send(t.admin, 'PATCH', `/api/v1/agents/${leaver.id}`, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(await post([level(0, [{ type: 'reassign', agentId: leaver.id }])])).toEqual([
      { field: 'body/escalations/0/actions/0/agentId', message: 'this agent is deactivated' },
    ]);
    expect(await post([], { minutesBefore: 10, percentUsed: 50 })).toEqual([
      { field: 'body/warning', message: 'give exactly one of minutesBefore and percentUsed' },
    ]);
    expect(await post([], { percentUsed: 100 })).toEqual([
      { field: 'body/warning/percentUsed', message: 'must be a whole percentage from 1 to 99' },
    ]);
    const six = Array.from({ length: 6 }, (_, i) => level(i * 10, [notifyOwner]));
    expect((await post(six))[0].field).toBe('body/escalations');
  });

  it('changes a policy at the current version and refuses a stale one with 409 and the current policy', async () => {
    const p = await create({
      name: 'Warranty',
      condition: { field: 'type', op: 'eq', value: 'warranty' },
      targets: {},
    });
    const changed = await send(t.admin, 'PATCH', `/api/v1/sla/policies/${p.id}`, {
      version: 1,
      targets: { normal: { resolution: target(2880, losAngelesId) } },
      warning: { percentUsed: 75 },
      active: false,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      version: 2,
      active: false,
      warning: { percentUsed: 75 },
      targets: { normal: { resolution: target(2880, losAngelesId) } },
    });
    const stale = await send(t.admin, 'PATCH', `/api/v1/sla/policies/${p.id}`, { version: 1, name: 'Old' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ id: p.id, name: 'Warranty', version: 2 });
    const nullCondition = await errorsOf('PATCH', `/api/v1/sla/policies/${p.id}`, {
      version: 2,
      condition: null,
    });
    expect(nullCondition).toEqual([
      { field: 'body/condition', message: 'is required: only the default policy has none' },
    ]);
    const dup = await send(t.admin, 'PATCH', `/api/v1/sla/policies/${p.id}`, {
      version: 2,
      name: 'vip CUSTOMERS',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors).toEqual([{ field: 'body/name', message: 'is already used' }]);
    expect((await send(t.agent, 'GET', `/api/v1/sla/policies/${p.id}`)).json()).toMatchObject({
      name: 'Warranty',
      version: 2,
    });
  });

  it('keeps the default policy: no condition, never inactive, never deleted; its targets may change', async () => {
    const url = `/api/v1/sla/policies/${DEFAULT_POLICY_ID}`;
    expect(await errorsOf('PATCH', url, { version: 1, condition: vipUrgent })).toEqual([
      {
        field: 'body/condition',
        message: 'the default policy has no condition: it applies when no other does',
      },
    ]);
    expect(await errorsOf('PATCH', url, { version: 1, active: false })).toEqual([
      { field: 'body/active', message: 'the default policy cannot be deactivated' },
    ]);
    const deleted = await send(t.admin, 'DELETE', url);
    expect(deleted.statusCode).toBe(403);
    const current = (await send(t.agent, 'GET', url)).json();
    const changed = await send(t.admin, 'PATCH', url, {
      version: 1,
      condition: null,
      targets: { ...current.targets, low: { resolution: target(10_080, ALWAYS_OPEN_CALENDAR_ID) } },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ version: 2, condition: null, isDefault: true, active: true });
    expect(changed.json().targets.low).toEqual({ resolution: target(10_080, ALWAYS_OPEN_CALENDAR_ID) });
  });

  it('lets only administrators change policies', async () => {
    const before = (await send(t.agent, 'GET', '/api/v1/sla/policies')).json();
    const refused = await send(t.agent, 'POST', '/api/v1/sla/policies', {
      name: 'Mine',
      condition: vipUrgent,
      targets: {},
    });
    expect(refused.statusCode).toBe(403);
    expect(
      (await send(t.agent, 'PATCH', `/api/v1/sla/policies/${DEFAULT_POLICY_ID}`, { version: 2, targets: {} }))
        .statusCode,
    ).toBe(403);
    expect((await send(t.agent, 'POST', '/api/v1/sla/policies/order', { ids: [] })).statusCode).toBe(403);
    const other = before.items.find((p: Policy) => !p.isDefault);
    expect((await send(t.agent, 'DELETE', `/api/v1/sla/policies/${other.id}`)).statusCode).toBe(403);
    expect((await send(t.agent, 'GET', '/api/v1/sla/policies')).json()).toEqual(before);
  });

  it('reorders the non-default policies and refuses an order that leaves one out', async () => {
    const third = await create({
      name: 'Phone',
      condition: { field: 'channel', op: 'eq', value: 'phone' },
      targets: {},
    });
    const items: Policy[] = (await send(t.agent, 'GET', '/api/v1/sla/policies')).json().items;
    const ids = items.filter((p) => !p.isDefault).map((p) => p.id);
    expect(items.at(-1)!.id).toBe(DEFAULT_POLICY_ID);
    expect(ids.at(-1)).toBe(third.id);

    const reversed = [...ids].reverse();
    const res = await send(t.admin, 'POST', '/api/v1/sla/policies/order', { ids: reversed });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((p: Policy) => p.id)).toEqual([...reversed, DEFAULT_POLICY_ID]);
    expect(
      (await send(t.agent, 'GET', '/api/v1/sla/policies')).json().items.map((p: Policy) => p.id),
    ).toEqual([...reversed, DEFAULT_POLICY_ID]);

    for (const wrong of [
      reversed.slice(1),
      [...reversed, DEFAULT_POLICY_ID],
      [...reversed.slice(1), reversed[1]],
    ]) {
      expect(await errorsOf('POST', '/api/v1/sla/policies/order', { ids: wrong })).toEqual([
        { field: 'body/ids', message: 'must list every policy other than the default exactly once' },
      ]);
    }
    expect((await names()).at(0)).toBe('Phone');
  });

  it('deletes a policy; the rest keep their order', async () => {
    const before: Policy[] = (await send(t.agent, 'GET', '/api/v1/sla/policies')).json().items;
    const victim = before.find((p) => p.name === 'Phone')!;
    expect((await send(t.admin, 'DELETE', `/api/v1/sla/policies/${victim.id}`)).statusCode).toBe(204);
    expect((await send(t.agent, 'GET', `/api/v1/sla/policies/${victim.id}`)).statusCode).toBe(404);
    expect(await names()).toEqual(before.filter((p) => p.id !== victim.id).map((p) => p.name));
  });
});

describe('choosing a ticket’s policy', () => {
  const ctx = (): Ctx => ({ db: t.database.db, clock: t.clock, actor: systemActor(), channel: 'system' });

  it('takes the first active policy whose condition matches, by position, and the default otherwise', async () => {
    const general = await create({
      name: 'Everything urgent',
      condition: { field: 'priority', op: 'eq', value: 'urgent' },
      targets: { urgent: { resolution: target(120, ALWAYS_OPEN_CALENDAR_ID) } },
    });
    const policies = await loadPolicies(t.database.db);
    const registry = await ticketRegistry(ctx());
    expect(policies.at(-1)!.id).toBe(DEFAULT_POLICY_ID);
    expect(policies.map((p) => p.name)).not.toContain('Warranty'); // inactive

    const vipTicket = { priority: 'urgent', organization: { tier: 'vip' } };
    expect(choosePolicy(policies, vipTicket, registry)?.name).toBe('VIP customers');
    expect(choosePolicy(policies, { priority: 'urgent', organization: null }, registry)?.id).toBe(general.id);
    expect(choosePolicy(policies, { priority: 'low', organization: { tier: 'vip' } }, registry)?.id).toBe(
      DEFAULT_POLICY_ID,
    );

    // The order must name the inactive Warranty policy too.
    const activeOnly = policies.filter((p) => !p.isDefault).map((p) => p.id);
    const partial = await send(t.admin, 'POST', '/api/v1/sla/policies/order', { ids: activeOnly });
    expect(partial.statusCode).toBe(400);
    // Put the general policy first: it now wins for VIP tickets too.
    const all: Policy[] = (await send(t.agent, 'GET', '/api/v1/sla/policies')).json().items;
    const ids = all.filter((p) => !p.isDefault).map((p) => p.id);
    const reordered = await send(t.admin, 'POST', '/api/v1/sla/policies/order', {
      ids: [general.id, ...ids.filter((id) => id !== general.id)],
    });
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect(choosePolicy(await loadPolicies(t.database.db), vipTicket, registry)?.id).toBe(general.id);
  });

  it('gives each target with its compiled calendar, so due times follow the calendar', async () => {
    const policies = await loadPolicies(t.database.db);
    const vip = policies.find((p) => p.name === 'VIP customers')!;
    const resolution = targetFor(vip, 'urgent', 'resolution');
    expect(resolution).toMatchObject({ minutes: 240, calendarId: losAngelesId });
    expect(resolution!.calendar.calendar.timezone).toBe('America/Los_Angeles');
    const due = dueAt(
      resolution!.calendar,
      parseInstant('2026-03-07T00:00:00Z')!,
      resolution!.minutes * 60,
      [],
    );
    expect(formatInstant(due!)).toBe('2026-03-09T19:00:00Z');

    expect(targetFor(vip, 'urgent', 'nextResponse')).toBeNull();
    expect(targetFor(vip, 'low', 'resolution')).toBeNull();
    expect(targetFor(vip, 'constructor', 'resolution')).toBeNull();
    const fallback = policies.find((p) => p.isDefault)!;
    expect(targetFor(fallback, 'urgent', 'firstResponse')).toMatchObject({
      minutes: 60,
      calendarId: ALWAYS_OPEN_CALENDAR_ID,
    });
  });

  it('announces every change so each node drops its cached policies', async () => {
    const cache = createSlaConfigCache();
    const heard: string[] = [];
    const unlisten = await t.database.listen(SLA_CONFIG_CHANNEL, (payload) => {
      heard.push(payload);
      cache.invalidate();
    });
    try {
      const before = await cache.get(t.database.db);
      expect(before.find((p) => p.isDefault)?.warning).toEqual({ percentUsed: 80 });
      const current = (await send(t.agent, 'GET', `/api/v1/sla/policies/${DEFAULT_POLICY_ID}`)).json();
      const res = await send(t.admin, 'PATCH', `/api/v1/sla/policies/${DEFAULT_POLICY_ID}`, {
        version: current.version,
        warning: { minutesBefore: 30 },
      });
      expect(res.statusCode, res.body).toBe(200);
      await expect.poll(() => heard.length).toBeGreaterThan(0);
      expect(JSON.parse(heard[0]!)).toEqual({ kind: 'policy', id: DEFAULT_POLICY_ID });
      const after = await cache.get(t.database.db);
      expect(after.find((p) => p.isDefault)?.warning).toEqual({ minutesBefore: 30 });
    } finally {
      await unlisten();
    }
  });
});
