// Hostile identifiers over gRPC on PostgreSQL: NUL (which PostgreSQL's text and jsonb refuse),
// other control characters and over-long ids are INVALID_ARGUMENT with OpenFGA's code and a
// short message, never INTERNAL, and a refused Write stores nothing.
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import { ErrorCode } from '../../src/model/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { startGrpcHarness } from './grpc-harness.js';
import type { GrpcHarness, RpcFailure } from './grpc-harness.js';

const dsl = `model
  schema 1.1
type user
type document
  relations
    define viewer: [user, user with in_region]
condition in_region(region: string) {
  region == "eu"
}
`;

let h: GrpcHarness;
let storeId: string;
let modelId: string;

const key = (object: string, relation: string, user: string) => ({ object, relation, user });
const huge = 'x'.repeat(64 * 1024);

function expectRefused(failure: RpcFailure, code: ErrorCode): void {
  expect(failure.grpcCode, failure.message).toBe(status.INVALID_ARGUMENT);
  expect(failure.openfgaCode, failure.message).toBe(code);
  expect(failure.message.length).toBeLessThan(400);
  expect(failure.message).not.toMatch(/\p{Cc}/u);
}

async function storedTuples(): Promise<unknown[]> {
  const read = await h.call<{ tuples: { key: { object: string; relation: string; user: string } }[] }>('Read', { store_id: storeId });
  return read.response.tuples.map(({ key: { object, relation, user } }) => ({ object, relation, user }));
}

beforeAll(async () => {
  h = await startGrpcHarness('ids');
  storeId = (await h.call<{ id: string }>('CreateStore', { name: 'grpc-identifiers' })).response.id;
  const model = encodeModel(transformDslToModel(dsl));
  modelId = (
    await h.call<{ authorization_model_id: string }>('WriteAuthorizationModel', {
      store_id: storeId,
      schema_version: model.schema_version,
      type_definitions: model.type_definitions,
      conditions: model.conditions,
    })
  ).response.authorization_model_id;
  await h.call('Write', { store_id: storeId, writes: { tuple_keys: [key('document:1', 'viewer', 'user:anne')] } });
});

afterAll(async () => {
  await h?.close();
});

describe('Write', () => {
  it('refuses NUL in any part of a tuple, and writes none of the batch', async () => {
    for (const bad of [key('document:a\u0000b', 'viewer', 'user:bob'), key('document:2', 'viewer', 'user:b\u0000ob'), key('document:2', 'vie\u0000wer', 'user:bob')]) {
      const failure = await h.fail('Write', { store_id: storeId, writes: { tuple_keys: [key('document:2', 'viewer', 'user:carl'), bad] } });
      expectRefused(failure, ErrorCode.InvalidTuple);
    }
    const deleted = await h.fail('Write', { store_id: storeId, deletes: { tuple_keys: [key('document:1', 'viewer', 'user:anne\u0000')] } });
    expectRefused(deleted, ErrorCode.InvalidTuple);
    expect(await storedTuples()).toEqual([key('document:1', 'viewer', 'user:anne')]);
  });

  it('refuses over-long ids by OpenFGA limits (code points for the object, bytes for the user)', async () => {
    expectRefused(await h.fail('Write', { store_id: storeId, writes: { tuple_keys: [key(`document:${huge}`, 'viewer', 'user:bob')] } }), ErrorCode.ObjectTooLong);
    expectRefused(await h.fail('Write', { store_id: storeId, writes: { tuple_keys: [key('document:2', 'viewer', `user:${'é'.repeat(300)}`)] } }), ErrorCode.InvalidTuple);
    expectRefused(await h.fail('Write', { store_id: storeId, writes: { tuple_keys: [key('document:2', 'viewer', `user:${huge}`)] } }), ErrorCode.InvalidTuple);
    expect(await storedTuples()).toEqual([key('document:1', 'viewer', 'user:anne')]);
  });

  it('refuses NUL inside a condition context (jsonb cannot store it)', async () => {
    const tuple = { ...key('document:3', 'viewer', 'user:dora'), condition: { name: 'in_region', context: { fields: { region: { stringValue: 'e\u0000u' } } } } };
    const failure = await h.fail('Write', { store_id: storeId, writes: { tuple_keys: [tuple] } });
    expect(failure.grpcCode).toBe(status.INVALID_ARGUMENT);
    expect(await storedTuples()).toEqual([key('document:1', 'viewer', 'user:anne')]);
  });
});

describe('queries and other calls', () => {
  it('answers NUL and over-long ids with INVALID_ARGUMENT, never INTERNAL', async () => {
    const tuple = (user: string) => ({ store_id: storeId, tuple_key: key('document:1', 'viewer', user) });
    expectRefused(await h.fail('Check', tuple('user:anne\u0000')), ErrorCode.ValidationError);
    expectRefused(await h.fail('Check', tuple(`user:${huge}`)), ErrorCode.ValidationError);
    expectRefused(
      await h.fail('Check', { ...tuple('user:anne'), contextual_tuples: { tuple_keys: [key('document:1', 'viewer', 'user:x\u0000')] } }),
      ErrorCode.InvalidTuple,
    );
    expectRefused(await h.fail('Read', { store_id: storeId, tuple_key: { object: 'document:1\u0000' } }), ErrorCode.ValidationError);
    expectRefused(await h.fail('Read', { store_id: storeId, tuple_key: { object: 'document:1', user: `user:${huge}` } }), ErrorCode.ValidationError);
    expectRefused(await h.fail('ReadChanges', { store_id: storeId, type: 'document\u0000' }), ErrorCode.ValidationError);
    expectRefused(await h.fail('ListObjects', { store_id: storeId, type: 'document', relation: 'viewer', user: 'user:\u0000' }), ErrorCode.ValidationError);
    expectRefused(await h.fail('CreateStore', { name: 'abc\u0000def' }), ErrorCode.ValidationError);
    expectRefused(
      await h.fail('WriteAssertions', {
        store_id: storeId,
        authorization_model_id: modelId,
        assertions: [{ tuple_key: key('document:1', 'viewer', 'user:\u0000'), expectation: true }],
      }),
      ErrorCode.ValidationError,
    );
  });

  it('refuses a forged continuation token that carries NUL', async () => {
    const forged = Buffer.from(JSON.stringify(['tuples', 'document', '1\u0000', 'viewer', 'user', 'anne', '']), 'utf8').toString('base64url');
    expectRefused(await h.fail('Read', { store_id: storeId, continuation_token: forged }), ErrorCode.InvalidContinuationToken);
  });

  it('refuses a model whose names hold NUL', async () => {
    const failure = await h.fail('WriteAuthorizationModel', { store_id: storeId, schema_version: '1.1', type_definitions: [{ type: 'us\u0000er' }] });
    expectRefused(failure, ErrorCode.ValidationError);
  });

  it('still allows the stored grant exactly', async () => {
    const allowed = await h.call<{ allowed: boolean }>('Check', { store_id: storeId, tuple_key: key('document:1', 'viewer', 'user:anne') });
    expect(allowed.response.allowed).toBe(true);
  });
});
