// Groups (teams that can own tickets) and departments (independent help-desk units).
import { asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { type Db, isUniqueViolation } from '../../platform/db.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { sanitizeRichText } from '../../platform/rich-text.ts';
import { assertAdmin } from '../access/index.ts';
import { agents, departments, groupMembers, groups } from './schema.ts';

export interface GroupDto {
  id: string;
  name: string;
  description: string;
  departmentId: string | null;
  memberIds: string[];
}

export interface DepartmentDto {
  id: string;
  name: string;
  active: boolean;
  /** Sanitized HTML put under public replies on the department's tickets, after the agent's own. */
  signature: string;
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

function toDepartmentDto(d: typeof departments.$inferSelect): DepartmentDto {
  return { id: d.id, name: d.name, active: d.active, signature: d.signature };
}

export async function listDepartments(db: Db): Promise<DepartmentDto[]> {
  const rows = await db.select().from(departments).orderBy(asc(departments.name));
  return rows.map(toDepartmentDto);
}

export async function saveDepartment(
  ctx: Ctx,
  id: string | null,
  input: { name?: string | undefined; active?: boolean | undefined; signature?: string | undefined },
): Promise<DepartmentDto> {
  assertAdmin(ctx.actor, 'settings');
  if (input.name !== undefined && input.name.trim() === '') throw invalid('name', 'must not be empty');
  try {
    if (id === null) {
      if (!input.name) throw invalid('name', 'is required');
      const [row] = await ctx.db
        .insert(departments)
        .values({
          name: input.name.trim(),
          active: input.active ?? true,
          signature: sanitizeRichText(input.signature ?? ''),
          createdAt: ctx.clock.now(),
        })
        .returning();
      return toDepartmentDto(row!);
    }
    const [row] = await ctx.db
      .update(departments)
      .set({
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.signature !== undefined ? { signature: sanitizeRichText(input.signature) } : {}),
      })
      .where(eq(departments.id, id))
      .returning();
    if (!row) throw notFound('Department');
    return toDepartmentDto(row);
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('duplicate', 'A department with this name exists', [
        { field: 'name', message: 'is already used' },
      ]);
    throw err;
  }
}
