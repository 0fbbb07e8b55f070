// `npm test`: the whole suite on the embedded PGlite, then again on a PostgreSQL server
// (TEST_DATABASE_URL / DATABASE_URL, or one started from the machine's binaries).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const extra = process.argv.slice(2);
const run = (db) => {
  console.log(`\n=== Caseway test suite on ${db} ===\n`);
  const r = spawnSync('npx', ['vitest', 'run', ...extra], {
    stdio: 'inherit',
    env: { ...process.env, CASEWAY_TEST_DB: db },
  });
  return r.status ?? 1;
};

const pgliteStatus = run('pglite');
const haveServer =
  process.env.TEST_DATABASE_URL ||
  process.env.DATABASE_URL ||
  ['15', '16', '17'].some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
let pgStatus = 0;
if (haveServer || process.env.CI === 'true') {
  pgStatus = run('postgres');
} else {
  console.log(
    '\nSkipping the PostgreSQL pass: no PostgreSQL binaries here and no TEST_DATABASE_URL given.\n',
  );
}
process.exit(pgliteStatus || pgStatus);
