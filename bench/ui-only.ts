// The console measurements alone, on a database seeded earlier by `npm run bench` with
// BENCH_KEEP_DIR: `BENCH_KEEP_DIR=/tmp/caseway-bench npx tsx bench/ui-only.ts` (from server/).
// For iterating on the web app's speed without reseeding; prints the figures and what each
// navigation waited for.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/src/app.ts';
import { insertAgent } from '../server/src/modules/directory/index.ts';
import { systemClock } from '../server/src/platform/clock.ts';
import { loadConfig } from '../server/src/platform/config.ts';
import { openDatabase } from '../server/src/platform/db.ts';
import { startBenchPostgres } from './postgres.ts';
import { roundMs } from './stats.ts';
import { buildWebApp, measureUi } from './ui.ts';

const keepDir = process.env.BENCH_KEEP_DIR;
if (!keepDir) throw new Error('Set BENCH_KEEP_DIR to the folder of a database seeded by npm run bench');
const server = await startBenchPostgres({ keepDir, durable: process.env.BENCH_DURABLE !== '0' });
const database = await openDatabase({ databaseUrl: server.url, poolSize: 24 });
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'caseway-ui-data-'));
try {
  await database.migrate();
  const email = `ui-${Date.now()}@caseway-bench.example`;
  const password = 'bench-password-123';
  await insertAgent(database.db, new Date(), { name: 'UI Bench Agent', email, password });
  buildWebApp();
  const app = await buildApp({
    config: loadConfig({
      DATABASE_URL: server.url,
      CASEWAY_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      CASEWAY_WORKERS: 'off',
    }),
    database,
    clock: systemClock,
    logger: false,
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const runs = Number(process.env.BENCH_UI_RUNS ?? 20);
  const ui = await measureUi({ base, email, password, runs });
  console.log(
    `list first 50 rows: ${JSON.stringify(roundMs(ui.listFirst50Ms))}\nticket → timeline: ${JSON.stringify(roundMs(ui.ticketTimelineMs))}\nfirst-load JS: ${ui.firstLoadJsGzipBytes} bytes gzip in ${ui.firstLoadJsFiles} files`,
  );
  for (const [what, requests] of [
    ['navigation to All open', ui.trace.list],
    ['click on a ticket', ui.trace.ticket],
    ['click on a ticket, as the page saw it (from the click event)', ui.trace.inPage ?? []],
  ] as const) {
    console.log(`\n${what}:`);
    for (const r of requests)
      console.log(`  ${String(r.startMs).padStart(6)} → ${String(r.endMs).padStart(6)}  ${r.path}`);
  }
  await app.close();
} finally {
  await database.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
