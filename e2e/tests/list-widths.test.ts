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

  it('shows “Ожидает третьей стороны” uncut in ru, with the text on hover, and whole SLA badges on the ticket', async () => {
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
    // The ticket page's SLA panel: "осталось 1 ч 34 мин" beside "Первый ответ" is shown whole.
    const { items: calendars } = await cw.api<{ items: Array<{ id: string; builtIn: boolean }> }>(
      cw.admin,
      'GET',
      '/api/v1/sla/calendars',
    );
    const calendarId = calendars.find((c) => c.builtIn)!.id;
    const target = { minutes: 95, calendarId };
    await cw.api(cw.admin, 'POST', '/api/v1/sla/policies', {
      name: 'Высокий приоритет',
      condition: { all: [{ field: 'priority', op: 'in', value: ['high'] }] },
      targets: { high: { firstResponse: target, nextResponse: target, resolution: target } },
    });
    const high = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Нет связи в филиале',
      priority: 'high',
    });
    // On a laptop screen the panel is narrow: a long badge goes under the clock's name, whole.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${cw.url}/tickets/${high.id}`);
    const panel = page.getByTestId('sla-panel');
    await panel.locator('[data-sla-clock] [data-sla-metric]').first().waitFor();
    const cutBadges = await panel.locator('[data-sla-clock] .mantine-Badge-root').evaluateAll((badges) =>
      badges
        .filter((b) => {
          const label = (b.querySelector('.mantine-Badge-label') ?? b) as HTMLElement;
          return label.scrollWidth > label.clientWidth + 1;
        })
        .map((b) => b.textContent),
    );
    await cw.screenshot(page, 'sla-panel-ru');
    expect(cutBadges).toEqual([]);
    await context.close();
  });
});
