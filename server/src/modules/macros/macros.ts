// Keeping macros: list (shared ones and the caller's own), create, change (with the version edited)
// and delete. Any agent keeps their personal macros; shared ones are for administrators to keep.
// Another agent's personal macro does not exist for the caller (404).
import { and, asc, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import type { Actor, Ctx } from '../../platform/context.ts';
import { type Db, isUniqueViolation, queryRows } from '../../platform/db.ts';
import { AppError, type FieldError, fieldErrors, notFound } from '../../platform/errors.ts';
import { assertAdmin } from '../access/index.ts';
import { checkActionList, MACRO_ACTION_TYPES, type RuleAction } from '../rules/index.ts';
import { macros } from './schema.ts';

export const MAX_MACRO_NAME = 100;
export const MAX_MACRO_DESCRIPTION = 1000;

export type MacroRow = typeof macros.$inferSelect;
type AgentActor = Extract<Actor, { type: 'agent' }>;

export interface MacroDto {
  id: string;
  name: string;
  description: string;
  actions: RuleAction[];
  shared: boolean;
  /** The owner of a personal macro (the caller); null for a shared one. */
  ownerAgentId: string | null;
  departmentId: string | null;
  /** Whether the caller may change or delete it. */
  editable: boolean;
  usageCount: number;
  lastUsedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface MacroInput {
  name?: string | undefined;
  description?: string | undefined;
  actions?: unknown;
  shared?: boolean | undefined;
  departmentId?: string | null | undefined;
}

export function agentOf(ctx: Ctx): AgentActor {
  if (ctx.actor.type !== 'agent') throw new AppError('forbidden', 'Macros are applied by agents');
  return ctx.actor;
}

/** The macros the actor may see: the shared ones and their own. */
export function visibleMacros(actor: AgentActor): SQL {
  return or(eq(macros.shared, true), eq(macros.ownerAgentId, actor.id))!;
}

export function toMacroDto(row: MacroRow, actor: AgentActor): MacroDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    actions: row.actions,
    shared: row.shared,
    ownerAgentId: row.ownerAgentId,
    departmentId: row.departmentId,
    editable: row.shared ? actor.admin : row.ownerAgentId === actor.id,
    usageCount: row.usageCount,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Shared macros are the team's: only administrators create, change or delete them. */
function assertMayKeep(actor: AgentActor, shared: boolean): void {
  if (shared) assertAdmin(actor, 'settings');
}

/** A macro the actor may see, or 404; locked for update when asked. */
export async function visibleMacro(db: Db, actor: AgentActor, id: string, lock = false): Promise<MacroRow> {
  const query = db
    .select()
    .from(macros)
    .where(and(eq(macros.id, id), visibleMacros(actor)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Macro');
  return row;
}

interface CheckedMacro {
  name?: string;
  description?: string;
  actions?: RuleAction[];
  departmentId?: string | null;
}

/** Checks what is given; every problem is named by its path under `body`. */
async function checkMacro(tx: Db, input: MacroInput): Promise<CheckedMacro> {
  const { errors, fail } = fieldErrors();
  const out: CheckedMacro = {};
  if (input.name !== undefined) {
    out.name = input.name.trim();
    if (!out.name) fail('body/name', 'must not be empty');
    else if (out.name.length > MAX_MACRO_NAME)
      fail('body/name', `must be at most ${MAX_MACRO_NAME} characters`);
  }
  if (input.description !== undefined) {
    out.description = input.description.trim();
    if (out.description.length > MAX_MACRO_DESCRIPTION)
      fail('body/description', `must be at most ${MAX_MACRO_DESCRIPTION} characters`);
  }
  if (input.departmentId !== undefined) {
    out.departmentId = input.departmentId?.toLowerCase() ?? null;
    if (out.departmentId) {
      const found = await queryRows<{ id: string }>(
        tx,
        sql`SELECT id FROM departments WHERE id = ${out.departmentId}::uuid`,
      );
      if (!found.length) fail('body/departmentId', 'no such department');
    }
  }
  if (input.actions !== undefined) {
    try {
      out.actions = await checkActionList(tx, input.actions, 'body/actions', MACRO_ACTION_TYPES);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation') throw err;
      for (const e of err.errors) fail(e.field, e.message);
    }
  }
  if (errors.length)
    throw new AppError('validation', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  return out;
}

function duplicateName(err: unknown): unknown {
  if (!isUniqueViolation(err)) return err;
  const field: FieldError = {
    field: 'body/name',
    message: 'another macro of yours, or a shared one, has this name',
  };
  return new AppError('duplicate', 'A macro with this name exists', [field]);
}

function conflict(row: MacroRow, version: number, actor: AgentActor): AppError {
  return new AppError(
    'conflict',
    `The macro is at version ${row.version}; you edited version ${version}. Reload and apply your change again.`,
    [],
    { current: toMacroDto(row, actor) },
  );
}

/** Shared macros first, then the caller's own, each by name. */
export async function listMacros(ctx: Ctx): Promise<MacroDto[]> {
  const actor = agentOf(ctx);
  const rows = await ctx.db
    .select()
    .from(macros)
    .where(visibleMacros(actor))
    .orderBy(desc(macros.shared), asc(sql`lower(${macros.name})`), asc(macros.id));
  return rows.map((r) => toMacroDto(r, actor));
}

export async function getMacro(ctx: Ctx, id: string): Promise<MacroDto> {
  const actor = agentOf(ctx);
  return toMacroDto(await visibleMacro(ctx.db, actor, id), actor);
}

export async function createMacro(
  ctx: Ctx,
  input: MacroInput & { name: string; actions: unknown },
): Promise<MacroDto> {
  const actor = agentOf(ctx);
  const shared = input.shared ?? false;
  assertMayKeep(actor, shared);
  try {
    return await ctx.db.transaction(async (tx) => {
      const checked = await checkMacro(tx as unknown as Db, input);
      const now = ctx.clock.now();
      const [row] = await tx
        .insert(macros)
        .values({
          name: checked.name!,
          description: checked.description ?? '',
          actions: checked.actions!,
          shared,
          ownerAgentId: shared ? null : actor.id,
          createdBy: actor.id,
          departmentId: checked.departmentId ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return toMacroDto(row!, actor);
    });
  } catch (err) {
    throw duplicateName(err);
  }
}

export async function updateMacro(
  ctx: Ctx,
  id: string,
  input: MacroInput & { version: number },
): Promise<MacroDto> {
  const actor = agentOf(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await visibleMacro(tx as unknown as Db, actor, id, true);
      assertMayKeep(actor, row.shared);
      const shared = input.shared ?? row.shared;
      assertMayKeep(actor, shared);
      if (input.version !== row.version) throw conflict(row, input.version, actor);
      const checked = await checkMacro(tx as unknown as Db, input);
      const [updated] = await tx
        .update(macros)
        .set({
          ...checked,
          shared,
          // A macro made personal becomes the caller's.
          ownerAgentId: shared ? null : (row.ownerAgentId ?? actor.id),
          version: row.version + 1,
          updatedAt: ctx.clock.now(),
        })
        .where(eq(macros.id, id))
        .returning();
      return toMacroDto(updated!, actor);
    });
  } catch (err) {
    throw duplicateName(err);
  }
}

export async function deleteMacro(ctx: Ctx, id: string): Promise<void> {
  const actor = agentOf(ctx);
  await ctx.db.transaction(async (tx) => {
    const row = await visibleMacro(tx as unknown as Db, actor, id, true);
    assertMayKeep(actor, row.shared);
    await tx.delete(macros).where(eq(macros.id, id));
  });
}

/** Counts `applied` tickets towards the macro's use (one statement: parallel applies all count). */
export async function countUse(db: Db, id: string, applied: number, at: Date): Promise<void> {
  if (applied <= 0) return;
  await db
    .update(macros)
    .set({ usageCount: sql`${macros.usageCount} + ${applied}`, lastUsedAt: at })
    .where(eq(macros.id, id));
}
