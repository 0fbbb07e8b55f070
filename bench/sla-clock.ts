// The SLA business-hours clock on its own: dueAt and elapsed per second on one core, for a typical
// office calendar (Mon–Fri 09:00–12:00 and 13:00–17:00, a few holidays, America/Los_Angeles), starts
// spread over 2026, targets from 1 hour to 5 business days, 2–3 pauses each. Target: ≥ 200,000
// dueAt/s. Figures are printed, never asserted.
//
//   cd server && npx tsx ../bench/sla-clock.ts        (SLA_BENCH_SECONDS, default 3, per measurement)
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  type BusinessInterval,
  type CompiledCalendar,
  compileCalendar,
  dueAt,
  elapsed,
  type Pause,
  parseInstant,
} from '../server/src/modules/sla/clock/index.ts';
import { Rng } from './random.ts';

const HOUR = 3600;
const DAY = 86_400;
const CASES = 10_000;

interface ClockCase {
  start: number;
  target: number;
  to: number;
  pauses: Pause[];
}

export interface SlaClockFigures {
  dueAtPerSecond: number;
  elapsedPerSecond: number;
}

function officeCalendar(): CompiledCalendar {
  const day: BusinessInterval[] = [
    ['09:00', '12:00'],
    ['13:00', '17:00'],
  ];
  return compileCalendar({
    timezone: 'America/Los_Angeles',
    week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
    holidays: ['2026-01-01', '2026-05-25', '2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25'],
  });
}

function makeCases(rng: Rng): ClockCase[] {
  const yearStart = parseInstant('2026-01-01T00:00:00Z')!;
  const cases: ClockCase[] = [];
  for (let i = 0; i < CASES; i++) {
    const start = yearStart + rng.int(365 * DAY);
    const pauses: Pause[] = [];
    const count = rng.between(2, 3);
    for (let p = 0; p < count; p++) {
      const from = start + rng.between(-DAY, 4 * DAY);
      const open = p === count - 1 && rng.chance(0.05);
      pauses.push({ from, to: open ? null : from + rng.between(600, 2 * DAY) });
    }
    cases.push({
      start,
      target: rng.between(HOUR, 5 * 7 * HOUR),
      to: start + rng.between(HOUR, 14 * DAY),
      pauses,
    });
  }
  return cases;
}

/** Calls per second of `run` over the cases, for about `seconds`. */
function rate(cases: ClockCase[], seconds: number, run: (c: ClockCase) => number | null): number {
  let calls = 0;
  let sink = 0;
  const began = performance.now();
  let now = began;
  while (now - began < seconds * 1000) {
    for (const c of cases) sink += run(c) ?? 1;
    calls += cases.length;
    now = performance.now();
  }
  if (sink === Number.MIN_VALUE) console.log(sink); // keeps the results alive
  return Math.round(calls / ((now - began) / 1000));
}

export async function benchSlaClock(
  opts: { seconds?: number; warmupSeconds?: number; seed?: number } = {},
): Promise<SlaClockFigures> {
  const seconds = opts.seconds ?? 3;
  const warmup = opts.warmupSeconds ?? 1;
  const cal = officeCalendar();
  const cases = makeCases(new Rng(opts.seed ?? 42));
  const due = (c: ClockCase) => dueAt(cal, c.start, c.target, c.pauses);
  const spent = (c: ClockCase) => elapsed(cal, c.start, c.to, c.pauses);
  // The warm-up also fills the calendar's day memo, as a long-running server would have it.
  rate(cases, warmup / 2, due);
  rate(cases, warmup / 2, spent);
  return { dueAtPerSecond: rate(cases, seconds, due), elapsedPerSecond: rate(cases, seconds, spent) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const raw = process.env.SLA_BENCH_SECONDS;
  const seconds = raw ? Number(raw) : 3;
  if (!(seconds > 0)) throw new Error(`SLA_BENCH_SECONDS must be a positive number, got "${raw}"`);
  const figures = await benchSlaClock({ seconds });
  const fmt = (n: number) => n.toLocaleString('en-US');
  console.log(`SLA clock, office calendar in America/Los_Angeles, ${CASES} cases, 2–3 pauses each`);
  console.log(`  dueAt    ${fmt(figures.dueAtPerSecond)} /s  (target ≥ 200,000 /s)`);
  console.log(`  elapsed  ${fmt(figures.elapsedPerSecond)} /s`);
  console.log(`SLA_CLOCK_JSON ${JSON.stringify(figures)}`);
}
