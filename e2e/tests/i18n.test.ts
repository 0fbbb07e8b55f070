// Every screen in the agent's language: in 简体中文, 繁體中文, Русский and Français scan the visible
// text of the main screens (list, ticket page, new ticket, customers, search, SLA, Team and Rules
// administration) for English words left behind.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED } from '../../server/src/modules/directory/index.ts';
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
  'PDF',
  'CSV',
  'URL',
  'ID',
  'VIP',
  'API',
  'SLA',
  // The glossary's term for webhooks in Chinese (the administrators' side bar shows it).
  'Webhook',
]);

/** IANA time-zone identifiers (Asia/Shanghai, UTC) are data, spelled the same in every language. */
const TIME_ZONE_ID =
  /\b(?:UTC|(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)(?:\/[A-Za-z0-9_+-]+)+)(?![\w/])/g;

/** Email addresses are data too (the test contact's zhang.wei@example.cn), in any language. */
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

const locales = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/src/locales');
const wordsOf = (text: string) => text.match(/[A-Za-z][A-Za-z'’]{2,}/g) ?? [];

function localeWords(lang: string): Set<string> {
  const words = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string')
      for (const w of wordsOf(v.replace(/{{\w+}}/g, ' '))) words.add(w.toLowerCase());
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  for (const file of readdirSync(path.join(locales, lang)))
    walk(JSON.parse(readFileSync(path.join(locales, lang, file), 'utf8')));
  return words;
}

/**
 * French is written in Latin letters too, so for it an English word is one of the English console's
 * words that no French string uses ("Status" is English, "Question" is both).
 */
const englishOnly = (() => {
  const fr = localeWords('fr');
  return new Set([...localeWords('en')].filter((w) => !fr.has(w) && w.length > 2));
})();

async function englishLeft(page: Page, lang: string): Promise<string[]> {
  const text = (await page.evaluate(() => document.body.innerText))
    .replace(TIME_ZONE_ID, ' ')
    .replace(EMAIL, ' ');
  const words = wordsOf(text).filter((w) => !ALLOWED.has(w) && !/^TT\d*$/.test(w));
  return [...new Set(lang === 'fr' ? words.filter((w) => englishOnly.has(w.toLowerCase())) : words)];
}

const LANGS = [
  { lang: 'zh-CN', name: '王芳', zone: 'Asia/Shanghai' },
  { lang: 'zh-TW', name: '陳怡君', zone: 'Asia/Taipei' },
  { lang: 'ru', name: 'Иван Петров', zone: 'Europe/Moscow' },
  { lang: 'fr', name: 'Élodie Martin', zone: 'Europe/Paris' },
] as const;

describe('the console in other languages', () => {
  let cw: Caseway;
  let setupAdmin: E2eAgent;
  let ticketId: string;
  let policyId: string;
  let calendarId: string;
  let ruleId: string;
  beforeAll(async () => {
    cw = await startCaseway();
    setupAdmin = await cw.newAgent({
      admin: true,
      name: '李管理',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    });
    const calendar = await cw.api<{ id: string }>(setupAdmin, 'POST', '/api/v1/sla/calendars', {
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
    calendarId = calendar.id;
    const policy = await cw.api<{ id: string }>(setupAdmin, 'POST', '/api/v1/sla/policies', {
      name: '紧急工单',
      condition: { all: [{ field: 'priority', op: 'in', value: ['urgent'] }] },
      targets: {
        urgent: {
          firstResponse: { minutes: 90, calendarId: calendar.id },
          resolution: { minutes: 960, calendarId: calendar.id },
        },
      },
      warning: { minutesBefore: 30 },
      escalations: [
        { afterMinutes: 0, actions: [{ type: 'notify', recipient: 'owner' }] },
        { afterMinutes: 120, metrics: ['resolution'], actions: [{ type: 'raise_priority' }] },
      ],
    });
    policyId = policy.id;
    // A ticket with what a working ticket shows: a customer with a language, a policy, tags, messages.
    const contact = await cw.api<{ id: string }>(setupAdmin, 'POST', '/api/v1/contacts', {
      name: '张伟',
      emails: ['zhang.wei@example.cn'],
      language: 'en',
    });
    const ticket = await cw.api<{ id: string }>(setupAdmin, 'POST', '/api/v1/tickets', {
      subject: '打印机无法开机',
      description: '保修期内',
      priority: 'urgent',
      contactId: contact.id,
      ownerAgentId: setupAdmin.id,
      tags: ['保修'],
    });
    ticketId = ticket.id;
    // The Team screens list every agent: the harness's own administrator gets a name in Chinese too,
    // and a group, a department with its head and a sharing rule give those screens something to show.
    await cw.api(setupAdmin, 'PATCH', `/api/v1/agents/${cw.admin.id}`, { name: '管理员' });
    const department = await cw.api<{ id: string }>(setupAdmin, 'POST', '/api/v1/departments', {
      name: '售后部',
      headAgentId: setupAdmin.id,
      memberIds: [setupAdmin.id],
    });
    await cw.api(setupAdmin, 'POST', '/api/v1/departments', { name: '保修组', parentId: department.id });
    const group = await cw.api<{ id: string }>(setupAdmin, 'POST', '/api/v1/groups', {
      name: '退款',
      description: '退款与发票',
      departmentId: department.id,
      memberIds: [setupAdmin.id],
    });
    await cw.api(setupAdmin, 'POST', '/api/v1/roles', {
      name: '二线支持',
      parentId: SHIPPED.supportManagerRole,
      profileIds: [SHIPPED.agentProfile],
    });
    await cw.api(setupAdmin, 'POST', '/api/v1/sharing-rules', {
      sourceType: 'group',
      sourceId: group.id,
      targetType: 'role_and_subordinates',
      targetId: SHIPPED.supportManagerRole,
      access: 'read_write',
    });
    await cw.api(setupAdmin, 'POST', `/api/v1/tickets/${ticketId}/messages`, {
      kind: 'note',
      body: '已联系客户',
    });
    await cw.api(setupAdmin, 'POST', `/api/v1/tickets/${ticketId}/messages`, { kind: 'reply', body: '您好' });
    // A rule of each kind for the Rules screens (off, so they change none of the tickets above).
    const rule = await cw.api<{ id: string }>(setupAdmin, 'POST', '/api/v1/rules', {
      name: '保修工单转售后',
      trigger: { type: 'field_changed', fields: ['priority', 'status'] },
      condition: { all: [{ field: 'priority', op: 'changed_to', value: 'urgent' }] },
      actions: [
        { type: 'assign', groupId: group.id },
        { type: 'add_tags', tags: ['保修'] },
        { type: 'notify', recipient: 'supervisor' },
      ],
    });
    ruleId = rule.id;
    await cw.api(setupAdmin, 'POST', '/api/v1/rules', {
      name: '两天无回复提醒',
      trigger: {
        type: 'time',
        after: 'last_customer_reply',
        amount: 2,
        unit: 'days',
        calendarId: calendar.id,
      },
      actions: [{ type: 'notify', recipient: 'owner' }],
    });
  });
  afterAll(async () => cw?.close());

  const screens = () => [
    '/',
    `/tickets/${ticketId}`,
    '/tickets/new',
    '/contacts',
    '/organizations',
    '/products',
    `/search?q=${encodeURIComponent('打印机')}`,
    '/admin/sla/policies',
    '/admin/sla/policies/new',
    `/admin/sla/policies/${policyId}`,
    '/admin/sla/policies/00000000-0000-4000-8000-0000000000d1',
    '/admin/sla/calendars',
    '/admin/sla/calendars/new',
    `/admin/sla/calendars/${calendarId}`,
    '/admin/sla/calendars/00000000-0000-4000-8000-000000000247',
    '/admin/team/agents',
    '/admin/team/roles',
    '/admin/team/profiles',
    '/admin/team/profiles/new',
    `/admin/team/profiles/${SHIPPED.agentProfile}`,
    `/admin/team/profiles/${SHIPPED.administratorProfile}`,
    '/admin/team/groups',
    '/admin/team/departments',
    '/admin/team/sharing-rules',
    '/admin/automation/rules',
    '/admin/automation/rules/new',
    `/admin/automation/rules/${ruleId}`,
    '/admin/automation/rules/runs',
    '/admin/no-such-page',
  ];

  for (const { lang, name, zone } of LANGS) {
    it(`shows no English on the list, ticket, new-ticket, customer, search, SLA, Team and Rules screens in ${lang}`, async () => {
      const agent = await cw.newAgent({ admin: true, name, language: lang, timeZone: zone });
      const { context, page } = await cw.signedIn(agent);
      for (const screen of screens()) {
        await page.goto(`${cw.url}${screen}`);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(400);
        expect(await englishLeft(page, lang), `English words on ${screen} in ${lang}`).toEqual([]);
      }
      await page.goto(`${cw.url}/tickets/${ticketId}`);
      await page.waitForLoadState('networkidle');
      await cw.screenshot(page, `ticket-${lang}`);
      await page.goto(`${cw.url}/`);
      await page.waitForLoadState('networkidle');
      await cw.screenshot(page, `list-${lang}`);
      await page.goto(`${cw.url}/admin/team/roles`);
      await page.waitForLoadState('networkidle');
      await cw.screenshot(page, `team-roles-${lang}`);
      await context.close();
    }, 240_000);
  }

  it('switches to Русский from the account menu, remembers it, and shows no English', async () => {
    const agent = await cw.newAgent({ name: '王芳', language: 'zh-CN', timeZone: 'Asia/Shanghai' });
    const { context, page } = await cw.signedIn(agent);
    await page.getByRole('button', { name: '账户菜单' }).click();
    await page.getByRole('textbox', { name: '语言' }).click();
    await page.getByRole('option', { name: 'Русский' }).click();
    await page.getByRole('link', { name: /Все открытые/ }).waitFor();
    await page.keyboard.press('Escape');
    const me = await cw.api<{ agent: { language: string } }>(agent, 'GET', '/api/v1/me');
    expect(me.agent.language).toBe('ru');
    await page.goto(`${cw.url}/tickets/${ticketId}`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    expect(await englishLeft(page, 'ru')).toEqual([]);
    // An address the console does not know: said in Russian, inside the side bar layout.
    await page.goto(`${cw.url}/admin/sla`);
    await page.getByRole('heading', { name: 'Страница не найдена' }).waitFor();
    expect(await page.getByRole('link', { name: /Все открытые/ }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Вернуться к заявкам' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await context.close();
  });
});
