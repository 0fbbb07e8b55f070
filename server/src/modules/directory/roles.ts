// Roles (A2): the reports-to tree. A role reaches the tickets owned by agents in the roles below
// it; each role carries one or more profiles (what its agents may do).
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { type Db, isForeignKeyViolation, isUniqueViolation } from '../../platform/db.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { assertAdmin, subtree } from '../access/index.ts';
import { agents, profiles, roleProfiles, roles, SHIPPED, sharingRules } from './schema.ts';

export interface RoleDto {
  id: string;
  name: string;
  description: string;
  parentId: string | null;
  profileIds: string[];
  agentCount: number;
  shipped: boolean;
}

const SHIPPED_IDS: ReadonlySet<string> = new Set(Object.values(SHIPPED));

export function isShipped(id: string): boolean {
  return SHIPPED_IDS.has(id);
}

/** Parents before children, siblings by name; nodes whose parent is missing come last. */
export function treeOrder<T extends { id: string; parentId: string | null; name: string }>(nodes: T[]): T[] {
  const byName = [...nodes].sort((a, b) => a.name.localeCompare(b.name));
  const children = new Map<string | null, T[]>();
  for (const n of byName) {
    const key = n.parentId !== null && nodes.some((p) => p.id === n.parentId) ? n.parentId : null;
    children.set(key, [...(children.get(key) ?? []), n]);
  }
  const out: T[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null) => {
    for (const n of children.get(parent) ?? []) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      out.push(n);
      walk(n.id);
    }
  };
  walk(null);
  for (const n of byName) if (!seen.has(n.id)) out.push(n);
  return out;
}

export async function listRoles(db: Db): Promise<RoleDto[]> {
  const [rows, links, counts] = await Promise.all([
    db.select().from(roles).orderBy(asc(roles.name)),
    db.select().from(roleProfiles),
    db.select({ roleId: agents.roleId, n: sql<number>`count(*)::int` }).from(agents).groupBy(agents.roleId),
  ]);
  return treeOrder(
    rows.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      parentId: r.parentId,
      profileIds: links
        .filter((l) => l.roleId === r.id)
        .map((l) => l.profileId)
        .sort(),
      agentCount: counts.find((c) => c.roleId === r.id)?.n ?? 0,
      shipped: isShipped(r.id),
    })),
  );
}

export async function getRole(db: Db, id: string): Promise<RoleDto> {
  const found = (await listRoles(db)).find((r) => r.id === id);
  if (!found) throw notFound('Role');
  return found;
}

export interface RoleInput {
  name?: string | undefined;
  description?: string | undefined;
  parentId?: string | null | undefined;
  profileIds?: string[] | undefined;
}

async function assertProfilesExist(db: Db, ids: string[]): Promise<void> {
  if (!ids.length) throw invalid('profileIds', 'must name at least one profile');
  const found = await db.select({ id: profiles.id }).from(profiles).where(inArray(profiles.id, ids));
  const missing = ids.find((id) => !found.some((f) => f.id === id));
  if (missing) throw invalid('profileIds', `unknown profile ${missing}`);
}

const nameTaken = () =>
  new AppError('duplicate', 'A role with this name exists', [{ field: 'name', message: 'is already used' }]);

async function writeProfiles(db: Db, roleId: string, profileIds: string[]): Promise<void> {
  await db.delete(roleProfiles).where(eq(roleProfiles.roleId, roleId));
  await db.insert(roleProfiles).values(profileIds.map((profileId) => ({ roleId, profileId })));
}

export async function createRole(
  ctx: Ctx,
  input: RoleInput & { name: string; parentId: string; profileIds: string[] },
): Promise<RoleDto> {
  assertAdmin(ctx.actor, 'agents');
  const name = input.name.trim();
  if (!name) throw invalid('name', 'must not be empty');
  const [parent] = await ctx.db.select({ id: roles.id }).from(roles).where(eq(roles.id, input.parentId));
  if (!parent) throw invalid('parentId', 'unknown role');
  const profileIds = [...new Set(input.profileIds)];
  await assertProfilesExist(ctx.db, profileIds);
  try {
    const id = await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(roles)
        .values({
          name,
          description: input.description ?? '',
          parentId: input.parentId,
          createdAt: ctx.clock.now(),
        })
        .returning({ id: roles.id });
      await writeProfiles(tx, row!.id, profileIds);
      return row!.id;
    });
    return getRole(ctx.db, id);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

/** The role tree, locked for the transaction: moves and deletions are checked against it. */
async function lockedTree(tx: Db): Promise<Array<{ id: string; parentId: string | null }>> {
  return tx.select({ id: roles.id, parentId: roles.parentId }).from(roles).for('update');
}

export async function updateRole(ctx: Ctx, id: string, input: RoleInput): Promise<RoleDto> {
  assertAdmin(ctx.actor, 'agents');
  const name = input.name?.trim();
  if (name !== undefined && !name) throw invalid('name', 'must not be empty');
  const profileIds = input.profileIds ? [...new Set(input.profileIds)] : undefined;
  if (profileIds) await assertProfilesExist(ctx.db, profileIds);
  try {
    await ctx.db.transaction(async (tx) => {
      const all = await lockedTree(tx);
      const current = all.find((r) => r.id === id);
      if (!current) throw notFound('Role');
      if (input.parentId !== undefined && input.parentId !== current.parentId) {
        if (current.parentId === null) throw invalid('parentId', 'the root role cannot get a parent');
        if (input.parentId === null) throw invalid('parentId', 'only the root role has no parent');
        if (!all.some((r) => r.id === input.parentId)) throw invalid('parentId', 'unknown role');
        if (subtree(all, id).includes(input.parentId)) throw invalid('parentId', 'would make a cycle');
      }
      const set = {
        ...(name !== undefined ? { name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
      };
      if (Object.keys(set).length) await tx.update(roles).set(set).where(eq(roles.id, id));
      if (profileIds) await writeProfiles(tx, id, profileIds);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
  return getRole(ctx.db, id);
}

/**
 * Deletes a role: its agents and its direct sub-roles move to `transferTo`, sharing rules naming
 * it go with it. The root and the shipped roles stay.
 */
export async function deleteRole(ctx: Ctx, id: string, transferTo: string | undefined): Promise<void> {
  assertAdmin(ctx.actor, 'agents');
  try {
    await ctx.db.transaction(async (tx) => {
      const all = await lockedTree(tx);
      const current = all.find((r) => r.id === id);
      if (!current) throw notFound('Role');
      if (current.parentId === null) throw new AppError('conflict', 'The root role cannot be deleted');
      if (isShipped(id))
        throw new AppError('conflict', 'A shipped role cannot be deleted; rename or move it');
      const [members] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(agents)
        .where(eq(agents.roleId, id));
      const hasChildren = all.some((r) => r.parentId === id);
      if (transferTo !== undefined) {
        if (!all.some((r) => r.id === transferTo)) throw invalid('transferTo', 'unknown role');
        if (subtree(all, id).includes(transferTo))
          throw invalid('transferTo', 'must be outside the role being deleted and its sub-roles');
        await tx
          .update(agents)
          .set({ roleId: transferTo, updatedAt: ctx.clock.now() })
          .where(eq(agents.roleId, id));
        await tx.update(roles).set({ parentId: transferTo }).where(eq(roles.parentId, id));
      } else if ((members?.n ?? 0) > 0 || hasChildren) {
        throw invalid('transferTo', 'is required: the role has agents or sub-roles to move');
      }
      await tx
        .delete(sharingRules)
        .where(
          or(
            and(eq(sharingRules.sourceType, 'role_and_subordinates'), eq(sharingRules.sourceId, id)),
            and(
              inArray(sharingRules.targetType, ['role', 'role_and_subordinates']),
              eq(sharingRules.targetId, id),
            ),
          ),
        );
      await tx.delete(roles).where(eq(roles.id, id));
    });
  } catch (err) {
    // An agent was given the role meanwhile.
    if (isForeignKeyViolation(err))
      throw new AppError('conflict', 'The role changed meanwhile (an agent was given it); try again');
    throw err;
  }
}
