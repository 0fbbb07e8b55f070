// The same ticket creation on the embedded engine: a fresh PGlite in a temp folder, migrated, a
// small directory and customer seed, the real app on top; plus PGlite's own single-INSERT ceiling.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/src/app.ts';
import { contactEmails, contacts, organizations, products } from '../server/src/modules/customers/index.ts';
import {
  agents,
  createApiToken,
  departments,
  groupMembers,
  groups,
  insertAgent,
  SHIPPED,
} from '../server/src/modules/directory/index.ts';
import { ensureDefaultPicklists, loadPicklists } from '../server/src/modules/tickets/index.ts';
import { systemClock } from '../server/src/platform/clock.ts';
import { loadConfig } from '../server/src/platform/config.ts';
import { type Database, openDatabase } from '../server/src/platform/db.ts';
import { searchDocument } from '../server/src/platform/text-search.ts';
import { runLoad } from './load.ts';
import type { LoadResult } from './load-worker.ts';
import { type CreatePool, newTicket } from './new-ticket.ts';
import { Rng } from './random.ts';
import { type Percentiles, percentiles } from './stats.ts';
import { buildWorld, type World } from './world.ts';

export interface PgliteFigures {
  setupSeconds: number;
  create: LoadResult;
  raw: { inserts: number; rate: number; latency: Percentiles };
}

async function insertWorld(database: Database, world: World): Promise<void> {
  const db = database.db;
  const now = new Date();
  const vector = (...texts: string[]) => sql`to_tsvector('simple', ${searchDocument(...texts)})`;
  await db.insert(agents).values(
    world.agents.map((a) => ({
      id: a.id,
      name: a.name,
      email: a.email,
      language: a.language,
      admin: a.admin,
      createdAt: now,
      updatedAt: now,
    })),
  );
  await db
    .insert(departments)
    .values(world.departments.map((d) => ({ id: d.id, name: d.name, createdAt: now })));
  await db
    .insert(groups)
    .values(
      world.groups.map((g) => ({ id: g.id, name: g.name, departmentId: g.departmentId, createdAt: now })),
    );
  await db
    .insert(groupMembers)
    .values(world.groups.flatMap((g) => g.memberIds.map((agentId) => ({ groupId: g.id, agentId }))));
  await db.insert(organizations).values(
    world.orgs.map((o) => ({
      id: o.id,
      name: o.name,
      tier: o.tier,
      emailDomains: [o.domain],
      accountManagerId: o.accountManagerId,
      searchVector: vector(o.name, o.domain, ''),
      createdAt: now,
      updatedAt: now,
    })),
  );
  await db.insert(contacts).values(
    world.contacts.map((c) => ({
      id: c.id,
      name: c.name,
      phones: c.phones,
      organizationId: c.orgId,
      language: c.lang,
      vip: c.vip,
      searchVector: vector(c.name, ...c.emails, ...c.phones, ''),
      createdAt: now,
      updatedAt: now,
    })),
  );
  await db
    .insert(contactEmails)
    .values(
      world.contacts.flatMap((c) =>
        c.emails.map((email, position) => ({ contactId: c.id, email, position })),
      ),
    );
  await db
    .insert(products)
    .values(
      world.products.map((p) => ({ id: p.id, name: p.name, code: p.code, createdAt: now, updatedAt: now })),
    );
}

export async function pgliteCreateBench(opts: {
  seconds: number;
  warmupSeconds: number;
  connections: number;
  seed: number;
  log: (line: string) => void;
}): Promise<PgliteFigures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'caseway-bench-pglite-'));
  let database: Database | undefined;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    const started = performance.now();
    database = await openDatabase({ pgliteDir: path.join(dir, 'db') });
    await database.migrate();
    await ensureDefaultPicklists(database.db);
    const world = buildWorld(new Rng(opts.seed), {
      agents: 10,
      groups: 10,
      departments: 3,
      organizations: 40,
      contacts: 400,
      products: 20,
    });
    await insertWorld(database, world);
    const { agent } = await insertAgent(database.db, new Date(), {
      name: 'Bench Agent',
      email: 'bench@caseway-bench.example',
      roleId: SHIPPED.administratorRole,
    });
    const { secret } = await createApiToken(database.db, systemClock, agent.id, { name: 'bench' });
    const config = loadConfig({ CASEWAY_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' });
    app = await buildApp({ config, database, clock: systemClock, logger: false });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const setupSeconds = (performance.now() - started) / 1000;
    opts.log(`  PGlite ready in ${setupSeconds.toFixed(1)} s`);

    const pool: CreatePool = {
      contacts: world.contacts.map((c) => ({
        id: c.id,
        lang: c.lang,
        firstName: c.firstName,
        orgId: c.orgId,
      })),
      groupIds: world.groups.map((g) => g.id),
      agentNames: world.agents.map((a) => a.firstName),
    };
    const create = await runLoad({
      target: 'create',
      url,
      token: secret,
      connections: opts.connections,
      seconds: opts.seconds,
      warmupSeconds: opts.warmupSeconds,
      seed: opts.seed + 7,
      create: pool,
    });
    opts.log(`  PGlite create: ${create.rate.toFixed(0)} tickets/s`);
    await app.close();
    app = undefined;

    // PGlite runs one statement at a time: its ceiling is single INSERTs back to back.
    const pglite = database.pglite!;
    const ranks = new Map((await loadPicklists(database.db)).priority.map((p) => [p.key, p.position]));
    const rng = new Rng(opts.seed + 8);
    const latencies: number[] = [];
    const rawStarted = performance.now();
    const end = rawStarted + opts.seconds * 1000;
    while (performance.now() < end) {
      const t = newTicket(rng, pool);
      const begin = performance.now();
      await pglite.query(
        `INSERT INTO tickets (number, seq, subject, description, status, status_category, priority, priority_rank,
           channel, owner_group_id, contact_id, organization_id, tags, created_by, search_vector, created_at, updated_at)
         SELECT 'TT-' || s.v, s.v, $1, $2, 'new', 'new', $3, $11, $4, $5, $6, $7, $8, $9,
                to_tsvector('simple', 'tt' || s.v || ' tt ' || s.v || ' ' || $10), now(), now()
           FROM (SELECT nextval('ticket_seq') AS v) s`,
        [
          t.subject,
          t.description,
          t.priority,
          t.channel,
          t.ownerGroupId,
          t.contactId,
          t.organizationId,
          t.tags,
          agent.id,
          searchDocument(t.subject, t.description),
          ranks.get(t.priority) ?? 1,
        ],
      );
      latencies.push(performance.now() - begin);
    }
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    return {
      setupSeconds,
      create,
      raw: {
        inserts: latencies.length,
        rate: latencies.length / rawSeconds,
        latency: percentiles(latencies),
      },
    };
  } finally {
    if (app) await app.close().catch(() => {});
    if (database) await database.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
