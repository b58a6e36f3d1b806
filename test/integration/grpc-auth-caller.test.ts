// The caller every RPC hands to the service: the authenticated principal, the request id, the
// peer's address, the user agent and the `x-relata-reason` metadata, on every service method the
// gRPC transport calls (unary and streaming, openfga.v1 and relata.v1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator, createPresharedMethod } from '../../src/auth/index.js';
import { transformDslToModel } from '../../src/dsl/index.js';
import { silentLogger } from '../../src/observability/index.js';
import type { Caller } from '../../src/service/caller.js';
import { createRelataService, type RelataService } from '../../src/service/index.js';
import { createMemoryDatastore } from '../../src/storage/memory/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { startGrpcServer, type GrpcServer } from '../../src/transport/grpc/index.js';
import { createGrpcCaller, type GrpcCaller } from '../helpers/grpc-caller.js';

const key = 'caller-test-key-0123456789';
const seen: { method: string; caller: Caller | undefined }[] = [];
let server: GrpcServer;
let openfga: GrpcCaller;
let relata: GrpcCaller;

/** The real service, recording the caller (always the last argument) of every call. */
function recording(service: RelataService): RelataService {
  return new Proxy(service, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || property === 'ready' || property === 'tokensReady') return value;
      return (...args: unknown[]) => {
        const last = args.at(-1) as Caller | undefined;
        seen.push({ method: String(property), caller: last && typeof last === 'object' && 'principal' in last ? last : undefined });
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

beforeAll(async () => {
  const service = createRelataService({ datastore: createMemoryDatastore(), logger: silentLogger() });
  await service.tokensReady();
  server = await startGrpcServer({
    service: recording(service),
    logger: silentLogger(),
    addr: '127.0.0.1:0',
    authenticator: createAuthenticator({ methods: [createPresharedMethod(['unused-key-0123456789abc', key])], required: true }),
  });
  const metadata = { authorization: `Bearer ${key}`, 'x-relata-reason': 'ticket SEC-42: grant anne' };
  openfga = createGrpcCaller(`127.0.0.1:${server.port}`, { metadata });
  relata = createGrpcCaller(`127.0.0.1:${server.port}`, { metadata, service: 'relata' });
});

afterAll(async () => {
  openfga?.close();
  relata?.close();
  await server?.stop(500);
});

describe('the caller passed to the service', () => {
  it('reaches every service method the transport calls', async () => {
    const store = (await openfga.call<{ id: string }>('CreateStore', { name: 'callers' })).response.id;
    const model = encodeModel(transformDslToModel('model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define viewer: [user]\n'));
    const modelId = (await openfga.call<{ authorization_model_id: string }>('WriteAuthorizationModel', { store_id: store, schema_version: '1.1', type_definitions: model.type_definitions })).response
      .authorization_model_id;
    const tuple = { object: 'doc:1', relation: 'viewer', user: 'user:anne' };
    await openfga.call('Write', { store_id: store, writes: { tuple_keys: [tuple] } }, { 'x-request-id': 'req-write-1' });
    await openfga.call('Check', { store_id: store, tuple_key: tuple });
    await openfga.call('BatchCheck', { store_id: store, checks: [{ tuple_key: tuple, correlation_id: 'a' }] });
    await openfga.call('Expand', { store_id: store, tuple_key: { object: 'doc:1', relation: 'viewer' } });
    await openfga.call('ListObjects', { store_id: store, type: 'doc', relation: 'viewer', user: 'user:anne' });
    await openfga.stream('StreamedListObjects', { store_id: store, type: 'doc', relation: 'viewer', user: 'user:anne' });
    await openfga.call('ListUsers', { store_id: store, object: { type: 'doc', id: '1' }, relation: 'viewer', user_filters: [{ type: 'user' }] });
    await openfga.call('Read', { store_id: store });
    await openfga.call('ReadChanges', { store_id: store });
    await openfga.call('GetStore', { store_id: store });
    await openfga.call('UpdateStore', { store_id: store, name: 'renamed' });
    await openfga.call('ListStores', {});
    await openfga.call('ReadAuthorizationModel', { store_id: store, id: modelId });
    await openfga.call('ReadAuthorizationModels', { store_id: store });
    await openfga.call('WriteAssertions', { store_id: store, authorization_model_id: modelId, assertions: [] });
    await openfga.call('ReadAssertions', { store_id: store, authorization_model_id: modelId });
    await relata.call('ListObjectsPage', { store_id: store, type: 'doc', relation: 'viewer', user: 'user:anne' });
    await openfga.call('DeleteStore', { store_id: store });

    const methods = new Set(seen.map((entry) => entry.method));
    expect([...methods].sort()).toEqual(
      [
        'batchCheck',
        'check',
        'createStore',
        'deleteStore',
        'expand',
        'getStore',
        'listObjects',
        'listObjectsPage',
        'listStores',
        'listUsers',
        'read',
        'readAssertions',
        'readAuthorizationModel',
        'readAuthorizationModels',
        'readChanges',
        'streamListObjects',
        'updateStore',
        'write',
        'writeAssertions',
        'writeAuthorizationModel',
      ].sort(),
    );
    for (const { method, caller } of seen) {
      expect(caller, method).toBeDefined();
      expect(caller!.principal, method).toMatchObject({ kind: 'preshared', id: '1' });
      expect(caller!.reason, method).toBe('ticket SEC-42: grant anne');
      expect(caller!.peerAddress, method).toMatch(/^(127\.0\.0\.1|::ffff:127\.0\.0\.1)$/);
      expect(caller!.userAgent, method).toMatch(/grpc-node-js/);
      expect(caller!.requestId, method).toMatch(/^[A-Za-z0-9._:-]+$/);
    }
    expect(seen.find((entry) => entry.method === 'write')?.caller?.requestId).toBe('req-write-1');
    // Logs and audit records get the caller as plain data (its fields are getters).
    expect(JSON.parse(JSON.stringify(seen[0].caller))).toMatchObject({ principal: { kind: 'preshared', id: '1' }, reason: 'ticket SEC-42: grant anne' });
  });
});
