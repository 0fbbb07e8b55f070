// Workflow and routing rules through the API, with the injected clock, on both engines: the seeds'
// examples (a Chinese keyword routes to the warranty group), order and stop, loop protection,
// all-or-nothing actions, the run log, notifications after commit, and bad input.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { queryRows } from '../../platform/db.ts';
import { SHIPPED } from '../directory/index.ts';
import { scanSlaTimers } from '../sla/index.ts';

let t: TestApp;
let warrantyGroup: string;
let replacementGroup: string;

const api: TestApp['call'] = (...args) => t.call(...args);

async function rule(body: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const res = await api<{ id: string; version: number }>('POST', '/api/v1/rules', { active: true, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function createTicket(payload: Record<string, unknown>) {
  const res = await api<Record<string, unknown> & { id: string; version: number }>(
    'POST',
    '/api/v1/tickets',
    payload,
    t.agent,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (
    await api<Record<string, unknown> & { id: string; version: number; tags: string[] }>(
      'GET',
      `/api/v1/tickets/${res.body.id}`,
    )
  ).body;
}

beforeAll(async () => {
  t = await createTestApp();
  warrantyGroup = (await api<{ id: string }>('POST', '/api/v1/groups', { name: 'Warranty' })).body.id;
  replacementGroup = (await api<{ id: string }>('POST', '/api/v1/groups', { name: 'Replacements' })).body.id;
});
afterAll(async () => t?.close());

beforeEach(async () => {
  // Each test starts with no rules.
  const { body } = await api<{ items: Array<{ id: string }> }>('GET', '/api/v1/rules');
  for (const r of body.items) await api('DELETE', `/api/v1/rules/${r.id}`);
});

describe('routing rules on created', () => {
  it('routes a ticket whose title says 保修 to the warranty group as a Warranty case (Vtiger)', async () => {
    const r = await rule({
      name: '保修 → warranty team',
      trigger: { type: 'created' },
      condition: { field: 'subject', op: 'contains_any', value: ['保修', 'warranty'] },
      actions: [
        { type: 'assign', groupId: warrantyGroup },
        { type: 'set_field', field: 'type', value: 'warranty' },
        { type: 'add_tags', tags: ['warranty'] },
      ],
    });
    const routed = await createTicket({ subject: '我的保修卡丢了' });
    expect(routed).toMatchObject({ ownerGroupId: warrantyGroup, type: 'warranty', tags: ['warranty'] });
    const other = await createTicket({ subject: '发票抬头写错了' });
    expect(other).toMatchObject({ ownerGroupId: null, type: null, tags: [] });

    // The change is the rule's, in the timeline.
    const timeline = (
      await api<{ items: Array<Record<string, unknown>> }>('GET', `/api/v1/tickets/${routed.id}/timeline`)
    ).body.items;
    const events = timeline.filter((i) => i.type === 'event') as Array<{
      event: { kind: string; actorName: string; data: Record<string, unknown> };
    }>;
    expect(
      events.some((e) => e.event.kind === 'rule_applied' && e.event.data.ruleName === '保修 → warranty team'),
    ).toBe(true);
    expect(
      events.some((e) => e.event.kind !== 'rule_applied' && e.event.actorName === '保修 → warranty team'),
    ).toBe(true);

    // Both runs are logged: matched and not.
    const runs = (
      await api<{ items: Array<{ ticketId: string; matched: boolean; trigger: string }> }>(
        'GET',
        `/api/v1/rules/runs?ruleId=${r.id}`,
      )
    ).body.items;
    expect(runs.map((x) => [x.ticketId, x.matched, x.trigger]).sort()).toEqual(
      [
        [routed.id, true, 'created'],
        [other.id, false, 'created'],
      ].sort(),
    );
    const listed = (
      await api<{
        items: Array<{
          id: string;
          lastMatchedAt: string | null;
          lastRun: { at: string; matched: boolean } | null;
        }>;
      }>('GET', '/api/v1/rules')
    ).body.items;
    expect(listed.find((x) => x.id === r.id)?.lastMatchedAt).toBe(t.clock.now().toISOString());
    // The latest run is the other ticket's, which it did not match.
    expect(listed.find((x) => x.id === r.id)?.lastRun).toEqual({
      at: t.clock.now().toISOString(),
      matched: false,
    });
    expect((await api<{ lastRun: unknown }>('GET', `/api/v1/rules/${r.id}`)).body.lastRun).toEqual({
      at: t.clock.now().toISOString(),
      matched: false,
    });
  });

  it('sets priority high and assigns the replacement team when the description mentions 手机 (Zoho Desk)', async () => {
    await rule({
      name: '手机 → replacements',
      trigger: { type: 'created' },
      condition: { field: 'description', op: 'contains_any', value: ['手机'] },
      actions: [
        { type: 'set_field', field: 'priority', value: 'high' },
        { type: 'assign', groupId: replacementGroup },
      ],
    });
    const ticket = await createTicket({
      subject: '屏幕碎了',
      description: '我的手机屏幕摔碎了，可以换一台吗？',
    });
    expect(ticket).toMatchObject({ priority: 'high', ownerGroupId: replacementGroup });
  });

  it('does not run a switched-off rule, nor a rule of another department', async () => {
    const dept = (await api<{ id: string }>('POST', '/api/v1/departments', { name: 'Hardware desk' })).body
      .id;
    await rule({
      name: 'Off',
      active: false,
      trigger: { type: 'created' },
      actions: [{ type: 'add_tags', tags: ['off'] }],
    });
    await rule({
      name: 'Hardware only',
      departmentId: dept,
      trigger: { type: 'created' },
      actions: [{ type: 'add_tags', tags: ['hw'] }],
    });
    expect((await createTicket({ subject: 'Plain' })).tags).toEqual([]);
    expect((await createTicket({ subject: 'Hardware', departmentId: dept })).tags).toEqual(['hw']);
  });
});

describe('routing a new ticket before it is written', () => {
  async function runsOf(ruleId: string) {
    return (
      await api<{
        items: Array<{ ticketId: string; matched: boolean; error: string | null; actions: unknown[] }>;
      }>('GET', `/api/v1/rules/runs?ruleId=${ruleId}`)
    ).body.items;
  }

  it('answers the create with the routed ticket, and its history says what the rule did', async () => {
    await rule({
      name: 'Warranty words',
      trigger: { type: 'created' },
      condition: { field: 'subject', op: 'contains', value: 'garantie' },
      actions: [
        { type: 'assign', groupId: warrantyGroup },
        { type: 'set_field', field: 'priority', value: 'high' },
      ],
    });
    const res = await api<Record<string, unknown> & { id: string }>(
      'POST',
      '/api/v1/tickets',
      { subject: 'Ma garantie a expiré ?' },
      t.agent,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ownerGroupId: warrantyGroup, priority: 'high', version: 1 });
    const events = (
      await api<{
        items: Array<{ type: string; event?: { kind: string; actorName: string; changes: unknown[] } }>;
      }>('GET', `/api/v1/tickets/${res.body.id}/timeline`)
    ).body.items.flatMap((i) => (i.event ? [i.event] : []));
    // Created as asked for, by the agent; then the rule's change, under its name.
    const created = events.find((e) => e.kind === 'created')!;
    expect(created.actorName).not.toBe('Warranty words');
    expect(created.changes).toContainEqual({ field: 'priority', from: null, to: 'normal' });
    expect(events.find((e) => e.kind === 'updated')).toMatchObject({
      actorName: 'Warranty words',
      changes: expect.arrayContaining([
        { field: 'priority', from: 'normal', to: 'high' },
        { field: 'ownerGroupId', from: null, to: warrantyGroup },
      ]),
    });
  });

  it('runs rules that add a note or a team member in their place among the others, each once', async () => {
    const colleague = await t.newAgent({ name: 'Triage colleague' });
    const first = await rule({
      name: 'First: tag',
      trigger: { type: 'created' },
      actions: [{ type: 'add_tags', tags: ['first'] }],
    });
    const second = await rule({
      name: 'Second: note',
      trigger: { type: 'created' },
      condition: { field: 'tags', op: 'has', value: 'first' },
      actions: [
        { type: 'add_note', body: 'Tags so far seen by {{rule.name}}' },
        { type: 'add_team_member', agentId: colleague.id, access: 'read' },
      ],
    });
    const third = await rule({
      name: 'Third: tag',
      trigger: { type: 'created' },
      condition: { field: 'tags', op: 'has', value: 'first' },
      actions: [{ type: 'add_tags', tags: ['third'] }],
    });
    const ticket = await createTicket({ subject: 'Mixed rules' });
    expect(ticket.tags).toEqual(['first', 'third']);
    const items = (
      await api<{ items: Array<{ type: string; message?: { body: string } }> }>(
        'GET',
        `/api/v1/tickets/${ticket.id}/timeline`,
      )
    ).body.items;
    expect(items.filter((i) => i.type === 'message').map((i) => i.message!.body)).toEqual([
      'Tags so far seen by Second: note',
    ]);
    for (const r of [first, second, third])
      expect(await runsOf(r.id)).toMatchObject([{ matched: true, error: null }]);
  });

  it('logs a rule whose target was deactivated as failed, changes nothing of it, and goes on', async () => {
    const leaving = await t.newAgent({ name: 'Leaving soon' });
    const failing = await rule({
      name: 'Give to Leaving',
      trigger: { type: 'created' },
      actions: [
        { type: 'add_tags', tags: ['not-kept'] },
        { type: 'assign', agentId: leaving.id },
      ],
    });
    const next = await rule({
      name: 'Then tag',
      trigger: { type: 'created' },
      actions: [{ type: 'add_tags', tags: ['kept'] }],
    });
    await api('PATCH', `/api/v1/agents/${leaving.id}`, { active: false });
    const ticket = await createTicket({ subject: 'Owner gone' });
    expect(ticket).toMatchObject({ tags: ['kept'], ownerAgentId: null });
    const [run] = await runsOf(failing.id);
    expect(run).toMatchObject({ matched: true, actions: [] });
    expect(run!.error).toMatch(/ownerAgentId/);
    expect(await runsOf(next.id)).toMatchObject([{ matched: true, error: null }]);
  });

  it('stops at a matched rule with stop, even before a rule that would add a note', async () => {
    await rule({
      name: 'Stop here',
      trigger: { type: 'created' },
      actions: [{ type: 'add_tags', tags: ['stopped'] }, { type: 'stop' }],
    });
    const after = await rule({
      name: 'Never',
      trigger: { type: 'created' },
      actions: [{ type: 'add_note', body: 'should not appear' }],
    });
    const ticket = await createTicket({ subject: 'Stop test' });
    expect(ticket.tags).toEqual(['stopped']);
    expect(await runsOf(after.id)).toEqual([]);
  });

  it('does not fire rules on updates for the changes routing makes to a new ticket', async () => {
    await rule({
      name: 'Route',
      trigger: { type: 'created' },
      actions: [{ type: 'assign', groupId: replacementGroup }],
    });
    const onUpdate = await rule({
      name: 'On group change',
      trigger: { type: 'field_changed', fields: ['ownerGroupId'] },
      actions: [{ type: 'add_tags', tags: ['moved'] }],
    });
    const ticket = await createTicket({ subject: 'Fresh' });
    expect(ticket).toMatchObject({ ownerGroupId: replacementGroup, tags: [] });
    expect(await runsOf(onUpdate.id)).toEqual([]);
    // A later change of group is an update.
    const moved = await api(
      'PATCH',
      `/api/v1/tickets/${ticket.id}`,
      { version: ticket.version, ownerGroupId: warrantyGroup },
      t.agent,
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await api<{ tags: string[] }>('GET', `/api/v1/tickets/${ticket.id}`)).body.tags).toEqual([
      'moved',
    ]);
  });

  it('reads the organization’s tier through the contact, and the contact’s VIP flag', async () => {
    const org = (await api<{ id: string }>('POST', '/api/v1/organizations', { name: 'Big Co', tier: 'vip' }))
      .body;
    const boss = await api<{ id: string }>('POST', '/api/v1/contacts', {
      name: 'Директор',
      emails: ['director@bigco.example'],
      organizationId: org.id,
      vip: true,
    });
    const plain = await api<{ id: string }>('POST', '/api/v1/contacts', {
      name: 'Client',
      emails: ['client@small.example'],
    });
    expect([boss.status, plain.status]).toEqual([201, 201]);
    await rule({
      name: 'VIP tier → high',
      trigger: { type: 'created' },
      condition: {
        all: [
          { field: 'organization.tier', op: 'eq', value: 'vip' },
          { field: 'contact.vip', op: 'eq', value: true },
        ],
      },
      actions: [{ type: 'set_field', field: 'priority', value: 'high' }],
    });
    expect((await createTicket({ subject: 'Счёт', contactId: boss.body.id })).priority).toBe('high');
    expect((await createTicket({ subject: 'Счёт', contactId: plain.body.id })).priority).toBe('normal');
    expect((await createTicket({ subject: 'Счёт' })).priority).toBe('normal');
  });
});

describe('order, stop and loops', () => {
  it('runs rules in order, stops after a rule with stop, and follows a new order', async () => {
    const a = await rule({
      name: 'A',
      trigger: { type: 'created' },
      actions: [{ type: 'add_tags', tags: ['a'] }, { type: 'stop' }],
    });
    const b = await rule({
      name: 'B',
      trigger: { type: 'created' },
      actions: [{ type: 'add_tags', tags: ['b'] }],
    });
    expect((await createTicket({ subject: 'First order' })).tags).toEqual(['a']);
    const order = await api<{ items: Array<{ id: string }> }>('PUT', '/api/v1/rules/order', {
      ids: [b.id, a.id],
    });
    expect(order.body.items.map((r) => r.id)).toEqual([b.id, a.id]);
    expect((await createTicket({ subject: 'Second order' })).tags.sort()).toEqual(['a', 'b']);
    const bad = await api<{ errors: Array<{ field: string }> }>('PUT', '/api/v1/rules/order', {
      ids: [a.id],
    });
    expect(bad.status).toBe(400);
  });

  it('lets each rule act once along a chain of changes it caused: two rules that undo each other stop', async () => {
    const up = await rule({
      name: 'High → urgent',
      trigger: { type: 'field_changed', fields: ['priority'] },
      condition: { field: 'priority', op: 'changed_to', value: 'high' },
      actions: [{ type: 'set_field', field: 'priority', value: 'urgent' }],
    });
    const down = await rule({
      name: 'Urgent → high',
      trigger: { type: 'updated' },
      condition: { field: 'priority', op: 'eq', value: 'urgent' },
      actions: [{ type: 'set_field', field: 'priority', value: 'high' }],
    });
    const ticket = await createTicket({ subject: 'Ping-pong' });
    const res = await api<{ priority: string }>(
      'PATCH',
      `/api/v1/tickets/${ticket.id}`,
      { version: ticket.version, priority: 'high' },
      t.agent,
    );
    expect(res.status).toBe(200);
    const now = (await api<{ priority: string }>('GET', `/api/v1/tickets/${ticket.id}`)).body;
    expect(now.priority).toBe('high');
    for (const r of [up, down]) {
      const runs = (
        await api<{ items: Array<{ matched: boolean }> }>(
          'GET',
          `/api/v1/rules/runs?ruleId=${r.id}&matched=true`,
        )
      ).body.items;
      expect(runs).toHaveLength(1);
    }
  });
});

describe('actions apply together or not at all', () => {
  it('applies none of a rule whose action fails, logs the error, and still creates the ticket', async () => {
    const leaving = await t.newAgent({ name: 'Leaving Agent' });
    const r = await rule({
      name: 'Tag and give to Leaving',
      trigger: { type: 'created' },
      actions: [
        { type: 'add_tags', tags: ['should-not-stay'] },
        { type: 'add_note', body: 'Routed {{ticket.number}}' },
        { type: 'assign', agentId: leaving.id },
      ],
    });
    await api('PATCH', `/api/v1/agents/${leaving.id}`, { active: false });
    const ticket = await createTicket({ subject: 'Nobody to take it' });
    expect(ticket).toMatchObject({ tags: [], ownerAgentId: null });
    const messages = (
      await api<{ items: Array<{ type: string }> }>('GET', `/api/v1/tickets/${ticket.id}/timeline`)
    ).body.items;
    expect(messages.filter((i) => i.type === 'message')).toHaveLength(0);
    const runs = (
      await api<{ items: Array<{ matched: boolean; error: string | null; actions: unknown[] }> }>(
        'GET',
        `/api/v1/rules/runs?ruleId=${r.id}`,
      )
    ).body.items;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ matched: true, actions: [] });
    expect(runs[0]!.error).toBeTruthy();
  });

  it('adds an internal note from a template, and a team member', async () => {
    const colleague = await t.newAgent({ name: 'Colleague' });
    await rule({
      name: 'Welcome note',
      trigger: { type: 'created' },
      actions: [
        {
          type: 'add_note',
          body: 'Auto-triage for {{ticket.number}} ({{ticket.priority}}) by {{rule.name}}',
        },
        { type: 'add_team_member', agentId: colleague.id, access: 'read' },
      ],
    });
    const ticket = await createTicket({ subject: 'Needs a note' });
    const items = (
      await api<{ items: Array<{ type: string; message?: { body: string; kind: string } }> }>(
        'GET',
        `/api/v1/tickets/${ticket.id}/timeline`,
      )
    ).body.items;
    const note = items.find((i) => i.type === 'message')?.message;
    expect(note).toMatchObject({
      kind: 'note',
      body: `Auto-triage for ${ticket.number} (normal) by Welcome note`,
    });
    expect((await api('GET', `/api/v1/tickets/${ticket.id}`, undefined, colleague)).status).toBe(200);
  });
});

describe('notifications a rule asks for', () => {
  it('tells the owner’s supervisor (their manager in the role tree) after commit', async () => {
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
    const boss = await t.newAgent({ name: 'Boss', roleId: lead.body.id });
    const worker = await t.newAgent({ name: 'Worker', roleId: staff.body.id });
    await rule({
      name: 'VIP alert',
      trigger: { type: 'note_added' },
      condition: { field: 'priority', op: 'eq', value: 'urgent' },
      actions: [{ type: 'notify', recipient: 'supervisor' }],
    });
    const ticket = await createTicket({ subject: 'VIP down', priority: 'urgent', ownerAgentId: worker.id });
    await api('POST', `/api/v1/tickets/${ticket.id}/messages`, { kind: 'note', body: 'Looking' }, t.agent);
    await t.runOutbox();
    const got = (
      await api<{ items: Array<{ kind: string; ticketId: string; data: Record<string, unknown> }> }>(
        'GET',
        '/api/v1/me/notifications',
        undefined,
        boss,
      )
    ).body.items;
    expect(got.filter((n) => n.ticketId === ticket.id).map((n) => [n.kind, n.data.ruleName])).toEqual([
      ['rule_notice', 'VIP alert'],
    ]);
  });
});

describe('rules on SLA events', () => {
  it('runs a rule when the SLA timers record a breach, in the timer’s transaction', async () => {
    const calendars = (
      await api<{ items: Array<{ id: string; builtIn: boolean }> }>('GET', '/api/v1/sla/calendars')
    ).body.items;
    const always = calendars.find((c) => c.builtIn)!.id;
    const policy = await api<{ id: string }>('POST', '/api/v1/sla/policies', {
      name: 'Urgent, round the clock',
      condition: { field: 'priority', op: 'eq', value: 'urgent' },
      targets: { urgent: { firstResponse: { minutes: 30, calendarId: always } } },
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    await rule({
      name: 'Breached → escalate',
      trigger: { type: 'sla_breached' },
      actions: [
        { type: 'add_tags', tags: ['breached'] },
        { type: 'assign', groupId: replacementGroup },
      ],
    });
    const ticket = await createTicket({ subject: 'Line down', priority: 'urgent' });
    t.clock.advance(31 * 60_000);
    await scanSlaTimers({
      db: t.database.db,
      clock: t.clock,
      config: t.services.slaConfig,
      hooks: t.services.ticketHooks,
    });
    const after = (await api<{ tags: string[]; ownerGroupId: string }>('GET', `/api/v1/tickets/${ticket.id}`))
      .body;
    expect(after).toMatchObject({ tags: ['breached'], ownerGroupId: replacementGroup });
    await api('DELETE', `/api/v1/sla/policies/${policy.body.id}`);
  });
});

describe('bad rules are refused, naming the path, and nothing is stored', () => {
  it.each([
    [{ trigger: { type: 'whenever' } }, 'body/trigger/type'],
    [{ trigger: { type: 'field_changed' } }, 'body/trigger/fields'],
    [{ condition: { field: 'nope', op: 'eq', value: 1 } }, 'body/condition/field'],
    [{ condition: { field: 'priority', op: 'eq', value: 7 } }, 'body/condition/value'],
    [{ condition: { field: 'access.participant', op: 'eq', value: true } }, 'body/condition/field'],
    [{ actions: [{ type: 'add_tags' }] }, 'body/actions/0/tags'],
    [{ actions: [{ type: 'set_field', field: 'priority', value: 'sky-high' }] }, 'body/actions/0/value'],
    [{ actions: [{ type: 'set_field', field: 'subject', value: 'x' }] }, 'body/actions/0/field'],
    [
      { actions: [{ type: 'assign', groupId: '00000000-0000-4000-8000-000000000000' }] },
      'body/actions/0/groupId',
    ],
    [{ actions: [{ type: 'stop' }, { type: 'add_tags', tags: ['x'] }] }, 'body/actions/0'],
    [{ actions: [{ type: 'explode' }] }, 'body/actions/0/type'],
    [{ actions: [] }, 'body/actions'],
  ])('%j → 400 at %s', async (patch, path) => {
    const body = {
      name: 'Bad',
      trigger: { type: 'created' },
      actions: [{ type: 'add_tags', tags: ['ok'] }],
      ...patch,
    };
    const res = await api<{ errors: Array<{ field: string }> }>('POST', '/api/v1/rules', body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e) => e.field)).toContain(path);
    expect((await api<{ items: unknown[] }>('GET', '/api/v1/rules')).body.items).toHaveLength(0);
  });

  it('keeps rules to administrators (403), and answers a stale edit with 409', async () => {
    const res = await api(
      'POST',
      '/api/v1/rules',
      { name: 'Mine', trigger: { type: 'created' }, actions: [{ type: 'stop' }] },
      t.agent,
    );
    expect(res.status).toBe(403);
    expect((await api('GET', '/api/v1/rules', undefined, t.agent)).status).toBe(403);
    const r = await rule({ name: 'Versioned', trigger: { type: 'created' }, actions: [{ type: 'stop' }] });
    expect((await api('PATCH', `/api/v1/rules/${r.id}`, { version: r.version, active: false })).status).toBe(
      200,
    );
    expect((await api('PATCH', `/api/v1/rules/${r.id}`, { version: r.version, name: 'Stale' })).status).toBe(
      409,
    );
  });
});

describe('the run log', () => {
  it('pages through matched runs and unmatched checks as one list, newest first', async () => {
    const tagging = await rule({
      name: 'Tag urgent',
      trigger: { type: 'created' },
      condition: { field: 'priority', op: 'eq', value: 'urgent' },
      actions: [{ type: 'add_tags', tags: ['hot'] }],
    });
    const never = await rule({
      name: 'Never matches',
      trigger: { type: 'created' },
      condition: { field: 'subject', op: 'contains', value: 'zzz-nothing' },
      actions: [{ type: 'add_tags', tags: ['never'] }],
    });
    const made: Array<Awaited<ReturnType<typeof createTicket>>> = [];
    for (const priority of ['urgent', 'normal', 'urgent', 'low'])
      made.push(await createTicket({ subject: `Run log ${priority}`, priority }));
    type Item = { id: string; ruleId: string; ticketId: string; matched: boolean };
    const all: Item[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Item[]; nextCursor: string | null } } = await api(
        'GET',
        `/api/v1/rules/runs?limit=3${cursor ? `&before=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    // No item twice; every rule checked on every ticket, once, the newest ticket first (earlier
    // tests' runs come after).
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    const ours = new Set(made.map((x) => x.id));
    expect(all.slice(0, 8).every((i) => ours.has(i.ticketId))).toBe(true);
    expect(all.filter((i) => ours.has(i.ticketId)).map((i) => i.ticketId)).toEqual(
      [...made].reverse().flatMap((x) => [x.id, x.id]),
    );
    // Within a change, what a rule did comes before the rules that did not match.
    expect(all.find((i) => i.ticketId === made[2]!.id)).toMatchObject({ ruleId: tagging.id, matched: true });
    const matched = all.filter((i) => i.matched && ours.has(i.ticketId)).map((i) => [i.ruleId, i.ticketId]);
    expect(matched).toEqual([
      [tagging.id, made[2]!.id],
      [tagging.id, made[0]!.id],
    ]);
    const unmatchedOfNever = (
      await api<{ items: Item[] }>('GET', `/api/v1/rules/runs?ruleId=${never.id}&matched=false`)
    ).body.items;
    expect(unmatchedOfNever.map((i) => i.ticketId)).toEqual([...made].reverse().map((x) => x.id));
    const onOneTicket = (await api<{ items: Item[] }>('GET', `/api/v1/rules/runs?ticketId=${made[1]!.id}`))
      .body.items;
    expect(onOneTicket.map((i) => [i.ruleId, i.matched]).sort()).toEqual(
      [
        [tagging.id, false],
        [never.id, false],
      ].sort(),
    );
  });

  it('forgets a deleted rule’s runs with it', async () => {
    const r = await rule({
      name: 'Short-lived',
      trigger: { type: 'created' },
      actions: [{ type: 'add_tags', tags: ['brief'] }],
    });
    await createTicket({ subject: 'Seen by a rule about to go' });
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          t.database.db,
          sql`SELECT count(*)::int AS n FROM rule_runs WHERE rule_id = ${r.id}`,
        )
      )[0]!.n;
    const other = await rule({
      name: 'Checked but never matching',
      trigger: { type: 'created' },
      condition: { field: 'subject', op: 'contains', value: 'zzz-nothing' },
      actions: [{ type: 'add_tags', tags: ['never'] }],
    });
    const checked = await createTicket({ subject: 'Checked by both' });
    const logOf = async (ticketId: string) =>
      (await api<{ items: Array<{ ruleId: string }> }>('GET', `/api/v1/rules/runs?ticketId=${ticketId}`)).body
        .items;
    expect((await logOf(checked.id)).map((i) => i.ruleId).sort()).toEqual([r.id, other.id].sort());
    expect(await count()).toBe(2);
    expect((await api('DELETE', `/api/v1/rules/${r.id}`)).status).toBe(204);
    expect(await count()).toBe(0);
    expect((await logOf(checked.id)).map((i) => i.ruleId)).toEqual([other.id]);
    expect((await api('DELETE', `/api/v1/rules/${other.id}`)).status).toBe(204);
    expect(await logOf(checked.id)).toEqual([]);
  });

  it('forgets runs after 30 days in the daily maintenance', async () => {
    const r = await rule({
      name: 'Tag everything',
      trigger: { type: 'created' },
      actions: [{ type: 'add_tags', tags: ['seen'] }],
    });
    const old = await createTicket({ subject: 'Old news' });
    const log = await api<{ items: Array<{ ticketId: string; ticketNumber: string }> }>(
      'GET',
      `/api/v1/rules/runs?ruleId=${r.id}`,
    );
    expect(log.body.items).toMatchObject([{ ticketId: old.id, ticketNumber: old.number }]);
    const runs = async () =>
      (await api<{ items: unknown[] }>('GET', `/api/v1/rules/runs?ruleId=${r.id}`)).body.items.length;
    expect(await runs()).toBe(1);
    t.clock.advance(29 * 86_400_000);
    await createTicket({ subject: 'Fresh news' });
    t.clock.advance(2 * 86_400_000);
    await t.runMaintenance();
    expect(await runs()).toBe(1);
  });
});
