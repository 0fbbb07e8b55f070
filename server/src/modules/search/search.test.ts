import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';

describe('the search box', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    const subjects = {
      zhCN: '打印机保修期内无法开机',
      zhTW: '印表機的保固問題',
      ru: 'Принтер не печатает после обновления',
      fr: 'Réclamation de garantie échouée',
      en: 'Warranty claim for a broken router',
    };
    for (const [lang, subject] of Object.entries(subjects)) {
      const res = await t.as(t.agent, { method: 'POST', url: '/api/v1/tickets', payload: { subject } });
      ids[lang] = res.json().id;
    }
    await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${ids.en}/messages`,
      payload: { kind: 'note', body: 'The customer mentioned the firmware xylophone bug' },
    });
    await t.as(t.agent, {
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { name: 'Иван Петров', emails: ['ivan.petrov@example.ru'] },
    });
  });
  afterAll(async () => t?.close());

  const find = async (q: string) =>
    (await t.as(t.agent, { method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}` })).json();

  it.each([
    ['保修', 'zhCN'],
    ['打印機', 'zhCN'],
    ['保固', 'zhTW'],
    ['принтер', 'ru'],
    ['ПЕЧАТ', 'ru'],
    ['reclamation', 'fr'],
    ['échoué', 'fr'],
    ['warran', 'en'],
  ])('finds "%s" in the %s ticket', async (q, lang) => {
    const result = await find(q);
    expect(result.tickets.map((x: { id: string }) => x.id)).toContain(ids[lang]);
  });

  it('finds a ticket by a word in one of its messages', async () => {
    expect((await find('xylophone')).tickets.map((x: { id: string }) => x.id)).toEqual([ids.en]);
  });

  it('finds contacts by name and email, and nothing for gibberish or query syntax', async () => {
    const result = await find('петров');
    expect(result.contacts.map((c: { name: string }) => c.name)).toEqual(['Иван Петров']);
    expect((await find('ivan.petrov@example.ru')).contacts).toHaveLength(1);
    const hostile = await find("') | !warranty & (:*");
    expect(hostile.tickets.length).toBeLessThan(5);
    expect((await find('qqqzzzxxx')).tickets).toEqual([]);
  });

  it('does not show voided tickets to agents', async () => {
    await t.as(t.admin, { method: 'POST', url: `/api/v1/tickets/${ids.fr}/void` });
    expect((await find('reclamation')).tickets).toEqual([]);
    const asAdmin = (await t.as(t.admin, { method: 'GET', url: '/api/v1/search?q=reclamation' })).json();
    expect(asAdmin.tickets.map((x: { id: string }) => x.id)).toEqual([ids.fr]);
  });

  it('answers a common word with exactly the newest visible matches, message matches included', async () => {
    const made: string[] = [];
    for (let i = 0; i < 25; i++) {
      t.clock.advance(60_000);
      const subject = i === 24 ? 'Scanner jam' : `Toner order ${i}`;
      made.push(
        (await t.as(t.agent, { method: 'POST', url: '/api/v1/tickets', payload: { subject } })).json().id,
      );
    }
    t.clock.advance(60_000);
    await t.as(t.agent, {
      method: 'POST',
      url: `/api/v1/tickets/${made[24]}/messages`,
      payload: { kind: 'note', body: 'customer also wants to order toner' },
    });
    await t.as(t.admin, { method: 'POST', url: `/api/v1/tickets/${made[23]}/void` });
    const result = (
      await t.as(t.agent, { method: 'GET', url: '/api/v1/search?q=toner&types=tickets' })
    ).json();
    const expected = [made[24], ...made.slice(4, 23).reverse()];
    expect(result.tickets.map((x: { id: string }) => x.id)).toEqual(expected);
  });
});
