import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database.ts';
import { type Database, queryRows } from '../../platform/db.ts';
import { caseInsensitivePattern } from './case-fold.ts';
import { toSql } from './condition-sql.ts';
import { evaluate } from './evaluate-condition.ts';
import { createSampleTable, insertSampleRows, type SampleRow, sampleRegistry } from './sample-fields.ts';
import type { Condition } from './types.ts';

const registry = sampleRegistry();

describe('toSql', () => {
  it('never writes a value into the SQL text', () => {
    const cond: Condition = {
      all: [
        { field: 'title', op: 'contains', value: "'; DROP TABLE x; --" },
        { field: 'status', op: 'in', value: ['open', 'pending'] },
        { field: 'custom.amount', op: 'between', value: [1234, 5678] },
        { field: 'custom.flags', op: 'has', value: 'vip' },
      ],
    };
    const query = new PgDialect().sqlToQuery(toSql(cond, registry));
    for (const text of ['DROP', 'open', 'pending', '1234', '5678', 'vip', 'amount', 'flags'])
      expect(query.sql).not.toContain(text);
    expect(query.params).toContain(caseInsensitivePattern("'; DROP TABLE x; --"));
    expect(query.params).toContain('{"open","pending"}');
  });

  describe('on the database', () => {
    let database: Database;
    const rows: SampleRow[] = [
      { id: 1, title: '100% done', custom: { caseType: 'ГАРАНТИЯ', amount: 12 } },
      { id: 2, title: '100 percent', custom: { caseType: 'гарантия' } },
      { id: 3, title: 'a_b', custom: { amount: '12' } },
      { id: 4, title: 'axb', createdAt: '2024-03-31T03:30:00+02:00' },
      { id: 5, title: 'a\\b .* [x]', createdAt: '2024-03-31T01:30:00.000001Z' },
      { id: 6, title: null, custom: { when: 'soon', due: 20240101, flags: 'vip', ref: 'nope', ok: 'true' } },
    ];
    const ids = async (cond: Condition) => {
      const found = await queryRows<{ id: number }>(
        database.db,
        sql`SELECT id FROM cond_rows t WHERE ${toSql(cond, registry)} ORDER BY id`,
      );
      const selected = found.map((r) => Number(r.id));
      expect(selected).toEqual(
        rows
          .filter((r) => evaluate(cond, r as unknown as Record<string, unknown>, registry))
          .map((r) => r.id),
      );
      return selected;
    };

    beforeAll(async () => {
      database = await createTestDatabase();
      await createSampleTable(database.db);
      await insertSampleRows(database.db, rows);
    });

    afterAll(async () => {
      await database?.close();
    });

    it('matches LIKE and regular-expression wildcards literally', async () => {
      expect(await ids({ field: 'title', op: 'contains', value: '%' })).toEqual([1]);
      expect(await ids({ field: 'title', op: 'contains', value: '_' })).toEqual([3]);
      expect(await ids({ field: 'title', op: 'contains', value: '\\' })).toEqual([5]);
      expect(await ids({ field: 'title', op: 'contains_any', value: ['.*', '[x]'] })).toEqual([5]);
      expect(await ids({ field: 'title', op: 'starts_with', value: 'a.b' })).toEqual([]);
    });

    it('ignores the case of Cyrillic text in a jsonb custom field', async () => {
      expect(await ids({ field: 'custom.caseType', op: 'eq', value: 'Гарантия' })).toEqual([1, 2]);
    });

    it('reads custom values of the wrong JSON kind as empty instead of failing', async () => {
      for (const field of [
        'custom.amount',
        'custom.when',
        'custom.due',
        'custom.flags',
        'custom.ref',
        'custom.ok',
      ]) {
        expect(await ids({ field, op: 'is_empty' })).toContain(field === 'custom.amount' ? 3 : 6);
      }
    });

    it('matches a needle of the longest allowed length', async () => {
      expect(await ids({ field: 'title', op: 'not_contains', value: 'Ж'.repeat(1000) })).toEqual([
        1, 2, 3, 4, 5, 6,
      ]);
    });

    it('compares datetimes the same whatever the session time zone', async () => {
      const cond = toSql({ field: 'createdAt', op: 'lte', value: '2024-03-30T21:30:00-04:00' }, registry);
      const found = await database.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL TIME ZONE 'Asia/Kathmandu'`);
        return queryRows<{ id: number }>(tx, sql`SELECT id FROM cond_rows t WHERE ${cond} ORDER BY id`);
      });
      expect(found.map((r) => Number(r.id))).toEqual([4]);
    });
  });
});
