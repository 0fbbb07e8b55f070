// The agent's notifications in the header (N1): the bell counts what is unread; a notification
// leads to its ticket and is then read; "mark all read" empties the count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyAgents } from '../../server/src/modules/notifications/index.ts';
import { systemClock } from '../../server/src/platform/clock.ts';
import { type Caseway, type E2eAgent, startCaseway } from '../harness.ts';

describe('notifications', () => {
  let cw: Caseway;
  let agent: E2eAgent;
  beforeAll(async () => {
    cw = await startCaseway();
    agent = await cw.newAgent({ name: 'Nora Notified' });
  });
  afterAll(async () => cw?.close());

  it('shows the unread count, leads to the ticket, and marks read', async () => {
    const ticket = await cw.api<{ id: string; number: string; subject: string }>(
      agent,
      'POST',
      '/api/v1/tickets',
      {
        subject: 'Refund not received',
        priority: 'high',
      },
    );
    const about = { metric: 'firstResponse', number: ticket.number, subject: ticket.subject };
    await notifyAgents(cw.database.db, systemClock, [agent.id], {
      kind: 'sla_warning',
      ticketId: ticket.id,
      data: about,
    });
    await notifyAgents(cw.database.db, systemClock, [agent.id], {
      kind: 'sla_breached',
      ticketId: ticket.id,
      data: about,
    });
    const { context, page } = await cw.signedIn(agent);
    try {
      const bell = page.getByRole('button', { name: 'Notifications, 2 unread' });
      await bell.waitFor();
      await bell.click();
      const list = page.getByRole('list', { name: 'Notifications' });
      const breached = list
        .getByRole('listitem')
        .filter({ hasText: `${ticket.number}: First response is overdue` });
      await breached.waitFor();
      expect(await list.getByRole('listitem').filter({ hasText: 'is due soon' }).count()).toBe(1);
      await cw.screenshot(page, 'notifications');
      await breached.click();
      await page.waitForURL(`**/tickets/${ticket.id}`);
      await page.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
      await page.getByRole('button', { name: 'Notifications, 1 unread' }).click();
      await page.getByRole('button', { name: 'Mark all read' }).click();
      await page.getByRole('button', { name: 'Notifications, 0 unread' }).waitFor();
      expect(await page.locator('[data-unread="true"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
