// Keeping rules: create, change (with a version), delete, order, list; and each node's cache of
// the active ones, dropped on every node when any changes (NOTIFY).

import { performance } from 'node:perf_hooks';
import { asc, eq, lt, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import {
  AppError,
  type Fail,
  type FieldError,
  fieldErrors,
  invalid,
  notFound,
} from '../../platform/errors.ts';
import { missingRecords } from '../../platform/references.ts';
import { assertAdmin, viewerFieldsIn } from '../access/index.ts';
import { type Condition, validateCondition } from '../conditions/index.ts';
import { checkCustomValue, loadCustomFieldDefs, loadPicklists, ticketRegistry } from '../tickets/index.ts';
import {
  checkActions,
  checkTrigger,
  emptyReferences,
  type RuleAction,
  type RuleActionType,
  type RuleReferences,
  type RuleTrigger,
  SETTABLE_FIELDS,
} from './rule-shapes.ts';
import { ruleChecks, ruleRuns, rules } from './schema.ts';
import { shownShippedKey } from './shipped-rules.ts';

export const RULES_CHANNEL = 'caseway_rules';
const CACHE_TTL_MS = 60_000;
const MAX_NAME = 100;
const MAX_DESCRIPTION = 1000;

export type RuleRow = typeof rules.$inferSelect;

export interface RuleDto {
  id: string;
  name: string;
  description: string;
  departmentId: string | null;
  trigger: RuleTrigger;
  condition: Condition | null;
  actions: RuleAction[];
  active: boolean;
  position: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** When the rule last matched a ticket (from the run log). */
  lastMatchedAt: string | null;
  /** A rule Caseway installed, while it keeps its shipped name (the console shows it translated). */
  shippedKey: string | null;
  /** The rule's latest run: when, and whether it matched the ticket. */
  lastRun: { at: string; matched: boolean } | null;
}

export interface RuleInput {
  name?: string;
  description?: string;
  departmentId?: string | null;
  trigger?: unknown;
  condition?: unknown;
  actions?: unknown;
  active?: boolean;
}

/** The node's copy of the active rules, in order. */
export interface RulesCache {
  get(db: Db): Promise<RuleRow[]>;
  invalidate(): void;
}

export function createRulesCache(): RulesCache {
  let value: { rules: RuleRow[]; at: number } | null = null;
  let generation = 0;
  return {
    async get(db) {
      if (value && performance.now() - value.at < CACHE_TTL_MS) return value.rules;
      const started = generation;
      const rows = await db
        .select()
        .from(rules)
        .where(eq(rules.active, true))
        .orderBy(...RULE_ORDER);
      if (started === generation) value = { rules: rows, at: performance.now() };
      return rows;
    },
    invalidate() {
      generation += 1;
      value = null;
    },
  };
}

export const RULE_ORDER = [asc(rules.position), asc(rules.createdAt), asc(rules.id)];

/** What the admin services receive: the context and the node's cache to drop at once. */
export type RulesAdminCtx = Ctx & { rulesCache?: RulesCache | undefined };

async function announce(ctx: RulesAdminCtx, tx: Db): Promise<void> {
  ctx.rulesCache?.invalidate();
  await queryRows(tx, sql`SELECT pg_notify(${RULES_CHANNEL}, '')`);
}

interface LastRuns {
  matchedAt: Date | null;
  run: { at: Date; matched: boolean } | null;
}

function toDto(row: RuleRow, last: LastRuns = { matchedAt: null, run: null }): RuleDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    departmentId: row.departmentId,
    trigger: row.trigger,
    condition: row.condition,
    actions: row.actions,
    active: row.active,
    position: row.position,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    shippedKey: shownShippedKey(row),
    lastMatchedAt: last.matchedAt?.toISOString() ?? null,
    lastRun: last.run ? { at: last.run.at.toISOString(), matched: last.run.matched } : null,
  };
}

/** How many of the latest checks the rules' list looks at for a rule's latest run without a match. */
const RECENT_CHECKS = 2000;

/**
 * Each rule's last match and latest run, from the run log (a run without a match among the
 * latest checks only: a rule checked less often shows its last match).
 */
async function lastRuns(db: Db, ids: string[]): Promise<Map<string, LastRuns>> {
  if (!ids.length) return new Map();
  const rows = await queryRows<{
    rule_id: string;
    matched_at: Date | string | null;
    run_id: string | null;
    run_at: Date | string | null;
    run_matched: boolean | null;
    check_id: string | null;
    check_at: Date | string | null;
  }>(
    db,
    sql`WITH checked AS (
          SELECT u.rule_id, max(c.id) AS id, max(c.created_at) AS created_at
            FROM (SELECT id, rule_ids, created_at FROM rule_checks ORDER BY id DESC LIMIT ${RECENT_CHECKS}) c
           CROSS JOIN LATERAL unnest(c.rule_ids) AS u(rule_id)
           GROUP BY u.rule_id)
        SELECT r.id AS rule_id,
               (SELECT created_at FROM rule_runs WHERE rule_id = r.id AND matched ORDER BY id DESC LIMIT 1) AS matched_at,
               lr.id::text AS run_id, lr.created_at AS run_at, lr.matched AS run_matched,
               ck.id::text AS check_id, ck.created_at AS check_at
          FROM rules r
          LEFT JOIN LATERAL (SELECT id, created_at, matched FROM rule_runs WHERE rule_id = r.id
                              ORDER BY id DESC LIMIT 1) lr ON TRUE
          LEFT JOIN checked ck ON ck.rule_id = r.id
         WHERE r.id IN (${sql.join(
           ids.map((id) => sql`${id}::uuid`),
           sql`, `,
         )})`,
  );
  return new Map(
    rows.map((r) => {
      const checkLater = r.check_id !== null && (r.run_id === null || Number(r.check_id) > Number(r.run_id));
      const run = checkLater
        ? { at: new Date(r.check_at!), matched: false }
        : r.run_at
          ? { at: new Date(r.run_at), matched: r.run_matched === true }
          : null;
      return [r.rule_id, { matchedAt: r.matched_at ? new Date(r.matched_at) : null, run }];
    }),
  );
}

// ---- checking ----

export interface CheckedRule {
  name?: string;
  description?: string;
  departmentId?: string | null;
  trigger?: RuleTrigger;
  condition?: Condition | null;
  actions?: RuleAction[];
}

export async function checkRule(
  ctx: Ctx,
  tx: Db,
  input: RuleInput,
  current?: RuleRow,
  at = 'body',
): Promise<CheckedRule> {
  const { fail, throwIfAny } = fieldErrors();
  const out: CheckedRule = {};
  const refs = emptyReferences();
  if (input.name !== undefined) {
    out.name = input.name.trim();
    if (!out.name) fail(`${at}/name`, 'must not be empty');
    else if (out.name.length > MAX_NAME) fail(`${at}/name`, `must be at most ${MAX_NAME} characters`);
  }
  if (input.description !== undefined) {
    out.description = input.description.trim();
    if (out.description.length > MAX_DESCRIPTION)
      fail(`${at}/description`, `must be at most ${MAX_DESCRIPTION} characters`);
  }
  if (input.departmentId !== undefined) {
    out.departmentId = input.departmentId?.toLowerCase() ?? null;
    if (out.departmentId) refs.departments.set(out.departmentId, [`${at}/departmentId`]);
  }
  const registry = await ticketRegistry({ ...ctx, db: tx }, { viewer: false });
  const lists = await loadPicklists(tx);
  if (input.trigger !== undefined) {
    const trigger = checkTrigger(
      input.trigger,
      `${at}/trigger`,
      refs,
      (name) => registry.get(name) !== undefined,
      (key) => lists.status.some((v) => v.key === key),
      fail,
    );
    if (trigger) out.trigger = trigger;
  }
  // A time-based rule's condition is also a query (which tickets are due): no change operators.
  const trigger = out.trigger ?? current?.trigger;
  const timed = trigger?.type === 'time';
  if (input.condition !== undefined) {
    if (input.condition === null) out.condition = null;
    else {
      // A rule runs for nobody in particular: fields answered per viewer make no sense.
      const perViewer = viewerFieldsIn(input.condition, `${at}/condition`);
      for (const p of perViewer) fail(p.path, `${p.field} depends on who looks; a rule cannot use it`);
      if (!perViewer.length) {
        try {
          out.condition = validateCondition(input.condition, registry, {
            path: `${at}/condition`,
            allowChangeOps: !timed,
          });
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'validation') throw err;
          if (err.errors.length === 0) fail(`${at}/condition`, err.message);
          for (const e of err.errors) fail(e.field, e.message);
        }
      }
    }
  }
  if (input.actions !== undefined) {
    const checkValue = await valueChecker(tx, refs, fail);
    out.actions = checkActions(input.actions, `${at}/actions`, refs, checkValue, fail);
  }
  throwIfAny();
  for (const e of await missingReferences(tx, refs)) fail(e.field, e.message);
  throwIfAny();
  return out;
}

/**
 * Ordered actions of the `allowed` types, checked with the records they name (for macros, which
 * share the rules' actions); throws a validation error naming each problem's path.
 */
export async function checkActionList(
  tx: Db,
  input: unknown,
  path: string,
  allowed: readonly RuleActionType[],
): Promise<RuleAction[]> {
  const { fail, throwIfAny } = fieldErrors();
  const refs = emptyReferences();
  const actions = checkActions(input, path, refs, await valueChecker(tx, refs, fail), fail, allowed);
  throwIfAny();
  for (const e of await missingReferences(tx, refs)) fail(e.field, e.message);
  throwIfAny();
  return actions;
}

/** Checks a set_field value against the field: picklist keys, references, custom field types. */
async function valueChecker(tx: Db, refs: RuleReferences, fail: Fail) {
  const lists = await loadPicklists(tx);
  const defs = await loadCustomFieldDefs(tx);
  return (field: string, value: unknown, path: string): RuleAction | null => {
    const at = `${path}/value`;
    if (field.startsWith('custom.')) {
      const def = defs.find((d) => d.key === field.slice('custom.'.length) && d.active);
      if (!def) {
        fail(`${path}/field`, 'is not an active custom field');
        return null;
      }
      const checked = checkCustomValue(def, value);
      if (!checked.ok) {
        fail(at, checked.message);
        return null;
      }
      return { type: 'set_field', field, value: checked.value as string };
    }
    if (!(SETTABLE_FIELDS as readonly string[]).includes(field)) {
      fail(`${path}/field`, `cannot be set by a rule; settable: ${SETTABLE_FIELDS.join(', ')}, custom.<key>`);
      return null;
    }
    if (field === 'departmentId' || field === 'productId') {
      if (value !== null && (typeof value !== 'string' || !/^[0-9a-f-]{36}$/i.test(value))) {
        fail(at, 'must be an id (uuid) or null');
        return null;
      }
      if (typeof value === 'string')
        (field === 'departmentId' ? refs.departments : refs.products).set(value.toLowerCase(), [at]);
      return { type: 'set_field', field, value: typeof value === 'string' ? value.toLowerCase() : null };
    }
    const picklist = field as 'status' | 'priority' | 'severity' | 'category' | 'type';
    if (value === null && (picklist === 'status' || picklist === 'priority')) {
      fail(at, 'must be a value; this field cannot be empty');
      return null;
    }
    if (
      value !== null &&
      (typeof value !== 'string' || !lists[picklist].some((v) => v.key === value && v.active))
    ) {
      const allowed = lists[picklist].filter((v) => v.active).map((v) => v.key);
      fail(at, `must be one of ${allowed.join(', ')}`);
      return null;
    }
    return { type: 'set_field', field, value: value as string | null };
  };
}

/** The records a rule names that do not exist (or, for agents, are deactivated). */
function missingReferences(tx: Db, refs: RuleReferences): Promise<FieldError[]> {
  return missingRecords(tx, [
    { table: sql`sla_calendars`, ids: refs.calendars, missing: 'is not a calendar', lock: true },
    {
      table: sql`agents`,
      ids: refs.agents,
      missing: 'is not an agent',
      inactive: 'this agent is deactivated',
    },
    { table: sql`groups`, ids: refs.groups, missing: 'is not a group' },
    { table: sql`departments`, ids: refs.departments, missing: 'is not a department' },
    { table: sql`products`, ids: refs.products, missing: 'is not a product' },
  ]);
}

// ---- services ----

function conflict(row: RuleRow, version: number): AppError {
  return new AppError(
    'conflict',
    `The rule is at version ${row.version}; you edited version ${version}. Reload and apply your change again.`,
    [],
    { current: toDto(row) },
  );
}

async function lockedRule(tx: Db, id: string): Promise<RuleRow> {
  const [row] = await tx.select().from(rules).where(eq(rules.id, id)).for('update');
  if (!row) throw notFound('Rule');
  return row;
}

/** Rule writes one at a time, so positions stay a clean order. */
export async function lockRules(tx: Db): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(727276)`);
}

export async function listRules(ctx: Ctx): Promise<RuleDto[]> {
  assertAdmin(ctx.actor, 'settings');
  const rows = await ctx.db
    .select()
    .from(rules)
    .orderBy(...RULE_ORDER);
  const last = await lastRuns(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toDto(r, last.get(r.id)));
}

export async function getRule(ctx: Ctx, id: string): Promise<RuleDto> {
  assertAdmin(ctx.actor, 'settings');
  const [row] = await ctx.db.select().from(rules).where(eq(rules.id, id));
  if (!row) throw notFound('Rule');
  return toDto(row, (await lastRuns(ctx.db, [id])).get(id));
}

export async function createRule(
  ctx: RulesAdminCtx,
  input: RuleInput & { name: string; trigger: unknown; actions: unknown },
): Promise<RuleDto> {
  assertAdmin(ctx.actor, 'settings');
  return ctx.db.transaction(async (tx) => {
    await lockRules(tx);
    const checked = await checkRule(ctx, tx, { condition: null, ...input });
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(rules)
      .values({
        name: checked.name!,
        description: checked.description ?? '',
        departmentId: checked.departmentId ?? null,
        trigger: checked.trigger!,
        condition: checked.condition ?? null,
        actions: checked.actions!,
        active: input.active ?? false,
        position: sql`(SELECT coalesce(max(position), 0) + 1 FROM rules)`,
        createdBy: ctx.actor.type === 'agent' ? ctx.actor.id : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await announce(ctx, tx);
    return toDto(row!);
  });
}

export async function updateRule(
  ctx: RulesAdminCtx,
  id: string,
  input: RuleInput & { version: number },
): Promise<RuleDto> {
  assertAdmin(ctx.actor, 'settings');
  return ctx.db.transaction(async (tx) => {
    await lockRules(tx);
    const row = await lockedRule(tx, id);
    if (input.version !== row.version) throw conflict(row, input.version);
    const checked = await checkRule(
      ctx,
      tx,
      {
        ...input,
        // A trigger that becomes time-based checks the stored condition again.
        ...(input.condition === undefined && input.trigger !== undefined ? { condition: row.condition } : {}),
      },
      row,
    );
    const [updated] = await tx
      .update(rules)
      .set({
        ...checked,
        ...(input.active !== undefined ? { active: input.active } : {}),
        version: row.version + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(rules.id, id))
      .returning();
    await announce(ctx, tx);
    return toDto(updated!);
  });
}

export async function deleteRule(ctx: RulesAdminCtx, id: string): Promise<void> {
  assertAdmin(ctx.actor, 'settings');
  await ctx.db.transaction(async (tx) => {
    await lockRules(tx);
    await lockedRule(tx, id);
    // Its runs go with it: the matched ones, and its place in the checks without a match.
    await tx.delete(ruleRuns).where(eq(ruleRuns.ruleId, id));
    await queryRows(
      tx,
      sql`WITH gone AS (UPDATE rule_checks SET rule_ids = array_remove(rule_ids, ${id}::uuid)
                         WHERE rule_ids @> ARRAY[${id}::uuid] RETURNING id, rule_ids)
          DELETE FROM rule_checks WHERE id IN (SELECT id FROM gone WHERE cardinality(rule_ids) = 0)`,
    );
    await tx.delete(rules).where(eq(rules.id, id));
    await announce(ctx, tx);
  });
}

/** Sets the order rules run in: `ids` lists every rule exactly once. */
export async function reorderRules(ctx: RulesAdminCtx, ids: string[]): Promise<RuleDto[]> {
  assertAdmin(ctx.actor, 'settings');
  await ctx.db.transaction(async (tx) => {
    await lockRules(tx);
    const existing = (await tx.select({ id: rules.id }).from(rules)).map((r) => r.id).sort();
    const given = ids.map((id) => id.toLowerCase());
    const sorted = [...given].sort();
    if (sorted.length !== existing.length || sorted.some((id, i) => id !== existing[i]))
      throw invalid('body/ids', 'must list every rule exactly once');
    for (const [i, id] of given.entries())
      await tx
        .update(rules)
        .set({ position: i + 1 })
        .where(eq(rules.id, id));
    await announce(ctx, tx);
  });
  return listRules(ctx);
}

export interface RuleRunDto {
  id: string;
  ruleId: string;
  ticketId: string;
  ticketNumber: string;
  trigger: string;
  matched: boolean;
  actions: Array<Record<string, unknown>>;
  error: string | null;
  createdAt: string;
}

/**
 * The run log, newest first: of one rule, one ticket, or all. The matched runs (rule_runs) and the
 * rules checked without a match (rule_checks, a row per change) make one list: a check's rules
 * are items `<id>.<n>`, in the cursor too.
 */
export async function listRuleRuns(
  ctx: Ctx,
  opts: { ruleId?: string; ticketId?: string; matched?: boolean; before?: string; limit?: number },
): Promise<{ items: RuleRunDto[]; nextCursor: string | null }> {
  assertAdmin(ctx.actor, 'settings');
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const [beforeId, beforeN] = (opts.before ?? '').split('.').map(Number);
  const cursor = opts.before && Number.isSafeInteger(beforeId) ? { id: beforeId!, n: beforeN ?? 0 } : null;
  const rule = opts.ruleId ? sql`${opts.ruleId}::uuid` : null;
  const ticket = opts.ticketId ? sql`${opts.ticketId}::uuid` : null;
  const branches: SQL[] = [];
  // A run is its id (n = 0); a check's items are its id and their place in it (n ≥ 1).
  branches.push(sql`(SELECT r.id, 0::bigint AS n, r.rule_id, r.ticket_id, r.trigger, r.matched, r.actions,
                              r.error, r.created_at
                         FROM rule_runs r
                        WHERE TRUE ${rule ? sql`AND r.rule_id = ${rule}` : sql``}
                          ${ticket ? sql`AND r.ticket_id = ${ticket}` : sql``}
                          ${opts.matched !== undefined ? sql`AND r.matched = ${opts.matched}` : sql``}
                          ${cursor ? sql`AND r.id < ${cursor.id}` : sql``}
                        ORDER BY r.id DESC LIMIT ${limit + 1})`);
  if (opts.matched !== true) {
    // Each check gives at least one item (exactly one for a rule), so `limit + 1` checks suffice.
    branches.push(sql`(SELECT c.id, u.n, u.rule_id, c.ticket_id, c.trigger, false, '[]'::jsonb, NULL::text,
                              c.created_at
                         FROM (SELECT * FROM rule_checks c
                                WHERE TRUE ${rule ? sql`AND c.rule_ids @> ARRAY[${rule}]` : sql``}
                                  ${ticket ? sql`AND c.ticket_id = ${ticket}` : sql``}
                                  ${cursor ? sql`AND c.id <= ${cursor.id}` : sql``}
                                ORDER BY c.id DESC LIMIT ${limit + 1}) c
                        CROSS JOIN LATERAL unnest(c.rule_ids) WITH ORDINALITY AS u(rule_id, n)
                        WHERE TRUE ${rule ? sql`AND u.rule_id = ${rule}` : sql``}
                          ${cursor ? sql`AND (c.id < ${cursor.id} OR u.n < ${cursor.n})` : sql``})`);
  }
  const rows = await queryRows<{
    id: string | number;
    n: string | number;
    rule_id: string;
    ticket_id: string;
    trigger: string;
    matched: boolean;
    actions: Array<Record<string, unknown>>;
    error: string | null;
    created_at: Date | string;
    number: string;
  }>(
    ctx.db,
    sql`SELECT x.*, t.number
          FROM (${sql.join(branches, sql` UNION ALL `)}) AS x (id, n, rule_id, ticket_id, trigger, matched, actions, error, created_at)
          JOIN tickets t ON t.id = x.ticket_id
         ORDER BY x.id DESC, x.n DESC
         LIMIT ${limit + 1}`,
  );
  const page = rows.slice(0, limit);
  const idOf = (r: (typeof rows)[number]) => (Number(r.n) ? `${r.id}.${r.n}` : String(r.id));
  return {
    items: page.map((r) => ({
      id: idOf(r),
      ruleId: r.rule_id,
      ticketId: r.ticket_id,
      ticketNumber: r.number,
      trigger: r.trigger,
      matched: r.matched,
      actions: r.actions,
      error: r.error,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    nextCursor: rows.length > limit ? idOf(page[page.length - 1]!) : null,
  };
}

/** How long the run log keeps a run. */
export const KEEP_RULE_RUNS_MS = 30 * 24 * 3600_000;

/** Forgets runs older than `olderThan` (the daily maintenance); answers how many. */
export async function pruneRuleRuns(db: Db, olderThan: Date): Promise<number> {
  const runs = await db
    .delete(ruleRuns)
    .where(lt(ruleRuns.createdAt, olderThan))
    .returning({ id: ruleRuns.id });
  const checks = await db
    .delete(ruleChecks)
    .where(lt(ruleChecks.createdAt, olderThan))
    .returning({ id: ruleChecks.id });
  return runs.length + checks.length;
}
