import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestAgent, type TestApp } from '../../../test/app.ts';

let t: TestApp;
let other: TestAgent;
beforeAll(async () => {
  t = await createTestApp();
  other = await t.newAgent({ name: 'Olga Other' });
});
afterAll(async () => t?.close());

const urgentOpen = {
  all: [
    { field: 'isOpen', op: 'eq', value: true },
    { field: 'priority', op: 'in', value: ['high', 'urgent'] },
  ],
};

const post = (who: TestAgent, payload: Record<string, unknown>) =>
  t.as(who, { method: 'POST', url: '/api/v1/views', payload });

describe('saved views', () => {
  it('saves, reads, changes and deletes a personal view', async () => {
    const created = await post(t.agent, {
      name: '  Urgent open  ',
      condition: urgentOpen,
      columns: ['number', 'subject', 'priority'],
      sort: '-priority,-updatedAt',
    });
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json();
    expect(view).toMatchObject({
      name: 'Urgent open',
      condition: urgentOpen,
      columns: ['number', 'subject', 'priority'],
      sort: '-priority,-updatedAt',
      ownerAgentId: t.agent.id,
      shared: false,
      editable: true,
    });

    const listed = (await t.as(t.agent, { method: 'GET', url: '/api/v1/views' })).json();
    expect(listed.items.map((v: { id: string }) => v.id)).toContain(view.id);

    const renamed = await t.as(t.agent, {
      method: 'PATCH',
      url: `/api/v1/views/${view.id}`,
      payload: { name: 'Hot', columns: ['subject', 'custom.nope'] },
    });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().errors[0].field).toBe('body/columns/1');

    const patched = await t.as(t.agent, {
      method: 'PATCH',
      url: `/api/v1/views/${view.id}`,
      payload: { name: 'Hot', sort: 'createdAt' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Hot', sort: 'createdAt', condition: urgentOpen });

    const gone = await t.as(t.agent, { method: 'DELETE', url: `/api/v1/views/${view.id}` });
    expect(gone.statusCode).toBe(204);
    expect((await t.as(t.agent, { method: 'GET', url: `/api/v1/views/${view.id}` })).statusCode).toBe(404);
  });

  it('keeps a personal view private to its owner', async () => {
    const view = (await post(t.agent, { name: 'Mine only', condition: urgentOpen })).json();
    const theirs = (await t.as(other, { method: 'GET', url: '/api/v1/views' })).json();
    expect(theirs.items.map((v: { id: string }) => v.id)).not.toContain(view.id);
    expect((await t.as(other, { method: 'GET', url: `/api/v1/views/${view.id}` })).statusCode).toBe(404);
    const edit = await t.as(other, {
      method: 'PATCH',
      url: `/api/v1/views/${view.id}`,
      payload: { name: 'x' },
    });
    expect(edit.statusCode).toBe(404);
  });

  it('lets only administrators create, change or delete shared views, and everyone use them', async () => {
    const refused = await post(t.agent, { name: 'Team', condition: urgentOpen, shared: true });
    expect(refused.statusCode).toBe(403);

    const shared = await post(t.admin, { name: 'Team urgent', condition: urgentOpen, shared: true });
    expect(shared.statusCode, shared.body).toBe(201);
    const id = shared.json().id;

    const seen = (await t.as(other, { method: 'GET', url: '/api/v1/views' })).json();
    expect(seen.items.find((v: { id: string }) => v.id === id)).toMatchObject({
      shared: true,
      editable: false,
    });
    const edit = await t.as(other, {
      method: 'PATCH',
      url: `/api/v1/views/${id}`,
      payload: { name: 'Mine now' },
    });
    expect(edit.statusCode).toBe(403);
    expect((await t.as(other, { method: 'DELETE', url: `/api/v1/views/${id}` })).statusCode).toBe(403);

    const personal = (await post(t.agent, { name: 'Personal', condition: urgentOpen })).json();
    const share = await t.as(t.agent, {
      method: 'PATCH',
      url: `/api/v1/views/${personal.id}`,
      payload: { shared: true },
    });
    expect(share.statusCode).toBe(403);

    const otherAdmin = await t.newAgent({ admin: true });
    const byAdmin = await t.as(otherAdmin, {
      method: 'PATCH',
      url: `/api/v1/views/${id}`,
      payload: { name: 'Team urgent (renamed)' },
    });
    expect(byAdmin.statusCode).toBe(200);
    expect((await t.as(otherAdmin, { method: 'DELETE', url: `/api/v1/views/${id}` })).statusCode).toBe(204);
  });

  it('refuses a condition with an unknown field or a wrong value with 400 naming the field', async () => {
    const unknown = await post(t.agent, {
      name: 'Bad',
      condition: {
        all: [
          { field: 'isOpen', op: 'eq', value: true },
          { field: 'colour', op: 'eq', value: 'red' },
        ],
      },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      { field: 'body/condition/all/1/field', message: "unknown field 'colour'" },
    ]);

    const badValue = await post(t.agent, {
      name: 'Bad',
      condition: { field: 'priority', op: 'in', value: ['sky-high'] },
    });
    expect(badValue.statusCode).toBe(400);
    expect(badValue.json().errors[0]).toMatchObject({ field: 'body/condition/value/0' });
    expect(badValue.json().errors[0].message).toContain('sky-high');

    const badSort = await post(t.agent, { name: 'Bad', condition: urgentOpen, sort: '-description' });
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json().errors[0].field).toBe('body/sort');
  });

  it('accepts custom fields in conditions and columns', async () => {
    const field = await t.as(t.admin, {
      method: 'POST',
      url: '/api/v1/custom-fields',
      payload: {
        key: 'caseType',
        type: 'picklist',
        labels: { en: 'Case type' },
        options: [
          { key: 'warranty', labels: { en: 'Warranty' } },
          { key: 'repair', labels: { en: 'Repair' } },
        ],
      },
    });
    expect(field.statusCode, field.body).toBe(201);
    const view = await post(t.agent, {
      name: 'Warranty',
      condition: { field: 'custom.caseType', op: 'eq', value: 'warranty' },
      columns: ['number', 'custom.caseType'],
      sort: 'custom.caseType',
    });
    expect(view.statusCode, view.body).toBe(201);
    const wrong = await post(t.agent, {
      name: 'Wrong',
      condition: { field: 'custom.caseType', op: 'eq', value: 'refund' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('body/condition/value');
  });
});

describe('many counts at once', () => {
  it('counts every filter in one request, through the caller’s visibility', async () => {
    const make = async (subject: string, priority: string) => {
      const res = await t.as(t.agent, {
        method: 'POST',
        url: '/api/v1/tickets',
        payload: { subject, priority },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    await make('Counts: urgent one', 'urgent');
    await make('Counts: high one', 'high');
    const voided = await make('Counts: urgent voided', 'urgent');
    await make('Counts: low one', 'low');
    expect(
      (await t.as(t.admin, { method: 'POST', url: `/api/v1/tickets/${voided.id}/void`, payload: {} }))
        .statusCode,
    ).toBe(200);

    const filters = {
      urgent: {
        all: [
          { field: 'subject', op: 'starts_with', value: 'Counts:' },
          { field: 'priority', op: 'eq', value: 'urgent' },
        ],
      },
      hot: { all: [{ field: 'subject', op: 'starts_with', value: 'Counts:' }, urgentOpen] },
      all: { field: 'subject', op: 'starts_with', value: 'Counts:' },
      'view:none': { field: 'subject', op: 'eq', value: 'no such subject' },
    };
    const asAgent = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/tickets/counts',
      payload: { filters },
    });
    expect(asAgent.statusCode, asAgent.body).toBe(200);
    expect(asAgent.json().counts).toEqual({ urgent: 1, hot: 2, all: 3, 'view:none': 0 });

    const asAdmin = await t.as(t.admin, {
      method: 'POST',
      url: '/api/v1/tickets/counts',
      payload: { filters },
    });
    expect(asAdmin.json().counts).toEqual({ urgent: 2, hot: 3, all: 4, 'view:none': 0 });
    expect(asAdmin.json().capped).toEqual([]);

    // Beyond the cap a count stops and says so; below it, it stays exact.
    const capped = await t.as(t.admin, {
      method: 'POST',
      url: '/api/v1/tickets/counts',
      payload: { filters, cap: 2 },
    });
    expect(capped.json()).toEqual({
      counts: { urgent: 2, hot: 2, all: 2, 'view:none': 0 },
      capped: ['hot', 'all'],
    });
    const atCap = await t.as(t.admin, {
      method: 'POST',
      url: '/api/v1/tickets/counts',
      payload: { filters, cap: 4 },
    });
    expect(atCap.json()).toEqual({ counts: { urgent: 2, hot: 3, all: 4, 'view:none': 0 }, capped: [] });
    const badCap = await t.as(t.admin, {
      method: 'POST',
      url: '/api/v1/tickets/counts',
      payload: { filters, cap: 0 },
    });
    expect(badCap.statusCode).toBe(400);
    expect(JSON.stringify(badCap.json().errors)).toContain('cap');

    const single = await t.as(t.agent, {
      method: 'GET',
      url: `/api/v1/tickets/count?filter=${encodeURIComponent(JSON.stringify(filters.hot))}`,
    });
    expect(single.json().count).toBe(2);
  });

  it('counts the open tickets of VIP and high-value customers (the side bar’s VIP view)', async () => {
    const post = async (url: string, payload: Record<string, unknown>) => {
      const res = await t.as(t.admin, { method: 'POST', url, payload });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    const bigCorp = await post('/api/v1/organizations', { name: 'VIP Counts Corp', tier: 'vip' });
    const vipPerson = await post('/api/v1/contacts', {
      name: 'Vera VIP',
      emails: ['vera@counts.example'],
      vip: true,
    });
    await post('/api/v1/tickets', { subject: 'VIP count: org', organizationId: bigCorp.id });
    await post('/api/v1/tickets', { subject: 'VIP count: person', contactId: vipPerson.id });
    await post('/api/v1/tickets', { subject: 'VIP count: nobody special' });
    const vip = {
      all: [
        { field: 'subject', op: 'starts_with', value: 'VIP count:' },
        { field: 'isOpen', op: 'eq', value: true },
        {
          any: [
            { field: 'organization.tier', op: 'in', value: ['vip', 'high_value'] },
            { field: 'contact.vip', op: 'eq', value: true },
          ],
        },
      ],
    };
    const res = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/tickets/counts',
      payload: { filters: { vip } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts).toEqual({ vip: 2 });
  });

  it('names the filter and field of an invalid condition', async () => {
    const res = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/tickets/counts',
      payload: { filters: { ok: { all: [] }, broken: { field: 'nope', op: 'eq', value: 1 } } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toEqual({
      field: 'body/filters/broken/field',
      message: "unknown field 'nope'",
    });
  });

  it('answers an empty set of filters with no counts and refuses too many', async () => {
    const empty = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/tickets/counts',
      payload: { filters: {} },
    });
    expect(empty.json()).toEqual({ counts: {}, capped: [] });
    const filters = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, { all: [] }]));
    const tooMany = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/tickets/counts',
      payload: { filters },
    });
    expect(tooMany.statusCode).toBe(400);
  });
});
