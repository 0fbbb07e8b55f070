// The after-commit seam (DESIGN ideas 3 and 4): a ticket command's statement adds one outbox job
// per after-commit subscriber that wants its events; workers deliver them after commit, at least
// once, in order per ticket, shared between workers, retried with backoff.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { queryRows } from '../../platform/db.ts';
import { createOutboxWorker } from '../../platform/outbox.ts';
import { outboxHandlers } from '../../workers.ts';
import { announcesJobs } from './after-commit.ts';
import type { AfterCommitSubscriber, TicketEventRow } from './command-core.ts';
import { TICKET_EVENTS_CHANNEL } from './command-core.ts';

let t: TestApp;
/** What the recording subscriber was handed: per call, the ticket and the kinds, in order. */
const delivered: Array<{ ticketId: string; kinds: string[]; ids: number[] }> = [];
/** Tickets whose changes the subscriber cannot take (its receiver is down): it throws. */
const down = new Set<string>();

const recorder: AfterCommitSubscriber = {
  name: 'recorder',
  wants: (kinds) => kinds.some((k) => k !== 'sla_warning'),
  async handle(events: TicketEventRow[]) {
    const ticketId = events[0]!.ticketId;
    if (down.has(ticketId)) throw new Error('receiver down');
    delivered.push({ ticketId, kinds: events.map((e) => e.kind), ids: events.map((e) => e.id) });
  },
};

beforeAll(async () => {
  t = await createTestApp();
  t.services.ticketHooks.afterCommit!.push(recorder);
});
afterAll(async () => t?.close());

const create = async (subject: string) => {
  const res = await t.as(t.agent, { method: 'POST', url: '/api/v1/tickets', payload: { subject } });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; version: number };
};
const patch = async (id: string, version: number, payload: Record<string, unknown>) => {
  const res = await t.as(t.agent, {
    method: 'PATCH',
    url: `/api/v1/tickets/${id}`,
    payload: { version, ...payload },
  });
  return res;
};
const jobsFor = (ticketId: string) =>
  queryRows<{ status: string; attempts: number; payload: { eventIds: number[] } }>(
    t.database.db,
    sql`SELECT status, attempts, payload FROM outbox WHERE topic = 'ticket-events.recorder' AND ordering_key = ${ticketId} ORDER BY id`,
  );
const worker = () =>
  createOutboxWorker({ database: t.database, clock: t.clock, ...outboxHandlers(t.services, t.blobs) });

describe('after-commit subscribers', () => {
  it('get each committed change once, with its events as stored, after the command', async () => {
    const ticket = await create('After commit');
    const updated = await patch(ticket.id, 1, { priority: 'high' });
    expect(updated.statusCode).toBe(200);
    // Written by the command's own statement, not yet delivered.
    expect((await jobsFor(ticket.id)).map((j) => j.status)).toEqual(['pending', 'pending']);
    expect(delivered.filter((d) => d.ticketId === ticket.id)).toEqual([]);
    await t.runOutbox();
    const mine = delivered.filter((d) => d.ticketId === ticket.id);
    expect(mine.map((d) => d.kinds)).toEqual([['created'], ['updated']]);
    const stored = await queryRows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM ticket_events WHERE ticket_id = ${ticket.id} ORDER BY id`,
    );
    expect(mine.flatMap((d) => d.ids)).toEqual(stored.map((r) => Number(r.id)));
    // Done jobs leave no row: the events and the subscriber's effects are the record.
    expect(await jobsFor(ticket.id)).toEqual([]);
  });

  it('writes nothing for a change that fails, and nothing for a subscriber that does not want it', async () => {
    const ticket = await create('Refused change');
    const stale = await patch(ticket.id, 99, { priority: 'low' });
    expect(stale.statusCode).toBe(409);
    const invalid = await patch(ticket.id, 1, { priority: 'no-such-priority' });
    expect(invalid.statusCode).toBe(400);
    expect(await jobsFor(ticket.id)).toHaveLength(1);
    // The notifications subscriber wants SLA events only: a create gives it no job.
    const [row] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM outbox WHERE topic = 'ticket-events.notifications' AND ordering_key = ${ticket.id}`,
    );
    expect(row!.n).toBe(0);
  });

  it('retries a failed delivery with backoff and holds the ticket’s later changes until it succeeds', async () => {
    const ticket = await create('Receiver down');
    await patch(ticket.id, 1, { priority: 'high' });
    const other = await create('Other ticket');
    down.add(ticket.id);
    await t.runOutbox();
    // The other ticket is not held up; this ticket's second change waits behind its first.
    expect(delivered.filter((d) => d.ticketId === other.id).map((d) => d.kinds)).toEqual([['created']]);
    expect(delivered.filter((d) => d.ticketId === ticket.id)).toEqual([]);
    expect((await jobsFor(ticket.id)).map((j) => [j.status, j.attempts])).toEqual([
      ['pending', 1],
      ['pending', 0],
    ]);
    down.delete(ticket.id);
    t.clock.advance(60_000);
    await t.runOutbox();
    expect(delivered.filter((d) => d.ticketId === ticket.id).map((d) => d.kinds)).toEqual([
      ['created'],
      ['updated'],
    ]);
  });

  it('lists a delivery that failed on every attempt for administrators, and runs it again on request', async () => {
    const ticket = await create('Receiver gone');
    await t.database.db.execute(sql`UPDATE outbox SET max_attempts = 2 WHERE ordering_key = ${ticket.id}`);
    down.add(ticket.id);
    await t.runOutbox();
    t.clock.advance(60_000);
    await t.runOutbox();
    expect((await jobsFor(ticket.id)).map((j) => [j.status, j.attempts])).toEqual([['failed', 2]]);
    const failed = await t.as(t.admin, { method: 'GET', url: '/api/v1/admin/jobs/failed' });
    const listed = failed
      .json()
      .items.find((j: { payload: { ticketId: string } }) => j.payload.ticketId === ticket.id);
    expect(listed).toMatchObject({ topic: 'ticket-events.recorder', attempts: 2 });
    expect(listed.lastError).toContain('receiver down');
    down.delete(ticket.id);
    const retry = await t.as(t.admin, { method: 'POST', url: `/api/v1/admin/jobs/${listed.id}/retry` });
    expect(retry.statusCode).toBe(204);
    await t.runOutbox();
    expect(delivered.filter((d) => d.ticketId === ticket.id).map((d) => d.kinds)).toEqual([['created']]);
  });

  it('shares the work between two workers: every change once, each ticket in order', async () => {
    const tickets = await Promise.all(Array.from({ length: 12 }, (_, i) => create(`Shared ${i}`)));
    for (const ticket of tickets) {
      const first = await patch(ticket.id, 1, { priority: 'high' });
      await patch(ticket.id, first.json().version, { priority: 'low' });
    }
    const before = delivered.length;
    await Promise.all([worker().runOnce(), worker().runOnce()]);
    const got = delivered.slice(before);
    expect(got).toHaveLength(36);
    for (const ticket of tickets) {
      const mine = got.filter((d) => d.ticketId === ticket.id);
      expect(mine.map((d) => d.kinds)).toEqual([['created'], ['updated'], ['updated']]);
      const ids = mine.flatMap((d) => d.ids);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
  });

  it('wakes a waiting worker when a change adds jobs, without waiting for its poll', async () => {
    const running = createOutboxWorker({
      database: t.database,
      clock: t.clock,
      ...outboxHandlers(t.services, t.blobs),
      pollIntervalMs: 60_000,
      wakeOn: [{ channel: TICKET_EVENTS_CHANNEL, wakes: announcesJobs }],
    });
    running.start();
    try {
      await new Promise((r) => setTimeout(r, 200)); // the first look finds nothing; now it waits
      const ticket = await create('Wake up');
      for (let i = 0; i < 100 && !delivered.some((d) => d.ticketId === ticket.id); i++)
        await new Promise((r) => setTimeout(r, 30));
      expect(delivered.filter((d) => d.ticketId === ticket.id).map((d) => d.kinds)).toEqual([['created']]);
    } finally {
      await running.stop();
    }
  });
});
