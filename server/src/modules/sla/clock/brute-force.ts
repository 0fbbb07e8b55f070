// An independent reference for the property test (used by tests only): it steps through real time
// minute by minute, reads each minute's local wall clock from Intl, and applies the contract literally.
// It shares no code with the clock: no compiled calendar, no day memo, no Luxon, no offset arithmetic.
import type { CalendarJson, Pause } from './types.ts';

const MINUTES_PER_DAY = 1440;
const QUARTER = 15;
const SUNDAY_FIRST = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** zone → quarter-hour index (epoch minutes / 15) → the local reading at its start. */
const quarterReadings = new Map<string, Map<number, number>>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock reading at an epoch minute, as minutes since 1970-01-01 00:00 of the wall clock. */
function readIntl(zone: string, minute: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(minute * 60_000))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const { year, month, day, hour, minute: min } = parts as Record<string, number>;
  return Date.UTC(year!, month! - 1, day!, hour!, min!) / 60_000;
}

function quarterReading(zone: string, quarter: number): number {
  let byQuarter = quarterReadings.get(zone);
  if (!byQuarter) {
    byQuarter = new Map();
    quarterReadings.set(zone, byQuarter);
  }
  let r = byQuarter.get(quarter);
  if (r === undefined) {
    r = readIntl(zone, quarter * QUARTER);
    byQuarter.set(quarter, r);
  }
  return r;
}

/** Readings of the minutes [from, to): read from Intl per quarter hour, and per minute where it jumps. */
function readings(zone: string, from: number, to: number): Float64Array {
  const out = new Float64Array(to - from);
  for (let q = Math.floor(from / QUARTER); q * QUARTER < to; q++) {
    const r0 = quarterReading(zone, q);
    const steady = quarterReading(zone, q + 1) === r0 + QUARTER;
    for (let m = Math.max(from, q * QUARTER); m < Math.min(to, (q + 1) * QUARTER); m++)
      out[m - from] = steady ? r0 + (m - q * QUARTER) : readIntl(zone, m);
  }
  return out;
}

const hhmm = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
const dateDay = (s: string): number =>
  Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / 86_400_000;

export interface Reference {
  /** Whether minute m (epoch minutes) of the window is business time of the calendar. */
  business(m: number): boolean;
  /** Due of a target from the window's start, null, or 'beyond' when it is not reached in the window. */
  due(targetSeconds: number): number | null | 'beyond';
  /** Running seconds in [from, to) (epoch seconds on whole minutes inside the window), clock started at from. */
  elapsed(from: number, to: number): number;
}

/**
 * A reference clock for the window [start, start + minutes) (start in epoch seconds, on a whole minute);
 * pauses are on whole minutes too.
 */
export function referenceClock(
  cal: CalendarJson,
  start: number,
  minutes: number,
  pauses: Pause[],
): Reference {
  if (start % 60 !== 0) throw new Error('the reference works on whole minutes');
  const first = start / 60;
  const end = first + minutes;
  // Readings from well before to well after the window, so every boundary's earliest instant is inside.
  const base = first - 4 * MINUTES_PER_DAY;
  const reading = readings(cal.timezone, base, end + 4 * MINUTES_PER_DAY);
  const prefixMax = new Float64Array(reading.length);
  let max = Number.NEGATIVE_INFINITY;
  reading.forEach((r, i) => {
    max = Math.max(max, r);
    prefixMax[i] = max;
  });
  /** The earliest minute whose reading is ≥ the local minute `local`. */
  const earliest = (local: number): number => {
    if (reading[0]! >= local) throw new Error('reference window starts too late');
    let lo = 0;
    let hi = prefixMax.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (prefixMax[mid]! >= local) hi = mid;
      else lo = mid + 1;
    }
    if (lo === prefixMax.length) throw new Error('reference window ends too early');
    return base + lo;
  };

  const business = new Uint8Array(minutes);
  const holidays = new Set(cal.holidays.map(dateDay));
  const firstDate = Math.floor(reading[first - base]! / MINUTES_PER_DAY) - 1;
  const lastDate = Math.floor(reading[end - base]! / MINUTES_PER_DAY) + 1;
  for (let date = firstDate; date <= lastDate; date++) {
    if (holidays.has(date)) continue;
    const weekday = SUNDAY_FIRST[(((date + 4) % 7) + 7) % 7]!;
    for (const [s, e] of cal.week[weekday]) {
      const from = earliest(date * MINUTES_PER_DAY + hhmm(s));
      const to = earliest(date * MINUTES_PER_DAY + hhmm(e));
      for (let m = Math.max(from, first); m < Math.min(to, end); m++) business[m - first] = 1;
    }
  }

  const paused = (t: number): boolean => pauses.some((p) => p.from <= t && (p.to === null || t < p.to));
  const running = (m: number): boolean => business[m - first] === 1 && !paused(m * 60);
  const unendedFrom = Math.min(...pauses.filter((p) => p.to === null).map((p) => p.from));

  return {
    business: (m) => business[m - first] === 1,
    due(target) {
      if (target === 0) return start;
      let sum = 0;
      for (let m = first; m < end; m++) {
        if (m * 60 >= unendedFrom) return null; // the clock never runs again and the target is not reached
        if (!running(m)) continue;
        if (sum + 60 >= target) return m * 60 + (target - sum);
        sum += 60;
      }
      return 'beyond';
    },
    elapsed(from, to) {
      if (from % 60 !== 0 || to % 60 !== 0 || from < start || to > end * 60)
        throw new Error('elapsed outside the reference window');
      let sum = 0;
      for (let m = from / 60; m < to / 60; m++) if (running(m)) sum += 60;
      return sum;
    },
  };
}
