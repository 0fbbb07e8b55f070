// Builds a real app on a fresh test database, with a fixed clock and ready-made agents.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createApiToken, insertAgent, SHIPPED } from '../src/modules/directory/index.ts';
import { type BlobStore, dataBlobStore } from '../src/platform/blobs.ts';
import { type ManualClock, manualClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Database } from '../src/platform/db.ts';
import { loadGuardConfig } from '../src/platform/guard-config.ts';
import { createOutboxWorker, enqueue } from '../src/platform/outbox.ts';
import { createServices, type Services } from '../src/services.ts';
import { MAINTENANCE_TOPIC, outboxHandlers } from '../src/workers.ts';
import { createTestDatabase } from './database.ts';

export interface TestAgent {
  id: string;
  email: string;
  password: string;
  token: string;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** The caches and ticket subscribers the app uses (for workers started by a test). */
  services: Services;
  /** The app's file store (for workers started by a test). */
  blobs: BlobStore;
  clock: ManualClock;
  admin: TestAgent;
  agent: TestAgent;
  /** Creates another agent with an API token. */
  newAgent(opts?: { admin?: boolean; name?: string; roleId?: string }): Promise<TestAgent>;
  /** Sends a request as the given agent (bearer token); JSON body by default. */
  as(who: TestAgent, opts: InjectOptions): Promise<LightMyRequestResponse>;
  /**
   * Sends a JSON request as `who` (the administrator by default) and answers its status and parsed
   * body (null when empty).
   */
  call<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    who?: TestAgent,
  ): Promise<{ status: number; body: T }>;
  /** Queues the daily maintenance and runs the outbox once, as a worker would; answers the jobs run. */
  runMaintenance(): Promise<number>;
  /** Runs the due outbox jobs (after-commit subscribers among them) as a worker would; answers how many. */
  runOutbox(): Promise<number>;
  /** Another app node on the same database and clock, with its own caches (close it yourself). */
  otherNode(): Promise<FastifyInstance>;
  close(): Promise<void>;
}

let counter = 0;

/** The same answers whether or not `web/dist` was built: no web app unless a test gives its own. */
export function testEnv(env: Record<string, string> = {}): Record<string, string> {
  return {
    CASEWAY_DATA_DIR: `/tmp/caseway-test-data-${process.pid}`,
    CASEWAY_WEB_DIR: '/nonexistent/caseway-web',
    LOG_LEVEL: 'silent',
    ...env,
  };
}

export async function createTestApp(
  opts: { start?: string; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = manualClock(opts.start ?? '2026-03-02T09:00:00Z');
  const config = loadConfig(testEnv(opts.env));
  const services = await createServices(database);
  const app = await buildApp({
    config,
    guards: loadGuardConfig({ ...opts.env }),
    database,
    clock,
    services,
    logger: process.env.TEST_LOG ? { level: 'error' } : false,
  });

  // Test agents take the shipped Administrator role (every ticket, every action) unless a test
  // gives another: most tests are about tickets, not about who may see them.
  const newAgent = async (
    o: { admin?: boolean; name?: string; roleId?: string } = {},
  ): Promise<TestAgent> => {
    counter += 1;
    const email = `agent${counter}.${process.pid}@example.com`;
    const password = 'correct horse battery';
    const { agent } = await insertAgent(database.db, clock.now(), {
      name: o.name ?? `Agent ${counter}`,
      email,
      password,
      admin: o.admin ?? false,
      roleId: o.roleId ?? SHIPPED.administratorRole,
    });
    const { secret } = await createApiToken(database.db, clock, agent.id, { name: 'tests' });
    return { id: agent.id, email, password, token: secret };
  };
  const runOutbox = () => {
    return createOutboxWorker({
      database,
      clock,
      ...outboxHandlers(services, dataBlobStore(config.dataDir)),
    }).runOnce();
  };
  const admin = await newAgent({ admin: true, name: 'Ada Admin' });
  const agent = await newAgent({ name: 'Bob Agent' });

  const as = (who: TestAgent, o: InjectOptions) =>
    app.inject({ ...o, headers: { authorization: `Bearer ${who.token}`, ...o.headers } });
  return {
    app,
    database,
    services,
    blobs: dataBlobStore(config.dataDir),
    clock,
    admin,
    agent,
    newAgent,
    runMaintenance: async () => {
      await enqueue(database.db, clock, { topic: MAINTENANCE_TOPIC });
      return runOutbox();
    },
    runOutbox,
    as,
    call: async <T>(
      method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
      url: string,
      payload?: unknown,
      who: TestAgent = admin,
    ) => {
      const res = await as(who, {
        method,
        url,
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });
      return { status: res.statusCode, body: (res.body ? res.json() : null) as T };
    },
    otherNode: () =>
      buildApp({
        config: loadConfig(testEnv(opts.env)),
        guards: loadGuardConfig({ ...opts.env }),
        database,
        clock,
        logger: false,
      }),
    close: async () => {
      await app.close();
      await services.close();
      await database.close();
    },
  };
}
