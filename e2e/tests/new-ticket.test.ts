import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, type E2eAgent, startCaseway } from '../harness.ts';

interface Created {
  id: string;
}
interface TicketDto {
  id: string;
  subject: string;
  channel: string;
  contactId: string | null;
  organizationId: string | null;
  custom: Record<string, unknown>;
}

describe('creating a ticket by hand with the customer beside the form', () => {
  let cw: Caseway;
  let agent: E2eAgent;
  beforeAll(async () => {
    cw = await startCaseway();
    agent = await cw.newAgent({ name: 'Pat Phone' });
  });
  afterAll(async () => cw?.close());

  it('creates a ticket by phone for a new contact made inline, and lands on the ticket', async () => {
    const globex = await cw.api<Created>(cw.admin, 'POST', '/api/v1/organizations', {
      name: 'Globex',
      tier: 'vip',
      emailDomains: ['globex.example'],
    });
    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/tickets/new`);
    await page.getByRole('heading', { name: 'New ticket' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Phone' }).isChecked()).toBe(true);

    await page.getByRole('searchbox', { name: 'Customer' }).fill('nora@globex.example');
    const panel = page.getByRole('complementary', { name: 'Customer' });
    await panel.getByText('Matches for “nora@globex.example”').waitFor();
    await page.getByRole('button', { name: 'New contact' }).click();
    const newContact = page.getByRole('group', { name: 'New contact' });
    await newContact.getByLabel('Name').fill('Nora Newcaller');
    expect(await newContact.getByLabel('Email').inputValue()).toBe('nora@globex.example');
    await newContact.getByLabel('Phone').fill('+1 555 0100');
    await newContact.getByRole('button', { name: 'Create contact' }).click();

    // The new contact is chosen; the server linked the organization of the email's domain.
    await panel.getByRole('heading', { name: 'Nora Newcaller' }).waitFor();
    await panel.getByRole('heading', { name: 'Globex' }).waitFor();
    await panel.getByText('VIP', { exact: true }).first().waitFor();
    await panel.getByText('No tickets yet.').first().waitFor();

    await page.getByLabel('Subject').fill('Cannot sign in to the portal');
    await page
      .getByLabel('Description')
      .fill('Calls from the office; the password reset mail never arrives.');
    await cw.screenshot(page, 'new-ticket-form');
    await page.keyboard.press('Control+Enter');

    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Cannot sign in to the portal' }).waitFor();
    const ticketId = page.url().split('/').pop()!;
    const ticket = await cw.api<TicketDto>(agent, 'GET', `/api/v1/tickets/${ticketId}`);
    expect(ticket.channel).toBe('phone');
    expect(ticket.organizationId).toBe(globex.id);
    const contacts = await cw.api<{ items: Array<{ id: string; name: string; phones: string[] }> }>(
      agent,
      'GET',
      '/api/v1/contacts?q=Nora',
    );
    expect(contacts.items.map((c) => c.name)).toEqual(['Nora Newcaller']);
    expect(ticket.contactId).toBe(contacts.items[0]!.id);
    await context.close();
  });

  it('shows a looked-up contact with their latest tickets beside the form, and records the chosen channel', async () => {
    const grace = await cw.api<Created>(cw.admin, 'POST', '/api/v1/contacts', {
      name: 'Grace Hopper',
      emails: ['grace@navy.example'],
      phones: ['+1 202 555 0199'],
      vip: true,
      language: 'fr',
    });
    for (const subject of ['Compiler crashes on COBOL input', 'Moth found in relay 70']) {
      await cw.api(cw.admin, 'POST', '/api/v1/tickets', { subject, contactId: grace.id });
    }
    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/tickets/new`);
    await page.getByRole('searchbox', { name: 'Customer' }).fill('grace@navy.example');
    const panel = page.getByRole('complementary', { name: 'Customer' });
    await panel.getByRole('button', { name: 'Choose Grace Hopper' }).waitFor();
    await cw.screenshot(page, 'new-ticket-matches');
    await panel.getByRole('button', { name: 'Choose Grace Hopper' }).click();

    await panel.getByRole('heading', { name: 'Grace Hopper' }).waitFor();
    await panel.getByText('Language: French').waitFor();
    await panel.getByText('+1 202 555 0199').waitFor();
    await panel.getByRole('link', { name: 'Compiler crashes on COBOL input' }).waitFor();
    await panel.getByRole('link', { name: 'Moth found in relay 70' }).waitFor();
    await cw.screenshot(page, 'new-ticket-lookup');

    await page.getByText('Chat', { exact: true }).click();
    expect(await page.getByRole('radio', { name: 'Chat' }).isChecked()).toBe(true);
    await page.getByLabel('Subject').fill('Asks for the manual');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.getByRole('heading', { name: 'Asks for the manual' }).waitFor();
    const ticket = await cw.api<TicketDto>(agent, 'GET', `/api/v1/tickets/${page.url().split('/').pop()}`);
    expect(ticket.channel).toBe('chat');
    expect(ticket.contactId).toBe(grace.id);
    await context.close();
  });

  it('in exact lookup mode says so and finds a contact only by the full address', async () => {
    await cw.api(cw.admin, 'POST', '/api/v1/contacts', {
      name: 'Ada Lovelace',
      emails: ['ada@engine.example'],
    });
    await cw.api(cw.admin, 'PUT', '/api/v1/settings/customer-lookup', { mode: 'exact' });
    try {
      const { context, page } = await cw.signedIn(agent);
      await page.goto(`${cw.url}/tickets/new`);
      await page.getByText(/Exact lookup: type a full email address/).waitFor();
      const panel = page.getByRole('complementary', { name: 'Customer' });
      await page.getByRole('searchbox', { name: 'Customer' }).fill('Ada Love');
      await panel.getByText('No contact or organization matches.').waitFor();
      await panel.getByText(/Your administrator set lookup to exact matches/).waitFor();
      await page.getByRole('searchbox', { name: 'Customer' }).fill('ada@engine.example');
      await panel.getByRole('button', { name: 'Choose Ada Lovelace' }).waitFor();
      await context.close();
    } finally {
      await cw.api(cw.admin, 'PUT', '/api/v1/settings/customer-lookup', { mode: 'fuzzy' });
    }
  });

  it('asks for the required custom fields beside them before sending', async () => {
    const field = await cw.api<Created>(cw.admin, 'POST', '/api/v1/custom-fields', {
      key: 'caseType',
      type: 'picklist',
      labels: { en: 'Case type', fr: 'Type de dossier' },
      required: true,
      options: [
        { key: 'warranty', labels: { en: 'Warranty', fr: 'Garantie' } },
        { key: 'repair', labels: { en: 'Repair', fr: 'Réparation' } },
      ],
    });
    try {
      const { context, page } = await cw.signedIn(agent);
      await page.goto(`${cw.url}/tickets/new`);
      await page.getByLabel('Subject').fill('Screen cracked');
      await page.getByRole('button', { name: 'Create ticket' }).click();
      const caseType = page.getByRole('textbox', { name: 'Case type' });
      await expect.poll(() => caseType.getAttribute('aria-invalid')).toBe('true');
      await page.getByText('Required').waitFor();
      await caseType.click();
      await page.getByRole('option', { name: 'Warranty' }).click();
      await expect.poll(() => caseType.getAttribute('aria-invalid')).toBe('false');
      await page.keyboard.press('Control+Enter');
      await page.getByRole('heading', { name: 'Screen cracked' }).waitFor();
      const ticket = await cw.api<TicketDto>(agent, 'GET', `/api/v1/tickets/${page.url().split('/').pop()}`);
      expect(ticket.custom).toEqual({ caseType: 'warranty' });
      await context.close();
    } finally {
      await cw.api(cw.admin, 'PATCH', `/api/v1/custom-fields/${field.id}`, { active: false });
    }
  });

  it('asks before creating a ticket whose typed customer was not chosen, and takes the single exact match', async () => {
    const ivy = await cw.api<Created>(cw.admin, 'POST', '/api/v1/contacts', {
      name: 'Ivy Lookup',
      emails: ['ivy@lookup.example'],
    });
    await cw.api<Created>(cw.admin, 'POST', '/api/v1/contacts', {
      name: 'Ivy Lookupson',
      emails: ['ivy.son@lookup.example'],
    });
    await cw.api(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'A rather long subject about the label printer that keeps jamming on glossy labels',
      contactId: ivy.id,
    });
    const subjects = async () =>
      (
        await cw.api<{ items: Array<{ subject: string; contactId: string | null }> }>(
          agent,
          'GET',
          '/api/v1/tickets?limit=200',
        )
      ).items.filter((t) => t.subject.startsWith('Lookup check'));
    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/tickets/new`);
    const lookup = page.getByRole('searchbox', { name: 'Customer' });
    await lookup.fill('Ivy');
    const panel = page.getByRole('complementary', { name: 'Customer' });
    const choose = panel.getByRole('button', { name: 'Choose Ivy Lookup', exact: true });
    await choose.waitFor();
    // The first match's button shows its whole word, and its latest ticket's number stays on one line.
    await panel.getByText('A rather long subject').waitFor();
    const fits = await choose.evaluate((b) => b.scrollWidth <= b.clientWidth + 1);
    expect(fits).toBe(true);
    expect(await choose.textContent()).toBe('Choose');
    const number = panel.locator('li').first().locator('.mantine-Text-root').first();
    const lines = await number.evaluate((el) =>
      Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
    );
    expect(lines).toBe(1);
    await cw.screenshot(page, 'new-ticket-choose-fits');

    // Typed "Ivy", chose nobody: Create asks, and nothing is created.
    await page.getByLabel('Subject').fill('Lookup check one');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    const ask = page.getByRole('dialog', { name: 'No customer chosen' });
    await ask.getByText('“Ivy” is typed in Customer').waitFor();
    expect(await subjects()).toEqual([]);
    await ask.getByRole('button', { name: 'Choose a customer' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(page.url()).toMatch(/\/tickets\/new$/);

    // The exact name of one contact: Create takes that contact.
    await lookup.fill('ivy lookup');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    expect(await subjects()).toEqual(
      [{ subject: 'Lookup check one', contactId: ivy.id }].map((x) => expect.objectContaining(x)),
    );
    await context.close();
  });
});
