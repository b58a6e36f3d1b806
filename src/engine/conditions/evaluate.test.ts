import { describe, expect, it } from 'vitest';
import { ErrorCode, ValidationError } from '../../model/index.js';
import type { ConditionParamTypeRef, ConditionTypeName } from '../../model/index.js';
import { compileCondition, compileModelConditions } from './compile.js';
import type { CompiledCondition } from './compile.js';
import { evaluate, evaluateTupleCondition, isConditionMet, missingParametersError } from './evaluate.js';
import type { ConditionResult, ContextObject } from './evaluate.js';

const t = (name: ConditionTypeName, ...generic: ConditionParamTypeRef[]): ConditionParamTypeRef =>
  generic.length ? { type_name: name, generic_types: generic } : { type_name: name };

const compile = (expression: string, parameters: Record<string, ConditionParamTypeRef>, name = 'cond'): CompiledCondition =>
  compileCondition({ name, expression, parameters });

const met = (c: CompiledCondition, request: ContextObject, tuple?: ContextObject): boolean => {
  const result = evaluate(c, tuple, request);
  if ('missingParameters' in result) throw new Error(`missing ${result.missingParameters.join(',')}`);
  return result.met;
};

function evaluationError(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe(ErrorCode.ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('evaluate: parameter types', () => {
  it('int: JSON numbers and numeric strings, whole and in range', () => {
    const c = compile('x < 100', { x: t('TYPE_NAME_INT') });
    expect(met(c, { x: 10 })).toBe(true);
    expect(met(c, { x: 101 })).toBe(false);
    expect(met(c, { x: '-5' })).toBe(true);
    expect(met(c, { x: '1e3' })).toBe(false);
    expect(met(c, { x: 99.0 })).toBe(true);
    expect(evaluationError(() => met(c, { x: 3.5 })).message).toBe(
      "parameter type error on condition 'cond': failed to convert context parameter 'x': expected an int value, but found numeric value '3.5'",
    );
    expect(evaluationError(() => met(c, { x: 'ten' })).message).toContain("invalid string value 'ten'");
    expect(evaluationError(() => met(c, { x: true })).message).toContain('expected an int value');
    expect(evaluationError(() => met(c, { x: '9223372036854775808' })).message).toContain('out of range');
    expect(met(c, { x: '-9223372036854775808' })).toBe(true);
  });

  it('uint: non-negative whole numbers', () => {
    const c = compile('x > 5u', { x: t('TYPE_NAME_UINT') });
    expect(met(c, { x: 6 })).toBe(true);
    expect(met(c, { x: '18446744073709551615' })).toBe(true);
    expect(evaluationError(() => met(c, { x: -1 })).message).toContain('expected a uint value');
    expect(evaluationError(() => met(c, { x: '18446744073709551616' })).message).toContain('out of range');
  });

  it('double: finite numbers and numeric strings (handles_floats)', () => {
    const c = compile('x > 0.0', { x: t('TYPE_NAME_DOUBLE') });
    expect(met(c, { x: 1.7976931348623157 })).toBe(true);
    expect(met(c, { x: -1.7976931348623157 })).toBe(false);
    expect(met(c, { x: 3 })).toBe(true);
    expect(met(c, { x: '0.5' })).toBe(true);
    expect(evaluationError(() => met(c, { x: '1.79769313486231570814527423731704356798070e+309' })).message).toContain('out of range');
    expect(evaluationError(() => met(c, { x: Infinity })).message).toContain('out of range');
    expect(evaluationError(() => met(c, { x: 'NaN' })).message).toContain('invalid string value');
  });

  it('bool and string are strict', () => {
    const b = compile('b', { b: t('TYPE_NAME_BOOL') });
    expect(met(b, { b: true })).toBe(true);
    expect(met(b, { b: false })).toBe(false);
    expect(evaluationError(() => met(b, { b: 'true' })).message).toContain("expected a bool value, but found string 'true'");
    const s = compile('s == "hello"', { s: t('TYPE_NAME_STRING') });
    expect(met(s, { s: 'hello' })).toBe(true);
    expect(evaluationError(() => met(s, { s: 1 })).message).toContain("expected a string value, but found number '1'");
    expect(evaluationError(() => met(s, { s: null })).message).toContain('found null');
  });

  it('timestamp: RFC 3339 strings, comparisons and arithmetic', () => {
    const c = compile('ts < timestamp("2023-10-11T10:00:00.000Z")', { ts: t('TYPE_NAME_TIMESTAMP') });
    expect(met(c, { ts: '2023-10-11T09:00:00.000Z' })).toBe(true);
    expect(met(c, { ts: '2023-10-11T10:00:00.000Z' })).toBe(false);
    expect(met(c, { ts: '2023-10-11T11:30:00+02:00' })).toBe(true);
    expect(met(c, { ts: '2023-10-11T09:59:59.999999999Z' })).toBe(true);
    expect(evaluationError(() => met(c, { ts: '2023-10-11 09:00:00' })).message).toContain('expected RFC 3339 formatted timestamp string');
    expect(evaluationError(() => met(c, { ts: 1697014800 })).message).toContain('expected RFC 3339 formatted timestamp string');
    const window = compile('current_time < grant_time + grant_duration', {
      current_time: t('TYPE_NAME_TIMESTAMP'),
      grant_time: t('TYPE_NAME_TIMESTAMP'),
      grant_duration: t('TYPE_NAME_DURATION'),
    });
    const grant = { grant_time: '2023-01-01T00:00:00Z', grant_duration: '1h30m' };
    expect(met(window, { current_time: '2023-01-01T01:29:59Z' }, grant)).toBe(true);
    expect(met(window, { current_time: '2023-01-01T01:30:00Z' }, grant)).toBe(false);
    const accessor = compile('ts.getHours() == 9 && ts.getFullYear() == 2023', { ts: t('TYPE_NAME_TIMESTAMP') });
    expect(met(accessor, { ts: '2023-10-11T09:00:00Z' })).toBe(true);
  });

  it('duration: Go duration strings', () => {
    const c = compile('d >= duration("90m")', { d: t('TYPE_NAME_DURATION') });
    expect(met(c, { d: '1h30m' })).toBe(true);
    expect(met(c, { d: '1.5h' })).toBe(true);
    expect(met(c, { d: '89m59.999s' })).toBe(false);
    expect(met(c, { d: '-2h' })).toBe(false);
    expect(evaluationError(() => met(c, { d: '2 days' })).message).toContain("expected a valid duration string, but found: '2 days'");
    expect(evaluationError(() => met(c, { d: 60 })).message).toContain('expected a duration string');
  });

  it('ipaddress: in_cidr for IPv4 and IPv6, equality', () => {
    const c = compile('user_ip.in_cidr(cidr)', { user_ip: t('TYPE_NAME_IPADDRESS'), cidr: t('TYPE_NAME_STRING') });
    expect(met(c, { user_ip: '192.168.0.1' }, { cidr: '192.168.0.0/24' })).toBe(true);
    expect(met(c, { user_ip: '192.168.1.0' }, { cidr: '192.168.0.0/24' })).toBe(false);
    expect(met(c, { user_ip: '2001:db8::1', cidr: '2001:db8::/32' })).toBe(true);
    expect(met(c, { user_ip: '2001:db9::1', cidr: '2001:db8::/32' })).toBe(false);
    // IPv4 and IPv6 never mix, as in Go's netip.
    expect(met(c, { user_ip: '::ffff:10.0.0.1', cidr: '10.0.0.0/8' })).toBe(false);
    expect(evaluationError(() => met(c, { user_ip: '10.0.0.1', cidr: '10.0.0.0/33' })).message).toBe(
      "failed to evaluate relationship condition 'cond': failed to evaluate condition expression: '10.0.0.0/33' is a malformed CIDR string",
    );
    expect(evaluationError(() => met(c, { user_ip: '999.1.1.1', cidr: '10.0.0.0/8' })).message).toContain(
      "expected a well-formed IP address, but found: '999.1.1.1'",
    );
    const eq = compile('ip == ipaddress("10.0.0.1")', { ip: t('TYPE_NAME_IPADDRESS') });
    expect(met(eq, { ip: '10.0.0.1' })).toBe(true);
    expect(met(eq, { ip: '10.0.0.2' })).toBe(false);
  });

  it('list<T> and map<T> convert element-wise and name the bad element', () => {
    const list = compile('"b" in xs', { xs: t('TYPE_NAME_LIST', t('TYPE_NAME_STRING')) });
    expect(met(list, { xs: ['a', 'b'] })).toBe(true);
    expect(met(list, { xs: [] })).toBe(false);
    expect(evaluationError(() => met(list, { xs: ['a', 2] })).message).toBe(
      "parameter type error on condition 'cond': failed to convert context parameter 'xs[1]': expected a string value, but found number '2'",
    );
    expect(evaluationError(() => met(list, { xs: 'a' })).message).toContain('expected a list value');
    const ips = compile('ips.exists(ip, ip.in_cidr("10.0.0.0/8"))', { ips: t('TYPE_NAME_LIST', t('TYPE_NAME_IPADDRESS')) });
    expect(met(ips, { ips: ['192.168.0.1', '10.1.2.3'] })).toBe(true);
    const map = compile('m.limit > 10 && m["other"] == 1', { m: t('TYPE_NAME_MAP', t('TYPE_NAME_INT')) });
    expect(met(map, { m: { limit: 11, other: '1' } })).toBe(true);
    expect(evaluationError(() => met(map, { m: { limit: 'x' } })).message).toContain("'m['limit']'");
    expect(evaluationError(() => met(map, { m: [1] })).message).toContain('expected a map value, but found list');
    const nested = compile('m.a[1] == 2', { m: t('TYPE_NAME_MAP', t('TYPE_NAME_LIST', t('TYPE_NAME_INT'))) });
    expect(met(nested, { m: { a: [1, 2] } })).toBe(true);
    expect(evaluationError(() => met(nested, { m: { a: [1, 2.5] } })).message).toContain("'m['a'][1]'");
  });

  it('any: JSON values as CEL dyn (numbers are doubles, objects maps)', () => {
    const c = compile('x == 1.0 && m.name == "a" && m.tags[0] == true', { x: t('TYPE_NAME_ANY'), m: t('TYPE_NAME_ANY') });
    expect(met(c, { x: 1, m: { name: 'a', tags: [true] } })).toBe(true);
    expect(met(c, { x: 2, m: { name: 'a', tags: [true] } })).toBe(false);
    const n = compile('x == null', { x: t('TYPE_NAME_ANY') });
    expect(met(n, { x: null })).toBe(true);
  });
});

describe('evaluate: contexts', () => {
  const c = compile('x < 100', { x: t('TYPE_NAME_INT') });

  it("the tuple's context wins over the request's", () => {
    expect(met(c, { x: 500 }, { x: 5 })).toBe(true);
    expect(met(c, { x: 5 }, { x: 500 })).toBe(false);
  });

  it('reports missing parameters (sorted) without running the expression', () => {
    const xy = compile('x < 100 || y < 50', { y: t('TYPE_NAME_INT'), x: t('TYPE_NAME_INT') });
    expect(evaluate(xy, undefined, {})).toEqual<ConditionResult>({ missingParameters: ['x', 'y'] });
    expect(evaluate(xy, undefined, { x: 10 })).toEqual<ConditionResult>({ missingParameters: ['y'] });
    expect(evaluate(xy, { y: 1 }, { x: 10 })).toEqual<ConditionResult>({ met: true });
    expect(evaluate(xy, undefined, undefined)).toEqual<ConditionResult>({ missingParameters: ['x', 'y'] });
  });

  it('still reports a wrongly typed value when another parameter is missing', () => {
    const xy = compile('x < 100 || y < 50', { x: t('TYPE_NAME_INT'), y: t('TYPE_NAME_INT') });
    evaluationError(() => evaluate(xy, undefined, { x: 'ten' }));
  });

  it('ignores context keys that are not parameters', () => {
    expect(met(c, { x: 5, unrelated: { deep: [1, 'x'] }, y: 'not an int' })).toBe(true);
  });

  it('refuses context for a condition without parameters (OpenFGA)', () => {
    const none = compile('true', {});
    expect(evaluate(none, undefined, undefined)).toEqual({ met: true });
    expect(evaluate(none, undefined, {})).toEqual({ met: true });
    expect(evaluationError(() => evaluate(none, undefined, { a: 1 })).message).toBe(
      "parameter type error on condition 'cond': no parameters defined for the condition",
    );
  });

  it('reuses conversions of one request context across tuples, per target type', () => {
    const request = { x: '42' };
    const asInt = compile('x == 42', { x: t('TYPE_NAME_INT') });
    const asString = compile('x == "42"', { x: t('TYPE_NAME_STRING') });
    expect(met(asInt, request)).toBe(true);
    expect(met(asString, request)).toBe(true);
    expect(met(asInt, request)).toBe(true);
  });

  it('reports run-time failures as evaluation errors', () => {
    const div = compile('100 / x > 1', { x: t('TYPE_NAME_INT') });
    expect(evaluationError(() => met(div, { x: 0 })).message).toBe(
      "failed to evaluate relationship condition 'cond': failed to evaluate condition expression: int divide by zero",
    );
  });
});

describe('evaluateTupleCondition / isConditionMet', () => {
  const { conditions } = compileModelConditions({
    conditions: { x_less_than: { name: 'x_less_than', expression: 'x < 100', parameters: { x: t('TYPE_NAME_INT') } } },
  });
  const label = () => 'document:1#viewer@user:jon';

  it('treats a tuple without a condition as met', () => {
    expect(evaluateTupleCondition(conditions, {}, undefined)).toEqual({ met: true });
    expect(isConditionMet(conditions, {}, { x: 1000 }, label)).toBe(true);
  });

  it('fails for a condition the model does not define', () => {
    expect(evaluationError(() => evaluateTupleCondition(conditions, { conditionName: 'nope' }, {})).message).toBe(
      "failed to evaluate relationship condition 'nope': condition was not found",
    );
  });

  it('throws OpenFGA\'s missing-parameters error in the strict form', () => {
    expect(isConditionMet(conditions, { conditionName: 'x_less_than' }, { x: 1 }, label)).toBe(true);
    expect(isConditionMet(conditions, { conditionName: 'x_less_than', conditionContext: { x: 500 } }, { x: 1 }, label)).toBe(false);
    expect(evaluationError(() => isConditionMet(conditions, { conditionName: 'x_less_than' }, undefined, label)).message).toBe(
      "failed to evaluate relationship condition 'x_less_than': tuple 'document:1#viewer@user:jon' is missing context parameters '[x]'",
    );
    expect(missingParametersError('c', 'a:1#r@u:2', ['x', 'y']).message).toContain("'[x y]'");
  });
});

describe('evaluate: expressions of the openfga-language data-types model', () => {
  it('compares object types with null and literals at run time', () => {
    const duration = compile('_duration != null && _duration != duration("0s") && _duration > duration("0s")', { _duration: t('TYPE_NAME_DURATION') });
    expect(met(duration, { _duration: '1s' })).toBe(true);
    expect(met(duration, { _duration: '0s' })).toBe(false);
    const ip = compile('_ipaddress != null &&  _ipaddress != ipaddress("192.0.0.1")', { _ipaddress: t('TYPE_NAME_IPADDRESS') });
    expect(met(ip, { _ipaddress: '10.0.0.1' })).toBe(true);
    expect(met(ip, { _ipaddress: '192.0.0.1' })).toBe(false);
    const list = compile(
      '"1" in _liststring && _liststring[0] != "" && _liststring.exists_one(x, x > "") && _liststring.all(x, x > "")',
      { _liststring: t('TYPE_NAME_LIST', t('TYPE_NAME_STRING')) },
    );
    expect(met(list, { _liststring: ['1'] })).toBe(true);
    expect(met(list, { _liststring: ['1', '2'] })).toBe(false);
    const uint = compile('_uint != 0u && _uint > 0u', { _uint: t('TYPE_NAME_UINT') });
    expect(met(uint, { _uint: 3 })).toBe(true);
    expect(met(uint, { _uint: 0 })).toBe(false);
  });
});

describe('evaluate: memoization per request context', () => {
  it('gives each request context object its own answers', () => {
    const c = compile('x < 100', { x: t('TYPE_NAME_INT') });
    const low = { x: 1 };
    const high = { x: 1000 };
    for (let i = 0; i < 3; i++) {
      expect(evaluate(c, undefined, low)).toEqual({ met: true });
      expect(evaluate(c, undefined, high)).toEqual({ met: false });
      expect(evaluate(c, {}, high)).toEqual({ met: false });
      expect(evaluate(c, { x: 5 }, high)).toEqual({ met: true });
    }
  });

  it('tells tuple contexts apart within one request, and without a request context', () => {
    const c = compile('x < y', { x: t('TYPE_NAME_INT'), y: t('TYPE_NAME_INT') });
    const request = { y: 100 };
    for (let i = 0; i < 3; i++) {
      expect(evaluate(c, { x: 5 }, request)).toEqual({ met: true });
      expect(evaluate(c, { x: 500 }, request)).toEqual({ met: false });
      expect(evaluate(c, { x: 5, y: 1 }, request)).toEqual({ met: false });
      expect(evaluate(c, { x: 5 }, undefined)).toEqual({ missingParameters: ['y'] });
      expect(evaluate(c, { x: 5, y: 6 }, undefined)).toEqual({ met: true });
    }
  });

  it('does not remember failures', () => {
    const c = compile('x < 100', { x: t('TYPE_NAME_INT') });
    const bad = { x: 'nope' };
    evaluationError(() => evaluate(c, undefined, bad));
    evaluationError(() => evaluate(c, undefined, bad));
  });
});

describe('evaluate: cost bound', () => {
  const xs = { xs: t('TYPE_NAME_LIST', t('TYPE_NAME_INT')) };

  it('runs comprehensions over ordinary lists', () => {
    const c = compile('xs.exists(x, x == 7)', xs);
    expect(met(c, { xs: Array.from({ length: 5000 }, (_, i) => i) })).toBe(true);
  });

  it('refuses nested comprehensions that would run for too long', () => {
    const c = compile('xs.all(a, xs.all(b, xs.all(c, a + b + c >= 0)))', xs);
    expect(met(c, { xs: [1, 2] })).toBe(true);
    const started = Date.now();
    expect(evaluationError(() => met(c, { xs: Array.from({ length: 1000 }, (_, i) => i) })).message).toBe(
      "failed to evaluate relationship condition 'cond': failed to evaluate condition expression: operation cancelled: actual cost limit exceeded",
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('bounds ranges read from dynamic values by the largest collection supplied', () => {
    const c = compile('m.items.exists(a, m.items.exists(b, a == b + 1.0))', { m: t('TYPE_NAME_ANY') });
    expect(met(c, { m: { items: [1, 2] } })).toBe(true);
    evaluationError(() => met(c, { m: { items: Array.from({ length: 2000 }, (_, i) => i) } }));
  });
});

describe('evaluate: contexts that are not JSON', () => {
  it('reports a BigInt or a cycle in a tuple context as a type error, not a crash', () => {
    const c = compile('x < 100', { x: t('TYPE_NAME_INT') });
    expect(evaluationError(() => evaluate(c, { x: 5n }, { x: 1 })).message).toContain("failed to convert context parameter 'x'");
    const cyclic: Record<string, unknown> = { x: 5 };
    cyclic.self = cyclic;
    expect(evaluate(c, cyclic, undefined)).toEqual({ met: true });
  });
});
