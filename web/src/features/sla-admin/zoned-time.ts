// Weekday names, time-zone names and wall-clock times in a calendar's zone, all through Intl.
import { offsetAt, pad, wallParts } from '../../app/wall-clock.ts';

/** 2024-01-01 was a Monday: day i of the grid (0 = Monday) is 2024-01-0(1+i). */
export function weekdayName(locale: string, index: number, style: 'long' | 'short'): string {
  return new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1 + index)),
  );
}

const zoneLists = new Map<string, Array<{ value: string; label: string }>>();

/** The zone's name in the language ("Central European Time", "中欧时间"); '' when Intl has only an offset. */
export function zoneName(locale: string, timeZone: string): string {
  const named = (style: 'longGeneric' | 'long') => {
    try {
      const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style }).formatToParts(
        new Date(Date.UTC(2026, 0, 15)),
      );
      const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
      // "GMT+05:45" is not a name, and it reads as English in every language.
      return /^(GMT|UTC)([+−-]|$)/.test(name) ? '' : name;
    } catch {
      return '';
    }
  };
  return named('longGeneric') || named('long');
}

/** Every IANA zone the browser knows, labelled "Europe/Paris · Central European Time". */
export function zoneOptions(
  locale: string,
  extra: readonly string[],
): Array<{ value: string; label: string }> {
  let list = zoneLists.get(locale);
  if (!list) {
    const zones = new Set(Intl.supportedValuesOf('timeZone'));
    zones.add('UTC');
    list = [...zones].sort().map((z) => zoneOption(locale, z));
    zoneLists.set(locale, list);
  }
  const missing = extra.filter((z) => z && !list.some((o) => o.value === z));
  return missing.length ? [...missing.map((z) => zoneOption(locale, z)), ...list] : list;
}

function zoneOption(locale: string, zone: string): { value: string; label: string } {
  const name = zoneName(locale, zone);
  return { value: zone, label: name ? `${zone} · ${name}` : zone };
}

export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's wall-clock reading at an instant, as if that reading were UTC (milliseconds). */
const wallAt = (instant: number, timeZone: string) =>
  Math.floor(instant / 1000) * 1000 + offsetAt(instant, timeZone);

/**
 * "YYYY-MM-DDTHH:MM" read in the zone, as the server's instant text "YYYY-MM-DDTHH:MM:SSZ". Like the
 * server's clock: the earliest instant whose wall-clock reading is at or after it, so an ambiguous
 * time (fall back) is its first occurrence and a time in a spring-forward gap is the gap's end.
 */
export function wallToInstant(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m || !isKnownZone(timeZone)) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const DAY = 86_400_000;
  const candidates = [wall - offsetAt(wall - DAY, timeZone), wall - offsetAt(wall + DAY, timeZone)];
  const exact = candidates.filter((c) => wallAt(c, timeZone) === wall);
  let instant: number;
  if (exact.length) instant = Math.min(...exact);
  else {
    // In a gap: the wall clock jumps over `wall` between the two candidates; find the jump.
    let lo = Math.min(...candidates);
    let hi = Math.max(...candidates);
    while (hi - lo > 1000) {
      const mid = Math.floor((lo + hi) / 2000) * 1000;
      if (wallAt(mid, timeZone) >= wall) hi = mid;
      else lo = mid;
    }
    instant = hi;
  }
  return `${new Date(instant).toISOString().slice(0, 19)}Z`;
}

/** Today at 09:00 in the zone, as a datetime-local value. */
export function todayAtNine(timeZone: string, now = Date.now()): string {
  const p = wallParts(now, isKnownZone(timeZone) ? timeZone : 'UTC');
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T09:00`;
}

/** "Monday, December 28, 2026 at 10:00 AM" in the language, read in the zone. */
export function formatInZone(locale: string, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

/** A local date "2026-12-25" as "Friday, December 25, 2026". */
export function formatLocalDate(locale: string, date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))),
  );
}
