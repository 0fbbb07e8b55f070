import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { evaluate } from './evaluate-condition.ts';
import { sampleRegistry } from './sample-fields.ts';
import type { Condition } from './types.ts';

const registry = sampleRegistry();
const check = (cond: Condition, subject: Record<string, unknown>, previous?: Record<string, unknown>) =>
  evaluate(cond, subject, registry, previous ? { previous } : {});

describe('evaluate', () => {
  it('treats an empty all as true and an empty any as false', () => {
    expect(check({ all: [] }, {})).toBe(true);
    expect(check({ any: [] }, {})).toBe(false);
  });

  it('matches the design example: a priority in a list and a subject containing any of some words', () => {
    const cond: Condition = {
      all: [
        { field: 'priority', op: 'in', value: ['high', 'urgent'] },
        { field: 'title', op: 'contains_any', value: ['warranty', '保修'] },
      ],
    };
    expect(check(cond, { priority: 'urgent', title: '屏幕保修申请' })).toBe(true);
    expect(check(cond, { priority: 'high', title: 'Warranty claim' })).toBe(true);
    expect(check(cond, { priority: 'low', title: 'Warranty claim' })).toBe(false);
    expect(check(cond, { priority: 'high', title: 'Refund' })).toBe(false);
  });

  it('ignores case in Cyrillic, accented French and Greek text', () => {
    expect(
      check({ field: 'title', op: 'contains', value: 'гарантия' }, { title: 'ГАРАНТИЯ НА РЕМОНТ' }),
    ).toBe(true);
    expect(check({ field: 'title', op: 'eq', value: 'élève à l’école' }, { title: 'ÉLÈVE À L’ÉCOLE' })).toBe(
      true,
    );
    expect(check({ field: 'title', op: 'ends_with', value: 'ΟΔΟΣ' }, { title: 'μια οδος' })).toBe(true);
    expect(check({ field: 'title', op: 'starts_with', value: 'ёж' }, { title: 'Ёжик' })).toBe(true);
  });

  it('does not equate a decomposed accent with a precomposed one', () => {
    expect(check({ field: 'title', op: 'eq', value: 'élève' }, { title: 'e\u0301le\u0300ve' })).toBe(false);
  });

  it('treats null, a missing value and the empty string alike as empty text', () => {
    for (const title of [null, undefined, '']) {
      expect(check({ field: 'title', op: 'is_empty' }, { title })).toBe(true);
      expect(check({ field: 'title', op: 'eq', value: '' }, { title })).toBe(true);
      expect(check({ field: 'title', op: 'ne', value: 'x' }, { title })).toBe(true);
      expect(check({ field: 'title', op: 'not_contains', value: 'x' }, { title })).toBe(true);
      expect(check({ field: 'title', op: 'contains', value: 'x' }, { title })).toBe(false);
    }
    expect(check({ field: 'title', op: 'is_not_empty' }, { title: ' ' })).toBe(true);
  });

  it('treats a missing custom field as empty', () => {
    expect(check({ field: 'custom.caseType', op: 'is_empty' }, { custom: {} })).toBe(true);
    expect(check({ field: 'custom.amount', op: 'is_empty' }, {})).toBe(true);
    expect(check({ field: 'custom.flags', op: 'has_none', value: ['x'] }, { custom: { flags: null } })).toBe(
      true,
    );
    expect(check({ field: 'custom.amount', op: 'gt', value: 0 }, { custom: { amount: 5 } })).toBe(true);
  });

  it('reads a custom value of the wrong JSON kind as empty', () => {
    expect(check({ field: 'custom.amount', op: 'is_empty' }, { custom: { amount: '12' } })).toBe(true);
    expect(check({ field: 'custom.caseType', op: 'is_empty' }, { custom: { caseType: 12 } })).toBe(true);
  });

  it('makes ne, not_in and not true for a missing number, and the ordering operators false', () => {
    const subject = { score: null };
    expect(check({ field: 'score', op: 'ne', value: 1 }, subject)).toBe(true);
    expect(check({ field: 'score', op: 'not_in', value: [1, 2] }, subject)).toBe(true);
    expect(check({ field: 'score', op: 'gt', value: 1 }, subject)).toBe(false);
    expect(check({ field: 'score', op: 'lte', value: 1 }, subject)).toBe(false);
    expect(check({ not: { field: 'score', op: 'gt', value: 1 } }, subject)).toBe(true);
    expect(check({ not: { field: 'score', op: 'ne', value: 1 } }, subject)).toBe(false);
  });

  it('includes both ends of between', () => {
    const between: Condition = { field: 'score', op: 'between', value: [1, 3] };
    expect([0, 1, 2, 3, 4].map((score) => check(between, { score }))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });

  it('reads numeric columns that drivers return as strings', () => {
    expect(check({ field: 'price', op: 'eq', value: 12.5 }, { price: '12.50' })).toBe(true);
    expect(check({ field: 'price', op: 'gt', value: 12.49 }, { price: '12.50' })).toBe(true);
  });

  it('compares datetimes as instants whatever their offsets, from strings or Dates', () => {
    const cond: Condition = { field: 'createdAt', op: 'eq', value: '2024-03-31T03:30:00+02:00' };
    expect(check(cond, { createdAt: '2024-03-31T01:30:00Z' })).toBe(true);
    expect(check(cond, { createdAt: '2024-03-30 20:30:00-05' })).toBe(true);
    expect(check(cond, { createdAt: new Date('2024-03-31T01:30:00.000Z') })).toBe(true);
    expect(
      check(
        { field: 'createdAt', op: 'gt', value: '2024-03-31T01:30:00Z' },
        { createdAt: '2024-03-31T01:30:00.000001Z' },
      ),
    ).toBe(true);
  });

  it('compares dates as calendar dates', () => {
    expect(
      check({ field: 'dueOn', op: 'between', value: ['2024-02-28', '2024-03-01'] }, { dueOn: '2024-02-29' }),
    ).toBe(true);
    expect(check({ field: 'dueOn', op: 'lt', value: '2024-01-01' }, { dueOn: '2023-12-31' })).toBe(true);
  });

  it('matches tags exactly and treats a missing tag list as empty', () => {
    const subject = { tags: ['vip', 'Billing'] };
    expect(check({ field: 'tags', op: 'has', value: 'vip' }, subject)).toBe(true);
    expect(check({ field: 'tags', op: 'has', value: 'billing' }, subject)).toBe(false);
    expect(check({ field: 'tags', op: 'has_all', value: ['vip', 'Billing'] }, subject)).toBe(true);
    expect(check({ field: 'tags', op: 'has_any', value: ['x', 'vip'] }, subject)).toBe(true);
    expect(check({ field: 'tags', op: 'has_all', value: [] }, { tags: null })).toBe(true);
    expect(check({ field: 'tags', op: 'is_empty' }, { tags: null })).toBe(true);
    expect(check({ field: 'tags', op: 'is_empty' }, { tags: [] })).toBe(true);
    expect(check({ field: 'tags', op: 'has_none', value: ['vip'] }, {})).toBe(true);
  });

  it('compares enum keys exactly and ids without regard to case', () => {
    expect(check({ field: 'status', op: 'eq', value: 'open' }, { status: 'OPEN' })).toBe(false);
    const id = '3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6f';
    expect(check({ field: 'assigneeId', op: 'eq', value: id.toUpperCase() }, { assigneeId: id })).toBe(true);
  });

  it('fires changed_to only when the value changed to it', () => {
    const cond: Condition = { field: 'priority', op: 'changed_to', value: 'urgent' };
    expect(check(cond, { priority: 'urgent' }, { priority: 'low' })).toBe(true);
    expect(check(cond, { priority: 'urgent' }, { priority: 'urgent' })).toBe(false);
    expect(check(cond, { priority: 'high' }, { priority: 'low' })).toBe(false);
    expect(
      check(
        { field: 'priority', op: 'changed_from', value: 'low' },
        { priority: 'high' },
        { priority: 'low' },
      ),
    ).toBe(true);
  });

  it('treats the change operators as false without a previous snapshot', () => {
    expect(check({ field: 'priority', op: 'changed' }, { priority: 'urgent' })).toBe(false);
    expect(check({ field: 'priority', op: 'changed' }, { priority: 'urgent' }, {})).toBe(true);
  });

  it('sees a change of case as a change, and reordered tags as no change', () => {
    expect(check({ field: 'title', op: 'changed' }, { title: 'Refund' }, { title: 'refund' })).toBe(true);
    expect(check({ field: 'title', op: 'changed' }, { title: '' }, { title: null })).toBe(false);
    expect(check({ field: 'tags', op: 'changed' }, { tags: ['a', 'b'] }, { tags: ['b', 'a'] })).toBe(false);
    expect(
      check(
        { field: 'createdAt', op: 'changed' },
        { createdAt: '2024-01-01T01:00:00+01:00' },
        { createdAt: '2024-01-01T00:00:00Z' },
      ),
    ).toBe(false);
  });

  it('refuses a condition naming an unknown field', () => {
    expect(() => check({ field: 'nope', op: 'is_empty' }, {})).toThrow(AppError);
  });
});
