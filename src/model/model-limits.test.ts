import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { nestedRewrite, ttuChain, userChain, wideUnion } from '../../test/helpers/generated-models.js';
import { ErrorCode, ValidationError } from './errors.js';
import { checkModelLimits, DEFAULT_MAX_MODEL_SIZE_BYTES, DEFAULT_MAX_TYPES_PER_MODEL, MAX_REWRITE_DEPTH, modelWireSize } from './model-limits.js';
import { parseJsonModel } from './parse-json-model.js';
import type { AuthorizationModel, Userset } from './types.js';

// protobufjs's default recursion limit (100 messages) is below a 100-deep rewrite's (200).
protobuf.util.recursionLimit = 1000;
const AuthorizationModelMessage = protobuf.loadSync('proto/openfga/v1/authzmodel.proto').lookupType('openfga.v1.AuthorizationModel');

/** JSON field names to protobufjs's camelCase (the test models use no `_` in map keys). */
function camel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camel);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), camel(v)]));
}
const encodedSize = (model: AuthorizationModel) => AuthorizationModelMessage.encode(AuthorizationModelMessage.fromObject(camel(model) as object)).finish().length;

const withConditions: AuthorizationModel = {
  id: '01JABCDEFGHJKMNPQRSTVWXYZ0',
  schema_version: '1.1',
  type_definitions: [
    { type: 'user', metadata: { module: 'core', source_info: { file: 'core.fga' } } },
    {
      type: 'doc',
      relations: { viewer: { union: { child: [{ this: {} }, { computedUserset: { relation: 'editor' } }] } }, editor: { this: {} } },
      metadata: {
        relations: {
          viewer: { directly_related_user_types: [{ type: 'user', wildcard: {} }, { type: 'doc', relation: 'editor' }, { type: 'user', condition: 'ok' }] },
          editor: { directly_related_user_types: [{ type: 'user' }], module: 'm', source_info: { file: 'ü.fga' } },
        },
      },
    },
  ],
  conditions: {
    ok: {
      name: 'ok',
      expression: 'x < 100 && "é" in tags',
      parameters: { x: { type_name: 'TYPE_NAME_INT' }, tags: { type_name: 'TYPE_NAME_MAP', generic_types: [{ type_name: 'TYPE_NAME_STRING' }] } },
      metadata: { module: 'core', source_info: { file: 'core.fga' } },
    },
  },
};

describe('modelWireSize', () => {
  it.each([
    ['a model with conditions, modules and multi-byte text', withConditions],
    ['a 100-deep nested rewrite', nestedRewrite(100)],
    ['a 100-type TTU chain', ttuChain(100)],
    ['a 300-wide union', wideUnion(300)],
    ['800 relations', userChain(800)],
  ])('is the protobuf encoding size of %s', (_name, model) => {
    expect(modelWireSize(model)).toBe(encodedSize(model));
  });
});

describe('checkModelLimits', () => {
  const limits = { maxTypes: DEFAULT_MAX_TYPES_PER_MODEL, maxSizeBytes: DEFAULT_MAX_MODEL_SIZE_BYTES };
  const refused = (model: AuthorizationModel, custom = limits): ValidationError => {
    try {
      checkModelLimits(model, custom);
    } catch (error) {
      return error as ValidationError;
    }
    throw new Error('expected the model to be refused');
  };

  it('accepts 3000 relations of `[user] or r_(i-1)` (under 256 KiB encoded) and 100 types', () => {
    const model = userChain(3000, 30);
    expect(model.type_definitions.length).toBe(101);
    expect(() => checkModelLimits(model, { ...limits, maxTypes: 101 })).not.toThrow();
    expect(() => checkModelLimits(userChain(3000), limits)).not.toThrow();
    expect(modelWireSize(userChain(3000))).toBeLessThan(DEFAULT_MAX_MODEL_SIZE_BYTES);
  });

  it('refuses more types than the limit with ExceededEntityLimit and OpenFGA message', () => {
    const error = refused(userChain(101, 1));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe(ErrorCode.ExceededEntityLimit);
    expect(error.message).toBe('The number of type definitions in an authorization model exceeds the allowed limit of 100');
  });

  it('refuses a model over the size limit, naming both sizes (the stored id counted)', () => {
    const model = userChain(6000);
    const size = modelWireSize(model) + 28;
    const error = refused(model);
    expect(error.code).toBe(ErrorCode.ExceededEntityLimit);
    expect(error.message).toBe(`model exceeds size limit: ${size} bytes vs 262144 bytes`);
    expect(refused(userChain(50), { ...limits, maxSizeBytes: 1024 }).message).toMatch(/^model exceeds size limit: \d+ bytes vs 1024 bytes$/);
  });
});

describe('rewrite depth', () => {
  const deep = (depth: number): Userset => {
    let rewrite: Userset = { this: {} };
    for (let i = 0; i < depth; i++) rewrite = i % 2 ? { union: { child: [rewrite] } } : { difference: { base: rewrite, subtract: { computedUserset: { relation: 'x' } } } };
    return rewrite;
  };
  const model = (rewrite: Userset) => ({ schema_version: '1.1', type_definitions: [{ type: 'doc', relations: { viewer: rewrite, x: { this: {} } } }] });

  it(`accepts ${MAX_REWRITE_DEPTH} nested operators and refuses one more, naming the relation`, () => {
    expect(parseJsonModel(model(deep(MAX_REWRITE_DEPTH))).errors).toEqual([]);
    expect(parseJsonModel(model(deep(MAX_REWRITE_DEPTH + 1))).errors.map((e) => e.message)).toEqual([
      `type_definitions[0].relations.viewer: rewrite nested more than ${MAX_REWRITE_DEPTH} levels deep`,
    ]);
  });

  it('refuses a 100000-deep rewrite without overflowing the stack', () => {
    // Built as text: JSON.stringify itself would overflow on such a value.
    const depth = 100_000;
    const json = `{"schema_version":"1.1","type_definitions":[{"type":"doc","relations":{"viewer":${'{"union":{"child":['.repeat(depth)}{"this":{}}${']}}'.repeat(depth)}}}]}`;
    const errors = parseJsonModel(json).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message.length).toBeLessThan(200);
  });

  it('bounds nested generic parameter types the same way', () => {
    let param: object = { type_name: 'TYPE_NAME_STRING' };
    for (let i = 0; i < 10_000; i++) param = { type_name: 'TYPE_NAME_LIST', generic_types: [param] };
    const input = { schema_version: '1.1', type_definitions: [{ type: 'user' }], conditions: { c: { name: 'c', expression: 'true', parameters: { p: param } } } };
    expect(parseJsonModel(input).errors.map((e) => e.message)).toEqual([`conditions.c.parameters.p: generic types nested more than ${MAX_REWRITE_DEPTH} levels deep`]);
  });
});
