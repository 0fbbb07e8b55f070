import { setTimeout as sleep } from 'node:timers/promises';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../test/database.ts';
import { withDatabase } from '../../test/global-setup.ts';
import { manualClock } from './clock.ts';
import { type Database, openDatabase, queryRows } from './db.ts';
import {
  createOutboxWorker,
  enqueue,
  type JobHandler,
  listFailedJobs,
  pruneDoneJobs,
  retryDelayMs,
  retryJob,
} from './outbox.ts';
import { outbox } from './schema.ts';

const T0 = '2025-03-10T09:00:00.000Z';
const SECOND = 1000;

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

beforeEach(async () => {
  await database.db.delete(outbox);
});

const jobsOf = (topic: string) =>
  database.db.select().from(outbox).where(eq(outbox.topic, topic)).orderBy(outbox.id);

/** A second connection to the same database: another node, on PostgreSQL; the same instance on PGlite. */
async function secondConnection(): Promise<Database | undefined> {
  const spec = inject('testDb');
  if (spec.kind !== 'postgres') return undefined;
  const [row] = await queryRows<{ name: string }>(database.db, sql`SELECT current_database() AS name`);
  return openDatabase({ databaseUrl: withDatabase(spec.adminUrl, row!.name), poolSize: 4 });
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

describe('outbox', () => {
  it('runs 200 jobs exactly once each with two workers running concurrently', async () => {
    const clock = manualClock(T0);
    for (let n = 0; n < 200; n++) await enqueue(database.db, clock, { topic: 'count', payload: { n } });
    const runs: number[] = [];
    const byWorker: Record<string, number> = { a: 0, b: 0 };
    const handler =
      (worker: 'a' | 'b'): JobHandler =>
      async (job) => {
        runs.push(job.payload.n as number);
        byWorker[worker] = (byWorker[worker] ?? 0) + 1;
        await sleep(Math.random() * 3);
      };
    const other = await secondConnection();
    const workers = [
      createOutboxWorker({
        database,
        clock,
        handlers: { count: handler('a') },
        workerId: 'a',
        batchSize: 5,
        pollIntervalMs: 10,
      }),
      createOutboxWorker({
        database: other ?? database,
        clock,
        handlers: { count: handler('b') },
        workerId: 'b',
        batchSize: 5,
        pollIntervalMs: 10,
      }),
    ];
    try {
      for (const w of workers) w.start();
      await waitUntil(async () => runs.length >= 200);
      await sleep(100); // a duplicate run would show up here
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await other?.close();
    }
    expect(runs).toHaveLength(200);
    expect(new Set(runs).size).toBe(200);
    expect(byWorker.a).toBeGreaterThan(0);
    expect(byWorker.b).toBeGreaterThan(0);
    const rows = await jobsOf('count');
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  });

  it('retries a failing job only after its backoff, then marks it failed with its last error', async () => {
    const clock = manualClock(T0);
    let calls = 0;
    const worker = createOutboxWorker({
      database,
      clock,
      handlers: {
        flaky: async () => {
          calls++;
          throw new Error(`printer on fire #${calls}`);
        },
      },
    });
    await enqueue(database.db, clock, { topic: 'flaky', maxAttempts: 3 });

    expect(await worker.runOnce()).toBe(1);
    clock.advance(10 * SECOND - 1); // first backoff: 2^1 × 5 s (+ up to 10 %)
    expect(await worker.runOnce()).toBe(0);
    clock.advance(1 * SECOND + 1);
    expect(await worker.runOnce()).toBe(1);
    clock.advance(20 * SECOND - 1); // second backoff: 2^2 × 5 s
    expect(await worker.runOnce()).toBe(0);
    clock.advance(2 * SECOND + 1);
    expect(await worker.runOnce()).toBe(1);
    const lastRunAt = clock.now();

    clock.advance(3600 * SECOND);
    expect(await worker.runOnce()).toBe(0);
    expect(calls).toBe(3);
    const [job] = await jobsOf('flaky');
    expect(job).toMatchObject({ status: 'failed', attempts: 3, finishedAt: lastRunAt });
    const failed = await listFailedJobs(database.db);
    expect(failed.map((f) => f.id)).toEqual([job!.id]);
    expect(failed[0]?.lastError).toContain('printer on fire #3');
  });

  it('runs a failed job again once an administrator retries it', async () => {
    const clock = manualClock(T0);
    let broken = true;
    const worker = createOutboxWorker({
      database,
      clock,
      handlers: {
        mail: async () => {
          if (broken) throw new Error('SMTP down');
        },
      },
    });
    await enqueue(database.db, clock, { topic: 'mail', maxAttempts: 1 });
    await worker.runOnce();
    const [job] = await jobsOf('mail');
    expect(job?.status).toBe('failed');

    broken = false;
    expect(await retryJob(database.db, clock, job!.id)).toBe(true);
    expect(await worker.runOnce()).toBe(1);
    expect((await jobsOf('mail'))[0]).toMatchObject({ status: 'done', attempts: 1 });
    expect(await listFailedJobs(database.db)).toEqual([]);
    expect(await retryJob(database.db, clock, job!.id)).toBe(false);
  });

  it('does not run a timer before it is due and runs it once the clock passes it', async () => {
    const clock = manualClock(T0);
    const ran: string[] = [];
    const worker = createOutboxWorker({
      database,
      clock,
      handlers: { 'sla.breach': async (job) => void ran.push(job.payload.ticket as string) },
    });
    await enqueue(database.db, clock, {
      topic: 'sla.breach',
      payload: { ticket: 'TT-1001' },
      availableAt: new Date('2025-03-10T10:00:00.000Z'),
    });

    expect(await worker.runOnce()).toBe(0);
    clock.set('2025-03-10T09:59:59.999Z');
    expect(await worker.runOnce()).toBe(0);
    clock.set('2025-03-10T10:00:00.000Z');
    expect(await worker.runOnce()).toBe(1);
    expect(ran).toEqual(['TT-1001']);
    expect(await worker.runOnce()).toBe(0);
  });

  it('leaves no job behind when the enqueueing transaction rolls back', async () => {
    const clock = manualClock(T0);
    await expect(
      database.db.transaction(async (tx) => {
        await enqueue(tx, clock, { topic: 'rolled-back' });
        await enqueue(tx, clock, { topic: 'rolled-back', dedupeKey: 'k' });
        tx.rollback();
      }),
    ).rejects.toThrow();
    expect(await jobsOf('rolled-back')).toEqual([]);
  });

  it('adds no second pending job with the same dedupe key, but does once the first is done', async () => {
    const clock = manualClock(T0);
    const worker = createOutboxWorker({ database, clock, handlers: { remind: async () => {} } });
    await enqueue(database.db, clock, { topic: 'remind', dedupeKey: 'ticket-1' });
    await database.db.transaction(async (tx) => {
      await enqueue(tx, clock, { topic: 'remind', dedupeKey: 'ticket-1' });
    });
    await enqueue(database.db, clock, { topic: 'remind', dedupeKey: 'ticket-2' });
    expect((await jobsOf('remind')).map((j) => j.dedupeKey)).toEqual(['ticket-1', 'ticket-2']);

    expect(await worker.runOnce()).toBe(2);
    await enqueue(database.db, clock, { topic: 'remind', dedupeKey: 'ticket-1' });
    expect((await jobsOf('remind')).map((j) => [j.dedupeKey, j.status])).toEqual([
      ['ticket-1', 'done'],
      ['ticket-2', 'done'],
      ['ticket-1', 'pending'],
    ]);
  });

  it('keeps a job whose topic has no handler and fails it visibly', async () => {
    const clock = manualClock(T0);
    const worker = createOutboxWorker({ database, clock, handlers: {} });
    await enqueue(database.db, clock, { topic: 'nobody.listens', maxAttempts: 1 });
    expect(await worker.runOnce()).toBe(1);
    const failed = await listFailedJobs(database.db);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.lastError).toContain('No handler for outbox topic "nobody.listens"');
  });

  it('runs again a job whose worker crashed, once the lock expires', async () => {
    const clock = manualClock(T0);
    await enqueue(database.db, clock, { topic: 'crashy' });
    // A worker claimed it with a one-minute lock and died.
    await database.db
      .update(outbox)
      .set({ lockedBy: 'dead', lockedUntil: new Date(clock.now().getTime() + 60 * SECOND), attempts: 1 })
      .where(eq(outbox.topic, 'crashy'));
    let runs = 0;
    const worker = createOutboxWorker({ database, clock, handlers: { crashy: async () => void runs++ } });

    expect(await worker.runOnce()).toBe(0);
    clock.advance(61 * SECOND);
    expect(await worker.runOnce()).toBe(1);
    expect(runs).toBe(1);
    expect((await jobsOf('crashy'))[0]).toMatchObject({
      status: 'done',
      attempts: 2,
      lockedBy: expect.any(String),
    });
  });

  it('fails rather than reruns a job whose last attempt crashed', async () => {
    const clock = manualClock(T0);
    await enqueue(database.db, clock, { topic: 'poison', maxAttempts: 2 });
    await database.db
      .update(outbox)
      .set({ lockedBy: 'dead', lockedUntil: clock.now(), attempts: 2 })
      .where(eq(outbox.topic, 'poison'));
    let runs = 0;
    const worker = createOutboxWorker({ database, clock, handlers: { poison: async () => void runs++ } });
    clock.advance(1);
    await worker.runOnce();
    expect(runs).toBe(0);
    expect((await jobsOf('poison'))[0]?.status).toBe('failed');
  });

  it('wakes a started worker at once when a job is enqueued', async () => {
    const clock = manualClock(T0);
    let ran = false;
    const worker = createOutboxWorker({
      database,
      clock,
      handlers: {
        wake: async () => {
          ran = true;
        },
      },
      pollIntervalMs: 60_000,
    });
    worker.start();
    try {
      await sleep(200); // the worker is now idle, listening
      const before = Date.now();
      await database.db.transaction(async (tx) => enqueue(tx, clock, { topic: 'wake' }));
      await waitUntil(async () => ran, 5_000);
      expect(Date.now() - before).toBeLessThan(5_000);
    } finally {
      await worker.stop();
    }
  });

  it('waits for the running job to finish when stopped', async () => {
    const clock = manualClock(T0);
    let finished = false;
    let started = false;
    const worker = createOutboxWorker({
      database,
      clock,
      pollIntervalMs: 10,
      handlers: {
        slow: async () => {
          started = true;
          await sleep(300);
          finished = true;
        },
      },
    });
    await enqueue(database.db, clock, { topic: 'slow' });
    worker.start();
    await waitUntil(async () => started);
    await worker.stop();
    expect(finished).toBe(true);
    expect((await jobsOf('slow'))[0]?.status).toBe('done');
  });

  it('prunes done jobs older than a date and keeps pending and failed ones', async () => {
    const clock = manualClock(T0);
    const worker = createOutboxWorker({
      database,
      clock,
      handlers: {
        ok: async () => {},
        bad: async () => {
          throw new Error('no');
        },
      },
    });
    await enqueue(database.db, clock, { topic: 'ok' });
    await enqueue(database.db, clock, { topic: 'bad', maxAttempts: 1 });
    await worker.runOnce();
    await enqueue(database.db, clock, { topic: 'ok', availableAt: new Date('2025-04-01T00:00:00.000Z') });

    expect(await pruneDoneJobs(database.db, new Date(T0))).toBe(0);
    expect(await pruneDoneJobs(database.db, new Date('2025-03-11T00:00:00.000Z'))).toBe(1);
    const left = await database.db.select().from(outbox).orderBy(outbox.id);
    expect(left.map((j) => [j.topic, j.status])).toEqual([
      ['bad', 'failed'],
      ['ok', 'pending'],
    ]);
  });

  it('doubles the retry delay with each attempt, up to an hour, with at most 10 % jitter', () => {
    expect([1, 2, 3, 10, 20].map((n) => retryDelayMs(n, () => 0))).toEqual([
      10_000, 20_000, 40_000, 3_600_000, 3_600_000,
    ]);
    expect(retryDelayMs(1, () => 0.999)).toBeLessThanOrEqual(11_000);
  });
});
