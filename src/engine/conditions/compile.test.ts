import { describe, expect, it } from 'vitest';
import { ErrorCode, ValidationError } from '../../model/index.js';
import type { Condition, ConditionParamTypeRef, ConditionTypeName } from '../../model/index.js';
import { compileCondition, compileModelConditions } from './compile.js';

const t = (name: ConditionTypeName, ...generic: ConditionParamTypeRef[]): ConditionParamTypeRef =>
  generic.length ? { type_name: name, generic_types: generic } : { type_name: name };

function condition(expression: string, parameters: Record<string, ConditionParamTypeRef>, name = 'cond'): Condition {
  return { name, expression, parameters };
}

function compileMessage(c: Condition): string {
  try {
    compileCondition(c);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe(ErrorCode.InvalidAuthorizationModel);
    return (error as Error).message;
  }
  throw new Error(`expected '${c.expression}' not to compile`);
}

describe('compileCondition', () => {
  it('compiles expressions over every parameter type', () => {
    const accepted: [string, Record<string, ConditionParamTypeRef>][] = [
      ['x < 100', { x: t('TYPE_NAME_INT') }],
      ['x > 1u', { x: t('TYPE_NAME_UINT') }],
      ['x > 0.0 && x < 100.0', { x: t('TYPE_NAME_DOUBLE') }],
      ['b', { b: t('TYPE_NAME_BOOL') }],
      ['s == "hello" && s.startsWith("h") && s.matches("^h")', { s: t('TYPE_NAME_STRING') }],
      ['ts < timestamp("2023-10-11T10:00:00.000Z")', { ts: t('TYPE_NAME_TIMESTAMP') }],
      ['d > duration("1h") && d.getHours() > 1', { d: t('TYPE_NAME_DURATION') }],
      ['grant + ttl > now', { grant: t('TYPE_NAME_TIMESTAMP'), ttl: t('TYPE_NAME_DURATION'), now: t('TYPE_NAME_TIMESTAMP') }],
      ['now - grant < duration("10m")', { grant: t('TYPE_NAME_TIMESTAMP'), now: t('TYPE_NAME_TIMESTAMP') }],
      ['ip.in_cidr(cidr)', { ip: t('TYPE_NAME_IPADDRESS'), cidr: t('TYPE_NAME_STRING') }],
      ['ipaddress("10.0.0.1") == ip', { ip: t('TYPE_NAME_IPADDRESS') }],
      ['"a" in xs && size(xs) > 0 && xs.exists(x, x == "b")', { xs: t('TYPE_NAME_LIST', t('TYPE_NAME_STRING')) }],
      ['m.a == 1 && "b" in m && has(m.c) && m["d"] > 2', { m: t('TYPE_NAME_MAP', t('TYPE_NAME_INT')) }],
      ['x == 1', { x: t('TYPE_NAME_ANY') }],
      ['m.flag == true', { m: t('TYPE_NAME_MAP', t('TYPE_NAME_ANY')) }],
      ['xs.all(x, x.in_cidr("10.0.0.0/8"))', { xs: t('TYPE_NAME_LIST', t('TYPE_NAME_IPADDRESS')) }],
      ['xs.map(x, x * 2).exists(y, y > 3)', { xs: t('TYPE_NAME_LIST', t('TYPE_NAME_INT')) }],
      ['x > 1 ? true : false', { x: t('TYPE_NAME_INT') }],
      ['int(s) == 3 && string(x) == "3" && double(x) > 2.5', { s: t('TYPE_NAME_STRING'), x: t('TYPE_NAME_INT') }],
      ['x < 100 ||\n y < 50', { x: t('TYPE_NAME_INT'), y: t('TYPE_NAME_INT') }],
    ];
    for (const [expression, parameters] of accepted) {
      const compiled = compileCondition(condition(expression, parameters));
      expect(compiled.parameters.map((p) => p.name)).toEqual(Object.keys(parameters));
    }
  });

  it('names the condition and the undeclared variable, with its position', () => {
    expect(compileMessage(condition('x < 100 &&\n  y > 1', { x: t('TYPE_NAME_INT') }, 'limit'))).toBe(
      "failed to compile expression on condition 'limit' - ERROR: limit:2:3: undeclared reference to 'y' (in container '')",
    );
  });

  it('places an operator error at the operator, as cel-go', () => {
    expect(compileMessage(condition('x < "a"', { x: t('TYPE_NAME_INT') }))).toBe(
      "failed to compile expression on condition 'cond' - ERROR: cond:1:3: found no matching overload for '_<_' applied to '(int, string)'",
    );
  });

  it('rejects an unknown function or method', () => {
    expect(compileMessage(condition('foo(x)', { x: t('TYPE_NAME_INT') }))).toContain("undeclared reference to 'foo'");
    expect(compileMessage(condition('s.lowerAscii() == "a"', { s: t('TYPE_NAME_STRING') }))).toContain("undeclared reference to 'lowerAscii'");
  });

  it('rejects operators applied to the wrong types', () => {
    expect(compileMessage(condition('x < "a"', { x: t('TYPE_NAME_INT') }))).toContain(
      "found no matching overload for '_<_' applied to '(int, string)'",
    );
    expect(compileMessage(condition('x == 1.0', { x: t('TYPE_NAME_INT') }))).toContain("'_==_'");
    // No cross-type numeric comparisons in OpenFGA's CEL environment.
    expect(compileMessage(condition('x < 100.5', { x: t('TYPE_NAME_INT') }))).toContain("'_<_' applied to '(int, double)'");
    expect(compileMessage(condition('u > 0', { u: t('TYPE_NAME_UINT') }))).toContain("'_>_' applied to '(uint, int)'");
    expect(compileMessage(condition('s.in_cidr("10.0.0.0/8")', { s: t('TYPE_NAME_STRING') }))).toContain("'in_cidr'");
    expect(compileMessage(condition('ts < 5', { ts: t('TYPE_NAME_TIMESTAMP') }))).toContain('google.protobuf.Timestamp');
    expect(compileMessage(condition('x.y == 1', { x: t('TYPE_NAME_INT') }))).toContain('does not support field selection');
  });

  it('rejects a non-bool expression', () => {
    expect(compileMessage(condition('x + 1', { x: t('TYPE_NAME_INT') }))).toBe(
      "failed to compile expression on condition 'cond' - expected a bool condition expression output, but got 'int'",
    );
    // `any` is dynamic: its type is not known to be bool (cel-go: google.protobuf.Any).
    expect(compileMessage(condition('x', { x: t('TYPE_NAME_ANY') }))).toContain('expected a bool condition expression output');
  });

  it('rejects a syntax error', () => {
    expect(compileMessage(condition('x <', { x: t('TYPE_NAME_INT') }, 'broken'))).toMatch(
      /^failed to compile expression on condition 'broken' - ERROR: broken:1:/,
    );
  });

  it('rejects unknown parameter types and wrong generic counts', () => {
    expect(compileMessage(condition('x', { x: { type_name: 'TYPE_NAME_FOO' as ConditionTypeName } }))).toBe(
      "failed to compile expression on condition 'cond' - failed to decode parameter type for parameter 'x': unknown condition parameter type `TYPE_NAME_FOO`",
    );
    expect(compileMessage(condition('x', { x: t('TYPE_NAME_UNSPECIFIED') }))).toContain('unknown condition parameter type');
    expect(compileMessage(condition('size(x) > 0', { x: t('TYPE_NAME_LIST') }))).toContain('requires 1 generic types; found 0');
    expect(compileMessage(condition('x > 0', { x: t('TYPE_NAME_INT', t('TYPE_NAME_INT')) }))).toContain('requires 0 generic types; found 1');
  });

  it('rejects hostile expressions without crashing', () => {
    const x = { x: t('TYPE_NAME_INT') };
    expect(compileMessage(condition(`x < ${Array(300).fill('1').join(' + ')}`, x))).toContain('recursion limit exceeded');
    expect(compileMessage(condition(`${'('.repeat(3000)}x < 1${')'.repeat(3000)}`, x))).toMatch(/^failed to compile expression on condition 'cond' - ERROR: /);
    expect(compileMessage(condition(`x < 1 ${'|| x < 1 '.repeat(12_500)}`, x))).toContain('expression size exceeds limit');
    expect(() => compileCondition(condition(`x < ${Array(100).fill('1').join(' + ')}`, x))).not.toThrow();
  });

  it('rejects an empty expression or name', () => {
    expect(compileMessage(condition('  ', {}))).toContain('non-empty');
    expect(compileMessage({ name: '', expression: 'true' })).toContain('condition name');
  });
});

describe('compileModelConditions', () => {
  it('returns compiled conditions and one error per bad condition', () => {
    const { conditions, errors } = compileModelConditions({
      conditions: {
        good: condition('x < 1', { x: t('TYPE_NAME_INT') }, 'good'),
        bad: condition('x + 1', { x: t('TYPE_NAME_INT') }, 'bad'),
        mismatch: condition('true', {}, 'other'),
      },
    });
    expect([...conditions.keys()]).toEqual(['good']);
    expect(errors.map((e) => e.message)).toEqual([
      "failed to compile expression on condition 'bad' - expected a bool condition expression output, but got 'int'",
      "condition key 'mismatch' does not match condition name 'other'",
    ]);
    expect(errors.every((e) => e.code === ErrorCode.InvalidAuthorizationModel)).toBe(true);
  });

  it('accepts a model without conditions', () => {
    expect(compileModelConditions({}).conditions.size).toBe(0);
  });
});
