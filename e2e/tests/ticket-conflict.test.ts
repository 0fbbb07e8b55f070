import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, type E2eAgent, startCaseway } from '../harness.ts';

interface Ticket {
  id: string;
  subject: string;
  priority: string;
  status: string;
  version: number;
}

describe('two agents on the same ticket (R4)', () => {
  let cw: Caseway;
  let alice: E2eAgent;
  let bob: E2eAgent;

  beforeAll(async () => {
    cw = await startCaseway();
    alice = await cw.newAgent({ name: 'Alice Agent' });
    bob = await cw.newAgent({ name: 'Bob Agent' });
  });
  afterAll(async () => cw?.close());

  it('shows the other agent’s change live, refuses a save made on the stale version with the fresh values, and lets the agent apply theirs again', async () => {
    const ticket = await cw.api<Ticket>(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Printer offline',
      description: 'The office printer does not answer.',
    });
    const first = await cw.signedIn(alice);
    const second = await cw.signedIn(bob);
    const a = first.page;
    const b = second.page;
    await a.goto(`${cw.url}/tickets/${ticket.id}`);
    await b.goto(`${cw.url}/tickets/${ticket.id}`);
    await a.getByRole('heading', { name: 'Printer offline' }).waitFor();
    await b.getByRole('heading', { name: 'Printer offline' }).waitFor();

    // Alice starts editing the subject…
    await a.getByRole('button', { name: 'Edit subject' }).click();
    await a.getByRole('textbox', { name: 'Subject' }).fill('Printer offline on floor 2');

    // …while Bob changes the priority and the subject in his own browser.
    await b.getByRole('textbox', { name: 'Priority' }).click();
    await b.getByRole('option', { name: 'Urgent' }).click();
    await b.locator('[data-priority="urgent"]').waitFor();
    await b.getByRole('button', { name: 'Edit subject' }).click();
    await b.getByRole('textbox', { name: 'Subject' }).fill('Printer offline since Monday');
    await b.getByRole('textbox', { name: 'Subject' }).press('Enter');
    await b.getByRole('heading', { name: 'Printer offline since Monday' }).waitFor();

    // Alice sees it live: the header, a calm notice saying who changed what, and her draft kept.
    await a.locator('[data-priority="urgent"]').waitFor();
    const notice = a.getByTestId('live-notice');
    await notice.getByText('Updated by Bob Agent').waitFor();
    await notice.getByText('Priority: Normal → Urgent').waitFor();
    await a
      .getByText('Changed by someone else while you were editing: Printer offline since Monday')
      .waitFor();
    expect(await a.getByRole('textbox', { name: 'Subject' }).inputValue()).toBe('Printer offline on floor 2');
    await cw.screenshot(a, 'ticket-live-change');

    // Her save was made on the version she started from: refused, with the current values shown.
    await a.getByRole('textbox', { name: 'Subject' }).press('Enter');
    const refused = a.getByRole('alert').filter({ hasText: 'Not saved: someone else changed this ticket' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Now: Printer offline since Monday');
    expect(await refused.textContent()).toContain('Yours: Printer offline on floor 2');
    await cw.screenshot(a, 'ticket-conflict');
    let current = await cw.api<Ticket>(alice, 'GET', `/api/v1/tickets/${ticket.id}`);
    expect(current.subject).toBe('Printer offline since Monday');

    // She re-applies her value on the fresh version; Bob's priority stays.
    await refused.getByRole('button', { name: 'Apply mine again' }).click();
    await a.getByRole('heading', { name: 'Printer offline on floor 2' }).waitFor();
    current = await cw.api<Ticket>(alice, 'GET', `/api/v1/tickets/${ticket.id}`);
    expect(current).toMatchObject({ subject: 'Printer offline on floor 2', priority: 'urgent' });
    // And Bob sees her change live in turn.
    await b.getByRole('heading', { name: 'Printer offline on floor 2' }).waitFor();
    await b.getByTestId('live-notice').getByText('Updated by Alice Agent').waitFor();

    await first.context.close();
    await second.context.close();
  });

  it('refuses a picked value sent on a stale version and keeps the current one shown', async () => {
    const ticket = await cw.api<Ticket>(cw.admin, 'POST', '/api/v1/tickets', { subject: 'Scanner jams' });
    const { context, page } = await cw.signedIn(alice);
    // No live stream for this page, as if the connection had dropped: only a refused save tells.
    await context.route('**/api/v1/events', (route) => route.abort());
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    await page.getByRole('heading', { name: 'Scanner jams' }).waitFor();
    await cw.api(bob, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
      version: ticket.version,
      status: 'in_progress',
    });

    await page.getByRole('textbox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Waiting for customer' }).click();
    const refused = page
      .getByRole('alert')
      .filter({ hasText: 'Not saved: someone else changed this ticket' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Now: In progress');
    expect(await refused.textContent()).toContain('Yours: Waiting for customer');
    await page.locator('[data-status="in_progress"]').waitFor();
    expect(await page.getByRole('textbox', { name: 'Status' }).inputValue()).toBe('In progress');

    await refused.getByRole('button', { name: 'Apply mine again' }).click();
    await page.locator('[data-status="waiting_customer"]').waitFor();
    const current = await cw.api<Ticket>(alice, 'GET', `/api/v1/tickets/${ticket.id}`);
    expect(current.status).toBe('waiting_customer');
    await context.close();
  });
});
