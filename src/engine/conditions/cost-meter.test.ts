// The runtime cost meter: cel-go's costs for the cases OpenFGA tests (limit just below and at the
// cost), size-dependent costs for string and list operations, and hostile contexts that end
// quickly with OpenFGA's cost error instead of occupying the server.
import { describe, expect, it } from 'vitest';
import { ErrorCode, ValidationError } from '../../model/index.js';
import type { ConditionParamTypeRef, ConditionTypeName } from '../../model/index.js';
import { compileCondition } from './compile.js';
import type { CompiledCondition } from './compile.js';
import { callCost } from './cost-meter.js';
import { evaluate } from './evaluate.js';
import type { ContextObject } from './evaluate.js';

const t = (name: ConditionTypeName, ...generic: ConditionParamTypeRef[]): ConditionParamTypeRef =>
  generic.length ? { type_name: name, generic_types: generic } : { type_name: name };

const compile = (expression: string, parameters: Record<string, ConditionParamTypeRef>, maxEvaluationCost?: number): CompiledCondition =>
  compileCondition({ name: 'cond', expression, parameters }, { maxEvaluationCost });

const COST_ERROR = "failed to evaluate relationship condition 'cond': failed to evaluate condition expression: operation cancelled: actual cost limit exceeded";

function outcome(c: CompiledCondition, request: ContextObject): boolean | string {
  try {
    const result = evaluate(c, undefined, request);
    if ('missingParameters' in result) return `missing ${result.missingParameters.join(',')}`;
    return result.met;
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe(ErrorCode.ValidationError);
    return (error as Error).message;
  }
}

describe('cost meter: cel-go parity (OpenFGA condition_test cost cases)', () => {
  const ints = { x: t('TYPE_NAME_INT'), y: t('TYPE_NAME_INT') };
  const strings = { x: t('TYPE_NAME_STRING'), y: t('TYPE_NAME_STRING') };
  const strlist = { strlist: t('TYPE_NAME_LIST', t('TYPE_NAME_STRING')) };

  it('x < y costs 3', () => {
    expect(outcome(compile('x < y', ints, 2), { x: 1, y: 2 })).toBe(COST_ERROR);
    expect(outcome(compile('x < y', ints, 3), { x: 1, y: 2 })).toBe(true);
  });

  it("x == y on strings costs 3", () => {
    expect(outcome(compile('x == y', strings, 2), { x: 'ab', y: 'ab' })).toBe(COST_ERROR);
    expect(outcome(compile('x == y', strings, 3), { x: 'ab', y: 'ab' })).toBe(true);
  });

  it("'a' in a list of 3 costs 4", () => {
    expect(outcome(compile("'a' in strlist", strlist, 3), { strlist: ['c', 'b', 'a'] })).toBe(COST_ERROR);
    expect(outcome(compile("'d' in strlist", strlist, 4), { strlist: ['c', 'b', 'a'] })).toBe(false);
  });

  it('charges string work by size, as cel-go', () => {
    expect(callCost('_==_', ['a'.repeat(1000), 'a'.repeat(10)])).toBe(1);
    expect(callCost('_==_', ['a'.repeat(1000), 'a'.repeat(1000)])).toBe(100);
    expect(callCost('_==_', [1n, 2n])).toBe(1);
    expect(callCost('startsWith', ['a'.repeat(95), 'a'])).toBe(10);
    expect(callCost('contains', ['a'.repeat(100), 'a'.repeat(20)])).toBe(20);
    expect(callCost('matches', ['a'.repeat(99), '(a+)+$'])).toBe(20);
    expect(callCost('_+_', ['a'.repeat(10), 'b'.repeat(10)])).toBe(2);
    expect(callCost('size', ['a'.repeat(10_000)])).toBe(1);
    // Sizes are code points, as in cel-go: 20 emoji are 20, not 40.
    expect(callCost('startsWith', ['😀'.repeat(20), 'a'])).toBe(2);
  });
});

describe('cost meter: macros keep their CEL semantics with metered steps', () => {
  const xs = { xs: t('TYPE_NAME_LIST', t('TYPE_NAME_INT')) };
  it.each([
    ['xs.all(x, x > 0)', true],
    ['xs.exists(x, x == 3)', true],
    ['xs.exists_one(x, x > 2)', true],
    ['xs.filter(x, x % 2 == 1) == [1, 3]', true],
    ['xs.map(x, x * 2) == [2, 4, 6]', true],
    ['xs.map(x, x > 1, x) == [2, 3]', true],
    // An error inside a step is absorbed by a later false (true), as CEL's logical operators do.
    ['[0, 1].all(x, 1 / x > 5)', false],
    ['xs.exists(x, 6 / (x - 1) > 100 || x == 1)', true],
  ])('%s', (expression, expected) => {
    expect(outcome(compile(expression, xs), { xs: [1, 2, 3] })).toBe(expected);
  });

  it('an error that nothing absorbs is an evaluation error', () => {
    expect(outcome(compile('xs.all(x, 6 / (x - 1) > 0)', xs), { xs: [1, 2, 3] })).toContain('divide by zero');
  });
});

describe('cost meter: the default limit (100) against hostile contexts', () => {
  it('keeps ordinary conditions well within the limit', () => {
    const c = compile('ip.in_cidr(cidr) && now < expires && "admin" in roles', {
      ip: t('TYPE_NAME_IPADDRESS'),
      cidr: t('TYPE_NAME_STRING'),
      now: t('TYPE_NAME_TIMESTAMP'),
      expires: t('TYPE_NAME_TIMESTAMP'),
      roles: t('TYPE_NAME_LIST', t('TYPE_NAME_STRING')),
    });
    const context = { ip: '10.1.2.3', cidr: '10.0.0.0/8', now: '2024-01-01T00:00:00Z', expires: '2025-01-01T00:00:00Z', roles: ['user', 'admin'] };
    expect(outcome(c, context)).toBe(true);
  });

  it('refuses nested comprehensions over a large list quickly', () => {
    const c = compile('xs.all(a, xs.all(b, a != b || a == b))', { xs: t('TYPE_NAME_LIST', t('TYPE_NAME_INT')) });
    const started = Date.now();
    expect(outcome(c, { xs: Array.from({ length: 10_000 }, (_, i) => i) })).toBe(COST_ERROR);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses comprehension steps that call nothing (each step is charged)', () => {
    const c = compile('xs.all(a, xs.all(b, true))', { xs: t('TYPE_NAME_LIST', t('TYPE_NAME_INT')) });
    expect(outcome(c, { xs: [1, 2, 3] })).toBe(true);
    expect(outcome(c, { xs: Array.from({ length: 5000 }, (_, i) => i) })).toBe(COST_ERROR);
  });

  it('refuses membership in, and equality of, large context values', () => {
    const list = { xs: t('TYPE_NAME_LIST', t('TYPE_NAME_STRING')), s: t('TYPE_NAME_STRING') };
    expect(outcome(compile('s in xs', list), { s: 'x', xs: Array.from({ length: 50_000 }, (_, i) => `v${i}`) })).toBe(COST_ERROR);
    expect(outcome(compile('s == "a"', list), { s: 'a'.repeat(100_000), xs: [] })).toBe(false);
    expect(outcome(compile('s == s + s', list), { s: 'a'.repeat(100_000), xs: [] })).toBe(COST_ERROR);
  });

  it('a catastrophic pattern on a 100 KB context string ends at once with the cost error', () => {
    const c = compile('s.matches("(a+)+$")', { s: t('TYPE_NAME_STRING') });
    expect(outcome(c, { s: 'aaaa' })).toBe(true);
    expect(outcome(c, { s: `${'a'.repeat(30)}!` })).toBe(false);
    const started = Date.now();
    expect(outcome(c, { s: `${'a'.repeat(100_000)}!` })).toBe(COST_ERROR);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a pattern from the context is charged by its length before it is compiled', () => {
    const c = compile('s.matches(p)', { s: t('TYPE_NAME_STRING'), p: t('TYPE_NAME_STRING') });
    expect(outcome(c, { s: 'ab', p: '^a' })).toBe(true);
    const started = Date.now();
    expect(outcome(c, { s: 'a', p: `${'(a*)*'.repeat(20_000)}$` })).toBe(COST_ERROR);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('with a raised limit, matching stays linear (RE2): 100 KB input, catastrophic pattern', () => {
    const c = compile('s.matches(p)', { s: t('TYPE_NAME_STRING'), p: t('TYPE_NAME_STRING') }, 1_000_000_000);
    const started = Date.now();
    expect(outcome(c, { s: `${'a'.repeat(100_000)}!`, p: '^(a+)+$' })).toBe(false);
    expect(outcome(c, { s: 'a'.repeat(100_000), p: '^(a|aa)+$' })).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
