// ticketScope's SQL (and its write variant) agrees with the in-memory reference (explain.ts, which
// walks the trees upwards from each ticket) for random organisations and tickets, on both engines.
import { and, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainTicketAccess, ticketScope, ticketWriteScope } from '../src/modules/access/index.ts';
import { actorFor, loadOrg } from '../src/modules/directory/index.ts';
import {
  agents as agentsTable,
  departmentMembers,
  departments,
  groupMembers,
  groups,
  profiles,
  roleProfiles,
  roles,
  sharingRules,
} from '../src/modules/directory/schema.ts';
import { tickets, ticketTeam } from '../src/modules/tickets/index.ts';
import { uuidArray } from '../src/platform/db.ts';
import { appSettings } from '../src/platform/schema.ts';
import { createTestApp, type TestApp } from './app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** Mulberry32: a small seeded generator, so a failure can be replayed from its seed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const maybe = <T>(list: readonly T[], p = 0.6): T | null => (next() < p && list.length ? pick(list) : null);
  const some = <T>(list: readonly T[], p = 0.3): T[] => list.filter(() => next() < p);
  return { next, int, pick, maybe, some };
}

let serial = 0;

async function randomOrganisation(seed: number) {
  const r = generator(seed);
  const db = t.database.db;
  const now = t.clock.now();
  serial += 1;
  const tag = `${seed}-${serial}`;
  const reaches = ['all', 'departments', 'rules'] as const;
  const profileIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const [p] = await db
      .insert(profiles)
      .values({
        name: `P${i} ${tag}`,
        ticketReach: i === 0 ? 'rules' : r.pick(reaches),
        permissions: { tickets: ['view', 'create', 'edit'] },
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    profileIds.push(p!.id);
  }
  const roleIds: string[] = [];
  for (let i = 0; i < 2 + r.int(6); i++) {
    const parentId = roleIds.length ? r.pick(roleIds) : '00000000-0000-4000-8000-0000000000b1';
    const [role] = await db
      .insert(roles)
      .values({ name: `R${i} ${tag}`, parentId, createdAt: now })
      .returning();
    roleIds.push(role!.id);
    const chosen = r.some(profileIds, 0.4);
    for (const profileId of chosen.length ? chosen : [profileIds[0]!])
      await db.insert(roleProfiles).values({ roleId: role!.id, profileId });
  }
  const agentIds: string[] = [];
  for (let i = 0; i < 4 + r.int(6); i++) {
    const [a] = await db
      .insert(agentsTable)
      .values({
        name: `A${i} ${tag}`,
        email: `a${i}.${tag}@example.com`,
        roleId: r.pick(roleIds),
        admin: r.next() < 0.1,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    agentIds.push(a!.id);
  }
  const groupIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const [g] = await db
      .insert(groups)
      .values({ name: `G${i} ${tag}`, createdAt: now })
      .returning();
    groupIds.push(g!.id);
    for (const agentId of r.some(agentIds)) await db.insert(groupMembers).values({ groupId: g!.id, agentId });
  }
  const deptIds: string[] = [];
  for (let i = 0; i < 4; i++) {
    const [d] = await db
      .insert(departments)
      .values({
        name: `D${i} ${tag}`,
        parentId: r.maybe(deptIds, 0.5),
        headAgentId: r.maybe(agentIds, 0.5),
        createdAt: now,
      })
      .returning();
    deptIds.push(d!.id);
    for (const agentId of r.some(agentIds))
      await db.insert(departmentMembers).values({ departmentId: d!.id, agentId });
  }
  const sources = {
    agent: agentIds,
    group: groupIds,
    department: deptIds,
    role_and_subordinates: roleIds,
  } as const;
  const targets = { ...sources, role: roleIds } as const;
  for (let i = 0; i < r.int(5); i++) {
    const sourceType = r.pick(Object.keys(sources) as Array<keyof typeof sources>);
    const targetType = r.pick(Object.keys(targets) as Array<keyof typeof targets>);
    await db.insert(sharingRules).values({
      sourceType,
      sourceId: r.pick(sources[sourceType]),
      targetType,
      targetId: r.pick(targets[targetType]),
      access: r.next() < 0.5 ? 'read' : 'read_write',
      createdAt: now,
    });
  }
  await db
    .insert(appSettings)
    .values({ key: 'access', value: { headsSeeSubDepartments: r.next() < 0.5 } })
    .onConflictDoUpdate({
      target: appSettings.key,
      set: { value: { headsSeeSubDepartments: r.next() < 0.5 } },
    });

  const ticketIds: string[] = [];
  for (let i = 0; i < 30; i++) {
    const id = crypto.randomUUID();
    await db.execute(sql`INSERT INTO tickets (id, number, seq, subject, status, status_category, priority, priority_rank,
        channel, owner_agent_id, owner_group_id, department_id, voided_at, created_at, updated_at)
      VALUES (${id}, ${`PT-${tag}-${i}`}, nextval('ticket_seq'), ${`t${i}`}, 'new', 'new', 'normal', 2, 'api',
        ${r.maybe(agentIds)}, ${r.maybe(groupIds, 0.4)}, ${r.maybe(deptIds, 0.5)},
        ${r.next() < 0.1 ? now.toISOString() : null}, ${now.toISOString()}, ${now.toISOString()})`);
    ticketIds.push(id);
    for (const agentId of r.some(agentIds, 0.1))
      await db
        .insert(ticketTeam)
        .values({ ticketId: id, agentId, access: r.next() < 0.5 ? 'read' : 'read_write', addedAt: now });
  }
  return { agentIds, ticketIds };
}

describe('ticketScope', () => {
  it('agrees with the in-memory reference for random organisations', async () => {
    const base = Number(process.env.ACCESS_SEED ?? Date.now() % 100_000);
    let compared = 0;
    for (let round = 0; round < 12; round++) {
      const seed = base + round;
      const { agentIds, ticketIds } = await randomOrganisation(seed);
      const org = await loadOrg(t.database.db);
      const rows = await t.database.db
        .select()
        .from(tickets)
        .where(sql`${tickets.id} = ANY(${uuidArray(ticketIds)})`);
      const team = await t.database.db
        .select()
        .from(ticketTeam)
        .where(sql`${ticketTeam.ticketId} = ANY(${uuidArray(ticketIds)})`);
      for (const agentId of agentIds) {
        const actor = await actorFor(t.database.db, agentId);
        const inScope = (scope: ReturnType<typeof ticketScope>) =>
          t.database.db
            .select({ id: tickets.id })
            .from(tickets)
            .where(and(sql`${tickets.id} = ANY(${uuidArray(ticketIds)})`, scope))
            .then((found) => found.map((x) => x.id).sort());
        const sees = await inScope(ticketScope(actor));
        const writes = await inScope(ticketWriteScope(actor));
        const expected = rows.map((row) => ({
          id: row.id,
          ...explainTicketAccess(org, agentId, {
            ownerAgentId: row.ownerAgentId,
            ownerGroupId: row.ownerGroupId,
            departmentId: row.departmentId,
            voided: row.voidedAt !== null,
            team: team.filter((m) => m.ticketId === row.id),
          }),
        }));
        const context = `seed ${seed}, agent ${agentId}`;
        expect([context, sees]).toEqual([
          context,
          expected
            .filter((e) => e.visible)
            .map((e) => e.id)
            .sort(),
        ]);
        expect([context, writes]).toEqual([
          context,
          expected
            .filter((e) => e.writable)
            .map((e) => e.id)
            .sort(),
        ]);
        compared += rows.length;
      }
    }
    console.log(`ticketScope agreed with the reference on ${compared} agent × ticket pairs (seed ${base})`);
  });
});
