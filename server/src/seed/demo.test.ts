import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { queryRows } from '../platform/db.ts';
import { DEMO_PASSWORD, DEMO_SIGN_IN_EMAIL, DEMO_TICKET_COUNT, type DemoSummary, seedDemo } from './demo.ts';
import { type ShowcaseState, SLA_SHOWCASE } from './demo-sla.ts';

let t: TestApp;
let summary: DemoSummary;

// Seeding takes about 10–40 s on this machine; the margin is for a busy CI runner.
let seedSeconds = 0;
beforeAll(async () => {
  t = await createTestApp();
  const started = performance.now();
  summary = await seedDemo(t.database, t.clock, { ifEmpty: true });
  seedSeconds = (performance.now() - started) / 1000;
}, 180_000);
afterAll(async () => t?.close());

const get = async (url: string) => {
  const res = await t.as(t.admin, { method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const withFilter = (condition: unknown): string =>
  `/api/v1/tickets?limit=100&filter=${encodeURIComponent(JSON.stringify(condition))}`;

describe('the demo data set', () => {
  it('holds the promised number of tickets, with the team, customers and products they refer to', async () => {
    expect(summary).toMatchObject({
      tickets: DEMO_TICKET_COUNT,
      agents: 13,
      organizations: 40,
      products: 11,
    });
    expect(summary.contacts).toBeGreaterThanOrEqual(140);
    expect(summary.groups).toBeGreaterThanOrEqual(8);
    expect(summary.merged).toBeGreaterThanOrEqual(2);
    expect(summary.voided).toBeGreaterThanOrEqual(2);
    expect((await get('/api/v1/tickets/count')).count).toBe(DEMO_TICKET_COUNT);
  });

  it.each([
    ['English', 'printer'],
    ['Simplified Chinese', '打印机'],
    ['Traditional Chinese', '印表機'],
    ['Russian', 'принтер'],
    ['French', 'garantie'],
  ])('has %s tickets that a subject filter finds', async (_language, word) => {
    const page = await get(withFilter({ field: 'subject', op: 'contains', value: word }));
    expect(page.items.length).toBeGreaterThan(0);
    for (const ticket of page.items) expect(ticket.subject.toLowerCase()).toContain(word);
  });

  it('spreads tickets over the last ninety days and across the whole lifecycle', async () => {
    const now = t.clock.now().getTime();
    const statuses = new Set<string>();
    const channels = new Set<string>();
    let oldest = now;
    let cursor: string | null = null;
    do {
      const page: {
        items: Array<{ status: string; channel: string; createdAt: string; updatedAt: string }>;
        nextCursor: string | null;
      } = await get(`/api/v1/tickets?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      for (const ticket of page.items) {
        statuses.add(ticket.status);
        channels.add(ticket.channel);
        oldest = Math.min(oldest, Date.parse(ticket.createdAt));
        expect(Date.parse(ticket.updatedAt)).toBeLessThanOrEqual(now);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect([...statuses].sort()).toEqual([
      'closed',
      'in_progress',
      'new',
      'open',
      'resolved',
      'waiting_customer',
      'waiting_third_party',
    ]);
    expect(channels.size).toBeGreaterThanOrEqual(5);
    expect((now - oldest) / 86_400_000).toBeGreaterThan(60);
  });

  it('gives a resolved ticket a conversation of customer messages, replies and its history', async () => {
    const page = await get(withFilter({ field: 'status', op: 'in', value: ['resolved', 'closed'] }));
    const ticket = page.items[0];
    const timeline = await get(`/api/v1/tickets/${ticket.id}/timeline?limit=100`);
    const kinds = JSON.stringify(timeline.items);
    expect(kinds).toContain('"customer"');
    expect(kinds).toContain('"reply"');
    const history = await get(`/api/v1/tickets/${ticket.id}/history?limit=100`);
    expect(history.items.length).toBeGreaterThanOrEqual(3);
  });

  it('gives every ticket its SLA state from its own history: policy, first reply, stops', async () => {
    expect(summary).toMatchObject({ calendars: 5, policies: 6, slaRows: DEMO_TICKET_COUNT });
    // Macros: four shared, and one of Sarah's own.
    expect(summary.macros).toBe(5);
    const macroKinds = await queryRows<{ shared: boolean; n: number }>(
      t.database.db,
      sql`SELECT shared, count(*)::int AS n FROM macros GROUP BY shared ORDER BY shared`,
    );
    expect(macroKinds).toEqual([
      { shared: false, n: 1 },
      { shared: true, n: 4 },
    ]);
    process.stdout.write(`demo seed: ${seedSeconds.toFixed(1)} s\n`);
    // Checked against the conversation itself, not the code that built the rows.
    const mismatches = await queryRows<{ number: string; why: string }>(
      t.database.db,
      sql`SELECT t.number,
                 CASE WHEN s.ticket_id IS NULL THEN 'no SLA row'
                      WHEN s.policy_id IS NULL THEN 'no policy'
                      WHEN s.first_response_at IS DISTINCT FROM r.first_reply THEN 'first response is not the first reply'
                      WHEN (s.paused_since IS NOT NULL) <> (t.status_category IN ('pending', 'resolved', 'closed'))
                        THEN 'stopped clocks do not match the status'
                      WHEN (s.resolved_at IS NOT NULL) <> (t.status_category IN ('resolved', 'closed'))
                        THEN 'resolution does not match the status'
                 END AS why
            FROM tickets t
            LEFT JOIN ticket_sla s ON s.ticket_id = t.id
            LEFT JOIN LATERAL (
              SELECT date_trunc('second', min(m.created_at)) AS first_reply FROM ticket_messages m
               WHERE m.ticket_id = t.id AND m.kind = 'reply' AND m.moved_from_ticket_id IS NULL
            ) r ON true`,
    );
    // The clocks count whole seconds.
    expect(mismatches.filter((m) => m.why !== null).slice(0, 5)).toEqual([]);
    expect(mismatches).toHaveLength(DEMO_TICKET_COUNT);
    const policies = await queryRows<{ name: string }>(
      t.database.db,
      sql`SELECT DISTINCT p.name FROM ticket_sla s JOIN sla_policies p ON p.id = s.policy_id ORDER BY p.name`,
    );
    expect(policies.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'Americas desk',
        'CIS desk',
        'China desk',
        'France desk',
        'Key accounts (24×7)',
      ]),
    );
  });

  it('has tickets in every SLA state, the first response met by the first reply', async () => {
    const now = t.clock.now().getTime();
    type Clock = {
      metric: string;
      status: string;
      breached: boolean;
      dueAt: string | null;
      metAt: string | null;
    };
    const seen = new Set<ShowcaseState>();
    for (const show of SLA_SHOWCASE) {
      const page = await get(withFilter({ field: 'subject', op: 'eq', value: show.subject }));
      expect(page.items, show.subject).toHaveLength(1);
      const ticket = page.items[0];
      const sla: { policy: { name: string } | null; paused: boolean; clocks: Clock[] } = await get(
        `/api/v1/tickets/${ticket.id}/sla`,
      );
      expect(sla.policy?.name).toBe('Key accounts (24×7)');
      const first = sla.clocks.find((c) => c.metric === 'firstResponse')!;
      const created = Date.parse(ticket.createdAt);
      switch (show.state) {
        case 'running':
          expect(first).toMatchObject({ status: 'running', breached: false });
          expect(Date.parse(first.dueAt!) - now).toBeGreaterThan(3_600_000);
          break;
        case 'dueSoon':
          expect(first).toMatchObject({ status: 'running', breached: false });
          expect(Date.parse(first.dueAt!) - now).toBeLessThan(3_600_000);
          break;
        case 'breached':
          expect(first).toMatchObject({ status: 'breached', breached: true, metAt: null });
          break;
        case 'paused':
          expect(sla.paused).toBe(true);
          expect(sla.clocks.find((c) => c.metric === 'resolution')?.status).toBe('paused');
          break;
        case 'met':
          // Replied 70 minutes after creation against a 4 h target, then more replies: met in time.
          expect(first).toMatchObject({ status: 'met', breached: false });
          expect(Date.parse(first.metAt!) - created).toBe(70 * 60_000);
          break;
        case 'metLate':
          expect(first).toMatchObject({ status: 'breached', breached: true });
          expect(first.metAt).not.toBeNull();
          break;
      }
      seen.add(show.state);
    }
    expect(seen.size).toBe(6);
    const open = { field: 'isOpen', op: 'eq', value: true };
    const count = async (condition: unknown) =>
      (await get(`/api/v1/tickets/count?filter=${encodeURIComponent(JSON.stringify(condition))}`)).count;
    expect(await count({ all: [open, { field: 'sla.breached', op: 'eq', value: true }] })).toBeGreaterThan(0);
    expect(await count({ all: [open, { field: 'sla.paused', op: 'eq', value: true }] })).toBeGreaterThan(0);
    const inAnHour = new Date(now + 3_600_000).toISOString();
    expect(
      await count({
        all: [
          open,
          { field: 'sla.nextDueAt', op: 'gte', value: new Date(now).toISOString() },
          { field: 'sla.nextDueAt', op: 'lte', value: inAnHour },
        ],
      }),
    ).toBeGreaterThan(0);
  });

  it('lets a demo agent sign in with the demo password', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: DEMO_SIGN_IN_EMAIL, password: DEMO_PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().agent.email).toBe(DEMO_SIGN_IN_EMAIL);
  });

  it('shows who sees what: the demo sign-in sees part of the help desk, why, and a related team', async () => {
    const session = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: DEMO_SIGN_IN_EMAIL, password: DEMO_PASSWORD },
    });
    const sarah = session.json().agent as { id: string };
    const cookie = session.headers['set-cookie'];
    const asSarah = async (url: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url,
          headers: { cookie: Array.isArray(cookie) ? cookie : [cookie!] },
        })
      ).json();
    const hers = (await asSarah('/api/v1/tickets/count')).count as number;
    expect(hers).toBeGreaterThan(20);
    expect(hers).toBeLessThan(DEMO_TICKET_COUNT - 20);
    expect(summary.teamMembers).toBeGreaterThan(0);
    // A ticket she sees only through the related team or a sharing rule, explained as such.
    const [shared] = await queryRows<{ id: string }>(
      t.database.db,
      sql`SELECT ticket_id AS id FROM ticket_team WHERE agent_id = ${sarah.id} LIMIT 1`,
    );
    expect(shared).toBeDefined();
    const why = await get(`/api/v1/access/explain?agentId=${sarah.id}&ticketId=${shared!.id}`);
    expect(why.visible).toBe(true);
    expect(why.reasons.map((r: { kind: string }) => r.kind)).toContain('team_member');
    const [rules] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM sharing_rules`,
    );
    expect(rules!.n).toBe(3);
  });

  it('shows automation at work: shipped and own rules on, fresh requests routed and logged', async () => {
    expect(summary).toMatchObject({ rules: 3, webhooks: 1 });
    const rules = (await get('/api/v1/rules')).items as Array<{
      name: string;
      active: boolean;
      shippedKey: string | null;
    }>;
    expect(rules.filter((r) => r.shippedKey).length).toBe(6);
    expect(rules.filter((r) => r.active).length).toBe(6);
    const [warranty] = await queryRows<{ type: string; group: string; tags: string[] }>(
      t.database.db,
      sql`SELECT t.type, g.name AS group, t.tags FROM tickets t JOIN groups g ON g.id = t.owner_group_id
           WHERE t.subject = '我的保修卡丢了，还能保修吗？'`,
    );
    expect(warranty).toEqual({ type: 'warranty', group: 'Warranty & repairs', tags: ['warranty'] });
    const runs = (await get('/api/v1/rules/runs?matched=true')).items as Array<{ ticketId: string }>;
    expect(runs.length).toBeGreaterThanOrEqual(4);
  });

  it('adds nothing when seeded again on a help desk that has tickets', async () => {
    const again = await seedDemo(t.database, t.clock, { ifEmpty: true });
    expect(again.tickets).toBe(0);
    expect(again.agents).toBe(0);
    expect((await get('/api/v1/tickets/count')).count).toBe(DEMO_TICKET_COUNT);
  });
});
