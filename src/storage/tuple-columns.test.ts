import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, ValidationError } from '../model/index.js';
import { compareText, requireDistinct, sameCondition, toColumns } from './tuple-columns.js';
import { toTupleKey } from '../model/index.js';

describe('tuple columns', () => {
  it('round-trips keys of every user form', () => {
    for (const user of ['user:anne', 'user:*', 'group:eng#member', 'team:a:b#member']) {
      const key = { object: 'doc:x:y', relation: 'viewer', user, condition: { name: 'c', context: { a: 1 } } };
      expect(toTupleKey(toColumns(key))).toEqual(key);
    }
    expect(toColumns({ object: 'doc:1', relation: 'r', user: 'user:1', condition: { name: 'c', context: {} } }).conditionContext).toBeUndefined();
  });

  it('rejects malformed keys naming the field', () => {
    expect(() => toColumns({ object: 'doc', relation: 'viewer', user: 'user:anne' })).toThrow(/'object'/);
    expect(() => toColumns({ object: 'doc:1', relation: '', user: 'user:anne' })).toThrow(/'relation'/);
    expect(() => toColumns({ object: 'doc:1', relation: 'viewer', user: 'anne' })).toThrow(/'user'/);
  });

  it('orders by code point (= UTF-8 bytes, PostgreSQL "C" collation), not UTF-16 units', () => {
    expect(compareText('a', 'b')).toBe(-1);
    expect(compareText('B', 'a')).toBe(-1);
    expect(compareText('ab', 'a')).toBe(1);
    expect(compareText('\uffff', '\u{1F600}')).toBe(-1); // UTF-16 comparison would say 1
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const bytes = Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));
        expect(compareText(a, b)).toBe(bytes);
      }),
    );
  });

  it('compares conditions by name and context, key order aside; no context = {}', () => {
    expect(sameCondition({ conditionName: 'c', conditionContext: { a: 1, b: { c: [1] } } }, { conditionName: 'c', conditionContext: { b: { c: [1] }, a: 1 } })).toBe(true);
    expect(sameCondition({ conditionName: 'c' }, { conditionName: 'c', conditionContext: {} })).toBe(true);
    expect(sameCondition({ conditionName: 'c', conditionContext: { a: 1 } }, { conditionName: 'c', conditionContext: { a: 2 } })).toBe(false);
    expect(sameCondition({ conditionName: 'c' }, {})).toBe(false);
  });

  it('rejects the same tuple twice in one list', () => {
    const key = toColumns({ object: 'doc:1', relation: 'viewer', user: 'user:anne' });
    expect(() => requireDistinct([key, { ...key, conditionName: 'x' }], 'writes')).toThrow(ValidationError);
    try {
      requireDistinct([key, key], 'deletes');
    } catch (err) {
      expect((err as ValidationError).code).toBe(ErrorCode.CannotAllowDuplicateTuplesInOneRequest);
      expect((err as ValidationError).message).toContain("'deletes'");
    }
  });
});
