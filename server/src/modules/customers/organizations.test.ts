import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { queryRows } from '../../platform/db.ts';

describe('organizations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  const post = (payload: Record<string, unknown>) =>
    t.as(t.agent, { method: 'POST', url: '/api/v1/organizations', payload });
  const count = async () =>
    (await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM organizations`))[0]!.n;

  it('are created, read, changed and deleted, with lower-cased domains and ISO times', async () => {
    const created = await post({
      name: '  Globex Corporation ',
      tier: 'vip',
      emailDomains: ['Globex.COM', '@globex.co.uk', 'globex.com'],
      accountManagerId: t.agent.id,
      phone: '+1 555 0100',
      website: 'https://globex.example',
      notes: 'Pays on time',
      custom: { region: 'EMEA', seats: 40 },
    });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    expect(org).toMatchObject({
      name: 'Globex Corporation',
      tier: 'vip',
      emailDomains: ['globex.com', 'globex.co.uk'],
      accountManagerId: t.agent.id,
      custom: { region: 'EMEA', seats: 40 },
      createdAt: '2026-03-02T09:00:00.000Z',
    });

    t.clock.advance(60_000);
    const patched = await t.as(t.agent, {
      method: 'PATCH',
      url: `/api/v1/organizations/${org.id}`,
      payload: { tier: 'standard', phone: null },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      tier: 'standard',
      phone: null,
      name: 'Globex Corporation',
      updatedAt: '2026-03-02T09:01:00.000Z',
    });

    const got = await t.as(t.agent, { method: 'GET', url: `/api/v1/organizations/${org.id}` });
    expect(got.json()).toEqual(patched.json());

    expect(
      (await t.as(t.agent, { method: 'DELETE', url: `/api/v1/organizations/${org.id}` })).statusCode,
    ).toBe(403);
    expect(
      (await t.as(t.admin, { method: 'DELETE', url: `/api/v1/organizations/${org.id}` })).statusCode,
    ).toBe(204);
    expect((await t.as(t.agent, { method: 'GET', url: `/api/v1/organizations/${org.id}` })).statusCode).toBe(
      404,
    );
  });

  it('refuses an email domain another organization has, naming the field, and stores nothing', async () => {
    expect((await post({ name: 'Initech', emailDomains: ['initech.com'] })).statusCode).toBe(201);
    const before = await count();
    const res = await post({ name: 'Initrode', emailDomains: ['initrode.com', 'INITECH.com'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([
      { field: 'emailDomains/1', message: expect.stringContaining('Initech') },
    ]);
    expect(await count()).toBe(before);
  });

  it('refuses a second organization with the same name in other letter case', async () => {
    expect((await post({ name: 'Umbrella' })).statusCode).toBe(201);
    const res = await post({ name: 'UMBRELLA' });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].field).toBe('name');
  });

  it('refuses an account manager who is not an agent', async () => {
    const res = await post({ name: 'Hooli', accountManagerId: '00000000-0000-4000-8000-000000000000' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('accountManagerId');
  });

  it('answers 400 naming the field for an unknown field, a tier not in the list, a 300-character name or a bad domain, and writes nothing', async () => {
    const before = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'Acme', colour: 'red' }, 'body/colour'],
      [{ name: 'Acme', tier: 'gold' }, 'body/tier'],
      [{ name: 'x'.repeat(300) }, 'body/name'],
      [{ name: 'Acme', emailDomains: ['not a domain'] }, 'emailDomains/0'],
    ];
    for (const [payload, field] of cases) {
      const res = await post(payload);
      expect(res.statusCode, field).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await count()).toBe(before);
  });

  it('refuses to delete an organization that still has contacts', async () => {
    const org = (await post({ name: 'Soylent' })).json();
    await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { name: 'Sol Roth', organizationId: org.id },
    });
    const res = await t.as(t.admin, { method: 'DELETE', url: `/api/v1/organizations/${org.id}` });
    expect(res.statusCode).toBe(409);
    expect((await t.as(t.agent, { method: 'GET', url: `/api/v1/organizations/${org.id}` })).statusCode).toBe(
      200,
    );
  });

  it('lists by name a page at a time and finds them by part of the name or by email domain', async () => {
    for (const name of ['Page Delta', 'page alpha', 'Page Charlie', 'Page Bravo']) {
      await post({ name, emailDomains: [`${name.toLowerCase().replace(' ', '-')}.example.org`] });
    }
    const first = await t.as(t.agent, { method: 'GET', url: '/api/v1/organizations?q=PAGE&limit=3' });
    expect(first.json().items.map((o: { name: string }) => o.name)).toEqual([
      'page alpha',
      'Page Bravo',
      'Page Charlie',
    ]);
    const cursor = first.json().nextCursor as string;
    const second = await t.as(t.agent, {
      method: 'GET',
      url: `/api/v1/organizations?q=page&limit=3&cursor=${cursor}`,
    });
    expect(second.json()).toEqual({
      items: [expect.objectContaining({ name: 'Page Delta' })],
      nextCursor: null,
    });

    const byDomain = await t.as(t.agent, {
      method: 'GET',
      url: '/api/v1/organizations?q=page-bravo.example',
    });
    expect(byDomain.json().items.map((o: { name: string }) => o.name)).toEqual(['Page Bravo']);
    const byAddress = await t.as(t.agent, {
      method: 'GET',
      url: `/api/v1/organizations?q=${encodeURIComponent('ceo@page-delta.example.org')}`,
    });
    expect(byAddress.json().items.map((o: { name: string }) => o.name)).toEqual(['Page Delta']);

    const bad = await t.as(t.agent, { method: 'GET', url: '/api/v1/organizations?cursor=garbage' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('cursor');
  });

  it('keep Chinese, Russian and French names as written', async () => {
    for (const name of ['北京科技有限公司', 'ООО «Ромашка»', 'Société Générale']) {
      const res = await post({ name });
      expect(res.statusCode).toBe(201);
      expect(
        (await t.as(t.agent, { method: 'GET', url: `/api/v1/organizations/${res.json().id}` })).json().name,
      ).toBe(name);
    }
  });
});
