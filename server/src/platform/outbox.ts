// One outbox, one scheduler: after-commit work and timers are rows in `outbox`, written in the
// caller's transaction and claimed with FOR UPDATE SKIP LOCKED, so any number of workers (in any
// number of processes) share them and each claim runs a job once. Delivery is at least once: a
// worker that dies mid-job loses its lock when it expires and the job runs again, so handlers must
// tolerate a repeat (timers re-read the ticket and act only if still due).
import { setTimeout as sleep } from 'node:timers/promises';
import { and, desc, eq, inArray, isNull, lt, lte, notInArray, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import { type Database, type Db, notifySql } from './db.ts';
import { outbox } from './schema.ts';

/** NOTIFY channel that wakes idle workers when a job is enqueued. */
export const OUTBOX_CHANNEL = 'caseway_outbox';
const DEDUPE_LOCK_CLASS = 727_275;
const BASE_RETRY_MS = 5_000;
const MAX_RETRY_MS = 60 * 60 * 1000;
const PENDING = sql`${outbox.status} = 'pending'`;
/** No earlier job of the same topic and ordering key is still pending (running or waiting to retry). */
const FIRST_OF_ITS_KEY = or(
  isNull(outbox.orderingKey),
  sql`NOT EXISTS (SELECT 1 FROM outbox earlier WHERE earlier.status = 'pending' AND earlier.ordering_key = ${outbox.orderingKey} AND earlier.topic = ${outbox.topic} AND earlier.id < ${outbox.id})`,
);

export interface NewJob {
  topic: string;
  payload?: Record<string, unknown>;
  /** Not before this instant (a timer); now when omitted. */
  availableAt?: Date;
  maxAttempts?: number;
  /** While a pending job has this key, enqueueing another with it does nothing. */
  dedupeKey?: string;
  /** Jobs of a topic with the same ordering key run one at a time, in the order they were added. */
  orderingKey?: string;
}

/**
 * Adds a job. Call it with the transaction that makes the change the job is about, so both commit
 * or neither does; the NOTIFY that wakes workers is delivered at commit too.
 */
export async function enqueue(db: Db, clock: Clock, job: NewJob): Promise<void> {
  if (!job.topic) throw new Error('An outbox job needs a topic');
  if (job.maxAttempts !== undefined && !(Number.isInteger(job.maxAttempts) && job.maxAttempts >= 1)) {
    throw new Error(`maxAttempts must be a positive integer, got ${job.maxAttempts}`);
  }
  const now = clock.now();
  const row = {
    topic: job.topic,
    payload: job.payload ?? {},
    availableAt: job.availableAt ?? now,
    createdAt: now,
    ...(job.maxAttempts !== undefined ? { maxAttempts: job.maxAttempts } : {}),
    ...(job.dedupeKey !== undefined ? { dedupeKey: job.dedupeKey } : {}),
    ...(job.orderingKey !== undefined ? { orderingKey: job.orderingKey } : {}),
  };
  const { dedupeKey } = job;
  if (dedupeKey === undefined) {
    await db.insert(outbox).values(row);
  } else {
    // The dedupe index is not unique, so serialize enqueues of one key: the lock is held to the end
    // of the caller's (outer) transaction, and the check runs after it in a fresh statement, so it
    // sees a job that a concurrent transaction committed meanwhile. A savepoint when db is a
    // transaction, a transaction of its own when not.
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${DEDUPE_LOCK_CLASS}, hashtext(${dedupeKey}))`);
      const existing = await tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(PENDING, eq(outbox.dedupeKey, dedupeKey)))
        .limit(1);
      if (existing.length === 0) await tx.insert(outbox).values(row);
    });
  }
  await db.execute(notifySql(OUTBOX_CHANNEL, ''));
}

export interface Job {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
  /** This run included: 1 on the first run. */
  attempts: number;
}

export type JobHandler = (job: Job, ctx: { db: Db; clock: Clock }) => Promise<void>;

/**
 * Runs many jobs of one topic at once, inside the transaction that holds them: its writes commit
 * together with the jobs' removal, so a job's effects happen exactly when it is done. For quick,
 * database-only work (after-commit subscribers) where one job per round trip would not keep up.
 * If it throws, the batch rolls back and each job is run alone (with retries and backoff).
 */
export type BatchJobHandler = (jobs: Job[], ctx: { db: Db; clock: Clock }) => Promise<void>;

export interface OutboxWorker {
  /** Claims and runs due jobs until none is due (or the worker is stopping); returns how many ran. */
  runOnce(): Promise<number>;
  /** Runs jobs in the background: as they become due, and at once when one is enqueued. */
  start(): void;
  /** Stops the background loop, waiting for the jobs it is running to finish. */
  stop(): Promise<void>;
}

export interface OutboxWorkerOptions {
  database: Database;
  clock: Clock;
  handlers: Record<string, JobHandler>;
  /** Topics whose jobs are claimed and run in batches (see BatchJobHandler). */
  batchHandlers?: Record<string, BatchJobHandler>;
  /** Jobs of the batch topics claimed at a time. */
  batchLimit?: number;
  workerId?: string;
  /** Jobs claimed, and then run concurrently, at a time. */
  batchSize?: number;
  /** The longest wait between two looks for due jobs (timers, retries) when no NOTIFY comes. */
  pollIntervalMs?: number;
  /**
   * How long a woken worker waits before it looks (default 20 ms): under load the jobs of many
   * changes then go in one batch instead of one look per change.
   */
  gatherMs?: number;
  /** How long a claim lasts: past it, another worker may run the job again. */
  lockMs?: number;
  log?: Logger;
  /**
   * Further NOTIFY channels that wake the worker, when `wakes(payload)` says so: commands that add
   * jobs in their statement announce them on their own channel after commit.
   */
  wakeOn?: Array<{ channel: string; wakes(payload: string): boolean }>;
}

/** Wait before the next attempt: 2^attempts × 5 s, at most an hour, plus up to 10 % jitter. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(BASE_RETRY_MS * 2 ** attempts, MAX_RETRY_MS);
  return Math.round(base * (1 + 0.1 * random()));
}

interface ClaimedJob extends Job {
  maxAttempts: number;
  availableAt: Date;
}

export function createOutboxWorker(opts: OutboxWorkerOptions): OutboxWorker {
  const { database, clock, handlers, log } = opts;
  const batchHandlers = opts.batchHandlers ?? {};
  const batchTopics = Object.keys(batchHandlers);
  const batchLimit = opts.batchLimit ?? 500;
  const notBatched = batchTopics.length ? notInArray(outbox.topic, batchTopics) : undefined;
  const workerId = opts.workerId ?? `worker-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const batchSize = opts.batchSize ?? 10;
  const pollIntervalMs = opts.pollIntervalMs ?? 1000;
  const gatherMs = opts.gatherMs ?? 20;
  const lockMs = opts.lockMs ?? 5 * 60 * 1000;
  const db = database.db;

  let stopping = false;
  let loop: Promise<void> | undefined;
  let woken = false;
  let wake: (() => void) | undefined;

  async function claim(): Promise<ClaimedJob[]> {
    const now = clock.now();
    const due = db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          PENDING,
          lte(outbox.availableAt, now),
          or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, now)),
          FIRST_OF_ITS_KEY,
          notBatched,
        ),
      )
      .orderBy(outbox.availableAt, outbox.id)
      .limit(batchSize)
      .for('update', { skipLocked: true });
    const rows = await db
      .update(outbox)
      .set({
        lockedBy: workerId,
        lockedUntil: new Date(now.getTime() + lockMs),
        attempts: sql`${outbox.attempts} + 1`,
      })
      .where(inArray(outbox.id, due))
      .returning({
        id: outbox.id,
        topic: outbox.topic,
        payload: outbox.payload,
        attempts: outbox.attempts,
        maxAttempts: outbox.maxAttempts,
        availableAt: outbox.availableAt,
      });
    return rows.sort((a, b) => a.availableAt.getTime() - b.availableAt.getTime() || a.id - b.id);
  }

  /** Our claim, unless it expired and another worker claimed the job since. */
  const stillOurs = (job: ClaimedJob) =>
    and(eq(outbox.id, job.id), eq(outbox.lockedBy, workerId), eq(outbox.attempts, job.attempts));

  async function finish(job: ClaimedJob, error: unknown): Promise<void> {
    const now = clock.now();
    const failed = error !== undefined;
    const outcome = !failed ? 'done' : job.attempts >= job.maxAttempts ? 'failed' : 'retry';
    const update: Partial<typeof outbox.$inferInsert> =
      outcome === 'retry'
        ? {
            availableAt: new Date(now.getTime() + retryDelayMs(job.attempts)),
            lockedUntil: null,
            lastError: errorText(error),
          }
        : {
            status: outcome,
            finishedAt: now,
            lockedUntil: null,
            ...(failed ? { lastError: errorText(error) } : {}),
          };
    const updated = await db.update(outbox).set(update).where(stillOurs(job)).returning({ id: outbox.id });
    const about = { jobId: job.id, topic: job.topic, attempts: job.attempts };
    if (updated.length === 0)
      log?.warn(about, 'outbox job finished after its lock had expired and been taken over');
    else if (failed) log?.warn({ ...about, outcome, err: error }, 'outbox job failed');
  }

  async function run(job: ClaimedJob): Promise<void> {
    let error: unknown;
    if (job.attempts > job.maxAttempts) {
      // Its last attempt's worker stopped or crashed before finishing: the lock expired.
      error = new Error('The worker running the last attempt stopped before it finished');
    } else {
      const handler = handlers[job.topic];
      try {
        if (!handler) throw new Error(`No handler for outbox topic "${job.topic}"`);
        await handler(
          { id: job.id, topic: job.topic, payload: job.payload, attempts: job.attempts },
          { db, clock },
        );
      } catch (err) {
        error = err ?? new Error('Job failed without an error');
      }
    }
    await finish(job, error);
  }

  /** Due jobs of the batch topics, locked in `tx` until it ends (no claim is written). */
  async function claimBatch(tx: Db): Promise<Job[]> {
    const rows = await tx
      .select({ id: outbox.id, topic: outbox.topic, payload: outbox.payload, attempts: outbox.attempts })
      .from(outbox)
      .where(
        and(
          PENDING,
          inArray(outbox.topic, batchTopics),
          lte(outbox.availableAt, clock.now()),
          or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, clock.now())),
          FIRST_OF_ITS_KEY,
        ),
      )
      .orderBy(outbox.availableAt, outbox.id)
      .limit(batchLimit)
      .for('update', { skipLocked: true });
    return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
  }

  async function runBatchJobs(tx: Db, jobs: Job[]): Promise<void> {
    const byTopic = new Map<string, Job[]>();
    for (const job of jobs) byTopic.set(job.topic, [...(byTopic.get(job.topic) ?? []), job]);
    for (const [topic, group] of byTopic) await batchHandlers[topic]!(group, { db: tx, clock });
    // Done jobs of these topics leave no row: their effects are the record.
    await tx.delete(outbox).where(
      inArray(
        outbox.id,
        jobs.map((j) => j.id),
      ),
    );
  }

  /** One batch of the batch topics; on a failure, each of its jobs alone. Returns jobs run. */
  async function runBatchOnce(): Promise<number> {
    let failed: Job[] = [];
    const count = await db.transaction(async (tx) => {
      const jobs = await claimBatch(tx as unknown as Db);
      if (!jobs.length) return 0;
      try {
        await tx.transaction((sp) => runBatchJobs(sp as unknown as Db, jobs));
      } catch {
        failed = jobs;
      }
      return jobs.length;
    });
    for (const job of failed) await runBatchJobAlone(job);
    return count;
  }

  /** A job of a batch topic that failed in its batch: alone, and on failure marked for a retry. */
  async function runBatchJobAlone(job: Job): Promise<void> {
    let error: unknown;
    let attempts = job.attempts;
    try {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .select({ attempts: outbox.attempts, maxAttempts: outbox.maxAttempts })
          .from(outbox)
          .where(and(eq(outbox.id, job.id), PENDING))
          .for('update', { skipLocked: true });
        if (!row) return; // done or taken meanwhile
        attempts = row.attempts + 1;
        await runBatchJobs(tx as unknown as Db, [{ ...job, attempts }]);
      });
    } catch (err) {
      error = err ?? new Error('Job failed without an error');
    }
    if (error === undefined) return;
    const now = clock.now();
    const [row] = await db
      .select({ maxAttempts: outbox.maxAttempts })
      .from(outbox)
      .where(eq(outbox.id, job.id));
    const last = attempts >= (row?.maxAttempts ?? 1);
    await db
      .update(outbox)
      .set({
        attempts,
        lastError: errorText(error),
        ...(last
          ? { status: 'failed', finishedAt: now }
          : { availableAt: new Date(now.getTime() + retryDelayMs(attempts)) }),
      })
      .where(and(eq(outbox.id, job.id), PENDING));
    log?.warn({ jobId: job.id, topic: job.topic, attempts, err: error }, 'outbox job failed');
  }

  async function runOnce(): Promise<number> {
    let ran = 0;
    // `stopping` only ends the background loop early, between batches.
    while (!stopping) {
      const batched = batchTopics.length ? await runBatchOnce() : 0;
      const jobs = await claim();
      if (jobs.length === 0 && batched === 0) break;
      await Promise.all(jobs.map(run));
      ran += jobs.length + batched;
    }
    return ran;
  }

  function waitForWake(ms: number): Promise<void> {
    if (woken || stopping) return Promise.resolve();
    const ac = new AbortController();
    return new Promise<void>((resolve) => {
      wake = () => {
        wake = undefined;
        ac.abort();
        resolve();
      };
      sleep(ms, undefined, { signal: ac.signal }).then(
        () => wake?.(),
        () => {},
      );
    });
  }

  async function background(): Promise<void> {
    const unlisten: Array<() => Promise<void>> = [];
    const rouse = () => {
      woken = true;
      wake?.();
    };
    try {
      unlisten.push(await database.listen(OUTBOX_CHANNEL, rouse));
      for (const { channel, wakes } of opts.wakeOn ?? [])
        unlisten.push(await database.listen(channel, (payload) => wakes(payload) && rouse()));
    } catch (err) {
      log?.warn({ err }, 'outbox worker cannot LISTEN; polling only');
    }
    try {
      while (!stopping) {
        woken = false;
        try {
          await runOnce();
        } catch (err) {
          log?.error({ err }, 'outbox worker could not claim or finish jobs');
        }
        await waitForWake(pollIntervalMs);
        if (woken && !stopping && gatherMs > 0) await sleep(gatherMs);
      }
    } finally {
      for (const stop of unlisten) await stop().catch(() => {});
    }
  }

  return {
    runOnce,
    start() {
      if (loop) return;
      stopping = false;
      loop = background();
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      loop = undefined;
      stopping = false;
    },
  };
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.stack || error.message : String(error);
  return text.slice(0, 4000);
}

export interface FailedJob {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** Jobs that ran out of attempts, latest first, for administrators. */
export async function listFailedJobs(db: Db, opts: { limit?: number } = {}): Promise<FailedJob[]> {
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 1000);
  return db
    .select({
      id: outbox.id,
      topic: outbox.topic,
      payload: outbox.payload,
      attempts: outbox.attempts,
      maxAttempts: outbox.maxAttempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      finishedAt: outbox.finishedAt,
    })
    .from(outbox)
    .where(eq(outbox.status, 'failed'))
    .orderBy(desc(outbox.finishedAt), desc(outbox.id))
    .limit(limit);
}

/** Puts a failed job back in the queue, due now, with its attempts reset. False if not failed. */
export async function retryJob(db: Db, clock: Clock, id: number): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, availableAt: clock.now(), lockedUntil: null, finishedAt: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'failed')))
    .returning({ id: outbox.id });
  if (rows.length > 0) await db.execute(notifySql(OUTBOX_CHANNEL, ''));
  return rows.length > 0;
}

/** Deletes jobs done before `olderThan` (failed ones stay until retried); returns how many. */
export async function pruneDoneJobs(db: Db, olderThan: Date): Promise<number> {
  const rows = await db
    .delete(outbox)
    .where(and(eq(outbox.status, 'done'), lt(outbox.finishedAt, olderThan)))
    .returning({ id: outbox.id });
  return rows.length;
}
