import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { searchContacts, searchOrganizations } from './index.ts';

describe('customer lookup', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const acme = (
      await t.as(t.agent, {
        method: 'POST',
        url: '/api/v1/organizations',
        payload: { name: 'Acme Rockets', tier: 'vip', emailDomains: ['acme.example'] },
      })
    ).json();
    for (const payload of [
      {
        name: 'John Smith',
        emails: ['john.smith@acme.example'],
        phones: ['+1 555 0100 123'],
        organizationId: acme.id,
      },
      { name: 'Иван Петров', emails: ['ivan@mail.example'] },
      { name: '李小龙', emails: ['li@example.cn'] },
      { name: 'Jane Doe', emails: ['jane@elsewhere.example'] },
    ]) {
      expect((await t.as(t.agent, { method: 'POST', url: '/api/v1/contacts', payload })).statusCode).toBe(
        201,
      );
    }
  });
  afterAll(async () => t?.close());

  const setMode = (mode: string) =>
    t.as(t.admin, { method: 'PUT', url: '/api/v1/settings/customer-lookup', payload: { mode } });
  const lookup = async (q: string) => {
    const res = await t.as(t.agent, {
      method: 'GET',
      url: `/api/v1/customers/lookup?q=${encodeURIComponent(q)}`,
    });
    expect(res.statusCode).toBe(200);
    return res.json() as {
      mode: string;
      contacts: Array<{ name: string; organization: { name: string; tier: string } | null }>;
      organizations: Array<{ name: string }>;
    };
  };
  const contactNames = async (q: string) => (await lookup(q)).contacts.map((c) => c.name);

  it('is fuzzy until an administrator chooses otherwise', async () => {
    expect((await t.as(t.agent, { method: 'GET', url: '/api/v1/settings/customer-lookup' })).json()).toEqual({
      mode: 'fuzzy',
    });
    expect((await lookup('smith')).mode).toBe('fuzzy');
  });

  it('may be switched only by an administrator, to exact or fuzzy', async () => {
    expect(
      (
        await t.as(t.agent, {
          method: 'PUT',
          url: '/api/v1/settings/customer-lookup',
          payload: { mode: 'exact' },
        })
      ).statusCode,
    ).toBe(403);
    const bad = await setMode('loose');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body/mode');
    expect((await t.as(t.agent, { method: 'GET', url: '/api/v1/settings/customer-lookup' })).json()).toEqual({
      mode: 'fuzzy',
    });
  });

  it('in fuzzy mode finds misspelt and partial names in any letter case, with the organization’s name and tier', async () => {
    await setMode('fuzzy');
    const misspelt = await lookup('Jon Smth');
    expect(misspelt.contacts[0]).toMatchObject({
      name: 'John Smith',
      organization: { name: 'Acme Rockets', tier: 'vip' },
    });
    expect(await contactNames('иван')).toEqual(['Иван Петров']);
    expect(await contactNames('小龙')).toEqual(['李小龙']);
    expect(await contactNames('john.sm')).toEqual(['John Smith']);
    expect(await contactNames('555 0100')).toEqual(['John Smith']);
    expect((await lookup('rocket')).organizations.map((o) => o.name)).toEqual(['Acme Rockets']);
  });

  it('in fuzzy mode ranks the exact name above near matches', async () => {
    await t.as(t.agent, { method: 'POST', url: '/api/v1/contacts', payload: { name: 'Jane Does' } });
    expect((await contactNames('jane doe'))[0]).toBe('Jane Doe');
  });

  it('in exact mode finds a contact by the full email, phone or name but never by part of them', async () => {
    await setMode('exact');
    expect(await contactNames('John')).toEqual([]);
    expect(await contactNames('Jon Smth')).toEqual([]);
    expect(await contactNames('john.smith@acme')).toEqual([]);
    expect(await contactNames('0100')).toEqual([]);
    expect((await lookup('rocket')).organizations).toEqual([]);
    expect(await contactNames('John.Smith@ACME.example')).toEqual(['John Smith']);
    expect(await contactNames('john smith')).toEqual(['John Smith']);
    expect(await contactNames('+1 (555) 0100-123')).toEqual(['John Smith']);
    expect(await contactNames('ИВАН ПЕТРОВ')).toEqual(['Иван Петров']);
    const byAddress = await lookup('someone.new@acme.example');
    expect(byAddress.contacts).toEqual([]);
    expect(byAddress.organizations.map((o) => o.name)).toEqual(['Acme Rockets']);
    await setMode('fuzzy');
  });

  it('offers full-text search of contacts and organizations to the global search', async () => {
    expect((await searchContacts(t.database.db, 'петров', 10)).map((c) => c.name)).toEqual(['Иван Петров']);
    expect((await searchContacts(t.database.db, 'john.smith@acme', 10)).map((c) => c.name)).toEqual([
      'John Smith',
    ]);
    expect((await searchOrganizations(t.database.db, 'acme.example', 10)).map((o) => o.name)).toEqual([
      'Acme Rockets',
    ]);
    expect(await searchContacts(t.database.db, '  ', 10)).toEqual([]);

    const ivan = (await searchContacts(t.database.db, 'иван', 1))[0]!;
    await t.as(t.agent, {
      method: 'PATCH',
      url: `/api/v1/contacts/${ivan.id}`,
      payload: { name: 'Иван Сидоров' },
    });
    expect(await searchContacts(t.database.db, 'петров', 10)).toEqual([]);
    expect((await searchContacts(t.database.db, 'сидоров', 10)).map((c) => c.id)).toEqual([ivan.id]);
  });
});
