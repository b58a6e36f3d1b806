// RELATA_GRPC_OPENFGA_STATUS_CODES=true: the status code itself is OpenFGA's number (what
// OpenFGA's own gRPC server sends), for clients that switch on it. In-memory store.
import { credentials, Metadata } from '@grpc/grpc-js';
import type { Client, ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRelata } from '../../src/cli/compose.js';
import type { RelataRuntime } from '../../src/cli/compose.js';
import { loadConfig } from '../../src/config/index.js';
import { ErrorCode } from '../../src/model/index.js';
import { silentLogger } from '../../src/observability/index.js';
import { relataGrpcServices } from '../../src/transport/grpc/index.js';

let runtime: RelataRuntime;
let client: Client;

beforeAll(async () => {
  const config = loadConfig({
    RELATA_DATASTORE_URL: 'memory',
    RELATA_GRPC_ADDR: '127.0.0.1:0',
    RELATA_HTTP_ADDR: 'off',
    RELATA_METRICS_ADDR: 'off',
    RELATA_GRPC_OPENFGA_STATUS_CODES: 'true',
  });
  runtime = await startRelata(config, { logger: silentLogger() });
  client = new (relataGrpcServices().openfga)(`127.0.0.1:${runtime.grpc.port}`, credentials.createInsecure());
});

afterAll(async () => {
  client?.close();
  await runtime?.stop();
});

it('sends the OpenFGA code as the gRPC status code', async () => {
  const error = await new Promise<ServiceError>((resolve, reject) =>
    (client as unknown as Record<string, (r: object, m: Metadata, cb: (e: ServiceError | null) => void) => void>).GetStore(
      { store_id: '01HZZZZZZZZZZZZZZZZZZZZZZZ' },
      new Metadata(),
      (e) => (e ? resolve(e) : reject(new Error('expected an error'))),
    ),
  );
  expect(error.code).toBe(ErrorCode.StoreIdNotFound);
  expect(error.details).toBe('Store ID not found');
  expect(error.metadata.get('openfga-error-code')).toEqual(['5002']);
});
