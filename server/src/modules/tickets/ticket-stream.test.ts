import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { listenToTickets as listen, until } from '../../../test/event-stream.ts';

describe('live ticket events', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => t?.close());

  it('pushes a new ticket and its changes to signed-in agents, but a voided one only to administrators', async () => {
    const agentStream = await listen(base, t.agent);
    const adminStream = await listen(base, t.admin);
    const ticket = (
      await t.as(t.admin, { method: 'POST', url: '/api/v1/tickets', payload: { subject: 'Live one' } })
    ).json();
    await until(() => agentStream.events.length > 0);
    expect(agentStream.events[0]).toMatchObject({ ticketId: ticket.id, kinds: ['created'] });
    await t.as(t.admin, { method: 'POST', url: `/api/v1/tickets/${ticket.id}/void` });
    await until(() => adminStream.events.length > 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(adminStream.events.map((e) => e.kinds[0])).toEqual(['created', 'voided']);
    expect(agentStream.events.map((e) => e.kinds[0])).toEqual(['created']);
    agentStream.close();
    adminStream.close();
  });

  it('refuses the stream without sign-in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/events' });
    expect(res.statusCode).toBe(401);
  });
});
