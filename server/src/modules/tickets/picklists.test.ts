import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';

describe('picklists', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('ships the default statuses with their categories and labels in five languages', async () => {
    const lists = (await t.as(t.agent, { method: 'GET', url: '/api/v1/picklists' })).json();
    expect(lists.status.map((s: { key: string; category: string }) => `${s.key}:${s.category}`)).toEqual([
      'new:new',
      'open:open',
      'in_progress:open',
      'waiting_customer:pending',
      'waiting_third_party:pending',
      'resolved:resolved',
      'closed:closed',
    ]);
    expect(Object.keys(lists.priority[0].labels).sort()).toEqual(['en', 'fr', 'ru', 'zh-CN', 'zh-TW']);
  });

  it('adds a status with a category that then drives the ticket', async () => {
    const add = await t.as(t.admin, {
      method: 'POST',
      url: '/api/v1/picklists/status/values',
      payload: {
        key: 'unresolvable',
        labels: { en: 'Unresolvable', 'zh-CN': '无法解决' },
        category: 'closed',
      },
    });
    expect(add.statusCode, add.body).toBe(201);
    const ticket = (
      await t.as(t.agent, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'Cannot fix' } })
    ).json();
    const closed = (
      await t.as(t.agent, {
        method: 'PATCH',
        url: `/api/v1/tickets/${ticket.id}`,
        payload: { version: 1, status: 'unresolvable' },
      })
    ).json();
    expect(closed).toMatchObject({ status: 'unresolvable', statusCategory: 'closed' });
    expect(closed.closedAt).not.toBeNull();
    expect(
      (
        await t.as(t.agent, {
          method: 'POST',
          url: '/api/v1/picklists/status/values',
          payload: { key: 'x', labels: { en: 'X' }, category: 'open' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('reorders priorities, and sorting by priority follows the new order', async () => {
    const low = (
      await t.as(t.agent, {
        method: 'POST',
        url: '/api/v1/tickets',
        payload: { subject: 'order-low', priority: 'low', tags: ['order'] },
      })
    ).json();
    const urgent = (
      await t.as(t.agent, {
        method: 'POST',
        url: '/api/v1/tickets',
        payload: { subject: 'order-urgent', priority: 'urgent', tags: ['order'] },
      })
    ).json();
    const filter = encodeURIComponent(JSON.stringify({ field: 'tags', op: 'has', value: 'order' }));
    const first = async () =>
      (await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets?filter=${filter}&sort=-priority` })).json()
        .items[0].id;
    expect(await first()).toBe(urgent.id);
    const reorder = await t.as(t.admin, {
      method: 'PUT',
      url: '/api/v1/picklists/priority/order',
      payload: { keys: ['urgent', 'high', 'normal', 'low'] },
    });
    expect(reorder.statusCode, reorder.body).toBe(200);
    expect(await first()).toBe(low.id);
    const incomplete = await t.as(t.admin, {
      method: 'PUT',
      url: '/api/v1/picklists/priority/order',
      payload: { keys: ['urgent', 'high'] },
    });
    expect(incomplete.statusCode).toBe(400);
    await t.as(t.admin, {
      method: 'PUT',
      url: '/api/v1/picklists/priority/order',
      payload: { keys: ['low', 'normal', 'high', 'urgent'] },
    });
  });

  it('deactivates a value: new tickets cannot use it, tickets that have it keep it', async () => {
    const keeps = (
      await t.as(t.agent, {
        method: 'POST',
        url: '/api/v1/tickets',
        payload: { subject: 'Has a severity', severity: 'minor' },
      })
    ).json();
    expect(
      (
        await t.as(t.admin, {
          method: 'PATCH',
          url: '/api/v1/picklists/severity/values/minor',
          payload: { active: false },
        })
      ).statusCode,
    ).toBe(200);
    const refused = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'x', severity: 'minor' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('severity');
    const edit = await t.as(t.agent, {
      method: 'PATCH',
      url: `/api/v1/tickets/${keeps.id}`,
      payload: { version: 1, subject: 'Still minor' },
    });
    expect(edit.json()).toMatchObject({ severity: 'minor', subject: 'Still minor' });
  });

  it('refuses to deactivate the last active status of a category', async () => {
    const res = await t.as(t.admin, {
      method: 'PATCH',
      url: '/api/v1/picklists/status/values/new',
      payload: { active: false },
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('picklists on several app nodes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('a change made on one node is in force on another node at once', async () => {
    const other = await t.otherNode();
    try {
      const onOther = (payload: Record<string, unknown>) =>
        other.inject({
          method: 'POST',
          url: '/api/v1/tickets',
          payload,
          headers: { authorization: `Bearer ${t.agent.token}` },
        });
      expect((await onOther({ subject: 'warms the cache', severity: 'major' })).statusCode).toBe(201);
      expect(
        (
          await t.as(t.admin, {
            method: 'PATCH',
            url: '/api/v1/picklists/severity/values/major',
            payload: { active: false },
          })
        ).statusCode,
      ).toBe(200);
      let status = 0;
      for (let i = 0; i < 50 && status !== 400; i++) {
        status = (await onOther({ subject: 'after the change', severity: 'major' })).statusCode;
        if (status !== 400) await new Promise((r) => setTimeout(r, 20));
      }
      expect(status).toBe(400);
    } finally {
      await other.close();
    }
  });
});
