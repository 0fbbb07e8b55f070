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
});
