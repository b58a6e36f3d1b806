// relata.v1 WriteTuples / ReadTuples on the wire: over a real gRPC server on PostgreSQL
// (Timestamp in, Timestamp out, the consistency token, ReadChanges) and over HTTP (RFC 3339 in
// and out at /stores/{id}/write-tuples and /read-tuples), with hostile expiries refused as
// INVALID_ARGUMENT / 400 naming the field.
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transformDslToModel } from '../../src/dsl/index.js';
import { ErrorCode } from '../../src/model/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { createGrpcCaller } from '../helpers/grpc-caller.js';
import type { GrpcCaller } from '../helpers/grpc-caller.js';
import { createHttpClient, HttpCallError } from '../helpers/http-client.js';
import { startHttpHarness } from '../helpers/http-server.js';
import type { HttpHarness } from '../helpers/http-server.js';
import { startGrpcHarness } from './grpc-harness.js';
import type { GrpcHarness } from './grpc-harness.js';

const dsl = 'model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define viewer: [user]\n';
let h: GrpcHarness;
let relata: GrpcCaller;
let storeId: string;
let http: HttpHarness;

beforeAll(async () => {
  h = await startGrpcHarness('expiring_tuples');
  relata = createGrpcCaller(`127.0.0.1:${h.runtime.grpc.port}`, { service: 'relata' });
  storeId = (await h.call<{ id: string }>('CreateStore', { name: 'expiring' })).response.id;
  const model = encodeModel(transformDslToModel(dsl));
  await h.call('WriteAuthorizationModel', { store_id: storeId, schema_version: model.schema_version, type_definitions: model.type_definitions });
  http = await startHttpHarness();
});

afterAll(async () => {
  relata?.close();
  await h?.close();
  await http?.close();
});

describe('relata.v1 WriteTuples / ReadTuples over gRPC', () => {
  it('writes an expiring grant, reads its expiry back, and Check answers by it', async () => {
    const seconds = Math.floor(Date.now() / 1000) + 3600;
    const written = await relata.call<{ consistency_token: string }>('WriteTuples', {
      store_id: storeId,
      writes: [
        { tuple_key: { object: 'doc:1', relation: 'viewer', user: 'user:anne' }, expires_at: { seconds: String(seconds), nanos: 500_000_000 } },
        { tuple_key: { object: 'doc:2', relation: 'viewer', user: 'user:anne' } },
      ],
    });
    expect(written.response.consistency_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const read = await relata.call<{ tuples: { key: { object: string }; expires_at: { seconds: string; nanos: number } | null }[] }>('ReadTuples', { store_id: storeId });
    expect(read.response.tuples.map((t) => [t.key.object, t.expires_at ? Number(t.expires_at.seconds) * 1000 + t.expires_at.nanos / 1e6 : null])).toEqual([
      ['doc:1', seconds * 1000 + 500],
      ['doc:2', null],
    ]);
    const check = await h.call<{ allowed: boolean }>('Check', { store_id: storeId, tuple_key: { object: 'doc:1', relation: 'viewer', user: 'user:anne' } });
    expect(check.response.allowed).toBe(true);
    // openfga.v1 Read still works and simply has no field for the expiry.
    const plain = await h.call<{ tuples: unknown[] }>('Read', { store_id: storeId, tuple_key: { object: 'doc:1' } });
    expect(plain.response.tuples).toHaveLength(1);
  });

  it('refuses hostile expiries with INVALID_ARGUMENT naming the field, writing nothing', async () => {
    const key = { object: 'doc:9', relation: 'viewer', user: 'user:zed' };
    const now = Math.floor(Date.now() / 1000);
    const cases = [
      { seconds: String(now - 10), nanos: 0 },
      { seconds: String(now + 20 * 366 * 86400), nanos: 0 },
      { seconds: '253402300800000', nanos: 0 },
      { seconds: '-62135596800', nanos: 1 },
    ];
    for (const expires_at of cases) {
      const failure = await relata.fail('WriteTuples', { store_id: storeId, writes: [{ tuple_key: key, expires_at }] });
      expect({ grpc: failure.grpcCode, code: failure.openfgaCode }).toEqual({ grpc: status.INVALID_ARGUMENT, code: ErrorCode.ValidationError });
      expect(failure.message).toMatch(/writes\[0\]\.expires_at/);
    }
    const missing = await relata.fail('WriteTuples', { store_id: storeId, writes: [{ expires_at: { seconds: String(now + 60) } }] });
    expect(missing.message).toMatch(/writes\[0\]\.tuple_key/);
    const read = await relata.call<{ tuples: unknown[] }>('ReadTuples', { store_id: storeId, tuple_key: { object: 'doc:9' } });
    expect(read.response.tuples).toEqual([]);
  });
});

describe('relata.v1 WriteTuples / ReadTuples over HTTP', () => {
  it('round-trips expires_at as RFC 3339 and refuses a bad one with 400 naming the field', async () => {
    const client = createHttpClient(http.url);
    const store = await client.call<{ id: string }>('POST', '/stores', { name: 'expiring-http' });
    await client.call('POST', `/stores/${store.id}/authorization-models`, encodeModel(transformDslToModel(dsl)));
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const written = await client.call<{ consistency_token: string }>('POST', `/stores/${store.id}/write-tuples`, {
      writes: [{ tuple_key: { object: 'doc:1', relation: 'viewer', user: 'user:anne' }, expires_at: expiresAt }, { tuple_key: { object: 'doc:2', relation: 'viewer', user: 'user:bob' } }],
    });
    expect(written.consistency_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const read = await client.call<{ tuples: { key: { object: string }; expires_at: string | null }[] }>('POST', `/stores/${store.id}/read-tuples`, {});
    expect(read.tuples.map((t) => [t.key.object, t.expires_at])).toEqual([
      ['doc:1', expiresAt],
      ['doc:2', null],
    ]);
    for (const bad of ['yesterday', '2001-01-01T00:00:00Z', 42]) {
      const error = await client
        .call('POST', `/stores/${store.id}/write-tuples`, { writes: [{ tuple_key: { object: 'doc:3', relation: 'viewer', user: 'user:eve' }, expires_at: bad }] })
        .then(() => undefined, (err: unknown) => err as HttpCallError);
      expect(error).toBeInstanceOf(HttpCallError);
      expect(error!.status).toBe(400);
      expect(error!.body).toMatch(/expires_at/);
    }
  });
});
