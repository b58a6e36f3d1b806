// A real Relata gRPC server on 127.0.0.1:<random port> over PostgreSQL in a fresh schema, and a
// real grpc-js client built from the same .proto files, for the integration suites.
import { credentials, Metadata } from '@grpc/grpc-js';
import type { Client, ServiceError } from '@grpc/grpc-js';
import pg from 'pg';
import { loadConfig } from '../../src/config/index.js';
import { startRelata } from '../../src/cli/compose.js';
import type { RelataRuntime } from '../../src/cli/compose.js';
import { silentLogger } from '../../src/observability/index.js';
import { createPostgresDatastore } from '../../src/storage/postgres/index.js';
import { relataGrpcServices } from '../../src/transport/grpc/index.js';
import { testDatabaseUrl } from '../helpers/services.js';

export interface RpcResult<T> {
  response: T;
  headers: Metadata;
}

/** A failed call: the gRPC status, OpenFGA's code from the `openfga-error-code` trailer, the message. */
export interface RpcFailure {
  grpcCode: number;
  openfgaCode: number | undefined;
  message: string;
}

export interface GrpcHarness {
  runtime: RelataRuntime;
  client: Client;
  health: Client;
  call<T = Record<string, unknown>>(method: string, request: object, metadata?: Record<string, string>): Promise<RpcResult<T>>;
  /** Resolves with the failure of a call that must fail (rejects when it succeeds). */
  fail(method: string, request: object, metadata?: Record<string, string>): Promise<RpcFailure>;
  stream<T>(method: string, request: object): Promise<T[]>;
  close(): Promise<void>;
}

type UnaryMethod = (request: object, metadata: Metadata, callback: (error: ServiceError | null, response: unknown) => void) => {
  on(event: 'metadata', listener: (headers: Metadata) => void): void;
};

export async function startGrpcHarness(name: string): Promise<GrpcHarness> {
  const schema = `relata_${name}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const datastore = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 4 });
  const config = loadConfig({ RELATA_DATASTORE_URL: testDatabaseUrl, RELATA_GRPC_ADDR: '127.0.0.1:0', RELATA_METRICS_ADDR: '127.0.0.1:0', RELATA_SHUTDOWN_TIMEOUT_MS: '2000' });
  const runtime = await startRelata(config, { datastore, logger: silentLogger() });
  const services = relataGrpcServices();
  const address = `127.0.0.1:${runtime.grpc.port}`;
  const client = new services.openfga(address, credentials.createInsecure());
  const health = new services.health(address, credentials.createInsecure());

  const toMetadata = (values: Record<string, string> = {}): Metadata => {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(values)) metadata.set(key, value);
    return metadata;
  };

  const call = <T>(method: string, request: object, metadata?: Record<string, string>): Promise<RpcResult<T>> =>
    new Promise((resolve, reject) => {
      let headers = new Metadata();
      const fn = (client as unknown as Record<string, UnaryMethod>)[method].bind(client);
      const pending = fn(request, toMetadata(metadata), (error, response) => (error ? reject(error) : resolve({ response: response as T, headers })));
      pending.on('metadata', (received) => (headers = received));
    });

  const fail = async (method: string, request: object, metadata?: Record<string, string>): Promise<RpcFailure> => {
    try {
      await call(method, request, metadata);
    } catch (error) {
      const e = error as ServiceError;
      const [code] = e.metadata?.get('openfga-error-code') ?? [];
      return { grpcCode: e.code, openfgaCode: code === undefined ? undefined : Number(code), message: e.details };
    }
    throw new Error(`${method} was expected to fail`);
  };

  const stream = <T>(method: string, request: object): Promise<T[]> =>
    new Promise((resolve, reject) => {
      const items: T[] = [];
      const fn = (client as unknown as Record<string, (r: object) => NodeJS.EventEmitter>)[method].bind(client);
      const call = fn(request);
      call.on('data', (item: T) => items.push(item));
      call.on('error', reject);
      call.on('end', () => resolve(items));
    });

  return {
    runtime,
    client,
    health,
    call,
    fail,
    stream,
    close: async () => {
      client.close();
      health.close();
      await runtime.stop();
      const admin = new pg.Client({ connectionString: testDatabaseUrl });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}
