// An SLA clock as a small badge: time left counting down, overdue in red, paused in gray, met in
// green. Colors meet AA contrast like the rest of the console (theme.ts).
import { Badge, Tooltip } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import type { SlaClock } from './sla-data.ts';

/** "2d 3h", "1h 20m", "12m", "<1m" in the agent's language. */
export function useDuration(): (seconds: number) => string {
  const { t } = useTranslation('sla');
  return (seconds) => {
    const s = Math.max(0, Math.round(seconds));
    const d = Math.floor(s / 86400);
    const h = Math.floor((s % 86400) / 3600);
    const m = Math.floor((s % 3600) / 60);
    if (d > 0) return h > 0 ? `${t('unit.d', { n: d })} ${t('unit.h', { n: h })}` : t('unit.d', { n: d });
    if (h > 0) return m > 0 ? `${t('unit.h', { n: h })} ${t('unit.m', { n: m })}` : t('unit.h', { n: h });
    if (m > 0) return t('unit.m', { n: m });
    return t('unit.lessThanMinute');
  };
}

export type SlaTone = 'ok' | 'soon' | 'late' | 'paused' | 'met';

const COLORS: Record<SlaTone, string> = {
  ok: 'teal.9',
  // orange.9 is 4.3:1 under white words; this darker orange passes AA.
  soon: '#b84a0b',
  late: 'red.9',
  paused: 'gray',
  met: 'green',
};

/** How a clock stands now, and its words. */
export function useSlaState(): (clock: SlaClock, now: number) => { tone: SlaTone; text: string } {
  const { t } = useTranslation('sla');
  const duration = useDuration();
  return (clock, now) => {
    const due = clock.dueAt ? Date.parse(clock.dueAt) : null;
    switch (clock.status) {
      case 'met':
        return { tone: 'met', text: t('state.met') };
      case 'stopped':
        return { tone: 'paused', text: t('state.stopped') };
      case 'paused':
        return { tone: 'paused', text: t('state.paused', { left: duration(clock.secondsLeft) }) };
      case 'breached':
        return clock.metAt
          ? { tone: 'late', text: t('state.metLate') }
          : {
              tone: 'late',
              text: t('state.overdue', { late: duration(due === null ? 0 : (now - due) / 1000) }),
            };
      default: {
        if (due === null)
          return { tone: 'paused', text: t('state.paused', { left: duration(clock.secondsLeft) }) };
        const left = (due - now) / 1000;
        if (left <= 0) return { tone: 'late', text: t('state.overdue', { late: duration(-left) }) };
        // Orange in the last quarter of the target, or the last hour.
        const soon =
          left < Math.min(3600, (clock.targetMinutes * 60) / 4) ||
          clock.secondsLeft < (clock.targetMinutes * 60) / 4;
        return { tone: soon ? 'soon' : 'ok', text: t('state.left', { left: duration(left) }) };
      }
    }
  };
}

export function SlaBadge({
  clock,
  now,
  withMetric = false,
}: {
  clock: SlaClock;
  now: number;
  withMetric?: boolean;
}): ReactElement {
  const { t } = useTranslation('sla');
  const format = useFormat();
  const state = useSlaState()(clock, now);
  const label = withMetric ? `${t(`metric.${clock.metric}`)}: ${state.text}` : state.text;
  return (
    <Tooltip
      label={`${t(`metric.${clock.metric}`)} · ${clock.dueAt ? t('dueAt', { time: format.dateTime(clock.dueAt) }) : t('noDue')}`}
      withArrow
    >
      <Badge
        size="sm"
        radius="sm"
        color={COLORS[state.tone]}
        variant={state.tone === 'paused' || state.tone === 'met' ? 'light' : 'filled'}
        tt="none"
        data-sla-tone={state.tone}
        data-sla-metric={clock.metric}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}
