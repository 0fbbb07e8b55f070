// A contact's language is named in the agent's interface language (Intl.DisplayNames), not in English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, startCaseway } from '../harness.ts';

describe('language names', () => {
  let cw: Caseway;
  beforeAll(async () => {
    cw = await startCaseway();
  });
  afterAll(async () => cw?.close());

  it('names the contact’s language in French on the ticket page, the contacts list and the contact page', async () => {
    const contact = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/contacts', {
      name: 'Pat Taylor',
      emails: ['pat@taylor.example'],
      language: 'en',
    });
    const ticket = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Imprimante bloquée',
      contactId: contact.id,
    });
    const agent = await cw.newAgent({ name: 'Élodie Martin', language: 'fr' });
    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    const panel = page.getByRole('region', { name: 'Client' });
    await panel.getByText('Pat Taylor').first().waitFor();
    await panel.getByText('Anglais', { exact: true }).waitFor();
    expect(await panel.getByText('English').count()).toBe(0);

    await page.goto(`${cw.url}/contacts`);
    const row = page.getByRole('row', { name: /Pat Taylor/ });
    await row.getByText('Anglais', { exact: true }).waitFor();

    await page.goto(`${cw.url}/contacts/${contact.id}`);
    expect(await page.getByRole('textbox', { name: 'Langue' }).inputValue()).toBe('Anglais');
    await page.getByRole('textbox', { name: 'Langue' }).click();
    await page.getByRole('option', { name: 'Chinois simplifié' }).waitFor();
    await context.close();
  });
});
