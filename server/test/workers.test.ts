import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/platform/db.ts';
import { createOutboxWorker, enqueue } from '../src/platform/outbox.ts';
import { MAINTENANCE_TOPIC, outboxHandlers } from '../src/workers.ts';
import { createTestApp, type TestApp } from './app.ts';

describe('background work', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('runs daily maintenance: expired sessions go, and the next run is scheduled a day later', async () => {
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/session',
      payload: { email: t.agent.email, password: t.agent.password },
    });
    expect(signIn.statusCode).toBe(200);
    t.clock.advance(13 * 3600_000);
    expect(await t.runMaintenance()).toBe(1);
    const [sessions] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM sessions`,
    );
    expect(sessions?.n).toBe(0);
    const next = await queryRows<{ at: Date }>(
      t.database.db,
      sql`SELECT available_at AS at FROM outbox WHERE topic = ${MAINTENANCE_TOPIC} AND status = 'pending'`,
    );
    expect(next).toHaveLength(1);
    expect(new Date(next[0]!.at).getTime() - t.clock.now().getTime()).toBe(24 * 3600_000);
  });

  it('shows administrators a job that failed for good, and runs it again on request', async () => {
    await enqueue(t.database.db, t.clock, { topic: 'no.such.handler', payload: { n: 1 }, maxAttempts: 1 });
    const worker = createOutboxWorker({
      database: t.database,
      clock: t.clock,
      ...outboxHandlers(t.services, t.blobs),
    });
    await worker.runOnce();
    expect((await t.as(t.agent, { method: 'GET', url: '/api/v1/admin/jobs/failed' })).statusCode).toBe(403);
    const failed = (await t.as(t.admin, { method: 'GET', url: '/api/v1/admin/jobs/failed' })).json().items;
    const job = failed.find((j: { topic: string }) => j.topic === 'no.such.handler');
    expect(job.lastError).toMatch(/handler/i);
    expect(
      (await t.as(t.admin, { method: 'POST', url: `/api/v1/admin/jobs/${job.id}/retry` })).statusCode,
    ).toBe(204);
    expect(
      (await t.as(t.admin, { method: 'POST', url: `/api/v1/admin/jobs/${job.id}/retry` })).statusCode,
    ).toBe(404);
  });
});
