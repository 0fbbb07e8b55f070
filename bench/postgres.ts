// The PostgreSQL server the benchmark runs on: BENCH_DATABASE_URL if given; else one started by
// the test helper (server/test/postgres-server.ts) with PostgreSQL's durable defaults (fsync,
// synchronous_commit, full_page_writes on: commits wait for the disk, as in production) in a temp
// folder, or, with BENCH_KEEP_DIR, in a data folder kept there between runs (seeded once, reused).
// BENCH_DURABLE=0 uses the test suite's unsafe fast settings instead, for comparison.
import path from 'node:path';
import { findPostgresBinaries, startPostgres } from '../server/test/postgres-server.ts';

export interface BenchPostgres {
  url: string;
  /** How it was started, for the report. */
  description: string;
  /** True when we run it (its settings are ours). */
  ours: boolean;
  stop(): Promise<void>;
}

/** Tuned for a bulk load and then a read/write benchmark on a throwaway server. */
export const BENCH_SETTINGS = [
  'shared_buffers=2GB',
  'work_mem=64MB',
  'maintenance_work_mem=1GB',
  'max_wal_size=8GB',
  'checkpoint_timeout=30min',
  'effective_cache_size=8GB',
  'random_page_cost=1.1',
  'jit=off',
  // COPY into a table truncated in the same transaction, and CREATE INDEX, then skip the WAL
  // (still crash-safe: the files are synced at commit; only replication and PITR need more).
  'wal_level=minimal',
  'max_wal_senders=0',
  'shared_preload_libraries=pg_stat_statements',
  'track_io_timing=on',
];

/** The server settings the report prints (what a reader needs to compare runs and with production). */
export const REPORTED_SETTINGS = [
  'fsync',
  'synchronous_commit',
  'full_page_writes',
  'wal_level',
  'wal_sync_method',
  'commit_delay',
  'shared_buffers',
  'max_wal_size',
  'checkpoint_timeout',
];

export async function startBenchPostgres(env: {
  databaseUrl?: string;
  keepDir?: string;
  durable: boolean;
}): Promise<BenchPostgres> {
  if (env.databaseUrl) {
    return {
      url: env.databaseUrl,
      description: 'BENCH_DATABASE_URL (its own settings)',
      ours: false,
      stop: async () => {},
    };
  }
  const binDir = findPostgresBinaries();
  if (!binDir)
    throw new Error(
      'No PostgreSQL binaries found (apt-get install postgresql-15), or set BENCH_DATABASE_URL',
    );
  const server = await startPostgres(binDir, {
    settings: BENCH_SETTINGS,
    durable: env.durable,
    ...(env.keepDir ? { keepDir: path.resolve(env.keepDir) } : {}),
  });
  return { ...server, ours: true };
}
