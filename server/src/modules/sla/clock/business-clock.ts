// The SLA clock itself: how much business time has run between two instants, and when a target amount
// of it will have run. The clock runs at t iff t is at or after the start, inside the calendar's business
// time and inside no pause. Everything is epoch seconds; days are walked forward from the start's day
// through the compiled calendar's memo.
import { DAY_SECONDS, weekdayOfDay } from './civil-days.ts';
import { dayRanges } from './compile-calendar.ts';
import type { CompiledCalendar, Pause } from './types.ts';
import { MAX_OFFSET_SECONDS } from './zone-timeline.ts';

/** How far ahead dueAt looks for business time before it gives up (about 100 years). */
export const HORIZON_DAYS = 36_525;
const NO_PAUSES: readonly number[] = Object.freeze([]);

function sortPairs(flat: number[]): void {
  const n = flat.length / 2;
  if (n <= 32) {
    for (let i = 1; i < n; i++) {
      const from = flat[2 * i]!;
      const to = flat[2 * i + 1]!;
      let j = i - 1;
      while (j >= 0 && flat[2 * j]! > from) {
        flat[2 * j + 2] = flat[2 * j]!;
        flat[2 * j + 3] = flat[2 * j + 1]!;
        j--;
      }
      flat[2 * j + 2] = from;
      flat[2 * j + 3] = to;
    }
    return;
  }
  const pairs: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
  pairs.sort((x, y) => x[0] - y[0]);
  pairs.forEach(([from, to], i) => {
    flat[2 * i] = from;
    flat[2 * i + 1] = to;
  });
}

/**
 * The union of the pauses that end after `after`, as sorted, disjoint, non-touching flat
 * [from, to, …] with Infinity for a pause not yet ended. RangeError for a pause ending before it starts.
 */
function mergePauses(pauses: readonly Pause[], after: number): readonly number[] {
  if (pauses.length === 0) return NO_PAUSES;
  const flat: number[] = [];
  for (const p of pauses) {
    const to = p.to === null ? Number.POSITIVE_INFINITY : p.to;
    if (!Number.isFinite(p.from) || Number.isNaN(to)) throw new RangeError('a pause needs a finite from');
    if (to < p.from) throw new RangeError('a pause may not end before it starts');
    if (to > after && to > p.from) flat.push(p.from, to);
  }
  if (flat.length > 2) sortPairs(flat);
  let w = 0;
  for (let r = 0; r < flat.length; r += 2) {
    const from = flat[r]!;
    const to = flat[r + 1]!;
    if (w > 0 && from <= flat[w - 1]!) {
      if (to > flat[w - 1]!) flat[w - 1] = to;
    } else {
      flat[w++] = from;
      flat[w++] = to;
    }
  }
  flat.length = w;
  return flat;
}

/** The union of pauses, sorted, without empty ones; overlapping and touching pauses become one. */
export function normalizePauses(pauses: readonly Pause[]): Pause[] {
  const flat = mergePauses(pauses, Number.NEGATIVE_INFINITY);
  const out: Pause[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const to = flat[i + 1]!;
    out.push({ from: flat[i]!, to: to === Number.POSITIVE_INFINITY ? null : to });
  }
  return out;
}

function checkInstant(name: string, t: number): void {
  if (!Number.isFinite(t)) throw new RangeError(`${name} must be a finite instant (epoch seconds)`);
}

/** The first day whose ranges can reach past instant t (a local date's time lies within a day ± offsets). */
const firstDayAt = (t: number): number => Math.floor(t / DAY_SECONDS) - 1;
/** Whether nothing of local `day` lies at or after instant t. */
const dayEndsBy = (day: number, t: number): boolean => (day + 1) * DAY_SECONDS + MAX_OFFSET_SECONDS <= t;

/**
 * The earliest instant t ≥ start at which `targetSeconds` of running time has passed since start;
 * start itself for a zero target. Null when the clock stops for good first (a pause without an end
 * begins before the target is reached) or the calendar has no business time within HORIZON_DAYS.
 */
export function dueAt(
  cal: CompiledCalendar,
  start: number,
  targetSeconds: number,
  pauses: readonly Pause[],
): number | null {
  checkInstant('start', start);
  if (!(targetSeconds >= 0) || !Number.isFinite(targetSeconds))
    throw new RangeError('the target must be a finite number of seconds ≥ 0');
  const ps = mergePauses(pauses, start);
  if (targetSeconds === 0) return start;
  if (!cal.hasBusinessTime) return null;
  const pn = ps.length;
  let pi = 0;
  let remaining = targetSeconds;
  let cursor = start;
  const firstDay = firstDayAt(start);
  const lastDay = firstDay + HORIZON_DAYS;
  for (let day = firstDay; day <= lastDay; day++) {
    if (dayEndsBy(day, cursor)) {
      // A long pause took the cursor days ahead: skip to its end.
      const jump = firstDayAt(cursor) - 1;
      if (jump > day) day = jump;
      continue;
    }
    if (!cal.weekdayOpen[weekdayOfDay(day)]) continue;
    const ranges = dayRanges(cal, day);
    for (let i = 0; i < ranges.length; i += 2) {
      const b = ranges[i + 1]!;
      if (b <= cursor) continue;
      let a = Math.max(ranges[i]!, cursor);
      while (a < b) {
        while (pi < pn && ps[pi + 1]! <= a) pi += 2;
        if (pi < pn && ps[pi]! <= a) {
          const until = ps[pi + 1]!;
          if (until === Number.POSITIVE_INFINITY) return null;
          a = until;
          cursor = until;
          continue;
        }
        const end = pi < pn && ps[pi]! < b ? ps[pi]! : b;
        if (end - a >= remaining) return a + remaining;
        remaining -= end - a;
        a = end;
      }
    }
  }
  return null;
}

/** Seconds of running time in [from, to), the clock starting at `from`; 0 when to ≤ from. */
export function elapsed(cal: CompiledCalendar, from: number, to: number, pauses: readonly Pause[]): number {
  checkInstant('from', from);
  checkInstant('to', to);
  const ps = mergePauses(pauses, from);
  if (to <= from || !cal.hasBusinessTime) return 0;
  const pn = ps.length;
  let pi = 0;
  let total = 0;
  let cursor = from;
  for (let day = firstDayAt(from); day * DAY_SECONDS - MAX_OFFSET_SECONDS < to; day++) {
    if (dayEndsBy(day, cursor)) {
      const jump = firstDayAt(cursor) - 1;
      if (jump > day) day = jump;
      continue;
    }
    if (!cal.weekdayOpen[weekdayOfDay(day)]) continue;
    const ranges = dayRanges(cal, day);
    for (let i = 0; i < ranges.length; i += 2) {
      const rangeStart = ranges[i]!;
      if (rangeStart >= to) return total;
      const b = Math.min(ranges[i + 1]!, to);
      let a = Math.max(rangeStart, cursor);
      while (a < b) {
        while (pi < pn && ps[pi + 1]! <= a) pi += 2;
        if (pi < pn && ps[pi]! <= a) {
          const until = ps[pi + 1]!;
          if (until === Number.POSITIVE_INFINITY) return total;
          a = until;
          cursor = until;
          continue;
        }
        const end = pi < pn && ps[pi]! < b ? ps[pi]! : b;
        total += end - a;
        a = end;
      }
    }
  }
  return total;
}
