// The organisation loaded whole for access (roles, profiles, agents, groups, departments, sharing
// rules): a few hundred rows, remembered with the resolved credentials and forgotten on every
// node whenever anything in it changes (credentialsChanged).
import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { appSettings } from '../../platform/schema.ts';
import { computeAccess, type Org } from '../access/index.ts';
import type { AgentRow } from './agents.ts';
import type { CredentialCache } from './credential-cache.ts';
import {
  agents,
  departmentMembers,
  departments,
  groupMembers,
  groups,
  profiles,
  roleProfiles,
  roles,
  sharingRules,
} from './schema.ts';

export const ACCESS_SETTINGS_KEY = 'access';

export interface AccessSettings {
  headsSeeSubDepartments: boolean;
}

export async function readAccessSettings(db: Db): Promise<AccessSettings> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, ACCESS_SETTINGS_KEY));
  const value = (row?.value ?? {}) as Partial<AccessSettings>;
  return { headsSeeSubDepartments: value.headsSeeSubDepartments ?? true };
}

/** `remember`: keep it in the credential cache (forgotten with it). */
export async function loadOrg(
  db: Db,
  remember?: { cache: CredentialCache | undefined; nowMs: number },
): Promise<Org> {
  const cached = remember?.cache?.get<Org>('org', remember.nowMs);
  if (cached) return cached;
  const [
    roleRows,
    links,
    profileRows,
    agentRows,
    groupRows,
    groupLinks,
    deptRows,
    deptLinks,
    rules,
    settings,
  ] = await Promise.all([
    db.select().from(roles),
    db.select().from(roleProfiles),
    db.select().from(profiles),
    db
      .select({
        id: agents.id,
        name: agents.name,
        roleId: agents.roleId,
        admin: agents.admin,
        active: agents.active,
      })
      .from(agents),
    db.select({ id: groups.id, name: groups.name }).from(groups),
    db.select().from(groupMembers),
    db.select().from(departments),
    db.select().from(departmentMembers),
    db.select().from(sharingRules),
    readAccessSettings(db),
  ]);
  const org: Org = {
    roles: roleRows.map((r) => ({
      id: r.id,
      name: r.name,
      parentId: r.parentId,
      profileIds: links.filter((l) => l.roleId === r.id).map((l) => l.profileId),
    })),
    profiles: profileRows.map((p) => ({
      id: p.id,
      name: p.name,
      ticketReach: p.ticketReach,
      permissions: p.permissions,
      fieldAccess: p.fieldAccess,
    })),
    agents: agentRows,
    groups: groupRows.map((g) => ({
      ...g,
      memberIds: groupLinks.filter((m) => m.groupId === g.id).map((m) => m.agentId),
    })),
    departments: deptRows.map((d) => ({
      id: d.id,
      name: d.name,
      parentId: d.parentId,
      headAgentId: d.headAgentId,
      memberIds: deptLinks.filter((m) => m.departmentId === d.id).map((m) => m.agentId),
    })),
    sharingRules: rules.map((r) => ({
      id: r.id,
      number: r.number,
      sourceType: r.sourceType,
      sourceId: r.sourceId,
      targetType: r.targetType,
      targetId: r.targetId,
      access: r.access,
    })),
    headsSeeSubDepartments: settings.headsSeeSubDepartments,
  };
  remember?.cache?.set('org', org, remember.nowMs);
  return org;
}

export function actorOf(row: AgentRow, org: Org): Extract<Actor, { type: 'agent' }> {
  return {
    type: 'agent',
    id: row.id,
    name: row.name,
    admin: row.admin,
    language: row.language,
    timeZone: row.timeZone,
    access: computeAccess(org, row.id),
  };
}

/** The actor of an agent as they are now (seeds, imports, tests acting as someone). */
export async function actorFor(db: Db, agentId: string): Promise<Extract<Actor, { type: 'agent' }>> {
  const [row] = await db.select().from(agents).where(eq(agents.id, agentId));
  if (!row) throw notFound('Agent');
  return actorOf(row, await loadOrg(db));
}
