import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestAgent, type TestApp } from '../../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const create = async (body: Record<string, unknown>, who?: TestAgent) => {
  const res = await t.as(who ?? t.agent, { method: 'POST', url: '/api/v1/tickets', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

describe('creating and editing a ticket', () => {
  it('numbers tickets from the installation sequence with the prefix, starting new and normal', async () => {
    const a = await create({ subject: 'Printer does not print', channel: 'phone' });
    const b = await create({ subject: 'Second' });
    expect(a.number).toMatch(/^TT-\d+$/);
    expect(Number(b.number.slice(3))).toBe(Number(a.number.slice(3)) + 1);
    expect(a).toMatchObject({
      status: 'new',
      statusCategory: 'new',
      priority: 'normal',
      channel: 'phone',
      version: 1,
    });
  });

  it('stores every field as written, and an edit leaves the fields it does not name alone', async () => {
    const contact = (
      await t.as(t.agent, {
        method: 'POST',
        url: '/api/v1/contacts',
        payload: { name: 'Field Keeper', emails: ['keeper@example.com'] },
      })
    ).json();
    const made = await create({
      subject: 'Email from a customer',
      description: 'All fields set',
      channel: 'email',
      priority: 'high',
      tags: ['vip', 'billing'],
      contactId: contact.id,
    });
    const fresh = (await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${made.id}` })).json();
    expect(fresh).toEqual(made);
    // Edited through the API (the request's own channel is "api"), the ticket stays an email one.
    const edited = await t.as(t.agent, {
      method: 'PATCH',
      url: `/api/v1/tickets/${made.id}`,
      payload: { version: 1, priority: 'urgent' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const reread = (await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${made.id}` })).json();
    expect(reread).toEqual(edited.json());
    expect(reread).toMatchObject({
      channel: 'email',
      priority: 'urgent',
      tags: ['vip', 'billing'],
      contactId: contact.id,
      description: 'All fields set',
      version: 2,
    });
  });

  it('keeps old numbers when the prefix changes', async () => {
    const before = await create({ subject: 'Before prefix change' });
    expect(
      (
        await t.as(t.admin, {
          method: 'PUT',
          url: '/api/v1/settings/tickets',
          payload: { numberPrefix: 'CW-' },
        })
      ).statusCode,
    ).toBe(200);
    const after = await create({ subject: 'After prefix change' });
    expect(after.number.startsWith('CW-')).toBe(true);
    const reread = await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${before.id}` });
    expect(reread.json().number).toBe(before.number);
    await t.as(t.admin, { method: 'PUT', url: '/api/v1/settings/tickets', payload: { numberPrefix: 'TT-' } });
  });

  it('refuses an edit made on a stale version with 409 and the current ticket, and records field history', async () => {
    const ticket = await create({ subject: 'Refund request' });
    t.clock.advance(60_000);
    const first = await t.as(t.agent, {
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.id}`,
      payload: { version: 1, priority: 'high', status: 'in_progress' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await t.as(t.admin, {
      method: 'PATCH',
      url: `/api/v1/tickets/${ticket.id}`,
      payload: { version: 1, priority: 'low' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.priority).toBe('high');
    const history = await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${ticket.id}/history` });
    const changes = history.json().items[0].changes;
    expect(changes).toEqual(
      expect.arrayContaining([
        { field: 'priority', from: 'normal', to: 'high' },
        { field: 'status', from: 'new', to: 'in_progress' },
      ]),
    );
    expect(history.json().items[0].actorName).toBe('Bob Agent');
  });

  it('rejects unknown picklist values and unknown fields naming them, and writes nothing', async () => {
    const before = (await t.as(t.admin, { method: 'GET', url: '/api/v1/tickets/count' })).json().count;
    const bad = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'x', priority: 'ultra' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('priority');
    const unknown = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'x', colour: 'red' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('body/colour');
    const after = (await t.as(t.admin, { method: 'GET', url: '/api/v1/tickets/count' })).json().count;
    expect(after).toBe(before);
  });

  it('shows a renamed priority with its new label while history keeps the key', async () => {
    const ticket = await create({ subject: 'Rename test', priority: 'urgent' });
    const res = await t.as(t.admin, {
      method: 'PATCH',
      url: '/api/v1/picklists/priority/values/urgent',
      payload: { labels: { en: 'Critical now', fr: 'Critique' } },
    });
    expect(res.statusCode).toBe(200);
    const lists = (await t.as(t.agent, { method: 'GET', url: '/api/v1/picklists' })).json();
    expect(lists.priority.find((p: { key: string }) => p.key === 'urgent').labels.en).toBe('Critical now');
    const got = (await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${ticket.id}` })).json();
    expect(got.priority).toBe('urgent');
  });
});

describe('custom fields', () => {
  it('validates values on every write, applies defaults, and filters and sorts by them', async () => {
    const def = await t.as(t.admin, {
      method: 'POST',
      url: '/api/v1/custom-fields',
      payload: {
        key: 'caseType',
        type: 'picklist',
        labels: { en: 'Case type', 'zh-CN': '案例类型' },
        options: [
          { key: 'warranty', labels: { en: 'Warranty' } },
          { key: 'repair', labels: { en: 'Repair' } },
        ],
        defaultValue: 'repair',
      },
    });
    expect(def.statusCode, def.body).toBe(201);
    await t.as(t.admin, {
      method: 'POST',
      url: '/api/v1/custom-fields',
      payload: { key: 'units', type: 'integer', labels: { en: 'Units' } },
    });
    const a = await create({ subject: 'Custom A', custom: { caseType: 'warranty', units: 5 } });
    const b = await create({ subject: 'Custom B', custom: { units: 2 } });
    expect(b.custom.caseType).toBe('repair');
    const bad = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'x', custom: { units: 'five' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('custom/units');
    const filter = encodeURIComponent(
      JSON.stringify({ all: [{ field: 'custom.caseType', op: 'eq', value: 'warranty' }] }),
    );
    const list = (await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets?filter=${filter}` })).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const sorted = (
      await t.as(t.agent, {
        method: 'GET',
        url: `/api/v1/tickets?filter=${encodeURIComponent(JSON.stringify({ field: 'custom.units', op: 'gte', value: 1 }))}&sort=custom.units`,
      })
    ).json();
    expect(sorted.items.map((x: { id: string }) => x.id)).toEqual([b.id, a.id]);
  });
});

describe('listing', () => {
  it('pages through a filtered list with a keyset cursor without repeats or gaps', async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      t.clock.advance(1000);
      created.push(
        (await create({ subject: `Paging ${i}`, tags: ['paging'], priority: i % 2 ? 'high' : 'low' })).id,
      );
    }
    const filter = encodeURIComponent(JSON.stringify({ field: 'tags', op: 'has', value: 'paging' }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/tickets?filter=${filter}&sort=-priority,-updatedAt&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.as(t.agent, { method: 'GET', url })).json();
      seen.push(...page.items.map((x: { id: string }) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(0, 3)).toEqual([created[5], created[3], created[1]]);
    const count = (
      await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/count?filter=${filter}` })
    ).json();
    expect(count.count).toBe(7);
  });

  it('rejects a malformed filter naming the problem', async () => {
    const res = await t.as(t.agent, {
      method: 'GET',
      url: `/api/v1/tickets?filter=${encodeURIComponent('{"field":"nope","op":"eq","value":1}')}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toMatch(/^filter/);
  });
});

describe('conversation', () => {
  it('adds a reply with an attachment by multipart; the timeline shows it and the download is safe', async () => {
    const ticket = await create({ subject: 'Screen flickers' });
    const boundary = '----caseway';
    const payload = [
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nreply`,
      `--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\nPlease try the attached driver.`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="../../etc/driver.html"\r\nContent-Type: text/html\r\n\r\n<script>alert(1)</script>`,
      `--${boundary}--\r\n`,
    ].join('\r\n');
    const res = await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { message, ticket: after } = res.json();
    expect(after.status).toBe('open');
    expect(message.attachments[0].filename).toBe('driver.html');
    const download = await t.as(t.agent, {
      method: 'GET',
      url: `/api/v1/tickets/${ticket.id}/attachments/${message.attachments[0].id}`,
    });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('<script>alert(1)</script>');
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toContain("default-src 'none'");
    await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      payload: { kind: 'note', body: 'Customer is on Windows 7' },
    });
    const timeline = (
      await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${ticket.id}/timeline` })
    ).json();
    const kinds = timeline.items.map(
      (i: { type: string; message?: { kind: string }; event?: { kind: string } }) =>
        i.type === 'message' ? i.message!.kind : i.event!.kind,
    );
    expect(kinds).toEqual(['created', 'reply', 'note']);
  });
});

describe('timeline pages', () => {
  it('pages through messages and events in order, newest first when asked, without repeats', async () => {
    const ticket = await create({ subject: 'Long conversation' });
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1000);
      await t.as(t.agent, {
        method: 'POST',
        url: `/api/v1/tickets/${ticket.id}/messages`,
        payload: { kind: 'note', body: `note ${i}` },
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/tickets/${ticket.id}/timeline?order=desc&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.as(t.agent, { method: 'GET', url })).json();
      seen.push(
        ...page.items.map((i: { type: string; message?: { body: string }; event?: { kind: string } }) =>
          i.type === 'message' ? i.message!.body : i.event!.kind,
        ),
      );
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['note 4', 'note 3', 'note 2', 'note 1', 'note 0', 'created']);
  });
});

describe('operations on tickets', () => {
  it('merges a duplicate: its conversation moves, it closes and points at the survivor', async () => {
    const target = await create({ subject: 'VPN down' });
    const source = await create({ subject: 'VPN not working' });
    await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${source.id}/messages`,
      payload: { kind: 'note', body: 'from the duplicate' },
    });
    const res = await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${source.id}/merge`,
      payload: { targetId: target.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().source).toMatchObject({ mergedIntoId: target.id, statusCategory: 'closed' });
    const timeline = (
      await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${target.id}/timeline` })
    ).json();
    const bodies = timeline.items
      .filter((i: { type: string }) => i.type === 'message')
      .map((i: { message: { body: string } }) => i.message.body);
    expect(bodies).toContain('from the duplicate');
    expect(
      (
        await t.as(t.agent, {
          method: 'POST',
          url: `/api/v1/tickets/${target.id}/merge`,
          payload: { targetId: target.id },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('splits a message into a new ticket for the same customer and duplicates a ticket', async () => {
    const original = await create({ subject: 'Two problems', priority: 'high' });
    const msg = (
      await t.as(t.agent, {
        method: 'POST',
        url: `/api/v1/tickets/${original.id}/messages`,
        payload: { kind: 'note', body: 'Also the scanner jams\nsince Monday' },
      })
    ).json().message;
    const split = await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${original.id}/messages/${msg.id}/split`,
      payload: {},
    });
    expect(split.statusCode, split.body).toBe(201);
    expect(split.json().created).toMatchObject({
      subject: 'Also the scanner jams',
      priority: 'high',
      splitFromId: original.id,
      messageCount: 1,
    });
    const dup = await t.as(t.agent, { method: 'POST', url: `/api/v1/tickets/${original.id}/duplicate` });
    expect(dup.statusCode).toBe(201);
    expect(dup.json().subject).toBe('Two problems');
    expect(dup.json().number).not.toBe(original.number);
  });

  it('hides a voided ticket from agents (404) but not from administrators, until restored', async () => {
    const ticket = await create({ subject: 'Spam' });
    expect(
      (
        await t.as(t.agent, {
          method: 'POST',
          url: `/api/v1/tickets/${ticket.id}/void`,
          payload: { reason: 'spam' },
        })
      ).statusCode,
    ).toBe(200);
    expect((await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${ticket.id}` })).statusCode).toBe(
      404,
    );
    expect(
      (await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${ticket.id}/timeline` })).statusCode,
    ).toBe(404);
    expect((await t.as(t.admin, { method: 'GET', url: `/api/v1/tickets/${ticket.id}` })).statusCode).toBe(
      200,
    );
    expect(
      (await t.as(t.agent, { method: 'POST', url: `/api/v1/tickets/${ticket.id}/restore` })).statusCode,
    ).toBe(404);
    expect(
      (await t.as(t.admin, { method: 'POST', url: `/api/v1/tickets/${ticket.id}/restore` })).statusCode,
    ).toBe(200);
    expect((await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${ticket.id}` })).statusCode).toBe(
      200,
    );
  });

  it('lets only administrators delete, and a deleted ticket is gone', async () => {
    const ticket = await create({ subject: 'Delete me' });
    expect((await t.as(t.agent, { method: 'DELETE', url: `/api/v1/tickets/${ticket.id}` })).statusCode).toBe(
      403,
    );
    expect((await t.as(t.admin, { method: 'DELETE', url: `/api/v1/tickets/${ticket.id}` })).statusCode).toBe(
      204,
    );
    expect((await t.as(t.admin, { method: 'GET', url: `/api/v1/tickets/${ticket.id}` })).statusCode).toBe(
      404,
    );
  });

  it('bulk-updates many tickets, each with its own events, reporting a refusal per ticket', async () => {
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await create({ subject: `Bulk ${i}` })).id);
    const missing = '00000000-0000-4000-8000-000000000000';
    const res = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/tickets/bulk',
      payload: {
        ids: [...ids, missing],
        changes: { ownerAgentId: t.agent.id, priority: 'high', addTags: ['bulk'] },
      },
    });
    expect(res.statusCode).toBe(200);
    const results = res.json().results;
    expect(results.filter((r: { ok: boolean }) => r.ok)).toHaveLength(4);
    expect(results.find((r: { id: string }) => r.id === missing)).toMatchObject({ ok: false, status: 404 });
    const history = (await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${ids[0]}/history` })).json();
    expect(history.items[0].changes.map((c: { field: string }) => c.field).sort()).toEqual([
      'ownerAgentId',
      'priority',
      'tags',
    ]);
  });
});
