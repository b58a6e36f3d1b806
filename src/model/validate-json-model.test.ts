import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from './errors.js';
import { parseJsonModel } from './parse-json-model.js';
import { modelValidationError, validateJsonModel } from './validate-json-model.js';
import { validateModel } from './validate-model.js';

const valid = {
  schema_version: '1.1',
  type_definitions: [
    { type: 'user' },
    { type: 'doc', relations: { viewer: { this: {} } }, metadata: { relations: { viewer: { directly_related_user_types: [{ type: 'user' }] } } } },
  ],
};

describe('parseJsonModel', () => {
  it('accepts a model given as a string or a value, keeping only known fields', () => {
    const fromString = parseJsonModel(JSON.stringify(valid));
    expect(fromString.errors).toEqual([]);
    expect(fromString.model).toEqual(valid);
    expect(parseJsonModel({ ...valid, extra: 1 }).model).toEqual(valid);
  });

  it('names the field path of every shape problem', () => {
    const bad = {
      schema_version: 1,
      type_definitions: [{ type: 'doc', relations: { viewer: { this: {}, computedUserset: { relation: 'x' } }, owner: 'x' } }, { relations: {} }],
    };
    expect(parseJsonModel(bad).errors.map((e) => e.message)).toEqual([
      'schema_version: expected a string, got number 1',
      'type_definitions[0].relations.viewer: expected exactly one of this, computedUserset, tupleToUserset, union, intersection, difference, got this, computedUserset',
      'type_definitions[0].relations.owner: expected an object, got the string "x"',
      'type_definitions[1].type: expected a string, got undefined undefined',
    ]);
    expect(parseJsonModel('{not json').errors[0].message).toMatch(/^model: invalid JSON/);
    expect(parseJsonModel([]).errors[0].message).toBe('model: expected an object, got an array');
    // `__proto__` is an ordinary relation name (OpenFGA's naming rule allows it), kept as an own key.
    const proto = parseJsonModel('{"schema_version":"1.1","type_definitions":[{"type":"a","relations":{"__proto__":{"this":{}}}}]}');
    expect(Object.keys(proto.model!.type_definitions[0]!.relations!)).toEqual(['__proto__']);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = parseJsonModel(value);
        if (parsed.model) validateModel(parsed.model);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.anything(), (value) => {
        parseJsonModel({ schema_version: '1.1', type_definitions: [{ type: 'a', relations: { r: value }, metadata: { relations: { r: value } } }] });
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateJsonModel', () => {
  it('returns the model only when it is valid', () => {
    expect(validateJsonModel(valid)).toEqual({ model: valid, errors: [] });
    const broken = validateJsonModel({ ...valid, type_definitions: [...valid.type_definitions, { type: 'user' }] });
    expect(broken.model).toBeUndefined();
    expect(broken.errors.map((e) => e.errorType)).toEqual(['duplicated-error']);
  });

  it('applies the server rules and maps them to OpenFGA codes', () => {
    const none = validateJsonModel({ schema_version: '1.1', type_definitions: [] });
    expect(modelValidationError(none.errors).code).toBe(ErrorCode.TypeDefinitionsTooFewItems);
    const old = validateJsonModel({ ...valid, schema_version: '1.0' });
    expect(modelValidationError(old.errors).code).toBe(ErrorCode.UnsupportedSchemaVersion);
    const semantic = validateJsonModel({ ...valid, type_definitions: [{ type: 'doc', relations: { a: { computedUserset: { relation: 'b' } } } }] });
    const error = modelValidationError(semantic.errors);
    expect(error.code).toBe(ErrorCode.InvalidAuthorizationModel);
    expect(error.message).toBe('the relation `b` does not exist.');
    expect(validateJsonModel(valid, { maxTypes: 1 }).errors[0].message).toMatch(/exceeds the allowed limit of 1/);
  });
});

describe('server-only rules', () => {
  const user = { type: 'user' };
  it('rejects type restrictions on a relation without `this`', () => {
    const errors = validateJsonModel({
      schema_version: '1.1',
      type_definitions: [
        user,
        {
          type: 'doc',
          relations: { owner: { this: {} }, viewer: { computedUserset: { relation: 'owner' } } },
          metadata: { relations: { owner: { directly_related_user_types: [user] }, viewer: { directly_related_user_types: [user] } } },
        },
      ],
    }).errors;
    expect(errors.map((e) => e.message)).toEqual(["the non-assignable relation 'viewer' in object type 'doc' should not contain a relation type"]);
  });

  it('applies the API field limits', () => {
    const { errors } = validateJsonModel({
      ...valid,
      id: 'not-a-ulid',
      type_definitions: [...valid.type_definitions.slice(0, 1), { ...valid.type_definitions[1], relations: { viewer: { this: {} } } }],
      conditions: { c: { name: 'c', expression: 'x'.repeat(513) } },
    });
    expect(errors.map((e) => e.message)).toEqual(['id: must be a ULID', 'conditions.c.expression: at most 512 bytes', '`c` condition is not used in the model.']);
  });

  it('rejects cycles of computed relations even when each has an entry point', () => {
    const rel = (other: string) => ({ union: { child: [{ this: {} }, { computedUserset: { relation: other } }] } });
    const types = { directly_related_user_types: [user] };
    const { errors } = validateJsonModel({
      schema_version: '1.1',
      type_definitions: [user, { type: 'res', relations: { x: rel('y'), y: rel('x') }, metadata: { relations: { x: types, y: types } } }],
    });
    expect(errors.map((e) => `${e.errorType} ${e.relation}`)).toEqual(['relation-cycle x', 'relation-cycle y']);
  });
});
