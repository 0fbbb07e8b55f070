// A ticket written by the customer has their first message as its description: the page shows it once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMessage } from '../../server/src/modules/tickets/index.ts';
import { systemClock } from '../../server/src/platform/clock.ts';
import { systemActor } from '../../server/src/platform/context.ts';
import { type Caseway, startCaseway } from '../harness.ts';

describe('the ticket description', () => {
  let cw: Caseway;
  beforeAll(async () => {
    cw = await startCaseway();
  });
  afterAll(async () => cw?.close());

  it('is shown once when it repeats the customer’s first message, and in full otherwise', async () => {
    const text = 'The scanner jams on every second page since the firmware update.';
    const contact = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/contacts', {
      name: 'Dora Scanner',
      emails: ['dora@scan.example'],
    });
    const repeated = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Scanner jams',
      description: text,
      contactId: contact.id,
      channel: 'email',
    });
    await addMessage(
      { db: cw.database.db, clock: systemClock, actor: systemActor('Email'), channel: 'email' },
      repeated.id,
      { kind: 'customer', body: text, authorContactId: contact.id, authorName: 'Dora Scanner' },
    );
    const own = await cw.api<{ id: string }>(cw.admin, 'POST', '/api/v1/tickets', {
      subject: 'Phone call about the scanner',
      description: 'Called in: the scanner needs a new roller.',
    });
    const agent = await cw.newAgent({ name: 'Desi Agent' });
    const { context, page } = await cw.signedIn(agent);
    await page.goto(`${cw.url}/tickets/${repeated.id}`);
    await page.getByRole('article', { name: 'Customer message from Dora Scanner' }).getByText(text).waitFor();
    const description = page.getByRole('region', { name: 'Description' });
    await description.getByText('Same as the customer’s first message').waitFor();
    // Once, as the customer wrote it (the "created" line of the timeline still lists the fields set).
    expect(await description.getByText(text).count()).toBe(0);
    expect(await page.getByRole('article').getByText(text).count()).toBe(1);
    await cw.screenshot(page, 'ticket-description-once');

    await page.goto(`${cw.url}/tickets/${own.id}`);
    await page.getByRole('heading', { name: 'Phone call about the scanner' }).waitFor();
    await description.getByText('Called in: the scanner needs a new roller.').waitFor();
    await context.close();
  });
});
