import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, type E2eAgent, startCaseway } from '../harness.ts';

interface Created {
  id: string;
}

describe('contacts, organizations and products in the agent console', () => {
  let cw: Caseway;
  let agent: E2eAgent;
  beforeAll(async () => {
    cw = await startCaseway();
    agent = await cw.newAgent({ name: 'Casey Customer' });
  });
  afterAll(async () => cw?.close());

  it('finds a contact in the list and opens their page with their tickets', async () => {
    const acme = await cw.api<Created>(cw.admin, 'POST', '/api/v1/organizations', {
      name: 'Acme Corporation',
      tier: 'high_value',
    });
    const linus = await cw.api<Created>(cw.admin, 'POST', '/api/v1/contacts', {
      name: 'Linus Lister',
      emails: ['linus@acme.example', 'l.lister@home.example'],
      phones: ['+44 20 7946 0018'],
      organizationId: acme.id,
      vip: true,
    });
    await cw.api(cw.admin, 'POST', '/api/v1/contacts', {
      name: 'Someone Else',
      emails: ['else@acme.example'],
    });
    const first = await cw.api<Created>(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Invoice shows the wrong address',
      contactId: linus.id,
    });
    await cw.api(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Export to CSV fails',
      contactId: linus.id,
    });

    const { context, page } = await cw.signedIn(agent);
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('heading', { name: 'Contacts' }).waitFor();
    await page.getByRole('link', { name: 'Someone Else' }).waitFor();
    await page.getByLabel('Search by name, email or phone').fill('Linus');
    await expect.poll(() => page.getByRole('link', { name: 'Someone Else' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Linus Lister' }).click();

    await page.getByRole('heading', { name: 'Linus Lister' }).waitFor();
    const tickets = page.getByRole('table', { name: 'Tickets of this contact' });
    const link = tickets.getByRole('link', { name: 'Invoice shows the wrong address' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/tickets/${first.id}`);
    await tickets.getByRole('link', { name: 'Export to CSV fails' }).waitFor();
    await page.getByRole('link', { name: 'Acme Corporation' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Linus Lister');
    await cw.screenshot(page, 'contact-page');

    // Agents edit contacts: a new phone number.
    const phones = page.getByRole('textbox', { name: 'Phone numbers' });
    await phones.fill('+44 20 7946 0999');
    await phones.press('Enter');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    const saved = await cw.api<{ phones: string[] }>(agent, 'GET', `/api/v1/contacts/${linus.id}`);
    expect(saved.phones).toEqual(['+44 20 7946 0018', '+44 20 7946 0999']);
    await context.close();
  });

  it("changes an organization's tier and lists its contacts", async () => {
    const initech = await cw.api<Created>(cw.admin, 'POST', '/api/v1/organizations', {
      name: 'Initech',
      tier: 'standard',
      emailDomains: ['initech.example'],
    });
    await cw.api(cw.admin, 'POST', '/api/v1/contacts', {
      name: 'Peter Gibbons',
      emails: ['peter@initech.example'],
    });
    await cw.api(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'TPS report cover sheet missing',
      organizationId: initech.id,
    });

    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/organizations`);
    await page.getByRole('link', { name: 'Initech' }).click();
    await page.getByRole('heading', { name: 'Initech' }).waitFor();
    await page
      .getByRole('table', { name: 'Contacts' })
      .getByRole('link', { name: 'Peter Gibbons' })
      .waitFor();
    await page.getByRole('link', { name: 'TPS report cover sheet missing' }).waitFor();

    await page.getByRole('textbox', { name: 'Tier' }).click();
    await page.getByRole('option', { name: 'VIP' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    const saved = await cw.api<{ tier: string }>(agent, 'GET', `/api/v1/organizations/${initech.id}`);
    expect(saved.tier).toBe('vip');
    // The tier badge beside the name follows.
    await page.getByText('VIP', { exact: true }).first().waitFor();
    await cw.screenshot(page, 'organization-page');
    await context.close();
  });

  it('creates a contact from the contacts list and opens their page', async () => {
    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/contacts`);
    await page.getByRole('button', { name: 'New contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'New contact' });
    await dialog.getByLabel('Name').fill('Margaret Hamilton');
    await dialog.getByLabel('Email').fill('margaret@apollo.example');
    await dialog.getByRole('button', { name: 'Create contact' }).click();
    await page.getByRole('heading', { name: 'Margaret Hamilton' }).waitFor();
    await page.getByText('No tickets yet.').waitFor();
    await context.close();
  });

  it('shows products to agents read-only and lets administrators change them', async () => {
    const product = await cw.api<Created>(cw.admin, 'POST', '/api/v1/products', {
      name: 'Widget Pro',
      code: 'WP-1',
    });
    await cw.api(cw.admin, 'POST', '/api/v1/tickets', { subject: 'Widget squeaks', productId: product.id });

    const asAgent = await cw.signedIn(agent);
    await asAgent.page.goto(`${cw.url}/products`);
    expect(await asAgent.page.getByRole('button', { name: 'New product' }).count()).toBe(0);
    await asAgent.page.getByRole('link', { name: 'Widget Pro' }).click();
    await asAgent.page.getByText('Only administrators can change products.').waitFor();
    await asAgent.page.getByRole('link', { name: 'Widget squeaks' }).waitFor();
    expect(await asAgent.page.getByRole('textbox', { name: 'Name' }).getAttribute('readonly')).not.toBeNull();
    await asAgent.context.close();

    const asAdmin = await cw.signedIn(cw.admin);
    await asAdmin.page.goto(`${cw.url}/products/${product.id}`);
    await asAdmin.page.getByLabel('Code').fill('WP-2');
    await asAdmin.page.getByRole('button', { name: 'Save' }).click();
    await asAdmin.page.getByText('Saved', { exact: true }).waitFor();
    const saved = await cw.api<{ code: string }>(cw.admin, 'GET', `/api/v1/products/${product.id}`);
    expect(saved.code).toBe('WP-2');
    await asAdmin.context.close();
  });
});
