// A real Relata gRPC server on 127.0.0.1:<random port> over PostgreSQL in a fresh schema, and a
// real grpc-js client built from the same .proto files, for the integration suites.
import { loadConfig } from '../../src/config/index.js';
import { startRelata } from '../../src/cli/compose.js';
import type { RelataRuntime } from '../../src/cli/compose.js';
import { silentLogger } from '../../src/observability/index.js';
import { createPostgresDatastore } from '../../src/storage/postgres/index.js';
import { createGrpcCaller, type GrpcCaller } from '../helpers/grpc-caller.js';
import { dropTestSchema, testDatabaseUrl } from '../helpers/services.js';

export type { RpcFailure, RpcResult } from '../helpers/grpc-caller.js';

export interface GrpcHarness extends Omit<GrpcCaller, 'close'> {
  runtime: RelataRuntime;
  /** The PostgreSQL schema holding this harness's data. */
  schema: string;
  close(): Promise<void>;
}

/** `env`: extra config variables (e.g. RELATA_REQUEST_TIMEOUT_MS) over the harness's own. */
export async function startGrpcHarness(name: string, env: Record<string, string> = {}): Promise<GrpcHarness> {
  const schema = `relata_${name}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const datastore = await createPostgresDatastore({ connectionString: testDatabaseUrl, schema, maxConnections: 4 });
  const config = loadConfig({ RELATA_DATASTORE_URL: testDatabaseUrl, RELATA_GRPC_ADDR: '127.0.0.1:0', RELATA_HTTP_ADDR: '127.0.0.1:0', RELATA_METRICS_ADDR: '127.0.0.1:0', RELATA_SHUTDOWN_TIMEOUT_MS: '2000', ...env });
  const runtime = await startRelata(config, { datastore, logger: silentLogger() });
  const caller = createGrpcCaller(`127.0.0.1:${runtime.grpc.port}`);

  return {
    ...caller,
    runtime,
    schema,
    close: async () => {
      caller.close();
      await runtime.stop();
      await dropTestSchema(schema);
    },
  };
}
