// Each node's knowledge of which events active webhooks subscribe to, so that the after-commit
// subscriber can say synchronously whether a ticket change concerns webhooks at all: a desk with no
// webhooks adds no outbox job to a ticket change. A change on any node empties every node's copy
// (NOTIFY on WEBHOOKS_CHANNEL); while a copy is being reloaded the answer is "maybe", which costs a
// job at worst (the subscriber then reads the webhooks themselves in its transaction).
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { notifySql } from '../../platform/db.ts';
import { webhooks } from './schema.ts';

export const WEBHOOKS_CHANNEL = 'caseway_webhooks';
/** A copy older than this is reloaded in the background (bounds staleness should a NOTIFY be missed). */
const TTL_MS = 30_000;

export interface WebhookCacheInvalidator {
  invalidate(): void;
}

export interface WebhookCache extends WebhookCacheInvalidator {
  /**
   * The events active webhooks subscribe to and whether any webhook is active, or null while not
   * known (then assume any).
   */
  current(): { events: ReadonlySet<string>; anyActive: boolean } | null;
  /** Loads now (at start, so the first ticket change already knows). */
  load(): Promise<void>;
}

export function createWebhookCache(db: Db): WebhookCache {
  let value: { events: Set<string>; anyActive: boolean; at: number } | null = null;
  let generation = 0;
  let loading: Promise<void> | null = null;

  const load = (): Promise<void> => {
    if (loading) return loading;
    const started = generation;
    loading = (async () => {
      try {
        const rows = await db
          .select({ events: webhooks.events })
          .from(webhooks)
          .where(eq(webhooks.active, true));
        // A change announced while loading makes this copy stale already: keep none.
        if (started === generation)
          value = {
            events: new Set(rows.flatMap((r) => r.events)),
            anyActive: rows.length > 0,
            at: performance.now(),
          };
      } catch {
        // Not known (the database is closing, …): the answer stays "maybe" until the next load.
      } finally {
        loading = null;
      }
    })();
    return loading;
  };

  return {
    current() {
      if (!value) {
        void load();
        return null;
      }
      if (performance.now() - value.at > TTL_MS) void load();
      return value;
    },
    load,
    invalidate() {
      generation += 1;
      value = null;
      void load();
    },
  };
}

/** Call inside the changing transaction: every node (this one too) reloads once it commits. */
export async function announceWebhookChange(db: Db): Promise<void> {
  await db.execute(notifySql(WEBHOOKS_CHANNEL, ''));
}

/** The active webhooks, as the subscriber reads them in its transaction. */
export async function activeWebhooks(db: Db): Promise<Array<{ id: string; events: string[] }>> {
  return db
    .select({ id: webhooks.id, events: webhooks.events })
    .from(webhooks)
    .where(sql`${webhooks.active}`);
}
