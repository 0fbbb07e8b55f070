// POST /api/v1/tickets with `requester: { email, name? }`: the contact is matched by address
// (case-insensitively) or created, in the ticket's transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const post = (payload: Record<string, unknown>) =>
  t.as(t.agent, { method: 'POST', url: '/api/v1/tickets', payload });
const contactsWith = async (email: string) =>
  (await t.as(t.agent, { method: 'GET', url: `/api/v1/contacts?q=${encodeURIComponent(email)}` })).json()
    .items as Array<{ id: string; name: string; emails: string[] }>;
const ticketCount = async () =>
  (await t.as(t.admin, { method: 'GET', url: '/api/v1/tickets/count' })).json().count as number;

describe('creating a ticket for a requester given by email', () => {
  it('creates the contact with the name when no contact has the address', async () => {
    const res = await post({
      subject: 'Cannot log in',
      requester: { email: 'Nina.Novak@Example.org', name: 'Nina Novak' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const contact = (
      await t.as(t.agent, { method: 'GET', url: `/api/v1/contacts/${res.json().contactId}` })
    ).json();
    expect(contact).toMatchObject({ name: 'Nina Novak', emails: ['nina.novak@example.org'] });
  });

  it('matches an existing contact whatever the case of the address, leaving its name alone', async () => {
    const existing = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { name: 'Omar Haddad', emails: ['omar@shop.example'] },
    });
    expect(existing.statusCode, existing.body).toBe(201);
    const res = await post({ subject: 'Refund', requester: { email: 'OMAR@Shop.Example', name: 'O. H.' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().contactId).toBe(existing.json().id);
    const again = await post({ subject: 'Refund, again', requester: { email: 'omar@shop.example' } });
    expect(again.json().contactId).toBe(existing.json().id);
    const found = await contactsWith('omar@shop.example');
    expect(found.map((c) => c.name)).toEqual(['Omar Haddad']);
  });

  it('names the address as the contact when no name is given', async () => {
    const res = await post({ subject: 'Hello', requester: { email: 'quiet@example.net' } });
    expect(res.statusCode, res.body).toBe(201);
    const contact = (
      await t.as(t.agent, { method: 'GET', url: `/api/v1/contacts/${res.json().contactId}` })
    ).json();
    expect(contact).toMatchObject({ name: 'quiet@example.net', emails: ['quiet@example.net'] });
  });

  it('refuses contactId and requester together, naming requester, and writes nothing', async () => {
    const before = await ticketCount();
    const other = (
      await t.as(t.agent, {
        method: 'POST',
        url: '/api/v1/contacts',
        payload: { name: 'Someone', emails: ['someone@example.com'] },
      })
    ).json();
    const res = await post({
      subject: 'Both',
      contactId: other.id,
      requester: { email: 'both@example.com' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0].field).toBe('requester');
    expect(await contactsWith('both@example.com')).toEqual([]);
    expect(await ticketCount()).toBe(before);
  });

  it('refuses a malformed address or unknown requester fields, naming them', async () => {
    const bad = await post({ subject: 'x', requester: { email: 'not an address' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body/requester/email');
    const extra = await post({ subject: 'x', requester: { email: 'a@example.com', phone: '1' } });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].field).toBe('body/requester/phone');
  });

  it('creates the contact and the ticket together: a refused ticket leaves no new contact', async () => {
    const before = await ticketCount();
    const res = await post({
      subject: 'Wrong priority',
      priority: 'ultra',
      requester: { email: 'rolled.back@example.com', name: 'Rolled Back' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('priority');
    expect(await contactsWith('rolled.back@example.com')).toEqual([]);
    expect(await ticketCount()).toBe(before);
  });

  it('gives concurrent tickets from one new address one contact', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) => post({ subject: `Burst ${i}`, requester: { email: 'burst@example.com' } })),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    expect(new Set(results.map((r) => r.json().contactId)).size).toBe(1);
    expect(await contactsWith('burst@example.com')).toHaveLength(1);
  });
});
