// Every screen in the agent's language: switch to 简体中文 and to Русский and scan the visible text
// of the main screens for English words left behind.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, type E2eAgent, startCaseway } from '../harness.ts';

/**
 * Latin-script words that may legitimately appear: the brand, ticket numbers, key names printed on
 * keyboards in every language (Ctrl, Enter), and data entered in tests.
 */
const ALLOWED = new Set([
  'Ctrl',
  'Enter',
  'Shift',
  'Caseway',
  'TT',
  'English',
  'Français',
  'PDF',
  'CSV',
  'URL',
  'ID',
  'VIP',
  'API',
  'SLA',
]);

/** IANA time-zone identifiers (Asia/Shanghai, UTC) are data, spelled the same in every language. */
const TIME_ZONE_ID =
  /\b(?:UTC|(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)(?:\/[A-Za-z0-9_+-]+)+)(?![\w/])/g;

async function englishLeft(page: Page): Promise<string[]> {
  const text = (await page.evaluate(() => document.body.innerText)).replace(TIME_ZONE_ID, ' ');
  const words = text.match(/[A-Za-z][A-Za-z'’]{2,}/g) ?? [];
  return [...new Set(words.filter((w) => !ALLOWED.has(w) && !/^TT\d*$/.test(w)))];
}

describe('the console in other languages', () => {
  let cw: Caseway;
  let agent: E2eAgent;
  let ticketId: string;
  beforeAll(async () => {
    cw = await startCaseway();
    agent = await cw.newAgent({ name: '王芳', language: 'zh-CN', timeZone: 'Asia/Shanghai' });
    const ticket = await cw.api<{ id: string }>(agent, 'POST', '/api/v1/tickets', {
      subject: '打印机无法开机',
      description: '保修期内',
      ownerAgentId: agent.id,
    });
    ticketId = ticket.id;
    await cw.api(agent, 'POST', `/api/v1/tickets/${ticketId}/messages`, { kind: 'note', body: '已联系客户' });
  });
  afterAll(async () => cw?.close());

  const screens = () => [
    '/',
    `/tickets/${ticketId}`,
    '/tickets/new',
    '/contacts',
    '/organizations',
    '/products',
  ];

  it('shows no English on the main screens in 简体中文, the agent’s saved language', async () => {
    const { context, page } = await cw.signedIn(agent);
    for (const screen of screens()) {
      await page.goto(`${cw.url}${screen}`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      expect(await englishLeft(page), `English words on ${screen}`).toEqual([]);
    }
    await page.goto(`${cw.url}/`);
    await page.waitForLoadState('networkidle');
    await cw.screenshot(page, 'list-zh-CN');
    await context.close();
  });

  it('switches to Русский from the account menu, remembers it, and shows no English', async () => {
    const { context, page } = await cw.signedIn(agent);
    await page.getByRole('button', { name: '账户菜单' }).click();
    await page.getByRole('textbox', { name: '语言' }).click();
    await page.getByRole('option', { name: 'Русский' }).click();
    await page.getByRole('link', { name: /Все открытые/ }).waitFor();
    await page.keyboard.press('Escape');
    const me = await cw.api<{ agent: { language: string } }>(agent, 'GET', '/api/v1/me');
    expect(me.agent.language).toBe('ru');
    for (const screen of screens()) {
      await page.goto(`${cw.url}${screen}`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      expect(await englishLeft(page), `English words on ${screen}`).toEqual([]);
    }
    await page.goto(`${cw.url}/tickets/${ticketId}`);
    await page.waitForLoadState('networkidle');
    await cw.screenshot(page, 'ticket-ru');
    await context.close();
  });

  it('shows no English on the SLA administration screens in 简体中文 and Русский', async () => {
    const admins = [
      await cw.newAgent({ admin: true, name: '李管理', language: 'zh-CN', timeZone: 'Asia/Shanghai' }),
      await cw.newAgent({ admin: true, name: 'Иван Админов', language: 'ru', timeZone: 'Europe/Moscow' }),
    ];
    const calendar = await cw.api<{ id: string }>(admins[0]!, 'POST', '/api/v1/sla/calendars', {
      name: '上海办公室',
      definition: {
        timezone: 'Asia/Shanghai',
        week: {
          mon: [
            ['09:00', '12:00'],
            ['13:00', '18:00'],
          ],
          tue: [['09:00', '18:00']],
          wed: [['09:00', '18:00']],
          thu: [['09:00', '18:00']],
          fri: [['09:00', '18:00']],
          sat: [],
          sun: [],
        },
        holidays: ['2026-10-01', '2026-10-02'],
      },
    });
    const policy = await cw.api<{ id: string }>(admins[0]!, 'POST', '/api/v1/sla/policies', {
      name: '紧急工单',
      condition: { all: [{ field: 'priority', op: 'in', value: ['urgent'] }] },
      targets: { urgent: { firstResponse: { minutes: 90, calendarId: calendar.id } } },
      warning: { minutesBefore: 30 },
      escalations: [
        { afterMinutes: 0, actions: [{ type: 'notify', recipient: 'owner' }] },
        { afterMinutes: 120, metrics: ['resolution'], actions: [{ type: 'raise_priority' }] },
      ],
    });
    const slaScreens = [
      '/admin/sla/policies',
      '/admin/sla/policies/new',
      `/admin/sla/policies/${policy.id}`,
      '/admin/sla/policies/00000000-0000-4000-8000-0000000000d1',
      '/admin/sla/calendars',
      '/admin/sla/calendars/new',
      `/admin/sla/calendars/${calendar.id}`,
      '/admin/sla/calendars/00000000-0000-4000-8000-000000000247',
    ];
    for (const admin of admins) {
      const { context, page } = await cw.signedIn(admin);
      for (const screen of slaScreens) {
        await page.goto(`${cw.url}${screen}`);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(600);
        expect(await englishLeft(page), `English words on ${screen}`).toEqual([]);
      }
      await cw.screenshot(page, `sla-calendar-${admin.name === '李管理' ? 'zh-CN' : 'ru'}`);
      await context.close();
    }
  });
});
