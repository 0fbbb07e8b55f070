// Custom ticket fields: administrators define them; every write validates the `custom` object.
import { asc, eq, sql } from 'drizzle-orm';
import { parseInstant } from '../../platform/clock.ts';
import { type Db, isUniqueViolation } from '../../platform/db.ts';
import { AppError, type FieldError, invalid, notFound } from '../../platform/errors.ts';
import { assertAdmin } from '../access/index.ts';
import { agents } from '../directory/index.ts';
import { type CustomFieldType, customFieldDefs, type Labels } from './schema.ts';
import { type AdminCtx, announceConfigChange } from './ticket-config-change.ts';

export interface CustomFieldDef {
  id: string;
  key: string;
  type: CustomFieldType;
  labels: Labels;
  required: boolean;
  defaultValue: unknown;
  options: Array<{ key: string; labels: Labels }>;
  position: number;
  active: boolean;
}

function toDef(row: typeof customFieldDefs.$inferSelect): CustomFieldDef {
  return {
    id: row.id,
    key: row.key,
    type: row.type,
    labels: row.labels,
    required: row.required,
    defaultValue: row.defaultValue ?? null,
    options: row.options,
    position: row.position,
    active: row.active,
  };
}

export async function loadCustomFieldDefs(db: Db): Promise<CustomFieldDef[]> {
  const rows = await db
    .select()
    .from(customFieldDefs)
    .where(eq(customFieldDefs.entity, 'ticket'))
    .orderBy(asc(customFieldDefs.position), asc(customFieldDefs.key));
  return rows.map(toDef);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return days !== undefined && d >= 1 && d <= days;
}

/** Checks one value against its definition; returns the normalized value or an error message. */
export function checkCustomValue(
  def: CustomFieldDef,
  value: unknown,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (value === null) return { ok: true, value: null };
  const fail = (message: string) => ({ ok: false as const, message });
  switch (def.type) {
    case 'text':
      if (typeof value !== 'string') return fail('must be text');
      if (value.length > 1000) return fail('must be at most 1000 characters');
      return { ok: true, value };
    case 'long_text':
      if (typeof value !== 'string') return fail('must be text');
      if (value.length > 100_000) return fail('must be at most 100000 characters');
      return { ok: true, value };
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return fail('must be a whole number');
      return { ok: true, value };
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('must be a number');
      return { ok: true, value };
    case 'checkbox':
      if (typeof value !== 'boolean') return fail('must be true or false');
      return { ok: true, value };
    case 'date':
      if (typeof value !== 'string' || !validDate(value)) return fail('must be a date YYYY-MM-DD');
      return { ok: true, value };
    case 'datetime': {
      if (typeof value !== 'string' || !DATETIME.test(value) || !validDate(value.slice(0, 10)))
        return fail('must be an ISO 8601 date-time with a zone');
      const instant = parseInstant(value);
      if (!instant) return fail('must be an ISO 8601 date-time with a zone');
      return { ok: true, value: instant.toISOString() };
    }
    case 'email':
      if (typeof value !== 'string' || value.length > 320 || !EMAIL.test(value))
        return fail('must be an email address');
      return { ok: true, value: value.trim() };
    case 'url': {
      if (typeof value !== 'string' || value.length > 2000) return fail('must be an http(s) URL');
      try {
        const u = new URL(value);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') return fail('must be an http(s) URL');
      } catch {
        return fail('must be an http(s) URL');
      }
      return { ok: true, value };
    }
    case 'user':
      if (typeof value !== 'string' || !UUID.test(value)) return fail('must be an agent id');
      return { ok: true, value: value.toLowerCase() };
    case 'picklist':
      if (typeof value !== 'string' || !def.options.some((o) => o.key === value)) {
        return fail(`must be one of ${def.options.map((o) => o.key).join(', ')}`);
      }
      return { ok: true, value };
    case 'multi_picklist': {
      if (!Array.isArray(value) || value.length > 100) return fail('must be a list of options');
      const bad = value.find((v) => typeof v !== 'string' || !def.options.some((o) => o.key === v));
      if (bad !== undefined) return fail(`unknown option ${JSON.stringify(bad).slice(0, 100)}`);
      return { ok: true, value: [...new Set(value as string[])] };
    }
  }
}

/**
 * Validates a `custom` object for a write. On create, required fields must be present (defaults
 * applied first); on update, only the given keys change and `null` clears one.
 */
export async function validateCustom(
  db: Db,
  defs: CustomFieldDef[],
  input: Record<string, unknown> | undefined,
  current: Record<string, unknown> | null,
): Promise<Record<string, unknown>> {
  const errors: FieldError[] = [];
  const result: Record<string, unknown> = current ? { ...current } : {};
  if (!current) {
    for (const def of defs)
      if (def.active && def.defaultValue !== null && def.defaultValue !== undefined)
        result[def.key] = def.defaultValue;
  }
  const userIds: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(input ?? {})) {
    const def = defs.find((d) => d.key === key);
    if (!def) {
      errors.push({ field: `custom/${key}`, message: 'is not a custom field' });
      continue;
    }
    if (!def.active && value !== null && result[key] !== value) {
      errors.push({ field: `custom/${key}`, message: 'this custom field is deactivated' });
      continue;
    }
    const checked = checkCustomValue(def, value);
    if (!checked.ok) {
      errors.push({ field: `custom/${key}`, message: checked.message });
      continue;
    }
    if (checked.value === null) delete result[key];
    else result[key] = checked.value;
    if (def.type === 'user' && typeof checked.value === 'string') userIds.push([key, checked.value]);
  }
  for (const def of defs) {
    const v = result[def.key];
    if (
      def.active &&
      def.required &&
      (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0))
    ) {
      errors.push({ field: `custom/${def.key}`, message: 'is required' });
    }
  }
  for (const [key, id] of userIds) {
    const [row] = await db.select({ id: agents.id }).from(agents).where(eq(agents.id, id));
    if (!row) errors.push({ field: `custom/${key}`, message: 'is not an agent' });
  }
  if (errors.length)
    throw new AppError('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  return result;
}

const KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,49}$/;

export interface CustomFieldInput {
  key?: string | undefined;
  type?: CustomFieldType | undefined;
  labels?: Labels | undefined;
  required?: boolean | undefined;
  defaultValue?: unknown;
  options?: Array<{ key: string; labels: Labels }> | undefined;
  position?: number | undefined;
  active?: boolean | undefined;
}

export async function saveCustomField(
  ctx: AdminCtx,
  id: string | null,
  input: CustomFieldInput,
): Promise<CustomFieldDef> {
  assertAdmin(ctx.actor, 'custom_fields');
  const existing = id ? (await loadCustomFieldDefs(ctx.db)).find((d) => d.id === id) : undefined;
  if (id && !existing) throw notFound('Custom field');
  if (existing && input.key !== undefined && input.key !== existing.key)
    throw invalid('key', 'cannot change; create a new field instead');
  if (existing && input.type !== undefined && input.type !== existing.type)
    throw invalid('type', 'cannot change; create a new field instead');
  const key = existing?.key ?? input.key;
  const type = existing?.type ?? input.type;
  if (!key || !KEY.test(key))
    throw invalid('key', 'must start with a letter and use letters, digits and _ (at most 50)');
  if (!type) throw invalid('type', 'is required');
  const labels = input.labels ?? existing?.labels;
  if (!labels?.en?.trim()) throw invalid('labels/en', 'an English label is required');
  const options = input.options ?? existing?.options ?? [];
  if ((type === 'picklist' || type === 'multi_picklist') && options.length === 0)
    throw invalid('options', 'a picklist needs options');
  const optionKeys = new Set<string>();
  for (const [i, o] of options.entries()) {
    if (!KEY.test(o.key))
      throw invalid(`options/${i}/key`, 'must start with a letter and use letters, digits and _');
    if (optionKeys.has(o.key)) throw invalid(`options/${i}/key`, 'is repeated');
    optionKeys.add(o.key);
  }
  const draft: CustomFieldDef = {
    id: id ?? '',
    key,
    type,
    labels,
    required: input.required ?? existing?.required ?? false,
    defaultValue: input.defaultValue === undefined ? (existing?.defaultValue ?? null) : input.defaultValue,
    options,
    position: input.position ?? existing?.position ?? 0,
    active: input.active ?? existing?.active ?? true,
  };
  if (draft.defaultValue !== null) {
    const checked = checkCustomValue(draft, draft.defaultValue);
    if (!checked.ok) throw invalid('defaultValue', checked.message);
    draft.defaultValue = checked.value;
  }
  const values = {
    key,
    type,
    labels,
    required: draft.required,
    defaultValue: draft.defaultValue === null ? sql`NULL` : draft.defaultValue,
    options,
    position: draft.position,
    active: draft.active,
  };
  try {
    const [row] = id
      ? await ctx.db.update(customFieldDefs).set(values).where(eq(customFieldDefs.id, id)).returning()
      : await ctx.db
          .insert(customFieldDefs)
          .values({ ...values, entity: 'ticket', createdAt: ctx.clock.now() })
          .returning();
    await announceConfigChange(ctx);
    return toDef(row!);
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('duplicate', `A custom field "${key}" exists`, [
        { field: 'key', message: 'is already used' },
      ]);
    throw err;
  }
}
