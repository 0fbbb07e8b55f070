// The PostgreSQL server the benchmark runs on: BENCH_DATABASE_URL if given; else a throwaway
// server (server/test/postgres-server.ts) in a temp folder; or, with BENCH_KEEP_DIR, a server whose
// data folder stays there between runs (seeded once, reused by later runs).
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
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
  // COPY into a table truncated in the same transaction, and CREATE INDEX, then skip the WAL.
  'wal_level=minimal',
  'max_wal_senders=0',
  'shared_preload_libraries=pg_stat_statements',
  'track_io_timing=on',
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Like startPostgres, but the data folder is `dir/data` and is kept (and reused) after stop. */
async function startKept(binDir: string, dir: string, settings: string[]): Promise<BenchPostgres> {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  const dataDir = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(binDir, cmd), ...args], {
          cwd: dir,
          stdio: 'pipe',
        })
      : execFileSync(path.join(binDir, cmd), args, { cwd: dir, stdio: 'pipe' });
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh) {
    run('initdb', [
      '-D',
      dataDir,
      '-U',
      'caseway',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
  }
  const port = await freePort();
  const args = [
    ...['-D', dataDir, '-p', String(port), '-k', dir, '-h', '127.0.0.1'],
    ...[
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ],
    ...settings.flatMap((s) => ['-c', s]),
  ];
  const child = asRoot
    ? spawn('runuser', ['-u', 'postgres', '--', path.join(binDir, 'postgres'), ...args], {
        cwd: dir,
        stdio: 'ignore',
      })
    : spawn(path.join(binDir, 'postgres'), args, { cwd: dir, stdio: 'ignore' });
  const started = Date.now();
  for (;;) {
    try {
      execFileSync(path.join(binDir, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], {
        stdio: 'pipe',
      });
      break;
    } catch {
      if (child.exitCode !== null)
        throw new Error(`PostgreSQL exited with code ${child.exitCode} (is another one using ${dataDir}?)`);
      if (Date.now() - started > 120_000) throw new Error('PostgreSQL did not start within 120 s');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url: `postgres://caseway@127.0.0.1:${port}/postgres`,
    description: `PostgreSQL from ${binDir}, data kept in ${dataDir}${fresh ? ' (new)' : ' (reused)'}`,
    ours: true,
    stop: async () => {
      const exited =
        child.exitCode !== null || child.signalCode !== null
          ? Promise.resolve()
          : new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        run('pg_ctl', ['-D', dataDir, 'stop', '-m', 'fast', '-w']);
      } catch {
        child.kill('SIGTERM');
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
    },
  };
}

export async function startBenchPostgres(env: {
  databaseUrl?: string;
  keepDir?: string;
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
  if (env.keepDir) return startKept(binDir, path.resolve(env.keepDir), BENCH_SETTINGS);
  const server = await startPostgres(binDir, { settings: BENCH_SETTINGS });
  return {
    url: server.url,
    description: `throwaway PostgreSQL from ${binDir}`,
    ours: true,
    stop: server.stop,
  };
}
