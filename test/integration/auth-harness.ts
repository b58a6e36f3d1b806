// A Relata server with authentication on (memory datastore, 127.0.0.1:<random port>), a store with
// a small model written by a full-access caller, and clients with chosen credentials.
import type { ChannelCredentials } from '@grpc/grpc-js';
import { loadConfig } from '../../src/config/index.js';
import { startRelata } from '../../src/cli/compose.js';
import type { RelataRuntime } from '../../src/cli/compose.js';
import { silentLogger } from '../../src/observability/index.js';
import { encodeModel } from '../../src/transport/grpc/codec-model.js';
import { createGrpcCaller, type GrpcCaller } from '../helpers/grpc-caller.js';
import { documentViewerModel } from '../helpers/model-builders.js';


export interface AuthHarness {
  runtime: RelataRuntime;
  address: string;
  storeId: string;
  modelId: string;
  /** A client sending `authorization` (when given) with every call. */
  client(authorization?: string, options?: { credentials?: ChannelCredentials; service?: 'openfga' | 'relata' }): GrpcCaller;
  /** A Check request on the harness's store. */
  check(): object;
  close(): Promise<void>;
}

export const bearer = (token: string): string => `Bearer ${token}`;

/** `adminAuthorization`: a full-access credential the harness uses to create the store and model. */
export async function startAuthHarness(env: Record<string, string>, adminAuthorization: string | undefined, options: { credentials?: ChannelCredentials } = {}): Promise<AuthHarness> {
  const config = loadConfig({ RELATA_DATASTORE_URL: 'memory', RELATA_GRPC_ADDR: '127.0.0.1:0',
    RELATA_HTTP_ADDR: 'off', RELATA_METRICS_ADDR: 'off', RELATA_SHUTDOWN_TIMEOUT_MS: '500', ...env });
  const runtime = await startRelata(config, { logger: silentLogger() });
  const address = `127.0.0.1:${runtime.grpc.port}`;
  const clients: GrpcCaller[] = [];
  const client: AuthHarness['client'] = (authorization, clientOptions = {}) => {
    const caller = createGrpcCaller(address, {
      credentials: clientOptions.credentials ?? options.credentials,
      service: clientOptions.service,
      metadata: authorization === undefined ? {} : { authorization },
    });
    clients.push(caller);
    return caller;
  };
  try {
    const admin = client(adminAuthorization);
    const store = await admin.call<{ id: string }>('CreateStore', { name: 'auth' });
    const model = encodeModel(documentViewerModel);
    const written = await admin.call<{ authorization_model_id: string }>('WriteAuthorizationModel', {
      store_id: store.response.id,
      schema_version: model.schema_version,
      type_definitions: model.type_definitions,
    });
    await admin.call('Write', { store_id: store.response.id, writes: { tuple_keys: [{ object: 'document:1', relation: 'viewer', user: 'user:anne' }] } });
    const storeId = store.response.id;
    return {
      runtime,
      address,
      storeId,
      modelId: written.response.authorization_model_id,
      client,
      check: () => ({ store_id: storeId, tuple_key: { object: 'document:1', relation: 'viewer', user: 'user:anne' } }),
      close: async () => {
        for (const caller of clients) caller.close();
        await runtime.stop();
      },
    };
  } catch (error) {
    for (const caller of clients) caller.close();
    await runtime.stop();
    throw error;
  }
}

/** The value of a counter sample in the runtime's registry (0 when absent). */
export async function counterValue(runtime: RelataRuntime, name: string, labels: Record<string, string>): Promise<number> {
  const metric = await runtime.metrics.registry.getSingleMetric(name)?.get();
  const sample = metric?.values.find((value) => Object.entries(labels).every(([key, expected]) => value.labels[key] === expected));
  return sample?.value ?? 0;
}
