// `npm start` on a fresh data folder: migrates, installs the first administrator and the shipped
// rules (switched off), and answers on its port; a second start installs nothing twice.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config.ts';
import { queryRows } from '../src/platform/db.ts';
import { serve } from '../src/serve.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'caseway-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = () =>
  loadConfig({
    CASEWAY_DATA_DIR: dir,
    PORT: '0',
    CASEWAY_WORKERS: 'off',
    LOG_LEVEL: 'silent',
    CASEWAY_ADMIN_EMAIL: 'ada@example.com',
    CASEWAY_ADMIN_PASSWORD: 'quiet harbour lantern 8842',
  });

describe('starting Caseway on a fresh data folder', () => {
  it('serves, with the shipped rules installed once and switched off', async () => {
    for (let start = 0; start < 2; start++) {
      const running = await serve(config());
      try {
        const health = await fetch(`${running.url}/healthz`);
        expect(health.status).toBe(200);
        const rules = await queryRows<{ n: number; on: number }>(
          running.database.db,
          sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE active)::int AS on FROM rules WHERE shipped_key IS NOT NULL`,
        );
        expect(rules[0]).toEqual({ n: 6, on: 0 });
      } finally {
        await running.stop();
      }
    }
  }, 120_000);
});
