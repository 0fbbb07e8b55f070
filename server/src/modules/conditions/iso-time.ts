// Calendar dates and instants parsed by hand, without the ambient `Date`: a datetime becomes
// microseconds since the epoch (a bigint, as PostgreSQL keeps microseconds up to year 9999),
// a date stays its canonical 'YYYY-MM-DD' text, which sorts like the date itself.

const DAY_MICROS = 86_400_000_000n;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validCalendarDate(year: number, month: number, day: number): boolean {
  return (
    year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

const MIN_MICROS = BigInt(daysFromCivil(1, 1, 1)) * DAY_MICROS;
const MAX_MICROS = BigInt(daysFromCivil(10_000, 1, 1)) * DAY_MICROS - 1n;

/** What a condition value must look like: a full ISO 8601 instant with an explicit offset. */
const STRICT_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;
// [0-9] rather than \d: in PostgreSQL \d follows the locale and may match other scripts' digits.
/**
 * What a snapshot may hold besides a Date: also PostgreSQL's text output ('2024-05-01 10:00:00+02').
 * The same pattern guards jsonb datetimes in SQL (see jsonb-field.ts), so both sides accept the same strings.
 */
export const LENIENT_DATETIME_SOURCE =
  '^([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\\.([0-9]{1,6}))?)?(Z|([+-])([0-9]{2})(?::?([0-9]{2}))?)$';
const LENIENT_DATETIME = new RegExp(LENIENT_DATETIME_SOURCE);
export const DATE_SOURCE = '^([0-9]{4})-([0-9]{2})-([0-9]{2})$';
const DATE = new RegExp(DATE_SOURCE);

function toMicros(m: RegExpExecArray): bigint | null {
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = Number(m[6] ?? '0');
  const micros = Number((m[7] ?? '').padEnd(6, '0'));
  if (!validCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[10]);
    const om = Number(m[11] ?? '0');
    if (oh > 15 || om > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const seconds = ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second;
  const total = BigInt(seconds) * 1_000_000n + BigInt(micros);
  return total < MIN_MICROS || total > MAX_MICROS ? null : total;
}

/** Parses a condition value; null when it is not a strict ISO instant with offset (or is out of range). */
export function parseStrictDatetime(s: string): bigint | null {
  const m = STRICT_DATETIME.exec(s);
  return m ? toMicros(m) : null;
}

/** Parses an instant as a snapshot may hold it; null otherwise. */
export function parseLenientDatetime(s: string): bigint | null {
  const m = LENIENT_DATETIME.exec(s);
  return m ? toMicros(m) : null;
}

/** Canonical UTC text for PostgreSQL ('YYYY-MM-DDTHH:MM:SS.ffffffZ'), read the same on every server. */
export function formatMicros(micros: bigint): string {
  const days = micros / DAY_MICROS - (micros % DAY_MICROS < 0n ? 1n : 0n);
  const inDay = micros - days * DAY_MICROS;
  const [y, mo, d] = civilFromDays(Number(days));
  const secs = Number(inDay / 1_000_000n);
  const frac = Number(inDay % 1_000_000n);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(y, 4)}-${p(mo)}-${p(d)}T${p(Math.floor(secs / 3600))}:${p(Math.floor(secs / 60) % 60)}:${p(secs % 60)}.${p(frac, 6)}Z`;
}

/** A valid 'YYYY-MM-DD' stays as it is; anything else is null. */
export function parseDate(s: string): string | null {
  const m = DATE.exec(s);
  if (!m) return null;
  return validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) ? s : null;
}

/** The UTC calendar date of an epoch-milliseconds instant (how drizzle hands out `date` columns as Date). */
export function dateOfEpochMillis(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const [y, mo, d] = civilFromDays(Math.floor(ms / 86_400_000));
  if (y < 1 || y > 9999) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function microsOfEpochMillis(ms: number): bigint | null {
  if (!Number.isFinite(ms) || !Number.isInteger(ms)) return null;
  const micros = BigInt(ms) * 1000n;
  return micros < MIN_MICROS || micros > MAX_MICROS ? null : micros;
}
