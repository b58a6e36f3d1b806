// Names that are also properties of Object.prototype (`constructor`, `__proto__`, `toString`,
// `hasOwnProperty`) as condition names, parameter names and context keys behave like any name.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../model/index.js';
import type { Condition } from '../../model/index.js';
import { compileCondition, compileModelConditions } from './compile.js';
import { evaluate, evaluateTupleCondition } from './evaluate.js';
import { tupleContextProblem } from './tuple-context.js';
import { validateContext } from './validate-context.js';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'] as const;

// JSON.parse makes `__proto__` an own key, as a decoded request body does.
const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

describe('prototype names in conditions', () => {
  for (const name of NAMES) {
    it(`'${name}' as condition name, parameter name and context key`, () => {
      const condition: Condition = json(
        `{"name":"${name}","expression":"${name} == 'yes' && n < 3","parameters":{"${name}":{"type_name":"TYPE_NAME_STRING"},"n":{"type_name":"TYPE_NAME_INT"}}}`,
      ) as unknown as Condition;
      const compiled = compileCondition(condition);
      expect(compiled.parameters.map((p) => p.name).sort()).toEqual([name, 'n'].sort());

      expect(evaluate(compiled, undefined, json(`{"${name}":"yes","n":1}`))).toEqual({ met: true });
      expect(evaluate(compiled, undefined, json(`{"${name}":"no","n":1}`))).toEqual({ met: false });
      // The tuple's value wins over the request's, also for these names.
      expect(evaluate(compiled, json(`{"${name}":"no"}`), json(`{"${name}":"yes","n":1}`))).toEqual({ met: false });
      // Absent means missing, never the inherited property.
      expect(evaluate(compiled, undefined, { n: 1 })).toEqual({ missingParameters: [name] });
      expect(evaluate(compiled, {}, json('{"n":1}'))).toEqual({ missingParameters: [name] });
      expect(() => evaluate(compiled, undefined, json(`{"${name}":5,"n":1}`))).toThrow(ValidationError);

      const models = compileModelConditions(json(`{"conditions":{"${name}":${JSON.stringify(condition)}}}`));
      expect(models.errors).toEqual([]);
      const result = evaluateTupleCondition(models.conditions, { conditionName: name, conditionContext: json(`{"${name}":"yes"}`) }, { n: 2 });
      expect(result).toEqual({ met: true });

      expect(tupleContextProblem(compiled, json(`{"${name}":"yes"}`))).toBeUndefined();
      expect(validateContext(json(`{"${name}":{"${name}":[1]}}`), 'context')).toBeDefined();
    });
  }

  it('an undefined condition named like a prototype property is "not found", not a crash', () => {
    const { conditions } = compileModelConditions({});
    for (const name of NAMES) {
      expect(() => evaluateTupleCondition(conditions, { conditionName: name }, undefined)).toThrow(
        `failed to evaluate relationship condition '${name}': condition was not found`,
      );
    }
  });

  it('context keys named like prototype properties are ignored when not parameters', () => {
    const compiled = compileCondition({ name: 'c', expression: 'x > 1', parameters: { x: { type_name: 'TYPE_NAME_INT' } } });
    expect(evaluate(compiled, undefined, json('{"x":2,"__proto__":{"x":0},"constructor":1,"toString":"a"}'))).toEqual({ met: true });
    expect(evaluate(compiled, undefined, json('{"__proto__":{"x":5}}'))).toEqual({ missingParameters: ['x'] });
  });

  it('a map parameter with prototype-named keys', () => {
    const compiled = compileCondition({
      name: 'm',
      expression: '"constructor" in m && m.__proto__ == 1 && !("toString" in m)',
      parameters: { m: { type_name: 'TYPE_NAME_MAP', generic_types: [{ type_name: 'TYPE_NAME_INT' }] } },
    });
    expect(evaluate(compiled, undefined, json('{"m":{"constructor":2,"__proto__":1}}'))).toEqual({ met: true });
    expect(evaluate(compiled, undefined, json('{"m":{"__proto__":1}}'))).toEqual({ met: false });
  });

  it('unknown parameter type names that are prototype properties are compile errors', () => {
    for (const name of NAMES) {
      expect(() =>
        compileCondition({ name: 'c', expression: 'true', parameters: { x: { type_name: name } } } as unknown as Condition),
      ).toThrow(/unknown condition parameter type/);
    }
  });

  it('a call to a function named like a prototype property is an undeclared reference', () => {
    for (const name of ['toString', 'constructor', 'valueOf']) {
      expect(() => compileCondition({ name: 'c', expression: `${name}(x) == "1"`, parameters: { x: { type_name: 'TYPE_NAME_INT' } } })).toThrow(
        /undeclared reference to '(toString|constructor|valueOf)'/,
      );
    }
  });
});
