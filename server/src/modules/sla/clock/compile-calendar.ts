// Turns a calendar into what the clock walks: intervals as minutes per weekday, holidays as day numbers,
// and a memo of each local date's business time as UTC epoch-second ranges, filled on first use, so the
// clock's hot path is plain arithmetic on numbers.
import { DAY_SECONDS, parseLocalDate, parseWallTime, weekdayOfDay } from './civil-days.ts';
import type { CalendarJson, CompiledCalendar } from './types.ts';
import { WEEKDAYS } from './types.ts';
import { validateCalendar } from './validate-calendar.ts';
import { zoneTimeline } from './zone-timeline.ts';

/** A memo past this size is dropped and refilled, so a long-lived calendar's memory stays bounded. */
const MAX_MEMO_DAYS = 50_000;
const NO_RANGES: readonly number[] = Object.freeze([]);

/** Compiles a calendar (validated here too: RangeError listing the problems if it is not valid). */
export function compileCalendar(calendar: CalendarJson): CompiledCalendar {
  const checked = validateCalendar(calendar);
  if (!checked.ok)
    throw new RangeError(
      `invalid calendar: ${checked.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
    );
  const clean = checked.calendar;
  const weekMinutes = WEEKDAYS.map((wd) =>
    clean.week[wd].flatMap(([s, e]) => [parseWallTime(s)!, parseWallTime(e)!]),
  );
  const weekdayOpen = weekMinutes.map((m) => m.length > 0);
  return {
    calendar: clean,
    weekMinutes,
    weekdayOpen,
    hasBusinessTime: weekdayOpen.some(Boolean),
    holidays: new Set(clean.holidays.map((d) => parseLocalDate(d)!)),
    zone: zoneTimeline(clean.timezone),
    days: new Map(),
  };
}

function fillDay(cal: CompiledCalendar, day: number): readonly number[] {
  const minutes = cal.weekMinutes[weekdayOfDay(day)]!;
  if (minutes.length === 0 || cal.holidays.has(day)) return NO_RANGES;
  const midnight = day * DAY_SECONDS;
  const ranges: number[] = [];
  for (let i = 0; i < minutes.length; i += 2) {
    const from = cal.zone.instantOf(midnight + minutes[i]! * 60);
    const to = cal.zone.instantOf(midnight + minutes[i + 1]! * 60);
    if (to <= from) continue; // wholly inside a spring-forward gap
    if (ranges.length > 0 && ranges[ranges.length - 1] === from) ranges[ranges.length - 1] = to;
    else ranges.push(from, to);
  }
  return ranges;
}

/**
 * A local date's business time as flat [from, to, …] epoch-second ranges, sorted, non-empty and not
 * touching; consecutive dates' ranges follow one another in time.
 */
export function dayRanges(cal: CompiledCalendar, day: number): readonly number[] {
  let ranges = cal.days.get(day);
  if (ranges === undefined) {
    ranges = fillDay(cal, day);
    if (cal.days.size >= MAX_MEMO_DAYS) cal.days.clear();
    cal.days.set(day, ranges);
  }
  return ranges;
}

const ALL_DAY: [string, string][] = [['00:00', '24:00']];

/** Open around the clock: 24×7 in UTC, no holidays. */
export const ALWAYS_OPEN: CompiledCalendar = compileCalendar({
  timezone: 'UTC',
  week: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
  holidays: [],
});
