// Sharing rules (A6): tickets owned by the source (an agent, a group, a department, a role and the
// roles below it) are shared with the target, read or read-write. Administrators only, reads included.
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { assertAdmin, type SharingSource, type SharingTarget } from '../access/index.ts';
import { agents, departments, groups, roles, sharingRules } from './schema.ts';

export type RuleAccess = 'read' | 'read_write';

export interface SharingRuleDto {
  id: string;
  number: number;
  sourceType: SharingSource;
  sourceId: string;
  sourceName: string;
  targetType: SharingTarget;
  targetId: string;
  targetName: string;
  access: RuleAccess;
}

type Kind = 'agent' | 'group' | 'department' | 'role';

const kindOf = (type: SharingSource | SharingTarget): Kind =>
  type === 'role_and_subordinates' ? 'role' : type;

async function names(db: Db): Promise<Record<Kind, Map<string, string>>> {
  const [a, g, d, r] = await Promise.all([
    db.select({ id: agents.id, name: agents.name }).from(agents),
    db.select({ id: groups.id, name: groups.name }).from(groups),
    db.select({ id: departments.id, name: departments.name }).from(departments),
    db.select({ id: roles.id, name: roles.name }).from(roles),
  ]);
  const map = (rows: Array<{ id: string; name: string }>) => new Map(rows.map((x) => [x.id, x.name]));
  return { agent: map(a), group: map(g), department: map(d), role: map(r) };
}

async function readRules(db: Db): Promise<SharingRuleDto[]> {
  const [rows, known] = await Promise.all([
    db.select().from(sharingRules).orderBy(asc(sharingRules.number)),
    names(db),
  ]);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    sourceType: r.sourceType,
    sourceId: r.sourceId,
    sourceName: known[kindOf(r.sourceType)].get(r.sourceId) ?? '',
    targetType: r.targetType,
    targetId: r.targetId,
    targetName: known[kindOf(r.targetType)].get(r.targetId) ?? '',
    access: r.access,
  }));
}

export async function listSharingRules(ctx: Ctx): Promise<SharingRuleDto[]> {
  assertAdmin(ctx.actor, 'settings');
  return readRules(ctx.db);
}

async function getRule(db: Db, id: string): Promise<SharingRuleDto> {
  const found = (await readRules(db)).find((r) => r.id === id);
  if (!found) throw notFound('Sharing rule');
  return found;
}

export interface SharingRuleInput {
  sourceType: SharingSource;
  sourceId: string;
  targetType: SharingTarget;
  targetId: string;
  access: RuleAccess;
}

async function assertExists(db: Db, rule: SharingRuleInput): Promise<void> {
  const known = await names(db);
  if (!known[kindOf(rule.sourceType)].has(rule.sourceId))
    throw invalid('sourceId', `no ${kindOf(rule.sourceType)} with this id`);
  if (!known[kindOf(rule.targetType)].has(rule.targetId))
    throw invalid('targetId', `no ${kindOf(rule.targetType)} with this id`);
}

export async function createSharingRule(ctx: Ctx, input: SharingRuleInput): Promise<SharingRuleDto> {
  assertAdmin(ctx.actor, 'settings');
  await assertExists(ctx.db, input);
  const [row] = await ctx.db
    .insert(sharingRules)
    .values({ ...input, createdAt: ctx.clock.now() })
    .returning({ id: sharingRules.id });
  return getRule(ctx.db, row!.id);
}

export async function updateSharingRule(
  ctx: Ctx,
  id: string,
  input: Partial<SharingRuleInput>,
): Promise<SharingRuleDto> {
  assertAdmin(ctx.actor, 'settings');
  const [row] = await ctx.db.select().from(sharingRules).where(eq(sharingRules.id, id));
  if (!row) throw notFound('Sharing rule');
  const next: SharingRuleInput = {
    sourceType: input.sourceType ?? row.sourceType,
    sourceId: input.sourceId ?? row.sourceId,
    targetType: input.targetType ?? row.targetType,
    targetId: input.targetId ?? row.targetId,
    access: input.access ?? row.access,
  };
  await assertExists(ctx.db, next);
  await ctx.db.update(sharingRules).set(next).where(eq(sharingRules.id, id));
  return getRule(ctx.db, id);
}

export async function deleteSharingRule(ctx: Ctx, id: string): Promise<void> {
  assertAdmin(ctx.actor, 'settings');
  const gone = await ctx.db
    .delete(sharingRules)
    .where(eq(sharingRules.id, id))
    .returning({ id: sharingRules.id });
  if (!gone.length) throw notFound('Sharing rule');
}

/** Deletes the rules whose source or target is this thing (in the caller's transaction). */
export async function deleteRulesNaming(
  db: Db,
  kind: 'agent' | 'group' | 'department',
  id: string,
): Promise<void> {
  await db
    .delete(sharingRules)
    .where(
      or(
        and(eq(sharingRules.sourceType, kind), eq(sharingRules.sourceId, id)),
        and(inArray(sharingRules.targetType, [kind]), eq(sharingRules.targetId, id)),
      ),
    );
}
