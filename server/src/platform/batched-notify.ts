// NOTIFY sent after commit, batched. A NOTIFY inside a transaction takes a database-wide lock at
// commit and holds it until the commit is on disk, so every notifying transaction commits alone:
// with durable settings (fsync, synchronous_commit on) they cannot share a WAL flush (group
// commit), and a write path that notifies on every commit is capped near one commit per flush.
// Here the caller commits first, then hands its payloads over: at most one NOTIFY statement per
// database is in flight, and the payloads that arrive meanwhile go together in the next one, so
// under load one lock and one flush serve many commits. Listeners get them as before; a crash
// between commit and send loses them, which is allowed: NOTIFY only wakes and feeds live pushes,
// nothing that must happen depends on it.
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from './db.ts';

/** Most payloads in one statement (each at most 8000 bytes, PostgreSQL's limit). */
const MAX_BATCH = 500;

interface Pending {
  channel: string;
  payload: string;
}

interface Batcher {
  pending: Pending[];
  flushing: Promise<void> | null;
  log: FastifyBaseLogger | undefined;
}

const batchers = new WeakMap<Db, Batcher>();

/** Sends the payloads on `channel` soon, after the caller's commit. `db` must not be a transaction. */
export function notifyAfterCommit(
  db: Db,
  channel: string,
  payloads: readonly string[],
  log?: FastifyBaseLogger,
): void {
  if (!payloads.length) return;
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = { pending: [], flushing: null, log };
    batchers.set(db, batcher);
  }
  batcher.log ??= log;
  for (const payload of payloads) batcher.pending.push({ channel, payload });
  batcher.flushing ??= flush(db, batcher);
}

/** Resolves when every payload handed over so far has been sent (or failed). */
export async function notificationsSent(db: Db): Promise<void> {
  const batcher = batchers.get(db);
  while (batcher?.flushing) await batcher.flushing;
}

async function flush(db: Db, batcher: Batcher): Promise<void> {
  try {
    while (batcher.pending.length) {
      const batch = batcher.pending.splice(0, MAX_BATCH);
      try {
        await db.execute(
          sql`SELECT pg_notify(n->>'channel', n->>'payload') FROM json_array_elements(${JSON.stringify(batch)}::json) AS n`,
        );
      } catch (err) {
        batcher.log?.warn({ err, count: batch.length }, 'live notifications could not be sent');
      }
    }
  } finally {
    batcher.flushing = null;
  }
}
