// Who sees what, on the ticket page: the related team panel (add, remove, recorded in the timeline,
// and the colleague then sees the ticket), and fields the profile makes read-only or hides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED } from '../../server/src/modules/directory/index.ts';
import { type Caseway, startCaseway } from '../harness.ts';

describe('access on the ticket page', () => {
  let cw: Caseway;
  beforeAll(async () => {
    cw = await startCaseway();
  });
  afterAll(async () => cw?.close());

  it('adds a colleague to the related team, who then sees the ticket; removing them takes it away', async () => {
    const ticket = await cw.api<{ id: string; number: string }>(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Warehouse scanner keeps rebooting',
    });
    const colleague = await cw.newAgent({ name: 'Tomasz Team', roleId: SHIPPED.agentRole });
    const theirs = await cw.signedIn(colleague);
    await theirs.page.goto(`${cw.url}/tickets/${ticket.id}`);
    await theirs.page.getByText('This ticket does not exist or you may not see it.').waitFor();

    const mine = await cw.signedIn(cw.admin);
    const page = mine.page;
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    const panel = page.getByRole('region', { name: 'Related team' });
    await panel.getByText('No colleagues added yet.').waitFor();
    await panel.getByRole('textbox', { name: 'Colleague' }).click();
    await page.getByRole('option', { name: 'Tomasz Team' }).click();
    await panel.getByRole('button', { name: 'Add' }).click();
    await panel.getByText('Tomasz Team').waitFor();
    await panel.getByText('Read', { exact: true }).waitFor();
    await page.getByText('added Tomasz Team to the related team (Read)').waitFor();
    await cw.screenshot(page, 'ticket-related-team');

    await theirs.page.goto(`${cw.url}/tickets/${ticket.id}`);
    await theirs.page.getByRole('heading', { name: /Warehouse scanner keeps rebooting/ }).waitFor();

    await panel.getByRole('button', { name: 'Remove Tomasz Team from the related team' }).click();
    await panel.getByText('No colleagues added yet.').waitFor();
    await page.getByText('removed Tomasz Team from the related team').waitFor();
    const res = await fetch(`${cw.url}/api/v1/tickets/${ticket.id}`, {
      headers: { authorization: `Bearer ${colleague.token}` },
    });
    expect(res.status).toBe(404);
    await theirs.context.close();
    await mine.context.close();
  });

  it('shows a field the profile makes read-only as read-only, and leaves a hidden one out', async () => {
    const profile = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/profiles', {
      name: 'Front line',
      copyOf: SHIPPED.agentProfile,
      fieldAccess: { category: 'read_only', priority: 'hidden' },
    });
    const role = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/roles', {
      name: 'Front line agent',
      parentId: SHIPPED.supportManagerRole,
      profileIds: [profile.id],
    });
    const rita = await cw.newAgent({ name: 'Rita Readonly', roleId: role.id, language: 'ru' });
    const ticket = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Сканер не видит штрихкоды',
      ownerAgentId: rita.id,
      priority: 'high',
      severity: 'major',
    });
    const { context, page } = await cw.signedIn(rita);
    await page.goto(`${cw.url}/tickets/${ticket.id}`);
    const note = async (label: string) => {
      const describedBy = await page.getByRole('textbox', { name: label }).getAttribute('aria-describedby');
      return describedBy
        ? ((await page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent()) ?? '')
        : '';
    };
    const category = page.getByRole('textbox', { name: 'Категория' });
    await category.waitFor();
    await expect.poll(() => note('Категория')).toBe('Только просмотр');
    // Clicking it offers nothing to choose; the status opens its list.
    await category.click();
    await page.waitForTimeout(300);
    expect(await page.getByRole('option').count()).toBe(0);
    expect(await note('Статус')).toBe('');
    await page.getByRole('textbox', { name: 'Статус' }).click();
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('Escape');
    // The hidden priority is not on the page at all.
    expect(await page.getByRole('textbox', { name: 'Приоритет' }).count()).toBe(0);
    await cw.screenshot(page, 'ticket-read-only-field-ru');
    // The lists neither sort by nor show it (the default views sort by priority).
    await page.goto(`${cw.url}/`);
    await page.getByRole('link', { name: 'Сканер не видит штрихкоды' }).waitFor();
    expect(await page.getByRole('columnheader', { name: /Приоритет/ }).count()).toBe(0);
    await context.close();
  });

  it('previews the console as an agent: their list, their ticket with the reason, read-only, then back', async () => {
    const vera = await cw.newAgent({ name: 'Vera Preview', roleId: SHIPPED.agentRole });
    const hers = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Label printer jams on every roll',
      ownerAgentId: vera.id,
    });
    const other = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Invoice address is wrong',
    });
    const { context, page } = await cw.signedIn(cw.admin);
    await page.goto(`${cw.url}/`);
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'View as an agent…' }).click();
    const dialog = page.getByRole('dialog', { name: 'View as an agent' });
    await dialog.getByRole('textbox', { name: 'Agent' }).click();
    await page.getByRole('option', { name: 'Vera Preview' }).click();
    await dialog.getByRole('button', { name: 'Start the preview' }).click();

    await page.getByText('Viewing as Vera Preview — read-only preview').waitFor();
    await page.getByRole('link', { name: 'Label printer jams on every roll' }).waitFor();
    await page.getByRole('link', { name: /All open/ }).waitFor();
    expect(await page.getByRole('link', { name: 'Invoice address is wrong' }).count()).toBe(0);
    await cw.screenshot(page, 'view-as-list');

    await page.goto(`${cw.url}/tickets/${hers.id}`);
    const why = page.getByRole('region', { name: 'Why Vera Preview sees this ticket' });
    await why.getByText('Vera Preview sees this ticket and may act on it:').waitFor();
    await why.getByText('owner', { exact: true }).waitFor();
    // Read-only: no composer while previewing.
    expect(await page.getByRole('button', { name: 'Send reply' }).count()).toBe(0);
    await cw.screenshot(page, 'view-as-ticket');

    await page.goto(`${cw.url}/tickets/${other.id}`);
    await page.getByText('Vera Preview does not see this ticket.').waitFor();
    await page
      .getByText('No role, group, department, related team or sharing rule gives them this ticket.')
      .waitFor();

    await page.getByRole('button', { name: 'Exit the preview' }).click();
    await page.getByRole('link', { name: 'Invoice address is wrong' }).waitFor();
    expect(await page.getByText('Viewing as Vera Preview — read-only preview').count()).toBe(0);
    await context.close();
  });
});
