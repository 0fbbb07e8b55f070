import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { queryRows } from '../../platform/db.ts';
import { findContactByEmail, getContact, organizationForEmailDomain } from './index.ts';

describe('contacts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  const post = (payload: Record<string, unknown>) =>
    t.as(t.agent, { method: 'POST', url: '/api/v1/contacts', payload });
  const counts = async () =>
    (
      await queryRows<{ contacts: number; emails: number }>(
        t.database.db,
        sql`SELECT (SELECT count(*)::int FROM contacts) AS contacts, (SELECT count(*)::int FROM contact_emails) AS emails`,
      )
    )[0]!;

  it('are created, read, changed and deleted, with emails lower-cased in the order given', async () => {
    const created = await post({
      name: 'Mary Major',
      emails: ['Mary.Major@Example.com', 'mm@home.example'],
      phones: ['+1 (555) 010-0200'],
      language: 'fr',
      vip: true,
      notes: 'Prefers phone calls',
      custom: { shoeSize: 38 },
    });
    expect(created.statusCode).toBe(201);
    const contact = created.json();
    expect(contact).toMatchObject({
      name: 'Mary Major',
      emails: ['mary.major@example.com', 'mm@home.example'],
      phones: ['+1 (555) 010-0200'],
      organizationId: null,
      language: 'fr',
      vip: true,
      custom: { shoeSize: 38 },
      createdAt: '2026-03-02T09:00:00.000Z',
    });

    t.clock.advance(1000);
    const patched = await t.as(t.agent, {
      method: 'PATCH',
      url: `/api/v1/contacts/${contact.id}`,
      payload: { emails: ['mm@home.example', 'mary@new.example'], vip: false },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      emails: ['mm@home.example', 'mary@new.example'],
      vip: false,
      language: 'fr',
      updatedAt: '2026-03-02T09:00:01.000Z',
    });
    expect((await t.as(t.agent, { method: 'GET', url: `/api/v1/contacts/${contact.id}` })).json()).toEqual(
      patched.json(),
    );
    expect(await findContactByEmail(t.database.db, 'MARY@new.example')).toMatchObject({ id: contact.id });
    expect(await findContactByEmail(t.database.db, 'mary.major@example.com')).toBeNull();

    expect(
      (await t.as(t.agent, { method: 'DELETE', url: `/api/v1/contacts/${contact.id}` })).statusCode,
    ).toBe(403);
    expect(
      (await t.as(t.admin, { method: 'DELETE', url: `/api/v1/contacts/${contact.id}` })).statusCode,
    ).toBe(204);
    expect((await t.as(t.agent, { method: 'GET', url: `/api/v1/contacts/${contact.id}` })).statusCode).toBe(
      404,
    );
    expect(await findContactByEmail(t.database.db, 'mm@home.example')).toBeNull();
  });

  it('refuses a contact with an address another contact has, naming it, and stores neither the contact nor its other address', async () => {
    expect((await post({ name: 'First Owner', emails: ['shared@example.net'] })).statusCode).toBe(201);
    const before = await counts();
    const res = await post({ name: 'Second Owner', emails: ['second@example.net', 'Shared@Example.net'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([{ field: 'emails/1', message: 'already belongs to another contact' }]);
    expect(await counts()).toEqual(before);
    expect(await findContactByEmail(t.database.db, 'second@example.net')).toBeNull();
  });

  it('refuses to take another contact’s address on update and leaves the contact as it was', async () => {
    await post({ name: 'Keeper', emails: ['keeper@example.net'] });
    const other = (await post({ name: 'Taker', emails: ['taker@example.net'] })).json();
    const res = await t.as(t.agent, {
      method: 'PATCH',
      url: `/api/v1/contacts/${other.id}`,
      payload: { name: 'Renamed', emails: ['keeper@example.net'] },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].field).toBe('emails/0');
    expect(await getContact(t.database.db, other.id)).toMatchObject({
      name: 'Taker',
      emails: ['taker@example.net'],
    });
  });

  it('links the organization whose email domain matches when none is given', async () => {
    const org = (
      await t.as(t.agent, {
        method: 'POST',
        url: '/api/v1/organizations',
        payload: { name: 'Wayne Enterprises', emailDomains: ['wayne.example'] },
      })
    ).json();
    const linked = await post({
      name: 'Lucius Fox',
      emails: ['lucius@gmail.example', 'Lucius.Fox@WAYNE.example'],
    });
    expect(linked.json().organizationId).toBe(org.id);
    const unlinked = await post({ name: 'Alfred', emails: ['alfred@wayne.example'], organizationId: null });
    expect(unlinked.json().organizationId).toBeNull();
    expect((await organizationForEmailDomain(t.database.db, 'bruce@wayne.example'))?.id).toBe(org.id);

    const byOrg = await t.as(t.agent, { method: 'GET', url: `/api/v1/contacts?organizationId=${org.id}` });
    expect(byOrg.json().items.map((c: { name: string }) => c.name)).toEqual(['Lucius Fox']);
  });

  it('refuses an organization that does not exist', async () => {
    const res = await post({ name: 'Nobody', organizationId: '00000000-0000-4000-8000-000000000000' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('organizationId');
  });

  it('keep Chinese, Russian and French names as written', async () => {
    for (const name of ['王小明', '張美玲', 'Иван Петров', 'Émilie Lefèvre-Dupré']) {
      const res = await post({ name, language: 'zh-CN' });
      expect(res.statusCode).toBe(201);
      expect(
        (await t.as(t.agent, { method: 'GET', url: `/api/v1/contacts/${res.json().id}` })).json().name,
      ).toBe(name);
    }
  });

  it('are found in the list by part of the name, an email address or a phone number', async () => {
    await post({
      name: 'Listed Person',
      emails: ['listed.person@lists.example'],
      phones: ['+44 20 7946 0958'],
    });
    const names = async (q: string) =>
      (await t.as(t.agent, { method: 'GET', url: `/api/v1/contacts?q=${encodeURIComponent(q)}` }))
        .json()
        .items.map((c: { name: string }) => c.name);
    expect(await names('LISTED pers')).toEqual(['Listed Person']);
    expect(await names('person@lists')).toEqual(['Listed Person']);
    expect(await names('7946 0958')).toEqual(['Listed Person']);
    expect(await names('%')).toEqual([]);
  });

  it('answers 400 naming the field for an unknown field, a bad email, a bad language or a 300-character name, and writes nothing', async () => {
    const before = await counts();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'Ann', nickname: 'A' }, 'body/nickname'],
      [{ name: 'Ann', emails: ['ann@example.com', 'not-an-email'] }, 'body/emails/1'],
      [{ name: 'Ann', language: 'de' }, 'body/language'],
      [{ name: 'Ä'.repeat(300) }, 'body/name'],
      [{ name: 'Ann', emails: Array.from({ length: 51 }, (_, i) => `a${i}@example.com`) }, 'body/emails'],
      [{ name: 'Ann', phones: ['call me maybe'] }, 'phones/0'],
      [{ emails: ['ann@example.com'] }, 'body/name'],
    ];
    for (const [payload, field] of cases) {
      const res = await post(payload);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await counts()).toEqual(before);
  });

  it('cannot be deleted, nor their organization, while a ticket refers to them', async () => {
    const org = (
      await t.as(t.agent, { method: 'POST', url: '/api/v1/organizations', payload: { name: 'Ticketed Inc' } })
    ).json();
    const contact = (
      await post({ name: 'Ticket Raiser', emails: ['raiser@ticketed.example'], organizationId: org.id })
    ).json();
    const ticket = await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Broken', contactId: contact.id, organizationId: org.id },
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const res = await t.as(t.admin, { method: 'DELETE', url: `/api/v1/contacts/${contact.id}` });
    expect(res.statusCode).toBe(409);
    expect(await getContact(t.database.db, contact.id)).toMatchObject({
      emails: ['raiser@ticketed.example'],
    });
    await t.as(t.agent, {
      method: 'PATCH',
      url: `/api/v1/contacts/${contact.id}`,
      payload: { organizationId: null },
    });
    const orgRes = await t.as(t.admin, { method: 'DELETE', url: `/api/v1/organizations/${org.id}` });
    expect(orgRes.statusCode).toBe(409);
    expect(orgRes.json().detail).toContain('tickets');
  });

  it('needs a signed-in agent', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/contacts' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/contacts', payload: { name: 'Anon' } })).statusCode,
    ).toBe(401);
  });
});
