// A ticket's SLA as an agent sees it (S5): the panel on the ticket page counting down, turning
// orange near the due time and red once overdue (the browser's clock is moved forward), the badge
// in the list, and "paused" while waiting for the customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, type E2eAgent, startCaseway } from '../harness.ts';

describe('SLA on tickets', () => {
  let cw: Caseway;
  let agent: E2eAgent;
  beforeAll(async () => {
    cw = await startCaseway();
    agent = await cw.newAgent({ name: 'Tess Timer', timeZone: 'UTC' });
  });
  afterAll(async () => cw?.close());

  it('counts down the first response on the ticket page and shows the badge in the list', async () => {
    // Urgent on the default policy (24×7): first response within 60 minutes.
    const ticket = await cw.api<{ id: string; number: string; version: number }>(
      agent,
      'POST',
      '/api/v1/tickets',
      {
        subject: 'Checkout page returns 502',
        priority: 'urgent',
      },
    );
    const { context, page } = await cw.signedIn(agent);
    try {
      await page.clock.install();
      await page.goto(`${cw.url}/tickets/${ticket.id}`);
      const panel = page.getByTestId('sla-panel');
      const firstResponse = panel.locator('[data-sla-clock="firstResponse"] [data-sla-metric]');
      await expect.poll(() => firstResponse.textContent(), { timeout: 10_000 }).toMatch(/^(59m|1h) left$/);
      expect(await firstResponse.getAttribute('data-sla-tone')).toBe('ok');
      await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain('Policy: Default');
      await expect.poll(() => panel.textContent()).toContain('target 1h');

      // 50 minutes on: the last ten minutes are orange.
      await page.clock.fastForward('50:00');
      await expect.poll(() => firstResponse.getAttribute('data-sla-tone'), { timeout: 10_000 }).toBe('soon');
      expect(await firstResponse.textContent()).toMatch(/^(9|10)m left$/);
      // 15 more: overdue, red.
      await page.clock.fastForward('15:00');
      await expect.poll(() => firstResponse.getAttribute('data-sla-tone'), { timeout: 10_000 }).toBe('late');
      expect(await firstResponse.textContent()).toMatch(/^Overdue (4|5)m$/);
      await cw.screenshot(page, 'sla-ticket-overdue');

      // Waiting for the customer stops the clocks: the panel says so (live, no reload).
      await cw.api(agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
        version: ticket.version,
        status: 'waiting_customer',
      });
      const resolution = panel.locator('[data-sla-clock="resolution"] [data-sla-metric]');
      await expect.poll(() => resolution.textContent(), { timeout: 10_000 }).toMatch(/^Paused · /);
      await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain('Waiting');

      // The list shows the most pressing clock of each row.
      await page.goto(`${cw.url}/?view=open`);
      const row = page.locator(`tr[data-ticket-id="${ticket.id}"]`);
      await expect
        .poll(() => row.locator('[data-sla-metric]').first().textContent(), { timeout: 10_000 })
        .toMatch(/Paused/);
    } finally {
      await context.close();
    }
  });
});
