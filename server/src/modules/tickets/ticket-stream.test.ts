import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestAgent, type TestApp } from '../../../test/app.ts';

interface Listener {
  events: Array<{ ticketId: string; kinds: string[] }>;
  close(): void;
}

async function listen(base: string, who: TestAgent): Promise<Listener> {
  const events: Listener['events'] = [];
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${base}/api/v1/events`,
      { headers: { authorization: `Bearer ${who.token}` } },
      (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let at = buffer.indexOf('\n\n');
          while (at >= 0) {
            const block = buffer.slice(0, at);
            buffer = buffer.slice(at + 2);
            if (block.includes('event: ready')) resolve({ events, close: () => req.destroy() });
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (block.startsWith('event: ticket') && data) events.push(JSON.parse(data.slice(6)));
            at = buffer.indexOf('\n\n');
          }
        });
      },
    );
    req.on('error', reject);
  });
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 30));
};

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
