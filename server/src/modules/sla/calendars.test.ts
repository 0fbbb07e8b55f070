import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestAgent, type TestApp } from '../../../test/app.ts';
import { ALWAYS_OPEN_CALENDAR_ID, DEFAULT_POLICY_ID } from './schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const nineToFive = [['09:00', '17:00']];
const office = (timezone = 'Europe/Paris', holidays: string[] = []) => ({
  timezone,
  week: {
    mon: nineToFive,
    tue: nineToFive,
    wed: nineToFive,
    thu: nineToFive,
    fri: nineToFive,
    sat: [],
    sun: [],
  },
  holidays,
});

const send = (who: TestAgent, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.as(who, {
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

async function listed(): Promise<{ id: string; name: string; usedBy: number; version: number }[]> {
  const res = await send(t.agent, 'GET', '/api/v1/sla/calendars');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

async function create(name: string, definition = office()) {
  const res = await send(t.admin, 'POST', '/api/v1/sla/calendars', { name, definition });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('business-hours calendars', () => {
  it('starts with the built-in 24×7 calendar, used by the default policy', async () => {
    const [first] = await listed();
    expect(first).toMatchObject({
      id: ALWAYS_OPEN_CALENDAR_ID,
      name: '24×7',
      builtIn: true,
      version: 1,
      usedBy: 1,
      definition: {
        timezone: 'UTC',
        week: { mon: [['00:00', '24:00']], sun: [['00:00', '24:00']] },
        holidays: [],
      },
    });
  });

  it('creates a calendar with its holidays sorted and without duplicates, and reads it back', async () => {
    const created = await create(
      'Paris office',
      office('Europe/Paris', ['2026-12-25', '2026-01-01', '2026-12-25']),
    );
    expect(created).toMatchObject({ name: 'Paris office', builtIn: false, version: 1, usedBy: 0 });
    expect(created.definition.holidays).toEqual(['2026-01-01', '2026-12-25']);
    const got = await send(t.agent, 'GET', `/api/v1/sla/calendars/${created.id}`);
    expect(got.json()).toEqual(created);
    expect((await listed()).map((c) => c.name)).toContain('Paris office');
  });

  it('refuses a bad definition with 400 naming each field, and stores nothing', async () => {
    const before = await listed();
    const res = await send(t.admin, 'POST', '/api/v1/sla/calendars', {
      name: 'Broken',
      definition: {
        timezone: 'Mars/Olympus_Mons',
        week: {
          ...office().week,
          mon: [
            ['09:00', '13:00'],
            ['12:00', '17:00'],
          ],
          tue: [['24:00', '24:00']],
          wed: [['17:00', '09:00']],
        },
        holidays: ['2026-02-30'],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'body/definition/timezone', message: 'must be an IANA time zone name, e.g. Europe/Paris' },
      {
        field: 'body/definition/week/mon/1/0',
        message: 'overlaps the previous interval, which ends at 13:00',
      },
      { field: 'body/definition/week/tue/0/0', message: 'a start must be between 00:00 and 23:59' },
      { field: 'body/definition/week/wed/0/1', message: 'must be later than the start' },
      { field: 'body/definition/holidays/0', message: 'must be a real date "YYYY-MM-DD"' },
    ]);
    const missingDay = await send(t.admin, 'POST', '/api/v1/sla/calendars', {
      name: 'Broken',
      definition: { timezone: 'UTC', week: { mon: [] }, holidays: [] },
    });
    expect(missingDay.statusCode).toBe(400);
    expect(missingDay.json().errors.map((e: { field: string }) => e.field)).toContain(
      'body/definition/week/tue',
    );
    expect(await listed()).toEqual(before);
  });

  it('refuses a second calendar with the same name in other letter case', async () => {
    await create('Tokyo office', office('Asia/Tokyo'));
    const res = await send(t.admin, 'POST', '/api/v1/sla/calendars', {
      name: 'TOKYO OFFICE',
      definition: office('Asia/Tokyo'),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([{ field: 'body/name', message: 'is already used' }]);
  });

  it('lets only administrators create, change or delete calendars', async () => {
    const before = await listed();
    const refused = await send(t.agent, 'POST', '/api/v1/sla/calendars', {
      name: 'Mine',
      definition: office(),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const target = before.find((c) => c.name === 'Paris office')!;
    expect(
      (
        await send(t.agent, 'PATCH', `/api/v1/sla/calendars/${target.id}`, {
          version: target.version,
          name: 'x',
        })
      ).statusCode,
    ).toBe(403);
    expect((await send(t.agent, 'DELETE', `/api/v1/sla/calendars/${target.id}`)).statusCode).toBe(403);
    expect(
      (
        await send(t.agent, 'POST', `/api/v1/sla/calendars/${target.id}/holidays/import`, {
          version: target.version,
          text: '2026-05-01',
        })
      ).statusCode,
    ).toBe(403);
    expect(await listed()).toEqual(before);
  });

  it('changes a calendar at the current version and refuses a stale one with 409 and the current calendar', async () => {
    const cal = await create('Moscow office', office('Europe/Moscow'));
    const changed = await send(t.admin, 'PATCH', `/api/v1/sla/calendars/${cal.id}`, {
      version: 1,
      name: 'Moscow HQ',
      definition: office('Europe/Moscow', ['2026-01-07']),
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      name: 'Moscow HQ',
      version: 2,
      definition: { holidays: ['2026-01-07'] },
    });

    const stale = await send(t.admin, 'PATCH', `/api/v1/sla/calendars/${cal.id}`, {
      version: 1,
      name: 'Moscow',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ id: cal.id, name: 'Moscow HQ', version: 2 });
    expect((await send(t.agent, 'GET', `/api/v1/sla/calendars/${cal.id}`)).json().name).toBe('Moscow HQ');

    const bad = await send(t.admin, 'PATCH', `/api/v1/sla/calendars/${cal.id}`, {
      version: 2,
      definition: { ...office('Europe/Moscow'), holidays: ['07.01.2026'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body/definition/holidays/0');
    expect((await send(t.agent, 'GET', `/api/v1/sla/calendars/${cal.id}`)).json().version).toBe(2);

    const missing = await send(
      t.admin,
      'PATCH',
      '/api/v1/sla/calendars/00000000-0000-4000-8000-000000000999',
      {
        version: 1,
        name: 'Nowhere',
      },
    );
    expect(missing.statusCode).toBe(404);
  });

  it('protects the built-in calendar from changes and deletion', async () => {
    const patch = await send(t.admin, 'PATCH', `/api/v1/sla/calendars/${ALWAYS_OPEN_CALENDAR_ID}`, {
      version: 1,
      name: 'Always',
    });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().detail).toBe('The built-in calendar cannot be changed');
    expect(
      (await send(t.admin, 'DELETE', `/api/v1/sla/calendars/${ALWAYS_OPEN_CALENDAR_ID}`)).statusCode,
    ).toBe(403);
    const imported = await send(
      t.admin,
      'POST',
      `/api/v1/sla/calendars/${ALWAYS_OPEN_CALENDAR_ID}/holidays/import`,
      {
        version: 1,
        text: '2026-12-25',
      },
    );
    expect(imported.statusCode).toBe(403);
    const still = (await send(t.agent, 'GET', `/api/v1/sla/calendars/${ALWAYS_OPEN_CALENDAR_ID}`)).json();
    expect(still).toMatchObject({ name: '24×7', version: 1, definition: { holidays: [] } });
  });

  it('refuses to delete a calendar a policy uses, naming the policy, and deletes it once unused', async () => {
    const cal = await create('Shanghai office', office('Asia/Shanghai'));
    const policy = await send(t.admin, 'POST', '/api/v1/sla/policies', {
      name: 'China customers',
      condition: { field: 'priority', op: 'eq', value: 'urgent' },
      targets: { urgent: { resolution: { minutes: 240, calendarId: cal.id } } },
    });
    expect(policy.statusCode, policy.body).toBe(201);
    expect((await send(t.agent, 'GET', `/api/v1/sla/calendars/${cal.id}`)).json().usedBy).toBe(1);

    const refused = await send(t.admin, 'DELETE', `/api/v1/sla/calendars/${cal.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('China customers');
    expect(refused.json().policies).toEqual([{ id: policy.json().id, name: 'China customers' }]);
    expect((await send(t.agent, 'GET', `/api/v1/sla/calendars/${cal.id}`)).statusCode).toBe(200);

    const moved = await send(t.admin, 'PATCH', `/api/v1/sla/policies/${policy.json().id}`, {
      version: 1,
      targets: { urgent: { resolution: { minutes: 240, calendarId: ALWAYS_OPEN_CALENDAR_ID } } },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await send(t.admin, 'DELETE', `/api/v1/sla/calendars/${cal.id}`)).statusCode).toBe(204);
    expect((await send(t.agent, 'GET', `/api/v1/sla/calendars/${cal.id}`)).statusCode).toBe(404);
    const builtIn = (await listed()).find((c) => c.id === ALWAYS_OPEN_CALENDAR_ID)!;
    expect(builtIn.usedBy).toBe(2);
    expect((await send(t.agent, 'GET', `/api/v1/sla/policies/${DEFAULT_POLICY_ID}`)).statusCode).toBe(200);
  });
});

describe('importing holidays', () => {
  it('merges the dates of pasted text, reports lines without a date, and bumps the version', async () => {
    const cal = await create('Kathmandu office', office('Asia/Kathmandu', ['2026-12-25']));
    const text = [
      '2026-12-25 Christmas',
      '2026-12-26, 2026-01-01;2026-05-01',
      "New year's eve party",
      '',
      '2026-10-02 2026-10-03',
      '  2026-11-11\tArmistice, observed',
      '2026-01-01',
    ].join('\n');
    const res = await send(t.admin, 'POST', `/api/v1/sla/calendars/${cal.id}/holidays/import`, {
      version: 1,
      text,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.added).toBe(6);
    expect(body.skipped).toEqual([{ line: 3, text: "New year's eve party" }]);
    expect(body.calendar).toMatchObject({ version: 2 });
    expect(body.calendar.definition.holidays).toEqual([
      '2026-01-01',
      '2026-05-01',
      '2026-10-02',
      '2026-10-03',
      '2026-11-11',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect((await send(t.agent, 'GET', `/api/v1/sla/calendars/${cal.id}`)).json()).toEqual(body.calendar);

    const again = await send(t.admin, 'POST', `/api/v1/sla/calendars/${cal.id}/holidays/import`, {
      version: 2,
      text: '2026-12-25\r\n2026-01-01',
    });
    expect(again.json()).toMatchObject({ added: 0, skipped: [], calendar: { version: 2 } });
  });

  it('refuses a date that does not exist, naming its line, and changes nothing', async () => {
    const cal = await create('Lord Howe office', office('Australia/Lord_Howe'));
    const res = await send(t.admin, 'POST', `/api/v1/sla/calendars/${cal.id}/holidays/import`, {
      version: 1,
      text: '2026-01-26 Australia Day\n2026-02-30 nonsense',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'body/text', message: 'line 2: 2026-02-30 is not a real date' },
    ]);
    expect((await send(t.agent, 'GET', `/api/v1/sla/calendars/${cal.id}`)).json()).toMatchObject({
      version: 1,
      definition: { holidays: [] },
    });

    const stale = await send(t.admin, 'POST', `/api/v1/sla/calendars/${cal.id}/holidays/import`, {
      version: 7,
      text: '2026-01-26',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ id: cal.id, version: 1 });
  });
});
