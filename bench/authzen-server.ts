// A Relata server as `relata serve` composes it, plus the HTTP/JSON listener on BENCH_HTTP_ADDR,
// for bench/authzen.ts while the composition root does not start HTTP by itself yet.
import { loadConfig } from '../src/config/index.js';
import { startRelata } from '../src/cli/compose.js';
import { createLogger } from '../src/observability/index.js';
import { startHttpServer } from '../src/transport/http/index.js';

const config = loadConfig();
const logger = createLogger({ level: 'warn' });
const runtime = await startRelata(config, { logger });
const http = await startHttpServer({
  service: runtime.service,
  logger,
  metrics: runtime.metrics,
  addr: process.env.BENCH_HTTP_ADDR ?? '127.0.0.1:0',
  requestTimeoutMs: config.requestTimeoutMs,
  authzen: { ...config.authzen, maxEvaluations: config.limits.maxChecksPerBatchCheck },
});
const stop = async () => {
  await http.stop(2000);
  await runtime.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
