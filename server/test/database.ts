// Gives a test file a fresh, migrated database of the kind this run tests (a copy of the template).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../src/platform/db.ts';
import { withDatabase } from './global-setup.ts';

export function testDbKind(): 'pglite' | 'postgres' | 'skip' {
  return inject('testDb').kind;
}

export async function createTestDatabase(): Promise<Database> {
  const spec = inject('testDb');
  if (spec.kind === 'skip') throw new Error(`PostgreSQL tests skipped: ${spec.reason}`);
  if (spec.kind === 'pglite') {
    const dump = new Blob([readFileSync(spec.dumpFile)]);
    return openDatabase({ loadDataDir: dump });
  }
  const name = `caseway_t${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: spec.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${spec.template}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: withDatabase(spec.adminUrl, name), poolSize: 8 });
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      const c = new pg.Client({ connectionString: spec.adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
