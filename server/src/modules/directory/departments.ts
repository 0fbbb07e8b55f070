// Departments (A4): independent help-desk units in a tree, each with a head and members. A head
// reaches the department's tickets (and its sub-departments' when the access setting says so).
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { type Db, isForeignKeyViolation, isUniqueViolation } from '../../platform/db.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { sanitizeRichText } from '../../platform/rich-text.ts';
import { assertAdmin, subtree } from '../access/index.ts';
import { agents, departmentMembers, departments, groups } from './schema.ts';
import { deleteRulesNaming } from './sharing-rules.ts';

export interface DepartmentDto {
  id: string;
  name: string;
  active: boolean;
  /** Sanitized HTML put under public replies on the department's tickets, after the agent's own. */
  signature: string;
  parentId: string | null;
  headAgentId: string | null;
  memberIds: string[];
}

export async function listDepartments(db: Db): Promise<DepartmentDto[]> {
  const [rows, members] = await Promise.all([
    db.select().from(departments).orderBy(asc(departments.name)),
    db.select().from(departmentMembers),
  ]);
  return rows.map((d) => ({
    id: d.id,
    name: d.name,
    active: d.active,
    signature: d.signature,
    parentId: d.parentId,
    headAgentId: d.headAgentId,
    memberIds: members
      .filter((m) => m.departmentId === d.id)
      .map((m) => m.agentId)
      .sort(),
  }));
}

export async function getDepartment(db: Db, id: string): Promise<DepartmentDto> {
  const found = (await listDepartments(db)).find((d) => d.id === id);
  if (!found) throw notFound('Department');
  return found;
}

export interface DepartmentInput {
  name?: string | undefined;
  active?: boolean | undefined;
  signature?: string | undefined;
  parentId?: string | null | undefined;
  headAgentId?: string | null | undefined;
  memberIds?: string[] | undefined;
}

async function assertAgents(db: Db, field: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const found = await db.select({ id: agents.id }).from(agents).where(inArray(agents.id, ids));
  const missing = ids.find((id) => !found.some((f) => f.id === id));
  if (missing) throw invalid(field, `unknown agent ${missing}`);
}

export async function saveDepartment(
  ctx: Ctx,
  id: string | null,
  input: DepartmentInput,
): Promise<DepartmentDto> {
  assertAdmin(ctx.actor, 'settings');
  const name = input.name?.trim();
  if (name !== undefined && !name) throw invalid('name', 'must not be empty');
  if (id === null && !name) throw invalid('name', 'is required');
  if (input.headAgentId) await assertAgents(ctx.db, 'headAgentId', [input.headAgentId]);
  const memberIds = input.memberIds ? [...new Set(input.memberIds)] : undefined;
  if (memberIds) await assertAgents(ctx.db, 'memberIds', memberIds);
  const fields = {
    ...(name !== undefined ? { name } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
    ...(input.signature !== undefined ? { signature: sanitizeRichText(input.signature) } : {}),
    ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
    ...(input.headAgentId !== undefined ? { headAgentId: input.headAgentId } : {}),
  };
  try {
    const departmentId = await ctx.db.transaction(async (tx) => {
      // The tree is locked, so two moves at once cannot make a cycle between them.
      const tree = await tx
        .select({ id: departments.id, parentId: departments.parentId })
        .from(departments)
        .for('update');
      if (id !== null && !tree.some((d) => d.id === id)) throw notFound('Department');
      if (input.parentId) {
        if (!tree.some((d) => d.id === input.parentId)) throw invalid('parentId', 'unknown department');
        if (id !== null && subtree(tree, id).includes(input.parentId))
          throw invalid('parentId', 'would make a cycle');
      }
      let did = id;
      if (did === null) {
        const [row] = await tx
          .insert(departments)
          .values({ name: name!, ...fields, createdAt: ctx.clock.now() })
          .returning({ id: departments.id });
        did = row!.id;
      } else if (Object.keys(fields).length) {
        await tx.update(departments).set(fields).where(eq(departments.id, did));
      }
      if (memberIds) {
        await tx.delete(departmentMembers).where(eq(departmentMembers.departmentId, did));
        if (memberIds.length)
          await tx
            .insert(departmentMembers)
            .values(memberIds.map((agentId) => ({ departmentId: did!, agentId })));
      }
      return did;
    });
    return getDepartment(ctx.db, departmentId);
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('duplicate', 'A department with this name exists', [
        { field: 'name', message: 'is already used' },
      ]);
    throw err;
  }
}

/** Deletes a department no ticket, group or sub-department uses; its sharing rules go with it. */
export async function deleteDepartment(ctx: Ctx, id: string): Promise<void> {
  assertAdmin(ctx.actor, 'settings');
  const [row] = await ctx.db.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
  if (!row) throw notFound('Department');
  const [children] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(departments)
    .where(eq(departments.parentId, id));
  if (children?.n)
    throw new AppError('conflict', 'The department has sub-departments; move or delete them first');
  const [used] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(groups)
    .where(eq(groups.departmentId, id));
  if (used?.n) throw new AppError('conflict', 'Groups belong to this department; move them first');
  try {
    await ctx.db.transaction(async (tx) => {
      await deleteRulesNaming(tx, 'department', id);
      await tx.delete(departments).where(eq(departments.id, id));
    });
  } catch (err) {
    // Tickets (owned by the tickets module) still name the department.
    if (isForeignKeyViolation(err))
      throw new AppError('conflict', 'Tickets belong to this department; move them first');
    throw err;
  }
}
