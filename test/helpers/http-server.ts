// A real HTTP server (and the service behind it) on 127.0.0.1 for integration tests: the memory
// datastore by default, PostgreSQL in a schema of its own when asked.
import { createMetrics, silentLogger } from '../../src/observability/index.js';
import type { Metrics } from '../../src/observability/index.js';
import { createRelataService } from '../../src/service/index.js';
import type { RelataService } from '../../src/service/index.js';
import { MemoryDatastore } from '../../src/storage/memory/index.js';
import type { Datastore } from '../../src/storage/datastore.js';
import { startHttpServer } from '../../src/transport/http/index.js';
import type { HttpServer, HttpServerOptions } from '../../src/transport/http/index.js';

export interface HttpHarness {
  url: string;
  server: HttpServer;
  service: RelataService;
  metrics: Metrics;
  close(): Promise<void>;
}

export async function startHttpHarness(options: Partial<HttpServerOptions> & { datastore?: Datastore } = {}): Promise<HttpHarness> {
  const datastore = options.datastore ?? new MemoryDatastore();
  await datastore.migrate();
  const logger = silentLogger();
  const service = options.service ?? createRelataService({ datastore, logger });
  const metrics = createMetrics();
  const server = await startHttpServer({ service, logger, metrics, addr: '127.0.0.1:0', ...options });
  return {
    url: `http://127.0.0.1:${server.port}`,
    server,
    service,
    metrics,
    close: async () => {
      await server.stop(1000);
      await datastore.close();
    },
  };
}
