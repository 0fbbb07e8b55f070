// Why one agent may or may not see one ticket, in plain reasons ("owner's manager", "member of
// group Refunds", "sharing rule 3"). It answers from the ticket's side, walking the trees upwards,
// so it is also the in-memory reference that ticketScope's SQL is tested against.
import { ancestry, type Org } from './org.ts';

export interface TicketFacts {
  ownerAgentId: string | null;
  ownerGroupId: string | null;
  departmentId: string | null;
  voided: boolean;
  /** Related team members of the ticket. */
  team: ReadonlyArray<{ agentId: string; access: 'read' | 'read_write' }>;
}

export type AccessReason =
  | { kind: 'administrator' }
  | { kind: 'all_tickets' }
  | { kind: 'owner' }
  | { kind: 'owners_manager'; ownerId: string; ownerName: string }
  | { kind: 'group_member'; groupId: string; groupName: string }
  | { kind: 'department_head'; departmentId: string; departmentName: string }
  | { kind: 'department_member'; departmentId: string; departmentName: string }
  | { kind: 'team_member'; access: 'read' | 'read_write' }
  | { kind: 'sharing_rule'; ruleId: string; number: number; access: 'read' | 'read_write' };

export interface AccessExplanation {
  visible: boolean;
  writable: boolean;
  /** Each way the agent reaches the ticket, with whether it allows acting (read_write). */
  reasons: Array<AccessReason & { writes: boolean }>;
  /** When not visible: voided (administrators only) or no rule reaches it. */
  blockedBy: 'voided' | 'no_rule' | null;
}

export function explainTicketAccess(org: Org, agentId: string, ticket: TicketFacts): AccessExplanation {
  const agent = org.agents.find((a) => a.id === agentId);
  const reasons: AccessExplanation['reasons'] = [];
  if (agent?.admin) reasons.push({ kind: 'administrator', writes: true });
  else if (ticket.voided) return { visible: false, writable: false, reasons: [], blockedBy: 'voided' };

  const role = org.roles.find((r) => r.id === agent?.roleId);
  const reaches = org.profiles.filter((p) => role?.profileIds.includes(p.id)).map((p) => p.ticketReach);
  if (!agent?.admin && reaches.includes('all')) reasons.push({ kind: 'all_tickets', writes: true });

  const owner = org.agents.find((a) => a.id === ticket.ownerAgentId);
  if (ticket.ownerAgentId === agentId) reasons.push({ kind: 'owner', writes: true });
  else if (owner && agent && ancestry(org.roles, owner.roleId).slice(1).includes(agent.roleId))
    reasons.push({ kind: 'owners_manager', ownerId: owner.id, ownerName: owner.name, writes: true });

  const group = org.groups.find((g) => g.id === ticket.ownerGroupId);
  if (group?.memberIds.includes(agentId))
    reasons.push({ kind: 'group_member', groupId: group.id, groupName: group.name, writes: true });

  if (ticket.departmentId) {
    const chain = ancestry(org.departments, ticket.departmentId);
    const considered = org.headsSeeSubDepartments ? chain : chain.slice(0, 1);
    const head = considered
      .map((id) => org.departments.find((d) => d.id === id))
      .find((d) => d?.headAgentId === agentId);
    if (head)
      reasons.push({
        kind: 'department_head',
        departmentId: head.id,
        departmentName: head.name,
        writes: true,
      });
    const own = org.departments.find((d) => d.id === ticket.departmentId);
    if (own && reaches.includes('departments') && own.memberIds.includes(agentId))
      reasons.push({
        kind: 'department_member',
        departmentId: own.id,
        departmentName: own.name,
        writes: true,
      });
  }

  const member = ticket.team.find((m) => m.agentId === agentId);
  if (member)
    reasons.push({ kind: 'team_member', access: member.access, writes: member.access === 'read_write' });

  for (const rule of org.sharingRules) {
    if (!ruleTargets(org, rule, agentId) || !ruleCovers(org, rule, ticket)) continue;
    reasons.push({
      kind: 'sharing_rule',
      ruleId: rule.id,
      number: rule.number,
      access: rule.access,
      writes: rule.access === 'read_write',
    });
  }
  const visible = reasons.length > 0;
  return {
    visible,
    writable: reasons.some((r) => r.writes),
    reasons,
    blockedBy: visible ? null : 'no_rule',
  };
}

function ruleTargets(org: Org, rule: Org['sharingRules'][number], agentId: string): boolean {
  const agent = org.agents.find((a) => a.id === agentId);
  switch (rule.targetType) {
    case 'agent':
      return rule.targetId === agentId;
    case 'group':
      return !!org.groups.find((g) => g.id === rule.targetId)?.memberIds.includes(agentId);
    case 'department':
      return !!org.departments.find((d) => d.id === rule.targetId)?.memberIds.includes(agentId);
    case 'role':
      return agent?.roleId === rule.targetId;
    case 'role_and_subordinates':
      return !!agent && ancestry(org.roles, agent.roleId).includes(rule.targetId);
  }
}

function ruleCovers(org: Org, rule: Org['sharingRules'][number], ticket: TicketFacts): boolean {
  switch (rule.sourceType) {
    case 'agent':
      return ticket.ownerAgentId === rule.sourceId;
    case 'group':
      return ticket.ownerGroupId === rule.sourceId;
    case 'department':
      return ticket.departmentId === rule.sourceId;
    case 'role_and_subordinates': {
      const owner = org.agents.find((a) => a.id === ticket.ownerAgentId);
      return !!owner && ancestry(org.roles, owner.roleId).includes(rule.sourceId);
    }
  }
}
