// Groups: teams of agents that can own tickets.
import { asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { type Db, isUniqueViolation } from '../../platform/db.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { assertAdmin } from '../access/index.ts';
import { agents, departments, groupMembers, groups } from './schema.ts';
import { deleteRulesNaming } from './sharing-rules.ts';

export interface GroupDto {
  id: string;
  name: string;
  description: string;
  departmentId: string | null;
  memberIds: string[];
}

export async function listGroups(db: Db): Promise<GroupDto[]> {
  const rows = await db.select().from(groups).orderBy(asc(groups.name));
  const members = rows.length
    ? await db
        .select()
        .from(groupMembers)
        .where(
          inArray(
            groupMembers.groupId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((g) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    departmentId: g.departmentId,
    memberIds: members.filter((m) => m.groupId === g.id).map((m) => m.agentId),
  }));
}

export async function getGroup(db: Db, id: string): Promise<GroupDto> {
  const found = (await listGroups(db)).find((g) => g.id === id);
  if (!found) throw notFound('Group');
  return found;
}

async function assertAgentsExist(db: Db, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const found = await db.select({ id: agents.id }).from(agents).where(inArray(agents.id, ids));
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw invalid('memberIds', `unknown agent ${missing[0]}`);
}

async function assertDepartment(db: Db, id: string | null | undefined): Promise<void> {
  if (!id) return;
  const [d] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
  if (!d) throw invalid('departmentId', 'unknown department');
}

export async function saveGroup(
  ctx: Ctx,
  id: string | null,
  input: {
    name?: string | undefined;
    description?: string | undefined;
    departmentId?: string | null | undefined;
    memberIds?: string[] | undefined;
  },
): Promise<GroupDto> {
  assertAdmin(ctx.actor, 'agents');
  if (input.name !== undefined && input.name.trim() === '') throw invalid('name', 'must not be empty');
  const memberIds = input.memberIds ? [...new Set(input.memberIds)] : undefined;
  if (memberIds) await assertAgentsExist(ctx.db, memberIds);
  await assertDepartment(ctx.db, input.departmentId);
  try {
    const groupId = await ctx.db.transaction(async (tx) => {
      let gid = id;
      if (gid === null) {
        if (!input.name) throw invalid('name', 'is required');
        const [row] = await tx
          .insert(groups)
          .values({
            name: input.name.trim(),
            description: input.description ?? '',
            departmentId: input.departmentId ?? null,
            createdAt: ctx.clock.now(),
          })
          .returning({ id: groups.id });
        gid = row!.id;
      } else {
        const [row] = await tx
          .update(groups)
          .set({
            ...(input.name !== undefined ? { name: input.name.trim() } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(input.departmentId !== undefined ? { departmentId: input.departmentId } : {}),
          })
          .where(eq(groups.id, gid))
          .returning({ id: groups.id });
        if (!row) throw notFound('Group');
      }
      if (memberIds) {
        await tx.delete(groupMembers).where(eq(groupMembers.groupId, gid));
        if (memberIds.length)
          await tx.insert(groupMembers).values(memberIds.map((agentId) => ({ groupId: gid!, agentId })));
      }
      return gid;
    });
    return getGroup(ctx.db, groupId);
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('duplicate', 'A group with this name exists', [
        { field: 'name', message: 'is already used' },
      ]);
    throw err;
  }
}

/**
 * Takes a group off the tickets it owns, inside the caller's transaction (ctx.db), through the
 * tickets module's own command so each ticket records the change. Wired in app.ts: the directory
 * comes before tickets and cannot import them.
 */
export type ReleaseGroupTickets = (ctx: Ctx, groupId: string) => Promise<void>;

/** Deletes a group: its tickets keep their history and lose the group; its sharing rules go. */
export async function deleteGroup(ctx: Ctx, id: string, releaseTickets: ReleaseGroupTickets): Promise<void> {
  assertAdmin(ctx.actor, 'agents');
  const [row] = await ctx.db.select({ id: groups.id }).from(groups).where(eq(groups.id, id));
  if (!row) throw notFound('Group');
  await ctx.db.transaction(async (tx) => {
    await releaseTickets({ ...ctx, db: tx as unknown as Db }, id);
    await deleteRulesNaming(tx, 'group', id);
    await tx.delete(groups).where(eq(groups.id, id));
  });
}
