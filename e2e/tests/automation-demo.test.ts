// Automation in the demo, as a newcomer sees it: the shipped rules are listed in the reader's
// language (switched on or off as the demo left them), and a fresh demo request shows the routing
// rule that acted on it in its timeline — in 简体中文 and Русский, with screenshots in English too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, startCaseway } from '../harness.ts';

const WARRANTY_SUBJECT = '我的保修卡丢了，还能保修吗？';

describe('automation in the demo', () => {
  let cw: Caseway;
  beforeAll(async () => {
    cw = await startCaseway({ demo: { tickets: 60 } });
  });
  afterAll(async () => cw?.close());

  const cases = [
    {
      language: 'en',
      shipped: 'Warranty requests: ticket type Warranty',
      close: 'Close resolved tickets inactive for 72 hours',
    },
    { language: 'zh-CN', shipped: '保修请求：类型设为保修', close: '关闭已解决且 72 小时无活动的工单' },
    {
      language: 'ru',
      shipped: 'Гарантийные заявки: тип «Гарантия»',
      close: 'Закрывать решённые заявки без активности 72 часа',
    },
  ];

  for (const c of cases)
    it(`lists the shipped rules and shows a rule at work on a ticket (${c.language})`, async () => {
      const who = await cw.newAgent({ admin: true, language: c.language, name: `Admin ${c.language}` });
      const { context, page } = await cw.signedIn(who);
      try {
        await page.goto(`${cw.url}/admin/automation/rules`);
        await expect
          .poll(() => page.getByText(c.shipped, { exact: true }).count(), { timeout: 15_000 })
          .toBeGreaterThan(0);
        await expect.poll(() => page.getByText(c.close, { exact: true }).count()).toBeGreaterThan(0);
        if (c.language !== 'en') {
          expect(await page.getByText('Close resolved tickets inactive for 72 hours').count()).toBe(0);
          expect(await page.getByText('A resolved ticket nobody touched', { exact: false }).count()).toBe(0);
        }
        await cw.screenshot(page, `automation-demo-rules-${c.language}`);

        const filter = encodeURIComponent(
          JSON.stringify({ field: 'subject', op: 'eq', value: WARRANTY_SUBJECT }),
        );
        const found = await cw.api<{ items: Array<{ id: string }> }>(
          cw.admin,
          'GET',
          `/api/v1/tickets?filter=${filter}`,
        );
        expect(found.items).toHaveLength(1);
        await page.goto(`${cw.url}/tickets/${found.items[0]!.id}`);
        await expect
          .poll(() => page.getByText(c.shipped, { exact: false }).count(), { timeout: 15_000 })
          .toBeGreaterThan(0);
        // The rule's own changes name it in the reader's language too, not as it was written.
        await expect
          .poll(() => page.locator('[data-event-kind]').getByText(c.shipped, { exact: true }).count())
          .toBeGreaterThan(0);
        if (c.language !== 'en')
          expect(await page.getByText('Warranty requests: ticket type Warranty').count()).toBe(0);
        await cw.screenshot(page, `automation-demo-ticket-${c.language}`);
      } finally {
        await context.close();
      }
    });
});
