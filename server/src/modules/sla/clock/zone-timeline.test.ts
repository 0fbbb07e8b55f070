import { describe, expect, it } from 'vitest';
import { formatInstant } from './instant-text.ts';
import { wallClockToInstant } from './zone-timeline.ts';

const at = (zone: string, date: string, time: string) => formatInstant(wallClockToInstant(zone, date, time));
const hoursOfDay = (zone: string, date: string) =>
  (wallClockToInstant(zone, date, '24:00') - wallClockToInstant(zone, date, '00:00')) / 3600;

describe('wallClockToInstant', () => {
  it('maps a time inside a spring-forward gap to the end of the gap', () => {
    expect(at('America/Los_Angeles', '2026-03-08', '02:30')).toBe('2026-03-08T10:00:00Z');
    expect(at('America/Los_Angeles', '2026-03-08', '02:00')).toBe('2026-03-08T10:00:00Z');
    expect(at('America/Los_Angeles', '2026-03-08', '03:00')).toBe('2026-03-08T10:00:00Z');
    expect(at('America/Los_Angeles', '2026-03-08', '01:59')).toBe('2026-03-08T09:59:00Z');
    expect(at('Europe/Paris', '2026-03-29', '02:45')).toBe('2026-03-29T01:00:00Z');
  });

  it('takes the first occurrence of an ambiguous fall-back time', () => {
    expect(at('America/Los_Angeles', '2026-11-01', '01:30')).toBe('2026-11-01T08:30:00Z');
    expect(at('America/Los_Angeles', '2026-11-01', '02:00')).toBe('2026-11-01T10:00:00Z');
    expect(at('Europe/Paris', '2026-10-25', '02:30')).toBe('2026-10-25T00:30:00Z');
  });

  it('reads 24:00 as 00:00 of the next date', () => {
    expect(at('America/Los_Angeles', '2026-06-30', '24:00')).toBe(
      at('America/Los_Angeles', '2026-07-01', '00:00'),
    );
    expect(at('UTC', '2026-12-31', '24:00')).toBe('2027-01-01T00:00:00Z');
  });

  it('gives a whole day 23 or 25 hours on DST days, and 23.5 or 24.5 on Lord Howe Island', () => {
    expect(hoursOfDay('America/Los_Angeles', '2026-03-08')).toBe(23);
    expect(hoursOfDay('America/Los_Angeles', '2026-11-01')).toBe(25);
    expect(hoursOfDay('America/Los_Angeles', '2026-06-15')).toBe(24);
    expect(hoursOfDay('Australia/Lord_Howe', '2026-10-04')).toBe(23.5);
    expect(hoursOfDay('Australia/Lord_Howe', '2026-04-05')).toBe(24.5);
  });

  it('handles the Lord Howe half-hour gap and repeat', () => {
    expect(at('Australia/Lord_Howe', '2026-10-04', '02:15')).toBe('2026-10-03T15:30:00Z');
    expect(at('Australia/Lord_Howe', '2026-04-05', '01:45')).toBe('2026-04-04T14:45:00Z');
  });

  it('uses the +05:45 offset of Kathmandu', () => {
    expect(at('Asia/Kathmandu', '2026-05-01', '09:00')).toBe('2026-05-01T03:15:00Z');
  });

  it('maps a date skipped entirely to the next day (Samoa crossed the date line in 2011)', () => {
    expect(at('Pacific/Apia', '2011-12-30', '12:00')).toBe('2011-12-30T10:00:00Z');
    expect(hoursOfDay('Pacific/Apia', '2011-12-30')).toBe(0);
  });

  it('rejects a bad zone, date or time', () => {
    expect(() => wallClockToInstant('Mars/Olympus', '2026-01-01', '09:00')).toThrow(RangeError);
    expect(() => wallClockToInstant('UTC', '2026-02-30', '09:00')).toThrow(RangeError);
    expect(() => wallClockToInstant('UTC', '2026-02-03', '24:01')).toThrow(RangeError);
  });
});
