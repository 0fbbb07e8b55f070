import { describe, expect, it } from 'vitest';
import type { FieldError } from '../../../platform/errors.ts';
import { MAX_HOLIDAYS, validateCalendar, validatePauses } from './validate-calendar.ts';

const office = () => ({
  timezone: 'America/Los_Angeles',
  week: {
    mon: [
      ['09:00', '12:00'],
      ['13:00', '17:00'],
    ],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
    sat: [],
    sun: [],
  } as Record<string, unknown>,
  holidays: ['2026-12-25'] as unknown[],
});

function errorsOf(input: unknown, basePath?: string): FieldError[] {
  const result = validateCalendar(input, basePath);
  if (result.ok) throw new Error('expected validation errors');
  return result.errors;
}

const withMonday = (mon: unknown) => {
  const cal = office();
  cal.week.mon = mon;
  return errorsOf(cal);
};

describe('validateCalendar', () => {
  it('accepts a valid calendar and returns a clean copy', () => {
    const input = office();
    const result = validateCalendar(input);
    expect(result).toEqual({ ok: true, calendar: input });
    if (result.ok) expect(result.calendar).not.toBe(input);
  });

  it('accepts touching intervals and a whole day from 00:00 to 24:00', () => {
    const cal = office();
    cal.week.sat = [
      ['00:00', '12:00'],
      ['12:00', '24:00'],
    ];
    cal.week.sun = [['00:00', '24:00']];
    expect(validateCalendar(cal).ok).toBe(true);
  });

  it('sorts the holidays and drops duplicates', () => {
    const cal = office();
    cal.holidays = ['2026-12-25', '2026-01-01', '2026-12-25'];
    const result = validateCalendar(cal);
    expect(result.ok && result.calendar.holidays).toEqual(['2026-01-01', '2026-12-25']);
  });

  it('names a malformed time', () => {
    expect(withMonday([['9:00', '17:00']])).toEqual([
      { field: 'calendar/week/mon/0/0', message: 'must be a time "HH:MM"' },
    ]);
    expect(withMonday([['09:00', '17:60']])).toEqual([
      { field: 'calendar/week/mon/0/1', message: 'must be a time "HH:MM"' },
    ]);
    expect(withMonday([['09:00', 1700]])).toEqual([
      { field: 'calendar/week/mon/0/1', message: 'must be a time "HH:MM"' },
    ]);
    expect(withMonday([['09:00', '24:30']]).map((e) => e.field)).toEqual(['calendar/week/mon/0/1']);
    expect(withMonday([['09:00']]).map((e) => e.field)).toEqual(['calendar/week/mon/0']);
  });

  it('rejects 24:00 as a start and 00:00 as an end', () => {
    expect(withMonday([['24:00', '24:00']])).toEqual([
      { field: 'calendar/week/mon/0/0', message: 'a start must be between 00:00 and 23:59' },
    ]);
    expect(withMonday([['00:00', '00:00']])).toEqual([
      { field: 'calendar/week/mon/0/1', message: 'an end must be between 00:01 and 24:00' },
    ]);
  });

  it('rejects an interval that does not end after it starts', () => {
    expect(withMonday([['17:00', '09:00']])).toEqual([
      { field: 'calendar/week/mon/0/1', message: 'must be later than the start' },
    ]);
    expect(withMonday([['09:00', '09:00']]).map((e) => e.field)).toEqual(['calendar/week/mon/0/1']);
  });

  it('rejects overlapping and unsorted intervals', () => {
    expect(
      withMonday([
        ['09:00', '12:00'],
        ['11:00', '17:00'],
      ]),
    ).toEqual([
      { field: 'calendar/week/mon/1/0', message: 'overlaps the previous interval, which ends at 12:00' },
    ]);
    expect(
      withMonday([
        ['13:00', '17:00'],
        ['09:00', '12:00'],
      ]),
    ).toEqual([{ field: 'calendar/week/mon/1/0', message: 'intervals must be sorted by start' }]);
  });

  it('requires every weekday and rejects unknown keys', () => {
    const cal = office();
    delete cal.week.sun;
    cal.week.holiday = [];
    expect(errorsOf(cal)).toEqual([
      { field: 'calendar/week/holiday', message: 'is not a known key' },
      { field: 'calendar/week/sun', message: 'is required' },
    ]);
    expect(errorsOf({ ...office(), name: 'Office' })).toEqual([
      { field: 'calendar/name', message: 'is not a known key' },
    ]);
    expect(errorsOf({ timezone: 'UTC' }).map((e) => e.field)).toEqual(['calendar/week', 'calendar/holidays']);
  });

  it('rejects a zone that is not a real IANA zone', () => {
    for (const timezone of ['Mars/Olympus', '+05:00', '', 'Europe/Paris ', 42]) {
      expect(errorsOf({ ...office(), timezone }).map((e) => e.field)).toEqual(['calendar/timezone']);
    }
    for (const timezone of ['UTC', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Etc/GMT+5'])
      expect(validateCalendar({ ...office(), timezone }).ok).toBe(true);
  });

  it('rejects a holiday that is not a real date', () => {
    const cal = office();
    cal.holidays = ['2026-02-29', '2026-13-01', '2026-1-5', 20260101, '2028-02-29'];
    expect(errorsOf(cal)).toEqual([
      { field: 'calendar/holidays/0', message: 'must be a real date "YYYY-MM-DD"' },
      { field: 'calendar/holidays/1', message: 'must be a real date "YYYY-MM-DD"' },
      { field: 'calendar/holidays/2', message: 'must be a real date "YYYY-MM-DD"' },
      { field: 'calendar/holidays/3', message: 'must be a real date "YYYY-MM-DD"' },
    ]);
  });

  it('limits the number of holidays and intervals', () => {
    const cal = office();
    cal.holidays = Array.from({ length: MAX_HOLIDAYS + 1 }, () => '2026-12-25');
    expect(errorsOf(cal)).toEqual([{ field: 'calendar/holidays', message: 'must have at most 2000 dates' }]);
    const many = Array.from({ length: 25 }, (_, i) => [
      `${String(i).padStart(2, '0')}:00`,
      `${String(i).padStart(2, '0')}:30`,
    ]);
    expect(withMonday(many)).toEqual([
      { field: 'calendar/week/mon', message: 'must have at most 24 intervals' },
    ]);
  });

  it('puts errors under the given base path and rejects a non-object', () => {
    expect(errorsOf({ ...office(), timezone: 'Nowhere' }, 'policy/calendar').map((e) => e.field)).toEqual([
      'policy/calendar/timezone',
    ]);
    expect(errorsOf([])).toEqual([
      { field: 'calendar', message: 'must be an object with timezone, week and holidays' },
    ]);
    expect(errorsOf(null).map((e) => e.field)).toEqual(['calendar']);
  });
});

describe('validatePauses', () => {
  it('returns pauses as epoch seconds, an open one with a null end', () => {
    expect(
      validatePauses([
        { from: '2026-03-08T10:00:00Z', to: '2026-03-08T11:00:00Z' },
        { from: '2026-03-09T10:00:00Z', to: null },
      ]),
    ).toEqual({
      ok: true,
      value: [
        { from: 1_772_964_000, to: 1_772_967_600 },
        { from: 1_773_050_400, to: null },
      ],
    });
  });

  it('rejects a pause that ends before it starts, a bad instant and unknown keys', () => {
    const result = validatePauses([
      { from: '2026-03-08T10:00:00Z', to: '2026-03-08T09:00:00Z' },
      { from: '2026-03-08T10:00:00+01:00', to: null, why: 'x' },
      { from: '2026-03-08T10:00:00Z' },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'pauses/0/to', message: 'must not be before from' },
        { field: 'pauses/1/why', message: 'is not a known key' },
        { field: 'pauses/1/from', message: 'must be a UTC instant like 2026-03-08T10:00:00Z' },
        { field: 'pauses/2/to', message: 'is required (null while still paused)' },
      ],
    });
  });
});
