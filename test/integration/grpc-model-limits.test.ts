// WriteAuthorizationModel of large and deep models over gRPC: OpenFGA's limits (ExceededEntityLimit
// with its messages), models that used to stall the server for seconds, and 100-deep rewrites
// (which OpenFGA accepts) all answer at once, and a Check on the written model then works.
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/model/index.js';
import type { AuthorizationModel } from '../../src/model/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { fibonacciChain, nestedRewrite, userChain } from '../helpers/generated-models.js';
import { startGrpcHarness, type GrpcHarness } from './grpc-harness.js';

let h: GrpcHarness;
let storeId: string;

beforeAll(async () => {
  h = await startGrpcHarness('model_limits');
  storeId = (await h.call<{ id: string }>('CreateStore', { name: 'model-limits' })).response.id;
});

afterAll(async () => {
  await h?.close();
});

const writeRequest = (model: AuthorizationModel) => {
  const encoded = encodeModel(model);
  return { store_id: storeId, schema_version: encoded.schema_version, type_definitions: encoded.type_definitions, conditions: encoded.conditions };
};

async function writeModel(model: AuthorizationModel): Promise<string> {
  const started = performance.now();
  const written = await h.call<{ authorization_model_id: string }>('WriteAuthorizationModel', writeRequest(model));
  expect(performance.now() - started).toBeLessThan(5000);
  return written.response.authorization_model_id;
}

async function check(modelId: string, object: string, relation: string, user: string): Promise<boolean> {
  const answer = await h.call<{ allowed: boolean }>('Check', { store_id: storeId, authorization_model_id: modelId, tuple_key: { object, relation, user } });
  return answer.response.allowed;
}

describe('WriteAuthorizationModel limits and large models', () => {
  it('writes the 29-relation r_i: r_(i-1) or r_(i-2) chain (seconds before) and checks through it', async () => {
    const modelId = await writeModel(fibonacciChain(29));
    await h.call('Write', { store_id: storeId, authorization_model_id: modelId, writes: { tuple_keys: [{ object: 'doc:a', relation: 'r0', user: 'user:anne' }] } });
    // r20: every path to r0 is at most 20 hops, within Check's resolution depth (25).
    expect(await check(modelId, 'doc:a', 'r20', 'user:anne')).toBe(true);
    expect(await check(modelId, 'doc:a', 'r20', 'user:bob')).toBe(false);
  });

  it('writes 3000 relations of [user] or r_(i-1) (38 s for 800 before) and checks through the chain', async () => {
    const modelId = await writeModel(userChain(3000));
    await h.call('Write', { store_id: storeId, authorization_model_id: modelId, writes: { tuple_keys: [{ object: 'doc0:a', relation: 'r2990', user: 'user:anne' }] } });
    expect(await check(modelId, 'doc0:a', 'r2999', 'user:anne')).toBe(true);
    expect(await check(modelId, 'doc0:a', 'r10', 'user:anne')).toBe(false);
  });

  it('writes a model with a 100-deep nested rewrite, as OpenFGA does', async () => {
    const modelId = await writeModel(nestedRewrite(100));
    await h.call('Write', { store_id: storeId, authorization_model_id: modelId, writes: { tuple_keys: [{ object: 'doc:a', relation: 'viewer', user: 'user:anne' }] } });
    expect(await check(modelId, 'doc:a', 'viewer', 'user:anne')).toBe(true);
    const read = await h.call<{ authorization_model: { id: string } }>('ReadAuthorizationModel', { store_id: storeId, id: modelId });
    expect(read.response.authorization_model.id).toBe(modelId);
  });

  it('refuses a model over 256 KiB with exceeded_entity_limit, naming the size and the limit', async () => {
    const failure = await h.fail('WriteAuthorizationModel', writeRequest(userChain(6000)));
    expect(failure.grpcCode).toBe(status.INVALID_ARGUMENT);
    expect(failure.openfgaCode).toBe(ErrorCode.ExceededEntityLimit);
    expect(failure.message).toMatch(/model exceeds size limit: \d+ bytes vs 262144 bytes/);
  });

  it('refuses more than 100 types with exceeded_entity_limit', async () => {
    const failure = await h.fail('WriteAuthorizationModel', writeRequest(userChain(101, 1)));
    expect(failure.grpcCode).toBe(status.INVALID_ARGUMENT);
    expect(failure.openfgaCode).toBe(ErrorCode.ExceededEntityLimit);
    expect(failure.message).toContain('The number of type definitions in an authorization model exceeds the allowed limit of 100');
  });

  it('refuses a rewrite nested deeper than 256 with invalid_authorization_model, not a crash', async () => {
    const failure = await h.fail('WriteAuthorizationModel', writeRequest(nestedRewrite(300)));
    expect(failure.grpcCode).toBe(status.INVALID_ARGUMENT);
    expect(failure.openfgaCode).toBe(ErrorCode.InvalidAuthorizationModel);
    expect(failure.message).toContain('rewrite nested more than 256 levels deep');
  });
});
