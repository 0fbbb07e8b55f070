// Targets are whole minutes, shown and typed as hours and minutes: "4h 30m", "4 ч 30 мин",
// "4小时30分钟", "90" (minutes) or "1:30".
import type { TFunction } from 'i18next';

const HOUR_UNITS = /^(h|hr|hrs|hour|hours|heure|heures|ч|час|часа|часов|小时|小時|时|時|時間)$/;
const MINUTE_UNITS = /^(m|mn|min|mins|minute|minutes|м|мин|минута|минуты|минут|分|分钟|分鐘)$/;

/** Minutes of a typed duration; null when it cannot be read, undefined when blank. */
export function parseDuration(text: string): number | null | undefined {
  const s = text.trim().toLowerCase().replace(/\.$/, '');
  if (s === '') return undefined;
  const clock = /^(\d+):([0-5]\d)$/.exec(s);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const tokens = [...s.matchAll(/(\d+(?:[.,]\d+)?)\s*([^\d\s.,]*)\.?/gu)];
  if (
    tokens.length === 0 ||
    tokens
      .map((m) => m[0])
      .join('')
      .replace(/\s/g, '') !== s.replace(/\s/g, '')
  )
    return null;
  let minutes = 0;
  let sawHours = false;
  for (const [i, m] of tokens.entries()) {
    const value = Number((m[1] ?? '').replace(',', '.'));
    const unit = m[2] ?? '';
    if (HOUR_UNITS.test(unit)) {
      minutes += value * 60;
      sawHours = true;
    } else if (MINUTE_UNITS.test(unit)) minutes += value;
    // A bare number: minutes, alone or after hours ("4h 30").
    else if (unit === '' && (tokens.length === 1 || (sawHours && i === tokens.length - 1))) minutes += value;
    else return null;
  }
  return Number.isFinite(minutes) ? Math.round(minutes) : null;
}

export function formatDuration(minutes: number, t: TFunction<'slaAdmin'>): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t('duration.minutes', { m });
  if (m === 0) return t('duration.hours', { h });
  return t('duration.hoursMinutes', { h, m });
}
