// What one agent may see and do, worked out from the organisation (walking the trees downwards).
// explain.ts answers the same question per ticket by walking upwards; the property test holds the
// two (and ticketScope's SQL) to the same answers.
import type { ActorAccess } from '../../platform/context.ts';
import { type Action, type Org, type OrgProfile, subtree, type TicketReach } from './org.ts';

const REACH_ORDER: TicketReach[] = ['rules', 'departments', 'all'];

/** The union of profiles: the widest reach, every allowed action, the most open field access. */
export function mergeProfiles(list: OrgProfile[]): Pick<ActorAccess, 'reach' | 'modules' | 'fields'> {
  let reach: TicketReach = 'rules';
  const modules: Record<string, Set<Action>> = {};
  for (const p of list) {
    if (REACH_ORDER.indexOf(p.ticketReach) > REACH_ORDER.indexOf(reach)) reach = p.ticketReach;
    for (const [module, actions] of Object.entries(p.permissions)) {
      const set = modules[module] ?? new Set<Action>();
      for (const a of actions) set.add(a);
      modules[module] = set;
    }
  }
  const fields: Record<string, 'hidden' | 'read_only'> = {};
  if (list.length) {
    const keys = new Set(list.flatMap((p) => Object.keys(p.fieldAccess)));
    for (const key of keys) {
      const each = list.map((p) => p.fieldAccess[key]);
      if (each.some((a) => a === undefined)) continue; // editable somewhere wins
      fields[key] = each.every((a) => a === 'hidden') ? 'hidden' : 'read_only';
    }
  }
  return {
    reach,
    modules: Object.fromEntries(Object.entries(modules).map(([m, s]) => [m, [...s]])),
    fields,
  };
}

/** The departments an agent heads, with their sub-departments when the setting says so. */
export function headedDepartments(org: Org, agentId: string): string[] {
  const headed = org.departments.filter((d) => d.headAgentId === agentId).map((d) => d.id);
  if (!org.headsSeeSubDepartments) return headed;
  return [...new Set(headed.flatMap((id) => subtree(org.departments, id)))];
}

export function computeAccess(org: Org, agentId: string): ActorAccess {
  const agent = org.agents.find((a) => a.id === agentId);
  const roleId = agent?.roleId ?? '';
  const role = org.roles.find((r) => r.id === roleId);
  const profiles = org.profiles.filter((p) => role?.profileIds.includes(p.id));
  const merged = mergeProfiles(profiles);

  const below = new Set(subtree(org.roles, roleId).filter((id) => id !== roleId));
  const subordinates = org.agents.filter((a) => below.has(a.roleId)).map((a) => a.id);
  const groups = org.groups.filter((g) => g.memberIds.includes(agentId)).map((g) => g.id);
  const memberOf = org.departments.filter((d) => d.memberIds.includes(agentId)).map((d) => d.id);
  const headed = headedDepartments(org, agentId);

  const write = {
    owners: new Set([agentId, ...subordinates]),
    groups: new Set(groups),
    departments: new Set([...headed, ...(merged.reach === 'departments' ? memberOf : [])]),
  };
  const read = {
    owners: new Set(write.owners),
    groups: new Set(write.groups),
    departments: new Set(write.departments),
  };

  const shared = { owners: new Set<string>(), groups: new Set<string>(), departments: new Set<string>() };
  const myRoles = new Set(roleId ? [roleId] : []);
  for (const rule of org.sharingRules) {
    const applies =
      (rule.targetType === 'agent' && rule.targetId === agentId) ||
      (rule.targetType === 'group' && groups.includes(rule.targetId)) ||
      (rule.targetType === 'department' && memberOf.includes(rule.targetId)) ||
      (rule.targetType === 'role' && myRoles.has(rule.targetId)) ||
      (rule.targetType === 'role_and_subordinates' && subtree(org.roles, rule.targetId).includes(roleId));
    if (!applies) continue;
    const sets = rule.access === 'read_write' ? [read, write, shared] : [read, shared];
    for (const s of sets) {
      if (rule.sourceType === 'agent') s.owners.add(rule.sourceId);
      else if (rule.sourceType === 'group') s.groups.add(rule.sourceId);
      else if (rule.sourceType === 'department') s.departments.add(rule.sourceId);
      else {
        const roles = new Set(subtree(org.roles, rule.sourceId));
        for (const a of org.agents) if (roles.has(a.roleId)) s.owners.add(a.id);
      }
    }
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return {
    roleId,
    ...merged,
    read: { owners: sorted(read.owners), groups: sorted(read.groups), departments: sorted(read.departments) },
    shared: {
      owners: sorted(shared.owners),
      groups: sorted(shared.groups),
      departments: sorted(shared.departments),
    },
    write: {
      owners: sorted(write.owners),
      groups: sorted(write.groups),
      departments: sorted(write.departments),
    },
    subordinates: subordinates.sort(),
    departments: [...new Set([...memberOf, ...headed])].sort(),
    groups: groups.sort(),
  };
}
