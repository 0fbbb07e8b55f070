// The clock against an independent minute-by-minute reference (brute-force.ts) on random calendars,
// zones with odd rules, starts around DST transitions, holidays and overlapping or open pauses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceClock } from './brute-force.ts';
import { dueAt, elapsed } from './business-clock.ts';
import { compileCalendar } from './compile-calendar.ts';
import { formatInstant, parseInstant } from './instant-text.ts';
import { type BusinessInterval, type CalendarJson, type Pause, WEEKDAYS, type Weekday } from './types.ts';

const RUNS = 300;
const DAY_MINUTES = 1440;
/** The reference's window: six weeks of minutes from the start. */
const WINDOW_MINUTES = 42 * DAY_MINUTES;
const ZONES = [
  'America/Los_Angeles',
  'Europe/Paris',
  'Europe/Moscow',
  'Asia/Shanghai',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'UTC',
];
const OWN_TRANSITIONS: Record<string, string[]> = {
  'America/Los_Angeles': ['2026-03-08', '2026-11-01'],
  'Europe/Paris': ['2026-03-29', '2026-10-25'],
  'Australia/Lord_Howe': ['2026-04-05', '2026-10-04'],
};
const TRANSITION_DATES = Object.values(OWN_TRANSITIONS).flat();
const midnightOf = (date: string): number => parseInstant(`${date}T00:00:00Z`)!;

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Sorted boundary points paired up: sorted, not overlapping, touching where two points meet. */
function toIntervals(points: number[]): BusinessInterval[] {
  const sorted = [...points].sort((a, b) => a - b);
  const day: BusinessInterval[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2)
    if (sorted[i]! < sorted[i + 1]!) day.push([hhmm(sorted[i]!), hhmm(sorted[i + 1]!)]);
  return day;
}

// Boundaries anywhere, and often in the small hours where DST gaps and repeats are.
const boundary = fc.oneof(
  fc.integer({ min: 0, max: DAY_MINUTES }),
  fc.constantFrom(0, 30, 60, 90, 105, 120, 135, 150, 180, 540, 720, 780, 1020, 1440),
);
const dayArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant<BusinessInterval[]>([]) },
  { weight: 2, arbitrary: fc.constant<BusinessInterval[]>([['09:00', '17:00']]) },
  { weight: 1, arbitrary: fc.constant<BusinessInterval[]>([['00:00', '24:00']]) },
  { weight: 5, arbitrary: fc.array(boundary, { minLength: 2, maxLength: 6 }).map(toIntervals) },
);
const weekArb = fc
  .tuple(...WEEKDAYS.map(() => dayArb))
  .map(
    (days) =>
      Object.fromEntries(WEEKDAYS.map((wd, i) => [wd, days[i]!])) as Record<Weekday, BusinessInterval[]>,
  );
/** Minutes in [min, max], often whole quarter hours so that boundaries, pauses and targets meet exactly. */
const minutes = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min, max }),
    fc.integer({ min: Math.ceil(min / 15), max: Math.floor(max / 15) }).map((q) => q * 15),
  );
// Starts on whole minutes: mostly in the week before one of the zone's 2026 DST transitions (so the
// window holds it), else around any zone's transition or anywhere in 2026.
const startNear = (dates: string[], before: number, after: number) =>
  fc
    .tuple(fc.constantFrom(...dates), minutes(-before * DAY_MINUTES, after * DAY_MINUTES))
    .map(([date, m]) => midnightOf(date) + m * 60);
const anyStart = fc.oneof(
  startNear(TRANSITION_DATES, 3, 3),
  minutes(0, 365 * DAY_MINUTES).map((m) => midnightOf('2026-01-01') + m * 60),
);
const startArb = (zone: string) => {
  const own = OWN_TRANSITIONS[zone];
  return own
    ? fc.oneof({ weight: 3, arbitrary: startNear(own, 7, 2) }, { weight: 1, arbitrary: anyStart })
    : anyStart;
};
const pauseArb = fc.record({
  offset: minutes(-3 * DAY_MINUTES, 28 * DAY_MINUTES),
  length: fc.oneof(minutes(0, 600), minutes(0, 21 * DAY_MINUTES)),
  open: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});
const caseArb = fc.constantFrom(...ZONES).chain((timezone) =>
  fc.record({
    timezone: fc.constant(timezone),
    week: weekArb,
    start: startArb(timezone),
    holidayOffsets: fc.array(fc.integer({ min: -3, max: 30 }), { maxLength: 4 }),
    pauses: fc.array(pauseArb, { maxLength: 4 }),
  }),
);

interface Case {
  calendar: CalendarJson;
  start: number;
  pauses: Pause[];
}

type Generated = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function toCase(c: Generated): Case {
  const holidays = c.holidayOffsets.map((d) => formatInstant(c.start + d * 86_400).slice(0, 10));
  return {
    calendar: { timezone: c.timezone, week: c.week, holidays },
    start: c.start,
    pauses: c.pauses.map((p) => ({
      from: c.start + p.offset * 60,
      to: p.open ? null : c.start + (p.offset + p.length) * 60,
    })),
  };
}

describe('the business clock agrees with a minute-by-minute reference', () => {
  it('on dueAt', () => {
    let compared = 0;
    let total = 0;
    const targetArb = fc.oneof(
      fc.integer({ min: 0, max: 4 * 3600 }),
      fc.integer({ min: 0, max: 5 * 86_400 }),
      fc.integer({ min: 0, max: 21 * 86_400 }),
      // Whole quarter hours, which often end exactly at an interval's end or a pause's start.
      fc.integer({ min: 0, max: 4 * 96 }).map((q) => q * 900),
    );
    fc.assert(
      fc.property(caseArb, fc.array(targetArb, { minLength: 1, maxLength: 3 }), (generated, targets) => {
        const { calendar, start, pauses } = toCase(generated);
        const cal = compileCalendar(calendar);
        const reference = referenceClock(calendar, start, WINDOW_MINUTES, pauses);
        for (const target of targets) {
          total++;
          const expected = reference.due(target);
          const actual = dueAt(cal, start, target, pauses);
          if (expected === 'beyond') {
            if (actual !== null) expect(actual).toBeGreaterThanOrEqual(start + WINDOW_MINUTES * 60);
          } else {
            compared++;
            expect(actual).toBe(expected);
          }
          if (actual !== null) {
            expect(elapsed(cal, start, actual, pauses)).toBe(target);
            if (actual > start) expect(elapsed(cal, start, actual - 1, pauses)).toBeLessThan(target);
          }
        }
      }),
      { numRuns: RUNS },
    );
    // Most cases must be decided inside the reference's window, or the property says little.
    expect(compared / total).toBeGreaterThan(0.5);
  });

  it('on elapsed', () => {
    const spanArb = fc.tuple(minutes(0, WINDOW_MINUTES), minutes(0, WINDOW_MINUTES));
    fc.assert(
      fc.property(caseArb, fc.array(spanArb, { minLength: 1, maxLength: 6 }), (generated, spans) => {
        const { calendar, start, pauses } = toCase(generated);
        const cal = compileCalendar(calendar);
        const reference = referenceClock(calendar, start, WINDOW_MINUTES, pauses);
        for (const [a, b] of spans) {
          const from = start + a * 60;
          const to = start + b * 60;
          expect(elapsed(cal, from, to, pauses)).toBe(reference.elapsed(from, to));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
