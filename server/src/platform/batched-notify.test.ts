import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database.ts';
import { notificationsSent, notifyAfterCommit } from './batched-notify.ts';
import type { Database, Db } from './db.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

/** The database, counting the statements sent through it. */
function counting(db: Db): { db: Db; statements: () => number } {
  let statements = 0;
  const proxy = new Proxy(db, {
    get(target, key, receiver) {
      if (key === 'execute')
        return (...args: Parameters<Db['execute']>) => {
          statements += 1;
          return target.execute(...args);
        };
      return Reflect.get(target, key, receiver);
    },
  });
  return { db: proxy, statements: () => statements };
}

async function received(count: number, got: string[]): Promise<void> {
  for (let i = 0; i < 100 && got.length < count; i++) await new Promise((r) => setTimeout(r, 20));
}

describe('NOTIFY after commit, batched', () => {
  it('delivers every payload in order, the ones handed over meanwhile in one statement', async () => {
    const got: string[] = [];
    const unlisten = await database.listen('batched_test', (p) => got.push(p));
    const { db, statements } = counting(database.db);
    try {
      for (let i = 0; i < 50; i++) notifyAfterCommit(db, 'batched_test', [`n${i}`]);
      await notificationsSent(db);
      await received(50, got);
      expect(got).toEqual(Array.from({ length: 50 }, (_, i) => `n${i}`));
      // The first goes at once; the 49 handed over while it was in flight go together.
      expect(statements()).toBe(2);
    } finally {
      await unlisten();
    }
  });

  it('sends nothing for nothing, and keeps going after a failed send', async () => {
    const { db, statements } = counting(database.db);
    notifyAfterCommit(db, 'batched_test', []);
    expect(statements()).toBe(0);
    const got: string[] = [];
    const unlisten = await database.listen('batched_test', (p) => got.push(p));
    try {
      // PostgreSQL refuses a payload of 8000 bytes or more: that batch is lost, the next is sent.
      notifyAfterCommit(db, 'batched_test', ['x'.repeat(9000)]);
      await notificationsSent(db);
      notifyAfterCommit(db, 'batched_test', ['after']);
      await notificationsSent(db);
      await received(1, got);
      expect(got).toEqual(['after']);
    } finally {
      await unlisten();
    }
  });
});
