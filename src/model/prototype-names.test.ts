// A reference to a type, relation or condition named like an Object.prototype member
// (`constructor`, `toString`, ...) that the model does not define is undefined, never resolved
// through a prototype; checked on prototype-free models (the DSL's) and on models with Object's
// prototype (JSON.parse, as a stored model is read back).
import { describe, expect, it } from 'vitest';
import { parseDsl } from '../dsl/index.js';
import { PROTOTYPE_NAMES } from '../../test/helpers/prototype-names.js';
import { dictOf, hasKey, newDict, ownValue } from './dict.js';
import { parseJsonModel } from './parse-json-model.js';
import { TypeSystem } from './type-system.js';
import { validateTupleAgainstModel } from './tuple-validation.js';
import type { AuthorizationModel } from './types.js';
import { validateModel } from './validate-model.js';

const header = 'model\n  schema 1.1\n';

function errorsOf(dsl: string): { dsl: string[]; json: string[] } {
  const { model, errors } = parseDsl(dsl);
  expect(errors).toEqual([]);
  const show = (m: AuthorizationModel) => validateModel(m).map((e) => `${e.errorType}: ${e.message}`);
  return { dsl: show(model), json: show(JSON.parse(JSON.stringify(model)) as AuthorizationModel) };
}

describe.each(PROTOTYPE_NAMES)('an undefined %s', (n) => {
  it('is not a type', () => {
    const errors = errorsOf(`${header}type user\ntype doc\n  relations\n    define viewer: [user, ${n}]\n`);
    expect(errors.dsl).toEqual([`invalid-type: \`${n}\` is not a valid type.`]);
    expect(errors.json).toEqual(errors.dsl);
  });

  it('is not a relation of a type restriction', () => {
    const errors = errorsOf(`${header}type user\ntype doc\n  relations\n    define viewer: [user, user#${n}]\n`);
    expect(errors.dsl).toEqual([`invalid-relation-type: \`${n}\` is not a valid relation for \`user\`.`]);
    expect(errors.json).toEqual(errors.dsl);
  });

  it('is not a computed relation', () => {
    const errors = errorsOf(`${header}type user\ntype doc\n  relations\n    define viewer: [user] or ${n}\n`);
    expect(errors.dsl).toEqual([`missing-definition: the relation \`${n}\` does not exist.`]);
    expect(errors.json).toEqual(errors.dsl);
  });

  it('is not a tupleset or a relation on the tupleset type', () => {
    const tupleset = errorsOf(`${header}type user\ntype doc\n  relations\n    define viewer: [user] or viewer from ${n}\n`);
    expect(tupleset.dsl).toEqual([`invalid-relation-type: \`${n}\` is not a valid relation for \`doc\`.`]);
    expect(tupleset.json).toEqual(tupleset.dsl);
    const computed = errorsOf(`${header}type user\ntype doc\n  relations\n    define parent: [doc]\n    define viewer: [user] or ${n} from parent\n`);
    expect(computed.dsl).toEqual([
      `invalid-relation-on-tupleset: the \`${n}\` relation definition on type \`doc\` is not valid: \`${n}\` does not exist on \`parent\`, which is of type \`doc\`.`,
    ]);
    expect(computed.json).toEqual(computed.dsl);
  });

  it('is not a condition', () => {
    const errors = errorsOf(`${header}type user\ntype doc\n  relations\n    define viewer: [user with ${n}]\n`);
    expect(errors.dsl).toEqual([`condition-not-defined: \`${n}\` is not a defined condition in the model.`]);
    expect(errors.json).toEqual(errors.dsl);
  });

  it('is unknown to the type system and to tuple validation', () => {
    const { model } = parseDsl(`${header}type user\ntype doc\n  relations\n    define viewer: [user, user with c]\ncondition c(x: int) {\n  x < 1\n}\n`);
    for (const m of [model, JSON.parse(JSON.stringify(model)) as AuthorizationModel]) {
      const ts = new TypeSystem(m);
      expect(ts.hasType(n)).toBe(false);
      expect(ts.hasRelation('doc', n)).toBe(false);
      expect(ts.condition(n)).toBeUndefined();
      expect(() => validateTupleAgainstModel(ts, { object: `${n}:1`, relation: 'viewer', user: 'user:a' })).toThrow(`type '${n}' not found`);
      expect(() => validateTupleAgainstModel(ts, { object: 'doc:1', relation: n, user: 'user:a' })).toThrow(`relation 'doc#${n}' not found`);
      expect(() => validateTupleAgainstModel(ts, { object: 'doc:1', relation: 'viewer', user: 'user:a', condition: { name: n } })).toThrow(
        `undefined condition '${n}'`,
      );
      const context = JSON.parse(`{${JSON.stringify(n)}: 1}`) as Record<string, unknown>;
      expect(() => validateTupleAgainstModel(ts, { object: 'doc:1', relation: 'viewer', user: 'user:a', condition: { name: 'c', context } })).toThrow(
        `found invalid context parameter: ${n}`,
      );
    }
  });
});

describe('parseJsonModel', () => {
  it.each(PROTOTYPE_NAMES)('keeps a %s key of every name dictionary as an own key', (n) => {
    const name = JSON.stringify(n);
    const json = `{"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":${name},"relations":{${name}:{"this":{}}},
      "metadata":{"relations":{${name}:{"directly_related_user_types":[{"type":"user","condition":${name}}]}}}}],
      "conditions":{${name}:{"name":${name},"expression":"${n} == 1","parameters":{${name}:{"type_name":"TYPE_NAME_INT"}}}}}`;
    const { model, errors } = parseJsonModel(json);
    expect(errors).toEqual([]);
    const typeDef = model!.type_definitions[1]!;
    expect(Object.keys(typeDef.relations!)).toEqual([n]);
    expect(Object.keys(typeDef.metadata!.relations!)).toEqual([n]);
    expect(Object.keys(model!.conditions!)).toEqual([n]);
    expect(Object.keys(model!.conditions![n]!.parameters!)).toEqual([n]);
    expect(Object.getPrototypeOf(typeDef.relations)).toBeNull();
    expect(validateModel(model!)).toEqual([]);
  });
});

describe('dict', () => {
  it('treats every name as an ordinary key', () => {
    for (const n of PROTOTYPE_NAMES) {
      const dict = newDict<number>();
      expect(hasKey(dict, n)).toBe(false);
      expect(ownValue(dict, n)).toBeUndefined();
      dict[n] = 1;
      expect(Object.keys(dict)).toEqual([n]);
      expect(ownValue(dict, n)).toBe(1);
      expect(ownValue({}, n)).toBeUndefined();
      expect(Object.keys(dictOf([[n, 2]]))).toEqual([n]);
    }
  });
});
