// Starting Caseway: open the database, migrate, make sure the defaults and the first
// administrator exist, then serve HTTP and run the background workers.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { countAgents, insertAgent, newSecret } from './modules/directory/index.ts';
import { ensureShippedRules } from './modules/rules/index.ts';
import { ensureDefaultPicklists } from './modules/tickets/index.ts';
import { dataBlobStore } from './platform/blobs.ts';
import { systemClock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { type Database, openDatabase } from './platform/db.ts';
import { createServices } from './services.ts';
import { startWorkers } from './workers.ts';

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pgdata'),
  });
}

export interface FirstAdmin {
  email: string;
  /** Present only when Caseway generated it; printed once. */
  generatedPassword?: string;
}

/** On an empty database, creates the administrator from the environment or with a generated password. */
export async function ensureFirstAdmin(database: Database, config: Config): Promise<FirstAdmin | null> {
  if ((await countAgents(database.db)) > 0) return null;
  const email = config.adminEmail ?? 'admin@example.com';
  const generatedPassword = config.adminPassword ? undefined : newSecret(12);
  await insertAgent(database.db, systemClock.now(), {
    name: 'Administrator',
    email,
    password: config.adminPassword ?? generatedPassword!,
    admin: true,
  });
  return { email, ...(generatedPassword ? { generatedPassword } : {}) };
}

export interface Running {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

export async function serve(config: Config, opts: { demo?: boolean } = {}): Promise<Running> {
  const database = await openConfiguredDatabase(config);
  await database.migrate();
  await ensureDefaultPicklists(database.db);
  const clock = systemClock;
  const firstAdmin = await ensureFirstAdmin(database, config);
  let demoHint: string | null = null;
  if (opts.demo) {
    const { seedDemo, DEMO_PASSWORD, DEMO_SIGN_IN_EMAIL } = await import('./seed/demo.ts');
    await seedDemo(database, clock, { ifEmpty: true });
    demoHint = `  Demo agents sign in as e.g. ${DEMO_SIGN_IN_EMAIL} with the password ${DEMO_PASSWORD}`;
  }
  const services = await createServices(database);
  // After the services: the shipped rules' conditions read fields other modules register there.
  await ensureShippedRules(database.db, clock);
  const app = await buildApp({ config, database, clock, services });
  const worker = config.workers
    ? await startWorkers(database, clock, services, dataBlobStore(config.dataDir))
    : null;
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = config.publicUrl ?? `http://${shownHost}:${port}`;

  const lines = [
    '',
    `  Caseway is running at ${url}`,
    `  Database: ${database.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${path.join(config.dataDir, 'pgdata')}` : 'PostgreSQL server (DATABASE_URL)'}`,
    `  API docs: ${url}/api/docs`,
  ];
  if (firstAdmin) {
    lines.push(`  Sign in as ${firstAdmin.email}`);
    if (firstAdmin.generatedPassword) {
      lines.push(
        `  with the password ${firstAdmin.generatedPassword}  (generated now and shown only once; set CASEWAY_ADMIN_PASSWORD to choose it)`,
      );
    } else {
      lines.push('  with the password from CASEWAY_ADMIN_PASSWORD');
    }
  } else {
    lines.push('  Sign in with your administrator account.');
  }
  if (demoHint) lines.push(demoHint);
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  return {
    app,
    database,
    url,
    stop: async () => {
      if (stopping) return;
      stopping = true;
      await worker?.stop();
      await app.close();
      await services.close();
      await database.close();
    },
  };
}
