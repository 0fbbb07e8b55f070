// Starts a PostgreSQL server from the binaries on this machine: initdb into a folder (a temp one,
// removed on stop, or a kept one reused by later runs), loopback only, a free port. The one
// starter for the test set-up (fast: no fsync) and the benchmark (durable: PostgreSQL's defaults).
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const CANDIDATE_BIN_DIRS = [
  '/usr/lib/postgresql/17/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/15/bin',
];

/**
 * For a throwaway test database only: a crash may lose or corrupt committed data, and commits do
 * not wait for the disk, so they are far cheaper than on a real server.
 */
export const FAST_UNSAFE_SETTINGS = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];

export function findPostgresBinaries(): string | undefined {
  return CANDIDATE_BIN_DIRS.find((dir) => existsSync(path.join(dir, 'initdb')));
}

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

export interface RunningPostgres {
  url: string;
  /** Where the data is, and whether it was made now or reused. */
  description: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** More `name=value` server settings (they win over the defaults). */
  settings?: string[];
  /** Keep PostgreSQL's durable defaults (fsync, synchronous_commit, full_page_writes on). */
  durable?: boolean;
  /** Keep the data folder in `keepDir/data` (reused if it exists) instead of a temp folder. */
  keepDir?: string;
}

export async function startPostgres(binDir: string, opts: StartOptions = {}): Promise<RunningPostgres> {
  const root = opts.keepDir ?? mkdtempSync(path.join(os.tmpdir(), 'caseway-pg-'));
  mkdirSync(root, { recursive: true });
  chmodSync(root, 0o777);
  const dataDir = path.join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: run it as the postgres user, from a folder it can read.
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(binDir, cmd), ...args], {
          cwd: root,
          stdio: 'pipe',
        })
      : execFileSync(path.join(binDir, cmd), args, { cwd: root, stdio: 'pipe' });
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh) {
    run('initdb', [
      ...['-D', dataDir, '-U', 'caseway', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'],
      ...(opts.durable ? [] : ['--no-sync']),
    ]);
  }
  const port = await freePort();
  const settings = [
    ...(opts.durable ? [] : FAST_UNSAFE_SETTINGS),
    'max_connections=200',
    ...(opts.settings ?? []),
  ];
  const args = [
    ...['-D', dataDir, '-p', String(port), '-k', root, '-h', '127.0.0.1'],
    ...settings.flatMap((s) => ['-c', s]),
  ];
  const child = asRoot
    ? spawn('runuser', ['-u', 'postgres', '--', path.join(binDir, 'postgres'), ...args], {
        cwd: root,
        stdio: 'ignore',
      })
    : spawn(path.join(binDir, 'postgres'), args, { cwd: root, stdio: 'ignore' });
  const url = `postgres://caseway@127.0.0.1:${port}/postgres`;
  // A kept folder may need crash recovery first.
  const startLimitMs = opts.keepDir ? 120_000 : 30_000;
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
      if (Date.now() - started > startLimitMs)
        throw new Error(`PostgreSQL did not start within ${startLimitMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    description: opts.keepDir
      ? `PostgreSQL from ${binDir}, data kept in ${dataDir}${fresh ? ' (new)' : ' (reused)'}`
      : `throwaway PostgreSQL from ${binDir}`,
    stop: async () => {
      const exited =
        child.exitCode !== null || child.signalCode !== null
          ? Promise.resolve()
          : new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        // A kept folder is shut down cleanly; a throwaway one is removed anyway.
        run('pg_ctl', ['-D', dataDir, 'stop', '-m', opts.keepDir ? 'fast' : 'immediate', '-w']);
      } catch {
        child.kill(opts.keepDir ? 'SIGTERM' : 'SIGKILL');
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, opts.keepDir ? 30_000 : 5000))]);
      if (!opts.keepDir) rmSync(root, { recursive: true, force: true });
    },
  };
}
