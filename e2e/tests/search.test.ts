// The header search box suggests as the agent types (tickets, contacts, organizations, typed words
// marked), works with the keyboard, and Enter shows the results page with all three kinds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, startCaseway } from '../harness.ts';

describe('global search', () => {
  let cw: Caseway;
  let contactId: string;
  beforeAll(async () => {
    cw = await startCaseway();
    const org = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/organizations', {
      name: 'Quasar Optics',
      emailDomains: ['quasar.example'],
    });
    const contact = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/contacts', {
      name: 'Quentin Quasar',
      emails: ['quentin@quasar.example'],
      organizationId: org.id,
    });
    contactId = contact.id;
    await cw.api(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Lens fogging in the cold',
      description: 'Since Monday the new quasar lens fogs up every morning in the warehouse.',
      status: 'waiting_customer',
      contactId,
    });
  });
  afterAll(async () => cw?.close());

  it('search suggestions show a contact', async () => {
    const agent = await cw.newAgent({ name: 'Sam Searcher' });
    const { context, page } = await cw.signedIn(agent);
    await page.getByRole('heading', { name: 'All open' }).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('quasar');
    // No Enter: suggestions come as the agent types.
    const contactOption = page.getByRole('option', { name: /Quentin Quasar/ });
    await contactOption.waitFor({ timeout: 10_000 });
    expect(await contactOption.locator('mark').first().textContent()).toBe('Quasar');
    await page.getByRole('option', { name: /Quasar Optics/ }).waitFor();
    const ticketOption = page.getByRole('option', { name: /Lens fogging in the cold/ });
    await ticketOption.getByText('Waiting for customer').waitFor();
    expect(await ticketOption.locator('mark').first().textContent()).toBe('quasar');
    await cw.screenshot(page, 'search-suggestions');
    // Arrows and Enter: the second suggestion is the contact.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/contacts/${contactId}$`));

    // Enter with no suggestion picked: the results page, with all three kinds.
    await page.getByRole('textbox', { name: 'Search' }).fill('quasar');
    await page.getByRole('option', { name: /Quentin Quasar/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=quasar/);
    for (const [section, text] of [
      ['Tickets', 'Lens fogging in the cold'],
      ['Contacts', 'Quentin Quasar'],
      ['Organizations', 'Quasar Optics'],
    ] as const) {
      await page.getByRole('region', { name: section }).getByText(text).first().waitFor();
    }
    const tickets = page.getByRole('region', { name: 'Tickets' });
    await tickets.locator('.mantine-Badge-root', { hasText: 'Waiting for customer' }).waitFor();
    expect(await tickets.locator('mark').allTextContents()).toContain('quasar');
    await cw.screenshot(page, 'search-results-all-kinds');
    await context.close();
  });
});
