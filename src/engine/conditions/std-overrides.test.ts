// The standard functions replaced so that long context strings stay cheap: size, int, uint,
// double of a string; and errors that quote only a prefix of long inputs.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../model/index.js';
import { compileCondition } from './compile.js';
import type { CompiledCondition } from './compile.js';
import { evaluate } from './evaluate.js';

const compile = (expression: string): CompiledCondition =>
  compileCondition({ name: 'c', expression, parameters: { s: { type_name: 'TYPE_NAME_STRING' } } });

function outcome(c: CompiledCondition, s: string): boolean | string {
  try {
    const result = evaluate(c, undefined, { s });
    return 'met' in result ? result.met : 'missing';
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as Error).message;
  }
}

describe('size of a string', () => {
  it('counts code points, as a function and as a method', () => {
    expect(outcome(compile('size(s) == 3 && s.size() == 3'), 'a😀é')).toBe(true);
    expect(outcome(compile('size(s) == 0'), '')).toBe(true);
    // A lone surrogate is one code point.
    expect(outcome(compile('size(s) == 2'), 'a\uD800')).toBe(true);
  });

  it('is cheap on a 256 KB string even when called many times', () => {
    const c = compile(Array.from({ length: 30 }, () => 'size(s) > 0').join(' && '));
    const started = Date.now();
    expect(outcome(c, 'x'.repeat(256 * 1024))).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('int() and uint() of a string: Go strconv in base 10', () => {
  it.each([
    ['int(s) == 42', '42', true],
    ['int(s) == -42', '-42', true],
    ['int(s) == 5', '+5', true],
    ['int(s) == 0', '-0', true],
    ['int(s) == 9223372036854775807', '9223372036854775807', true],
    ['int(s) == -9223372036854775807 - 1', '-9223372036854775808', true],
    ['int(s) == 1', `${'0'.repeat(100_000)}1`, true],
    ['uint(s) == 18446744073709551615u', '18446744073709551615', true],
  ])('%s for %#', (expression, s, expected) => {
    expect(outcome(compile(expression), s)).toBe(expected);
  });

  it.each([
    ['int(s) == 0', ' 12', 'strconv.ParseInt: parsing " 12": invalid syntax'],
    ['int(s) == 0', '0x10', 'strconv.ParseInt: parsing "0x10": invalid syntax'],
    ['int(s) == 0', '1.5', 'invalid syntax'],
    ['int(s) == 0', '', 'invalid syntax'],
    ['int(s) == 0', '9223372036854775808', 'strconv.ParseInt: parsing "9223372036854775808": value out of range'],
    ['uint(s) == 0u', '-1', 'strconv.ParseUint: parsing "-1": invalid syntax'],
    ['uint(s) == 0u', '18446744073709551616', 'value out of range'],
  ])('%s refuses %j', (expression, s, message) => {
    expect(outcome(compile(expression), s)).toContain(message);
  });

  it('refuses a 256 KB digit string at once, quoting only a prefix', () => {
    const started = Date.now();
    const message = outcome(compile(Array.from({ length: 30 }, () => 'int(s) != 0').join(' && ')), '1'.repeat(256 * 1024));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(message).toContain('value out of range');
    expect(String(message).length).toBeLessThan(300);
  });
});

describe('double() of a string', () => {
  it('keeps Number semantics and parses a long string once', () => {
    expect(outcome(compile('double(s) == 2.5'), '2.5')).toBe(true);
    const c = compile(Array.from({ length: 30 }, () => 'double(s) > 0.0').join(' && '));
    const started = Date.now();
    expect(outcome(c, '1'.repeat(256 * 1024))).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('errors quote a prefix of long inputs', () => {
  it.each([
    ['ipaddress(s) == ipaddress("10.0.0.1")', 'unable to parse IP'],
    ['ipaddress("10.0.0.1").in_cidr(s)', 'is a malformed CIDR string'],
    ['bool(s)', 'Unable to convert string'],
    ['timestamp(s) > timestamp(0)', 'timestamp'],
  ])('%s', (expression, fragment) => {
    const message = outcome(compile(expression), '1'.repeat(100_000));
    expect(message).toContain(fragment);
    expect(String(message).length).toBeLessThanOrEqual(400);
  });
});

describe('context values converted to parameter types: long inputs', () => {
  const param = (type_name: string, expression: string): CompiledCondition =>
    compileCondition({ name: 'c', expression, parameters: { x: { type_name } } } as never);

  function failure(c: CompiledCondition, x: unknown): string {
    try {
      evaluate(c, undefined, { x });
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as Error).message;
    }
    throw new Error('expected a failure');
  }

  it.each([
    ['TYPE_NAME_INT', 'x > 0', '9'.repeat(256 * 1024), 'out of range value'],
    ['TYPE_NAME_UINT', 'x > 0u', '9'.repeat(256 * 1024), 'out of range value'],
    ['TYPE_NAME_DURATION', 'x > duration("1s")', `${'9'.repeat(256 * 1024)}s`, 'expected a valid duration string'],
    ['TYPE_NAME_TIMESTAMP', 'x > timestamp(0)', '9'.repeat(256 * 1024), 'RFC 3339'],
    ['TYPE_NAME_IPADDRESS', 'x.in_cidr("10.0.0.0/8")', '9'.repeat(256 * 1024), 'well-formed IP address'],
    ['TYPE_NAME_DOUBLE', 'x > 0.0', `${'9'.repeat(256 * 1024)}x`, 'invalid string value'],
  ])('%s is refused at once with a short message', (type, expression, value, fragment) => {
    const started = Date.now();
    const message = failure(param(type, expression), value);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(message).toContain(fragment);
    expect(message.length).toBeLessThan(400);
  });

  it('long valid-looking numbers still convert exactly', () => {
    expect(evaluate(param('TYPE_NAME_INT', 'x == 7'), undefined, { x: `${'0'.repeat(10_000)}7` })).toEqual({ met: true });
    expect(evaluate(param('TYPE_NAME_DURATION', 'x == duration("1500ms")'), undefined, { x: `1.5${'0'.repeat(10_000)}s` })).toEqual({ met: true });
    expect(evaluate(param('TYPE_NAME_DURATION', 'x == duration("2s")'), undefined, { x: `${'0'.repeat(10_000)}2s` })).toEqual({ met: true });
  });

  it('a long map key in an error path is cut', () => {
    const c = compileCondition({
      name: 'c',
      expression: 'size(x) > 0',
      parameters: { x: { type_name: 'TYPE_NAME_MAP', generic_types: [{ type_name: 'TYPE_NAME_INT' }] } },
    });
    expect(failure(c, { ['k'.repeat(100_000)]: 'nope' }).length).toBeLessThan(400);
  });
});
