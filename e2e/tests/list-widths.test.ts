// The ticket list sizes its badge columns to their content: a long status in Russian is shown whole,
// with the full text on hover, and the SLA column is no wider than its longest badge needs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, startCaseway } from '../harness.ts';

describe('ticket list column widths', () => {
  let cw: Caseway;
  beforeAll(async () => {
    cw = await startCaseway();
  });
  afterAll(async () => cw?.close());

  it('shows “Ожидает третьей стороны” uncut in ru, with the text on hover', async () => {
    await cw.api(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Ждём поставщика',
      status: 'waiting_third_party',
    });
    const agent = await cw.newAgent({ name: 'Иван Петров', language: 'ru' });
    const { context, page } = await cw.signedIn(agent);
    const row = page.locator('tbody tr[data-ticket-id]').filter({ hasText: 'Ждём поставщика' });
    const badge = row.getByText('Ожидает третьей стороны', { exact: true });
    await badge.waitFor();
    const cut = await badge.evaluate((label) => {
      const badgeRoot = label.closest('.mantine-Badge-root') as HTMLElement;
      const cell = label.closest('td') as HTMLElement;
      return (
        label.scrollWidth > label.clientWidth + 1 ||
        badgeRoot.getBoundingClientRect().right > cell.getBoundingClientRect().right
      );
    });
    expect(cut).toBe(false);
    expect(await row.locator('[title="Ожидает третьей стороны"]').count()).toBe(1);
    await cw.screenshot(page, 'list-widths-ru');
    await context.close();
  });
});
