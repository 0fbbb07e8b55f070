// The SLA business-hours clock: pure functions over epoch seconds, no I/O and no ambient time. A
// calendar (IANA zone, weekly intervals, holidays) is validated, then compiled once; dueAt and elapsed
// walk its memo of local days, skipping pauses. Text instants ('YYYY-MM-DDTHH:MM:SSZ') only at the edge.
//
// Wall clock → instant: local date D and time T is the earliest instant whose wall-clock reading is
// ≥ D T (a fall-back time takes its first occurrence, a spring-forward gap time the end of the gap);
// 24:00 is 00:00 of the next date.

export { dueAt, elapsed, HORIZON_DAYS, normalizePauses } from './business-clock.ts';
export { ALWAYS_OPEN, compileCalendar } from './compile-calendar.ts';
export { formatInstant, parseInstant } from './instant-text.ts';
export {
  type BusinessInterval,
  type CalendarJson,
  type CompiledCalendar,
  type Pause,
  WEEKDAYS,
  type Weekday,
} from './types.ts';
export {
  type CalendarValidation,
  MAX_HOLIDAYS,
  MAX_INTERVALS_PER_DAY,
  MAX_PAUSES,
  type Validation,
  validateCalendar,
  validatePauses,
} from './validate-calendar.ts';
export { wallClockToInstant } from './zone-timeline.ts';
