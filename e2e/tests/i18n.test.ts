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

async function englishLeft(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
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
});
