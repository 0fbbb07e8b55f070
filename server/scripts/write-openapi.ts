// Writes the API's OpenAPI document for the web client, whose types are generated from it
// (`npm run api-types`). A test fails when the committed document is stale.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.ts';
import { systemClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/db.ts';

export const OPENAPI_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../web/src/app/openapi.json',
);

const database = await openDatabase({});
await database.migrate();
const app = await buildApp({
  config: loadConfig({ LOG_LEVEL: 'silent' }),
  database,
  clock: systemClock,
  logger: false,
});
writeFileSync(OPENAPI_FILE, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
await database.close();
console.log(`Wrote ${OPENAPI_FILE}`);
