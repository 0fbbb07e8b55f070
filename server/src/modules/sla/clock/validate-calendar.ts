// Validation of a business-hours calendar received from outside (an admin's settings, an API body),
// reporting every problem with a path into the input, and of pauses given as text instants.
import { IANAZone } from 'luxon';
import type { FieldError } from '../../../platform/errors.ts';
import { parseLocalDate, parseWallTime } from './civil-days.ts';
import { parseInstant } from './instant-text.ts';
import { type BusinessInterval, type CalendarJson, type Pause, WEEKDAYS, type Weekday } from './types.ts';

export const MAX_HOLIDAYS = 2000;
export const MAX_INTERVALS_PER_DAY = 24;
export const MAX_PAUSES = 10_000;
const MAX_ERRORS = 50;
const MAX_ZONE_LENGTH = 64;
// Area/Location names, 'UTC', 'Etc/GMT+5'; not offsets ('+05:00') nor anything with odd characters.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
const CALENDAR_KEYS: ReadonlySet<string> = new Set(['timezone', 'week', 'holidays']);
const WEEKDAY_KEYS: ReadonlySet<string> = new Set(WEEKDAYS);
const PAUSE_KEYS: ReadonlySet<string> = new Set(['from', 'to']);
const INSTANT_HINT = 'must be a UTC instant like 2026-03-08T10:00:00Z';

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };
export type CalendarValidation = { ok: true; calendar: CalendarJson } | { ok: false; errors: FieldError[] };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function collector() {
  const errors: FieldError[] = [];
  return {
    errors,
    fail(field: string, message: string): undefined {
      if (errors.length < MAX_ERRORS) errors.push({ field, message });
      return undefined;
    },
  };
}

type Fail = (field: string, message: string) => undefined;

function unknownKeys(
  obj: Record<string, unknown>,
  known: ReadonlySet<string>,
  path: string,
  fail: Fail,
): void {
  for (const key of Object.keys(obj)) if (!known.has(key)) fail(`${path}/${key}`, 'is not a known key');
}

function checkTimezone(v: unknown, path: string, fail: Fail): string | undefined {
  if (v === undefined) return fail(path, 'is required');
  if (typeof v !== 'string') return fail(path, 'must be an IANA time zone name');
  if (v.length > MAX_ZONE_LENGTH || !ZONE_NAME.test(v) || !IANAZone.isValidZone(v))
    return fail(path, 'must be an IANA time zone name, e.g. Europe/Paris');
  return v;
}

function checkDay(v: unknown, path: string, fail: Fail): BusinessInterval[] | undefined {
  if (v === undefined) return fail(path, 'is required');
  if (!Array.isArray(v)) return fail(path, 'must be a list of ["HH:MM", "HH:MM"] intervals');
  if (v.length > MAX_INTERVALS_PER_DAY)
    return fail(path, `must have at most ${MAX_INTERVALS_PER_DAY} intervals`);
  const day: BusinessInterval[] = [];
  let ok = true;
  let prev: { start: number; end: number; text: string } | undefined;
  for (const [i, item] of (v as unknown[]).entries()) {
    const at = `${path}/${i}`;
    if (!Array.isArray(item) || item.length !== 2) {
      ok = false;
      prev = undefined;
      fail(at, 'must be a ["HH:MM", "HH:MM"] pair');
      continue;
    }
    const [s, e] = item as unknown[];
    const start = typeof s === 'string' ? parseWallTime(s) : null;
    const end = typeof e === 'string' ? parseWallTime(e) : null;
    if (start === null) fail(`${at}/0`, 'must be a time "HH:MM"');
    else if (start === 1440) fail(`${at}/0`, 'a start must be between 00:00 and 23:59');
    if (end === null) fail(`${at}/1`, 'must be a time "HH:MM"');
    else if (end === 0) fail(`${at}/1`, 'an end must be between 00:01 and 24:00');
    if (start === null || end === null || start === 1440 || end === 0) {
      ok = false;
      prev = undefined;
      continue;
    }
    if (start >= end) {
      ok = false;
      fail(`${at}/1`, 'must be later than the start');
    } else if (prev && start < prev.start) {
      ok = false;
      fail(`${at}/0`, 'intervals must be sorted by start');
    } else if (prev && start < prev.end) {
      ok = false;
      fail(`${at}/0`, `overlaps the previous interval, which ends at ${prev.text}`);
    }
    prev = { start, end, text: e as string };
    day.push([s as string, e as string]);
  }
  return ok ? day : undefined;
}

function checkWeek(v: unknown, path: string, fail: Fail): Record<Weekday, BusinessInterval[]> | undefined {
  if (v === undefined) return fail(path, 'is required');
  if (!isPlainObject(v)) return fail(path, `must be an object with the keys ${WEEKDAYS.join(', ')}`);
  unknownKeys(v, WEEKDAY_KEYS, path, fail);
  const week: Partial<Record<Weekday, BusinessInterval[]>> = {};
  let ok = true;
  for (const wd of WEEKDAYS) {
    const day = checkDay(v[wd], `${path}/${wd}`, fail);
    if (day) week[wd] = day;
    else ok = false;
  }
  return ok ? (week as Record<Weekday, BusinessInterval[]>) : undefined;
}

function checkHolidays(v: unknown, path: string, fail: Fail): string[] | undefined {
  if (v === undefined) return fail(path, 'is required');
  if (!Array.isArray(v)) return fail(path, 'must be a list of dates "YYYY-MM-DD"');
  if (v.length > MAX_HOLIDAYS) return fail(path, `must have at most ${MAX_HOLIDAYS} dates`);
  let ok = true;
  for (const [i, d] of (v as unknown[]).entries()) {
    if (typeof d !== 'string' || parseLocalDate(d) === null) {
      ok = false;
      fail(`${path}/${i}`, 'must be a real date "YYYY-MM-DD"');
    }
  }
  // The same text is the same date, and such text sorts like the date.
  return ok ? [...new Set(v as string[])].sort() : undefined;
}

/**
 * Checks an untrusted business-hours calendar. On success returns a clean copy (holidays sorted and
 * without duplicates); otherwise every problem, each with its path under `basePath`
 * (e.g. 'calendar/week/mon/0/1').
 */
export function validateCalendar(input: unknown, basePath = 'calendar'): CalendarValidation {
  const { errors, fail } = collector();
  if (!isPlainObject(input)) {
    fail(basePath, 'must be an object with timezone, week and holidays');
    return { ok: false, errors };
  }
  unknownKeys(input, CALENDAR_KEYS, basePath, fail);
  const timezone = checkTimezone(input.timezone, `${basePath}/timezone`, fail);
  const week = checkWeek(input.week, `${basePath}/week`, fail);
  const holidays = checkHolidays(input.holidays, `${basePath}/holidays`, fail);
  if (errors.length > 0 || timezone === undefined || week === undefined || holidays === undefined)
    return { ok: false, errors };
  return { ok: true, calendar: { timezone, week, holidays } };
}

/**
 * Checks untrusted pauses given as `[{ from: instant, to: instant | null }]` with UTC ISO instants and
 * returns them as epoch seconds; a pause may not end before it starts.
 */
export function validatePauses(input: unknown, basePath = 'pauses'): Validation<Pause[]> {
  const { errors, fail } = collector();
  if (!Array.isArray(input)) {
    fail(basePath, 'must be a list of { from, to } pauses');
    return { ok: false, errors };
  }
  if (input.length > MAX_PAUSES) {
    fail(basePath, `must have at most ${MAX_PAUSES} pauses`);
    return { ok: false, errors };
  }
  const pauses: Pause[] = [];
  for (const [i, item] of (input as unknown[]).entries()) {
    const at = `${basePath}/${i}`;
    if (!isPlainObject(item)) {
      fail(at, 'must be an object { from, to }');
      continue;
    }
    unknownKeys(item, PAUSE_KEYS, at, fail);
    const from = typeof item.from === 'string' ? parseInstant(item.from) : null;
    if (from === null) fail(`${at}/from`, INSTANT_HINT);
    let to: number | null = null;
    if (item.to === undefined) fail(`${at}/to`, 'is required (null while still paused)');
    else if (item.to !== null) {
      to = typeof item.to === 'string' ? parseInstant(item.to) : null;
      if (to === null) fail(`${at}/to`, `${INSTANT_HINT}, or null while still paused`);
    }
    if (from !== null && to !== null && to < from) fail(`${at}/to`, 'must not be before from');
    if (from !== null) pauses.push({ from, to });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: pauses };
}
