// The owner pickers (ticket page, bulk update, new ticket) offer "me" first, then the members of the
// ticket's group, then everyone else by name in the agent's language, and can be searched.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, type E2eAgent, startCaseway } from '../harness.ts';

const optionsOf = async (page: Page) => {
  await page.getByRole('option').first().waitFor();
  return page.getByRole('listbox').getByRole('option').allTextContents();
};

describe('the owner picker', () => {
  let cw: Caseway;
  let me: E2eAgent;
  let groupId: string;
  beforeAll(async () => {
    cw = await startCaseway();
    me = await cw.newAgent({ name: 'Mia Me' });
    for (const name of ['Zoe Zed', 'émile Roux', 'Bob Brown', 'Ana Álvarez']) await cw.newAgent({ name });
    const yann = await cw.newAgent({ name: 'Yann Member' });
    const xavier = await cw.newAgent({ name: 'Xavier Member' });
    const group = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/groups', {
      name: 'Printers',
      memberIds: [yann.id, xavier.id],
    });
    groupId = group.id;
  });
  afterAll(async () => cw?.close());

  it('orders owners: me, the group’s members, then the rest by name — on the ticket page, in bulk and on a new ticket', async () => {
    const ticket = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Printer offline',
      ownerGroupId: groupId,
    });
    const { context, page } = await cw.signedIn(me);
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    await page.getByRole('heading', { name: 'Printer offline' }).waitFor();
    const header = page.getByRole('region', { name: 'Ticket' });
    await header.getByRole('textbox', { name: 'Owner' }).click();
    expect(await optionsOf(page)).toEqual([
      'Mia Me (me)',
      'Xavier Member',
      'Yann Member',
      'Ada Admin',
      'Ana Álvarez',
      'Bob Brown',
      'émile Roux',
      'Zoe Zed',
    ]);
    // Searchable: typing narrows the list.
    await header.getByRole('textbox', { name: 'Owner' }).fill('zed');
    await page.getByRole('option', { name: 'Zoe Zed' }).waitFor();
    expect(await page.getByRole('listbox').getByRole('option').count()).toBe(1);
    await page.keyboard.press('Escape');

    // Bulk update: no group chosen, so me and then everyone by name.
    await page.goto(`${cw.url}/`);
    await page.locator('tbody tr[data-ticket-id]').first().getByRole('checkbox').click();
    await page.getByRole('button', { name: 'Edit selected…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Owner' }).click();
    const bulk = await optionsOf(page);
    expect(bulk.slice(0, 3)).toEqual(['Nobody (unassign)', 'Mia Me (me)', 'Ada Admin']);
    expect(bulk.at(-1)).toBe('Zoe Zed');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    // New ticket: choosing the group brings its members up.
    await page.goto(`${cw.url}/tickets/new`);
    await page.getByRole('textbox', { name: 'Group' }).click();
    await page.getByRole('option', { name: 'Printers' }).click();
    await page.getByRole('textbox', { name: 'Owner' }).click();
    expect((await optionsOf(page)).slice(0, 4)).toEqual([
      'Mia Me (me)',
      'Xavier Member',
      'Yann Member',
      'Ada Admin',
    ]);
    await context.close();
  });
});
