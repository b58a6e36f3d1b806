// Graceful stop: health turns NOT_SERVING, new calls are refused, and a call that never ends
// (a Health.Watch stream) is cancelled once the drain bound passes. In-memory store.
import { credentials, Metadata, status } from '@grpc/grpc-js';
import type { Client, ServiceError } from '@grpc/grpc-js';
import { expect, it } from 'vitest';
import { startRelata } from '../../src/cli/compose.js';
import { loadConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/observability/index.js';
import { relataGrpcServices } from '../../src/transport/grpc/index.js';

it('drains with a bound, then refuses calls', async () => {
  const config = loadConfig({ RELATA_DATASTORE_URL: 'memory', RELATA_GRPC_ADDR: '127.0.0.1:0', RELATA_METRICS_ADDR: 'off', RELATA_SHUTDOWN_TIMEOUT_MS: '300' });
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
