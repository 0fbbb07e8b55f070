import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant } from './instant-text.ts';

describe('instant text', () => {
  it('round-trips a UTC instant with whole seconds', () => {
    const t = parseInstant('2026-03-08T10:00:59Z');
    expect(t).toBe(1_772_964_059);
    expect(formatInstant(t!)).toBe('2026-03-08T10:00:59Z');
    expect(formatInstant(0)).toBe('1970-01-01T00:00:00Z');
    expect(parseInstant('1969-12-31T23:59:59Z')).toBe(-1);
  });

  it('accepts only the strict form', () => {
    for (const s of [
      '2026-03-08T10:00:00',
      '2026-03-08T10:00:00.000Z',
      '2026-03-08T10:00:00+00:00',
      '2026-03-08 10:00:00Z',
      '2026-03-08T10:00Z',
      '2026-02-29T10:00:00Z',
      '2026-03-08T24:00:00Z',
      '2026-03-08T10:60:00Z',
      '2026-03-08T10:00:60Z',
      '0000-01-01T00:00:00Z',
      '２０２６-03-08T10:00:00Z',
    ])
      expect(parseInstant(s), s).toBeNull();
  });

  it('refuses to format a fraction of a second or an out-of-range instant', () => {
    expect(() => formatInstant(1.5)).toThrow(RangeError);
    expect(() => formatInstant(Number.NaN)).toThrow(RangeError);
    expect(() => formatInstant(1e15)).toThrow(RangeError);
  });
});
