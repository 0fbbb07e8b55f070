// Macros as an agent uses them: create one under My macros (priority, a tag, a reply), apply it
// from a ticket page after seeing the preview, then to three tickets selected in the list, each
// with its result. In 简体中文 the macro screens show no English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, type E2eAgent, startCaseway } from '../harness.ts';

interface TicketDto {
  id: string;
  number: string;
  subject: string;
  priority: string;
  tags: string[];
}

interface TimelinePage {
  items: Array<{ type: string; message?: { kind: string; body: string } }>;
}

/** Latin-script words that may stand in any language: the brand, key names, data (the harness's Ada Admin). */
const ALLOWED = new Set(['Caseway', 'Ctrl', 'Shift', 'Enter', 'SLA', 'VIP', 'API', 'TT', 'Ada', 'Admin']);

async function replies(cw: Caseway, who: E2eAgent, id: string): Promise<string[]> {
  const page = await cw.api<TimelinePage>(who, 'GET', `/api/v1/tickets/${id}/timeline`);
  return page.items.filter((i) => i.message?.kind === 'reply').map((i) => i.message!.body);
}

describe('macros in the console', () => {
  let cw: Caseway;
  let mia: E2eAgent;
  const tickets: TicketDto[] = [];
  beforeAll(async () => {
    cw = await startCaseway();
    mia = await cw.newAgent({ name: 'Mia Macro' });
    for (const subject of ['Warranty card lost', 'Screen cracked', 'Battery drains', 'Charger broken']) {
      const t = await cw.api<TicketDto>(cw.admin, 'POST', '/api/v1/tickets', { subject });
      tickets.push(t);
    }
  });
  afterAll(async () => cw?.close());

  it('lets an agent create a macro, preview and apply it on a ticket, then apply it to three selected tickets', async () => {
    const { context, page } = await cw.signedIn(mia);
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'My macros' }).click();
    await page.getByRole('heading', { name: 'My macros' }).waitFor();
    await page.getByText('No macros yet.').waitFor();

    await page.getByRole('button', { name: 'New macro' }).click();
    const form = page.getByRole('dialog', { name: 'New macro' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Warranty first answer');
    // Only administrators share macros: an agent's is personal, without the switch.
    expect(await form.getByRole('switch').count()).toBe(0);
    // The action builder shared with rules: each action a group with its type and inputs.
    const add = form.getByRole('button', { name: 'Add an action' });
    await add.click();
    const first = form.getByRole('group', { name: 'Action 1' });
    await first.getByRole('textbox', { name: 'Field', exact: true }).click();
    await page.getByRole('option', { name: 'Priority', exact: true }).click();
    await first.getByRole('textbox', { name: 'Value of action 1' }).click();
    await page.getByRole('option', { name: 'High', exact: true }).click();
    await add.click();
    const second = form.getByRole('group', { name: 'Action 2' });
    await second.getByRole('textbox', { name: 'Type of action 2' }).click();
    await page.getByRole('option', { name: 'Add tags' }).click();
    // Saved without a tag: the server's problem appears in that action, beside its tags.
    await form.getByRole('button', { name: 'Save' }).click();
    await second.getByText('must list 1 to 20 tags').waitFor();
    const tagInput = second.getByRole('textbox', { name: 'Tags' });
    await tagInput.fill('warranty');
    await tagInput.press('Enter');
    await add.click();
    const third = form.getByRole('group', { name: 'Action 3' });
    await third.getByRole('textbox', { name: 'Type of action 3' }).click();
    await page.getByRole('option', { name: 'Reply with text' }).click();
    await third
      .getByRole('textbox', { name: 'Reply text of action 3' })
      .fill('Hello, please send us the receipt for {{ticket.number}}.');
    await cw.screenshot(page, 'macro-form');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'hidden' });
    const row = page.locator('tr[data-macro="Warranty first answer"]');
    await row.getByText('Personal').waitFor();
    await row.getByText('Reply with text').waitFor();
    await cw.screenshot(page, 'macros-page');

    // On a ticket: the preview first, then apply.
    const one = tickets[0]!;
    await page.goto(`${cw.url}/tickets/${one.id}`);
    await page.getByRole('button', { name: 'Apply macro' }).click();
    const picker = page.getByRole('dialog', { name: 'Apply a macro' });
    await picker.getByRole('textbox', { name: 'Find a macro' }).fill('warranty');
    await picker.locator('[data-macro="Warranty first answer"]').click();
    const preview = page.getByRole('dialog', { name: 'Apply “Warranty first answer”' });
    const changes = preview.getByTestId('macro-preview');
    const priority = changes.locator('tr[data-change="priority"]');
    await priority.getByText('Normal').waitFor();
    await priority.getByText('High').waitFor();
    await changes.locator('tr[data-change="tags"]').getByText('warranty').waitFor();
    await changes.getByText(`Hello, please send us the receipt for ${one.number}.`).waitFor();
    await cw.screenshot(page, 'macro-preview');
    // The preview wrote nothing.
    expect((await cw.api<TicketDto>(mia, 'GET', `/api/v1/tickets/${one.id}`)).priority).toBe('normal');
    expect(await replies(cw, mia, one.id)).toEqual([]);
    await preview.getByRole('button', { name: 'Apply', exact: true }).click();
    await preview.waitFor({ state: 'hidden' });
    await page.getByText('Macro “Warranty first answer” applied').waitFor();
    const applied = await cw.api<TicketDto>(mia, 'GET', `/api/v1/tickets/${one.id}`);
    expect(applied).toMatchObject({ priority: 'high', tags: ['warranty'] });
    expect(await replies(cw, mia, one.id)).toEqual([`Hello, please send us the receipt for ${one.number}.`]);
    // The page shows the change without a reload.
    await page.locator('[data-priority="high"]').first().waitFor();

    // The composer's macro button opens the same picker.
    await page.getByRole('button', { name: 'Macro…' }).click();
    await page.getByRole('dialog', { name: 'Apply a macro' }).waitFor();
    await page.keyboard.press('Escape');

    // Three tickets selected in the list.
    await page.goto(`${cw.url}/?view=all`);
    const rows = page.locator('tbody tr[data-ticket-id]');
    for (const t of tickets.slice(1)) await rows.filter({ hasText: t.subject }).getByRole('checkbox').click();
    await page.getByText('3 selected').waitFor();
    await page.getByRole('button', { name: 'Apply macro…' }).click();
    const bulk = page.getByRole('dialog', { name: 'Apply a macro to 3 tickets' });
    await bulk.locator('[data-macro="Warranty first answer"]').click();
    await page
      .getByRole('dialog', { name: 'Apply “Warranty first answer”' })
      .getByRole('button', { name: 'Apply to 3 tickets' })
      .click();
    const results = page.getByRole('dialog', { name: 'Applied: 3 · Not applied: 0' });
    await results.waitFor();
    expect(await results.locator('tr[data-result="applied"]').count()).toBe(3);
    await cw.screenshot(page, 'macro-bulk-results');
    await results.getByRole('button', { name: 'Done' }).click();
    for (const t of tickets.slice(1)) {
      const now = await cw.api<TicketDto>(mia, 'GET', `/api/v1/tickets/${t.id}`);
      expect(now).toMatchObject({ priority: 'high', tags: ['warranty'] });
      expect(await replies(cw, mia, t.id)).toHaveLength(1);
    }
    const { items } = await cw.api<{ items: Array<{ name: string; usageCount: number }> }>(
      mia,
      'GET',
      '/api/v1/macros',
    );
    expect(items.find((m) => m.name === 'Warranty first answer')?.usageCount).toBe(4);
    await context.close();
  });

  it('shows the macro screens in 简体中文 without English words', async () => {
    const wang = await cw.newAgent({ name: '王芳', language: 'zh-CN', timeZone: 'Asia/Shanghai' });
    await cw.api(wang, 'POST', '/api/v1/macros', {
      name: '保修首次答复',
      actions: [
        { type: 'set_field', field: 'priority', value: 'high' },
        { type: 'add_tags', tags: ['保修'] },
        { type: 'add_note', body: '已请客户提供发票。' },
        { type: 'reply', body: '您好，请提供 {{ticket.number}} 的购买凭证。' },
      ],
    });
    const ticket = await cw.api<TicketDto>(cw.admin, 'POST', '/api/v1/tickets', { subject: '耳机没有声音' });
    const { context, page } = await cw.signedIn(wang);
    const englishLeft = async () => {
      // Template placeholders ({{ticket.number}}) are syntax, typed the same in every language.
      const text = (await page.evaluate(() => document.body.innerText)).replace(/\{\{[\w.]+\}\}/g, ' ');
      const words = text.match(/[A-Za-z][A-Za-z'’]{2,}/g) ?? [];
      return [...new Set(words.filter((w) => !ALLOWED.has(w) && !/^TT\d*$/.test(w)))];
    };

    await page.goto(`${cw.url}/account/macros`);
    await page.getByRole('heading', { name: '我的宏' }).waitFor();
    await page.locator('tr[data-macro="保修首次答复"]').getByText('个人').waitFor();
    expect(await englishLeft()).toEqual([]);
    await page.getByRole('button', { name: '编辑' }).click();
    await page
      .getByRole('dialog', { name: '编辑宏' })
      .getByRole('textbox', { name: '操作 4 的回复文本' })
      .waitFor();
    expect(await englishLeft()).toEqual([]);
    await cw.screenshot(page, 'macro-form-zh-CN');
    await page.keyboard.press('Escape');

    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    await page.getByRole('button', { name: '应用宏' }).click();
    await page.getByRole('dialog', { name: '应用宏' }).locator('[data-macro="保修首次答复"]').click();
    const preview = page.getByRole('dialog', { name: '应用“保修首次答复”' });
    await preview.getByText(`您好，请提供 ${ticket.number} 的购买凭证。`).waitFor();
    await preview.locator('tr[data-change="priority"]').getByText('高').waitFor();
    expect(await englishLeft()).toEqual([]);
    await cw.screenshot(page, 'macro-preview-zh-CN');
    await preview.getByRole('button', { name: '应用', exact: true }).click();
    await page.getByText('已应用宏“保修首次答复”').waitFor();
    expect(await englishLeft()).toEqual([]);
    await context.close();
  });

  it('shows the macro form in Русский with the action builder shared with rules', async () => {
    const olga = await cw.newAgent({ name: 'Ольга Макросова', language: 'ru', timeZone: 'Europe/Moscow' });
    await cw.api(olga, 'POST', '/api/v1/macros', {
      name: 'Гарантия: первый ответ',
      actions: [
        { type: 'set_field', field: 'priority', value: 'high' },
        { type: 'add_tags', tags: ['гарантия'] },
        { type: 'add_team_member', agentId: olga.id, access: 'read' },
        { type: 'add_note', body: 'Клиента попросили прислать чек.' },
        { type: 'reply', body: 'Здравствуйте! Пришлите, пожалуйста, чек по заявке {{ticket.number}}.' },
      ],
    });
    const { context, page } = await cw.signedIn(olga);
    await page.goto(`${cw.url}/account/macros`);
    await page.locator('tr[data-macro="Гарантия: первый ответ"]').waitFor();
    await page.getByRole('button', { name: 'Изменить' }).click();
    const form = page.getByRole('dialog');
    await form
      .getByRole('group', { name: 'Действие 5' })
      .getByRole('textbox', { name: 'Текст ответа в действии 5' })
      .waitFor();
    await form.getByTestId('note-placeholders').waitFor();
    await cw.screenshot(page, 'macro-form-ru');
    await context.close();
  });
});
