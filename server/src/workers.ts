// The background work of this process: the outbox worker with every module's job handlers (the
// after-commit ticket subscribers' among them), the
// daily maintenance timer (expired sessions, finished jobs, old webhook deliveries and rule runs, images of replies never sent, stray upload files) and the SLA timer scan (every minute). Wired by hand like app.ts.
import { pruneExpiredSessions } from './modules/directory/index.ts';
import {
  KEEP_RULE_RUNS_MS,
  pruneRuleRuns,
  RULE_TIMERS_EVERY_MS,
  RULE_TIMERS_TOPIC,
  scanRuleTimers,
} from './modules/rules/index.ts';
import {
  recomputeHandler,
  SLA_RECOMPUTE_TOPIC,
  SLA_SCAN_EVERY_MS,
  SLA_SCAN_TOPIC,
  scanSlaTimers,
} from './modules/sla/index.ts';
import {
  afterCommitHandlers,
  announcesJobs,
  pruneUnsentImages,
  referencedBlobs,
  TICKET_EVENTS_CHANNEL,
} from './modules/tickets/index.ts';
import {
  KEEP_DELIVERIES_MS,
  pruneDeliveries,
  WEBHOOK_DELIVER_TOPIC,
  webhookDeliveryHandler,
} from './modules/webhooks/index.ts';
import type { BlobStore } from './platform/blobs.ts';
import { addMs, type Clock } from './platform/clock.ts';
import type { Database } from './platform/db.ts';
import {
  type BatchJobHandler,
  createOutboxWorker,
  enqueue,
  type JobHandler,
  type OutboxWorker,
  pruneDoneJobs,
} from './platform/outbox.ts';
import type { Services } from './services.ts';

const DAY_MS = 24 * 3600_000;
const KEEP_DONE_JOBS_MS = 7 * DAY_MS;
/** An image pasted into a reply is kept this long for the draft that shows it; then, unsent, it goes. */
export const KEEP_UNSENT_IMAGES_MS = 30 * DAY_MS;
/** An upload whose request died before it was committed or discarded is swept after this. */
export const KEEP_TMP_UPLOADS_MS = DAY_MS;
/** A blob file no attachment refers to is swept only after this: it may be an upload being committed. */
export const KEEP_UNREFERENCED_BLOBS_MS = 3600_000;

export const MAINTENANCE_TOPIC = 'maintenance.daily';

/**
 * Daily: forget expired sessions, finished jobs older than a week and images of replies never sent
 * (with their files, unless another attachment has the same bytes), uploads left in the blob store's
 * temporary folder and blob files no attachment refers to; then schedule tomorrow's run.
 */
function maintenance(blobs: BlobStore): JobHandler {
  return async (_job, { db, clock }) => {
    const now = clock.now();
    await pruneExpiredSessions(db, now);
    await pruneDoneJobs(db, addMs(now, -KEEP_DONE_JOBS_MS));
    await pruneDeliveries(db, addMs(now, -KEEP_DELIVERIES_MS));
    await pruneRuleRuns(db, addMs(now, -KEEP_RULE_RUNS_MS));
    // Rows first: a file whose row is gone is never served; a row whose file is gone would be.
    for (const sha256 of await pruneUnsentImages(db, addMs(now, -KEEP_UNSENT_IMAGES_MS)))
      await blobs.remove(sha256);
    await blobs.sweep({
      tmpBefore: addMs(now, -KEEP_TMP_UPLOADS_MS),
      orphanBefore: addMs(now, -KEEP_UNREFERENCED_BLOBS_MS),
      referenced: (shas) => referencedBlobs(db, shas),
    });
    await enqueue(db, clock, {
      topic: MAINTENANCE_TOPIC,
      availableAt: addMs(now, DAY_MS),
      dedupeKey: MAINTENANCE_TOPIC,
    });
  };
}

/** Every minute: give the SLA warnings, breaches and escalations that are due, then look again. */
function slaScan(services: Services): JobHandler {
  return async (_job, { db, clock }) => {
    await scanSlaTimers({ db, clock, config: services.slaConfig, hooks: services.ticketHooks });
    await enqueue(db, clock, {
      topic: SLA_SCAN_TOPIC,
      availableAt: addMs(clock.now(), SLA_SCAN_EVERY_MS),
      dedupeKey: SLA_SCAN_TOPIC,
    });
  };
}

/** Every minute: fire the time-based rules that are due, then look again. */
function ruleTimers(services: Services): JobHandler {
  return async (_job, { db, clock }) => {
    await scanRuleTimers({ db, clock, cache: services.rulesCache, hooks: services.ticketHooks });
    await enqueue(db, clock, {
      topic: RULE_TIMERS_TOPIC,
      availableAt: addMs(clock.now(), RULE_TIMERS_EVERY_MS),
      dedupeKey: RULE_TIMERS_TOPIC,
    });
  };
}

function jobHandlers(services: Services, blobs: BlobStore): Record<string, JobHandler> {
  return {
    [MAINTENANCE_TOPIC]: maintenance(blobs),
    [SLA_SCAN_TOPIC]: slaScan(services),
    [SLA_RECOMPUTE_TOPIC]: recomputeHandler(services.slaConfig),
    [WEBHOOK_DELIVER_TOPIC]: webhookDeliveryHandler(),
    [RULE_TIMERS_TOPIC]: ruleTimers(services),
  };
}

/**
 * Every job handler of the outbox worker: the modules' jobs, and the after-commit ticket subscribers
 * (committed ticket events, in batches, in order per ticket).
 */
export function outboxHandlers(
  services: Services,
  blobs: BlobStore,
): { handlers: Record<string, JobHandler>; batchHandlers: Record<string, BatchJobHandler> } {
  return { handlers: jobHandlers(services, blobs), batchHandlers: afterCommitHandlers(services.ticketHooks) };
}

export async function startWorkers(
  database: Database,
  clock: Clock,
  services: Services,
  blobs: BlobStore,
): Promise<OutboxWorker> {
  // At most one pending run of each timer exists thanks to the dedupe keys, however many nodes start.
  await enqueue(database.db, clock, {
    topic: MAINTENANCE_TOPIC,
    availableAt: addMs(clock.now(), 60_000),
    dedupeKey: MAINTENANCE_TOPIC,
  });
  await enqueue(database.db, clock, { topic: SLA_SCAN_TOPIC, dedupeKey: SLA_SCAN_TOPIC });
  await enqueue(database.db, clock, { topic: RULE_TIMERS_TOPIC, dedupeKey: RULE_TIMERS_TOPIC });
  const worker = createOutboxWorker({
    database,
    clock,
    ...outboxHandlers(services, blobs),
    // A ticket change that added jobs for after-commit subscribers says so in its announcement.
    wakeOn: [{ channel: TICKET_EVENTS_CHANNEL, wakes: announcesJobs }],
  });
  worker.start();
  return worker;
}
