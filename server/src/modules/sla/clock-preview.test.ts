import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const nineToFive = [['09:00', '17:00']];
const losAngeles = {
  timezone: 'America/Los_Angeles',
  week: {
    mon: nineToFive,
    tue: nineToFive,
    wed: nineToFive,
    thu: nineToFive,
    fri: nineToFive,
    sat: [],
    sun: [],
  },
  holidays: [],
};
// Friday 2026-03-06 16:00 in Los Angeles (PST, UTC-8). DST starts on Sunday the 8th.
const fridayFourPm = '2026-03-07T00:00:00Z';

const preview = (payload: Record<string, unknown>) =>
  t.as(t.agent, { method: 'POST', url: '/api/v1/sla/preview', payload });
const elapsedOf = (payload: Record<string, unknown>) =>
  t.as(t.agent, { method: 'POST', url: '/api/v1/sla/elapsed', payload });

async function dueAt(payload: Record<string, unknown>): Promise<string | null> {
  const res = await preview(payload);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().dueAt;
}

describe('the SLA clock preview', () => {
  it('puts 4 business hours from Friday 16:00 in Los Angeles at Monday 12:00 PDT', async () => {
    expect(await dueAt({ calendar: losAngeles, start: fridayFourPm, targetMinutes: 240 })).toBe(
      '2026-03-09T19:00:00Z',
    );
    const res = await elapsedOf({ calendar: losAngeles, from: fridayFourPm, to: '2026-03-09T19:00:00Z' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ seconds: 4 * 3600 });
  });

  it('ignores a pause over the weekend and moves the due time for a pause in business hours', async () => {
    const weekend = { from: '2026-03-07T02:00:00Z', to: '2026-03-09T15:00:00Z' };
    expect(
      await dueAt({ calendar: losAngeles, start: fridayFourPm, targetMinutes: 240, pauses: [weekend] }),
    ).toBe('2026-03-09T19:00:00Z');

    // Monday 09:00–10:30 PDT waiting for the customer: due 90 minutes later.
    const monday = { from: '2026-03-09T16:00:00Z', to: '2026-03-09T17:30:00Z' };
    expect(
      await dueAt({
        calendar: losAngeles,
        start: fridayFourPm,
        targetMinutes: 240,
        pauses: [weekend, monday],
      }),
    ).toBe('2026-03-09T20:30:00Z');
    const res = await elapsedOf({
      calendar: losAngeles,
      from: fridayFourPm,
      to: '2026-03-09T19:00:00Z',
      pauses: [monday],
    });
    expect(res.json()).toEqual({ seconds: 4 * 3600 - 90 * 60 });
  });

  it('has no due time while a pause that never ended began before the target was reached', async () => {
    expect(
      await dueAt({
        calendar: losAngeles,
        start: fridayFourPm,
        targetMinutes: 240,
        pauses: [{ from: '2026-03-09T17:00:00Z', to: null }],
      }),
    ).toBeNull();
    // One that begins after the due time changes nothing.
    expect(
      await dueAt({
        calendar: losAngeles,
        start: fridayFourPm,
        targetMinutes: 240,
        pauses: [{ from: '2026-03-09T20:00:00Z', to: null }],
      }),
    ).toBe('2026-03-09T19:00:00Z');
  });

  it('opens an interval starting inside the spring-forward gap at the end of the gap', async () => {
    const sundayShift = { ...losAngeles, week: { ...losAngeles.week, sun: [['02:30', '05:00']] } };
    // 2026-03-08 02:30 does not exist in Los Angeles: the shift opens at 03:00 PDT (10:00Z).
    expect(await dueAt({ calendar: sundayShift, start: '2026-03-08T08:00:00Z', targetMinutes: 60 })).toBe(
      '2026-03-08T11:00:00Z',
    );
    const dstSunday = await elapsedOf({
      calendar: sundayShift,
      from: '2026-03-08T08:00:00Z',
      to: '2026-03-09T08:00:00Z',
    });
    expect(dstSunday.json()).toEqual({ seconds: 2 * 3600 });
    // A week earlier the same shift lasts its full two and a half hours (02:30 PST = 10:30Z).
    expect(await dueAt({ calendar: sundayShift, start: '2026-03-01T08:00:00Z', targetMinutes: 60 })).toBe(
      '2026-03-01T11:30:00Z',
    );
  });

  it('is due at the start for a zero target and measures nothing backwards', async () => {
    expect(await dueAt({ calendar: losAngeles, start: fridayFourPm, targetMinutes: 0 })).toBe(fridayFourPm);
    const res = await elapsedOf({ calendar: losAngeles, from: '2026-03-09T19:00:00Z', to: fridayFourPm });
    expect(res.json()).toEqual({ seconds: 0 });
  });

  it('works on a stored calendar given by id', async () => {
    const created = await t.as(t.admin, {
      method: 'POST',
      url: '/api/v1/sla/calendars',
      payload: { name: 'Los Angeles office', definition: losAngeles },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(await dueAt({ calendarId: created.json().id, start: fridayFourPm, targetMinutes: 240 })).toBe(
      '2026-03-09T19:00:00Z',
    );
    const missing = await preview({
      calendarId: '00000000-0000-4000-8000-000000000999',
      start: fridayFourPm,
      targetMinutes: 1,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ field: 'body/calendarId', message: 'is not a calendar' }]);
  });

  it('refuses bad input with 400 naming each field', async () => {
    const fields = async (payload: Record<string, unknown>, url = '/api/v1/sla/preview') => {
      const res = await t.as(t.agent, { method: 'POST', url, payload });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      return res.json().errors.map((e: { field: string }) => e.field);
    };
    const base = { calendar: losAngeles, start: fridayFourPm, targetMinutes: 60 };

    expect(await fields({ ...base, calendar: { ...losAngeles, timezone: 'America/Atlantis' } })).toEqual([
      'body/calendar/timezone',
    ]);
    const midnightStart = { ...losAngeles, week: { ...losAngeles.week, mon: [['24:00', '24:00']] } };
    const startErrors = await preview({ ...base, calendar: midnightStart });
    expect(startErrors.json().errors).toEqual([
      { field: 'body/calendar/week/mon/0/0', message: 'a start must be between 00:00 and 23:59' },
    ]);
    const overlapping = {
      ...losAngeles,
      week: {
        ...losAngeles.week,
        tue: [
          ['09:00', '12:00'],
          ['11:00', '17:00'],
        ],
      },
    };
    expect(await fields({ ...base, calendar: overlapping })).toEqual(['body/calendar/week/tue/1/0']);
    expect(
      await fields({ ...base, pauses: [{ from: '2026-03-09T17:00:00Z', to: '2026-03-09T16:00:00Z' }] }),
    ).toEqual(['body/pauses/0/to']);
    expect(await fields({ ...base, start: '2026-03-07T00:00:00+00:00' })).toEqual(['body/start']);
    expect(await fields({ ...base, start: '2026-02-30T00:00:00Z' })).toEqual(['body/start']);
    expect(
      await fields({
        ...base,
        pauses: [
          { from: '2026-03-09T16:00:00Z', to: null },
          { from: '2026-03-09T16:00:00Z', to: '2026-03-09T17:00:00Z' },
          { from: '2026-03-09T16:00:00Z', to: '2026-03-09 17:00' },
        ],
      }),
    ).toEqual(['body/pauses/2/to']);
    expect(await fields({ ...base, calendarId: '00000000-0000-4000-8000-000000000247' })).toEqual([
      'body/calendar',
    ]);
    expect(await fields({ start: fridayFourPm, targetMinutes: 60 })).toEqual(['body/calendar']);
    expect(await fields({ ...base, targetMinutes: 525_601 })).toEqual(['body/targetMinutes']);
    expect(await fields({ ...base, extra: true })).toEqual(['body/extra']);
    expect(
      await fields({ calendar: losAngeles, from: fridayFourPm, to: 'tomorrow' }, '/api/v1/sla/elapsed'),
    ).toEqual(['body/to']);
  });

  it('refuses spans and due times beyond what the clock serves', async () => {
    const long = await elapsedOf({
      calendar: losAngeles,
      from: '2000-01-01T00:00:00Z',
      to: '2026-01-01T00:00:00Z',
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors).toEqual([{ field: 'body/to', message: 'must be within 3660 days of from' }]);
    const late = await preview({
      calendar: losAngeles,
      start: '9999-12-30T00:00:00Z',
      targetMinutes: 525_600,
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().errors[0].field).toBe('body/start');
  });

  it('answers only signed-in agents', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sla/preview',
      payload: { calendar: losAngeles, start: fridayFourPm, targetMinutes: 60 },
    });
    expect(res.statusCode).toBe(401);
  });
});
