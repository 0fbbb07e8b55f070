import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, startCaseway } from '../harness.ts';

describe('saved views', () => {
  let cw: Caseway;
  beforeAll(async () => {
    cw = await startCaseway();
    const make = (subject: string, priority: string, channel: string) =>
      cw.api(cw.admin, 'POST', '/api/v1/tickets', { subject, priority, channel });
    await make('Phone: printer smoking', 'urgent', 'phone');
    await make('Phone: router down for the whole office', 'urgent', 'phone');
    await make('Phone: cannot log in', 'urgent', 'phone');
    await make('Email: invoice missing', 'urgent', 'email');
    await make('Phone: question about colours', 'low', 'phone');
  });
  afterAll(async () => cw?.close());

  it('saves a shared view with two filters and shows its count in the side bar, for every agent', async () => {
    const { context, page } = await cw.signedIn(cw.admin);
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: '+ New view' }).click();
    await page.getByRole('heading', { name: 'New view' }).waitFor();

    await page.getByLabel('Name').fill('Urgent phone calls');
    await page.getByRole('switch', { name: 'Shared with every agent' }).check();

    // The editor starts from "open tickets"; replace that with two filters of our own.
    await page.getByRole('button', { name: 'Remove the condition on Open' }).click();
    await page.getByRole('button', { name: '+ Condition' }).click();
    await page.getByRole('textbox', { name: 'Field of condition 1' }).click();
    await page.getByRole('option', { name: 'Priority' }).click();
    await page.getByRole('textbox', { name: 'Value for Priority' }).click();
    await page.getByRole('option', { name: 'Urgent' }).click();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: '+ Condition' }).click();
    await page.getByRole('textbox', { name: 'Field of condition 2' }).click();
    await page.getByRole('option', { name: 'Channel' }).click();
    await page.getByRole('textbox', { name: 'Value for Channel' }).click();
    await page.getByRole('option', { name: 'Phone' }).click();
    await page.keyboard.press('Escape');

    await page.getByText('3 tickets match now').waitFor();
    await cw.screenshot(page, 'view-editor');
    await page.getByRole('button', { name: 'Save view' }).click();

    const link = nav.getByRole('link', { name: /Urgent phone calls/ });
    await link.waitFor();
    await expect.poll(async () => (await link.textContent()) ?? '').toContain('3');
    await page.getByRole('heading', { name: 'Urgent phone calls' }).waitFor();
    await page.getByRole('link', { name: 'Phone: printer smoking' }).waitFor();
    expect(await page.getByRole('link', { name: 'Email: invoice missing' }).count()).toBe(0);
    await cw.screenshot(page, 'saved-view-list');
    await context.close();

    const views = await cw.api<{ items: Array<{ name: string; shared: boolean; condition: unknown }> }>(
      cw.admin,
      'GET',
      '/api/v1/views',
    );
    expect(views.items.find((v) => v.name === 'Urgent phone calls')).toMatchObject({
      shared: true,
      condition: {
        all: [
          { field: 'priority', op: 'in', value: ['urgent'] },
          { field: 'channel', op: 'in', value: ['phone'] },
        ],
      },
    });

    const colleague = await cw.newAgent({ name: 'Colin Colleague' });
    const other = await cw.signedIn(colleague);
    const theirs = other.page.getByRole('navigation').getByRole('link', { name: /Urgent phone calls/ });
    await theirs.waitFor();
    await expect.poll(async () => (await theirs.textContent()) ?? '').toContain('3');
    await other.context.close();
  });

  it('says which condition is incomplete or refused, beside that condition', async () => {
    const { context, page } = await cw.signedIn(cw.admin);
    await page.goto(`${cw.url}/views/edit`);
    await page.getByLabel('Name').fill('Backwards dates');
    await page.getByRole('button', { name: '+ Condition' }).click();
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('alert').filter({ hasText: 'not complete' }).waitFor();

    await page.getByRole('textbox', { name: 'Field of condition 2' }).click();
    await page.getByRole('option', { name: 'Created' }).click();
    await page.getByRole('textbox', { name: 'Comparison for Created' }).click();
    await page.getByRole('option', { name: 'is between' }).click();
    await page.getByLabel('Created from').fill('2026-05-02T10:00');
    await page.getByLabel('Created to').fill('2026-05-01T10:00');
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('alert').filter({ hasText: 'not saved' }).waitFor();
    // The server's message also appears under the condition's value.
    const row = page.locator('[data-condition]').nth(1);
    await row.getByText('the low end must not be after the high end').waitFor();
    await context.close();
  });
});
