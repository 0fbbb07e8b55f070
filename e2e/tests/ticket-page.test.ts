import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMessage } from '../../server/src/modules/tickets/index.ts';
import { systemClock } from '../../server/src/platform/clock.ts';
import { systemActor } from '../../server/src/platform/context.ts';
import { type Caseway, type E2eAgent, startCaseway } from '../harness.ts';

interface Ticket {
  id: string;
  number: string;
  version: number;
  status: string;
  priority: string;
  custom: Record<string, unknown>;
}

// A 1×1 PNG, to see an image attachment previewed.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('the ticket page', () => {
  let cw: Caseway;
  let agent: E2eAgent;
  let organizationId: string;
  let contactId: string;

  beforeAll(async () => {
    cw = await startCaseway();
    agent = await cw.newAgent({ name: 'Wendy Agent', timeZone: 'Europe/Paris' });
    const org = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/organizations', {
      name: 'Acme Robotics',
      tier: 'vip',
    });
    organizationId = org.id;
    const contact = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/contacts', {
      name: 'Chen Jing',
      emails: ['chen.jing@acme.example'],
      phones: ['+86 21 5555 0101'],
      organizationId,
      language: 'zh-CN',
      vip: true,
    });
    contactId = contact.id;
    const field = (key: string, type: string, en: string, fr: string, extra: Record<string, unknown> = {}) =>
      cw.api(cw.admin, 'POST', '/api/v1/custom-fields', { key, type, labels: { en, fr }, ...extra });
    await field('serialNumber', 'text', 'Serial number', 'Numéro de série');
    await field('steps', 'long_text', 'Steps to reproduce', 'Étapes');
    await field('units', 'integer', 'Units affected', 'Unités touchées');
    await field('refund', 'decimal', 'Refund amount', 'Montant remboursé');
    await field('purchased', 'date', 'Purchase date', 'Date d’achat');
    await field('callback', 'datetime', 'Call back at', 'Rappeler à');
    await field('onSite', 'checkbox', 'On-site visit', 'Visite sur site');
    await field('caseType', 'picklist', 'Case type', 'Type de dossier', {
      options: [
        { key: 'repair', labels: { en: 'Repair', fr: 'Réparation' } },
        { key: 'exchange', labels: { en: 'Exchange', fr: 'Échange' } },
      ],
    });
    await field('parts', 'multi_picklist', 'Parts', 'Pièces', {
      options: [
        { key: 'arm', labels: { en: 'Arm', fr: 'Bras' } },
        { key: 'gripper', labels: { en: 'Gripper', fr: 'Pince' } },
      ],
    });
    await field('ccEmail', 'email', 'Copy to', 'Copie à');
    await field('rma', 'url', 'RMA link', 'Lien RMA');
    await field('engineer', 'user', 'Field engineer', 'Technicien');
  });
  afterAll(async () => cw?.close());

  const newTicket = (subject: string, extra: Record<string, unknown> = {}) =>
    cw.api<Ticket>(cw.admin, 'POST', '/api/v1/tickets', {
      subject,
      description: 'The robot arm stops halfway and beeps three times.',
      contactId,
      organizationId,
      ...extra,
    });

  it('replies and adds an internal note with attachments, and shows both in the timeline', async () => {
    const ticket = await newTicket('Robot arm stops halfway');
    // The customer writes by email (set up through the service, as the mail channel would).
    await addMessage(
      { db: cw.database.db, clock: systemClock, actor: systemActor('Email'), channel: 'email' },
      ticket.id,
      {
        kind: 'customer',
        body: 'It stopped again at 10:00.',
        authorContactId: contactId,
        authorName: 'Chen Jing',
      },
    );
    await cw.api(cw.admin, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'note',
      body: 'Known issue with firmware 2.1?',
    });
    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    await page.getByRole('heading', { name: 'Robot arm stops halfway' }).waitFor();
    // The customer panel shows the organization's tier up front.
    const customer = page.getByRole('region', { name: 'Customer' });
    await customer.getByText('Acme Robotics').waitFor();
    expect(await customer.locator('[data-tier="vip"]').textContent()).toBe('VIP');
    await customer.getByText('chen.jing@acme.example').waitFor();
    await page
      .getByRole('article', { name: 'Customer message from Chen Jing' })
      .getByText('It stopped again')
      .waitFor();

    await page.getByLabel('Reply to the customer').fill('Thanks — we are looking into it.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page
      .getByRole('article', { name: 'Public reply from Wendy Agent' })
      .getByText('Thanks — we are looking into it.')
      .waitFor();

    await page
      .getByRole('region', { name: 'Write a message' })
      .getByText('Internal note', { exact: true })
      .click();
    await page.getByLabel('Note for the team (never shown to the customer)').fill('Logs attached.');
    await page.getByLabel('Attach files').setInputFiles([
      { name: 'arm-log.txt', mimeType: 'text/plain', buffer: Buffer.from('E42 motor stall\n'.repeat(100)) },
      { name: 'photo.png', mimeType: 'image/png', buffer: PNG },
    ]);
    await page.getByRole('list', { name: 'Files to send' }).getByText('arm-log.txt').waitFor();
    // A file dropped on the composer joins them.
    await page.getByRole('region', { name: 'Write a message' }).evaluate((composer) => {
      const data = new DataTransfer();
      data.items.add(new File(['dropped content'], 'dropped.txt', { type: 'text/plain' }));
      composer.dispatchEvent(
        new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }),
      );
      composer.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
    });
    await page.getByRole('list', { name: 'Files to send' }).getByText('dropped.txt').waitFor();
    // A screenshot pasted into the text is uploaded and shown inline (and listed with the note's files once sent).
    await page.getByLabel('Note for the team (never shown to the customer)').evaluate((box) => {
      const data = new DataTransfer();
      data.items.add(new File(['not really a png'], 'pasted.png', { type: 'image/png' }));
      box.dispatchEvent(
        new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: data }),
      );
    });
    await page
      .getByLabel('Note for the team (never shown to the customer)')
      .locator('img[alt="pasted.png"]')
      .waitFor();
    await page.getByRole('button', { name: 'Add note' }).click();
    const note = page.getByRole('article', { name: 'Internal note from Wendy Agent' });
    await note.getByText('Logs attached.').waitFor();
    await note.getByRole('link', { name: /arm-log\.txt/ }).waitFor();
    expect(await note.textContent()).toContain('1.6 KB');
    await note.locator('img[data-preview="photo.png"]').waitFor();
    await note.getByRole('link', { name: /dropped\.txt/ }).waitFor();
    await note.getByRole('link', { name: /pasted\.png/ }).waitFor();
    const download = await note.getByRole('link', { name: /arm-log\.txt/ }).getAttribute('href');
    const res = await context.request.get(`${cw.url}${download}`);
    expect(await res.text()).toContain('E42 motor stall');
    await cw.screenshot(page, 'ticket-page');
    await context.close();
  });

  it('changes status, priority and a custom field in place and shows it in the timeline and history', async () => {
    const ticket = await newTicket('Gripper will not close');
    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    await page.getByRole('heading', { name: 'Gripper will not close' }).waitFor();

    await page.getByRole('textbox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'In progress' }).click();
    await page.locator('[data-status="in_progress"]').waitFor();
    await page.getByRole('textbox', { name: 'Priority' }).click();
    await page.getByRole('option', { name: 'Urgent' }).click();
    await page.locator('[data-priority="urgent"]').waitFor();
    await page.getByRole('textbox', { name: 'Units affected' }).fill('12');
    await page.getByRole('textbox', { name: 'Units affected' }).press('Enter');
    await page.getByText('Units affected: — → 12').waitFor();

    await page.getByText('Status: New → In progress').waitFor();
    await page.getByText('Priority: Normal → Urgent').waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByRole('table', { name: 'History' });
    await history.getByRole('row', { name: /Priority\s+Normal\s+Urgent/ }).waitFor();
    await history.getByRole('row', { name: /Status\s+New\s+In progress/ }).waitFor();

    const saved = await cw.api<Ticket>(agent, 'GET', `/api/v1/tickets/${ticket.id}`);
    expect(saved).toMatchObject({ status: 'in_progress', priority: 'urgent', custom: { units: 12 } });
    await context.close();
  });

  it('shows a validation message from the server beside the field', async () => {
    const ticket = await newTicket('Wrong email in copy field');
    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    const field = page.getByRole('textbox', { name: 'Copy to' });
    await field.fill('not-an-email');
    await field.press('Enter');
    await page.getByText('must be an email address').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await context.close();
  });

  it('keeps the draft across a reload and clears it once sent', async () => {
    const ticket = await newTicket('Draft survives');
    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    await page.getByLabel('Reply to the customer').fill('Half-written answer');
    await page.reload();
    const box = page.getByLabel('Reply to the customer');
    await box.waitFor();
    expect(await box.innerText()).toBe('Half-written answer');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('article', { name: 'Public reply from Wendy Agent' }).waitFor();
    await page.reload();
    await page.getByLabel('Reply to the customer').waitFor();
    expect((await page.getByLabel('Reply to the customer').innerText()).trim()).toBe('');
    await context.close();
  });

  it('works from the keyboard: r focuses the reply, Ctrl+Enter sends, n writes a note, a assigns to me', async () => {
    const ticket = await newTicket('Keyboard only');
    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    await page.getByRole('heading', { name: 'Keyboard only' }).waitFor();
    await page.getByRole('toolbar', { name: 'Formatting' }).waitFor();
    await page.keyboard.press('r');
    await page.keyboard.type('Typed without a mouse');
    expect(await page.getByLabel('Reply to the customer').innerText()).toBe('Typed without a mouse');
    await page.keyboard.press('Control+Enter');
    await page
      .getByRole('article', { name: 'Public reply from Wendy Agent' })
      .getByText('Typed without a mouse')
      .waitFor();

    await page.getByLabel('Reply to the customer').blur();
    await page.keyboard.press('n');
    await page.keyboard.type('A private thought');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('article', { name: 'Internal note from Wendy Agent' }).waitFor();

    await page.getByLabel(/Note for the team/).blur();
    await page.keyboard.press('a');
    await page.getByRole('button', { name: 'Assigned to you' }).waitFor();
    const saved = await cw.api<Ticket & { ownerAgentId: string }>(
      agent,
      'GET',
      `/api/v1/tickets/${ticket.id}`,
    );
    expect(saved.ownerAgentId).toBe(agent.id);
    await context.close();
  });

  it('edits every kind of custom field, labelled in the agent’s language', async () => {
    const french = await cw.newAgent({ name: 'Fanny Agent', language: 'fr', timeZone: 'Europe/Paris' });
    const ticket = await newTicket('Champs personnalisés', {
      custom: { caseType: 'repair', parts: ['arm'], onSite: true, refund: 12.5 },
    });
    const { context, page } = await cw.signedIn(french);
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    await page.getByRole('heading', { name: 'Champs personnalisés' }).waitFor();
    await page.getByRole('textbox', { name: 'Numéro de série' }).fill('SN-1234');
    await page.getByRole('textbox', { name: 'Numéro de série' }).press('Tab');
    await page.getByRole('textbox', { name: 'Type de dossier' }).click();
    await page.getByRole('option', { name: 'Échange' }).click();
    await page.getByRole('checkbox', { name: 'Visite sur site' }).uncheck();
    await page.getByLabel('Rappeler à').fill('2030-05-01T09:30');
    await page.getByLabel('Rappeler à').press('Enter');
    await page.getByLabel('Date d’achat').fill('2024-02-29');
    await page.getByLabel('Date d’achat').press('Enter');
    await expect
      .poll(async () => (await cw.api<Ticket>(french, 'GET', `/api/v1/tickets/${ticket.id}`)).custom, {
        timeout: 10_000,
      })
      .toMatchObject({
        serialNumber: 'SN-1234',
        caseType: 'exchange',
        onSite: false,
        callback: '2030-05-01T07:30:00.000Z',
        purchased: '2024-02-29',
      });
    await page.getByText('Type de dossier : Réparation → Échange').waitFor();
    await cw.screenshot(page, 'ticket-page-custom-fields-fr');
    await context.close();
  });
  it('splits a message into a new ticket, duplicates the ticket and merges the copy back, found by its number', async () => {
    const ticket = await newTicket('Two problems in one mail');
    await cw.api(cw.admin, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'note',
      body: 'Second problem: the charger is broken too.',
    });
    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    const message = page.getByRole('article').filter({ hasText: 'Second problem' });
    await message.getByRole('button', { name: 'Actions for the message from Ada Admin' }).click();
    await page.getByRole('menuitem', { name: 'Split into a new ticket' }).click();
    const split = page.getByRole('dialog', { name: 'Split a message into a new ticket' });
    await split.getByLabel('Subject of the new ticket').fill('Charger broken');
    await split.getByRole('button', { name: 'Split into a new ticket' }).click();
    await page.getByText(/split a message into TT-\d+/).waitFor();
    expect(await message.count()).toBe(0);
    const found = await cw.api<{ items: Ticket[] }>(
      agent,
      'GET',
      `/api/v1/tickets?filter=${encodeURIComponent(JSON.stringify({ field: 'subject', op: 'eq', value: 'Charger broken' }))}`,
    );
    expect(found.items).toHaveLength(1);

    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Duplicate' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(ticket.id));
    await page.getByText(/copied this ticket from/).waitFor();
    const copyId = new URL(page.url()).pathname.split('/').at(-1);
    const copyNumber = (await cw.api<Ticket>(agent, 'GET', `/api/v1/tickets/${copyId}`)).number;

    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: /Merge into another ticket/ }).click();
    const merge = page.getByRole('dialog', { name: `Merge ${copyNumber} into another ticket` });
    await merge.getByLabel('Find the ticket to keep').fill(ticket.number);
    await merge
      .getByRole('radio', { name: new RegExp(`${ticket.number} · Two problems in one mail`) })
      .check();
    await merge.getByRole('button', { name: `Merge ${copyNumber} into ${ticket.number}` }).click();
    await page.waitForURL((url) => url.pathname.endsWith(ticket.id));
    await page.getByText(`merged in ${copyNumber}`).waitFor();
    await context.close();
  });

  it('lets an administrator void, restore and delete a ticket, each confirmed; other agents cannot delete', async () => {
    const ticket = await newTicket('Spam: you won a robot');
    const plain = await cw.signedIn(agent);
    await plain.page.goto(`${cw.url}/tickets/${ticket.id}`);
    await plain.page.getByRole('button', { name: 'More actions' }).click();
    await plain.page.getByRole('menuitem', { name: /Void/ }).waitFor();
    expect(await plain.page.getByRole('menuitem', { name: /Delete/ }).count()).toBe(0);
    await plain.context.close();

    const { context, page } = await cw.signedIn(cw.admin);
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: /Void/ }).click();
    const dialog = page.getByRole('dialog', { name: `Void ${ticket.number}` });
    await dialog.getByLabel('Reason (optional)').fill('Spam');
    await dialog.getByRole('button', { name: 'Void' }).click();
    await page.getByText('Only administrators see this ticket now.').waitFor();
    await page.getByText('voided the ticket: Spam').waitFor();
    await page.getByRole('status').getByRole('button', { name: 'Restore' }).click();
    await page.getByText('restored the ticket').waitFor();
    expect(await page.getByText('Only administrators see this ticket now.').count()).toBe(0);

    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: /Delete/ }).click();
    await page
      .getByRole('dialog', { name: `Delete ${ticket.number}` })
      .getByRole('button', { name: `Delete ${ticket.number} for good` })
      .click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect(cw.api(cw.admin, 'GET', `/api/v1/tickets/${ticket.id}`)).rejects.toThrow(/404/);
    await context.close();
  });

  it('prints the ticket and its public conversation on a clean page', async () => {
    const ticket = await newTicket('Please print me');
    await cw.api(cw.admin, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'reply',
      bodyHtml: '<p>Public answer with <strong>bold steps</strong></p><ol><li>Restart</li></ol>',
    });
    await cw.api(cw.admin, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      kind: 'note',
      body: 'Secret note',
    });
    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    await page.getByRole('link', { name: 'Print view' }).click();
    // The print page's own copy of the reply (the ticket page shows it too while the route changes),
    // printed as written: bold and a numbered list, not its plain-text part.
    const printed = page.locator('.caseway-print-message', { hasText: 'Public answer' });
    await printed.locator('strong', { hasText: 'bold steps' }).waitFor();
    await printed.locator('ol > li', { hasText: 'Restart' }).waitFor();
    expect(await page.getByText('Secret note').count()).toBe(0);
    await page.getByLabel('Include internal notes').check();
    await page.getByText('Secret note').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    await cw.screenshot(page, 'ticket-print');
    await context.close();
  });

  it('on a long timeline, the side bars’ borders run to the bottom of the page', async () => {
    const ticket = await newTicket('A long conversation');
    for (let i = 1; i <= 20; i++) {
      await cw.api(cw.admin, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
        kind: 'note',
        body: `Checked step ${i} of the robot arm.`,
      });
    }
    const { context, page } = await cw.signedIn(agent);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    await page.getByText('Checked step 20 of the robot arm.').waitFor();
    await page.getByRole('region', { name: 'Customer' }).waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const ends = await page.evaluate(() => {
        window.scrollTo(0, document.documentElement.scrollHeight);
        const main = document.querySelector('main') as HTMLElement;
        const bottom = (id: string) =>
          document.querySelector(`section[aria-labelledby="${id}"]`)!.getBoundingClientRect().bottom;
        return {
          scrolled: window.scrollY > 0,
          // The page's bottom edge, inside the main area's padding.
          pageBottom: window.innerHeight - Number.parseFloat(getComputedStyle(main).paddingBottom),
          fields: bottom('ticket-fields-title'),
          // The right side bar's last panel (the related team) reaches down to the bottom.
          team: bottom('ticket-team-title'),
        };
      });
      expect(ends.scrolled).toBe(true);
      expect(Math.abs(ends.fields - ends.pageBottom)).toBeLessThan(2);
      expect(Math.abs(ends.team - ends.pageBottom)).toBeLessThan(2);
      await cw.screenshot(page, `ticket-side-bars-${scheme}`);
    }
    await context.close();
  });
});
