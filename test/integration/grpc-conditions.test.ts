// Conditions through the whole gRPC server on PostgreSQL: models whose conditions do not compile
// are refused at WriteAuthorizationModel; hostile contexts (catastrophic regular expressions, huge
// strings and lists, oversized or prototype-named contexts) end quickly with a typed error or
// the right answer.
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import { ErrorCode } from '../../src/model/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { startGrpcHarness } from './grpc-harness.js';
import type { GrpcHarness } from './grpc-harness.js';

const dsl = `model
  schema 1.1
type user
type document
  relations
    define matcher: [user with text_matches]
    define member: [user with in_list]
    define proto: [user with constructor]
condition text_matches(text: string, pattern: string) {
  text.matches(pattern)
}
condition in_list(name: string, names: list<string>) {
  name in names
}
condition constructor(hasOwnProperty: string, toString: int) {
  hasOwnProperty == "yes" && toString < 3
}
`;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON value as a google.protobuf.Value (proto-loader's object form). */
function value(json: Json): object {
  if (json === null) return { nullValue: 'NULL_VALUE' };
  if (typeof json === 'boolean') return { boolValue: json };
  if (typeof json === 'number') return { numberValue: json };
  if (typeof json === 'string') return { stringValue: json };
  if (Array.isArray(json)) return { listValue: { values: json.map(value) } };
  return { structValue: struct(json) };
}

function struct(json: { [key: string]: Json }): object {
  return { fields: Object.fromEntries(Object.entries(json).map(([k, v]) => [k, value(v)])) };
}

let h: GrpcHarness;
let storeId: string;
let modelId: string;

function writeModel(model: ReturnType<typeof encodeModel>) {
  return { store_id: storeId, schema_version: model.schema_version, type_definitions: model.type_definitions, conditions: model.conditions };
}

const tuple = (object: string, relation: string, user: string, condition: string, context?: { [key: string]: Json }) => ({
  object,
  relation,
  user,
  condition: { name: condition, ...(context ? { context: struct(context) } : {}) },
});

const check = (object: string, relation: string, context: { [key: string]: Json }) => ({
  store_id: storeId,
  authorization_model_id: modelId,
  tuple_key: { object, relation, user: 'user:anne' },
  context: struct(context),
});

beforeAll(async () => {
  h = await startGrpcHarness('conditions');
  storeId = (await h.call<{ id: string }>('CreateStore', { name: 'conditions' })).response.id;
  modelId = (await h.call<{ authorization_model_id: string }>('WriteAuthorizationModel', writeModel(encodeModel(transformDslToModel(dsl))))).response
    .authorization_model_id;
  await h.call('Write', {
    store_id: storeId,
    writes: {
      tuple_keys: [
        tuple('document:m', 'matcher', 'user:anne', 'text_matches'),
        tuple('document:l', 'member', 'user:anne', 'in_list'),
        tuple('document:p', 'proto', 'user:anne', 'constructor', { toString: 1 }),
      ],
    },
  });
});

afterAll(async () => {
  await h?.close();
});

describe('WriteAuthorizationModel compiles conditions', () => {
  const withCondition = (expression: string, params = 'x: int') =>
    encodeModel(
      transformDslToModel(`model
  schema 1.1
type user
type document
  relations
    define viewer: [user with cond]
condition cond(${params}) {
  ${expression}
}
`),
    );

  it.each([
    ['x + 1', "failed to compile expression on condition 'cond' - expected a bool condition expression output, but got 'int'"],
    ['y < 1', "failed to compile expression on condition 'cond' - ERROR: cond:1:1: undeclared reference to 'y'"],
    ['x < "a"', "failed to compile expression on condition 'cond' - ERROR: cond:1:3: found no matching overload for '_<_' applied to '(int, string)'"],
  ])('refuses %s', async (expression, message) => {
    const failure = await h.fail('WriteAuthorizationModel', writeModel(withCondition(expression)));
    expect(failure.grpcCode).toBe(status.INVALID_ARGUMENT);
    expect(failure.openfgaCode).toBe(ErrorCode.InvalidAuthorizationModel);
    expect(failure.message).toContain(message);
  });

  it('refuses an expression that does not parse (JSON model)', async () => {
    const model = withCondition('x < 1');
    const conditions = { cond: { ...model.conditions!.cond, expression: 'x < (' } };
    const failure = await h.fail('WriteAuthorizationModel', { ...writeModel(model), conditions });
    expect(failure.openfgaCode).toBe(ErrorCode.InvalidAuthorizationModel);
    expect(failure.message).toMatch(/^failed to compile expression on condition 'cond' - ERROR: cond:1:/);
  });

  it('accepts one that compiles', async () => {
    const written = await h.call<{ authorization_model_id: string }>('WriteAuthorizationModel', writeModel(withCondition('x < 1')));
    expect(written.response.authorization_model_id).toMatch(/^[0-9A-Z]{26}$/);
  });
});

describe('hostile contexts', () => {
  it('a catastrophic pattern on a 100 KB context string: a typed cost error, at once', async () => {
    const started = Date.now();
    const failure = await h.fail('Check', check('document:m', 'matcher', { text: `${'a'.repeat(100_000)}!`, pattern: '(a+)+$' }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(failure.grpcCode).toBe(status.INVALID_ARGUMENT);
    expect(failure.openfgaCode).toBe(ErrorCode.ValidationError);
    expect(failure.message).toContain('operation cancelled: actual cost limit exceeded');
  });

  it('patterns from the context: right answers, and RE2 errors as typed errors', async () => {
    const allowed = async (text: string, pattern: string) =>
      (await h.call<{ allowed: boolean }>('Check', check('document:m', 'matcher', { text, pattern }))).response.allowed;
    expect(await allowed('aaaa', '(a+)+$')).toBe(true);
    expect(await allowed('aaa!', '^(a+)+$')).toBe(false);
    const bad = await h.fail('Check', check('document:m', 'matcher', { text: 'a', pattern: 'a(?=b)' }));
    expect(bad.openfgaCode).toBe(ErrorCode.ValidationError);
    expect(bad.message).toContain('error parsing regexp');
    const started = Date.now();
    const long = await h.fail('Check', check('document:m', 'matcher', { text: 'a', pattern: '(a*)*'.repeat(20_000) }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(long.message).toContain('actual cost limit exceeded');
    expect(long.message.length).toBeLessThan(300);
  });

  it('membership in a large context list hits the cost limit; a small one answers', async () => {
    const names = Array.from({ length: 5000 }, (_, i) => `n${i}`);
    const failure = await h.fail('Check', check('document:l', 'member', { name: 'zz', names }));
    expect(failure.message).toContain('actual cost limit exceeded');
    const small = await h.call<{ allowed: boolean }>('Check', check('document:l', 'member', { name: 'b', names: ['a', 'b'] }));
    expect(small.response.allowed).toBe(true);
  });

  it('oversized contexts are refused with INVALID_ARGUMENT naming context, for Check and ListObjects', async () => {
    const big = { text: 'x'.repeat(300 * 1024), pattern: 'x' };
    const checked = await h.fail('Check', check('document:m', 'matcher', big));
    expect(checked.grpcCode).toBe(status.INVALID_ARGUMENT);
    expect(checked.openfgaCode).toBe(ErrorCode.ValidationError);
    expect(checked.message).toContain("invalid 'context': context size limit exceeded");
    const listed = await h.fail('ListObjects', { store_id: storeId, authorization_model_id: modelId, type: 'document', relation: 'matcher', user: 'user:anne', context: struct(big) });
    expect(listed.grpcCode).toBe(status.INVALID_ARGUMENT);
    expect(listed.message).toContain("invalid 'context'");
    const many = Object.fromEntries(Array.from({ length: 12_000 }, (_, i) => [`k${i}`, i]));
    const entries = await h.fail('Check', check('document:m', 'matcher', many));
    expect(entries.message).toContain('more than 10000 keys and list items');
  });

  it('a tuple whose condition context exceeds 32 KiB is not written (OpenFGA: ValidationError)', async () => {
    const write = (text: string) => ({
      store_id: storeId,
      authorization_model_id: modelId,
      writes: { tuple_keys: [tuple('document:big', 'matcher', 'user:anne', 'text_matches', { text })] },
    });
    const failure = await h.fail('Write', write('x'.repeat(40 * 1024)));
    expect(failure.grpcCode).toBe(status.INVALID_ARGUMENT);
    expect(failure.openfgaCode).toBe(ErrorCode.ValidationError);
    expect(failure.message).toContain("Invalid tuple 'document:big#matcher@user:anne'. Reason: invalid 'condition.context': context size limit exceeded");
    await h.call('Write', write('x'.repeat(1024)));
  });

  // `__proto__` itself is covered by the unit tests (src/engine/conditions/prototype-names.test.ts):
  // protobufjs drops it from map fields before it reaches the conditions code.
  it('prototype-named condition, parameters and context keys evaluate like any name', async () => {
    const allowed = async (context: { [key: string]: Json }) =>
      (await h.call<{ allowed: boolean }>('Check', check('document:p', 'proto', context))).response.allowed;
    expect(await allowed({ hasOwnProperty: 'yes' })).toBe(true);
    expect(await allowed({ hasOwnProperty: 'yes', constructor: 1, valueOf: 'x', toString: 2 })).toBe(true);
    expect(await allowed({ hasOwnProperty: 'no' })).toBe(false);
    // The tuple's own `toString` (1) wins over the request's, as OpenFGA merges them.
    expect(await allowed({ hasOwnProperty: 'yes', toString: 7 })).toBe(true);
    const missing = await h.fail('Check', check('document:p', 'proto', { constructor: 'x' }));
    expect(missing.openfgaCode).toBe(ErrorCode.ValidationError);
    expect(missing.message).toContain("missing context parameters '[hasOwnProperty]'");
    const listed = await h.call<{ objects: string[] }>('ListObjects', {
      store_id: storeId,
      authorization_model_id: modelId,
      type: 'document',
      relation: 'proto',
      user: 'user:anne',
      context: struct({ hasOwnProperty: 'yes' }),
    });
    expect(listed.response.objects).toEqual(['document:p']);
  });
});
