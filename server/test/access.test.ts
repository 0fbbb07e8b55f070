// Who sees and may act on which ticket, for each actor of a fixture organisation and each way to
// reach a ticket (get, list, count, search, timeline, history, attachments, team, update, note,
// bulk, merge, live stream, notifications), on both engines. The expected sets are worked out by hand from the rules (A2–A6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyAgents } from '../src/modules/notifications/index.ts';
import { type AccessFixture, buildAccessFixture, type TicketKey, type Who } from './access-fixture.ts';
import { createTestApp, type TestApp } from './app.ts';
import { listenToTickets, until } from './event-stream.ts';

let t: TestApp;
let f: AccessFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildAccessFixture(t);
});
afterAll(async () => t?.close());

const ALL: TicketKey[] = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'];

/** Visible / writable per actor, from the rules. */
const EXPECTED: Record<Who, { sees: TicketKey[]; writes: TicketKey[] }> = {
  // The administrator flag: everything, the voided T6 too.
  admin: { sees: ALL, writes: ALL },
  // Read-only profile with "all tickets": every ticket not voided, acts on none (profile).
  observer: { sees: ['T1', 'T2', 'T3', 'T4', 'T5', 'T7'], writes: [] },
  // Own T5; subordinates' T1 T2 T3; head of Support (T1 T5) and its sub-department Asia (T3 T7).
  director: { sees: ['T1', 'T2', 'T3', 'T5', 'T7'], writes: ['T1', 'T2', 'T3', 'T5', 'T7'] },
  // Own T3; subordinates' T1 T2; rule S2 (Returns → Lead role, read-write): T2.
  lead: { sees: ['T1', 'T2', 'T3'], writes: ['T1', 'T2', 'T3'] },
  // Own and group Refunds: T1; related team (read) on T7.
  staff1: { sees: ['T1', 'T7'], writes: ['T1'] },
  // Own and group Hardware: T2 T7; rule S3 (Staff role's tickets → Returns members, read): T1.
  staff2: { sees: ['T1', 'T2', 'T7'], writes: ['T2', 'T7'] },
  // Related team (read-write) on T4; rule S1 (Hardware group → Otto, read): T2 T7.
  outsider: { sees: ['T2', 'T4', 'T7'], writes: ['T4'] },
};
const WHO = Object.keys(EXPECTED) as Who[];

function keys(ids: string[]): string[] {
  return ids.map((id) => f.keyOf(id)).sort();
}

async function get(who: Who, url: string) {
  return t.as(f.agents[who], { method: 'GET', url });
}

async function versionOf(key: TicketKey): Promise<number> {
  return (await t.as(t.admin, { method: 'GET', url: `/api/v1/tickets/${f.tickets[key]}` })).json().version;
}

describe.each(WHO)('%s', (who) => {
  const { sees, writes } = EXPECTED[who];

  it('lists, counts and gets exactly the tickets they may see', async () => {
    const list = await get(who, '/api/v1/tickets?limit=200');
    expect(list.statusCode).toBe(200);
    const listed = keys(list.json().items.map((i: { id: string }) => i.id)).filter((k) => k.startsWith('T'));
    expect(listed).toEqual(sees);
    const count = await get(who, '/api/v1/tickets/count');
    expect(count.json().count).toBe(sees.length);
    for (const key of ALL) {
      const res = await get(who, `/api/v1/tickets/${f.tickets[key]}`);
      expect([key, res.statusCode]).toEqual([key, sees.includes(key) ? 200 : 404]);
    }
  });

  it('finds only those in search, and reads timeline, history, attachments and team only of those', async () => {
    const found = await get(who, '/api/v1/search?q=owned&types=tickets&limit=100');
    const foundKeys = keys(found.json().tickets.map((i: { id: string }) => i.id));
    expect(foundKeys).toEqual(sees.filter((k) => ['T1', 'T2', 'T3', 'T5', 'T6'].includes(k)));
    for (const key of ALL) {
      for (const part of ['timeline', 'history', 'attachments', 'team']) {
        const res = await get(who, `/api/v1/tickets/${f.tickets[key]}/${part}`);
        expect([key, part, res.statusCode]).toEqual([key, part, sees.includes(key) ? 200 : 404]);
      }
    }
  });

  it('acts only on the tickets they may act on: 403 where they only see it, 404 where they do not', async () => {
    for (const key of ALL) {
      const res = await t.as(f.agents[who], {
        method: 'PATCH',
        url: `/api/v1/tickets/${f.tickets[key]}`,
        payload: { version: await versionOf(key), solution: `checked by ${who}` },
      });
      const expected = writes.includes(key) ? 200 : sees.includes(key) ? 403 : 404;
      expect([key, res.statusCode]).toEqual([key, expected]);
      if (res.statusCode === 403) expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('adds internal notes where they see the ticket and their profile allows editing', async () => {
    const mayNote = who !== 'observer';
    for (const key of ALL) {
      const res = await t.as(f.agents[who], {
        method: 'POST',
        url: `/api/v1/tickets/${f.tickets[key]}/messages`,
        payload: { kind: 'note', body: `note by ${who}` },
      });
      const expected = !sees.includes(key) ? 404 : mayNote ? 201 : 403;
      expect([key, res.statusCode]).toEqual([key, expected]);
    }
  });

  it('gets one result per ticket in bulk: ok where they may act, not found where they cannot see', async () => {
    const res = await t.as(f.agents[who], {
      method: 'POST',
      url: '/api/v1/tickets/bulk',
      payload: { ids: ALL.map((k) => f.tickets[k]), changes: { addTags: [`bulk-${who}`] } },
    });
    if (who === 'observer') {
      expect(res.statusCode).toBe(403);
      return;
    }
    expect(res.statusCode).toBe(200);
    const results = res.json().results as Array<{ id: string; ok: boolean; status?: number }>;
    for (const r of results) {
      const key = f.keyOf(r.id) as TicketKey;
      const expected = writes.includes(key) ? 'ok' : sees.includes(key) ? 403 : 404;
      expect([key, r.ok ? 'ok' : r.status]).toEqual([key, expected]);
    }
  });
});

describe('live pushes and notifications', () => {
  it('pushes a ticket change on the live stream only to those who may see the ticket', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const streams = await Promise.all(WHO.map((who) => listenToTickets(base, f.agents[who])));
    try {
      const changed: TicketKey[] = [];
      for (const key of ALL) {
        const res = await t.as(t.admin, {
          method: 'PATCH',
          url: `/api/v1/tickets/${f.tickets[key]}`,
          payload: { version: await versionOf(key), solution: 'pushed live' },
        });
        if (res.statusCode === 200) changed.push(key);
      }
      expect(changed.length).toBeGreaterThanOrEqual(6);
      const adminStream = streams[WHO.indexOf('admin')]!;
      await until(() => new Set(adminStream.events.map((e) => e.ticketId)).size >= changed.length);
      await new Promise((r) => setTimeout(r, 200));
      for (const [i, who] of WHO.entries()) {
        const pushed = [...new Set(keys(streams[i]!.events.map((e) => e.ticketId)))].sort();
        expect([who, pushed]).toEqual([who, EXPECTED[who].sees.filter((k) => changed.includes(k))]);
      }
    } finally {
      for (const s of streams) s.close();
    }
  });

  it('shows a notification about a ticket only to an agent who may see the ticket', async () => {
    for (const key of ALL) {
      await notifyAgents(
        t.database.db,
        t.clock,
        WHO.map((who) => f.agents[who].id),
        { kind: 'sla_breached', ticketId: f.tickets[key], data: { subject: `About ${key}` } },
      );
    }
    for (const who of WHO) {
      const res = await get(who, '/api/v1/me/notifications?limit=100');
      expect(res.statusCode).toBe(200);
      const about = keys(res.json().items.map((n: { ticketId: string }) => n.ticketId)).sort();
      expect([who, about]).toEqual([who, EXPECTED[who].sees]);
      expect([who, res.json().unread]).toEqual([who, EXPECTED[who].sees.length]);
    }
  });
});

describe('merge targets and references', () => {
  it('answers 404 for a merge into a ticket the agent cannot see, and changes nothing', async () => {
    const own = await t.as(f.agents.staff1, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Sam merges this', ownerAgentId: f.agents.staff1.id },
    });
    expect(own.statusCode).toBe(201);
    const res = await t.as(f.agents.staff1, {
      method: 'POST',
      url: `/api/v1/tickets/${own.json().id}/merge`,
      payload: { targetId: f.tickets.T5 },
    });
    expect(res.statusCode).toBe(404);
    const after = await get('staff1', `/api/v1/tickets/${own.json().id}`);
    expect(after.json().mergedIntoId).toBeNull();
  });

  it('refuses a merge into a ticket shared read-only (403)', async () => {
    const own = await t.as(f.agents.staff1, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Sam merges into a read-only one', ownerAgentId: f.agents.staff1.id },
    });
    const res = await t.as(f.agents.staff1, {
      method: 'POST',
      url: `/api/v1/tickets/${own.json().id}/merge`,
      payload: { targetId: f.tickets.T7 },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('fields the profile makes read-only or hidden', () => {
  it('refuses a read-only field with 403 naming it, and writes nothing', async () => {
    const before = (await get('staff1', `/api/v1/tickets/${f.tickets.T1}`)).json();
    const res = await t.as(f.agents.staff1, {
      method: 'PATCH',
      url: `/api/v1/tickets/${f.tickets.T1}`,
      payload: { version: before.version, priority: 'urgent', subject: 'Renamed with it' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().errors).toEqual([{ field: 'priority', message: 'is read-only for you' }]);
    const after = (await get('staff1', `/api/v1/tickets/${f.tickets.T1}`)).json();
    expect(after.subject).toBe(before.subject);
    expect(after.version).toBe(before.version);
    // Sending the value it already has is no change, and passes.
    const same = await t.as(f.agents.staff1, {
      method: 'PATCH',
      url: `/api/v1/tickets/${f.tickets.T1}`,
      payload: {
        version: before.version,
        priority: before.priority,
        subject: 'Renamed without changing the priority',
      },
    });
    expect(same.statusCode).toBe(200);
  });

  it('leaves a hidden field out of every answer: get, list, search, timeline, history, conflict', async () => {
    const id = f.tickets.T1;
    // The administrator changes the hidden severity and the visible subject in one go.
    const v = (await t.as(t.admin, { method: 'GET', url: `/api/v1/tickets/${id}` })).json().version;
    const change = await t.as(t.admin, {
      method: 'PATCH',
      url: `/api/v1/tickets/${id}`,
      payload: { version: v, severity: 'major' },
    });
    expect(change.statusCode).toBe(200);
    expect(change.json().severity).toBe('major');
    const one = (await get('staff1', `/api/v1/tickets/${id}`)).json();
    expect(one).not.toHaveProperty('severity');
    expect(one).toHaveProperty('priority');
    const listed = (await get('staff1', '/api/v1/tickets?limit=200')).json().items;
    expect(listed.length).toBeGreaterThan(0);
    for (const item of listed) expect(item).not.toHaveProperty('severity');
    const found = (await get('staff1', '/api/v1/search?q=owned&types=tickets')).json().tickets;
    expect(found.length).toBeGreaterThan(0);
    for (const item of found) expect(item).not.toHaveProperty('severity');
    const fieldsIn = (events: Array<{ changes: Array<{ field: string }> }>) =>
      events.flatMap((e) => e.changes.map((c) => c.field));
    const timeline = (await get('staff1', `/api/v1/tickets/${id}/timeline?limit=200`)).json().items;
    const events = timeline
      .filter((i: { type: string }) => i.type === 'event')
      .map((i: { event: { changes: Array<{ field: string }> } }) => i.event);
    expect(fieldsIn(events)).not.toContain('severity');
    expect(fieldsIn(events)).toContain('subject');
    const history = (await get('staff1', `/api/v1/tickets/${id}/history?limit=200`)).json().items;
    expect(fieldsIn(history)).not.toContain('severity');
    // The administrator sees the change everywhere.
    const adminHistory = (
      await t.as(t.admin, { method: 'GET', url: `/api/v1/tickets/${id}/history?limit=200` })
    ).json().items;
    expect(fieldsIn(adminHistory)).toContain('severity');
    // A version conflict answers the current ticket — without the hidden field.
    const conflict = await t.as(f.agents.staff1, {
      method: 'PATCH',
      url: `/api/v1/tickets/${id}`,
      payload: { version: 1, subject: 'Stale edit' },
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().current).toBeDefined();
    expect(conflict.json().current).not.toHaveProperty('severity');
  });

  it('refuses a filter or a sort on a hidden field with 400 naming it', async () => {
    const filter = encodeURIComponent(JSON.stringify({ field: 'severity', op: 'eq', value: 'major' }));
    for (const url of [`/api/v1/tickets?filter=${filter}`, `/api/v1/tickets/count?filter=${filter}`]) {
      const res = await get('staff1', url);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ field: 'filter' });
      expect(res.json().errors[0].message).toContain('severity');
    }
    const sorted = await get('staff1', '/api/v1/tickets?sort=-severity');
    expect(sorted.statusCode).toBe(400);
    expect(sorted.json().errors[0].message).toContain('severity');
    // The same filter is fine for someone who sees the field.
    expect((await get('lead', `/api/v1/tickets?filter=${filter}`)).statusCode).toBe(200);
  });

  it('refuses a hidden field on create too', async () => {
    const res = await t.as(f.agents.staff1, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'With a severity', severity: 'major' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().errors[0].field).toBe('severity');
  });
});

describe('related team members', () => {
  it('lets an agent who acts on the ticket add a colleague, recorded in the timeline, who then sees it', async () => {
    expect((await get('outsider', `/api/v1/tickets/${f.tickets.T1}`)).statusCode).toBe(404);
    const add = await t.as(f.agents.staff1, {
      method: 'POST',
      url: `/api/v1/tickets/${f.tickets.T1}/team`,
      payload: { agentId: f.agents.outsider.id, access: 'read' },
    });
    expect(add.statusCode).toBe(200);
    expect(add.json().items.map((m: { name: string; access: string }) => [m.name, m.access])).toEqual([
      ['Otto Outsider', 'read'],
    ]);
    expect((await get('outsider', `/api/v1/tickets/${f.tickets.T1}`)).statusCode).toBe(200);
    const patch = await t.as(f.agents.outsider, {
      method: 'PATCH',
      url: `/api/v1/tickets/${f.tickets.T1}`,
      payload: { version: await versionOf('T1'), solution: 'Otto was here' },
    });
    expect(patch.statusCode).toBe(403);
    const timeline = (await get('staff1', `/api/v1/tickets/${f.tickets.T1}/timeline`)).json();
    expect(JSON.stringify(timeline)).toContain('team_member_added');

    const remove = await t.as(f.agents.staff1, {
      method: 'DELETE',
      url: `/api/v1/tickets/${f.tickets.T1}/team/${f.agents.outsider.id}`,
    });
    expect(remove.statusCode).toBe(204);
    expect((await get('outsider', `/api/v1/tickets/${f.tickets.T1}`)).statusCode).toBe(404);
  });

  it('refuses adding a team member to a ticket the agent only reads', async () => {
    const res = await t.as(f.agents.staff1, {
      method: 'POST',
      url: `/api/v1/tickets/${f.tickets.T7}/team`,
      payload: { agentId: f.agents.lead.id, access: 'read_write' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('keeps a ticket the agent creates outside their reach in their sight (they join its team)', async () => {
    const res = await t.as(f.agents.outsider, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Phoned in, no owner yet' },
    });
    expect(res.statusCode).toBe(201);
    expect((await get('outsider', `/api/v1/tickets/${res.json().id}`)).statusCode).toBe(200);
    const team = (await get('outsider', `/api/v1/tickets/${res.json().id}/team`)).json();
    expect(team.items.map((m: { agentId: string; access: string }) => [m.agentId, m.access])).toEqual([
      [f.agents.outsider.id, 'read_write'],
    ]);
  });
});

describe('view as and the explanation', () => {
  it('lets an administrator list tickets as an agent sees them, read requests only', async () => {
    const res = await t.as(t.admin, {
      method: 'GET',
      url: '/api/v1/tickets?limit=200',
      headers: { 'x-caseway-view-as': f.agents.outsider.id },
    });
    expect(res.statusCode).toBe(200);
    const seen = keys(res.json().items.map((i: { id: string }) => i.id)).filter((k) => /^T\d$/.test(k));
    expect(seen).toEqual(EXPECTED.outsider.sees);
    const write = await t.as(t.admin, {
      method: 'PATCH',
      url: `/api/v1/tickets/${f.tickets.T4}`,
      headers: { 'x-caseway-view-as': f.agents.outsider.id },
      payload: { version: await versionOf('T4'), solution: 'x' },
    });
    expect(write.statusCode).toBe(403);
    // The side bar's counts are a POST that only reads: answered as the agent.
    const counts = await t.as(t.admin, {
      method: 'POST',
      url: '/api/v1/tickets/counts',
      headers: { 'x-caseway-view-as': f.agents.outsider.id },
      payload: { presets: ['all'] },
    });
    expect(counts.statusCode).toBe(200);
    const all = (await get('outsider', '/api/v1/tickets/count')).json().count;
    expect(counts.json().counts.all).toBe(all);
    const byAgent = await t.as(f.agents.lead, {
      method: 'GET',
      url: '/api/v1/tickets',
      headers: { 'x-caseway-view-as': f.agents.director.id },
    });
    expect(byAgent.statusCode).toBe(403);
  });

  it('explains why a ticket is visible, and why not', async () => {
    const why = await t.as(t.admin, {
      method: 'GET',
      url: `/api/v1/access/explain?agentId=${f.agents.director.id}&ticketId=${f.tickets.T7}`,
    });
    expect(why.statusCode).toBe(200);
    expect(why.json()).toMatchObject({ visible: true, writable: true, blockedBy: null });
    expect(why.json().reasons.map((r: { kind: string }) => r.kind)).toEqual(['department_head']);
    const shared = await t.as(t.admin, {
      method: 'GET',
      url: `/api/v1/access/explain?agentId=${f.agents.outsider.id}&ticketId=${f.tickets.T2}`,
    });
    expect(shared.json().reasons).toMatchObject([{ kind: 'sharing_rule', access: 'read', writes: false }]);
    const not = await t.as(t.admin, {
      method: 'GET',
      url: `/api/v1/access/explain?agentId=${f.agents.outsider.id}&ticketId=${f.tickets.T6}`,
    });
    expect(not.json()).toMatchObject({ visible: false, reasons: [], blockedBy: 'voided' });
    const byAgent = await t.as(f.agents.director, {
      method: 'GET',
      url: `/api/v1/access/explain?agentId=${f.agents.outsider.id}&ticketId=${f.tickets.T6}`,
    });
    expect(byAgent.statusCode).toBe(403);
  });
});
