import { describe, expect, it } from 'vitest';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { toSql } from './condition-sql.ts';
import { sampleRegistry } from './sample-fields.ts';
import type { Condition } from './types.ts';
import { type ValidateOptions, validateCondition } from './validate-condition.ts';

const registry = sampleRegistry();

function errorsOf(run: () => unknown): FieldError[] {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('validation');
    return (err as AppError).errors;
  }
  throw new Error('expected a validation error');
}

const invalid = (input: unknown, opts: ValidateOptions = { path: 'filter' }) =>
  errorsOf(() => validateCondition(input, registry, opts));

describe('validateCondition', () => {
  it('returns a clean copy of a valid condition', () => {
    const input = {
      all: [
        { field: 'priority', op: 'in', value: ['high', 'urgent'] },
        { not: { field: 'custom.caseType', op: 'contains_any', value: ['warranty', '保修'] } },
        { any: [] },
        { field: 'title', op: 'is_empty' },
      ],
    };
    const result = validateCondition(input, registry);
    expect(result).toEqual(input);
    expect(result).not.toBe(input);
  });

  it('points the error at the value inside the tree, under the given prefix', () => {
    const errors = invalid({
      all: [
        { field: 'title', op: 'is_empty' },
        { field: 'score', op: 'eq', value: 'ten' },
      ],
    });
    expect(errors).toEqual([{ field: 'filter/all/1/value', message: 'must be a finite number' }]);
  });

  it('reports every problem at once', () => {
    const errors = invalid({
      any: [
        { field: 'nope', op: 'eq', value: 1 },
        { field: 'vip', op: 'contains', value: 'x' },
      ],
    });
    expect(errors.map((e) => e.field)).toEqual(['filter/any/0/field', 'filter/any/1/op']);
  });

  it('rejects an unknown field, including an unknown custom field', () => {
    expect(invalid({ field: 'custom.nope', op: 'is_empty' })).toEqual([
      { field: 'filter/field', message: "unknown field 'custom.nope'" },
    ]);
  });

  it('rejects an operator that does not fit the field type', () => {
    expect(invalid({ field: 'title', op: 'gt', value: 'a' })[0]?.field).toBe('filter/op');
    expect(invalid({ field: 'tags', op: 'eq', value: 'a' })[0]?.field).toBe('filter/op');
    expect(invalid({ field: 'score', op: 'frobnicate', value: 1 })[0]?.message).toBe('unknown operator');
  });

  it('rejects values of the wrong type', () => {
    expect(invalid({ field: 'vip', op: 'eq', value: 'true' })[0]?.message).toBe('must be true or false');
    expect(invalid({ field: 'title', op: 'in', value: 'a' })[0]?.message).toBe('must be a list');
    expect(invalid({ field: 'tags', op: 'has_any', value: ['a', 2] })[0]?.field).toBe('filter/value/1');
    expect(invalid({ field: 'score', op: 'eq', value: null })[0]?.field).toBe('filter/value');
  });

  it('rejects an enum key that is not among the field values', () => {
    expect(invalid({ field: 'priority', op: 'in', value: ['high', 'critical'] })).toEqual([
      { field: 'filter/value/1', message: "'critical' is not one of the values of priority" },
    ]);
  });

  it('rejects an invalid uuid, datetime or date', () => {
    expect(invalid({ field: 'assigneeId', op: 'eq', value: 'not-a-uuid' })[0]?.message).toBe(
      'must be a UUID',
    );
    for (const value of [
      '2024-05-01T10:00:00',
      '2024-05-01',
      '2024-02-30T10:00:00Z',
      '2024-05-01T24:00:00Z',
      'yesterday',
    ]) {
      expect(invalid({ field: 'createdAt', op: 'gt', value })[0]?.field).toBe('filter/value');
    }
    for (const value of ['2023-02-29', '2024-13-01', '2024-1-1', '2024-01-01T00:00:00Z']) {
      expect(invalid({ field: 'dueOn', op: 'eq', value })[0]?.message).toBe('must be a date as YYYY-MM-DD');
    }
  });

  it('rejects numbers that are not finite', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(invalid({ field: 'score', op: 'gt', value })[0]?.message).toBe('must be a finite number');
    }
  });

  it('rejects a range whose low end is above its high end', () => {
    expect(invalid({ field: 'score', op: 'between', value: [5, 1] })[0]?.field).toBe('filter/value');
    expect(invalid({ field: 'score', op: 'between', value: [1] })[0]?.message).toBe('must be [low, high]');
  });

  it('rejects a missing value, or a value given to an operator that takes none', () => {
    expect(invalid({ field: 'score', op: 'eq' })[0]?.message).toBe("is required for 'eq'");
    expect(invalid({ field: 'score', op: 'is_empty', value: null })[0]?.message).toBe(
      "must not be given for 'is_empty'",
    );
  });

  it('rejects extra keys', () => {
    expect(invalid({ field: 'score', op: 'is_empty', label: 'x' })[0]?.field).toBe('filter/label');
    expect(invalid({ all: [], any: [] })[0]?.field).toBe('filter/any');
    expect(invalid({ value: 1 })[0]?.message).toMatch(/must have one of/);
  });

  it('rejects a condition nested too deeply', () => {
    let cond: Condition = { field: 'score', op: 'is_empty' };
    for (let i = 0; i < 10; i++) cond = { not: cond };
    expect(invalid(cond)[0]?.message).toBe('the condition is nested more than 10 levels deep');
    expect(validateCondition(cond, registry, { maxDepth: 11 })).toEqual(cond);
  });

  it('rejects a condition with too many parts', () => {
    const leaves = Array.from({ length: 200 }, () => ({ field: 'score', op: 'is_empty' }));
    expect(invalid({ all: leaves })).toEqual([
      { field: 'filter/all/199', message: 'the condition has more than 200 parts' },
    ]);
    expect(() => validateCondition({ all: leaves.slice(1) }, registry)).not.toThrow();
  });

  it('rejects lists over 500 items and strings over 1000 characters', () => {
    const many = Array.from({ length: 501 }, (_, i) => `t${i}`);
    expect(invalid({ field: 'tags', op: 'has_any', value: many })[0]?.message).toBe(
      'must have at most 500 items',
    );
    expect(invalid({ field: 'title', op: 'contains', value: 'я'.repeat(1001) })[0]?.message).toBe(
      'must be at most 1000 characters',
    );
  });

  it('rejects text PostgreSQL cannot hold', () => {
    expect(invalid({ field: 'title', op: 'contains', value: 'a\u0000b' })[0]?.field).toBe('filter/value');
    expect(invalid({ field: 'title', op: 'contains', value: 'a\ud800b' })[0]?.field).toBe('filter/value');
  });

  it('allows the change operators only when asked to', () => {
    const cond = { field: 'priority', op: 'changed_to', value: 'urgent' };
    expect(invalid(cond)[0]?.field).toBe('filter/op');
    expect(validateCondition(cond, registry, { allowChangeOps: true })).toEqual(cond);
  });

  it('names the condition root when no prefix is given', () => {
    expect(invalid(null, {})).toEqual([{ field: 'condition', message: 'must be an object' }]);
  });
});

describe('toSql', () => {
  it('refuses the change operators with a validation error', () => {
    const errors = errorsOf(() =>
      toSql({ any: [{ field: 'priority', op: 'changed' }] }, registry, { path: 'rule' }),
    );
    expect(errors[0]?.field).toBe('rule/any/0/op');
  });
});
