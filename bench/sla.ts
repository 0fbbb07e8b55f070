// The SLA measurements (issue #4): the pure clock's due-time rate on one core, re-computing every
// open ticket after a policy edit (the background job's batches, timed), and what the minute's
// timer scan costs the database (its indexed query, EXPLAIN ANALYZE, and one whole pass).
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { recomputeBatch, scanSlaTimers } from '../server/src/modules/sla/index.ts';
import { systemClock } from '../server/src/platform/clock.ts';
import { systemActor } from '../server/src/platform/context.ts';
import type { Database, Db } from '../server/src/platform/db.ts';
import { createServices } from '../server/src/services.ts';
import { benchSlaClock } from './sla-clock.ts';

export const SLA_TARGETS = { clockPerSecond: 200_000, recompute100kSeconds: 30, scanMs: 20 };

export interface SlaFigures {
  clock: { dueAtPerSecond: number; elapsedPerSecond: number };
  recompute: { tickets: number; seconds: number; perSecond: number; projected100kSeconds: number };
  scan: { queryMs: number; passMs: number; noticesGiven: number };
  met: { clock: boolean; recompute: boolean; scan: boolean };
}

export async function measureSla(
  database: Database,
  pool: pg.Pool,
  log: (s: string) => void,
): Promise<SlaFigures> {
  log('  the pure clock (due times on one core)…');
  const clock = await benchSlaClock({ seconds: 3, warmupSeconds: 1 });

  const services = await createServices(database);
  try {
    log('  re-computing every open ticket (the job after a policy edit)…');
    const started = performance.now();
    let after: string | null = null;
    let tickets = 0;
    for (;;) {
      const batch: { last: string | null; count: number } = await database.db.transaction(async (tx) =>
        recomputeBatch(
          {
            db: tx as unknown as Db,
            clock: systemClock,
            actor: systemActor('SLA'),
            channel: 'system',
            depth: 0,
          },
          services.slaConfig,
          after,
        ),
      );
      tickets += batch.count;
      if (batch.last === null) break;
      after = batch.last;
    }
    const seconds = (performance.now() - started) / 1000;
    const perSecond = tickets / seconds;

    log('  the timer scan (its query, then one pass)…');
    // The re-computation just rewrote every row: let the table settle as autovacuum would, then
    // time the minute's query (its worst of 10).
    await pool.query('VACUUM (ANALYZE) ticket_sla');
    let queryMs = 0;
    for (let i = 0; i < 10; i++) {
      const explain = await pool.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, FORMAT TEXT) SELECT ticket_id FROM ticket_sla WHERE next_check_at <= now()
          ORDER BY next_check_at LIMIT 50`,
      );
      const timeLine = explain.rows.map((r) => r['QUERY PLAN']).find((l) => l.startsWith('Execution Time'));
      queryMs = Math.max(queryMs, Number(/([\d.]+) ms/.exec(timeLine ?? '')?.[1] ?? Number.NaN));
    }
    const passStarted = performance.now();
    const noticesGiven = await scanSlaTimers({
      db: database.db,
      clock: systemClock,
      config: services.slaConfig,
      hooks: services.ticketHooks,
    });
    const passMs = performance.now() - passStarted;
    const projected = 100_000 / perSecond;
    return {
      clock,
      recompute: {
        tickets,
        seconds: Math.round(seconds * 10) / 10,
        perSecond: Math.round(perSecond),
        projected100kSeconds: Math.round(projected * 10) / 10,
      },
      scan: { queryMs, passMs: Math.round(passMs), noticesGiven },
      met: {
        clock: clock.dueAtPerSecond >= SLA_TARGETS.clockPerSecond,
        recompute: projected <= SLA_TARGETS.recompute100kSeconds,
        scan: queryMs <= SLA_TARGETS.scanMs,
      },
    };
  } finally {
    await services.close();
  }
}
