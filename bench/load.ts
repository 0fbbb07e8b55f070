// The measurements: HTTP load through the forked autocannon worker, the raw INSERT ceiling with
// plain pg, and timed SQL / HTTP loops for search.
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { searchDocument } from '../server/src/platform/text-search.ts';
import type { LoadResult, LoadSpec } from './load-worker.ts';
import { type CreatePool, newTicket } from './new-ticket.ts';
import { Rng } from './random.ts';
import { type Percentiles, percentiles } from './stats.ts';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-worker.ts');
const running = new Set<ChildProcess>();

/** Kills the load workers still running (on an interrupted run). */
export function stopLoads(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Runs one autocannon measurement in a child process (tsx's loader is inherited through execArgv). */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    running.add(child);
    let settled = false;
    child.once('message', (message) => {
      const m = message as { ok: true; result: LoadResult } | { ok: false; error: string };
      settled = true;
      if (m.ok) resolve(m.result);
      else reject(new Error(`load worker failed: ${m.error}`));
    });
    child.once('error', (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    child.once('exit', (code) => {
      running.delete(child);
      if (!settled) reject(new Error(`load worker exited with code ${code}`));
      settled = true;
    });
    child.send(spec);
  });
}

export interface RawResult {
  seconds: number;
  inserts: number;
  rate: number;
  errors: number;
  firstError: string | null;
  latency: Percentiles;
}

const RAW_INSERT = `INSERT INTO tickets (number, seq, subject, description, status, status_category, priority, priority_rank,
    channel, owner_group_id, contact_id, organization_id, tags, created_by, search_vector, created_at, updated_at)
  SELECT 'TT-' || s.v, s.v, $1, $2, 'new', 'new', $3, $4, $5, $6, $7, $8, $9, $10,
         to_tsvector('simple', 'tt' || s.v || ' tt ' || s.v || ' ' || $11), $12, $12
    FROM (SELECT nextval('ticket_seq') AS v) s
  RETURNING id`;

/**
 * The ceiling for ticket creation on this database: the same ticket row as the API writes (with its
 * search vector), one plain INSERT per ticket, `connections` in flight, for `seconds`. The rows
 * (tickets with no events or messages, which the app never makes) are deleted afterwards, untimed,
 * so a database kept for later runs stays like the app's own.
 */
export async function rawInsertCeiling(
  pool: pg.Pool,
  data: CreatePool & { agentId: string; priorityRank: Map<string, number> },
  connections: number,
  seconds: number,
  seed: number,
): Promise<RawResult> {
  const rng = new Rng(seed);
  const latencies: number[] = [];
  const inserted: string[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const end = started + seconds * 1000;
  const loop = async () => {
    const client = await pool.connect();
    try {
      while (performance.now() < end) {
        const t = newTicket(rng, data);
        const now = new Date();
        const begin = performance.now();
        try {
          const res = await client.query<{ id: string }>(RAW_INSERT, [
            t.subject,
            t.description,
            t.priority,
            data.priorityRank.get(t.priority) ?? 1,
            t.channel,
            t.ownerGroupId,
            t.contactId,
            t.organizationId,
            t.tags,
            data.agentId,
            searchDocument(t.subject, t.description),
            now,
          ]);
          latencies.push(performance.now() - begin);
          inserted.push(res.rows[0]!.id);
        } catch (err) {
          errors++;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsed = (performance.now() - started) / 1000;
  for (let i = 0; i < inserted.length; i += 5000) {
    await pool.query('DELETE FROM tickets WHERE id = ANY($1::uuid[])', [inserted.slice(i, i + 5000)]);
  }
  return {
    seconds: elapsed,
    inserts: latencies.length,
    rate: latencies.length / elapsed,
    errors,
    firstError,
    latency: percentiles(latencies),
  };
}

/** Runs `once` back to back (after `warmup` unmeasured runs) for up to `seconds` or `maxRuns`. */
export async function timeLoop(
  once: () => Promise<void>,
  opts: { seconds: number; maxRuns: number; warmup: number },
): Promise<Percentiles> {
  for (let i = 0; i < opts.warmup; i++) await once();
  const samples: number[] = [];
  const end = performance.now() + opts.seconds * 1000;
  while (samples.length < opts.maxRuns && (performance.now() < end || samples.length < 5)) {
    const begin = performance.now();
    await once();
    samples.push(performance.now() - begin);
  }
  return percentiles(samples);
}
