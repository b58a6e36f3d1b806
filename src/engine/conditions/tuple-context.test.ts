import { describe, expect, it } from 'vitest';
import { compileCondition } from './compile.js';
import { tupleContextProblem } from './tuple-context.js';

const compiled = compileCondition({
  name: 'in_range',
  expression: 'user_ip.in_cidr(cidr)',
  parameters: { user_ip: { type_name: 'TYPE_NAME_IPADDRESS' }, cidr: { type_name: 'TYPE_NAME_STRING' } },
});

describe('tupleContextProblem (Write-time validation of a tuple context)', () => {
  it('accepts no context, an empty one, or declared parameters of the right type', () => {
    expect(tupleContextProblem(compiled, undefined)).toBeUndefined();
    expect(tupleContextProblem(compiled, {})).toBeUndefined();
    expect(tupleContextProblem(compiled, { cidr: '10.0.0.0/8' })).toBeUndefined();
    expect(tupleContextProblem(compiled, { cidr: '10.0.0.0/8', user_ip: '10.1.1.1' })).toBeUndefined();
  });

  it('rejects values of the wrong type', () => {
    expect(tupleContextProblem(compiled, { user_ip: 'nope' })).toBe(
      "parameter type error on condition 'in_range': failed to convert context parameter 'user_ip': expected a well-formed IP address, but found: 'nope'",
    );
  });

  it('rejects keys that are not parameters', () => {
    expect(tupleContextProblem(compiled, { cidr: '10.0.0.0/8', other: 1 })).toBe('found invalid context parameter: other');
  });

  it('rejects any context for a condition without parameters', () => {
    const none = compileCondition({ name: 'always', expression: 'true' });
    expect(tupleContextProblem(none, { a: 1 })).toBe("parameter type error on condition 'always': no parameters defined for the condition");
    expect(tupleContextProblem(none, {})).toBeUndefined();
  });
});
