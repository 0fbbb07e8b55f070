import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../src/platform/db.ts';
import { createTestDatabase } from './database.ts';

describe('a test database', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  it('is migrated, with trigram search available and ticket numbers starting at 1001', async () => {
    const rows = await queryRows<{ n: number; sim: number }>(
      database.db,
      sql`SELECT nextval('ticket_seq')::int AS n, similarity('warranty', 'warrenty')::float AS sim`,
    );
    expect(rows[0]?.n).toBe(1001);
    expect(rows[0]?.sim).toBeGreaterThan(0.3);
  });
});
