// Columns as wide as what they show: the longest status, priority or category label and the longest
// SLA badge in the agent's language decide their column's width, so badges are not cut ("Waiting for
// cust…") while the SLA column no longer keeps a fixed, mostly empty width.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PicklistValue } from '../../app/api-client.ts';
import { usePicklists } from '../../app/reference-data.ts';
import type { ListColumn } from './list-columns.tsx';

const CELL_PADDING = 16;
/** Badge size "sm": 10px bold text, 8px padding each side, 1px border. */
const BADGE_EXTRA = 18;
const HEADER_EXTRA = CELL_PADDING + 20; // the sort arrow beside the name
const MAX_WIDTH = 280;

let canvas: HTMLCanvasElement | null = null;
function textWidth(text: string, font: string, letterSpacing = 0): number {
  canvas ??= document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return text.length * 8;
  ctx.font = font;
  // Badges space their letters (0.25px); a little slack for rounding.
  return Math.ceil(ctx.measureText(text).width + letterSpacing * text.length) + 2;
}

const PICKLIST_COLUMNS = new Set(['status', 'priority', 'severity', 'category', 'type']);

export function useFittedColumns(columns: ListColumn[]): ListColumn[] {
  const { t, i18n } = useTranslation('sla');
  const lists = usePicklists().data;
  return useMemo(() => {
    if (typeof document === 'undefined') return columns;
    const family = getComputedStyle(document.body).fontFamily || 'sans-serif';
    const scale = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1;
    const cellFont = (weight: number) => `${weight} ${13 * scale}px ${family}`;
    const badgeFont = `700 ${10 * scale}px ${family}`;
    const widest = (texts: string[], font: string) =>
      Math.max(0, ...texts.map((x) => textWidth(x, font, font === badgeFont ? 0.25 * scale : 0)));
    // The longest durations the badge writes: days and hours, or hours and minutes ("17 ч 25 мин").
    const longDurations = [
      `${t('unit.d', { n: 99 })} ${t('unit.h', { n: 23 })}`,
      `${t('unit.h', { n: 23 })} ${t('unit.m', { n: 59 })}`,
    ];
    const slaTexts = [
      ...longDurations.flatMap((long) => [
        t('state.left', { left: long }),
        t('state.overdue', { late: long }),
        t('state.paused', { left: long }),
      ]),
      t('state.met'),
      t('state.metLate'),
      t('state.stopped'),
    ];
    return columns.map((c) => {
      let content: number | null = null;
      if (c.key === 'sla.nextDueAt') content = widest(slaTexts, badgeFont) + BADGE_EXTRA;
      else if (PICKLIST_COLUMNS.has(c.key) && lists) {
        const texts = (lists[c.key] ?? [])
          .filter((v: PicklistValue) => v.active)
          .map((v: PicklistValue) => {
            const labels = v.labels as Record<string, string | undefined>;
            return labels[i18n.language] ?? labels.en ?? v.key;
          });
        content = c.key === 'status' ? widest(texts, badgeFont) + BADGE_EXTRA : widest(texts, cellFont(600));
      }
      if (content === null) return c;
      const header = textWidth(c.header, cellFont(600)) + HEADER_EXTRA;
      return { ...c, width: Math.min(MAX_WIDTH, Math.max(content + CELL_PADDING, header)) };
    });
    // i18n.language: the labels and their widths change with the language.
  }, [columns, lists, t, i18n.language]);
}
