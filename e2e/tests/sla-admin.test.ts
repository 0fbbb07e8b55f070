// SLA administration (S1, S2) as an administrator sees it: a business-hours calendar built in the
// weekly grid, holidays pasted in, the preview's due time, the server's word on a bad interval, and
// a policy on that calendar tried before the default.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caseway, type E2eAgent, startCaseway } from '../harness.ts';

interface Calendar {
  id: string;
  name: string;
  version: number;
  definition: { timezone: string; week: Record<string, string[][]>; holidays: string[] };
}
interface Policy {
  id: string;
  name: string;
  isDefault: boolean;
  condition: unknown;
  targets: Record<string, Record<string, { minutes: number; calendarId: string }>>;
}

const SPLIT_SHIFT = [
  ['09:00', '12:00'],
  ['13:00', '17:00'],
];

/** The start and end inputs of one interval of a weekday row. */
const interval = (page: Page, day: string, n: number) => ({
  from: page.getByRole('textbox', { name: `${day}, interval ${n}, from` }),
  until: page.getByRole('textbox', { name: `${day}, interval ${n}, until` }),
});

describe('SLA administration', () => {
  let cw: Caseway;
  let admin: E2eAgent;
  let calendarId: string;
  beforeAll(async () => {
    cw = await startCaseway();
    admin = await cw.newAgent({ admin: true, name: 'Sam Supervisor', timeZone: 'America/New_York' });
  });
  afterAll(async () => cw?.close());

  it('builds a Paris office calendar in the weekly grid, imports holidays and previews a due time', async () => {
    const { context, page } = await cw.signedIn(admin);
    const nav = page.getByRole('navigation');
    await nav.getByText('Administration').waitFor();
    await nav.getByRole('link', { name: 'SLA', exact: true }).click();
    await page.getByRole('heading', { name: 'Service levels (SLA)' }).waitFor();
    await page.getByRole('tab', { name: 'Business-hours calendars' }).click();
    // The built-in calendar is there, marked read-only.
    await page.getByRole('link', { name: '24×7' }).waitFor();
    await page.getByText('Built-in, read-only').waitFor();
    await page.getByRole('link', { name: 'New calendar' }).click();
    await page.getByRole('heading', { name: 'New calendar' }).waitFor();

    await page.getByRole('textbox', { name: 'Name' }).fill('Paris office');
    const zone = page.getByRole('textbox', { name: 'Time zone' });
    await zone.click();
    await zone.fill('Europe/Paris');
    await page.getByRole('option', { name: /^Europe\/Paris/ }).click();

    // Start from the office preset, split Monday with a lunch break, then copy Monday to the week.
    await page.getByRole('button', { name: 'Mon–Fri 09:00–17:00' }).click();
    await interval(page, 'Monday', 1).until.fill('12:00');
    await page.getByRole('button', { name: 'Add hours on Monday' }).click();
    await interval(page, 'Monday', 2).from.fill('13:00');
    await interval(page, 'Monday', 2).until.fill('17:00');
    await page.getByRole('button', { name: 'Copy Monday to Tuesday–Friday' }).click();
    expect(await interval(page, 'Friday', 2).from.inputValue()).toBe('13:00');
    await page.locator('[data-weekday="sat"]').getByText('Closed').waitFor();
    await page.locator('[data-weekday="sun"]').getByText('Closed').waitFor();

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Calendar “Paris office” saved').waitFor();
    await page.getByRole('heading', { name: 'Paris office' }).waitFor();
    await page.waitForURL(/\/admin\/sla\/calendars\/[0-9a-f-]{36}$/);
    calendarId = page.url().split('/').at(-1)!;

    // Pasted holidays: two dates (one with a label) and a line without a date.
    await page
      .getByRole('textbox', { name: 'Paste a list of dates' })
      .fill('2026-12-25 Christmas\n2027-01-01\nbring the cake on Friday');
    await page.getByRole('button', { name: 'Import dates' }).click();
    await page.getByText('2 added, 1 skipped').waitFor();
    await page.getByText('Line 3 has no date: bring the cake on Friday').waitFor();
    const holidays = page.getByRole('list', { name: 'Holidays' });
    await holidays.getByText('Friday, December 25, 2026').waitFor();
    await holidays.getByText('Friday, January 1, 2027').waitFor();

    // Thursday 24 December 16:00 in Paris plus 2 business hours: 16:00–17:00 on Thursday, Friday is
    // a holiday, the weekend is closed, 09:00–10:00 on Monday → Monday 28 December 10:00 in Paris
    // (UTC+1 in winter, no DST change in between) = 09:00 UTC = 04:00 in New York (UTC−5).
    await page.getByLabel('Start (Europe/Paris)').fill('2026-12-24T16:00');
    await page.getByRole('textbox', { name: 'Hours' }).fill('2');
    await page.getByRole('textbox', { name: 'Minutes' }).fill('0');
    await page.getByText(/^Due Monday, December 28, 2026 at 10:00\sAM \(Europe\/Paris\)$/).waitFor();
    await page
      .getByText(/^Your time: Monday, December 28, 2026 at 4:00\sAM \(America\/New_York\)$/)
      .waitFor();
    await cw.screenshot(page, 'sla-calendar-editor');

    // Everything is still there after a reload.
    await page.reload();
    await page.getByRole('heading', { name: 'Paris office' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Paris office');
    expect(await page.getByRole('textbox', { name: 'Time zone' }).inputValue()).toMatch(/^Europe\/Paris/);
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
      expect(await interval(page, day, 1).from.inputValue()).toBe('09:00');
      expect(await interval(page, day, 1).until.inputValue()).toBe('12:00');
      expect(await interval(page, day, 2).from.inputValue()).toBe('13:00');
      expect(await interval(page, day, 2).until.inputValue()).toBe('17:00');
    }
    await page.locator('[data-weekday="sat"]').getByText('Closed').waitFor();
    await page.getByRole('list', { name: 'Holidays' }).getByText('Friday, December 25, 2026').waitFor();
    await page.getByRole('list', { name: 'Holidays' }).getByText('Friday, January 1, 2027').waitFor();

    // The list sums it up.
    await page.getByRole('link', { name: '← Calendars' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Paris office' });
    await row.getByText('Europe/Paris').waitFor();
    await row.getByText('Mon–Fri 09:00–12:00, 13:00–17:00 · 35h a week').waitFor();
    await row.getByText('2 holidays').waitFor();
    await row.getByText('Used by 0 policies').waitFor();
    await context.close();

    const stored = await cw.api<Calendar>(admin, 'GET', `/api/v1/sla/calendars/${calendarId}`);
    expect(stored.definition).toEqual({
      timezone: 'Europe/Paris',
      week: {
        mon: SPLIT_SHIFT,
        tue: SPLIT_SHIFT,
        wed: SPLIT_SHIFT,
        thu: SPLIT_SHIFT,
        fri: SPLIT_SHIFT,
        sat: [],
        sun: [],
      },
      holidays: ['2026-12-25', '2027-01-01'],
    });
  });

  it('shows the server’s message beside an interval that ends before it starts, and saves nothing', async () => {
    const before = await cw.api<Calendar>(admin, 'GET', `/api/v1/sla/calendars/${calendarId}`);
    const { context, page } = await cw.signedIn(admin);
    await page.goto(`${cw.url}/admin/sla/calendars/${calendarId}`);
    await page.getByRole('heading', { name: 'Paris office' }).waitFor();
    await interval(page, 'Tuesday', 2).until.fill('12:30');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Not saved' }).waitFor();
    const tuesday = page.locator('[data-weekday="tue"]');
    await tuesday.getByText('must be later than the start').waitFor();
    expect(await page.locator('[data-weekday="mon"]').getByText('must be later than the start').count()).toBe(
      0,
    );
    expect(await interval(page, 'Tuesday', 2).until.getAttribute('aria-invalid')).toBe('true');
    await cw.screenshot(page, 'sla-calendar-bad-interval');
    await context.close();

    const after = await cw.api<Calendar>(admin, 'GET', `/api/v1/sla/calendars/${calendarId}`);
    expect(after.version).toBe(before.version);
    expect(after.definition.week.tue).toEqual(SPLIT_SHIFT);
  });

  it('creates a policy for urgent tickets on the Paris calendar, tried before the default', async () => {
    const { context, page } = await cw.signedIn(admin);
    await page.goto(`${cw.url}/admin/sla/policies`);
    await page.getByRole('link', { name: 'New policy' }).click();
    await page.getByRole('heading', { name: 'New policy' }).waitFor();
    await page.getByRole('textbox', { name: 'Name' }).fill('Urgent in Paris');

    await page.getByRole('button', { name: '+ Condition' }).click();
    await page.getByRole('textbox', { name: 'Field of condition 1' }).click();
    await page.getByRole('option', { name: 'Priority' }).click();
    await page.getByRole('textbox', { name: 'Value for Priority' }).click();
    await page.getByRole('option', { name: 'Urgent' }).click();
    await page.keyboard.press('Escape');

    await page.getByRole('textbox', { name: 'Calendar for every target' }).click();
    await page.getByRole('option', { name: 'Paris office' }).click();
    await page.getByRole('textbox', { name: 'First response target for Urgent', exact: true }).fill('1h');
    await page.getByRole('textbox', { name: 'Resolution target for Urgent', exact: true }).fill('8h 30m');
    await cw.screenshot(page, 'sla-policy-editor');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Policy “Urgent in Paris” saved').waitFor();
    await page.getByRole('heading', { name: 'Urgent in Paris' }).waitFor();

    await page.getByRole('link', { name: '← Policies' }).click();
    const rows = page
      .getByRole('table', { name: 'Policies in the order they are tried' })
      .locator('tbody tr');
    await rows.first().getByRole('link', { name: 'Urgent in Paris' }).waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    await rows.nth(1).getByRole('link', { name: 'Default' }).waitFor();
    await rows.first().getByText('1 condition').waitFor();

    // A second policy goes after the first; moving it up makes it the one tried first.
    await cw.api(admin, 'POST', '/api/v1/sla/policies', {
      name: 'Chat tickets',
      condition: { all: [{ field: 'channel', op: 'in', value: ['chat'] }] },
      targets: { normal: { firstResponse: { minutes: 15, calendarId } } },
    });
    await page.reload();
    // Counted once the list has loaded again (a reload on a busy machine takes more than a poll's 5 s).
    await page.getByRole('link', { name: 'Chat tickets' }).waitFor();
    await expect.poll(() => rows.count()).toBe(3);
    await rows.nth(1).getByRole('link', { name: 'Chat tickets' }).waitFor();
    await page.getByRole('button', { name: 'Move Chat tickets up' }).click();
    await rows.first().getByRole('link', { name: 'Chat tickets' }).waitFor();
    await rows.nth(1).getByRole('link', { name: 'Urgent in Paris' }).waitFor();
    await rows.nth(2).getByRole('link', { name: 'Default' }).waitFor();
    expect(await page.getByRole('button', { name: 'Move Chat tickets up' }).isDisabled()).toBe(true);
    await cw.screenshot(page, 'sla-policy-list');
    await page.getByRole('button', { name: 'Move Chat tickets down' }).click();
    await rows.first().getByRole('link', { name: 'Urgent in Paris' }).waitFor();

    // The calendar now counts both policies, and cannot be deleted while they use it.
    await page.getByRole('tab', { name: 'Business-hours calendars' }).click();
    await page.getByRole('row').filter({ hasText: 'Paris office' }).getByText('Used by 2 policies').waitFor();
    await page.getByRole('link', { name: 'Paris office' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Not deleted: the policies Chat tickets, Urgent in Paris use this calendar.' })
      .waitFor();
    await context.close();

    const policies = await cw.api<{ items: Policy[] }>(admin, 'GET', '/api/v1/sla/policies');
    expect(policies.items.map((p) => p.name)).toEqual(['Urgent in Paris', 'Chat tickets', 'Default']);
    expect(policies.items[0]).toMatchObject({
      condition: { all: [{ field: 'priority', op: 'in', value: ['urgent'] }] },
      targets: {
        urgent: {
          firstResponse: { minutes: 60, calendarId },
          resolution: { minutes: 510, calendarId },
        },
      },
    });
    expect(Object.keys(policies.items[0]!.targets)).toEqual(['urgent']);
  });

  it('shows what another administrator saved meanwhile, and loads it on request', async () => {
    const { context, page } = await cw.signedIn(admin);
    await page.goto(`${cw.url}/admin/sla/calendars/${calendarId}`);
    await page.getByRole('heading', { name: 'Paris office' }).waitFor();
    const current = await cw.api<Calendar>(admin, 'GET', `/api/v1/sla/calendars/${calendarId}`);
    await cw.api(admin, 'PATCH', `/api/v1/sla/calendars/${calendarId}`, {
      version: current.version,
      name: 'Paris head office',
    });

    await page.getByRole('textbox', { name: 'Name' }).fill('Paris bureau');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = page
      .getByRole('alert')
      .filter({ hasText: 'Someone else saved this while you were editing' });
    await conflict.getByText(`It is now at version ${current.version + 1}.`, { exact: false }).waitFor();
    await conflict.getByText('Paris head office · Europe/Paris').waitFor();
    await conflict.getByRole('button', { name: 'Load the current values (drop my changes)' }).click();
    expect(await page.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Paris head office');
    expect(await conflict.count()).toBe(0);
    await context.close();
    const after = await cw.api<Calendar>(admin, 'GET', `/api/v1/sla/calendars/${calendarId}`);
    expect(after.name).toBe('Paris head office');
  });

  it('tells an agent who is not an administrator that the screens are for administrators', async () => {
    const agent = await cw.newAgent({ name: 'Nina Nonadmin' });
    const { context, page } = await cw.signedIn(agent);
    await page.getByRole('navigation').getByRole('link', { name: 'Products' }).waitFor();
    expect(await page.getByRole('navigation').getByText('Administration').count()).toBe(0);
    await page.goto(`${cw.url}/admin/sla/calendars`);
    await page.getByRole('alert').filter({ hasText: 'Administrators only' }).waitFor();
    expect(await page.getByRole('link', { name: 'New calendar' }).count()).toBe(0);
    await context.close();
  });
});
