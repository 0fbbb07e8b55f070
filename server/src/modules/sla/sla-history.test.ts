// The SLA facts a ticket's own history leads to, step by step (pure).
import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, compileCalendar } from './clock/index.ts';
import { factsFromHistory, inHistoryOrder, type SlaHistoryItem } from './sla-history.ts';
import { metricState } from './ticket-clock.ts';

const MIN = 60;
const HOUR = 60 * MIN;
const created = Date.parse('2026-03-02T09:00:00Z') / 1000;
const fourHours = { seconds: 4 * HOUR, calendar: ALWAYS_OPEN };

describe('SLA facts from a ticket’s history', () => {
  it('meets the first response with the FIRST public reply (70 min against 4 h: met, not met late)', () => {
    // TT-1276: a reply 70 minutes after creation, more replies and messages later.
    const history: SlaHistoryItem[] = [
      { at: created, kind: 'customer' },
      { at: created + 70 * MIN, kind: 'reply' },
      { at: created + 70 * MIN, kind: 'category', category: 'open' },
      { at: created + 6 * HOUR, kind: 'customer' },
      { at: created + 9 * HOUR, kind: 'reply' },
    ];
    const facts = factsFromHistory(created, history);
    expect(facts.firstResponseAt).toBe(created + 70 * MIN);
    expect(facts.waitingSince).toBeNull();
    const state = metricState('firstResponse', fourHours, facts, created + 2 * 24 * HOUR);
    expect(state).toMatchObject({ status: 'met', breached: false, metAt: created + 70 * MIN });
  });

  it('runs the next response from the first customer message after a reply, until the next reply', () => {
    const facts = factsFromHistory(created, [
      { at: created + 10 * MIN, kind: 'reply' },
      { at: created + 1 * HOUR, kind: 'customer' },
      { at: created + 2 * HOUR, kind: 'customer' },
    ]);
    expect(facts.waitingSince).toBe(created + 1 * HOUR);
  });

  it('pauses while pending, resumes on reopen, and stops at resolution', () => {
    const facts = factsFromHistory(created, [
      { at: created + 1 * HOUR, kind: 'reply' },
      { at: created + 1 * HOUR, kind: 'category', category: 'open' },
      { at: created + 2 * HOUR, kind: 'category', category: 'pending' },
      { at: created + 5 * HOUR, kind: 'customer' },
      { at: created + 5 * HOUR, kind: 'category', category: 'open' },
      { at: created + 8 * HOUR, kind: 'category', category: 'resolved' },
      { at: created + 30 * HOUR, kind: 'category', category: 'closed' },
    ]);
    expect(facts.pauses).toEqual([
      { from: created + 2 * HOUR, to: created + 5 * HOUR, reason: 'pending' },
      { from: created + 8 * HOUR, to: null, reason: 'resolved' },
    ]);
    expect(facts.resolvedAt).toBe(created + 8 * HOUR);
    // Eight hours' resolution target, three of them paused: met with five used.
    const state = metricState(
      'resolution',
      { seconds: 8 * HOUR, calendar: ALWAYS_OPEN },
      facts,
      created + 3 * 24 * HOUR,
    );
    expect(state).toMatchObject({ status: 'met', secondsUsed: 5 * HOUR });
  });

  it('counts business time only: a reply after the weekend can still be late', () => {
    const paris = compileCalendar({
      timezone: 'Europe/Paris',
      week: {
        mon: [['09:00', '18:00']],
        tue: [['09:00', '18:00']],
        wed: [['09:00', '18:00']],
        thu: [['09:00', '18:00']],
        fri: [['09:00', '18:00']],
        sat: [],
        sun: [],
      },
      holidays: [],
    });
    // Friday 2026-03-06 16:00 Paris (15:00 UTC); 4 business hours: due Monday 11:00 Paris.
    const friday = Date.parse('2026-03-06T15:00:00Z') / 1000;
    const facts = factsFromHistory(friday, [
      { at: Date.parse('2026-03-09T11:30:00Z') / 1000, kind: 'reply' },
    ]);
    const state = metricState(
      'firstResponse',
      { seconds: 4 * HOUR, calendar: paris },
      facts,
      friday + 7 * 86400,
    );
    expect(state?.dueAt).toBe(Date.parse('2026-03-09T10:00:00Z') / 1000);
    expect(state).toMatchObject({ status: 'breached', breached: true });
  });

  it('orders messages before the status change they caused at the same instant', () => {
    const ordered = inHistoryOrder([
      { at: created + 5, kind: 'category', category: 'open' },
      { at: created + 5, kind: 'reply' },
      { at: created + 1, kind: 'customer' },
    ]);
    expect(ordered.map((i) => i.kind)).toEqual(['customer', 'reply', 'category']);
  });
});
