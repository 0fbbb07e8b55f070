// The shipped rules (W2, R1): installed once and switched off, valid, shown translated while not
// renamed; switched on, each does what its name says — the Vtiger sample routes a Chinese warranty
// request, the reopen alert tells owner and supervisor, the VIP alert reaches the group's
// supervisor after 2 hours, the long-thread alert fires once when a ticket also misses its target.
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestAgent, type TestApp } from '../../../test/app.ts';
import { queryRows } from '../../platform/db.ts';
import { SHIPPED } from '../directory/index.ts';
import { scanSlaTimers } from '../sla/index.ts';
import { ensureShippedRules, SHIPPED_RULES } from './shipped-rules.ts';
import { scanRuleTimers } from './timers.ts';

let t: TestApp;
let boss: TestAgent;
let worker: TestAgent;
let groupId: string;

interface Rule {
  id: string;
  name: string;
  version: number;
  active: boolean;
  shippedKey: string | null;
  actions: unknown[];
}

const api: TestApp['call'] = (...args) => t.call(...args);

const shipped = async () =>
  (await api<{ items: Rule[] }>('GET', '/api/v1/rules')).body.items.filter((r) => r.shippedKey !== null);

async function switchOn(key: string, extra: Record<string, unknown> = {}) {
  const rule = (await api<{ items: Rule[] }>('GET', '/api/v1/rules')).body.items.find(
    (r) => r.shippedKey === key,
  )!;
  const res = await api<Rule>('PATCH', `/api/v1/rules/${rule.id}`, {
    version: rule.version,
    active: true,
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function switchOff(id: string) {
  const rule = (await api<Rule>('GET', `/api/v1/rules/${id}`)).body;
  await api('PATCH', `/api/v1/rules/${id}`, { version: rule.version, active: false });
}

async function ticket(payload: Record<string, unknown>) {
  const res = await api<{ id: string }>('POST', '/api/v1/tickets', payload, t.agent);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (
    await api<{
      id: string;
      version: number;
      tags: string[];
      type: string;
      priority: string;
      ownerGroupId: string;
    }>('GET', `/api/v1/tickets/${res.body.id}`)
  ).body;
}

async function noticesOf(who: TestAgent, ticketId: string) {
  await t.runOutbox();
  const items = (
    await api<{ items: Array<{ ticketId: string; kind: string; data: Record<string, unknown> }> }>(
      'GET',
      '/api/v1/me/notifications',
      undefined,
      who,
    )
  ).body.items;
  return items.filter((n) => n.ticketId === ticketId).map((n) => n.data.ruleName);
}

const scanRules = () =>
  scanRuleTimers({
    db: t.database.db,
    clock: t.clock,
    cache: t.services.rulesCache,
    hooks: t.services.ticketHooks,
  });

beforeAll(async () => {
  t = await createTestApp({ start: '2026-03-09T09:00:00Z' });
  expect(await ensureShippedRules(t.database.db, t.clock)).toBe(SHIPPED_RULES.length);
  const lead = await api<{ id: string }>('POST', '/api/v1/roles', {
    name: 'Team lead',
    parentId: SHIPPED.administratorRole,
    profileIds: [SHIPPED.agentProfile],
  });
  const staff = await api<{ id: string }>('POST', '/api/v1/roles', {
    name: 'Staff',
    parentId: lead.body.id,
    profileIds: [SHIPPED.agentProfile],
  });
  boss = await t.newAgent({ name: 'Boss', roleId: lead.body.id });
  worker = await t.newAgent({ name: 'Worker', roleId: staff.body.id });
  const group = await api<{ id: string }>('POST', '/api/v1/groups', {
    name: 'Warranty',
    memberIds: [worker.id],
  });
  expect(group.status, JSON.stringify(group.body)).toBe(201);
  groupId = group.body.id;
});
afterAll(async () => t?.close());

describe('installing the shipped rules', () => {
  it('installs them once, switched off, and a deleted one does not come back', async () => {
    const rules = await shipped();
    expect(rules.map((r) => r.shippedKey).sort()).toEqual(SHIPPED_RULES.map((r) => r.key).sort());
    expect(rules.every((r) => !r.active)).toBe(true);
    expect((await api('DELETE', `/api/v1/rules/${rules[0]!.id}`)).status).toBe(204);
    expect(await ensureShippedRules(t.database.db, t.clock)).toBe(0);
    expect((await shipped()).length).toBe(SHIPPED_RULES.length - 1);
  });

  it('shows the shipped key only while the rule keeps its shipped name', async () => {
    const rule = (await shipped()).find((r) => r.shippedKey === 'phone_replacement')!;
    const renamed = await api<Rule>('PATCH', `/api/v1/rules/${rule.id}`, {
      version: rule.version,
      name: 'Phones → replacements',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.shippedKey).toBeNull();
  });
});

describe('the shipped rules switched on', () => {
  it('routes a Chinese warranty request (Vtiger sample) once the team adds its group', async () => {
    const rule = (await api<{ items: Rule[] }>('GET', '/api/v1/rules')).body.items.find(
      (r) => r.shippedKey === 'warranty_routing',
    )!;
    const on = await switchOn('warranty_routing', {
      actions: [...rule.actions, { type: 'assign', groupId }],
    });
    const tk = await ticket({ subject: '我的保修卡丢了' });
    expect(tk).toMatchObject({ type: 'warranty', ownerGroupId: groupId });
    expect(tk.tags).toContain('warranty');
    const other = await ticket({ subject: '发票问题' });
    expect(other.type).not.toBe('warranty');
    await switchOff(on.id);
  });

  it('on reopen tells the owner and their supervisor and raises the priority', async () => {
    const on = await switchOn('reopened_alert');
    const tk = await ticket({ subject: 'Printer again', priority: 'normal', ownerAgentId: worker.id });
    const resolved = await api<{ version: number }>('PATCH', `/api/v1/tickets/${tk.id}`, {
      version: tk.version,
      status: 'resolved',
    });
    expect(await noticesOf(boss, tk.id)).toEqual([]);
    const reopened = await api<{ priority: string }>('PATCH', `/api/v1/tickets/${tk.id}`, {
      version: resolved.body.version,
      status: 'open',
    });
    expect(reopened.status).toBe(200);
    expect((await api<{ priority: string }>('GET', `/api/v1/tickets/${tk.id}`)).body.priority).toBe('high');
    expect(await noticesOf(boss, tk.id)).toEqual([on.name]);
    expect(await noticesOf(worker, tk.id)).toEqual([on.name]);
    await switchOff(on.id);
  });

  it('tells the group’s supervisor when a VIP high-priority ticket is still unassigned after 2 hours', async () => {
    const on = await switchOn('vip_unassigned');
    const vip = await api<{ id: string }>('POST', '/api/v1/contacts', { name: 'Olga VIP', vip: true });
    expect(vip.status, JSON.stringify(vip.body)).toBe(201);
    const start = t.clock.now().getTime();
    const waiting = await ticket({
      subject: 'Down',
      priority: 'high',
      contactId: vip.body.id,
      ownerGroupId: groupId,
    });
    const taken = await ticket({
      subject: 'Down too',
      priority: 'high',
      contactId: vip.body.id,
      ownerGroupId: groupId,
      ownerAgentId: worker.id,
    });
    t.clock.set(new Date(start + 119 * 60_000).toISOString());
    expect(await scanRules()).toBe(0);
    t.clock.set(new Date(start + 121 * 60_000).toISOString());
    expect(await scanRules()).toBe(1);
    expect(await scanRules()).toBe(0);
    // The group hears of it, and so does the members' supervisor (who sees it once they may see the
    // ticket: an unowned group ticket is not in the role tree's share).
    expect(await noticesOf(worker, waiting.id)).toEqual([on.name]);
    const told = await queryRows<{ agent_id: string }>(
      t.database.db,
      sql`SELECT agent_id FROM notifications WHERE ticket_id = ${waiting.id} ORDER BY agent_id`,
    );
    expect(told.map((r) => r.agent_id).sort()).toEqual([boss.id, worker.id].sort());
    expect(await noticesOf(worker, taken.id)).toEqual([]);
    await switchOff(on.id);
  });

  it('alerts once when a ticket has more than 10 messages and is past its resolution target', async () => {
    const calendars = (
      await api<{ items: Array<{ id: string; builtIn: boolean }> }>('GET', '/api/v1/sla/calendars')
    ).body.items;
    const always = calendars.find((c) => c.builtIn)!.id;
    const policy = await api<{ id: string }>('POST', '/api/v1/sla/policies', {
      name: 'Urgent: resolve in 4 hours',
      condition: { field: 'priority', op: 'eq', value: 'urgent' },
      targets: { urgent: { resolution: { minutes: 240, calendarId: always } } },
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    const on = await switchOn('long_thread_overdue');
    const tk = await ticket({ subject: 'Endless thread', priority: 'urgent', ownerAgentId: worker.id });
    for (let i = 0; i < 11; i++) {
      const res = await api('POST', `/api/v1/tickets/${tk.id}/messages`, { kind: 'note', body: `Try ${i}` });
      expect(res.status).toBe(201);
    }
    t.clock.advance(60 * 60_000);
    expect(await scanRules()).toBe(0); // long, but not yet late
    t.clock.advance(4 * 60 * 60_000);
    await scanSlaTimers({
      db: t.database.db,
      clock: t.clock,
      config: t.services.slaConfig,
      hooks: t.services.ticketHooks,
    });
    expect(await scanRules()).toBe(1);
    t.clock.advance(60 * 60_000);
    expect(await scanRules()).toBe(0);
    expect(await noticesOf(boss, tk.id)).toEqual([on.name]);
    await switchOff(on.id);
  });
});

describe('the shipped rules’ words', () => {
  it('are the console’s English words, so the translations tell the same', async () => {
    const file = new URL('../../../../web/src/locales/en/ruleTemplates.json', import.meta.url);
    const en = JSON.parse(await readFile(file, 'utf8')) as Record<
      string,
      { name: string; description: string }
    >;
    expect(Object.keys(en).sort()).toEqual(SHIPPED_RULES.map((r) => r.key).sort());
    for (const r of SHIPPED_RULES) expect(en[r.key]).toEqual({ name: r.name, description: r.description });
  });
});
