// The reply composer: rich text, Cc/Bcc, the signature, images inline, drafts, and
// "send and set a status" in one step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, type E2eAgent, startCaseway } from '../harness.ts';

interface Ticket {
  id: string;
  status: string;
}
interface TimelineMessage {
  type: 'message';
  message: { kind: string; body: string; bodyHtml: string | null; cc: string[]; bcc: string[] };
}

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('the reply composer', () => {
  let cw: Caseway;
  let agent: E2eAgent;

  beforeAll(async () => {
    cw = await startCaseway();
    agent = await cw.newAgent({ name: 'Rita Writer' });
    await cw.api(agent, 'PATCH', '/api/v1/me', { signature: '<p>Rita from <em>Support</em></p>' });
  });
  afterAll(async () => cw?.close());

  const newTicket = (subject: string) => cw.api<Ticket>(cw.admin, 'POST', '/api/v1/tickets', { subject });
  const messages = async (ticketId: string) =>
    (
      await cw.api<{ items: Array<{ type: string }> }>(agent, 'GET', `/api/v1/tickets/${ticketId}/timeline`)
    ).items
      .filter((i): i is TimelineMessage => i.type === 'message')
      .map((i) => i.message);

  it('sends bold text and a Cc that the timeline shows, under the agent’s and the department’s signatures', async () => {
    const department = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/departments', {
      name: 'Robot care',
      signature: '<p>Robot care team</p>',
    });
    const ticket = await cw.api<Ticket>(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Bold and copied',
      departmentId: department.id,
    });
    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    const editor = page.getByRole('textbox', { name: 'Reply to the customer' });
    // A public reply opens with the agent's signature.
    await editor.getByText('Rita from Support').waitFor();
    // Every toolbar button draws an SVG icon (no emoji or letters that need a font to show).
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    for (const name of ['Bold', 'Link', 'Insert image']) {
      expect(await toolbar.getByRole('button', { name, exact: true }).locator('svg').count()).toBe(1);
    }
    expect(await toolbar.getByRole('button').count()).toBe(await toolbar.locator('button svg').count());
    expect(await toolbar.innerText()).toBe('');
    // The signature waits below an empty first line, where the reply is written.
    await editor.locator('p').first().click();
    await page.getByRole('button', { name: 'Bold' }).click();
    await page.keyboard.type('Fixed in 2.1');
    await page.getByRole('button', { name: 'Bold' }).click();
    await page.keyboard.type(' — please update.');
    expect(await page.getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed')).toBe('false');

    await page.getByRole('button', { name: 'Cc/Bcc' }).click();
    const cc = page.getByRole('textbox', { name: 'Cc', exact: true });
    // An address that is not one is named and stops the sending.
    await cc.fill('not-an-address');
    await cc.press('Enter');
    await page.getByText('not-an-address is not an email address').waitFor();
    expect(await page.getByRole('button', { name: 'Send reply' }).isDisabled()).toBe(true);
    await cc.press('Backspace');
    await cc.fill('boss@acme.example');
    await cc.press('Enter');
    await page.getByRole('button', { name: 'Send reply' }).click();

    const reply = page.getByRole('article', { name: 'Public reply from Rita Writer' });
    await reply.locator('strong', { hasText: 'Fixed in 2.1' }).waitFor();
    await reply.getByText('Cc: boss@acme.example').waitFor();
    await reply.getByText('Rita from Support').waitFor();
    await reply.getByText('Robot care team').waitFor();
    const [sent] = await messages(ticket.id);
    expect(sent!.bodyHtml).toContain('<strong>Fixed in 2.1</strong>');
    expect(sent!.body).toContain('Fixed in 2.1 — please update.');
    expect(sent!.cc).toEqual(['boss@acme.example']);
    // The composer is ready for the next reply: the signature again, Cc emptied.
    await editor.getByText('Rita from Support').waitFor();
    expect(await editor.innerText()).not.toContain('Fixed in 2.1');
    await cw.screenshot(page, 'composer');
    await context.close();
  });

  it('"Send and set Resolved" sends the reply and resolves the ticket in one step', async () => {
    const ticket = await newTicket('Send and resolve');
    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    const editor = page.getByRole('textbox', { name: 'Reply to the customer' });
    await editor.getByText('Rita from Support').waitFor();
    // The signature waits below an empty first line, where the reply is written.
    await editor.locator('p').first().click();
    await page.keyboard.type('All done on our side.');
    await page.getByRole('button', { name: 'More ways to send' }).click();
    await page.getByRole('menuitem', { name: 'Send and set Resolved' }).click();
    await page
      .getByRole('article', { name: 'Public reply from Rita Writer' })
      .getByText('All done on our side.')
      .waitFor();
    await page.locator('[data-status="resolved"]').first().waitFor();
    await page.getByText('Status: New → Resolved').waitFor();
    const saved = await cw.api<Ticket>(agent, 'GET', `/api/v1/tickets/${ticket.id}`);
    expect(saved.status).toBe('resolved');
    expect((await messages(ticket.id)).map((m) => m.kind)).toEqual(['reply']);
    await context.close();
  });

  it('keeps a rich draft with its Bcc across a reload, and Ctrl+Enter sends it', async () => {
    const ticket = await newTicket('Draft with copies');
    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    const editor = page.getByRole('textbox', { name: 'Reply to the customer' });
    await editor.getByText('Rita from Support').waitFor();
    await editor.locator('p').first().click();
    await page.keyboard.press('Control+i');
    await page.keyboard.type('Half-written');
    await page.getByRole('button', { name: 'Cc/Bcc' }).click();
    const bcc = page.getByRole('textbox', { name: 'Bcc', exact: true });
    await bcc.fill('audit@acme.example');
    await bcc.press('Enter');
    await page.getByText('Draft kept').waitFor();
    await page.reload();
    await editor.locator('em', { hasText: 'Half-written' }).waitFor();
    await page.getByText('audit@acme.example').waitFor();
    await editor.locator('em', { hasText: 'Half-written' }).click();
    await page.keyboard.press('Control+Enter');
    const reply = page.getByRole('article', { name: 'Public reply from Rita Writer' });
    await reply.locator('em', { hasText: 'Half-written' }).waitFor();
    await reply.getByText('Bcc: audit@acme.example').waitFor();
    await context.close();
  });

  it('puts a pasted screenshot inline; the internal note uses the same editor, without signature or Cc', async () => {
    const ticket = await newTicket('Screenshot inline');
    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    const editor = page.getByRole('textbox', { name: 'Reply to the customer' });
    await editor.getByText('Rita from Support').waitFor();
    await editor.locator('p').first().click();
    await page.keyboard.type('See the screenshot:');
    await editor.evaluate(
      (box, bytes) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], 'screen.png', { type: 'image/png' }));
        box.dispatchEvent(
          new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: data }),
        );
      },
      [...PNG],
    );
    await editor.locator('img[src*="/attachments/"]').waitFor();
    await page.getByRole('button', { name: 'Send reply' }).click();
    const reply = page.getByRole('article', { name: 'Public reply from Rita Writer' });
    await reply.locator('[data-rich-body] img[src*="/attachments/"]').waitFor();
    const [sent] = await messages(ticket.id);
    expect(sent!.bodyHtml).toMatch(
      /<img src="\/api\/v1\/tickets\/[^"]+\/attachments\/[^"]+" alt="screen.png"/,
    );

    await page
      .getByRole('region', { name: 'Write a message' })
      .getByText('Internal note', { exact: true })
      .click();
    const note = page.getByRole('textbox', { name: 'Note for the team (never shown to the customer)' });
    await note.waitFor();
    expect(await note.innerText()).not.toContain('Rita from Support');
    expect(await page.getByRole('button', { name: 'Cc/Bcc' }).count()).toBe(0);
    await note.click();
    await page.getByRole('button', { name: 'Numbered list' }).click();
    await page.keyboard.type('check the logs');
    await page.keyboard.press('Control+Enter');
    await page
      .getByRole('article', { name: 'Internal note from Rita Writer' })
      .locator('ol li', { hasText: 'check the logs' })
      .waitFor();
    await context.close();
  });

  it('lets the agent write a signature from the composer; the next reply opens with it', async () => {
    const writer = await cw.newAgent({ name: 'Sam Signer' });
    const ticket = await newTicket('Signature from the composer');
    const { context, page } = await cw.signedIn(writer);
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    await page.getByRole('toolbar', { name: 'Formatting' }).waitFor();
    await page.getByRole('button', { name: 'My signature' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your signature under public replies' });
    await dialog.getByRole('textbox', { name: 'Signature' }).click();
    await page.keyboard.type('Sam, ');
    await dialog.getByRole('button', { name: 'Bold' }).click();
    await page.keyboard.type('Tier 2');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const editor = page.getByRole('textbox', { name: 'Reply to the customer' });
    await editor.locator('strong', { hasText: 'Tier 2' }).waitFor();
    const me = await cw.api<{ agent: { signature: string } }>(writer, 'GET', '/api/v1/me');
    expect(me.agent.signature).toBe('<p>Sam, <strong>Tier 2</strong></p>');
    await context.close();
  });
});
