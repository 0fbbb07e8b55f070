// One flow with the keyboard alone: sign in, find a ticket in the list, open it, reply.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Caseway, startCaseway } from '../harness.ts';

describe('working without a mouse', () => {
  let cw: Caseway;
  beforeAll(async () => {
    cw = await startCaseway();
  });
  afterAll(async () => cw?.close());

  it('signs in, moves to a ticket with j, opens it with Enter and replies with r and Ctrl+Enter', async () => {
    const agent = await cw.newAgent({ name: 'Kim Keys' });
    await cw.api(agent, 'POST', '/api/v1/tickets', { subject: 'Second oldest', priority: 'normal' });
    await cw.api(agent, 'POST', '/api/v1/tickets', { subject: 'Needs a keyboard reply', priority: 'urgent' });
    const context = await cw.browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${cw.url}/sign-in`);
    await page.getByLabel('Email').waitFor();
    // The email field has focus on arrival; everything from here is typed.
    await page.keyboard.type(agent.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(agent.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'All open' }).waitFor();
    await page.locator('tbody tr[data-ticket-id]').first().waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Needs a keyboard reply' }).waitFor();
    await page.keyboard.press('r');
    // As a person waits for the cursor: the editor is loaded on demand, slowly on a busy machine.
    await page.waitForFunction(
      () => (document.activeElement as HTMLElement | null)?.isContentEditable === true,
    );
    await page.keyboard.type('Answered from the keyboard');
    await page.keyboard.press('Control+Enter');
    await page
      .getByRole('article', { name: 'Public reply from Kim Keys' })
      .getByText('Answered from the keyboard')
      .waitFor();
    await cw.screenshot(page, 'keyboard-reply');
    await context.close();
  });

  it('opens the keyboard help with ? (Shift+/) and lists the shortcuts', async () => {
    const agent = await cw.newAgent({ name: 'Hal Help' });
    const { context, page } = await cw.signedIn(agent);
    await page.getByRole('heading', { name: 'All open' }).waitFor();
    await page.keyboard.press('Shift+Slash');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor({ timeout: 5_000 });
    await help.getByText('Show these shortcuts').waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    await context.close();
  });
});
