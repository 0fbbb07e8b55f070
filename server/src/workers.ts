// The background work of this process: the outbox worker with every module's job handlers, and
// the daily maintenance timer. Wired by hand like app.ts.
import { pruneExpiredSessions } from './modules/directory/index.ts';
import { addMs, type Clock } from './platform/clock.ts';
import type { Database } from './platform/db.ts';
import {
  createOutboxWorker,
  enqueue,
  type JobHandler,
  type OutboxWorker,
  pruneDoneJobs,
} from './platform/outbox.ts';

const DAY_MS = 24 * 3600_000;
const KEEP_DONE_JOBS_MS = 7 * DAY_MS;

export const MAINTENANCE_TOPIC = 'maintenance.daily';

/** Daily: forget expired sessions and finished jobs older than a week, then schedule tomorrow's run. */
const maintenance: JobHandler = async (_job, { db, clock }) => {
  const now = clock.now();
  await pruneExpiredSessions(db, now);
  await pruneDoneJobs(db, addMs(now, -KEEP_DONE_JOBS_MS));
  await enqueue(db, clock, {
    topic: MAINTENANCE_TOPIC,
    availableAt: addMs(now, DAY_MS),
    dedupeKey: MAINTENANCE_TOPIC,
  });
};

export function jobHandlers(): Record<string, JobHandler> {
  return { [MAINTENANCE_TOPIC]: maintenance };
}

export async function startWorkers(database: Database, clock: Clock): Promise<OutboxWorker> {
  // At most one pending maintenance run exists thanks to the dedupe key, however many nodes start.
  await enqueue(database.db, clock, {
    topic: MAINTENANCE_TOPIC,
    availableAt: addMs(clock.now(), 60_000),
    dedupeKey: MAINTENANCE_TOPIC,
  });
  const worker = createOutboxWorker({ database, clock, handlers: jobHandlers() });
  worker.start();
  return worker;
}
