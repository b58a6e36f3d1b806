// relata.v1 DeleteTuples over a real gRPC server on PostgreSQL: dry run, delete, the changelog,
// the consistency token, and bad filters with their status and OpenFGA code.
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import { ErrorCode } from '../../src/model/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { createGrpcCaller } from '../helpers/grpc-caller.js';
import type { GrpcCaller } from '../helpers/grpc-caller.js';
import { startGrpcHarness } from './grpc-harness.js';
import type { GrpcHarness } from './grpc-harness.js';

let h: GrpcHarness;
let relata: GrpcCaller;
let storeId: string;

beforeAll(async () => {
  h = await startGrpcHarness('bulk_delete');
  relata = createGrpcCaller(`127.0.0.1:${h.runtime.grpc.port}`, { service: 'relata' });
  storeId = (await h.call<{ id: string }>('CreateStore', { name: 'bulk-delete' })).response.id;
  const model = encodeModel(transformDslToModel('model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define viewer: [user]\n    define editor: [user]\n'));
  await h.call('WriteAuthorizationModel', { store_id: storeId, schema_version: model.schema_version, type_definitions: model.type_definitions });
});

afterAll(async () => {
  relata?.close();
  await h?.close();
});

describe('relata.v1 DeleteTuples', () => {
  it('counts, deletes in batches, and writes one changelog entry per tuple', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => ({ object: `doc:${i}`, relation: 'viewer', user: 'user:anne' }));
    await h.call('Write', { store_id: storeId, writes: { tuple_keys: [...keys, { object: 'doc:0', relation: 'editor', user: 'user:anne' }] } });
    const dry = await relata.call<{ matched_count: string; batch_count: number }>('DeleteTuples', { store_id: storeId, object_type: 'doc', relation: 'viewer', dry_run: true });
    expect(dry.response).toMatchObject({ matched_count: '30', batch_count: 0 });
    const done = await relata.call<{ matched_count: string; batch_count: number; consistency_token: string }>('DeleteTuples', {
      store_id: storeId, object_type: 'doc', relation: 'viewer', user: 'user:anne', batch_size: 8,
    });
    expect(done.response).toMatchObject({ matched_count: '30', batch_count: 4 });
    expect(done.response.consistency_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const read = await h.call<{ tuples: { key: { relation: string } }[] }>('Read', { store_id: storeId, page_size: { value: 100 } });
    expect(read.response.tuples.map((t) => t.key.relation)).toEqual(['editor']);
    const changes = await h.call<{ changes: { operation: string }[] }>('ReadChanges', { store_id: storeId, page_size: { value: 100 } });
    expect(changes.response.changes.filter((c) => c.operation === 'TUPLE_OPERATION_DELETE')).toHaveLength(30);
  });

  it('refuses a bad filter with INVALID_ARGUMENT naming the field', async () => {
    const cases: [Record<string, unknown>, ErrorCode, RegExp][] = [
      [{ store_id: storeId }, ErrorCode.ValidationError, /object_type/],
      [{ store_id: storeId, object_type: 'doc', user: 'nobody' }, ErrorCode.ValidationError, /user/],
      [{ store_id: storeId, object_type: 'doc', batch_size: 5000 }, ErrorCode.ValidationError, /batch_size/],
      [{ store_id: storeId, object_type: 'doc', relation: 'owner' }, ErrorCode.RelationNotFound, /owner/],
      [{ store_id: 'x', object_type: 'doc' }, ErrorCode.ValidationError, /store_id/],
    ];
    for (const [request, code, message] of cases) {
      const failure = await relata.fail('DeleteTuples', request);
      expect({ grpc: failure.grpcCode, code: failure.openfgaCode }).toEqual({ grpc: status.INVALID_ARGUMENT, code });
      expect(failure.message).toMatch(message);
    }
  });
});
