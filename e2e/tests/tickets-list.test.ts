import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, type E2eAgent, startCaseway } from '../harness.ts';

interface TicketDto {
  id: string;
  number: string;
  subject: string;
  ownerAgentId: string | null;
}

describe('the ticket list', () => {
  let cw: Caseway;
  let bea: E2eAgent;
  beforeAll(async () => {
    cw = await startCaseway();
    bea = await cw.newAgent({ name: 'Bea Bulk' });
    for (let i = 1; i <= 22; i++)
      await cw.api(cw.admin, 'POST', '/api/v1/tickets', {
        subject: `Batch ticket ${String(i).padStart(2, '0')}`,
      });
  });
  afterAll(async () => cw?.close());

  it('bulk-assigns twenty tickets picked with a shift-click and shows the result of each', async () => {
    const { context, page } = await cw.signedIn(cw.admin);
    await page.getByRole('heading', { name: 'All open' }).waitFor();
    const rows = page.locator('tbody tr[data-ticket-id]');
    await rows.nth(21).waitFor();
    await rows.nth(0).getByRole('checkbox').click();
    await rows
      .nth(19)
      .getByRole('checkbox')
      .click({ modifiers: ['Shift'] });
    await page.getByText('20 selected').waitFor();
    const chosen = await rows.evaluateAll((els) =>
      els.filter((el) => el.hasAttribute('data-selected')).map((el) => el.getAttribute('data-ticket-id')),
    );
    expect(chosen).toHaveLength(20);

    await page.getByRole('button', { name: 'Edit selected…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Owner' }).click();
    await page.getByRole('option', { name: 'Bea Bulk' }).click();
    await dialog.getByRole('button', { name: 'Apply to 20 tickets' }).click();
    await dialog.getByText('20 updated, 0 not updated').waitFor();
    expect(await dialog.locator('tr[data-result="ok"]').count()).toBe(20);
    await cw.screenshot(page, 'bulk-results');
    await dialog.getByRole('button', { name: 'Done' }).click();

    for (const id of chosen) {
      const ticket = await cw.api<TicketDto>(cw.admin, 'GET', `/api/v1/tickets/${id}`);
      expect(ticket.ownerAgentId).toBe(bea.id);
    }
    // The rows show the new assignee without a reload, and the selection is cleared.
    await expect.poll(() => page.locator('tbody tr', { hasText: 'Bea Bulk' }).count()).toBe(20);
    expect(await page.locator('tbody tr[data-selected]').count()).toBe(0);
    await context.close();
  });

  it('shows a ticket another agent creates without a reload, and holds it back while the agent points at the list', async () => {
    const { context, page } = await cw.signedIn(bea);
    await page.getByRole('heading', { name: 'All open' }).waitFor();
    await page.locator('tbody tr[data-ticket-id]').first().waitFor();
    await page.mouse.move(5, 5);

    await cw.api(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Live: arrived while watching',
      priority: 'urgent',
    });
    await page.getByRole('link', { name: 'Live: arrived while watching' }).waitFor({ timeout: 10_000 });

    // Pointing at the list: the new ticket waits behind a button instead of pushing rows around.
    const firstRow = page.locator('tbody tr[data-ticket-id]').first();
    await firstRow.hover();
    await cw.api(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Live: arrived while pointing',
      priority: 'urgent',
    });
    const reveal = page.getByRole('button', { name: /1 new or updated ticket/ });
    await reveal.waitFor({ timeout: 10_000 });
    expect(await page.getByRole('link', { name: 'Live: arrived while pointing' }).count()).toBe(0);
    await reveal.click();
    await page.getByRole('link', { name: 'Live: arrived while pointing' }).waitFor();
    await cw.screenshot(page, 'ticket-list-live');
    await context.close();
  });

  it('moves through the list with j and k, selects with x and opens with Enter', async () => {
    const { context, page } = await cw.signedIn(bea);
    await page.getByRole('heading', { name: 'All open' }).waitFor();
    const rows = page.locator('tbody tr[data-ticket-id]');
    await rows.nth(2).waitFor();
    // Focus follows tickets, not positions: a row arriving live on top does not move it.
    const second = await rows.nth(1).getAttribute('data-ticket-id');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-ticket-id')))
      .toBe(second);
    await page.keyboard.press('x');
    await page.getByText('1 selected').waitFor();
    await page.keyboard.press('x');
    await page.getByText('1 selected').waitFor({ state: 'detached' });
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/tickets/${second}`);
    // Back in the list, the agent is where they were.
    await page.goBack();
    await page.getByRole('heading', { name: 'All open' }).waitFor();
    await expect
      .poll(() =>
        page.evaluate(() => document.querySelector('tr[data-focused]')?.getAttribute('data-ticket-id')),
      )
      .toBe(second);
    await context.close();
  });

  it('finds tickets from the header search box', async () => {
    const { context, page } = await cw.signedIn(bea);
    await page.keyboard.press('/');
    await page.keyboard.type('Batch ticket 07');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/search?q=*');
    await page.getByRole('heading', { name: /Results for/ }).waitFor();
    const tickets = page.getByRole('region', { name: 'Tickets' });
    await tickets.getByRole('link', { name: 'Batch ticket 07' }).waitFor();
    await cw.screenshot(page, 'search-results');
    await context.close();
  });

  it('scrolls through ten thousand tickets keeping only the visible rows in the page', async () => {
    // A large desk, inserted directly: going through the API would take minutes.
    await cw.database.db.execute(sql`
      INSERT INTO tickets (number, seq, subject, status, status_category, priority, priority_rank, channel, created_at, updated_at)
      SELECT 'BIG-' || s, 900000 + s, 'Bulk-loaded ticket ' || s, 'new', 'new', 'normal',
             (SELECT position FROM picklist_values WHERE picklist = 'priority' AND key = 'normal'), 'email',
             now() - make_interval(mins => s), now() - make_interval(mins => s)
      FROM generate_series(1, 10000) AS s`);
    const { context, page } = await cw.signedIn(bea);
    await page.goto(`${cw.url}/?view=all`);
    await page.getByRole('heading', { name: 'All tickets' }).waitFor();
    // Counted up to 10,000: beyond it the list says "10,000+".
    await page.getByText(/10,000\+ tickets/).waitFor();
    const started = Date.now();
    let most = 0;
    for (let i = 0; i < 400; i++) {
      const state = await page.evaluate(() => {
        const scroller = document.querySelector('tbody')?.closest('div');
        if (scroller) scroller.scrollTop = scroller.scrollHeight;
        return {
          rendered: document.querySelectorAll('tbody tr[data-ticket-id]').length,
          last:
            document.querySelector('tbody tr[data-ticket-id]:last-of-type td:nth-child(3)')?.textContent ??
            '',
        };
      });
      most = Math.max(most, state.rendered);
      if (state.last.includes('Bulk-loaded ticket 10000')) break;
      await page.waitForTimeout(50);
    }
    await page.getByText('Bulk-loaded ticket 10000', { exact: true }).waitFor();
    expect(most).toBeLessThan(80);
    console.log(`reached the 10,000th ticket in ${Date.now() - started} ms; at most ${most} rows in the DOM`);
    await cw.screenshot(page, 'ticket-list-10k-bottom');
    await context.close();
  }, 180_000);
});
