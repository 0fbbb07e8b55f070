// The preset views (A7) over the access fixture's organisation: each view's list and side-bar
// count hold the tickets worked out by hand, and the SQL back end agrees with the in-memory one
// (the ticket with its team agent ids) for every preset and every agent.
import { and, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The console's copy (plain data, no imports): the side bar lists these and counts them here by id.
import { BUILT_IN_VIEWS } from '../../../../web/src/features/tickets-list/built-in-views.ts';
import {
  type AccessFixture,
  buildAccessFixture,
  type TicketKey,
  type Who,
} from '../../../test/access-fixture.ts';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import type { Ctx } from '../../platform/context.ts';
import { evaluate, toSql } from '../conditions/index.ts';
import { actorFor } from '../directory/index.ts';
import { ticketRegistry, ticketSnapshots, tickets, ticketTeam } from '../tickets/index.ts';
import { PRESET_VIEW_IDS, PRESET_VIEWS } from './preset-views.ts';

let t: TestApp;
let f: AccessFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildAccessFixture(t);
  // More related team members: Dora on Leo's T3, Sue (under Dora) on Dora's T5, Leo on Sue's T2.
  await t.database.db.insert(ticketTeam).values([
    { ticketId: f.tickets.T3, agentId: f.agents.director.id, access: 'read', addedAt: t.clock.now() },
    { ticketId: f.tickets.T5, agentId: f.agents.staff2.id, access: 'read', addedAt: t.clock.now() },
    { ticketId: f.tickets.T2, agentId: f.agents.lead.id, access: 'read_write', addedAt: t.clock.now() },
  ]);
  // Dora's T5 is urgent; Leo resolved his T3.
  const patch = async (key: TicketKey, body: Record<string, unknown>) => {
    const { version } = (
      await t.as(t.admin, { method: 'GET', url: `/api/v1/tickets/${f.tickets[key]}` })
    ).json();
    const res = await t.as(t.admin, {
      method: 'PATCH',
      url: `/api/v1/tickets/${f.tickets[key]}`,
      payload: { version, ...body },
    });
    if (res.statusCode !== 200) throw new Error(res.body);
  };
  await patch('T5', { priority: 'urgent' });
  await patch('T3', { status: 'resolved' });
});
afterAll(async () => t?.close());

type Expected = Record<string, TicketKey[]>;

// The fixture: roles Director > Lead > Staff (Sam, Sue); Dora heads Support (T1, T5) and so its
// sub-department Asia (T3, T7); Sue is in Returns (T2). Rules: S1 Hardware group (T2, T7) → Otto;
// S2 Returns department (T2) → Lead role; S3 Staff role's tickets (T1, T2; T6 is voided) →
// Returns members (Sue). Teams: Otto on T4, Sam on T7, plus the three rows added above.
const EXPECTED: Partial<Record<Who, Expected>> = {
  director: {
    mine: ['T5'],
    'my-urgent': ['T5'],
    'my-closed': [],
    owned: ['T5'],
    participating: ['T3'],
    subordinates: ['T1', 'T2', 'T3'],
    'subordinates-participating': ['T2', 'T5', 'T7'],
    'shared-with-me': [],
    'my-departments': ['T1', 'T3', 'T5', 'T7'],
    unassigned: ['T7'],
    all: ['T1', 'T2', 'T3', 'T5', 'T7'],
  },
  lead: {
    // T3 is resolved: no longer unresolved, but closed and still Leo's.
    mine: [],
    'my-urgent': [],
    'my-closed': ['T3'],
    owned: ['T3'],
    participating: ['T2'],
    subordinates: ['T1', 'T2'],
    // Sam is on T7 and Sue on T5, but Leo may see neither.
    'subordinates-participating': [],
    'shared-with-me': ['T2'],
    'my-departments': [],
    unassigned: [],
    all: ['T1', 'T2', 'T3'],
  },
  staff2: {
    mine: ['T2'],
    'my-urgent': [],
    'my-closed': [],
    owned: ['T2'],
    participating: ['T5'],
    subordinates: [],
    'subordinates-participating': [],
    'shared-with-me': ['T1', 'T2'],
    'my-departments': ['T2'],
    unassigned: ['T7'],
    all: ['T1', 'T2', 'T5', 'T7'],
  },
  outsider: {
    mine: [],
    'my-urgent': [],
    'my-closed': [],
    owned: [],
    participating: ['T4'],
    subordinates: [],
    'subordinates-participating': [],
    'shared-with-me': ['T2', 'T7'],
    'my-departments': [],
    unassigned: ['T4', 'T7'],
    all: ['T2', 'T4', 'T7'],
  },
};

const keys = (ids: string[]) => ids.map((id) => f.keyOf(id)).sort();

describe('preset views', () => {
  it('are the side bar’s eleven, in its order', () => {
    expect(PRESET_VIEW_IDS).toEqual([
      'mine',
      'my-urgent',
      'my-closed',
      'owned',
      'participating',
      'subordinates',
      'subordinates-participating',
      'shared-with-me',
      'my-departments',
      'unassigned',
      'all',
    ]);
  });

  it('are the console’s presets: same ids, order, conditions and sorts', () => {
    const me = f.agents.lead.id;
    const consoles = BUILT_IN_VIEWS.filter((v) => v.preset).map((v) => ({
      id: v.id,
      condition: v.filter(me),
      sort: v.sort,
    }));
    const ours = PRESET_VIEWS.map((v) => ({ id: v.id, condition: v.condition(me), sort: v.sort }));
    expect(consoles).toEqual(ours);
  });

  for (const [who, expected] of Object.entries(EXPECTED) as Array<[Who, Expected]>) {
    it(`list and count for ${who} the tickets worked out by hand`, async () => {
      const agent = f.agents[who];
      const counts = await t.as(agent, {
        method: 'POST',
        url: '/api/v1/tickets/counts',
        payload: { presets: PRESET_VIEW_IDS },
      });
      expect(counts.statusCode, counts.body).toBe(200);
      for (const view of PRESET_VIEWS) {
        const list = await t.as(agent, {
          method: 'GET',
          url: '/api/v1/tickets',
          query: { filter: JSON.stringify(view.condition(agent.id)), sort: view.sort, limit: '100' },
        });
        expect(list.statusCode, list.body).toBe(200);
        const listed = keys(list.json().items.map((i: { id: string }) => i.id));
        expect([view.id, listed]).toEqual([view.id, expected[view.id]]);
        expect([view.id, counts.json().counts[view.id]]).toEqual([view.id, expected[view.id]!.length]);
      }
    });
  }

  it('agree between SQL and in-memory evaluation for every preset and every agent', async () => {
    const db = t.database.db;
    const rows = await db.select().from(tickets);
    const snapshots = await ticketSnapshots({ db }, rows);
    for (const who of Object.keys(f.agents) as Who[]) {
      const actor = await actorFor(db, f.agents[who].id);
      const ctx: Ctx = { db, clock: t.clock, actor, channel: 'web' };
      const registry = await ticketRegistry(ctx);
      for (const view of PRESET_VIEWS) {
        const condition = view.condition(actor.id);
        const bySql = await db
          .select({ id: tickets.id })
          .from(tickets)
          .where(and(sql`TRUE`, toSql(condition, registry)));
        const inMemory = snapshots.filter((s) => evaluate(condition, s, registry)).map((s) => s.id);
        expect([who, view.id, keys(bySql.map((r) => r.id))]).toEqual([who, view.id, keys(inMemory)]);
        // The negation too: a NULL in SQL would drop rows from both sides of `not`.
        const negated = { not: condition };
        const notSql = await db.select({ id: tickets.id }).from(tickets).where(toSql(negated, registry));
        expect(notSql.length + bySql.length).toBe(rows.length);
      }
    }
  });

  it('counts presets and filters together, refusing a key used twice', async () => {
    const both = await t.as(f.agents.director, {
      method: 'POST',
      url: '/api/v1/tickets/counts',
      payload: { presets: ['mine'], filters: { open: { field: 'isOpen', op: 'eq', value: true } } },
    });
    expect(both.statusCode, both.body).toBe(200);
    // The director sees T1 T2 T3 T5 T7; T3 is resolved.
    expect(both.json().counts).toEqual({ mine: 1, open: 4 });

    const clash = await t.as(f.agents.director, {
      method: 'POST',
      url: '/api/v1/tickets/counts',
      payload: { presets: ['mine'], filters: { mine: { field: 'isOpen', op: 'eq', value: true } } },
    });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().errors[0].field).toBe('body/presets/0');

    const unknown = await t.as(f.agents.director, {
      method: 'POST',
      url: '/api/v1/tickets/counts',
      payload: { presets: ['nope'] },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('are refused in SLA policy conditions, naming the field', async () => {
    const res = await t.as(t.admin, {
      method: 'POST',
      url: '/api/v1/sla/policies',
      payload: {
        name: 'Team tickets',
        condition: {
          all: [
            { field: 'priority', op: 'eq', value: 'high' },
            { field: 'access.participant', op: 'eq', value: true },
          ],
        },
        targets: {},
      },
    });
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().errors.find((e: { field: string }) => e.field === 'body/condition/all/1/field');
    expect(error?.message).toContain('access.participant');
  });
});
