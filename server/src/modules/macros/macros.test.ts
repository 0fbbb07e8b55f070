// Macros through the API, on both engines: keeping them (personal and shared, who may), applying one
// to many tickets as the agent, a preview that writes nothing and equals the apply, tickets the agent
// may not see or change, all-or-nothing per ticket, bad input named by its path, parallel applies.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestAgent, type TestApp } from '../../../test/app.ts';
import { queryRows } from '../../platform/db.ts';
import { SHIPPED } from '../directory/index.ts';

let t: TestApp;
let staff: TestAgent;

interface Res<T> {
  status: number;
  body: T;
}

/** As the (non-admin) agent unless told. */
const api = <T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  who: TestAgent = t.agent,
): Promise<Res<T>> => t.call<T>(method, url, payload, who);

interface Macro {
  id: string;
  name: string;
  shared: boolean;
  version: number;
  editable: boolean;
  usageCount: number;
}

interface Result {
  ticketId: string;
  ok: boolean;
  changes: Array<{ field: string; from: unknown; to: unknown }>;
  effects: Array<Record<string, unknown>>;
  error?: { status: number; detail: string };
}

interface Applied {
  applied: number;
  failed: number;
  preview: boolean;
  results: Result[];
}

interface Problem {
  status: number;
  errors?: Array<{ field: string; message: string }>;
}

let counter = 0;
async function macro(body: Record<string, unknown>, who: TestAgent = t.agent): Promise<Macro> {
  counter += 1;
  const res = await api<Macro>('POST', '/api/v1/macros', { name: `Macro ${counter}`, ...body }, who);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function ticket(extra: Record<string, unknown> = {}, who: TestAgent = t.admin): Promise<string> {
  counter += 1;
  const res = await api<{ id: string }>(
    'POST',
    '/api/v1/tickets',
    { subject: `Ticket ${counter}`, ...extra },
    who,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const apply = (id: string, ticketIds: string[], preview?: boolean, who: TestAgent = t.agent) =>
  api<Applied & Problem>(
    'POST',
    `/api/v1/macros/${id}/apply`,
    { ticketIds, ...(preview !== undefined ? { preview } : {}) },
    who,
  );

const getTicket = async (id: string) =>
  (
    await api<Record<string, unknown> & { tags: string[]; version: number }>(
      'GET',
      `/api/v1/tickets/${id}`,
      undefined,
      t.admin,
    )
  ).body;

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.database.db, query);
  return Number(row?.n ?? 0);
}

const replies = (ticketId: string) =>
  count(
    sql`SELECT count(*)::int AS n FROM ticket_messages WHERE ticket_id = ${ticketId}::uuid AND kind = 'reply'`,
  );

const FIRST_ANSWER = [
  { type: 'set_field', field: 'priority', value: 'high' },
  { type: 'add_tags', tags: ['warranty'] },
  { type: 'reply', body: 'Hello, about {{ticket.number}}: please send the receipt.' },
];

beforeAll(async () => {
  t = await createTestApp();
  // Made before the first request, so the organisation the access module caches knows them.
  staff = await t.newAgent({ name: 'Sam Staff', roleId: SHIPPED.agentRole });
});
afterAll(async () => t?.close());

describe('applying a macro', () => {
  it('applies a macro to 50 tickets: every one changed, by the agent, with one reply each', async () => {
    const m = await macro({ actions: FIRST_ANSWER });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await ticket({ tags: ['vip'] }));
    const res = await apply(m.id, ids);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ applied: 50, failed: 0, preview: false });
    for (const r of res.body.results) {
      expect(r.ok).toBe(true);
      expect(r.changes).toContainEqual({ field: 'priority', from: 'normal', to: 'high' });
      expect(r.changes).toContainEqual({ field: 'tags', from: ['vip'], to: ['vip', 'warranty'] });
      expect(r.effects).toEqual([
        { type: 'reply', body: expect.stringMatching(/^Hello, about \S+: please send the receipt\.$/) },
      ]);
    }
    for (const id of ids) {
      expect(await getTicket(id)).toMatchObject({ priority: 'high', tags: ['vip', 'warranty'] });
      expect(await replies(id)).toBe(1);
    }
    // Every change the macro made is an event by the agent, none by a rule or the system.
    const [byAgent, byOthers] = await Promise.all([
      count(sql`SELECT count(*)::int AS n FROM ticket_events
                 WHERE ticket_id IN (${sql.join(
                   ids.map((id) => sql`${id}::uuid`),
                   sql`, `,
                 )})
                   AND kind <> 'created' AND actor_id = ${t.agent.id}::uuid`),
      count(sql`SELECT count(*)::int AS n FROM ticket_events
                 WHERE ticket_id IN (${sql.join(
                   ids.map((id) => sql`${id}::uuid`),
                   sql`, `,
                 )})
                   AND kind <> 'created' AND (actor_id IS NULL OR actor_id <> ${t.agent.id}::uuid)`),
    ]);
    expect(byAgent).toBeGreaterThanOrEqual(100);
    expect(byOthers).toBe(0);
    const after = (await api<Macro>('GET', `/api/v1/macros/${m.id}`)).body;
    expect(after.usageCount).toBe(50);
  });

  it('previews exactly what applying then does, writing nothing', async () => {
    const m = await macro({
      actions: [
        ...FIRST_ANSWER,
        { type: 'add_note', body: 'Macro {{rule.name}} on {{ticket.subject}}' },
        { type: 'set_field', field: 'status', value: 'waiting_customer' },
      ],
    });
    const ids = [await ticket(), await ticket({ priority: 'high' })];
    const before = await Promise.all(ids.map(getTicket));
    const eventsBefore = await count(sql`SELECT count(*)::int AS n FROM ticket_events`);
    const messagesBefore = await count(sql`SELECT count(*)::int AS n FROM ticket_messages`);
    const outboxBefore = await count(sql`SELECT count(*)::int AS n FROM outbox`);

    const preview = await apply(m.id, ids, true);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ preview: true, applied: 2, failed: 0 });
    const first = preview.body.results[0]!;
    expect(first.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', from: 'new', to: 'waiting_customer' },
        { field: 'priority', from: 'normal', to: 'high' },
      ]),
    );
    expect(first.effects[1]).toEqual({ type: 'note', body: `Macro ${m.name} on ${before[0]!.subject}` });
    // The second ticket is high already: no priority change shown.
    expect(preview.body.results[1]!.changes.map((c) => c.field)).not.toContain('priority');

    // Nothing written: tickets, events, messages, outbox jobs and the macro's use are as they were.
    expect(await Promise.all(ids.map(getTicket))).toEqual(before);
    expect(await count(sql`SELECT count(*)::int AS n FROM ticket_events`)).toBe(eventsBefore);
    expect(await count(sql`SELECT count(*)::int AS n FROM ticket_messages`)).toBe(messagesBefore);
    expect(await count(sql`SELECT count(*)::int AS n FROM outbox`)).toBe(outboxBefore);
    expect((await api<Macro>('GET', `/api/v1/macros/${m.id}`)).body.usageCount).toBe(0);

    const applied = await apply(m.id, ids);
    expect(applied.body.results).toEqual(preview.body.results);
    expect(await getTicket(ids[0]!)).toMatchObject({ status: 'waiting_customer', priority: 'high' });
  });

  it('applies a repeated id once, and refuses more than 100 tickets naming ticketIds', async () => {
    const m = await macro({ actions: [{ type: 'reply', body: 'Once' }] });
    const id = await ticket();
    const res = await apply(m.id, [id, id, id.toUpperCase()]);
    expect(res.body.results).toHaveLength(1);
    expect(await replies(id)).toBe(1);
    const many = Array.from({ length: 101 }, () => id);
    const tooMany = await apply(m.id, many);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors?.map((e) => e.field)).toContain('body/ticketIds');
    const none = await apply(m.id, []);
    expect(none.status).toBe(400);
    expect(none.body.errors?.map((e) => e.field)).toContain('body/ticketIds');
  });

  it('reports a ticket the agent may not see as not found and applies the others', async () => {
    const mine = await ticket({ ownerAgentId: staff.id });
    const hidden = await ticket();
    const m = await macro({ actions: FIRST_ANSWER }, staff);
    const res = await apply(m.id, [hidden, mine], false, staff);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body, JSON.stringify(res.body)).toMatchObject({ applied: 1, failed: 1 });
    expect(res.body.results[0]).toMatchObject({ ticketId: hidden, ok: false, error: { status: 404 } });
    expect(res.body.results[0]).not.toHaveProperty('number');
    expect(res.body.results[1]).toMatchObject({ ticketId: mine, ok: true });
    expect(await getTicket(hidden)).toMatchObject({ priority: 'normal', tags: [] });
    expect(await replies(hidden)).toBe(0);
    expect(await getTicket(mine)).toMatchObject({ priority: 'high', tags: ['warranty'] });
  });

  it('refuses, on that ticket only, a field the agent may not change', async () => {
    const profile = await api<{ id: string }>(
      'POST',
      '/api/v1/profiles',
      {
        name: 'Priority read-only',
        ticketReach: 'all',
        permissions: { tickets: ['view', 'create', 'edit'] },
        fieldAccess: { priority: 'read_only' },
      },
      t.admin,
    );
    expect(profile.status, JSON.stringify(profile.body)).toBe(201);
    const role = await api<{ id: string }>(
      'POST',
      '/api/v1/roles',
      { name: 'Priority watchers', parentId: SHIPPED.supportManagerRole, profileIds: [profile.body.id] },
      t.admin,
    );
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const limited = await t.newAgent({ roleId: role.body.id });
    const normal = await ticket();
    const high = await ticket({ priority: 'high' });
    const m = await macro({ actions: FIRST_ANSWER }, limited);
    const res = await apply(m.id, [normal, high], false, limited);
    expect(res.body.results[0]).toMatchObject({ ticketId: normal, ok: false, error: { status: 403 } });
    // Already high: nothing to refuse there.
    expect(res.body.results[1]).toMatchObject({ ticketId: high, ok: true });
    expect(await getTicket(normal)).toMatchObject({ priority: 'normal', tags: [] });
    expect(await replies(normal)).toBe(0);
    expect(await getTicket(high)).toMatchObject({ tags: ['warranty'] });
  });

  it('leaves a ticket unchanged when one of the actions fails (no half-applied macro)', async () => {
    const colleague = await t.newAgent({ name: 'Carla Colleague' });
    const m = await macro({
      actions: [
        { type: 'add_tags', tags: ['escalated'] },
        { type: 'reply', body: 'A colleague will join.' },
        { type: 'add_team_member', agentId: colleague.id, access: 'read_write' },
      ],
    });
    await t.database.db.execute(sql`UPDATE agents SET active = false WHERE id = ${colleague.id}::uuid`);
    const id = await ticket();
    const before = await getTicket(id);
    const res = await apply(m.id, [id]);
    expect(res.body.results[0]).toMatchObject({ ok: false, error: { status: 400 } });
    expect(await getTicket(id)).toEqual(before);
    expect(await replies(id)).toBe(0);
    expect((await api<Macro>('GET', `/api/v1/macros/${m.id}`)).body.usageCount).toBe(0);
  });

  it('gives each of several parallel applies its own reply, and no more', async () => {
    const m = await macro({
      actions: [
        { type: 'reply', body: 'Parallel' },
        { type: 'add_tags', tags: ['p'] },
      ],
    });
    const ids = [await ticket(), await ticket(), await ticket()];
    const runs = await Promise.all([apply(m.id, ids), apply(m.id, [...ids].reverse()), apply(m.id, ids)]);
    for (const r of runs) expect(r.body, JSON.stringify(r.body)).toMatchObject({ applied: 3, failed: 0 });
    for (const id of ids) {
      expect(await replies(id)).toBe(3);
      expect((await getTicket(id)).tags).toEqual(['p']);
    }
    expect((await api<Macro>('GET', `/api/v1/macros/${m.id}`)).body.usageCount).toBe(9);
  });
});

describe('keeping macros', () => {
  it('shows an agent the shared macros and their own, never another agent’s personal ones', async () => {
    const other = await t.newAgent({ name: 'Olga Other' });
    const shared = await macro({ shared: true, actions: [{ type: 'add_tags', tags: ['s'] }] }, t.admin);
    const mine = await macro({ actions: [{ type: 'add_tags', tags: ['m'] }] });
    const theirs = await macro({ actions: [{ type: 'add_tags', tags: ['o'] }] }, other);
    const listed = (await api<{ items: Macro[] }>('GET', '/api/v1/macros')).body.items;
    const ids = listed.map((x) => x.id);
    expect(ids).toContain(shared.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(listed.find((x) => x.id === shared.id)).toMatchObject({ shared: true, editable: false });
    expect(listed.find((x) => x.id === mine.id)).toMatchObject({ shared: false, editable: true });
    // Another agent's personal macro does not exist for me: 404 on every path, administrators too.
    for (const who of [t.agent, t.admin]) {
      expect((await api('GET', `/api/v1/macros/${theirs.id}`, undefined, who)).status).toBe(404);
      expect((await api('PATCH', `/api/v1/macros/${theirs.id}`, { version: 1, name: 'x' }, who)).status).toBe(
        404,
      );
      expect((await api('DELETE', `/api/v1/macros/${theirs.id}`, undefined, who)).status).toBe(404);
      expect((await apply(theirs.id, [await ticket()], true, who)).status).toBe(404);
    }
  });

  it('lets only administrators create, change or delete shared macros; any agent applies them', async () => {
    const refused = await api('POST', '/api/v1/macros', {
      name: 'Team macro',
      shared: true,
      actions: [{ type: 'add_tags', tags: ['x'] }],
    });
    expect(refused.status).toBe(403);
    const shared = await macro({ shared: true, actions: [{ type: 'add_tags', tags: ['team'] }] }, t.admin);
    expect((await api('PATCH', `/api/v1/macros/${shared.id}`, { version: 1, name: 'Renamed' })).status).toBe(
      403,
    );
    expect((await api('DELETE', `/api/v1/macros/${shared.id}`)).status).toBe(403);
    const mine = await macro({ actions: [{ type: 'add_tags', tags: ['mine'] }] });
    expect((await api('PATCH', `/api/v1/macros/${mine.id}`, { version: 1, shared: true })).status).toBe(403);
    const id = await ticket();
    expect((await apply(shared.id, [id])).body).toMatchObject({ applied: 1 });
    expect((await getTicket(id)).tags).toEqual(['team']);
    const renamed = await api<Macro>(
      'PATCH',
      `/api/v1/macros/${shared.id}`,
      { version: 1, name: 'Team tag' },
      t.admin,
    );
    expect(renamed.body).toMatchObject({ name: 'Team tag', version: 2, shared: true });
    expect((await api('DELETE', `/api/v1/macros/${shared.id}`, undefined, t.admin)).status).toBe(204);
  });

  it('changes a personal macro with its version: a stale one gets 409 with the current macro', async () => {
    const m = await macro({ actions: [{ type: 'add_tags', tags: ['a'] }] });
    const changed = await api<Macro>('PATCH', `/api/v1/macros/${m.id}`, {
      version: 1,
      actions: [{ type: 'remove_tags', tags: ['a'] }],
    });
    expect(changed.body).toMatchObject({ version: 2, actions: [{ type: 'remove_tags', tags: ['a'] }] });
    const stale = await api<{ current: Macro }>('PATCH', `/api/v1/macros/${m.id}`, {
      version: 1,
      name: 'Late',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ id: m.id, version: 2 });
    expect((await api('DELETE', `/api/v1/macros/${m.id}`)).status).toBe(204);
    expect((await api('GET', `/api/v1/macros/${m.id}`)).status).toBe(404);
  });

  it('keeps names unique among my macros and among shared ones, not across agents', async () => {
    await macro({ name: 'Same name', actions: [{ type: 'add_tags', tags: ['a'] }] });
    const again = await api<Problem>('POST', '/api/v1/macros', {
      name: ' same NAME ',
      actions: [{ type: 'add_tags', tags: ['b'] }],
    });
    expect(again.status).toBe(409);
    expect(again.body.errors?.map((e) => e.field)).toEqual(['body/name']);
    const other = await t.newAgent();
    await macro({ name: 'Same name', actions: [{ type: 'add_tags', tags: ['c'] }] }, other);
    await macro({ name: 'Same name', shared: true, actions: [{ type: 'add_tags', tags: ['d'] }] }, t.admin);
  });

  it('refuses bad input with problem JSON naming the path, storing nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: '', actions: [{ type: 'add_tags', tags: ['a'] }] }, 'body/name'],
      [
        { name: 'Unknown field', actions: [{ type: 'set_field', field: 'colour', value: 'red' }] },
        'body/actions/0/field',
      ],
      [{ name: 'No tags', actions: [{ type: 'add_tags' }] }, 'body/actions/0/tags'],
      [{ name: 'Empty tags', actions: [{ type: 'add_tags', tags: [] }] }, 'body/actions/0/tags'],
      [{ name: 'Unknown type', actions: [{ type: 'explode' }] }, 'body/actions/0/type'],
      [{ name: 'Rule only', actions: [{ type: 'notify', recipient: 'owner' }] }, 'body/actions/0/type'],
      [
        { name: 'Bad status', actions: [{ type: 'set_field', field: 'status', value: 'sleeping' }] },
        'body/actions/0/value',
      ],
      [{ name: 'Empty reply', actions: [{ type: 'reply', body: ' ' }] }, 'body/actions/0/body'],
      [{ name: 'No actions', actions: [] }, 'body/actions'],
      [
        { name: 'Ghost', actions: [{ type: 'assign', agentId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }] },
        'body/actions/0/agentId',
      ],
      [{ actions: [{ type: 'add_tags', tags: ['a'] }] }, 'body/name'],
      [{ name: 'Extra', actions: [{ type: 'add_tags', tags: ['a'] }], colour: 'red' }, 'body/colour'],
    ];
    const before = (await api<{ items: Macro[] }>('GET', '/api/v1/macros')).body.items.length;
    for (const [body, path] of cases) {
      const res = await api<Problem & { type: string }>('POST', '/api/v1/macros', body);
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.type).toMatch(/problems\/validation$/);
      expect(
        res.body.errors?.map((e) => e.field),
        JSON.stringify(res.body),
      ).toContain(path);
    }
    expect((await api<{ items: Macro[] }>('GET', '/api/v1/macros')).body.items).toHaveLength(before);
  });
});
