// The weekly grid's model: weekday keys, presets, the "copy Monday" shortcut, a summary of the
// hours for the list, and reading a pasted holiday list the way the server does
// (server/src/modules/sla/holiday-import.ts) for a calendar not saved yet. Pure, no I/O.
import type { CalendarDefinition, Interval, Week, WeekKey } from './sla-data.ts';

export const WEEK_KEYS: readonly WeekKey[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WORKDAYS: readonly WeekKey[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

const week = (day: (key: WeekKey) => Interval[]): Week =>
  Object.fromEntries(WEEK_KEYS.map((k) => [k, day(k)])) as Week;

/** Mon–Fri 09:00–17:00. */
export const officeWeek = (): Week => week((k) => (WORKDAYS.includes(k) ? [['09:00', '17:00']] : []));
/** Every day, all day. */
export const allDayWeek = (): Week => week(() => [['00:00', '24:00']]);

export function newDefinition(timezone: string): CalendarDefinition {
  return { timezone, week: officeWeek(), holidays: [] };
}

export function copyMondayToWeekdays(w: Week): Week {
  return week((k) => (k !== 'mon' && WORKDAYS.includes(k) ? w.mon.map((i) => [i[0], i[1]]) : w[k]));
}

/** A copy of the week, so edits never reach a cached calendar. */
export const cloneWeek = (w: Week): Week => week((k) => w[k].map((i) => [i[0], i[1]]));

/** Minutes since midnight of "HH:MM" (24:00 allowed); null when malformed. */
export function minutesOf(time: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

/** A new interval for a day: after its last one when there is room, else office hours. */
export function nextInterval(day: Interval[]): Interval {
  const last = day.at(-1);
  const end = last ? minutesOf(last[1]) : null;
  if (end === null || end > 23 * 60) return ['09:00', '17:00'];
  const clock = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return [clock(end), clock(Math.min(end + 60, 24 * 60))];
}

/** Business minutes in a week (holidays aside); null when an interval is malformed. */
export function weeklyMinutes(w: Week): number | null {
  let total = 0;
  for (const k of WEEK_KEYS)
    for (const [start, end] of w[k]) {
      const a = minutesOf(start);
      const b = minutesOf(end);
      if (a === null || b === null) return null;
      total += Math.max(0, b - a);
    }
  return total;
}

export interface DayRun {
  /** Indexes into WEEK_KEYS, first and last day of a run of days with the same hours. */
  from: number;
  to: number;
  intervals: Interval[];
}

/** Consecutive days with the same hours, closed days left out: "Mon–Fri 09:00–17:00". */
export function weekRuns(w: Week): DayRun[] {
  const runs: DayRun[] = [];
  const same = (a: Interval[], b: Interval[]) =>
    a.length === b.length && a.every((x, i) => x[0] === b[i]?.[0] && x[1] === b[i]?.[1]);
  WEEK_KEYS.forEach((k, i) => {
    const day = w[k];
    if (day.length === 0) return;
    const last = runs.at(-1);
    if (last && last.to === i - 1 && same(last.intervals, day)) last.to = i;
    else runs.push({ from: i, to: i, intervals: day });
  });
  return runs;
}

export const isAllDayEveryDay = (w: Week): boolean =>
  WEEK_KEYS.every((k) => w[k].length === 1 && w[k][0]?.[0] === '00:00' && w[k][0]?.[1] === '24:00');

export interface PastedHolidays {
  dates: string[];
  skipped: { line: number; text: string }[];
  /** Lines naming a date that does not exist (2026-02-30). */
  invalid: { line: number; date: string }[];
}

const DATE_TOKEN = /(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])/g;

export function isRealDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

/**
 * Per line, each part between commas or semicolons gives its dates: all of them when it holds
 * nothing else (a space-separated list), else the first one (the rest is a label).
 */
export function parseHolidayText(text: string): PastedHolidays {
  const out: PastedHolidays = { dates: [], skipped: [], invalid: [] };
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let found = 0;
    for (const part of line.split(/[,;]/)) {
      const tokens = part.match(DATE_TOKEN) ?? [];
      if (tokens.length === 0) continue;
      const label = part.replace(DATE_TOKEN, '').trim();
      for (const date of label === '' ? tokens : tokens.slice(0, 1)) {
        found += 1;
        if (isRealDate(date)) out.dates.push(date);
        else out.invalid.push({ line: i + 1, date });
      }
    }
    if (found === 0) out.skipped.push({ line: i + 1, text: line.trim().slice(0, 200) });
  });
  return out;
}

export const mergeHolidays = (a: readonly string[], b: readonly string[]): string[] =>
  [...new Set([...a, ...b])].sort();
