// Seeds a migrated database: the small tables, then 1M tickets with their messages and events,
// streamed through three parallel COPY … FREEZE streams into emptied tables whose indexes and
// foreign keys were set aside first (put back by name, from their catalog definitions, afterwards).
// Search vectors are written as tsvector literals (see text.ts) and checked against the app's own
// `to_tsvector('simple', searchDocument(…))` before and after the load.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { searchDocument } from '../server/src/platform/text-search.ts';
import { CopySink, copyNullable, copyText, copyTextArray, copyTime } from './copy.ts';
import { Rng } from './random.ts';
import { searchTokens, tsvectorLiteral, useExactSearchText } from './text.ts';
import {
  EVENT_COLUMNS,
  MESSAGE_COLUMNS,
  type PicklistFacts,
  type RowSink,
  SPAN_MS,
  TICKET_COLUMNS,
  TicketWriter,
} from './ticket-rows.ts';
import { buildWorld, type World } from './world.ts';

export const BIG_TABLES = ['tickets', 'ticket_messages', 'ticket_events'] as const;

export interface SeedOptions {
  tickets: number;
  seed: number;
  /** Index builds and constraint validations run this many at a time. */
  jobs: number;
  /** 'drop-indexes' (default): load into bare tables, then index; 'keep-indexes': load with everything in place. */
  mode: 'drop-indexes' | 'keep-indexes';
  log: (line: string) => void;
}

export interface SeedResult {
  reused: boolean;
  seconds: Record<string, number>;
  rows: Record<string, number>;
  searchText: 'composed' | 'exact';
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function withClient<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

/** Runs tasks with at most `limit` in flight. */
async function inParallel<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

export async function benchSeedMarker(pool: pg.Pool): Promise<{ tickets: number } | null> {
  const { rows } = await pool.query<{ t: string | null }>(`SELECT to_regclass('bench_seed')::text AS t`);
  if (!rows[0]?.t) return null;
  const marker = await pool.query<{ tickets: number }>('SELECT tickets FROM bench_seed LIMIT 1');
  return marker.rows[0] ?? null;
}

// The small tables.

async function seedWorld(pool: pg.Pool, world: World, now: number): Promise<Record<string, number>> {
  const base = now - SPAN_MS - 30 * 86_400_000;
  const t = copyTime(base);
  const rows: Record<string, number> = {};
  await withClient(pool, async (client) => {
    await client.query('BEGIN');
    const copy = async (table: string, columns: string[], lines: string[][]) => {
      const sink = new CopySink(client, table, columns);
      for (const line of lines) {
        sink.add(line);
        await sink.ready();
      }
      rows[table] = await sink.end();
    };
    await copy(
      'agents',
      ['id', 'name', 'email', 'language', 'time_zone', 'active', 'admin', 'created_at', 'updated_at'],
      world.agents.map((a) => [
        a.id,
        copyText(a.name),
        a.email,
        a.language,
        'UTC',
        't',
        a.admin ? 't' : 'f',
        t,
        t,
      ]),
    );
    await copy(
      'departments',
      ['id', 'name', 'active', 'created_at'],
      world.departments.map((d) => [d.id, copyText(d.name), 't', t]),
    );
    await copy(
      'groups',
      ['id', 'name', 'description', 'department_id', 'created_at'],
      world.groups.map((g) => [g.id, copyText(g.name), '', g.departmentId, t]),
    );
    await copy(
      'group_members',
      ['group_id', 'agent_id'],
      world.groups.flatMap((g) => g.memberIds.map((a) => [g.id, a])),
    );
    await copy(
      'organizations',
      [
        'id',
        'name',
        'tier',
        'email_domains',
        'account_manager_id',
        'notes',
        'search_vector',
        'created_at',
        'updated_at',
      ],
      world.orgs.map((o) => [
        o.id,
        copyText(o.name),
        o.tier,
        copyTextArray([o.domain]),
        copyNullable(o.accountManagerId),
        '',
        copyText(tsvectorLiteral(searchTokens([o.name, o.domain, '']))),
        t,
        t,
      ]),
    );
    await copy(
      'contacts',
      [
        'id',
        'name',
        'phones',
        'organization_id',
        'language',
        'vip',
        'notes',
        'search_vector',
        'created_at',
        'updated_at',
      ],
      world.contacts.map((c) => [
        c.id,
        copyText(c.name),
        copyTextArray(c.phones),
        copyNullable(c.orgId),
        c.lang,
        c.vip ? 't' : 'f',
        '',
        copyText(tsvectorLiteral(searchTokens([c.name, ...c.emails, ...c.phones, '']))),
        t,
        t,
      ]),
    );
    await copy(
      'contact_emails',
      ['contact_id', 'email', 'position'],
      world.contacts.flatMap((c) => c.emails.map((e, i) => [c.id, e, String(i)])),
    );
    await copy(
      'products',
      ['id', 'name', 'code', 'description', 'active', 'created_at', 'updated_at'],
      world.products.map((p) => [p.id, copyText(p.name), p.code, '', 't', t, t]),
    );
    await client.query('COMMIT');
  });
  return rows;
}

// Search text checks.

interface Collected {
  rows: string[][];
}

function collector(): RowSink & Collected {
  const rows: string[][] = [];
  return { rows, add: (values) => void rows.push(values) };
}

function uncopy(value: string): string {
  return value.replace(/\\(.)/g, (_m, ch: string) =>
    ch === 'n' ? '\n' : ch === 'r' ? '\r' : ch === 't' ? '\t' : ch,
  );
}

/** Counts documents whose stored/composed vector differs from to_tsvector('simple', doc). */
async function countVectorMismatches(pool: pg.Pool, vectors: string[], docs: string[]): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM unnest($1::text[], $2::text[]) AS u(v, doc)
      WHERE u.v::tsvector IS DISTINCT FROM to_tsvector('simple', u.doc)`,
    [vectors, docs],
  );
  return rows[0]?.n ?? -1;
}

/**
 * Before the load: writes sample tickets in memory and checks (1) the composed token lists equal
 * searchDocument's, else switches to calling searchDocument for every document; (2) the tsvector
 * literals equal PostgreSQL's to_tsvector, else stops (the load would store wrong vectors).
 */
async function verifySearchText(
  pool: pg.Pool,
  world: World,
  facts: PicklistFacts,
  now: number,
  seed: number,
  log: (line: string) => void,
): Promise<'composed' | 'exact'> {
  const sinks = { tickets: collector(), messages: collector(), events: collector() };
  const writer = new TicketWriter(new Rng(seed ^ 0x5eed), world, facts, now, 600);
  for (let i = 0; i < 600; i++) writer.write(i, sinks);
  const ti = (c: string) => TICKET_COLUMNS.indexOf(c as (typeof TICKET_COLUMNS)[number]);
  const mi = (c: string) => MESSAGE_COLUMNS.indexOf(c as (typeof MESSAGE_COLUMNS)[number]);
  const docs: string[] = [];
  const vectors: string[] = [];
  let composedDiffers = 0;
  for (const r of sinks.tickets.rows) {
    const doc = searchDocument(
      uncopy(r[ti('number')]!),
      uncopy(r[ti('subject')]!),
      uncopy(r[ti('description')]!),
    );
    const vector = uncopy(r[ti('search_vector')]!);
    if (vector !== tsvectorLiteral(doc === '' ? [] : doc.split(' '))) composedDiffers++;
    docs.push(doc);
    vectors.push(vector);
  }
  for (const r of sinks.messages.rows) {
    const doc = searchDocument(uncopy(r[mi('body')]!));
    const vector = uncopy(r[mi('search_vector')]!);
    if (vector !== tsvectorLiteral(doc === '' ? [] : doc.split(' '))) composedDiffers++;
    docs.push(doc);
    vectors.push(vector);
  }
  for (const c of world.contacts.slice(0, 300)) {
    docs.push(searchDocument(c.name, ...c.emails, ...c.phones, ''));
    vectors.push(tsvectorLiteral(searchTokens([c.name, ...c.emails, ...c.phones, ''])));
  }
  for (const o of world.orgs.slice(0, 300)) {
    docs.push(searchDocument(o.name, o.domain, ''));
    vectors.push(tsvectorLiteral(searchTokens([o.name, o.domain, ''])));
  }
  // The literal against PostgreSQL, from the exact documents.
  const exactVectors = docs.map((d) => tsvectorLiteral(d === '' ? [] : d.split(' ')));
  const literalMismatches = await countVectorMismatches(pool, exactVectors, docs);
  if (literalMismatches !== 0) {
    throw new Error(
      `${literalMismatches} of ${docs.length} tsvector literals differ from to_tsvector('simple', …)`,
    );
  }
  if (composedDiffers > 0) {
    log(
      `  search text: ${composedDiffers} composed documents differ from searchDocument; using searchDocument for all`,
    );
    useExactSearchText();
    return 'exact';
  }
  log(`  search text: ${docs.length} sample documents match to_tsvector('simple', searchDocument(…))`);
  return 'composed';
}

/** After the load: recomputes a sample of stored vectors the way the app does and compares. */
async function verifyStoredVectors(pool: pg.Pool): Promise<string> {
  const tickets = await pool.query<{ id: string; number: string; subject: string; description: string }>(
    'SELECT id, number, subject, description FROM tickets TABLESAMPLE SYSTEM (1) LIMIT 2000',
  );
  const messages = await pool.query<{ id: string; body: string }>(
    'SELECT id, body FROM ticket_messages TABLESAMPLE SYSTEM (1) LIMIT 2000',
  );
  const contacts = await pool.query<{
    id: string;
    name: string;
    phones: string[];
    notes: string;
    emails: string[];
  }>(
    `SELECT c.id, c.name, c.phones, c.notes,
            array(SELECT e.email FROM contact_emails e WHERE e.contact_id = c.id ORDER BY e.position) AS emails
       FROM contacts c LIMIT 1000`,
  );
  const check = async (table: string, ids: string[], docs: string[]) => {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM unnest($1::uuid[], $2::text[]) AS u(id, doc) JOIN ${table} t ON t.id = u.id
        WHERE t.search_vector IS DISTINCT FROM to_tsvector('simple', u.doc)`,
      [ids, docs],
    );
    const n = rows[0]?.n ?? -1;
    if (n !== 0)
      throw new Error(
        `${n} of ${ids.length} sampled ${table} rows have a search_vector the app would not write`,
      );
    return ids.length;
  };
  const checked = [
    await check(
      'tickets',
      tickets.rows.map((r) => r.id),
      tickets.rows.map((r) => searchDocument(r.number, r.subject, r.description)),
    ),
    await check(
      'ticket_messages',
      messages.rows.map((r) => r.id),
      messages.rows.map((r) => searchDocument(r.body)),
    ),
    await check(
      'contacts',
      contacts.rows.map((r) => r.id),
      contacts.rows.map((r) => searchDocument(r.name, ...r.emails, ...r.phones, r.notes)),
    ),
  ];
  return `${checked.reduce((a, b) => a + b, 0)} sampled rows match`;
}

// Indexes and constraints of the big tables.

interface SetAside {
  foreignKeys: Array<{ table: string; name: string; def: string }>;
  keys: Array<{ table: string; name: string; kind: 'PRIMARY KEY' | 'UNIQUE'; indexDef: string }>;
  indexes: Array<{ table: string; name: string; def: string }>;
}

async function setAsideIndexes(pool: pg.Pool): Promise<SetAside> {
  const tables = [...BIG_TABLES];
  const fks = await pool.query<{ tbl: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint
      WHERE contype = 'f' AND (conrelid = ANY($1::regclass[]) OR confrelid = ANY($1::regclass[]))
      ORDER BY conrelid::regclass::text, conname`,
    [tables],
  );
  const keys = await pool.query<{ tbl: string; name: string; contype: string; def: string }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, contype::text AS contype, pg_get_indexdef(conindid) AS def
       FROM pg_constraint
      WHERE contype IN ('p', 'u') AND conrelid = ANY($1::regclass[])`,
    [tables],
  );
  const indexes = await pool.query<{ tbl: string; name: string; def: string }>(
    `SELECT i.indrelid::regclass::text AS tbl, c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = ANY($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))`,
    [tables],
  );
  const saved: SetAside = {
    foreignKeys: fks.rows.map((r) => ({ table: r.tbl, name: r.name, def: r.def })),
    keys: keys.rows.map((r) => ({
      table: r.tbl,
      name: r.name,
      kind: r.contype === 'p' ? 'PRIMARY KEY' : 'UNIQUE',
      indexDef: r.def,
    })),
    indexes: indexes.rows.map((r) => ({ table: r.tbl, name: r.name, def: r.def })),
  };
  await withClient(pool, async (client) => {
    await client.query('BEGIN');
    for (const fk of saved.foreignKeys)
      await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${q(fk.name)}`);
    for (const k of saved.keys) await client.query(`ALTER TABLE ${k.table} DROP CONSTRAINT ${q(k.name)}`);
    for (const i of saved.indexes) await client.query(`DROP INDEX ${q(i.name)}`);
    await client.query('COMMIT');
  });
  return saved;
}

const TABLE_WEIGHT: Record<string, number> = { ticket_messages: 3, ticket_events: 2, tickets: 1 };

async function restoreIndexes(
  pool: pg.Pool,
  saved: SetAside,
  jobs: number,
  log: (line: string) => void,
): Promise<void> {
  const builds = [
    ...saved.keys.map((k) => ({ table: k.table, name: k.name, def: k.indexDef })),
    ...saved.indexes,
  ].sort((a, b) => {
    // The longest builds first (GIN on the big tables), so the last ones do not run alone.
    const cost = (x: { table: string; def: string }) =>
      (TABLE_WEIGHT[x.table] ?? 0) * (x.def.includes('USING gin') ? 10 : 1);
    return cost(b) - cost(a);
  });
  await inParallel(
    builds.map((b) => async () => {
      const started = performance.now();
      await withClient(pool, async (client) => {
        await client.query('SET max_parallel_maintenance_workers = 0');
        await client.query(b.def);
      });
      log(`    ${b.name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }),
    jobs,
  );
  for (const k of saved.keys) {
    await pool.query(`ALTER TABLE ${k.table} ADD CONSTRAINT ${q(k.name)} ${k.kind} USING INDEX ${q(k.name)}`);
  }
}

async function restoreForeignKeys(pool: pg.Pool, saved: SetAside, jobs: number): Promise<void> {
  // NOT VALID first (instant), then VALIDATE: validations of different tables run side by side.
  for (const fk of saved.foreignKeys) {
    await pool.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${q(fk.name)} ${fk.def} NOT VALID`);
  }
  const byTable = new Map<string, string[]>();
  for (const fk of saved.foreignKeys) byTable.set(fk.table, [...(byTable.get(fk.table) ?? []), fk.name]);
  await inParallel(
    [...byTable].map(([table, names]) => async () => {
      for (const name of names) await pool.query(`ALTER TABLE ${table} VALIDATE CONSTRAINT ${q(name)}`);
    }),
    jobs,
  );
}

// The load.

async function loadTickets(
  pool: pg.Pool,
  writer: TicketWriter,
  total: number,
  freeze: boolean,
  log: (line: string) => void,
): Promise<Record<string, number>> {
  const clients = await Promise.all(BIG_TABLES.map(() => pool.connect()));
  try {
    const open = async (client: pg.PoolClient, table: string, columns: readonly string[]) => {
      if (freeze) {
        await client.query('BEGIN');
        await client.query(`TRUNCATE ${table}`);
      }
      return new CopySink(client, table, columns, { freeze });
    };
    const sinks = {
      tickets: await open(clients[0]!, 'tickets', TICKET_COLUMNS),
      messages: await open(clients[1]!, 'ticket_messages', MESSAGE_COLUMNS),
      events: await open(clients[2]!, 'ticket_events', EVENT_COLUMNS),
    };
    const started = performance.now();
    const step = Math.max(1, Math.floor(total / 10));
    for (let i = 0; i < total; i++) {
      writer.write(i, sinks);
      if ((i & 127) === 127) {
        await sinks.tickets.ready();
        await sinks.messages.ready();
        await sinks.events.ready();
      }
      if ((i + 1) % step === 0 && i + 1 < total) {
        const s = (performance.now() - started) / 1000;
        log(`    ${i + 1} tickets, ${s.toFixed(0)} s (${Math.round((i + 1) / s)} tickets/s)`);
      }
    }
    const rows = {
      tickets: await sinks.tickets.end(),
      ticket_messages: await sinks.messages.end(),
      ticket_events: await sinks.events.end(),
    };
    if (freeze) await Promise.all(clients.map((c) => c.query('COMMIT')));
    return rows;
  } finally {
    for (const c of clients) c.release();
  }
}

export async function seedDatabase(
  url: string,
  facts: PicklistFacts,
  opts: SeedOptions,
): Promise<SeedResult> {
  const pool = new pg.Pool({ connectionString: url, max: Math.max(4, opts.jobs + 1) });
  pool.on('error', () => {});
  const seconds: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    opts.log(`  ${name}…`);
    const result = await fn();
    seconds[name] = (performance.now() - started) / 1000;
    opts.log(`  ${name}: ${seconds[name].toFixed(1)} s`);
    return result;
  };
  try {
    const marker = await benchSeedMarker(pool);
    if (marker) {
      if (marker.tickets !== opts.tickets) {
        throw new Error(
          `the database holds a bench seed of ${marker.tickets} tickets, not ${opts.tickets}; use another folder`,
        );
      }
      opts.log(`  reusing the seeded database (${marker.tickets} tickets)`);
      return { reused: true, seconds, rows: {}, searchText: 'composed' };
    }
    const existing = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM (SELECT 1 FROM tickets LIMIT 1) t',
    );
    if ((existing.rows[0]?.n ?? 0) > 0)
      throw new Error('the database already has tickets; the benchmark needs an empty one');

    const startedAll = performance.now();
    const now = Date.now();
    const rng = new Rng(opts.seed);
    const world = buildWorld(rng, {
      agents: 500,
      groups: 50,
      departments: 20,
      organizations: 3000,
      contacts: 20_000,
      products: 50,
    });
    const rows = await timed('directory and customers', () => seedWorld(pool, world, now));
    const searchText = await timed('search text check', () =>
      verifySearchText(pool, world, facts, now, opts.seed, opts.log),
    );
    const dropping = opts.mode === 'drop-indexes';
    const saved = dropping ? await timed('set indexes aside', () => setAsideIndexes(pool)) : null;
    const writer = new TicketWriter(rng, world, facts, now, opts.tickets);
    Object.assign(
      rows,
      await timed('COPY tickets, messages, events', () =>
        loadTickets(pool, writer, opts.tickets, dropping, opts.log),
      ),
    );
    if (saved) {
      await timed('build indexes', () => restoreIndexes(pool, saved, opts.jobs, opts.log));
      await timed('foreign keys', () => restoreForeignKeys(pool, saved, opts.jobs));
    }
    await pool.query(`SELECT setval('ticket_seq', (SELECT max(seq) FROM tickets))`);
    await pool.query(
      `SELECT setval(pg_get_serial_sequence('ticket_events', 'id'), (SELECT max(id) FROM ticket_events))`,
    );
    await timed('vacuum analyze', async () => {
      await inParallel(
        BIG_TABLES.map((t) => async () => void (await pool.query(`VACUUM (ANALYZE) ${t}`))),
        opts.jobs,
      );
      await pool.query('VACUUM (ANALYZE)');
    });
    const verified = await timed('stored vector check', () => verifyStoredVectors(pool));
    opts.log(`  ${verified}`);
    await pool.query(
      'CREATE TABLE bench_seed (tickets integer NOT NULL, seed integer NOT NULL, seeded_at timestamptz NOT NULL)',
    );
    await pool.query('INSERT INTO bench_seed VALUES ($1, $2, now())', [opts.tickets, opts.seed]);
    seconds.total = (performance.now() - startedAll) / 1000;
    return { reused: false, seconds, rows, searchText };
  } finally {
    await pool.end();
  }
}
