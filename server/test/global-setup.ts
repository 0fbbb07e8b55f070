// Runs once per test run: prepares one migrated template database that every test file copies.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureDefaultPicklists } from '../src/modules/tickets/index.ts';
import { openDatabase } from '../src/platform/db.ts';
import { findPostgresBinaries, type RunningPostgres, startPostgres } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb:
      | { kind: 'pglite'; dumpFile: string }
      | { kind: 'postgres'; adminUrl: string; template: string }
      | { kind: 'skip'; reason: string };
  }
}

export default async function setup(project: TestProject) {
  const kind = process.env.CASEWAY_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'caseway-test-'));
    const database = await openDatabase({});
    await database.migrate();
    await ensureDefaultPicklists(database.db);
    const dump = await database.pglite!.dumpDataDir('none');
    const dumpFile = path.join(dir, 'template.tar');
    writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    project.provide('testDb', { kind: 'pglite', dumpFile });
    return () => rmSync(dir, { recursive: true, force: true });
  }

  let server: RunningPostgres | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!adminUrl) {
    const bin = findPostgresBinaries();
    if (!bin) {
      if (process.env.CI === 'true')
        throw new Error('CI=true but no PostgreSQL binaries were found under /usr/lib/postgresql');
      project.provide('testDb', { kind: 'skip', reason: 'no PostgreSQL binaries on this machine' });
      return;
    }
    server = await startPostgres(bin);
    adminUrl = server.url;
  }
  const template = `caseway_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: withDatabase(adminUrl, template), poolSize: 2 });
  await database.migrate();
  await ensureDefaultPicklists(database.db);
  await database.close();
  project.provide('testDb', { kind: 'postgres', adminUrl, template });
  return async () => {
    if (server) return server.stop();
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    const dbs = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'caseway_t%'`,
    );
    for (const row of dbs.rows) await c.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await c.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
