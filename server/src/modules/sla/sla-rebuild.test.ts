// Tickets written without their SLA state (a seed, an import: commands run with no subscribers)
// get it from their own history: when rebuilt in bulk, when the re-computation comes across them,
// and when the next change reaches one (its earlier replies count).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { type Actor, systemActor } from '../../platform/context.ts';
import { queryRows, uuidArray } from '../../platform/db.ts';
import { actorFor } from '../directory/index.ts';
import { addMessage, createTicket, type TicketCtx, updateTicket } from '../tickets/index.ts';
import { rebuildTicketSlas } from './index.ts';
import { recomputeAll } from './sla-recompute.ts';

let t: TestApp;
let bare: TicketCtx;

beforeAll(async () => {
  t = await createTestApp({ start: '2026-03-02T09:00:00Z' });
  const actor: Actor = await actorFor(t.database.db, t.agent.id);
  // No hooks: what the demo seed and an import do.
  bare = { db: t.database.db, clock: t.clock, actor, channel: 'web' };
});
afterAll(async () => t?.close());

const slaOf = async (id: string) => {
  const res = await t.as(t.agent, { method: 'GET', url: `/api/v1/tickets/${id}/sla` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    policy: { name: string } | null;
    paused: boolean;
    clocks: Array<{ metric: string; status: string; breached: boolean; metAt: string | null }>;
  };
};
const clockOf = async (id: string, metric: string) =>
  (await slaOf(id)).clocks.find((c) => c.metric === metric);
const at = (iso: string) => t.clock.set(iso);
const customer = { kind: 'customer' as const, body: 'Still broken', authorName: 'Customer' };
const reply = (body: string) => ({ kind: 'reply' as const, body });
const notices = async (id: string) =>
  queryRows<{ kind: string }>(
    t.database.db,
    sql`SELECT kind FROM ticket_events WHERE ticket_id = ${id} AND kind LIKE 'sla_%' ORDER BY id`,
  );

describe('SLA state from a ticket’s history', () => {
  it('counts the first of earlier replies when a row-less ticket gets a reply (TT-1276: met, not met late)', async () => {
    at('2026-03-02T09:00:00Z');
    // High priority on the default policy (24×7): first response within 4 h.
    const ticket = await createTicket(bare, { subject: 'Printer offline after update', priority: 'high' });
    at('2026-03-02T10:10:00Z');
    await addMessage(bare, ticket.id, reply('Please restart the spooler.'));
    expect((await slaOf(ticket.id)).policy).toBeNull();
    // Hours later, the next reply goes through the API (with the SLA subscriber).
    at('2026-03-02T16:00:00Z');
    const res = await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${ticket.id}/messages`,
      payload: reply('Any news?'),
    });
    expect(res.statusCode, res.body).toBe(201);
    const sla = await slaOf(ticket.id);
    expect(sla.policy?.name).toBe('Default');
    expect(sla.clocks.find((c) => c.metric === 'firstResponse')).toMatchObject({
      status: 'met',
      breached: false,
      metAt: '2026-03-02T10:10:00Z',
    });
    expect(await notices(ticket.id)).toEqual([]);
  });

  it('rebuilds seeded tickets in bulk: met, breached, paused and resolved as their history says', async () => {
    at('2026-03-03T08:00:00Z');
    const met = await createTicket(bare, { subject: 'Met', priority: 'high' });
    const late = await createTicket(bare, { subject: 'Met late', priority: 'high' });
    const paused = await createTicket(bare, { subject: 'Paused', priority: 'normal' });
    const resolved = await createTicket(bare, { subject: 'Resolved', priority: 'urgent' });
    const breached = await createTicket(bare, { subject: 'Breached', priority: 'urgent' });
    at('2026-03-03T08:30:00Z');
    await addMessage(bare, met.id, reply('On it.'));
    await addMessage(bare, paused.id, reply('Which model is it?'));
    await addMessage(bare, resolved.id, reply('Looking.'));
    at('2026-03-03T08:40:00Z');
    let p = await updateTicket(bare, paused.id, { version: 2, status: 'waiting_customer' });
    at('2026-03-03T10:00:00Z');
    await addMessage({ ...bare, actor: systemActor('Customer') }, met.id, customer);
    await updateTicket(bare, resolved.id, { version: 2, status: 'resolved' });
    at('2026-03-03T13:00:00Z');
    await addMessage(bare, late.id, reply('Sorry for the wait.'));
    at('2026-03-03T14:00:00Z');
    p = await updateTicket(bare, paused.id, { version: p.version, tags: ['model-asked'] });
    const ids = [met.id, late.id, paused.id, resolved.id, breached.id];
    expect(await rebuildTicketSlas({ ...bare, actor: systemActor('SLA') }, t.services.slaConfig, ids)).toBe(
      5,
    );

    expect(await clockOf(met.id, 'firstResponse')).toMatchObject({ status: 'met', breached: false });
    // The customer wrote again at 10:00: the next response (4 h) is still running at 14:00.
    expect(await clockOf(met.id, 'nextResponse')).toMatchObject({ status: 'running' });
    expect(await clockOf(late.id, 'firstResponse')).toMatchObject({ status: 'breached', breached: true });
    expect((await slaOf(paused.id)).paused).toBe(true);
    expect(await clockOf(paused.id, 'resolution')).toMatchObject({ status: 'paused' });
    expect(await clockOf(resolved.id, 'resolution')).toMatchObject({ status: 'met', breached: false });
    expect(await clockOf(breached.id, 'firstResponse')).toMatchObject({ status: 'breached', metAt: null });
    // History is not news: no warning or breach notices for what is already past.
    for (const id of ids) expect(await notices(id)).toEqual([]);
    const [due] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM ticket_sla WHERE ticket_id = ANY(${uuidArray(ids)}) AND next_check_at <= ${new Date('2026-03-03T14:00:00Z')}`,
    );
    expect(due!.n).toBe(0);
  });

  it('gives closed tickets without a row theirs in the re-computation after a policy change', async () => {
    at('2026-03-04T08:00:00Z');
    const closed = await createTicket(bare, { subject: 'Closed before the SLA', priority: 'low' });
    at('2026-03-04T09:00:00Z');
    await addMessage(bare, closed.id, reply('Fixed in 2.1.'));
    await updateTicket(bare, closed.id, { version: 2, status: 'closed' });
    await recomputeAll(t.database.db, t.clock, t.services.slaConfig);
    expect(await clockOf(closed.id, 'firstResponse')).toMatchObject({
      status: 'met',
      metAt: '2026-03-04T09:00:00Z',
    });
    expect(await clockOf(closed.id, 'resolution')).toMatchObject({ status: 'met' });
  });
});
