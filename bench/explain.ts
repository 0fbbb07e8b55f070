// EXPLAIN (ANALYZE, BUFFERS) of the exact SQL the app sends: the service runs once on a Drizzle
// instance whose logger records each query with its parameters; the chosen one is then explained.
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Db } from '../server/src/platform/db.ts';

export interface Explained {
  sql: string;
  params: unknown[];
  plan: string;
  /** Execution time PostgreSQL reports, in ms. */
  executionMs: number | null;
}

export async function explainPlan(pool: pg.Pool, sql: string, params: unknown[]): Promise<Explained> {
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
  const m = /Execution Time: ([\d.]+) ms/.exec(plan);
  return { sql, params, plan, executionMs: m ? Number(m[1]) : null };
}

/** Runs `service` and explains the first query it sent that `pick` accepts. */
export async function explainService(
  pool: pg.Pool,
  service: (db: Db) => Promise<unknown>,
  pick: (sql: string) => boolean,
): Promise<Explained> {
  const captured: Array<{ sql: string; params: unknown[] }> = [];
  const db = drizzle(pool, {
    logger: { logQuery: (sql: string, params: unknown[]) => void captured.push({ sql, params }) },
  }) as unknown as Db;
  await service(db);
  const query = captured.find((c) => pick(c.sql));
  if (!query) throw new Error('the service sent no query to explain');
  return explainPlan(pool, query.sql, query.params);
}
