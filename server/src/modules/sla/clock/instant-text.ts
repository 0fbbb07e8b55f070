// The clock's instants as text at the API edge: strict UTC ISO-8601 with whole seconds,
// 'YYYY-MM-DDTHH:MM:SSZ', to and from epoch seconds.
import { civilFromDays, DAY_SECONDS, daysFromCivil, isCivilDate } from './civil-days.ts';

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const MIN_SECONDS = daysFromCivil(1, 1, 1) * DAY_SECONDS;
const MAX_SECONDS = daysFromCivil(10_000, 1, 1) * DAY_SECONDS - 1;

/** Epoch seconds of 'YYYY-MM-DDTHH:MM:SSZ' (a real date, hour ≤ 23, no leap second); null otherwise. */
export function parseInstant(s: string): number | null {
  const m = INSTANT.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!isCivilDate(y, mo, d) || h > 23 || mi > 59 || sec > 59) return null;
  return daysFromCivil(y, mo, d) * DAY_SECONDS + h * 3600 + mi * 60 + sec;
}

/** 'YYYY-MM-DDTHH:MM:SSZ' of whole epoch seconds between years 0001 and 9999; RangeError otherwise. */
export function formatInstant(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds < MIN_SECONDS || seconds > MAX_SECONDS)
    throw new RangeError(`not a whole-second instant between years 0001 and 9999: ${seconds}`);
  const days = Math.floor(seconds / DAY_SECONDS);
  const inDay = seconds - days * DAY_SECONDS;
  const [y, mo, d] = civilFromDays(days);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(y, 4)}-${p(mo)}-${p(d)}T${p(Math.floor(inDay / 3600))}:${p(Math.floor(inDay / 60) % 60)}:${p(inDay % 60)}Z`;
}
