// Graceful stop: health turns NOT_SERVING, new calls are refused, and a call that never ends
// (a Health.Watch stream) is cancelled once the drain bound passes; a call past the request
// timeout ends with DEADLINE_EXCEEDED. In-memory store.
import { credentials, Metadata, status } from '@grpc/grpc-js';
import type { Client, ServiceError } from '@grpc/grpc-js';
import { expect, it } from 'vitest';
import { startRelata } from '../../src/cli/compose.js';
import { loadConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/observability/index.js';
import { relataGrpcServices } from '../../src/transport/grpc/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { transformDslToModel } from '../../src/dsl/index.js';
import { createMemoryDatastore } from '../../src/storage/memory/index.js';
import type { TupleReader } from '../../src/engine/read/tuple-reader.js';
import { createGrpcCaller } from '../helpers/grpc-caller.js';

it('drains with a bound, then refuses calls', async () => {
  const config = loadConfig({ RELATA_DATASTORE_URL: 'memory', RELATA_GRPC_ADDR: '127.0.0.1:0', RELATA_HTTP_ADDR: 'off', RELATA_METRICS_ADDR: 'off', RELATA_SHUTDOWN_TIMEOUT_MS: '300' });
  const runtime = await startRelata(config, { logger: silentLogger() });
  const services = relataGrpcServices();
  const address = `127.0.0.1:${runtime.grpc.port}`;
  const health = new services.health(address, credentials.createInsecure());
  const client: Client = new services.openfga(address, credentials.createInsecure());

  const watch = (health as unknown as { Watch: (r: object) => NodeJS.EventEmitter }).Watch({ service: '' });
  const first = await new Promise<{ status: string }>((resolve) => watch.once('data', resolve));
  expect(first.status).toBe('SERVING');
  const ended = new Promise<void>((resolve) => {
    watch.on('error', () => resolve());
    watch.on('end', () => resolve());
  });

  const started = Date.now();
  await runtime.stop();
  expect(Date.now() - started).toBeLessThan(5000);
  await ended;

  const error = await new Promise<ServiceError>((resolve, reject) =>
    (client as unknown as Record<string, (r: object, m: Metadata, o: object, cb: (e: ServiceError | null) => void) => void>).ListStores(
      {},
      new Metadata(),
      { deadline: Date.now() + 2000 },
      (e) => (e ? resolve(e) : reject(new Error('expected a failure'))),
    ),
  );
  expect([status.UNAVAILABLE, status.DEADLINE_EXCEEDED]).toContain(error.code);
  health.close();
  client.close();
});

it('ends a call that outlives RELATA_REQUEST_TIMEOUT_MS with DEADLINE_EXCEEDED, and keeps serving', async () => {
  const datastore = createMemoryDatastore();
  const config = loadConfig({ RELATA_DATASTORE_URL: 'memory', RELATA_GRPC_ADDR: '127.0.0.1:0', RELATA_HTTP_ADDR: 'off', RELATA_METRICS_ADDR: 'off', RELATA_REQUEST_TIMEOUT_MS: '100', RELATA_CACHE_ENABLED: 'false' });
  const runtime = await startRelata(config, { datastore, logger: silentLogger() });
  const caller = createGrpcCaller(`127.0.0.1:${runtime.grpc.port}`);
  try {
    const storeId = (await caller.call<{ id: string }>('CreateStore', { name: 'slow' })).response.id;
    const model = encodeModel(transformDslToModel('model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define viewer: [user]\n'));
    await caller.call('WriteAuthorizationModel', { store_id: storeId, schema_version: model.schema_version, type_definitions: model.type_definitions });
    const fastReader = datastore.tupleReader.bind(datastore);
    const slow = <T>(read: () => Promise<T>) => new Promise<T>((resolve) => setTimeout(() => resolve(read()), 400));
    datastore.tupleReader = (id): TupleReader => {
      const reader = fastReader(id);
      return {
        readByObjects: (query) => slow(() => reader.readByObjects(query)),
        readByUsers: (query) => slow(() => reader.readByUsers(query)),
      };
    };
    const check = { store_id: storeId, tuple_key: { object: 'doc:1', relation: 'viewer', user: 'user:anne' } };
    const failure = await caller.fail('Check', check);
    expect(failure.grpcCode).toBe(status.DEADLINE_EXCEEDED);
    datastore.tupleReader = fastReader;
    expect((await caller.call<{ allowed: boolean }>('Check', check)).response.allowed).toBe(false);
  } finally {
    caller.close();
    await runtime.stop();
  }
});
