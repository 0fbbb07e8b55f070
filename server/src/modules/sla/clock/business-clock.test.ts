import { describe, expect, it } from 'vitest';
import { dueAt, elapsed, normalizePauses } from './business-clock.ts';
import { ALWAYS_OPEN, compileCalendar } from './compile-calendar.ts';
import { formatInstant, parseInstant } from './instant-text.ts';
import type { BusinessInterval, CalendarJson, CompiledCalendar, Pause } from './types.ts';

const HOUR = 3600;
const t = (iso: string): number => {
  const s = parseInstant(iso);
  if (s === null) throw new Error(`bad instant ${iso}`);
  return s;
};
const pause = (from: string, to: string | null): Pause => ({ from: t(from), to: to === null ? null : t(to) });

function calendar(
  timezone: string,
  days: Partial<CalendarJson['week']>,
  holidays: string[] = [],
): CompiledCalendar {
  const week = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...days };
  return compileCalendar({ timezone, week, holidays });
}

const nineToFive: BusinessInterval[] = [['09:00', '17:00']];
const weekdays = (day: BusinessInterval[]) => ({ mon: day, tue: day, wed: day, thu: day, fri: day });
const allWeek = (day: BusinessInterval[]) => ({ ...weekdays(day), sat: day, sun: day });
const la = calendar('America/Los_Angeles', weekdays(nineToFive));
const laSplit = calendar(
  'America/Los_Angeles',
  weekdays([
    ['09:00', '12:00'],
    ['13:00', '17:00'],
  ]),
);

const due = (cal: CompiledCalendar, start: string, target: number, pauses: Pause[] = []) => {
  const d = dueAt(cal, t(start), target, pauses);
  return d === null ? null : formatInstant(d);
};

describe('dueAt', () => {
  it('carries a 4-business-hour target from Friday 16:00 to Monday 12:00 in Los Angeles', () => {
    // Friday 2026-06-05 16:00 PDT is 23:00Z; Monday 12:00 PDT is 19:00Z.
    expect(due(la, '2026-06-05T23:00:00Z', 4 * HOUR)).toBe('2026-06-08T19:00:00Z');
  });

  it('is moved by a pause during business hours but not by one over the weekend', () => {
    expect(
      due(la, '2026-06-05T23:00:00Z', 4 * HOUR, [pause('2026-06-06T07:00:00Z', '2026-06-08T07:00:00Z')]),
    ).toBe('2026-06-08T19:00:00Z');
    // Paused from Friday 16:30 to Monday 10:00: half an hour on Friday, 3.5 hours from Monday 10:00.
    expect(
      due(la, '2026-06-05T23:00:00Z', 4 * HOUR, [pause('2026-06-05T23:30:00Z', '2026-06-08T17:00:00Z')]),
    ).toBe('2026-06-08T20:30:00Z');
    // Monday 09:00 PDT start, 2 hours, paused 09:30–10:00: due 11:30.
    expect(
      due(la, '2026-06-08T16:00:00Z', 2 * HOUR, [pause('2026-06-08T16:30:00Z', '2026-06-08T17:00:00Z')]),
    ).toBe('2026-06-08T18:30:00Z');
  });

  it('gives the end of an interval when the target is reached exactly there', () => {
    expect(due(la, '2026-06-08T16:00:00Z', 8 * HOUR)).toBe('2026-06-09T00:00:00Z');
    expect(due(laSplit, '2026-06-08T16:00:00Z', 3 * HOUR)).toBe('2026-06-08T19:00:00Z');
  });

  it('gives the start of a pause when the target is reached exactly there', () => {
    expect(
      due(la, '2026-06-08T16:00:00Z', HOUR, [pause('2026-06-08T17:00:00Z', '2026-06-08T18:00:00Z')]),
    ).toBe('2026-06-08T17:00:00Z');
    expect(due(la, '2026-06-08T16:00:00Z', HOUR, [pause('2026-06-08T17:00:00Z', null)])).toBe(
      '2026-06-08T17:00:00Z',
    );
  });

  it('is null when a pause without an end begins before the target is reached', () => {
    expect(due(la, '2026-06-08T16:00:00Z', HOUR, [pause('2026-06-08T16:30:00Z', null)])).toBeNull();
    // Begun on Saturday, after Friday's business time ran out.
    expect(due(la, '2026-06-05T23:00:00Z', 4 * HOUR, [pause('2026-06-06T12:00:00Z', null)])).toBeNull();
    // Begun before the start.
    expect(due(la, '2026-06-08T16:00:00Z', HOUR, [pause('2026-06-01T00:00:00Z', null)])).toBeNull();
  });

  it('ignores a pause without an end that begins after the due time', () => {
    expect(due(la, '2026-06-08T16:00:00Z', HOUR, [pause('2026-06-09T16:00:00Z', null)])).toBe(
      '2026-06-08T17:00:00Z',
    );
  });

  it('counts only the union of overlapping pauses, ignores empty ones and the parts before the start', () => {
    const pauses = [
      pause('2026-06-08T16:30:00Z', '2026-06-08T17:00:00Z'),
      pause('2026-06-08T16:45:00Z', '2026-06-08T17:15:00Z'),
      pause('2026-06-08T18:00:00Z', '2026-06-08T18:00:00Z'),
      pause('2026-06-07T00:00:00Z', '2026-06-08T16:10:00Z'),
    ];
    // Runs 16:10–16:30 and from 17:15: 1 hour is reached at 17:55Z.
    expect(due(la, '2026-06-08T16:00:00Z', HOUR, pauses)).toBe('2026-06-08T17:55:00Z');
  });

  it('is the start for a zero target, even while paused', () => {
    expect(due(la, '2026-06-06T12:00:00Z', 0)).toBe('2026-06-06T12:00:00Z');
    expect(due(la, '2026-06-08T16:00:00Z', 0, [pause('2026-06-08T15:00:00Z', null)])).toBe(
      '2026-06-08T16:00:00Z',
    );
  });

  it('is null for a calendar without business time', () => {
    expect(due(calendar('Europe/Paris', {}), '2026-06-08T16:00:00Z', 60)).toBeNull();
    expect(
      due(calendar('Europe/Paris', { mon: [['00:00', '00:01']] }), '2026-06-08T16:00:00Z', 120),
    ).not.toBeNull();
  });

  it('skips holidays, however many there are', () => {
    const withChristmas = calendar('America/Los_Angeles', weekdays(nineToFive), ['2026-12-25']);
    // Thursday 2026-12-24 16:00 PST (+2 h) runs 1 h, skips Friday and the weekend, 1 h on Monday.
    expect(due(withChristmas, '2026-12-25T00:00:00Z', 2 * HOUR)).toBe('2026-12-28T18:00:00Z');
    // Open on Mondays only, and the 2000 Mondays from 2026-01-05 on (until 2064) are holidays.
    const week = 7 * 86_400;
    const mondays = Array.from({ length: 2000 }, (_, i) =>
      formatInstant(t('2026-01-05T00:00:00Z') + i * week),
    );
    const rare = calendar(
      'UTC',
      { mon: nineToFive },
      mondays.map((m) => m.slice(0, 10)),
    );
    expect(due(rare, '2026-01-01T00:00:00Z', HOUR)).toBe(
      formatInstant(t('2026-01-05T10:00:00Z') + 2000 * week),
    );
  });

  it('works in Kathmandu at +05:45', () => {
    const ktm = calendar('Asia/Kathmandu', weekdays(nineToFive));
    // Friday 2026-05-01 08:45 local is 03:00Z; an hour after 09:00 local is 04:15Z.
    expect(due(ktm, '2026-05-01T03:00:00Z', HOUR)).toBe('2026-05-01T04:15:00Z');
    // The rest of Friday (7 h) and 1 h on Monday 2026-05-04.
    expect(due(ktm, '2026-05-01T03:15:00Z', 8 * HOUR + HOUR)).toBe('2026-05-04T04:15:00Z');
  });

  it('follows the wall clock across DST: a round-the-clock day lasts 23 or 25 hours', () => {
    const open = calendar('America/Los_Angeles', allWeek([['00:00', '24:00']]));
    expect(due(open, '2026-03-08T08:00:00Z', 24 * HOUR)).toBe('2026-03-09T08:00:00Z');
    expect(elapsed(open, t('2026-03-08T08:00:00Z'), t('2026-03-09T07:00:00Z'), [])).toBe(23 * HOUR);
    expect(elapsed(open, t('2026-11-01T07:00:00Z'), t('2026-11-02T08:00:00Z'), [])).toBe(25 * HOUR);
    const lordHowe = calendar('Australia/Lord_Howe', allWeek([['00:00', '24:00']]));
    // A local day from midnight to midnight on the DST days, by the clock.
    const day = (from: string, to: string) => elapsed(lordHowe, t(from), t(to), []) / HOUR;
    expect(day('2026-10-03T13:30:00Z', '2026-10-04T13:00:00Z')).toBe(23.5);
    expect(day('2026-04-04T13:00:00Z', '2026-04-05T13:30:00Z')).toBe(24.5);
  });

  it('maps interval ends in a spring-forward gap or a repeated hour by the earliest-instant rule', () => {
    const gap = calendar('America/Los_Angeles', { sun: [['01:30', '02:30']] });
    // 01:30 PST is 09:30Z; 02:30 does not exist and maps to 03:00 PDT, 10:00Z.
    expect(elapsed(gap, t('2026-03-08T00:00:00Z'), t('2026-03-09T00:00:00Z'), [])).toBe(1800);
    const inGap = calendar('America/Los_Angeles', { sun: [['02:00', '02:30']] });
    expect(elapsed(inGap, t('2026-03-08T00:00:00Z'), t('2026-03-09T00:00:00Z'), [])).toBe(0);
    expect(due(inGap, '2026-03-07T00:00:00Z', 60)).toBe('2026-03-15T09:01:00Z');
    // 01:00 PDT (08:00Z) to the earliest reading of 02:00, which is 02:00 PST (10:00Z).
    const repeated = calendar('America/Los_Angeles', { sun: [['01:00', '02:00']] });
    expect(elapsed(repeated, t('2026-11-01T00:00:00Z'), t('2026-11-02T00:00:00Z'), [])).toBe(2 * HOUR);
  });

  it('runs around the clock on ALWAYS_OPEN', () => {
    expect(due(ALWAYS_OPEN, '2026-06-08T16:00:00Z', 90)).toBe('2026-06-08T16:01:30Z');
    expect(due(ALWAYS_OPEN, '2026-06-08T16:00:00Z', 30 * 86_400)).toBe('2026-07-08T16:00:00Z');
  });

  it('rejects a pause that ends before it starts and a negative target', () => {
    expect(() => dueAt(la, 0, 60, [{ from: 100, to: 50 }])).toThrow(RangeError);
    expect(() => elapsed(la, 0, 60, [{ from: 100, to: 50 }])).toThrow(RangeError);
    expect(() => dueAt(la, 0, -1, [])).toThrow(RangeError);
  });
});

describe('elapsed', () => {
  it('counts business time in [from, to) minus pauses', () => {
    // Friday 16:00 PDT to Monday 12:00 PDT: 1 h + 3 h.
    expect(elapsed(la, t('2026-06-05T23:00:00Z'), t('2026-06-08T19:00:00Z'), [])).toBe(4 * HOUR);
    expect(
      elapsed(laSplit, t('2026-06-08T16:00:00Z'), t('2026-06-09T00:00:00Z'), [
        pause('2026-06-08T17:00:00Z', '2026-06-08T17:30:00Z'),
      ]),
    ).toBe(6.5 * HOUR);
    expect(
      elapsed(la, t('2026-06-08T16:00:00Z'), t('2026-06-12T00:00:00Z'), [
        pause('2026-06-08T18:00:00Z', null),
      ]),
    ).toBe(2 * HOUR);
  });

  it('is 0 when to is not after from', () => {
    expect(elapsed(la, t('2026-06-08T18:00:00Z'), t('2026-06-08T18:00:00Z'), [])).toBe(0);
    expect(elapsed(la, t('2026-06-08T18:00:00Z'), t('2026-06-08T17:00:00Z'), [])).toBe(0);
  });
});

describe('normalizePauses', () => {
  it('sorts, merges overlapping and touching pauses, keeps an open end and drops empty pauses', () => {
    expect(
      normalizePauses([
        { from: 50, to: 60 },
        { from: 10, to: 20 },
        { from: 15, to: 30 },
        { from: 30, to: 40 },
        { from: 45, to: 45 },
        { from: 55, to: null },
        { from: 100, to: 120 },
      ]),
    ).toEqual([
      { from: 10, to: 40 },
      { from: 50, to: null },
    ]);
  });
});
