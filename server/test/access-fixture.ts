// A small organisation for access tests: a 4-level role tree, departments with a sub-department,
// groups, three sharing rules, related team members, a voided ticket, a read-only and a hidden
// field. Written straight into the tables (the administration API has its own tests).
import { eq, sql } from 'drizzle-orm';
import {
  departmentMembers,
  departments,
  groupMembers,
  groups,
  SHIPPED,
} from '../src/modules/directory/index.ts';
import { profiles, roleProfiles, roles, sharingRules } from '../src/modules/directory/schema.ts';
import { tickets, ticketTeam } from '../src/modules/tickets/index.ts';
import type { TestAgent, TestApp } from './app.ts';

export type Who = 'admin' | 'observer' | 'director' | 'lead' | 'staff1' | 'staff2' | 'outsider';
export type TicketKey = 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6' | 'T7';

export interface AccessFixture {
  agents: Record<Who, TestAgent>;
  tickets: Record<TicketKey, string>;
  /** Ticket key by id, to print sets readably. */
  keyOf(id: string): TicketKey | string;
}

export async function buildAccessFixture(t: TestApp): Promise<AccessFixture> {
  const db = t.database.db;
  const now = t.clock.now();
  const [limited] = await db
    .insert(profiles)
    .values({
      name: `Limited ${Math.random()}`,
      ticketReach: 'rules',
      permissions: { tickets: ['view', 'create', 'edit'], contacts: ['view'] },
      fieldAccess: { priority: 'read_only', severity: 'hidden' },
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const role = async (name: string, parentId: string, profileId: string) => {
    const [row] = await db
      .insert(roles)
      .values({ name: `${name} ${Math.random()}`, parentId, createdAt: now })
      .returning();
    await db.insert(roleProfiles).values({ roleId: row!.id, profileId });
    return row!.id;
  };
  const director = await role('Director', SHIPPED.administratorRole, SHIPPED.supportManagerProfile);
  const lead = await role('Lead', director, SHIPPED.agentProfile);
  const staff = await role('Staff', lead, limited!.id);
  const observer = await role('Observer', SHIPPED.administratorRole, SHIPPED.readOnlyProfile);

  const agents = {
    admin: t.admin,
    observer: await t.newAgent({ name: 'Olga Observer', roleId: observer }),
    director: await t.newAgent({ name: 'Dora Director', roleId: director }),
    lead: await t.newAgent({ name: 'Leo Lead', roleId: lead }),
    staff1: await t.newAgent({ name: 'Sam Staff', roleId: staff }),
    staff2: await t.newAgent({ name: 'Sue Staff', roleId: staff }),
    outsider: await t.newAgent({ name: 'Otto Outsider', roleId: SHIPPED.agentRole }),
  } satisfies Record<Who, TestAgent>;

  const dept = async (
    name: string,
    parentId: string | null,
    headAgentId: string | null,
    members: string[],
  ) => {
    const [row] = await db
      .insert(departments)
      .values({ name: `${name} ${Math.random()}`, parentId, headAgentId, createdAt: now })
      .returning();
    for (const agentId of members)
      await db.insert(departmentMembers).values({ departmentId: row!.id, agentId });
    return row!.id;
  };
  const d1 = await dept('Support', null, agents.director.id, [agents.director.id]);
  const d1a = await dept('Support Asia', d1, null, []);
  const d2 = await dept('Returns', null, null, [agents.staff2.id]);
  const group = async (name: string, members: string[]) => {
    const [row] = await db
      .insert(groups)
      .values({ name: `${name} ${Math.random()}`, createdAt: now })
      .returning();
    for (const agentId of members) await db.insert(groupMembers).values({ groupId: row!.id, agentId });
    return row!.id;
  };
  const g1 = await group('Refunds', [agents.staff1.id]);
  const g2 = await group('Hardware', [agents.staff2.id]);

  await db.insert(sharingRules).values([
    // S1: the Hardware group's tickets, read by the outsider.
    {
      sourceType: 'group',
      sourceId: g2,
      targetType: 'agent',
      targetId: agents.outsider.id,
      access: 'read',
      createdAt: now,
    },
    // S2: the Returns department's tickets, read-write for the Lead role.
    {
      sourceType: 'department',
      sourceId: d2,
      targetType: 'role',
      targetId: lead,
      access: 'read_write',
      createdAt: now,
    },
    // S3: tickets owned by the Staff role (and below), read by the Returns department's members.
    {
      sourceType: 'role_and_subordinates',
      sourceId: staff,
      targetType: 'department',
      targetId: d2,
      access: 'read',
      createdAt: now,
    },
  ]);

  const create = async (subject: string, fields: Record<string, unknown>) => {
    const res = await t.as(t.admin, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject, description: `About ${subject}`, ...fields },
    });
    if (res.statusCode !== 201) throw new Error(`${subject}: ${res.body}`);
    const id = res.json().id as string;
    await t.as(t.admin, {
      method: 'POST',
      url: `/api/v1/tickets/${id}/messages`,
      payload: { kind: 'note', body: `Working on ${subject}` },
    });
    return id;
  };
  const ids = {
    T1: await create('T1 refund owned by Sam', {
      ownerAgentId: agents.staff1.id,
      ownerGroupId: g1,
      departmentId: d1,
    }),
    T2: await create('T2 hardware owned by Sue', {
      ownerAgentId: agents.staff2.id,
      ownerGroupId: g2,
      departmentId: d2,
    }),
    T3: await create('T3 owned by Leo in Asia', { ownerAgentId: agents.lead.id, departmentId: d1a }),
    T4: await create('T4 nobody owns', {}),
    T5: await create('T5 owned by Dora', { ownerAgentId: agents.director.id, departmentId: d1 }),
    T6: await create('T6 voided, owned by Sam', { ownerAgentId: agents.staff1.id, ownerGroupId: g1 }),
    T7: await create('T7 hardware queue in Asia', { ownerGroupId: g2, departmentId: d1a }),
  } satisfies Record<TicketKey, string>;
  await db.insert(ticketTeam).values([
    { ticketId: ids.T4, agentId: agents.outsider.id, access: 'read_write', addedAt: now },
    { ticketId: ids.T7, agentId: agents.staff1.id, access: 'read', addedAt: now },
  ]);
  await db.update(tickets).set({ voidedAt: now }).where(eq(tickets.id, ids.T6));
  // New access for everyone: the credential cache forgets what it resolved.
  await db.execute(sql`NOTIFY caseway_credentials`);
  const byId = new Map(Object.entries(ids).map(([k, v]) => [v, k as TicketKey]));
  return { agents, tickets: ids, keyOf: (id) => byId.get(id) ?? id };
}
