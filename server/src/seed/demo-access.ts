// Who sees what in the demo (A2–A6): a reports-to tree of roles under the shipped ones, the
// departments' heads, members and a sub-department, three sharing rules, and colleagues added to a
// few tickets' related teams. The demo sign-in (Sarah Mitchell, shipped Agent role) sees her own,
// her groups' and what is shared with her; the administrator sees everything. Idempotent: records
// found by name are reused.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import {
  agents,
  departmentMembers,
  departments,
  roleProfiles,
  roles,
  SHIPPED,
  sharingRules,
} from '../modules/directory/index.ts';
import { addTeamMember, type TicketCtx, tickets } from '../modules/tickets/index.ts';
import type { Db } from '../platform/db.ts';
import type { DemoAgent } from './demo-model.ts';

interface RoleSeed {
  name: string;
  description: string;
  parent: string;
  profileId: string;
}

const LEAD_APAC = 'Team lead – Asia Pacific';
const AGENT_APAC = 'Agent – Asia Pacific';
const LEAD_EUROPE = 'Team lead – Europe';
const AGENT_EUROPE = 'Agent – Europe';
const AUDITOR = 'Quality auditor';

/** Below the shipped Support manager role; parents before children. */
const ROLES: RoleSeed[] = [
  {
    name: LEAD_APAC,
    description: 'Leads the mainland China and Taiwan agents',
    parent: 'Support manager',
    profileId: SHIPPED.agentProfile,
  },
  {
    name: AGENT_APAC,
    description: 'Agents in Shanghai and Taipei',
    parent: LEAD_APAC,
    profileId: SHIPPED.agentProfile,
  },
  {
    name: LEAD_EUROPE,
    description: 'Leads the French and CIS agents',
    parent: 'Support manager',
    profileId: SHIPPED.agentProfile,
  },
  {
    name: AGENT_EUROPE,
    description: 'Agents in Paris and Moscow',
    parent: LEAD_EUROPE,
    profileId: SHIPPED.agentProfile,
  },
  {
    name: AUDITOR,
    description: 'Reads every ticket for quality reviews, changes nothing',
    parent: 'Administrator',
    profileId: SHIPPED.readOnlyProfile,
  },
];

/** Each demo agent's role, by login name; the others keep the shipped Agent role. */
const ROLE_OF: Record<string, string> = {
  'Priya Raman': 'Support manager',
  'Tom Becker': 'Support manager',
  陈静: LEAD_APAC,
  王芳: AGENT_APAC,
  林志明: AGENT_APAC,
  黃雅婷: AGENT_APAC,
  'Ольга Иванова': LEAD_EUROPE,
  'Алексей Смирнов': AGENT_EUROPE,
  'Camille Dubois': AGENT_EUROPE,
  'Julien Moreau': AGENT_EUROPE,
};

const APAC_DEPARTMENT = 'Support Asia Pacific';

async function ensureRoles(db: Db, now: Date): Promise<Map<string, string>> {
  const ids = new Map<string, string>([
    ['Administrator', SHIPPED.administratorRole],
    ['Support manager', SHIPPED.supportManagerRole],
    ['Agent', SHIPPED.agentRole],
  ]);
  for (const seed of ROLES) {
    const [found] = await db.select({ id: roles.id }).from(roles).where(eq(roles.name, seed.name));
    if (found) {
      ids.set(seed.name, found.id);
      continue;
    }
    const [row] = await db
      .insert(roles)
      .values({
        name: seed.name,
        description: seed.description,
        parentId: ids.get(seed.parent)!,
        createdAt: now,
      })
      .returning({ id: roles.id });
    await db.insert(roleProfiles).values({ roleId: row!.id, profileId: seed.profileId });
    ids.set(seed.name, row!.id);
  }
  return ids;
}

/**
 * Roles, department heads and members, the Asia Pacific sub-department and the sharing rules.
 * `departmentIds` by name: "Support" and "Returns & Repairs".
 */
export async function applyDemoAccess(
  db: Db,
  now: Date,
  team: DemoAgent[],
  departmentIds: { support: string; returns: string },
): Promise<void> {
  const roleIds = await ensureRoles(db, now);
  const byName = new Map(team.map((a) => [a.name, a]));
  const id = (name: string) => byName.get(name)!.id;
  for (const [name, role] of Object.entries(ROLE_OF)) {
    const agent = byName.get(name);
    if (agent)
      await db
        .update(agents)
        .set({ roleId: roleIds.get(role)! })
        .where(eq(agents.id, agent.id));
  }

  let [apac] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(eq(departments.name, APAC_DEPARTMENT));
  if (!apac) {
    [apac] = await db
      .insert(departments)
      .values({ name: APAC_DEPARTMENT, parentId: departmentIds.support, createdAt: now })
      .returning({ id: departments.id });
  }
  const structure: Array<{ id: string; head: string; members: string[] }> = [
    {
      id: departmentIds.support,
      head: 'Priya Raman',
      members: [
        'Priya Raman',
        'Sarah Mitchell',
        'James Carter',
        'Алексей Смирнов',
        'Ольга Иванова',
        'Camille Dubois',
      ],
    },
    { id: apac!.id, head: '陈静', members: ['陈静', '王芳', '林志明', '黃雅婷'] },
    { id: departmentIds.returns, head: 'Tom Becker', members: ['Tom Becker', 'Julien Moreau', '黃雅婷'] },
  ];
  for (const d of structure) {
    await db
      .update(departments)
      .set({ headAgentId: id(d.head) })
      .where(eq(departments.id, d.id));
    await db
      .insert(departmentMembers)
      .values(d.members.map((m) => ({ departmentId: d.id, agentId: id(m) })))
      .onConflictDoNothing();
  }

  const rules: Array<Omit<typeof sharingRules.$inferInsert, 'createdAt'>> = [
    // The refunds of the Returns department, read by everyone in Support (customers ask them).
    {
      sourceType: 'department',
      sourceId: departmentIds.returns,
      targetType: 'department',
      targetId: departmentIds.support,
      access: 'read',
    },
    // Sarah covers for James: his tickets, read and write.
    {
      sourceType: 'agent',
      sourceId: id('James Carter'),
      targetType: 'agent',
      targetId: id('Sarah Mitchell'),
      access: 'read_write',
    },
    // The Europe team lead reads what the Asia Pacific team works on (follow-the-sun hand-overs).
    {
      sourceType: 'role_and_subordinates',
      sourceId: roleIds.get(LEAD_APAC)!,
      targetType: 'role',
      targetId: roleIds.get(LEAD_EUROPE)!,
      access: 'read',
    },
  ];
  for (const rule of rules) {
    const [found] = await db
      .select({ id: sharingRules.id })
      .from(sharingRules)
      .where(
        and(
          eq(sharingRules.sourceType, rule.sourceType),
          eq(sharingRules.sourceId, rule.sourceId),
          eq(sharingRules.targetType, rule.targetType),
          eq(sharingRules.targetId, rule.targetId),
        ),
      );
    if (!found) await db.insert(sharingRules).values({ ...rule, createdAt: now });
  }
}

/**
 * A few tickets get related team members: Sarah follows some of Tom's repairs (read) and
 * 王芳 helps on some of Priya's escalations (read and write).
 */
export async function addDemoTeamMembers(
  ctx: TicketCtx,
  ticketIds: string[],
  team: DemoAgent[],
): Promise<number> {
  const byName = new Map(team.map((a) => [a.name, a]));
  const pairs: Array<[owner: string, colleague: string, access: 'read' | 'read_write']> = [
    ['Tom Becker', 'Sarah Mitchell', 'read'],
    ['Priya Raman', '王芳', 'read_write'],
  ];
  let added = 0;
  for (const [owner, colleague, access] of pairs) {
    const ownerId = byName.get(owner)?.id;
    const colleagueId = byName.get(colleague)?.id;
    if (!ownerId || !colleagueId || ticketIds.length === 0) continue;
    const owned = await ctx.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(
        and(
          inArray(tickets.id, ticketIds),
          eq(tickets.ownerAgentId, ownerId),
          isNull(tickets.voidedAt),
          isNull(tickets.mergedIntoId),
        ),
      )
      .orderBy(tickets.seq)
      .limit(3);
    for (const t of owned) {
      await addTeamMember(ctx, t.id, { agentId: colleagueId, access });
      added += 1;
    }
  }
  return added;
}
