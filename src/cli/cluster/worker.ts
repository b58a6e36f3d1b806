// One worker of `relata serve` with RELATA_WORKERS > 1: today's server (startRelata) on the
// shared gRPC and HTTP ports, without an ops endpoint of its own (the primary serves /metrics
// and /healthz and asks each worker over IPC). SIGTERM (the primary's stop) drains it as today's
// server drains; SIGINT is left to the primary (a terminal's Ctrl-C reaches every process of the
// group, and the primary's SIGTERM must not count as a second signal); a worker whose primary is
// gone stops itself.
import cluster from 'node:cluster';
import type { RelataConfig } from '../../config/index.js';
import { createLogger, exportMetrics } from '../../observability/index.js';
import { startRelata, type RelataRuntime } from '../compose.js';
import { startFailureLine } from '../start-failure.js';
import { toWorker, type FromWorker } from './messages.js';

function send(message: FromWorker): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

export async function runWorker(config: RelataConfig): Promise<void> {
  let runtime: RelataRuntime | undefined;
  let stopping = false;
  const stop = (reason: string): void => {
    if (stopping) {
      if (reason === 'SIGTERM') process.exit(1);
      return;
    }
    stopping = true;
    // Still starting: nothing has been served yet, so there is nothing to drain.
    if (!runtime) process.exit(0);
    runtime.logger.info({ reason }, 'worker stopping');
    runtime.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        runtime?.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => undefined);
  // The primary is gone (killed): no one would stop this process, so it stops itself.
  process.on('disconnect', () => stop('primary gone'));
  process.on('message', (raw: unknown) => {
    const message = toWorker(raw);
    if (!message || !runtime) return;
    const { id, question } = message;
    const started = runtime;
    const answer: Promise<FromWorker> =
      question === 'health'
        ? started.service.ready().then((healthy) => ({ relata: 'answer', id, healthy: healthy && !stopping }))
        : exportMetrics(started.metrics.registry).then((metrics) => ({ relata: 'answer', id, metrics }));
    answer.then(send, () => send({ relata: 'answer', id })).catch(() => undefined);
  });

  try {
    const logger = createLogger({ level: config.logLevel, base: { worker: cluster.worker?.id } });
    runtime = await startRelata({ ...config, metricsAddr: undefined }, { logger });
  } catch (error) {
    await send({ relata: 'start-failed', line: startFailureLine(error) });
    process.exit(1);
  }
  await send({ relata: 'ready', grpcPort: runtime.grpc.port, ...(runtime.http ? { httpPort: runtime.http.port } : {}) });
}
