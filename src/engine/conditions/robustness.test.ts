// Whatever JSON a client sends as context, evaluation answers or throws a ValidationError: never
// another exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../model/index.js';
import type { ConditionParamTypeRef, ConditionTypeName } from '../../model/index.js';
import { compileCondition } from './compile.js';
import { evaluate } from './evaluate.js';

const t = (name: ConditionTypeName, ...generic: ConditionParamTypeRef[]): ConditionParamTypeRef =>
  generic.length ? { type_name: name, generic_types: generic } : { type_name: name };

const conditions = [
  compileCondition({ name: 'i', expression: 'x < 100', parameters: { x: t('TYPE_NAME_INT') } }),
  compileCondition({ name: 'u', expression: 'x > 1u', parameters: { x: t('TYPE_NAME_UINT') } }),
  compileCondition({ name: 'd', expression: 'x > 0.5', parameters: { x: t('TYPE_NAME_DOUBLE') } }),
  compileCondition({ name: 'b', expression: 'x', parameters: { x: t('TYPE_NAME_BOOL') } }),
  compileCondition({ name: 's', expression: 'x.startsWith("a")', parameters: { x: t('TYPE_NAME_STRING') } }),
  compileCondition({ name: 'ts', expression: 'x > timestamp("2020-01-01T00:00:00Z")', parameters: { x: t('TYPE_NAME_TIMESTAMP') } }),
  compileCondition({ name: 'du', expression: 'x > duration("1s")', parameters: { x: t('TYPE_NAME_DURATION') } }),
  compileCondition({ name: 'ip', expression: 'x.in_cidr("10.0.0.0/8")', parameters: { x: t('TYPE_NAME_IPADDRESS') } }),
  compileCondition({ name: 'l', expression: 'x.exists(e, e == "a")', parameters: { x: t('TYPE_NAME_LIST', t('TYPE_NAME_STRING')) } }),
  compileCondition({ name: 'm', expression: '"k" in x && x.k > 1', parameters: { x: t('TYPE_NAME_MAP', t('TYPE_NAME_INT')) } }),
  compileCondition({ name: 'a', expression: 'x == 1.0 || x.y == "z"', parameters: { x: t('TYPE_NAME_ANY') } }),
  compileCondition({ name: 'c', expression: 'x.in_cidr(cidr)', parameters: { x: t('TYPE_NAME_IPADDRESS'), cidr: t('TYPE_NAME_STRING') } }),
];

describe('evaluate with arbitrary JSON contexts', () => {
  it('answers or throws ValidationError', () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom('10.1.2.3', '::1', '2021-01-01T00:00:00Z', '1h', '-5', '1e400', 'a', '10.0.0.0/8', '300.0.0.1/8', 'fe80::1%eth0'),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('x', 'cidr', 'y'), value), fc.option(fc.dictionary(fc.constantFrom('x', 'cidr'), value)), (request, tuple) => {
        for (const condition of conditions) {
          try {
            evaluate(condition, tuple ?? undefined, request);
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationError);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('compile arbitrary expressions', () => {
  it('compiles or throws ValidationError', () => {
    const token = fc.constantFrom(
      'x', 'y', 'xs', 'm', '1', '1u', '2.5', '"a"', 'true', 'null', '(', ')', '[', ']', '{', '}', ':', ',', '.', '?',
      '+', '-', '*', '/', '%', '<', '<=', '==', '!=', '&&', '||', '!', 'in', 'size', 'has', 'exists', 'all', 'map',
      'timestamp', 'duration', 'in_cidr', 'int', 'string', 'matches', 'e', '@', '#', '\\', '"',
    );
    const parameters = {
      x: t('TYPE_NAME_INT'),
      y: t('TYPE_NAME_IPADDRESS'),
      xs: t('TYPE_NAME_LIST', t('TYPE_NAME_STRING')),
      m: t('TYPE_NAME_MAP', t('TYPE_NAME_ANY')),
    };
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 12 }), (tokens) => {
        try {
          compileCondition({ name: 'fuzz', expression: tokens.join(' '), parameters });
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
