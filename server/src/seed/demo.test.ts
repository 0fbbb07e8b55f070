import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { DEMO_PASSWORD, DEMO_SIGN_IN_EMAIL, DEMO_TICKET_COUNT, type DemoSummary, seedDemo } from './demo.ts';

let t: TestApp;
let summary: DemoSummary;

// Seeding takes about 10–20 s on this machine; the margin is for a busy CI runner.
beforeAll(async () => {
  t = await createTestApp();
  summary = await seedDemo(t.database, t.clock, { ifEmpty: true });
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

  it('lets a demo agent sign in with the demo password', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: DEMO_SIGN_IN_EMAIL, password: DEMO_PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().agent.email).toBe(DEMO_SIGN_IN_EMAIL);
  });

  it('adds nothing when seeded again on a help desk that has tickets', async () => {
    const again = await seedDemo(t.database, t.clock, { ifEmpty: true });
    expect(again.tickets).toBe(0);
    expect(again.agents).toBe(0);
    expect((await get('/api/v1/tickets/count')).count).toBe(DEMO_TICKET_COUNT);
  });
});
