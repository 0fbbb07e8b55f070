// The organisation as access needs it: roles, profiles, agents, groups, departments and sharing
// rules, loaded whole by the directory (a few hundred rows) and worked on in memory.

export const TICKET_REACHES = ['all', 'departments', 'rules'] as const;
export type TicketReach = (typeof TICKET_REACHES)[number];

export const ACTIONS = ['view', 'create', 'edit', 'delete', 'export'] as const;
export type Action = (typeof ACTIONS)[number];

/** Per module, the actions a profile allows. */
export type ModulePermissions = Record<string, Action[]>;
/** Per ticket field (`priority`, `custom.warranty`), hidden or read-only; absent means editable. */
export type FieldAccess = Record<string, 'hidden' | 'read_only'>;

export interface OrgProfile {
  id: string;
  name: string;
  ticketReach: TicketReach;
  permissions: ModulePermissions;
  fieldAccess: FieldAccess;
}

export interface OrgRole {
  id: string;
  name: string;
  parentId: string | null;
  profileIds: string[];
}

export interface OrgAgent {
  id: string;
  name: string;
  roleId: string;
  admin: boolean;
  active: boolean;
}

export interface OrgGroup {
  id: string;
  name: string;
  memberIds: string[];
}

export interface OrgDepartment {
  id: string;
  name: string;
  parentId: string | null;
  headAgentId: string | null;
  memberIds: string[];
}

export type SharingSource = 'agent' | 'group' | 'department' | 'role_and_subordinates';
export type SharingTarget = 'agent' | 'group' | 'department' | 'role' | 'role_and_subordinates';

export interface OrgSharingRule {
  id: string;
  number: number;
  sourceType: SharingSource;
  sourceId: string;
  targetType: SharingTarget;
  targetId: string;
  access: 'read' | 'read_write';
}

export interface Org {
  roles: OrgRole[];
  profiles: OrgProfile[];
  agents: OrgAgent[];
  groups: OrgGroup[];
  departments: OrgDepartment[];
  sharingRules: OrgSharingRule[];
  /** The FxiaoKe 上级可见数据范围 setting: a department head also sees the sub-departments. */
  headsSeeSubDepartments: boolean;
}

/** The ids of `rootId` and everything below it in a parent tree (roles or departments). */
export function subtree(
  nodes: ReadonlyArray<{ id: string; parentId: string | null }>,
  rootId: string,
): string[] {
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    if (n.parentId === null) continue;
    const list = children.get(n.parentId) ?? [];
    list.push(n.id);
    children.set(n.parentId, list);
  }
  const out: string[] = [];
  const seen = new Set<string>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** The chain from `id` up to the root (itself first); stops on a cycle. */
export function ancestry(
  nodes: ReadonlyArray<{ id: string; parentId: string | null }>,
  id: string,
): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  let at: string | null = id;
  while (at !== null && !out.includes(at)) {
    out.push(at);
    at = byId.get(at)?.parentId ?? null;
  }
  return out;
}
