// Business-hours calendars (S1): any agent reads them, administrators create, change and delete them.
// A definition is checked by the clock's own validator and stored normalized. The built-in 24×7
// calendar is fixed, and a calendar a policy uses cannot be deleted.
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { type Db, isUniqueViolation } from '../../platform/db.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { assertAdmin } from '../access/index.ts';
import { type CalendarJson, MAX_HOLIDAYS, validateCalendar } from './clock/index.ts';
import { parseHolidayText } from './holiday-import.ts';
import { calendarIdsOf, type Fail, fieldErrors } from './policy-shapes.ts';
import { slaCalendars, slaPolicies } from './schema.ts';
import { announceSlaConfigChange, type SlaAdminCtx } from './sla-config-change.ts';

export interface CalendarDto {
  id: string;
  name: string;
  definition: CalendarJson;
  builtIn: boolean;
  version: number;
  /** How many policies have a target on this calendar. */
  usedBy: number;
  createdAt: string;
  updatedAt: string;
}

export interface CalendarInput {
  name?: string | undefined;
  definition?: unknown;
}

type CalendarRow = typeof slaCalendars.$inferSelect;
type PolicyRef = { id: string; name: string };

function toDto(row: CalendarRow, users: PolicyRef[] | undefined): CalendarDto {
  return {
    id: row.id,
    name: row.name,
    definition: row.definition,
    builtIn: row.builtIn,
    version: row.version,
    usedBy: users?.length ?? 0,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Per calendar id, the policies (active or not) with a target on it. */
async function policiesByCalendar(db: Db): Promise<Map<string, PolicyRef[]>> {
  const rows = await db
    .select({ id: slaPolicies.id, name: slaPolicies.name, targets: slaPolicies.targets })
    .from(slaPolicies)
    .orderBy(asc(sql`lower(${slaPolicies.name})`));
  const users = new Map<string, PolicyRef[]>();
  for (const r of rows)
    for (const calendarId of calendarIdsOf(r.targets)) {
      const list = users.get(calendarId) ?? [];
      list.push({ id: r.id, name: r.name });
      users.set(calendarId, list);
    }
  return users;
}

function checkName(name: string, fail: Fail): string {
  const trimmed = name.trim();
  if (!trimmed) fail('body/name', 'must not be empty');
  else if (trimmed.length > 100) fail('body/name', 'must be at most 100 characters');
  return trimmed;
}

function checkDefinition(definition: unknown, fail: Fail): CalendarJson | undefined {
  const checked = validateCalendar(definition, 'body/definition');
  if (checked.ok) return checked.calendar;
  for (const e of checked.errors) fail(e.field, e.message);
  return undefined;
}

function duplicateName(err: unknown): unknown {
  return isUniqueViolation(err)
    ? new AppError('duplicate', 'A calendar with this name exists', [
        { field: 'body/name', message: 'is already used' },
      ])
    : err;
}

async function lockedRow(db: Db, id: string): Promise<CalendarRow> {
  const [row] = await db.select().from(slaCalendars).where(eq(slaCalendars.id, id)).for('update');
  if (!row) throw notFound('Calendar');
  return row;
}

function assertChangeable(row: CalendarRow): void {
  if (row.builtIn) throw new AppError('forbidden', 'The built-in calendar cannot be changed');
}

async function assertCalendarVersion(db: Db, row: CalendarRow, version: number): Promise<void> {
  if (version === row.version) return;
  const users = await policiesByCalendar(db);
  throw new AppError(
    'conflict',
    `The calendar is at version ${row.version}; you edited version ${version}. Reload and apply your change again.`,
    [],
    { current: toDto(row, users.get(row.id)) },
  );
}

export async function listCalendars(ctx: Ctx): Promise<CalendarDto[]> {
  const rows = await ctx.db
    .select()
    .from(slaCalendars)
    .orderBy(desc(slaCalendars.builtIn), asc(sql`lower(${slaCalendars.name})`), asc(slaCalendars.id));
  const users = await policiesByCalendar(ctx.db);
  return rows.map((r) => toDto(r, users.get(r.id)));
}

export async function getCalendar(ctx: Ctx, id: string): Promise<CalendarDto> {
  const [row] = await ctx.db.select().from(slaCalendars).where(eq(slaCalendars.id, id));
  if (!row) throw notFound('Calendar');
  const users = await policiesByCalendar(ctx.db);
  return toDto(row, users.get(row.id));
}

export async function createCalendar(
  ctx: SlaAdminCtx,
  input: { name: string; definition: unknown },
): Promise<CalendarDto> {
  assertAdmin(ctx.actor, 'settings');
  const { fail, throwIfAny } = fieldErrors();
  const name = checkName(input.name, fail);
  const definition = checkDefinition(input.definition, fail);
  throwIfAny();
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(slaCalendars)
        .values({ name, definition: definition!, createdAt: now, updatedAt: now })
        .returning();
      await announceSlaConfigChange({ ...ctx, db: tx }, { kind: 'calendar', id: row!.id });
      return toDto(row!, []);
    });
  } catch (err) {
    throw duplicateName(err);
  }
}

export async function updateCalendar(
  ctx: SlaAdminCtx,
  id: string,
  input: CalendarInput & { version: number },
): Promise<CalendarDto> {
  assertAdmin(ctx.actor, 'settings');
  const { fail, throwIfAny } = fieldErrors();
  const name = input.name === undefined ? undefined : checkName(input.name, fail);
  const definition = input.definition === undefined ? undefined : checkDefinition(input.definition, fail);
  throwIfAny();
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await lockedRow(tx, id);
      assertChangeable(row);
      await assertCalendarVersion(tx, row, input.version);
      const [updated] = await tx
        .update(slaCalendars)
        .set({
          ...(name !== undefined ? { name } : {}),
          ...(definition !== undefined ? { definition } : {}),
          version: row.version + 1,
          updatedAt: ctx.clock.now(),
        })
        .where(eq(slaCalendars.id, id))
        .returning();
      await announceSlaConfigChange({ ...ctx, db: tx }, { kind: 'calendar', id });
      return toDto(updated!, (await policiesByCalendar(tx)).get(id));
    });
  } catch (err) {
    throw duplicateName(err);
  }
}

export async function deleteCalendar(ctx: SlaAdminCtx, id: string): Promise<void> {
  assertAdmin(ctx.actor, 'settings');
  await ctx.db.transaction(async (tx) => {
    const row = await lockedRow(tx, id);
    if (row.builtIn) throw new AppError('forbidden', 'The built-in calendar cannot be deleted');
    const users = (await policiesByCalendar(tx)).get(id) ?? [];
    if (users.length) {
      throw new AppError(
        'conflict',
        `The calendar is used by the ${users.length === 1 ? 'policy' : 'policies'} ${users.map((p) => p.name).join(', ')}; change their targets first`,
        [],
        { policies: users },
      );
    }
    await tx.delete(slaCalendars).where(eq(slaCalendars.id, id));
    await announceSlaConfigChange({ ...ctx, db: tx }, { kind: 'calendar', id });
  });
}

export interface HolidayImport {
  calendar: CalendarDto;
  /** How many dates were new to the calendar. */
  added: number;
  /** Non-blank lines without a date. */
  skipped: { line: number; text: string }[];
}

/**
 * Adds the dates found in a pasted list to a calendar's holidays (merged, sorted, without duplicates).
 * The version goes up only when a date was added.
 */
export async function importHolidays(
  ctx: SlaAdminCtx,
  id: string,
  input: { version: number; text: string },
): Promise<HolidayImport> {
  assertAdmin(ctx.actor, 'settings');
  const { dates, skipped } = parseHolidayText(input.text, 'body/text');
  return ctx.db.transaction(async (tx) => {
    const row = await lockedRow(tx, id);
    assertChangeable(row);
    await assertCalendarVersion(tx, row, input.version);
    const existing = row.definition.holidays;
    const holidays = [...new Set([...existing, ...dates])].sort();
    const added = holidays.length - existing.length;
    if (holidays.length > MAX_HOLIDAYS)
      throw invalid('body/text', `the calendar would have more than ${MAX_HOLIDAYS} holidays`);
    let current = row;
    if (added > 0) {
      const [updated] = await tx
        .update(slaCalendars)
        .set({
          definition: { ...row.definition, holidays },
          version: row.version + 1,
          updatedAt: ctx.clock.now(),
        })
        .where(eq(slaCalendars.id, id))
        .returning();
      current = updated!;
      await announceSlaConfigChange({ ...ctx, db: tx }, { kind: 'calendar', id });
    }
    return { calendar: toDto(current, (await policiesByCalendar(tx)).get(id)), added, skipped };
  });
}
