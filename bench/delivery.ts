// After-commit delivery under the create load: a subscriber that wants every ticket change (as
// webhooks and rules will), so each create's statement adds an outbox job, and an outbox worker in
// the app's process as `npm start` runs it. The lag is from the event's time (the command's clock)
// to the subscriber's call; the backlog left when the load stops is drained and timed.

import {
  afterCommitHandlers,
  announcesJobs,
  TICKET_EVENTS_CHANNEL,
} from '../server/src/modules/tickets/index.ts';
import { systemClock } from '../server/src/platform/clock.ts';
import type { Database } from '../server/src/platform/db.ts';
import { createOutboxWorker, type OutboxWorker } from '../server/src/platform/outbox.ts';
import type { Services } from '../server/src/services.ts';
import { type Percentiles, percentiles, roundMs } from './stats.ts';

export interface DeliveryFigures {
  /** Changes handed to the subscriber while the load ran and until the backlog was drained. */
  delivered: number;
  lag: Percentiles;
  /** Seconds from the load's end until every job was delivered (null: not within the wait). */
  drainSeconds: number | null;
  target: number;
  met: boolean;
}

export interface DeliveryProbe {
  start(): void;
  /** Stops the worker once the backlog is delivered (or after `maxWaitMs`); the figures. */
  finish(pending: () => Promise<number>, maxWaitMs?: number): Promise<DeliveryFigures>;
}

export const DELIVERY_LAG_TARGET_MS = 1000;

/** Adds the probe's subscriber to the services (before the app is built with them). */
export function deliveryProbe(database: Database, services: Services): DeliveryProbe {
  const lags: number[] = [];
  services.ticketHooks.afterCommit = [
    ...(services.ticketHooks.afterCommit ?? []),
    {
      name: 'bench-probe',
      wants: () => true,
      async handle(events) {
        lags.push(Date.now() - events[0]!.createdAt.getTime());
      },
    },
  ];
  let worker: OutboxWorker | undefined;
  return {
    start() {
      worker = createOutboxWorker({
        database,
        clock: systemClock,
        handlers: {},
        batchHandlers: afterCommitHandlers(services.ticketHooks),
        wakeOn: [{ channel: TICKET_EVENTS_CHANNEL, wakes: announcesJobs }],
      });
      worker.start();
    },
    async finish(pending, maxWaitMs = 120_000) {
      const ended = Date.now();
      let drainSeconds: number | null = null;
      while (Date.now() - ended < maxWaitMs) {
        if ((await pending()) === 0) {
          drainSeconds = (Date.now() - ended) / 1000;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      await worker?.stop();
      const lag = roundMs(percentiles(lags));
      return {
        delivered: lags.length,
        lag,
        drainSeconds: drainSeconds === null ? null : Math.round(drainSeconds * 10) / 10,
        target: DELIVERY_LAG_TARGET_MS,
        met: lag.p95 <= DELIVERY_LAG_TARGET_MS,
      };
    },
  };
}
