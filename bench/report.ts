// The printed report: aligned rows of figures against their targets.
import type { Percentiles } from './stats.ts';

export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const fmtMs = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
export const fmtSeconds = (s: number): string =>
  s >= 120 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${s.toFixed(1)} s`;
export const fmtBytes = (b: number): string =>
  b >= 1 << 30
    ? `${(b / (1 << 30)).toFixed(2)} GB`
    : b >= 1 << 20
      ? `${(b / (1 << 20)).toFixed(0)} MB`
      : `${(b / 1024).toFixed(0)} kB`;

export function latencyText(
  p: Percentiles,
  which: Array<'p50' | 'p95' | 'p99'> = ['p50', 'p95', 'p99'],
): string {
  return `${which.map((k) => `${k} ${fmtMs(p[k])}`).join(' · ')} ms`;
}

/** Terminal columns a string takes (CJK characters take two). */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - width(s)));
}

export interface ReportRow {
  label: string;
  figure: string;
  target?: string;
  /** true: met, false: missed, undefined: no target. */
  met?: boolean;
}

export function table(title: string, rows: ReportRow[]): string {
  const w1 = Math.max(...rows.map((r) => width(r.label)), 10) + 2;
  const w2 = Math.max(...rows.map((r) => width(r.figure)), 10) + 2;
  const w3 = Math.max(...rows.map((r) => width(r.target ?? '')), 6) + 2;
  const lines = [title, '-'.repeat(Math.min(140, w1 + w2 + w3 + 6))];
  for (const r of rows) {
    const verdict = r.met === undefined ? '' : r.met ? 'met' : 'MISSED';
    lines.push(`${pad(r.label, w1)}${pad(r.figure, w2)}${pad(r.target ?? '', w3)}${verdict}`.trimEnd());
  }
  return lines.join('\n');
}
