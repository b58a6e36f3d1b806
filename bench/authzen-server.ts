// A Relata server as `relata serve` composes it, for bench/authzen.ts: the HTTP/JSON listener is
// the composition root's own, on BENCH_HTTP_ADDR (port 0 when unset), never the default :8080
// that a developer's server or a parallel run may hold.
import { loadConfig } from '../src/config/index.js';
import { startRelata } from '../src/cli/compose.js';
import { createLogger } from '../src/observability/index.js';

const config = loadConfig({ ...process.env, RELATA_HTTP_ADDR: process.env.BENCH_HTTP_ADDR ?? '127.0.0.1:0' });
const logger = createLogger({ level: 'warn' });
const runtime = await startRelata(config, { logger });
const stop = async () => {
  await runtime.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
