// The clock as a service (S5): when a target would be due, and how much business time has run, for a
// calendar given inline or a stored one, with pauses. Lets administrators and integrations try a
// calendar before using it; every input problem is named by its field.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import {
  type CalendarJson,
  compileCalendar,
  dueAt,
  elapsed,
  formatInstant,
  type Pause,
  parseInstant,
  validateCalendar,
  validatePauses,
} from './clock/index.ts';
import { compiledCalendarOf } from './policy-matching.ts';
import { type Fail, fieldErrors, MAX_TARGET_MINUTES } from './policy-shapes.ts';
import { slaCalendars } from './schema.ts';

export interface CalendarChoice {
  /** A calendar definition given inline… */
  calendar?: unknown;
  /** …or the id of a stored calendar (exactly one of the two). */
  calendarId?: string | undefined;
}

export interface PreviewInput extends CalendarChoice {
  start: string;
  targetMinutes: number;
  pauses?: unknown;
}

export interface ElapsedInput extends CalendarChoice {
  from: string;
  to: string;
  pauses?: unknown;
}

const INSTANT_HINT = 'must be a UTC instant like 2026-03-08T10:00:00Z';
/** The longest span elapsed measures (about ten years): it walks the span day by day. */
const MAX_SPAN_DAYS = 3660;

function instant(value: string, path: string, fail: Fail): number | null {
  const t = parseInstant(value);
  if (t === null) fail(path, INSTANT_HINT);
  return t;
}

function pausesOf(input: unknown, fail: Fail): Pause[] {
  if (input === undefined) return [];
  const checked = validatePauses(input, 'body/pauses');
  if (checked.ok) return checked.value;
  for (const e of checked.errors) fail(e.field, e.message);
  return [];
}

/** The inline calendar checked (without compiling yet), or the stored calendar's id. */
function calendarChoice(input: CalendarChoice, fail: Fail): { inline?: CalendarJson } {
  const hasInline = input.calendar !== undefined;
  const hasId = input.calendarId !== undefined;
  if (hasInline === hasId) {
    fail('body/calendar', 'give either calendar (a definition) or calendarId (a stored calendar)');
    return {};
  }
  if (!hasInline) return {};
  const checked = validateCalendar(input.calendar, 'body/calendar');
  if (checked.ok) return { inline: checked.calendar };
  for (const e of checked.errors) fail(e.field, e.message);
  return {};
}

async function compiledFor(ctx: Ctx, input: CalendarChoice, inline: CalendarJson | undefined) {
  if (inline) return compileCalendar(inline);
  const [row] = await ctx.db
    .select({ id: slaCalendars.id, version: slaCalendars.version, definition: slaCalendars.definition })
    .from(slaCalendars)
    .where(eq(slaCalendars.id, input.calendarId!));
  if (!row) throw invalid('body/calendarId', 'is not a calendar');
  return compiledCalendarOf(row);
}

/** When `targetMinutes` of running time will have passed from `start`; null if it never will. */
export async function previewDueAt(ctx: Ctx, input: PreviewInput): Promise<{ dueAt: string | null }> {
  const { fail, throwIfAny } = fieldErrors();
  const { inline } = calendarChoice(input, fail);
  const start = instant(input.start, 'body/start', fail);
  if (
    !Number.isInteger(input.targetMinutes) ||
    input.targetMinutes < 0 ||
    input.targetMinutes > MAX_TARGET_MINUTES
  )
    fail('body/targetMinutes', `must be a whole number of minutes from 0 to ${MAX_TARGET_MINUTES}`);
  const pauses = pausesOf(input.pauses, fail);
  throwIfAny();
  const calendar = await compiledFor(ctx, input, inline);
  const due = dueAt(calendar, start!, input.targetMinutes * 60, pauses);
  if (due === null) return { dueAt: null };
  try {
    return { dueAt: formatInstant(due) };
  } catch {
    throw invalid('body/start', 'the due time would fall after the year 9999');
  }
}

/** Seconds of running time in [from, to). */
export async function previewElapsed(ctx: Ctx, input: ElapsedInput): Promise<{ seconds: number }> {
  const { fail, throwIfAny } = fieldErrors();
  const { inline } = calendarChoice(input, fail);
  const from = instant(input.from, 'body/from', fail);
  const to = instant(input.to, 'body/to', fail);
  if (from !== null && to !== null && to - from > MAX_SPAN_DAYS * 86_400)
    fail('body/to', `must be within ${MAX_SPAN_DAYS} days of from`);
  const pauses = pausesOf(input.pauses, fail);
  throwIfAny();
  const calendar = await compiledFor(ctx, input, inline);
  return { seconds: elapsed(calendar, from!, to!, pauses) };
}
