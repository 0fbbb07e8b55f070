// `npm test`: the whole suite — server tests on the embedded PGlite, the same again on a PostgreSQL
// server (TEST_DATABASE_URL / DATABASE_URL, or one started from the machine's binaries), then the
// browser tests in Chromium. Ends with one summary line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, 'test-output', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const extra = process.argv.slice(2);

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

function pass(name, cwd, args, env = {}) {
  console.log(`\n=== ${name} ===\n`);
  const report = path.join(reports, `${name.replace(/\W+/g, '-')}.json`);
  const r = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      ...args,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...extra,
    ],
    {
      cwd,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    },
  );
  if (r.status !== 0) exitCode = r.status ?? 1;
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += json.numPassedTests ?? 0;
    totals.failed += json.numFailedTests ?? 0;
    totals.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  } else if (r.status !== 0) {
    totals.failed += 1;
  }
}

const server = path.join(root, 'server');
pass('server tests on PGlite', server, [], { CASEWAY_TEST_DB: 'pglite' });

const haveServer =
  process.env.TEST_DATABASE_URL ||
  process.env.DATABASE_URL ||
  ['15', '16', '17'].some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
if (haveServer || process.env.CI === 'true') {
  pass('server tests on PostgreSQL', server, [], { CASEWAY_TEST_DB: 'postgres' });
} else {
  console.log(
    '\nSkipping the PostgreSQL pass: no PostgreSQL binaries here and no TEST_DATABASE_URL given.\n',
  );
}

pass('browser tests in Chromium', root, ['--config', 'e2e/vitest.config.ts']);

console.log(
  `\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(exitCode);
