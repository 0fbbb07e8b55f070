// Dry run (W5): a rule tried on recent tickets writes nothing, pages with progress, and predicts
// exactly what the live rule then does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestAgent, type TestApp } from '../../../test/app.ts';
import { scanRuleTimers } from './timers.ts';

let t: TestApp;
let group: string;

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, who?: TestAgent) =>
  // biome-ignore lint/suspicious/noExplicitAny: the tests read the answers freely
  t.call<any>(method, url, payload, who);

async function ticket(
  subject: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; number: string }> {
  const res = await api('POST', '/api/v1/tickets', { subject, ...extra });
  expect(res.status).toBe(201);
  return res.body;
}

interface Match {
  ticketId: string;
  changes: Array<{ field: string; from: unknown; to: unknown }>;
  effects: Array<Record<string, unknown>>;
  firesAt?: string | null;
}

beforeAll(async () => {
  t = await createTestApp({ start: '2026-05-04T08:00:00Z' });
  group = (await api('POST', '/api/v1/groups', { name: 'Warranty desk' })).body.id;
});
afterAll(async () => t?.close());

describe('dry run', () => {
  it('shows which tickets a rule being edited would match and what it would change, writing nothing', async () => {
    const hit = await ticket('保修卡丢了', { tags: ['vip'] });
    const miss = await ticket('Invoice address');
    const res = await api('POST', '/api/v1/rules/dry-run', {
      rule: {
        name: 'Warranty',
        trigger: { type: 'created' },
        condition: { field: 'subject', op: 'contains_any', value: ['保修'] },
        actions: [
          { type: 'assign', groupId: group },
          { type: 'add_tags', tags: ['warranty'] },
          { type: 'add_note', body: 'Routed {{ticket.number}}' },
        ],
      },
      days: 7,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.total).toBeGreaterThanOrEqual(2);
    const matches = res.body.matches as Match[];
    expect(matches.map((m) => m.ticketId)).toContain(hit.id);
    expect(matches.map((m) => m.ticketId)).not.toContain(miss.id);
    const mine = matches.find((m) => m.ticketId === hit.id)!;
    expect(mine.changes).toEqual([
      { field: 'ownerGroupId', from: null, to: group },
      { field: 'tags', from: ['vip'], to: ['vip', 'warranty'] },
    ]);
    expect(mine.effects).toEqual([{ type: 'note', body: `Routed ${hit.number}` }]);
    // Nothing written: the ticket is as it was, no run logged, no rule stored.
    expect((await api('GET', `/api/v1/tickets/${hit.id}`)).body).toMatchObject({
      ownerGroupId: null,
      tags: ['vip'],
    });
    expect((await api('GET', '/api/v1/rules/runs')).body.items).toEqual([]);
    expect((await api('GET', '/api/v1/rules')).body.items).toEqual([]);
  });

  it('pages through the range with progress', async () => {
    for (let i = 0; i < 5; i++) await ticket(`Paged ${i}`);
    const rule = {
      name: 'All',
      trigger: { type: 'created' },
      actions: [{ type: 'add_tags', tags: ['seen'] }],
    };
    const all = await api('POST', '/api/v1/rules/dry-run', { rule, days: 7, limit: 200 });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api('POST', '/api/v1/rules/dry-run', {
        rule,
        days: 7,
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.status).toBe(200);
      pages += 1;
      seen.push(...page.body.matches.map((m: Match) => m.ticketId));
      expect(page.body.scanned).toBe(Math.min(pages * 2, all.body.total));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor && pages < 20);
    expect(seen).toEqual(all.body.matches.map((m: Match) => m.ticketId));
    expect(seen).toHaveLength(all.body.total);
  });

  it('predicts exactly what a time-based rule then does, with when it fires', async () => {
    t.clock.set('2026-05-05T08:00:00Z');
    const urgent = await ticket('Server room hot', { priority: 'urgent' });
    const calm = await ticket('Question about pricing', { priority: 'low' });
    const saved = await api('POST', '/api/v1/rules', {
      name: 'Urgent and untouched for an hour',
      trigger: { type: 'time', after: 'updated', amount: 1, unit: 'hours' },
      condition: { field: 'priority', op: 'eq', value: 'urgent' },
      actions: [
        { type: 'add_tags', tags: ['stale-urgent'] },
        { type: 'set_field', field: 'status', value: 'in_progress' },
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    t.clock.set('2026-05-05T09:30:00Z');
    const dry = await api('POST', '/api/v1/rules/dry-run', { ruleId: saved.body.id, days: 1 });
    const predicted = (dry.body.matches as Match[]).filter(
      (m) => m.firesAt && m.firesAt <= t.clock.now().toISOString(),
    );
    expect(predicted.map((m) => m.ticketId)).toEqual([urgent.id]);
    expect(predicted[0]!.firesAt).toBe('2026-05-05T09:00:00.000Z');
    expect((dry.body.matches as Match[]).map((m) => m.ticketId)).not.toContain(calm.id);

    await api('PATCH', `/api/v1/rules/${saved.body.id}`, { version: saved.body.version, active: true });
    await scanRuleTimers({
      db: t.database.db,
      clock: t.clock,
      cache: t.services.rulesCache,
      hooks: t.services.ticketHooks,
    });
    for (const m of predicted) {
      const now = (await api('GET', `/api/v1/tickets/${m.ticketId}`)).body;
      for (const c of m.changes) expect([c.field, now[c.field]]).toEqual([c.field, c.to]);
    }
    const runs = (await api('GET', `/api/v1/rules/runs?ruleId=${saved.body.id}`)).body.items;
    expect(runs.map((r: { ticketId: string }) => r.ticketId)).toEqual(predicted.map((m) => m.ticketId));
  });

  it('refuses a request without a rule, a bad rule (naming its path), and agents who are not administrators', async () => {
    const none = await api('POST', '/api/v1/rules/dry-run', { days: 7 });
    expect(none.status).toBe(400);
    expect(none.body.errors.map((e: { field: string }) => e.field)).toContain('body/ruleId');
    const bad = await api('POST', '/api/v1/rules/dry-run', {
      rule: { trigger: { type: 'created' }, actions: [{ type: 'add_tags' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('body/rule/actions/0/tags');
    const agent = await api(
      'POST',
      '/api/v1/rules/dry-run',
      { rule: { trigger: { type: 'created' }, actions: [{ type: 'stop' }] } },
      t.agent,
    );
    expect(agent.status).toBe(403);
  });
});
