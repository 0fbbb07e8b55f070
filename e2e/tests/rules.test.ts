// Rules as an administrator builds them: a routing rule made in the editor (on new tickets whose
// subject contains 保修: priority high and the tag warranty), tried with a dry run on a ticket already
// there, saved, switched on in the list, and then seen acting on a new ticket (its fields and its
// timeline). The order of rules survives a reload; in Русский the screens show no English.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, SCREENSHOTS, startCaseway } from '../harness.ts';

interface Ticket {
  id: string;
  number: string;
  priority: string;
  tags: string[];
}
interface Rule {
  id: string;
  name: string;
  active: boolean;
  version: number;
}

/** Latin-script words that may stand in any language: the brand, product terms, key names. */
const ALLOWED = new Set([
  'Caseway',
  'SLA',
  'API',
  'VIP',
  'URL',
  'Enter',
  'TT',
  // The glossary's term for webhooks in Chinese (the side bar shows it).
  'Webhook',
  // Data: the tag the first test's rule gave its tickets (a dry run lists them).
  'warranty',
]);
/** A note's placeholders ({{ticket.number}}) are syntax, the same in every language. */
const PLACEHOLDERS = /\{\{[\w.]+\}\}/g;

/** Polls for longer than Vitest's default second: the first screens of a run load slowly. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

/** The whole page: the window grows to the content's height (the shell's header is fixed). */
async function shot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1400, height: 900 };
  const height = await page.evaluate(() =>
    Math.max(...[...document.querySelectorAll('main, main *')].map((e) => e.scrollHeight), 0),
  );
  await page.setViewportSize({
    width: size.width,
    height: Math.min(Math.max(height + 80, size.height), 4000),
  });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
  await page.setViewportSize(size);
}

describe('rules in the console', () => {
  let cw: Caseway;
  beforeAll(async () => {
    cw = await startCaseway();
  });
  afterAll(async () => cw?.close());

  it('lets an administrator build a rule, dry-run it, switch it on and see it act on a new ticket', async () => {
    const admin = await cw.newAgent({ admin: true, name: 'Rita Rules' });
    // A ticket already there that the rule will match in the dry run, and one it will not.
    const seeded = await cw.api<Ticket>(admin, 'POST', '/api/v1/tickets', {
      subject: '耳机保修问题',
      priority: 'normal',
    });
    await cw.api<Ticket>(admin, 'POST', '/api/v1/tickets', {
      subject: 'Invoice address',
      priority: 'normal',
    });

    const { context, page } = await cw.signedIn(admin);
    const nav = page.getByRole('navigation');
    await nav.getByText('Automation').waitFor();
    await nav.getByRole('link', { name: 'Rules' }).click();
    await page.getByRole('heading', { name: 'Rules' }).waitFor();
    await page.getByText('No rules yet.').waitFor();
    await page.getByRole('link', { name: 'New rule' }).click();
    await page.getByRole('heading', { name: 'New rule' }).waitFor();

    await page.getByRole('textbox', { name: 'Name' }).fill('Warranty requests');
    // The trigger: when a ticket is created (the default event).
    await poll(() => page.getByRole('textbox', { name: 'Event' }).inputValue()).toBe(
      'When a ticket is created',
    );

    // The condition: the subject contains any of the words 保修.
    await page.getByRole('button', { name: '+ Condition' }).click();
    await page.getByRole('textbox', { name: 'Field of condition 1' }).click();
    await page.getByRole('option', { name: 'Subject', exact: true }).click();
    await page.getByRole('textbox', { name: 'Comparison for Subject' }).click();
    await page.getByRole('option', { name: 'contains any of' }).click();
    const words = page.getByRole('textbox', { name: 'Value for Subject' });
    await words.fill('保修');
    await words.press('Enter');

    // The actions: set the priority to High, then add the tag warranty.
    await page.getByRole('button', { name: 'Add an action' }).click();
    const first = page.getByRole('group', { name: 'Action 1' });
    await first.getByRole('textbox', { name: 'Field', exact: true }).click();
    await page.getByRole('option', { name: 'Priority', exact: true }).click();
    await first.getByRole('textbox', { name: 'Value of action 1' }).click();
    await page.getByRole('option', { name: 'High', exact: true }).click();
    await page.getByRole('button', { name: 'Add an action' }).click();
    const second = page.getByRole('group', { name: 'Action 2' });
    await second.getByRole('textbox', { name: 'Type of action 2' }).click();
    await page.getByRole('option', { name: 'Add tags' }).click();
    // Saved without a tag: the server's problem appears beside the tags input.
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await second.getByText('must list 1 to 20 tags').waitFor();
    const tags = second.getByRole('textbox', { name: 'Tags' });
    await tags.fill('warranty');
    await tags.press('Enter');
    await shot(page, 'rule-editor');

    // The dry run: the seeded ticket would match, and its priority and tags would change.
    await page.getByRole('button', { name: 'Start the dry run' }).click();
    const dry = page.getByTestId('dry-run');
    await dry
      .getByTestId('dry-run-progress')
      .getByText(/2 of 2 tickets tried, 1 would match\. All tried\./)
      .waitFor();
    const match = dry.locator(`tr[data-match="${seeded.id}"]`);
    await match.getByText(seeded.number).waitFor();
    expect((await match.locator('[data-change="priority"]').innerText()).replace(/\s+/g, ' ')).toBe(
      'Priority: Normal → High',
    );
    expect((await match.locator('[data-change="tags"]').innerText()).replace(/\s+/g, ' ')).toBe(
      'Tags: (none) → warranty',
    );
    expect(await dry.locator('tr[data-match]').count()).toBe(1);
    await shot(page, 'rule-dry-run');
    // Nothing was written.
    const untouched = await cw.api<Ticket>(admin, 'GET', `/api/v1/tickets/${seeded.id}`);
    expect(untouched).toMatchObject({ priority: 'normal', tags: [] });

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Rules' }).waitFor();
    const row = page.locator('tr', { hasText: 'Warranty requests' });
    await row.getByText('When a ticket is created').waitFor();
    await row.getByText('Not run yet').waitFor();
    const toggle = row.getByRole('switch', { name: 'Warranty requests on' });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click({ force: true });
    await poll(
      async () => (await cw.api<{ items: Rule[] }>(admin, 'GET', '/api/v1/rules')).items[0]?.active,
    ).toBe(true);
    await poll(() => toggle.isChecked()).toBe(true);

    // A new ticket with 保修 in its subject: the rule sets its priority and tag, and says so.
    const fresh = await cw.api<Ticket>(admin, 'POST', '/api/v1/tickets', {
      subject: '笔记本电脑保修申请',
      priority: 'low',
    });
    const now = await cw.api<Ticket>(admin, 'GET', `/api/v1/tickets/${fresh.id}`);
    expect(now.priority).toBe('high');
    expect(now.tags).toContain('warranty');
    await page.goto(`${cw.url}/tickets/${fresh.id}`);
    await page.getByText('Rule “Warranty requests” applied').waitFor();
    await page.locator('[data-priority="high"]').first().waitFor();
    await page.getByText('warranty', { exact: true }).first().waitFor();

    // The list says when it last matched; the run log shows the run with its actions.
    await page.goto(`${cw.url}/admin/automation/rules`);
    await page
      .locator('tr', { hasText: 'Warranty requests' })
      .getByText(/^Matched /)
      .waitFor();
    await page.getByRole('link', { name: 'Run log' }).click();
    await page.getByRole('heading', { name: 'Rule run log' }).waitFor();
    const run = page.getByRole('table', { name: 'Rule runs' }).locator('tr[data-run]').first();
    await run.getByText(fresh.number).waitFor();
    await run.getByText('Set Priority, Tags').waitFor();
    await shot(page, 'rule-run-log');
    // From the run to its rule, and back to the log of that rule only.
    await run.getByRole('link', { name: 'Warranty requests' }).click();
    await page.getByRole('heading', { name: 'Warranty requests' }).waitFor();
    await page.getByRole('link', { name: 'Run log of this rule' }).click();
    await page.getByRole('heading', { name: 'Rule run log' }).waitFor();
    await poll(() => page.getByRole('textbox', { name: 'Rule', exact: true }).inputValue()).toBe(
      'Warranty requests',
    );
    await context.close();
  }, 120_000);

  it('keeps the order the administrator gives the rules after a reload', async () => {
    const admin = await cw.newAgent({ admin: true, name: 'Otto Order' });
    const { items: before } = await cw.api<{ items: Rule[] }>(admin, 'GET', '/api/v1/rules');
    for (const name of ['Escalate VIP tickets', 'Tag refunds']) {
      await cw.api(admin, 'POST', '/api/v1/rules', {
        name,
        trigger: { type: 'created' },
        actions: [{ type: 'add_tags', tags: ['x'] }],
      });
    }
    const { context, page } = await cw.signedIn(admin);
    await page.goto(`${cw.url}/admin/automation/rules`);
    const names = () =>
      page.getByRole('table', { name: 'Rules in the order they run' }).locator('tbody tr a').allInnerTexts();
    await poll(names).toEqual([...before.map((r) => r.name), 'Escalate VIP tickets', 'Tag refunds']);

    // By keyboard: focus the move button and press it.
    const up = page.getByRole('button', { name: 'Move Tag refunds up' });
    await up.focus();
    await page.keyboard.press('Enter');
    await poll(names).toEqual([...before.map((r) => r.name), 'Tag refunds', 'Escalate VIP tickets']);
    await poll(async () =>
      (await cw.api<{ items: Rule[] }>(admin, 'GET', '/api/v1/rules')).items.map((r) => r.name),
    ).toEqual([...before.map((r) => r.name), 'Tag refunds', 'Escalate VIP tickets']);
    await page.reload();
    await poll(names).toEqual([...before.map((r) => r.name), 'Tag refunds', 'Escalate VIP tickets']);

    // By dragging a row's handle with the mouse: Escalate VIP tickets back above Tag refunds.
    const handle = page.getByRole('button', { name: 'Drag Escalate VIP tickets to change the order' });
    const from = (await handle.boundingBox())!;
    const target = (await page.locator('tr', { hasText: 'Tag refunds' }).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++)
      await page.mouse.move(from.x + from.width / 2, from.y + ((target.y + 4 - from.y) * step) / 10);
    await page.mouse.up();
    await poll(names).toEqual([...before.map((r) => r.name), 'Escalate VIP tickets', 'Tag refunds']);
    await poll(async () =>
      (await cw.api<{ items: Rule[] }>(admin, 'GET', '/api/v1/rules')).items.map((r) => r.name),
    ).toEqual([...before.map((r) => r.name), 'Escalate VIP tickets', 'Tag refunds']);

    // Someone else changes a rule meanwhile: switching it on says so and shows the rule as it is.
    const refunds = (await cw.api<{ items: Rule[] }>(admin, 'GET', '/api/v1/rules')).items.find(
      (r) => r.name === 'Tag refunds',
    )!;
    await cw.api(admin, 'PATCH', `/api/v1/rules/${refunds.id}`, {
      version: refunds.version,
      description: 'Changed elsewhere',
    });
    const refundsRow = page.locator('tr', { hasText: 'Tag refunds' });
    await refundsRow.getByRole('switch', { name: 'Tag refunds on' }).click({ force: true });
    await page.getByRole('alert').getByText('Tag refunds was changed by someone else meanwhile').waitFor();
    await refundsRow.getByText('Changed elsewhere').waitFor();
    expect(await refundsRow.getByRole('switch', { name: 'Tag refunds on' }).isChecked()).toBe(false);

    // A time-based trigger, built in the editor, in words in the list.
    await page.getByRole('link', { name: 'Escalate VIP tickets' }).click();
    await page.getByRole('heading', { name: 'Escalate VIP tickets' }).waitFor();
    await page.getByText('After a time', { exact: true }).click();
    await page.getByRole('textbox', { name: 'How long' }).fill('3');
    await page.getByRole('textbox', { name: 'After' }).click();
    await page.getByRole('option', { name: 'the customer’s last message' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .locator('tr', { hasText: 'Escalate VIP tickets' })
      .getByText('3 hours after the customer’s last message, in calendar time')
      .waitFor();
    await shot(page, 'rule-list');
    await context.close();
  });

  it('dry-runs a rule over many tickets a page at a time, showing progress, and goes on when asked', async () => {
    const admin = await cw.newAgent({ admin: true, name: 'Paula Pages' });
    for (let batch = 0; batch < 11; batch++)
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          cw.api(admin, 'POST', '/api/v1/tickets', { subject: `Bulk ${batch * 10 + i}` }),
        ),
      );
    const { context, page } = await cw.signedIn(admin);
    await page.goto(`${cw.url}/admin/automation/rules/new`);
    await page.getByRole('heading', { name: 'New rule' }).waitFor();
    await page.getByRole('button', { name: 'Add an action' }).click();
    await page
      .getByRole('group', { name: 'Action 1' })
      .getByRole('textbox', { name: 'Type of action 1' })
      .click();
    await page.getByRole('option', { name: 'Add tags' }).click();
    const tags = page.getByRole('group', { name: 'Action 1' }).getByRole('textbox', { name: 'Tags' });
    await tags.fill('bulk');
    await tags.press('Enter');
    await page.getByRole('button', { name: 'Start the dry run' }).click();
    const progress = page.getByTestId('dry-run-progress');
    // The first page of 100 has more than a screenful of matches: it pauses there.
    await progress.getByText(/^100 of \d+ tickets tried, 100 would match\.$/).waitFor();
    expect(await page.getByTestId('dry-run').locator('tr[data-match]').count()).toBe(100);
    await page.getByRole('button', { name: 'Go on' }).click();
    await progress.getByText(/All tried\.$/).waitFor();
    const total = Number(/of (\d+) tickets/.exec(await progress.innerText())?.[1]);
    expect(total).toBeGreaterThanOrEqual(110);
    expect(await page.getByTestId('dry-run').locator('tr[data-match]').count()).toBe(total);
    await poll(() => page.getByRole('button', { name: 'Go on' }).count()).toBe(0);
    await context.close();
  });

  const LANGS = [
    {
      lang: 'ru',
      label: 'Русский',
      name: 'Ирина Правилова',
      zone: 'Europe/Moscow',
      rule: 'Гарантийные заявки',
      reminder: 'Напоминание через два дня',
      timeSummary: 'Через 2 дня без какой-либо активности по заявке, в календарном времени',
      matched: /^Сработало /,
      heading: 'Правила',
      dryRun: 'Начать пробный запуск',
      allTried: /Проверены все/,
      runsHeading: 'Журнал запусков правил',
      runsTable: 'Запуски правил',
    },
    {
      lang: 'zh-CN',
      label: '简体中文',
      name: '周规则',
      zone: 'Asia/Shanghai',
      rule: '保修工单',
      reminder: '两天无动静提醒',
      timeSummary: '工单无任何活动 2 天，按自然时间计',
      matched: /^匹配于/,
      heading: '规则',
      dryRun: '开始试运行',
      allTried: /全部试完/,
      runsHeading: '规则运行记录',
      runsTable: '规则运行',
    },
  ] as const;

  for (const l of LANGS) {
    it(`shows the rule screens in ${l.label} without English words`, async () => {
      const admin = await cw.newAgent({ admin: true, name: l.name, language: l.lang, timeZone: l.zone });
      const { items } = await cw.api<{ items: Rule[] }>(admin, 'GET', '/api/v1/rules');
      for (const r of items) await cw.api(admin, 'DELETE', `/api/v1/rules/${r.id}`);
      const rule = await cw.api<Rule>(admin, 'POST', '/api/v1/rules', {
        name: l.rule,
        trigger: { type: 'created' },
        condition: { field: 'subject', op: 'contains_any', value: ['гарантия', '保修'] },
        actions: [
          { type: 'set_field', field: 'priority', value: 'high' },
          { type: 'add_tags', tags: ['гарантия'] },
        ],
        active: true,
      });
      await cw.api(admin, 'POST', '/api/v1/rules', {
        name: l.reminder,
        trigger: { type: 'time', after: 'inactive', amount: 2, unit: 'days', calendarId: null },
        actions: [{ type: 'add_note', body: '{{ticket.number}}' }],
      });
      await cw.api(admin, 'POST', '/api/v1/tickets', { subject: 'гарантия 保修' });
      const { context, page } = await cw.signedIn(admin);
      const englishLeft = async () => {
        const text = (await page.evaluate(() => document.body.innerText)).replace(PLACEHOLDERS, ' ');
        const found = text.match(/[A-Za-z][A-Za-z'’]{2,}/g) ?? [];
        return [...new Set(found.filter((w) => !ALLOWED.has(w) && !/^TT\d*$/.test(w)))];
      };

      await page.goto(`${cw.url}/admin/automation/rules`);
      await page.getByRole('heading', { name: l.heading, exact: true }).waitFor();
      await page.getByText(l.timeSummary).waitFor();
      await page.locator('tr', { hasText: l.rule }).getByText(l.matched).waitFor();
      expect(await englishLeft()).toEqual([]);
      await shot(page, `rule-list-${l.lang}`);

      await page.goto(`${cw.url}/admin/automation/rules/${rule.id}`);
      await page.getByRole('heading', { name: l.rule }).waitFor();
      await page.getByRole('button', { name: l.dryRun }).click();
      await page.getByTestId('dry-run-progress').getByText(l.allTried).waitFor();
      await page.getByTestId('dry-run').locator('[data-change="priority"]').first().waitFor();
      expect(await englishLeft()).toEqual([]);
      await shot(page, `rule-editor-${l.lang}`);

      await page.goto(`${cw.url}/admin/automation/rules/runs`);
      await page.getByRole('heading', { name: l.runsHeading }).waitFor();
      await page.getByRole('table', { name: l.runsTable }).locator('tr[data-run]').first().waitFor();
      expect(await englishLeft()).toEqual([]);
      await shot(page, `rule-run-log-${l.lang}`);
      await context.close();
    });
  }
});
