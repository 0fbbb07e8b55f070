// One line for a calendar's weekly hours: "Mon–Fri 09:00–12:00, 13:00–17:00 · 35 h a week".
import type { TFunction } from 'i18next';
import { isAllDayEveryDay, weeklyMinutes, weekRuns } from './calendar-model.ts';
import { formatDuration } from './duration.ts';
import type { Week } from './sla-data.ts';
import { weekdayName } from './zoned-time.ts';

export function weekSummary(week: Week, locale: string, t: TFunction<'slaAdmin'>): string {
  if (isAllDayEveryDay(week)) return t('summary.allDayEveryDay');
  const runs = weekRuns(week);
  if (runs.length === 0) return t('summary.neverOpen');
  const day = (i: number) => weekdayName(locale, i, 'short');
  const text = runs
    .map((r) => {
      const days = r.from === r.to ? day(r.from) : `${day(r.from)}–${day(r.to)}`;
      return `${days} ${r.intervals.map(([a, b]) => `${a}–${b}`).join(', ')}`;
    })
    .join('; ');
  const minutes = weeklyMinutes(week);
  return minutes === null
    ? text
    : `${text} · ${t('summary.perWeek', { duration: formatDuration(minutes, t) })}`;
}
