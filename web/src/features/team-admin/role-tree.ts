// The reports-to tree of roles (A2) as a flat list in tree order with each role's depth, and the
// roles a role may report to (never itself or one of its subordinates: that would make a cycle).
import type { Role } from './team-data.ts';

export interface RoleRow {
  role: Role;
  depth: number;
}

/** Parents before children, siblings by name (as the server orders them, but robust to any order). */
export function roleRows(roles: readonly Role[], collate: (a: string, b: string) => number): RoleRow[] {
  const children = new Map<string | null, Role[]>();
  const ids = new Set(roles.map((r) => r.id));
  for (const r of roles) {
    const parent = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: RoleRow[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const role of [...(children.get(parent) ?? [])].sort((a, b) => collate(a.name, b.name))) {
      out.push({ role, depth });
      walk(role.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The role and every role below it. */
export function subtreeOf(roles: readonly Role[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of roles)
      if (r.parentId && out.has(r.parentId) && !out.has(r.id)) {
        out.add(r.id);
        grew = true;
      }
  }
  return out;
}
