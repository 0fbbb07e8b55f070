// Dates, times and numbers in the agent's language and time zone.
import { useTranslation } from 'react-i18next';
import { useSession } from './session.tsx';

export function useFormat() {
  const { i18n } = useTranslation();
  const { agent } = useSession();
  const locale = i18n.language;
  const timeZone = agent?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const number = new Intl.NumberFormat(locale);
  return {
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : ''),
    number: (n: number) => number.format(n),
    /** "5 minutes ago", "in 2 hours" — relative to now. */
    ago: (iso: string | null | undefined, now = Date.now()) => {
      if (!iso) return '';
      const seconds = (new Date(iso).getTime() - now) / 1000;
      const abs = Math.abs(seconds);
      if (abs < 60) return relative.format(Math.round(seconds), 'second');
      if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
      if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
      return relative.format(Math.round(seconds / 86400), 'day');
    },
    bytes: (n: number) => {
      const units = ['B', 'KB', 'MB', 'GB'];
      let i = 0;
      let v = n;
      while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
      }
      return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v)} ${units[i]}`;
    },
  };
}
