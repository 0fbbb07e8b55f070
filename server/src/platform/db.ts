// One PostgreSQL dialect, two engines: PGlite embedded in the process (default, data under the
// data folder) or a PostgreSQL server (DATABASE_URL). Everything above this file sees only `Db`.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { getTableColumns, type Query, type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { type PgDatabase, PgDialect, type PgQueryResultHKT, type PgTable } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

/** A database or a transaction: services accept either. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Subscribe to NOTIFY on a channel; returns an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance, when embedded (tests dump and load it). */
  pglite?: PGlite;
}

export const MIGRATIONS_FOLDER = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../migrations',
);

/** Runs a raw query and returns its rows, on either engine. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * A statement built once, with `sql.placeholder(...)` where its values go, and run many times: its
 * text is not rebuilt per call, and a PostgreSQL server parses and plans it once per connection
 * (a named prepared statement; `name` must identify this one text). For the hottest commands.
 */
export interface PreparedStatement<T> {
  run(db: Db, values: Record<string, unknown>): Promise<T[]>;
}

const dialect = new PgDialect();

/**
 * Placeholders for a prepared statement's columns, as SQL so Drizzle leaves the encoding to
 * `driverValues` (its own column encoders do not take null).
 */
export function placeholders<K extends string>(keys: readonly K[], prefix = ''): Record<K, SQL> {
  return Object.fromEntries(keys.map((key) => [key, sql`${sql.placeholder(`${prefix}${key}`)}`])) as Record<
    K,
    SQL
  >;
}

/** A row's values as the driver takes them, encoded by the table's columns (null stays null). */
export function driverValues(table: PgTable, row: Record<string, unknown>, keys: readonly string[]) {
  const columns = getTableColumns(table);
  return Object.fromEntries(
    keys.map((key) => {
      const value = row[key];
      return [key, value === null || value === undefined ? null : columns[key]!.mapToDriverValue(value)];
    }),
  );
}

export function preparedStatement<T>(name: string, build: (db: Db) => SQL): PreparedStatement<T> {
  let query: Query | undefined;
  return {
    async run(db, values) {
      query ??= dialect.sqlToQuery(build(db));
      const result = (await db._.session.prepareQuery(query, undefined, name, false).execute(values)) as {
        rows: T[];
      };
      return result.rows;
    },
  };
}

export const PGLITE_EXTENSIONS = { pg_trgm };

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Folder for the embedded database; in memory when omitted. */
  pgliteDir?: string | undefined;
  /** A dump to start an embedded database from (tests). */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 20);
  return openPglite(opts.pgliteDir, opts.loadDataDir);
}

async function openPglite(dir: string | undefined, loadDataDir: Blob | File | undefined): Promise<Database> {
  if (dir) mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dir ? { dataDir: dir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: PGLITE_EXTENSIONS,
  });
  const db = drizzlePglite(pglite) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite,
    listen: async (channel, onPayload) => {
      const unsub = await pglite.listen(channel, onPayload);
      return async () => unsub();
    },
    migrate: async () => {
      await migratePglite(drizzlePglite(pglite), { migrationsFolder: MIGRATIONS_FOLDER });
    },
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const db = drizzlePg(pool) as unknown as Db;
  const listeners: pg.Client[] = [];
  return {
    kind: 'postgres',
    db,
    listen: async (channel, onPayload) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (msg) => {
        if (msg.channel === channel) onPayload(msg.payload ?? '');
      });
      client.on('error', () => {});
      await client.query(`LISTEN "${channel.replace(/"/g, '')}"`);
      listeners.push(client);
      return async () => {
        listeners.splice(listeners.indexOf(client), 1);
        await client.end().catch(() => {});
      };
    },
    migrate: async () => {
      // One client holds an advisory lock so several nodes starting together migrate once.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('SELECT pg_advisory_lock(727274)');
        await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.query('SELECT pg_advisory_unlock(727274)').catch(() => {});
        await client.end();
      }
    },
    close: async () => {
      await Promise.all(listeners.map((c) => c.end().catch(() => {})));
      await pool.end();
    },
  };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A list of uuids as one `uuid[]` parameter (a plain array in a sql template becomes a list of
 * parameters instead). Throws on anything that is not a uuid.
 */
export function uuidArray(ids: readonly string[]): SQL {
  for (const id of ids) if (!UUID_RE.test(id)) throw new Error(`not a uuid: ${id.slice(0, 40)}`);
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

/** NOTIFY from inside a transaction is delivered on commit. */
export function notifySql(channel: string, payload: string): SQL {
  return sql`SELECT pg_notify(${channel}, ${payload})`;
}

// PostgreSQL error details, read through Drizzle's wrapper on either engine.
interface PgErrorShape {
  code?: string;
  constraint?: string;
  cause?: { code?: string; constraint?: string };
}

/** True when a query failed on a unique constraint. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as PgErrorShape | undefined;
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/** True when a row could not be deleted because another table still references it. */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as PgErrorShape | undefined;
  return e?.code === '23503' || e?.cause?.code === '23503';
}

/** The constraint or index a failed statement ran into, when PostgreSQL named one. */
export function violatedConstraint(err: unknown): string | undefined {
  const e = err as PgErrorShape | undefined;
  return e?.constraint ?? e?.cause?.constraint;
}
