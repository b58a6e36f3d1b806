import { describe, expect, it } from 'vitest';
import { ErrorCode, ValidationError } from '../../model/index.js';
import { tupleContextLimits, validateContext } from './validate-context.js';

function rejection(value: unknown, field = 'context', limits = { maxBytes: 1024, maxDepth: 4 }): string {
  try {
    validateContext(value, field, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe(ErrorCode.ValidationError);
    return (error as Error).message;
  }
  throw new Error('expected a rejection');
}

describe('validateContext', () => {
  it('passes absent contexts and JSON objects through', () => {
    expect(validateContext(undefined, 'context')).toBeUndefined();
    expect(validateContext(null, 'context')).toBeUndefined();
    const context = { x: 1, s: 'a', b: true, n: null, l: [1, { y: 2 }], m: { z: [] } };
    expect(validateContext(context, 'context')).toBe(context);
    expect(validateContext(Object.assign(Object.create(null) as object, { a: 1 }), 'context')).toBeDefined();
  });

  it('rejects non-objects, naming the field', () => {
    expect(rejection([1], 'context')).toBe("invalid 'context': must be an object, found a list");
    expect(rejection('x', 'tuple_key.condition.context')).toBe("invalid 'tuple_key.condition.context': must be an object, found string");
    expect(rejection(3)).toContain('found number');
  });

  it('rejects values JSON cannot carry, with their path', () => {
    expect(rejection({ a: { b: Infinity } })).toBe("invalid 'context': context.a.b is not a finite number");
    expect(rejection({ a: [undefined] })).toContain('context.a[0] is not a JSON value');
    expect(rejection({ a: new Date() })).toContain('context.a is not a JSON value');
    expect(rejection({ a: 1n })).toContain('bigint');
  });

  it('rejects contexts that are too large or too deep', () => {
    expect(rejection({ big: 'x'.repeat(2000) })).toContain('context size limit exceeded: more than 1024 bytes');
    // The context object is level 1: four levels of objects are allowed, a fifth is not.
    expect(() => validateContext({ a: { b: { c: { d: 1 } } } }, 'context', { maxBytes: 1024, maxDepth: 4 })).not.toThrow();
    expect(rejection({ a: { b: { c: { d: { e: 1 } } } } })).toContain('nested deeper than 4 levels at context.a.b.c.d');
    expect(rejection({ a: [[[[1]]]] })).toContain('nested deeper than 4 levels at context.a[0][0][0]');
    const many = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
    expect(() => validateContext(many, 'condition.context', tupleContextLimits)).toThrow(/size limit exceeded/);
  });
});

describe('validateContext: entries and quoting', () => {
  it('bounds keys plus list items at every depth', () => {
    const limits = { maxBytes: 1_000_000, maxDepth: 8, maxEntries: 100 };
    expect(() => validateContext({ a: Array.from({ length: 98 }, () => 0) }, 'context', limits)).not.toThrow();
    expect(rejection({ a: Array.from({ length: 100 }, () => 0) }, 'context', limits)).toBe(
      "invalid 'context': context size limit exceeded: more than 100 keys and list items (at context.a)",
    );
    expect(rejection(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, null])), 'context', limits)).toContain('more than 100 keys');
  });

  it('quotes only a prefix of long keys in messages', () => {
    const key = 'k'.repeat(10_000);
    const message = rejection({ [key]: { [key]: Infinity } }, 'context', { maxBytes: 1_000_000, maxDepth: 8 });
    expect(message.length).toBeLessThan(200);
    expect(message).toContain('context.kkkk');
  });
});
