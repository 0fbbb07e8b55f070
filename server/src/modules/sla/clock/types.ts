// The shapes the business-hours clock works with: the calendar as stored and sent (JSON), pauses as
// epoch seconds, and the compiled calendar with its per-day memo of business instants.
import type { ZoneTimeline } from './zone-timeline.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A business interval of one local day: ['HH:MM', 'HH:MM'], start 00:00–23:59, end 00:01–24:00. */
export type BusinessInterval = [start: string, end: string];

export interface CalendarJson {
  /** IANA zone name, e.g. 'America/Los_Angeles'. */
  timezone: string;
  /** Every weekday's intervals, sorted and not overlapping (touching is fine). */
  week: Record<Weekday, BusinessInterval[]>;
  /** Local dates ('YYYY-MM-DD') in the calendar's zone whose intervals are removed. */
  holidays: string[];
}

/** A half-open pause [from, to) in epoch seconds; `to` null while still paused. */
export interface Pause {
  from: number;
  to: number | null;
}

export interface CompiledCalendar {
  readonly calendar: CalendarJson;
  /** Per weekday (0 = Monday) the intervals as flat [startMinute, endMinute, …] of the local day. */
  readonly weekMinutes: readonly (readonly number[])[];
  /** Whether a weekday (0 = Monday) has any interval. */
  readonly weekdayOpen: readonly boolean[];
  /** Whether any weekday has an interval; without one the clock never runs. */
  readonly hasBusinessTime: boolean;
  /** Holidays as local day numbers (days since 1970-01-01). */
  readonly holidays: ReadonlySet<number>;
  readonly zone: ZoneTimeline;
  /**
   * Memo: local day number → that date's business time as flat, sorted, non-empty
   * [from, to, from, to, …] epoch-second ranges. Filled on first use.
   */
  readonly days: Map<number, readonly number[]>;
}
