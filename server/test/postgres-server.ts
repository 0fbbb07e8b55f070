// Starts a throwaway PostgreSQL server from the binaries on this machine: initdb into a temp
// folder, loopback only, a free port. Used by the test set-up and the benchmark.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const CANDIDATE_BIN_DIRS = [
  '/usr/lib/postgresql/17/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/15/bin',
];

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
  stop(): Promise<void>;
}

export async function startPostgres(
  binDir: string,
  opts: { settings?: string[] } = {},
): Promise<RunningPostgres> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'caseway-pg-'));
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
  const port = await freePort();
  const args = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-k',
    root,
    '-h',
    '127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=200',
    ...(opts.settings ?? []).flatMap((s) => ['-c', s]),
  ];
  const child = asRoot
    ? spawn('runuser', ['-u', 'postgres', '--', path.join(binDir, 'postgres'), ...args], {
        cwd: root,
        stdio: 'ignore',
      })
    : spawn(path.join(binDir, 'postgres'), args, { cwd: root, stdio: 'ignore' });
  const url = `postgres://caseway@127.0.0.1:${port}/postgres`;
  const started = Date.now();
  for (;;) {
    try {
      execFileSync(path.join(binDir, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], {
        stdio: 'pipe',
      });
      break;
    } catch {
      if (Date.now() - started > 30_000) throw new Error('PostgreSQL did not start within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        run('pg_ctl', ['-D', dataDir, 'stop', '-m', 'immediate', '-w']);
      } catch {
        child.kill('SIGKILL');
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
