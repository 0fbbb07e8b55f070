// SLA policies (S2): ordered conditions with per-priority targets, a warning and escalation levels.
// Any agent reads them; administrators change them. The default policy (no condition, always
// active, always tried last) cannot be deleted. Policy writes lock the default policy's row first,
// so positions are handed out and reordered one change at a time.
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { type Db, isUniqueViolation } from '../../platform/db.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { assertAdmin, viewerFieldsIn } from '../access/index.ts';
import { type Condition, validateCondition } from '../conditions/index.ts';
import { loadPicklists, ticketRegistry } from '../tickets/index.ts';
import { POLICY_ORDER } from './policy-matching.ts';
import { checkPolicyReferences } from './policy-references.ts';
import {
  checkEscalations,
  checkTargets,
  checkWarning,
  type EscalationLevel,
  emptyReferences,
  type Fail,
  fieldErrors,
  type PolicyTargets,
  type SlaWarning,
} from './policy-shapes.ts';
import { slaPolicies } from './schema.ts';
import { announceSlaConfigChange, type SlaAdminCtx } from './sla-config-change.ts';

export interface PolicyDto {
  id: string;
  name: string;
  description: string;
  /** Order among the non-default policies; the default is tried last whatever its position. */
  position: number;
  isDefault: boolean;
  active: boolean;
  condition: Condition | null;
  targets: PolicyTargets;
  warning: SlaWarning | null;
  escalations: EscalationLevel[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PolicyInput {
  name?: string | undefined;
  description?: string | undefined;
  /** A condition; null only for the default policy. */
  condition?: unknown;
  targets?: unknown;
  warning?: unknown;
  escalations?: unknown;
  active?: boolean | undefined;
}

type PolicyRow = typeof slaPolicies.$inferSelect;

const MAX_DESCRIPTION = 2000;

function toDto(row: PolicyRow): PolicyDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    position: row.position,
    isDefault: row.isDefault,
    active: row.active,
    condition: row.condition,
    targets: row.targets,
    warning: row.warning,
    escalations: row.escalations,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function duplicateName(err: unknown): unknown {
  return isUniqueViolation(err)
    ? new AppError('duplicate', 'A policy with this name exists', [
        { field: 'body/name', message: 'is already used' },
      ])
    : err;
}

/** The checked values of the fields given; what was not given stays undefined. */
interface CheckedPolicy {
  name?: string;
  description?: string;
  condition?: Condition | null;
  targets?: PolicyTargets;
  warning?: SlaWarning | null;
  escalations?: EscalationLevel[];
}

/**
 * Checks every given field, then (in the caller's transaction) that the calendars, agents and groups
 * named exist; all problems are reported together and nothing is written before.
 */
async function checkPolicy(ctx: Ctx, tx: Db, input: PolicyInput, isDefault: boolean): Promise<CheckedPolicy> {
  const { fail, throwIfAny } = fieldErrors();
  const out: CheckedPolicy = {};
  if (input.name !== undefined) {
    out.name = input.name.trim();
    if (!out.name) fail('body/name', 'must not be empty');
    else if (out.name.length > 100) fail('body/name', 'must be at most 100 characters');
  }
  if (input.description !== undefined) {
    out.description = input.description.trim();
    if (out.description.length > MAX_DESCRIPTION)
      fail('body/description', `must be at most ${MAX_DESCRIPTION} characters`);
  }
  if (input.condition !== undefined)
    out.condition = await checkCondition({ ...ctx, db: tx }, input.condition, isDefault, fail);
  const refs = emptyReferences();
  if (input.targets !== undefined) {
    const priorities = (await loadPicklists(tx)).priority.map((p) => p.key);
    out.targets = checkTargets(input.targets, priorities, 'body/targets', refs, fail);
  }
  if (input.warning !== undefined) out.warning = checkWarning(input.warning, 'body/warning', fail);
  if (input.escalations !== undefined)
    out.escalations = checkEscalations(input.escalations, 'body/escalations', refs, fail);
  throwIfAny();
  for (const e of await checkPolicyReferences(tx, refs)) fail(e.field, e.message);
  throwIfAny();
  return out;
}

async function checkCondition(
  ctx: Ctx,
  input: unknown,
  isDefault: boolean,
  fail: Fail,
): Promise<Condition | null> {
  if (isDefault) {
    if (input !== null)
      fail('body/condition', 'the default policy has no condition: it applies when no other does');
    return null;
  }
  if (input === null) {
    fail('body/condition', 'is required: only the default policy has none');
    return null;
  }
  // A policy applies to the ticket whoever looks at it: fields answered per viewer make no sense.
  const perViewer = viewerFieldsIn(input, 'body/condition');
  for (const f of perViewer)
    fail(f.path, `'${f.field}' depends on the agent looking at the ticket; SLA policies cannot use it`);
  if (perViewer.length) return null;
  try {
    return validateCondition(input, await ticketRegistry(ctx, { viewer: false }), { path: 'body/condition' });
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'validation') throw err;
    if (err.errors.length === 0) fail('body/condition', err.message);
    for (const e of err.errors) fail(e.field, e.message);
    return null;
  }
}

/** Serializes policy writes: the default policy's row is the lock. */
async function lockPolicies(tx: Db): Promise<void> {
  await tx
    .select({ id: slaPolicies.id })
    .from(slaPolicies)
    .where(eq(slaPolicies.isDefault, true))
    .for('update');
}

async function lockedRow(tx: Db, id: string): Promise<PolicyRow> {
  const [row] = await tx.select().from(slaPolicies).where(eq(slaPolicies.id, id)).for('update');
  if (!row) throw notFound('Policy');
  return row;
}

export async function listPolicies(ctx: Ctx): Promise<PolicyDto[]> {
  const rows = await ctx.db
    .select()
    .from(slaPolicies)
    .orderBy(...POLICY_ORDER);
  return rows.map(toDto);
}

export async function getPolicy(ctx: Ctx, id: string): Promise<PolicyDto> {
  const [row] = await ctx.db.select().from(slaPolicies).where(eq(slaPolicies.id, id));
  if (!row) throw notFound('Policy');
  return toDto(row);
}

export async function createPolicy(
  ctx: SlaAdminCtx,
  input: PolicyInput & { name: string; condition: unknown; targets: unknown },
): Promise<PolicyDto> {
  assertAdmin(ctx.actor, 'settings');
  const { fail, throwIfAny } = fieldErrors();
  if (input.condition === undefined) fail('body/condition', 'is required');
  if (input.targets === undefined) fail('body/targets', 'is required');
  throwIfAny();
  try {
    return await ctx.db.transaction(async (tx) => {
      await lockPolicies(tx);
      const checked = await checkPolicy(ctx, tx, input, false);
      const now = ctx.clock.now();
      const [row] = await tx
        .insert(slaPolicies)
        .values({
          name: checked.name!,
          description: checked.description ?? '',
          position: sql`(SELECT coalesce(max(position), 0) + 1 FROM sla_policies WHERE NOT is_default)`,
          isDefault: false,
          active: input.active ?? true,
          condition: checked.condition!,
          targets: checked.targets!,
          warning: checked.warning ?? null,
          escalations: checked.escalations ?? [],
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await announceSlaConfigChange({ ...ctx, db: tx }, { kind: 'policy', id: row!.id });
      return toDto(row!);
    });
  } catch (err) {
    throw duplicateName(err);
  }
}

export async function updatePolicy(
  ctx: SlaAdminCtx,
  id: string,
  input: PolicyInput & { version: number },
): Promise<PolicyDto> {
  assertAdmin(ctx.actor, 'settings');
  try {
    return await ctx.db.transaction(async (tx) => {
      await lockPolicies(tx);
      const row = await lockedRow(tx, id);
      if (input.version !== row.version) {
        throw new AppError(
          'conflict',
          `The policy is at version ${row.version}; you edited version ${input.version}. Reload and apply your change again.`,
          [],
          { current: toDto(row) },
        );
      }
      if (row.isDefault && input.active === false)
        throw invalid('body/active', 'the default policy cannot be deactivated');
      const checked = await checkPolicy(ctx, tx, input, row.isDefault);
      const [updated] = await tx
        .update(slaPolicies)
        .set({
          ...(checked.name !== undefined ? { name: checked.name } : {}),
          ...(checked.description !== undefined ? { description: checked.description } : {}),
          ...(checked.condition !== undefined ? { condition: checked.condition } : {}),
          ...(checked.targets !== undefined ? { targets: checked.targets } : {}),
          ...(checked.warning !== undefined ? { warning: checked.warning } : {}),
          ...(checked.escalations !== undefined ? { escalations: checked.escalations } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          version: row.version + 1,
          updatedAt: ctx.clock.now(),
        })
        .where(eq(slaPolicies.id, id))
        .returning();
      await announceSlaConfigChange({ ...ctx, db: tx }, { kind: 'policy', id });
      return toDto(updated!);
    });
  } catch (err) {
    throw duplicateName(err);
  }
}

export async function deletePolicy(ctx: SlaAdminCtx, id: string): Promise<void> {
  assertAdmin(ctx.actor, 'settings');
  await ctx.db.transaction(async (tx) => {
    await lockPolicies(tx);
    const row = await lockedRow(tx, id);
    if (row.isDefault) throw new AppError('forbidden', 'The default policy cannot be deleted');
    await tx.delete(slaPolicies).where(and(eq(slaPolicies.id, id), eq(slaPolicies.isDefault, false)));
    await announceSlaConfigChange({ ...ctx, db: tx }, { kind: 'policy', id });
  });
}

/** Sets the order in which policies are tried: `ids` lists every non-default policy exactly once. */
export async function reorderPolicies(ctx: SlaAdminCtx, ids: string[]): Promise<PolicyDto[]> {
  assertAdmin(ctx.actor, 'settings');
  return ctx.db.transaction(async (tx) => {
    await lockPolicies(tx);
    const rows = await tx
      .select({ id: slaPolicies.id })
      .from(slaPolicies)
      .where(eq(slaPolicies.isDefault, false));
    const existing = rows.map((r) => r.id).sort();
    const given = ids.map((id) => id.toLowerCase());
    const sorted = [...given].sort();
    if (sorted.length !== existing.length || sorted.some((id, i) => id !== existing[i]))
      throw invalid('body/ids', 'must list every policy other than the default exactly once');
    for (const [i, id] of given.entries())
      await tx
        .update(slaPolicies)
        .set({ position: i + 1 })
        .where(eq(slaPolicies.id, id));
    await announceSlaConfigChange({ ...ctx, db: tx }, { kind: 'policy', id: null });
    return listPolicies({ ...ctx, db: tx });
  });
}
